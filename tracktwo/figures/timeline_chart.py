"""The interactive timeline: events in lanes by category over the bands of the five periods.

Works with no kernel: hover shows each event's summary and source; the range slider zooms; the
buttons jump to a period or show one category at a time; a legend click hides a category.
"""

from __future__ import annotations

import textwrap
from typing import Mapping

import pandas as pd
import plotly.graph_objects as go

from . import describe
from .theme import COURSE_TEMPLATE, PALETTE, SYMBOLS

BAND_COLOURS = ["#f2f2f2", "#e3eef8", "#fdf0e3", "#e6f4ee", "#f6e8f1"]


def _label(slug: str) -> str:
    return slug.replace("-", " ").capitalize()


def _wrap(text: str, width: int = 60) -> str:
    return "<br>".join(textwrap.wrap(str(text), width)) if text else ""


def _iso(ts) -> str:
    return pd.Timestamp(ts).strftime("%Y-%m-%d")


def plot_dates(events: pd.DataFrame, periods: pd.DataFrame) -> pd.Series:
    """Where each event sits on the time axis.

    An event known only to the year or month starts on the first day of it, which can fall before
    its period begins (a "2021" event of the post-coup period would sit in January, before the
    coup). Such events are drawn at the later of that day and their period's first day; hover and
    tables still show the date as the source gives it.
    """
    starts = dict(zip(periods["id"], periods["start"]))
    period_start = events["period"].map(starts)
    coarse = events["precision"].ne("day") if "precision" in events else pd.Series(False, index=events.index)
    later = period_start.notna() & (period_start > events["start"]) & coarse
    return events["start"].where(~later, period_start)


def event_citation(row: pd.Series, citations: Mapping[str, str] | None = None) -> str:
    """'Author (year), locator' for an event row, from a key -> short citation mapping."""
    key = row["source"]
    cite = (citations or {}).get(key, key)
    locator = row.get("locator") or ""
    return f"{cite}, {locator}" if locator else cite


def timeline_figure(
    events: pd.DataFrame,
    periods: pd.DataFrame,
    *,
    citations: Mapping[str, str] | None = None,
    categories: list[str] | None = None,
    title: str = "Myanmar's peace process, 1948-2021: events by category",
) -> go.Figure:
    """Build the timeline figure from the events and periods tables.

    ``categories`` fixes the lane order, top to bottom (default: the order of the categories in
    data/datapackage.json). Only categories with events get a lane.
    """
    events = events.assign(_x=plot_dates(events, periods)).sort_values(["start", "id"])
    if categories is None:
        from ..data import allowed_values

        categories = allowed_values("events", "category")
    categories = [c for c in categories if (events["category"] == c).any()]
    fig = go.Figure()
    for i, category in enumerate(categories):
        rows = events[events["category"] == category]
        fig.add_trace(
            go.Scatter(
                x=[_iso(t) for t in rows["_x"]],
                y=[_label(category)] * len(rows),
                mode="markers",
                name=_label(category),
                marker=dict(size=12, color=PALETTE[i % len(PALETTE)], symbol=SYMBOLS[i % len(SYMBOLS)],
                            line=dict(width=1, color="#1a1a1a")),
                text=list(rows["title"]),
                customdata=[[r["start_text"], _wrap(r["summary"]), _wrap(event_citation(r, citations))]
                            for _, r in rows.iterrows()],
                hovertemplate="<b>%{text}</b> (%{customdata[0]})<br>%{customdata[1]}"
                              "<br><i>Source: %{customdata[2]}</i><extra></extra>",
            )
        )

    last = events["start"].max() if len(events) else pd.Timestamp("2021-12-31")
    open_end = max(pd.Timestamp(last) + pd.DateOffset(months=6), pd.Timestamp("2021-12-31"))
    if len(periods) and periods["end"].notna().all():
        # A slice of closed periods (a chapter's own years): "All years" ends with the slice.
        open_end = max(pd.Timestamp(last), pd.Timestamp(periods["end"].max())) + pd.DateOffset(months=6)
    shapes, annotations, buttons = [], [], []
    first_start = periods["start"].min()
    buttons.append(dict(label="All years", method="relayout",
                        args=[{"xaxis.range": [_iso(first_start - pd.DateOffset(years=1)), _iso(open_end)]}]))
    ordered = periods.sort_values("start")
    short = ordered["short_label"] if "short_label" in ordered else ordered["label"]
    for i, (period, name) in enumerate(zip(ordered.itertuples(index=False), short)):
        end = open_end if pd.isna(period.end) else pd.Timestamp(period.end)
        start = pd.Timestamp(period.start)
        shapes.append(dict(type="rect", xref="x", yref="paper", x0=_iso(start), x1=_iso(end), y0=0, y1=1,
                           fillcolor=BAND_COLOURS[i % len(BAND_COLOURS)], line=dict(width=0), layer="below"))
        # Band labels sit above the plot in three staggered rows, so narrow bands never collide.
        annotations.append(dict(x=_iso(start + (end - start) / 2), y=1.0 + 0.06 * (i % 3), xref="x", yref="paper",
                                yanchor="bottom", showarrow=False, text=name, font=dict(size=11),
                                hovertext=period.label))
        pad = pd.DateOffset(months=6)
        buttons.append(dict(label=name, method="relayout",
                            args=[{"xaxis.range": [_iso(start - pad), _iso(end + pad)]}]))

    n = len(categories)
    category_buttons = [dict(label="All categories", method="restyle", args=[{"visible": [True] * n}])]
    for i, category in enumerate(categories):
        category_buttons.append(dict(label=f"Only {_label(category).lower()}", method="restyle",
                                     args=[{"visible": [j == i for j in range(n)]}]))

    fig.update_layout(
        template=COURSE_TEMPLATE,
        title=dict(text=title, x=0, xanchor="left", y=0.98),
        height=640,
        margin=dict(l=10, r=10, t=200, b=40),
        shapes=shapes,
        annotations=annotations,
        showlegend=True,
        legend=dict(orientation="h", yanchor="top", y=-0.32, x=0),
        xaxis=dict(type="date", rangeslider=dict(visible=True, thickness=0.08), title=None),
        yaxis=dict(title=None, categoryorder="array", categoryarray=[_label(c) for c in reversed(categories)],
                   automargin=True),
        updatemenus=[
            # Two rows above the band labels: period buttons, then the category menu.
            dict(type="buttons", direction="right", x=0, xanchor="left", y=1.36, yanchor="bottom",
                 buttons=buttons, showactive=True, pad=dict(r=4, t=0), font=dict(size=12)),
            dict(type="dropdown", direction="down", x=0, xanchor="left", y=1.22, yanchor="bottom",
                 buttons=category_buttons, showactive=True, font=dict(size=12)),
        ],
    )
    period_labels = dict(zip(periods["id"], periods["label"]))
    table_rows = [
        [r["start_text"], r["title"], _label(r["category"]), period_labels.get(r["period"], r["period"]),
         event_citation(r, citations)]
        for _, r in events.iterrows()
    ]
    periods_text = ", ".join(f"{p.label}" for p in periods.sort_values("start").itertuples(index=False))
    describe(
        fig,
        title=title,
        summary=(
            f"A timeline of {len(events)} events from {events['start_text'].iloc[0] if len(events) else ''} "
            f"to {events['start_text'].iloc[-1] if len(events) else ''}, one lane per category "
            f"({', '.join(_label(c).lower() for c in categories)}), over shaded bands for the periods "
            f"{periods_text}. The table below lists the same events in time order with their sources."
        ),
        columns=["Date", "Event", "Category", "Period", "Source"],
        rows=table_rows,
    )
    return fig
