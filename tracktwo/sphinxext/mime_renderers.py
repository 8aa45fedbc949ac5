"""myst-nb mime renderer plugins, registered through the ``myst_nb.mime_renderers`` entry point.

* :class:`PlotlyMimeRenderer` draws ``application/vnd.plotly.v1+json`` outputs (what plain
  ``fig.show()`` emits with plotly >= 6) with the book's local plotly.js.
* :class:`LiveWidgetNotice` replaces an ipywidgets view with a notice: with no kernel a widget
  would be drawn but do nothing, and a control that does nothing must never look as if it worked.
"""

from __future__ import annotations

import json

from docutils import nodes

from ..figures.static_html import LIVE_WIDGET_NOTICE, plotly_figure_html

PLOTLY_MIME = "application/vnd.plotly.v1+json"
WIDGET_VIEW_MIME = "application/vnd.jupyter.widget-view+json"


class PlotlyMimeRenderer:
    """Render plotly JSON for the HTML builders; other builders fall back to text/plain."""

    mime_priority_overrides = [
        ("html", PLOTLY_MIME, 1),
        ("dirhtml", PLOTLY_MIME, 1),
        ("singlehtml", PLOTLY_MIME, 1),
        ("readthedocs", PLOTLY_MIME, 1),
    ]

    @staticmethod
    def handle_mime(renderer, data, inline):
        if data.mime_type != PLOTLY_MIME:
            return None
        spec = data.content
        if isinstance(spec, str):
            spec = json.loads(spec)
        return [nodes.raw(text=plotly_figure_html(spec), format="html", classes=["output", "tt-plotly-output"])]


class LiveWidgetNotice:
    """Show a clear 'runs in JupyterLab' notice in place of a frozen widget."""

    mime_priority_overrides = ()

    @staticmethod
    def handle_mime(renderer, data, inline):
        if data.mime_type != WIDGET_VIEW_MIME:
            return None
        return [nodes.raw(text=LIVE_WIDGET_NOTICE, format="html", classes=["output", "tt-live-only-output"])]
