"""Live explorers for JupyterLab: thin ipywidgets shells over tested pure functions.

In the book these are replaced by a "runs in JupyterLab" notice (see docs/decisions/0001).
Outputs are written with ``append_display_data`` (never ``print`` inside ``with out:``), so strict
nbval stays clean, and a filter that matches nothing says so instead of erroring.
"""

from __future__ import annotations

import html
from typing import Any
from collections.abc import Mapping

import ipywidgets as w
import pandas as pd
from IPython.display import HTML

from ..figures import plotly_bundle
from . import describe_selection, filter_events
from .timeline_chart import VIEWS, event_citation, event_label, timeline_figure


def event_detail_html(
    row: pd.Series, citations: Mapping[str, str] | None = None, actor_names: Mapping[str, str] | None = None
) -> str:
    """An event as a small HTML card: title, date, summary, tracks, actors (by name), note and citation."""
    parts = [f"<h4>{html.escape(row['title'])}</h4>", f"<p><strong>Date:</strong> {html.escape(row['start_text'])}"]
    end_text = row.get("end_text")
    if isinstance(end_text, str) and end_text:
        parts[-1] += f" to {html.escape(end_text)}"
    parts[-1] += f" &middot; <strong>Category:</strong> {html.escape(event_label(row['category']))}</p>"
    parts.append(f"<p>{html.escape(row['summary'])}</p>")
    if row.get("tracks"):
        parts.append(f"<p><strong>Tracks:</strong> {html.escape(', '.join(row['tracks']))}</p>")
    if row.get("actors"):
        names = actor_names or {}
        parts.append(f"<p><strong>Actors:</strong> {html.escape(', '.join(names.get(a, a) for a in row['actors']))}</p>")
    note = row.get("note")
    if isinstance(note, str) and note.strip():
        parts.append(f"<p><strong>Note:</strong> {html.escape(note)}</p>")
    parts.append(f"<p><em>Source: {html.escape(event_citation(row, citations))}</em></p>")
    return "".join(parts)


def _options(values) -> list[str]:
    return sorted({v for v in values if isinstance(v, str) and v})


def actor_options(events: pd.DataFrame, actor_names: Mapping[str, str] | None = None) -> list[tuple[str, str]]:
    """(label, id) for every actor that has events, labelled by name (id only where no name is known),
    sorted by label."""
    names = actor_names or {}
    ids = _options(a for acts in events["actors"] for a in acts)
    return sorted(((names.get(a, a), a) for a in ids), key=lambda pair: pair[0].casefold())


def timeline_explorer(
    events: pd.DataFrame,
    periods: pd.DataFrame,
    citations: Mapping[str, str] | None = None,
    actor_names: Mapping[str, str] | None = None,
) -> w.VBox:
    """Filter the events by period, category, track, actor and text; switch the lanes (by category,
    track or armed group, as in the book); see the figure and any event's detail."""
    period_labels = dict(zip(periods["id"], periods["label"]))
    layout = w.Layout(width="auto")
    period = w.SelectMultiple(
        options=[(period_labels[p], p) for p in periods.sort_values("start")["id"]], description="Periods", rows=5, layout=layout
    )
    category = w.SelectMultiple(
        options=[(event_label(c), c) for c in _options(events["category"])], description="Categories", rows=5, layout=layout
    )
    track = w.SelectMultiple(
        options=[(f"Track {t}", t) for t in _options(t for ts in events["tracks"] for t in ts)],
        description="Tracks",
        rows=4,
        layout=layout,
    )
    actor = w.SelectMultiple(options=actor_options(events, actor_names), description="Actors", rows=5, layout=layout)
    lanes = w.ToggleButtons(options=[(label, view) for view, label in VIEWS], value="category", description="Lanes")
    search = w.Text(description="Search", placeholder="a word in the title or summary", continuous_update=False)
    status = w.HTML()
    chart = w.Output()
    pick = w.Dropdown(description="Event", options=[], layout=w.Layout(width="95%"))
    detail = w.Output()
    state: dict[str, Any] = {"selected": events.iloc[0:0]}

    def show_detail(*_):
        detail.outputs = ()
        selected = state["selected"]
        if pick.value is None or selected.empty:
            return
        row = selected[selected["id"] == pick.value].iloc[0]
        detail.append_display_data(HTML(event_detail_html(row, citations, actor_names)))

    def refresh(*_):
        selected = filter_events(
            events, periods=period.value, categories=category.value, tracks=track.value, actors=actor.value, text=search.value
        )
        state["selected"] = selected
        status.value = f"<p role='status'>{html.escape(describe_selection(selected, len(events)))}</p>"
        chart.outputs = ()
        if not selected.empty:
            fig = timeline_figure(
                selected,
                periods,
                citations=citations,
                actor_names=actor_names,
                view=lanes.value,
                title=f"Selected events ({len(selected)})",
            )
            chart.append_display_data(plotly_bundle(fig))
        pick.options = [(f"{r.start_text}: {r.title}", r.id) for r in selected.itertuples(index=False)]
        pick.value = pick.options[0][1] if pick.options else None
        show_detail()

    for control in (period, category, track, actor, search, lanes):
        control.observe(refresh, names="value")
    pick.observe(show_detail, names="value")
    refresh()
    filters = w.HBox([period, category, track, actor])
    return w.VBox([filters, search, lanes, status, chart, pick, detail])
