"""Turn a plotly figure's JSON into static HTML that draws with the book's local plotly.js.

Pure functions, no Sphinx: the mime renderer and the tests call them directly.

The HTML carries no id and no inline code: a ``<div class="tt-plotly">`` is followed by a
``<script type="application/json">`` holding the figure, and ``assets/tracktwo/figures.js`` draws
every such pair when the page loads. Identical input gives identical output, so stored notebook
outputs and built pages stay deterministic.

A figure built by :func:`tracktwo.figures.describe` carries its text alternative in
``layout.meta["tracktwo"]``: a one-paragraph summary (read out as the figure's description) and a
data table (shown in a collapsible block, which also prints).
"""

from __future__ import annotations

import html
import json
from typing import Any

#: The class that marks a figure container; the asset loader and the tests look for it.
FIGURE_CLASS = "tt-plotly"

#: plotly config applied to every figure in the book: no logo, no link to any online service.
BOOK_PLOTLY_CONFIG: dict[str, Any] = {
    "displaylogo": False,
    "responsive": True,
    "showLink": False,
    "showSendToCloud": False,
    "showEditInChartStudio": False,
    "modeBarButtonsToRemove": ["sendDataToCloud", "select2d", "lasso2d"],
}


def _script_safe_json(obj: Any) -> str:
    """JSON that cannot end or confuse its ``<script>`` element (``<``, ``>``, ``&`` as escapes)."""
    text = json.dumps(obj, separators=(",", ":"), sort_keys=True, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def text_alternative(spec: dict[str, Any]) -> dict[str, Any]:
    """Return the figure's text alternative: {"title", "summary", "columns", "rows"} (may be empty)."""
    layout = spec.get("layout") or {}
    meta = layout.get("meta") or {}
    alt = meta.get("tracktwo") if isinstance(meta, dict) else None
    alt = alt if isinstance(alt, dict) else {}
    title = layout.get("title")
    if isinstance(title, dict):
        title = title.get("text")
    return {
        "title": alt.get("title") or (title if isinstance(title, str) else ""),
        "summary": alt.get("summary", ""),
        "columns": list(alt.get("columns", [])),
        "rows": [list(r) for r in alt.get("rows", [])],
        "caption": alt.get("caption", ""),
        "row_ids": [str(i) for i in alt.get("row_ids", [])],
    }


def _table_html(columns: list[str], rows: list[list[Any]], caption: str, row_ids: list[str] | None = None) -> str:
    head = "".join(f'<th scope="col">{html.escape(str(c))}</th>' for c in columns)
    ids = list(row_ids or []) if len(row_ids or []) == len(rows) else []
    body = "".join(
        (f'<tr id="{html.escape(ids[i], quote=True)}">' if ids else "<tr>")
        + "".join(f"<td>{html.escape('' if v is None else str(v))}</td>" for v in row)
        + "</tr>"
        for i, row in enumerate(rows)
    )
    cap = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    return f'<table class="tt-fig-table">{cap}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


#: Parts of the text alternative that the page already shows as HTML (summary, data table): left out
#: of the figure's JSON, which would otherwise carry them twice. Other keys (e.g. "narrow", read by
#: assets/tracktwo/figures.js) stay.
_SHOWN_AS_HTML = ("title", "summary", "caption", "columns", "rows", "row_ids")


def _drawn_layout(layout: dict[str, Any]) -> dict[str, Any]:
    meta = layout.get("meta") if isinstance(layout, dict) else None
    alt = meta.get("tracktwo") if isinstance(meta, dict) else None
    if not isinstance(alt, dict):
        return layout
    kept = {k: v for k, v in alt.items() if k not in _SHOWN_AS_HTML}
    meta = {k: v for k, v in meta.items() if k != "tracktwo"}
    if kept:
        meta["tracktwo"] = kept
    out = {k: v for k, v in layout.items() if k != "meta"}
    if meta:
        out["meta"] = meta
    return out


#: plotly's height when a layout gives none; assets/tracktwo/figures.js's upright (narrow) height.
DEFAULT_HEIGHT = 450
NARROW_MIN_HEIGHT, NARROW_DEFAULT_HEIGHT, NARROW_DEFAULT_MAX_WIDTH = 1000, 1200, 600


def _reserved_size(layout: dict[str, Any]) -> str:
    """The figure box's height before plotly draws it (``style`` custom properties read by course.css):
    the layout's height, and for a figure drawn upright on narrow screens (``meta.tracktwo.narrow``)
    that height too, as figures.js computes it, so nothing below the figure moves when it is drawn."""
    height = layout.get("height") if isinstance(layout.get("height"), int | float) else DEFAULT_HEIGHT
    style = f"--tt-h:{int(height)}px"
    meta = layout.get("meta") if isinstance(layout.get("meta"), dict) else {}
    narrow = (meta.get("tracktwo") or {}).get("narrow") if isinstance(meta.get("tracktwo"), dict) else None
    attrs = ""
    if isinstance(narrow, dict):
        tall = max(int(narrow.get("height") or NARROW_DEFAULT_HEIGHT), NARROW_MIN_HEIGHT)
        style += f";--tt-hn:{tall}px"
        attrs = f' data-tt-narrow="{int(narrow.get("max_width") or NARROW_DEFAULT_MAX_WIDTH)}"'
    return f' style="{style}"{attrs}'


def plotly_figure_html(spec: dict[str, Any]) -> str:
    """Static HTML for one plotly figure spec (``{"data": [...], "layout": {...}, "config": {...}}``)."""
    if not isinstance(spec, dict) or not isinstance(spec.get("data", []), list):
        raise ValueError("a plotly figure spec must be a JSON object with a 'data' list")
    alt = text_alternative(spec)
    config = dict(BOOK_PLOTLY_CONFIG)
    config.update(spec.get("config") or {})
    payload = {"data": spec.get("data", []), "layout": _drawn_layout(spec.get("layout", {})), "config": config}
    label = alt["title"] or "Interactive chart"
    caption = alt["caption"] or alt["title"]
    parts = ['<figure class="tt-figure">']
    if caption:
        parts.append(f'<figcaption class="tt-fig-caption">{html.escape(caption)}</figcaption>')
    if alt["summary"]:
        # The summary is the figure's description: visible text that screen readers reach in order.
        parts.append(f'<p class="tt-fig-summary">{html.escape(alt["summary"])}</p>')
    parts.append(
        f'<div class="{FIGURE_CLASS}" role="group" aria-label="{html.escape(label, quote=True)}"'
        f' data-tt-figure=""{_reserved_size(spec.get("layout") or {})}>'
        "<noscript>This chart needs JavaScript; its data table follows.</noscript></div>"
    )
    parts.append(f'<script type="application/json" class="tt-plotly-data">{_script_safe_json(payload)}</script>')
    if alt["columns"]:
        n = len(alt["rows"])
        parts.append(
            f'<details class="tt-fig-data"><summary>Data table ({n} row{"s" if n != 1 else ""})</summary>'
            + _table_html(alt["columns"], alt["rows"], alt["caption"] or alt["title"], alt["row_ids"])
            + "</details>"
        )
    parts.append("</figure>")
    return "".join(parts)


LIVE_WIDGET_NOTICE = (
    '<aside class="tt-live-only" role="note">'
    '<p class="tt-live-only-title">Live control: runs in JupyterLab</p>'
    "<p>This control recomputes in Python, so it needs a running kernel and is not shown in the "
    "book. Everything above it works in this page. To use it, run <code>make lab</code> in the "
    "course folder and open this notebook from <code>notebooks/</code>.</p>"
    "</aside>"
)
