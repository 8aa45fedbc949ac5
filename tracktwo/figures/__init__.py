"""Figure builders: each takes tidy data from :mod:`tracktwo.data` and returns a plotly Figure.

Every figure carries its text alternative (a summary and a data table) in ``layout.meta``; the
book's renderer shows it beside the chart and JupyterLab users can print it with
:func:`text_alternative`.
"""

from __future__ import annotations

from typing import Any
from collections.abc import Sequence

import plotly.graph_objects as go

from .theme import COURSE_TEMPLATE, PALETTE

__all__ = ["COURSE_TEMPLATE", "PALETTE", "describe", "text_alternative"]


def describe(
    fig: go.Figure,
    *,
    summary: str,
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
    title: str | None = None,
    caption: str | None = None,
) -> go.Figure:
    """Attach a text alternative to ``fig`` (in place) and return it.

    ``summary`` is one paragraph saying what the figure shows; ``columns`` and ``rows`` are the
    same data as a table. Values are stored as strings so the JSON stays plain.
    """
    if not summary.strip():
        raise ValueError("a figure needs a summary: say in words what it shows")
    meta = dict(fig.layout.meta) if isinstance(fig.layout.meta, dict) else {}
    meta["tracktwo"] = {
        "title": title or (fig.layout.title.text or ""),
        "summary": summary,
        "caption": caption or "",
        "columns": [str(c) for c in columns],
        "rows": [["" if v is None else str(v) for v in row] for row in rows],
    }
    fig.update_layout(meta=meta)
    return fig


def text_alternative(fig: go.Figure) -> dict[str, Any]:
    """The text alternative attached by :func:`describe` (empty dict if none)."""
    meta = fig.layout.meta
    return dict(meta.get("tracktwo", {})) if isinstance(meta, dict) else {}


class MimeBundle:
    """A display object with a fixed mime bundle (what ``Output.append_display_data`` shows)."""

    def __init__(self, bundle: dict[str, Any]):
        self.bundle = bundle

    def _repr_mimebundle_(self, include=None, exclude=None):
        return self.bundle


def plotly_bundle(fig: go.Figure) -> MimeBundle:
    """The figure as JupyterLab renders it (plotly's JSON mime type), whatever the renderer settings."""
    import json

    import plotly.io as pio

    spec = json.loads(pio.to_json(fig, validate=False))
    return MimeBundle(
        {"application/vnd.plotly.v1+json": spec, "text/plain": f"<Figure: {fig.layout.title.text or 'plotly figure'}>"}
    )
