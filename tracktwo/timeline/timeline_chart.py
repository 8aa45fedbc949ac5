"""The interactive timeline: events in lanes over the bands of the periods, with views to switch.

Works with no kernel (docs/decisions/0001): hover shows each event's summary and source; the
range slider zooms; buttons jump to a period, switch the lanes (by category, by track of dialogue,
by main armed group) or show one category at a time; a legend click hides a category.

Nothing hides: events that share a lane and lie close in time are stacked a little above and below
the lane's line (:func:`stack_offsets`), so no two markers of a view share a position; events with
an end date are also drawn as a bar from start to end. Every category has one colour and symbol in
every figure (:mod:`tracktwo.figures.palette`).

Each marker's ``customdata`` is ``[date, summary, source, event id]``: the page script uses the id
to open the timeline on one event (``#event-<id>``), and ``layout.meta.tracktwo.narrow`` tells it
how to redraw the figure upright on a narrow screen (see ``assets/tracktwo/figures.js``).
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Mapping, Sequence

import pandas as pd
import plotly.graph_objects as go

from ..figures import describe
from ..figures.palette import category_style
from ..figures.theme import COURSE_TEMPLATE

BAND_COLOURS = ["#f2f2f2", "#e3eef8", "#fdf0e3", "#e6f4ee", "#f6e8f1", "#fff7d6"]

#: The brief's account ends with September 2021 (published November 2021): marked on every
#: timeline whose years include it.
BRIEF_CUTOFF = pd.Timestamp("2021-09-30")
BRIEF_CUTOFF_LABEL = "Brief's account ends (Sept 2021; published Nov 2021)"

TRACKS = ["1", "1.5", "2", "3"]
NO_TRACK = "No track tagged"

#: The main armed groups of the actor view (ids of data/actors.csv), each a lane: events in a lane
#: involve that group (most of them with the military, so each lane reads as a dyad).
MAIN_ARMED_GROUPS = ["kia", "knu", "rcss", "uwsa", "mndaa", "tnla", "aa"]

VIEWS = [("category", "By category"), ("track", "By track"), ("actor", "By armed group")]

#: Vertical offsets (in lane units) for the 1st, 2nd, ... marker of a cluster in one lane.
SLOTS = [0.0, 0.24, -0.24, 0.12, -0.12, 0.36, -0.36, 0.06, -0.06, 0.18, -0.18, 0.30, -0.30, 0.42, -0.42]


def event_label(slug: str) -> str:
    return slug.replace("-", " ").capitalize()


def _wrap(text: str, width: int = 60) -> str:
    return "<br>".join(textwrap.wrap(str(text), width)) if text else ""


#: Words after which a full stop does not end a sentence.
ABBREVIATIONS = {"gen", "lt", "col", "maj", "brig", "no", "st", "mr", "mrs", "dr", "vs", "e.g", "i.e", "sec", "fn"}


def first_sentence(text: str, limit: int = 140) -> str:
    """The summary's first sentence (at most ``limit`` characters, cut at a word with an ellipsis):
    what the hover label shows. The full summary, notes and sources are in the events table
    (book/events.md); the page stays light (issue 19)."""
    text = " ".join(str(text or "").split())
    cut = len(text)
    for match in re.finditer(r"[.!?](?=\s+[A-Z'\"(])", text):
        word = text[: match.start()].rsplit(" ", 1)[-1]
        if word and not word[-1].isupper() and word.rstrip(".").lower() not in ABBREVIATIONS:
            cut = match.end()
            break
    sentence = text[:cut]
    if len(sentence) > limit:
        sentence = sentence[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return sentence


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


def _items(value) -> list[str]:
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value if str(v)]
    if isinstance(value, str) and value:
        return [v for v in value.split(";") if v]
    return []


def view_lanes(
    events: pd.DataFrame, view: str, actor_names: Mapping[str, str] | None = None
) -> tuple[list[str], list[list[str]]]:
    """The lanes of a view (top to bottom) and, for each event, the lanes it sits in.

    ``category``: one lane per category present (schema order). ``track``: Track 1, 1.5, 2, 3 and a
    lane for events with no track tagged; an event tagged with two tracks sits in both. ``actor``:
    one lane per main armed group that has events; an event involving none of them is left out of
    this view (the figure's summary says so).
    """
    if view == "category":
        from ..data import allowed_values

        order = [c for c in allowed_values("events", "category") if (events["category"] == c).any()]
        order += sorted(set(events["category"]) - set(order))
        labels = {c: event_label(c) for c in order}
        return [labels[c] for c in order], [[labels[c]] for c in events["category"]]
    if view == "track":
        per = [[f"Track {t}" for t in TRACKS if t in _items(ts)] or [NO_TRACK] for ts in events["tracks"]]
        used = {lane for lanes in per for lane in lanes}
        order = [f"Track {t}" for t in TRACKS if f"Track {t}" in used] + ([NO_TRACK] if NO_TRACK in used else [])
        return order, per
    if view == "actor":
        names = actor_names or {}
        label = {a: names.get(a, a.upper()) for a in MAIN_ARMED_GROUPS}
        per = [[label[a] for a in MAIN_ARMED_GROUPS if a in _items(acts)] for acts in events["actors"]]
        used = {lane for lanes in per for lane in lanes}
        return [label[a] for a in MAIN_ARMED_GROUPS if label[a] in used], per
    raise ValueError(f"unknown view {view!r}; the views are {', '.join(v for v, _ in VIEWS)}")


def stack_offsets(days: Sequence[float], lanes: Sequence[object], window: float) -> list[float]:
    """Offsets (lane units) that keep markers of one lane apart when they lie within ``window`` days.

    Greedy, in time order: each marker takes the first slot of :data:`SLOTS` that no marker of the
    same lane within ``window`` days already holds. Markers with the same day and lane therefore
    never share a position; beyond the listed slots, offsets keep shrinking so they stay distinct.
    """
    order = sorted(range(len(days)), key=lambda i: (days[i], i))
    taken: dict[object, list[tuple[float, int]]] = {}
    out = [0.0] * len(days)
    for i in order:
        near = {slot for d, slot in taken.get(lanes[i], []) if abs(d - days[i]) <= window}
        slot = next(s for s in range(len(SLOTS) + len(near) + 1) if s not in near)
        taken.setdefault(lanes[i], []).append((days[i], slot))
        out[i] = SLOTS[slot] if slot < len(SLOTS) else (0.45 - 0.003 * (slot - len(SLOTS) + 1))
    return out


def timeline_figure(
    events: pd.DataFrame,
    periods: pd.DataFrame,
    *,
    citations: Mapping[str, str] | None = None,
    actor_names: Mapping[str, str] | None = None,
    categories: list[str] | None = None,
    view: str = "category",
    title: str = "Myanmar's peace process, 1948-2026: events in lanes",
) -> go.Figure:
    """Build the timeline figure from the events and periods tables.

    ``categories`` fixes the legend order (default: the order of data/datapackage.json); only
    categories with events get a trace. ``actor_names`` maps actor ids to the names shown in the
    armed-group view (default: the id in capitals). ``view`` is the view drawn first (``category``,
    ``track`` or ``actor``); the figure's buttons switch to the others.
    """
    if view not in dict(VIEWS):
        raise ValueError(f"unknown view {view!r}; the views are {', '.join(v for v, _ in VIEWS)}")
    events = events.assign(_x=plot_dates(events, periods)).sort_values(["start", "id"]).reset_index(drop=True)
    if "end" not in events:
        events["end"] = pd.NaT
    if categories is None:
        from ..data import allowed_values

        categories = allowed_values("events", "category")
    categories = [c for c in categories if (events["category"] == c).any()]
    categories += sorted(set(events["category"]) - set(categories))

    # Lanes and stacking, view by view.
    views = {}
    first_day = events["_x"].min() if len(events) else pd.Timestamp("2000-01-01")
    last_day = max(events["_x"].max(), BRIEF_CUTOFF) if len(events) else pd.Timestamp("2021-12-31")
    span_days = max((last_day - first_day).days, 365)
    window = span_days / 55
    days = [(pd.Timestamp(x) - first_day).days for x in events["_x"]]
    for name, _ in VIEWS:
        order, per = view_lanes(events, name, actor_names)
        y_of = {lane: len(order) - 1 - i for i, lane in enumerate(order)}
        flat_days, flat_lanes, keys = [], [], []
        for i, lanes in enumerate(per):
            for j, lane in enumerate(lanes):
                flat_days.append(days[i])
                flat_lanes.append(lane)
                keys.append((i, j))
        offsets = stack_offsets(flat_days, flat_lanes, window)
        ys = {k: y_of[lane] + off for k, lane, off in zip(keys, flat_lanes, offsets)}
        views[name] = {"order": order, "per": per, "ys": ys}
    copies = [max(1, *(len(views[v]["per"][i]) for v, _ in VIEWS)) for i in range(len(events))]

    def y_values(view: str, rows: list[int], span: bool = False) -> list:
        out = []
        for i in rows:
            for j in range(copies[i]):
                y = views[view]["ys"].get((i, j))
                y = None if y is None else round(y, 3)
                out.extend([y, y, None] if span else [y])
        return out

    fig = go.Figure()
    marker_rows, span_rows = [], []
    for category in categories:
        rows = [i for i in range(len(events)) if events.at[i, "category"] == category]
        colour, symbol = category_style(category)
        custom, xs, texts = [], [], []
        for i in rows:
            r = events.loc[i]
            when = r["start_text"] + (f" to {r['end_text']}" if isinstance(r.get("end_text"), str) and r.get("end_text") else "")
            summary, cite = _wrap(first_sentence(r["summary"])), _wrap(event_citation(r, citations))
            for j in range(copies[i]):
                xs.append(_iso(r["_x"]))
                texts.append(r["title"])
                # A copy (the event's second lane in a view) repeats title, date and source, and points
                # to the first lane for the summary: the page's weight stays low (issue 19).
                custom.append([when, summary if j == 0 else "(Summary: hover the event in its first lane.)", cite, r["id"]])
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=y_values(view, rows),
                mode="markers",
                name=event_label(category),
                legendgroup=category,
                marker=dict(size=12, color=colour, symbol=symbol, line=dict(width=1, color="#1a1a1a")),
                text=texts,
                customdata=custom,
                hovertemplate="<b>%{text}</b> (%{customdata[0]})<br>%{customdata[1]}"
                "<br><i>Source: %{customdata[2]}</i><extra></extra>",
            )
        )
        marker_rows.append(rows)
    for category in categories:
        rows = [i for i in range(len(events)) if events.at[i, "category"] == category and pd.notna(events.at[i, "end"])]
        if not rows:
            continue
        colour, _ = category_style(category)
        xs = []
        for i in rows:
            for _ in range(copies[i]):
                xs.extend([_iso(events.at[i, "_x"]), _iso(max(events.at[i, "end"], events.at[i, "_x"])), None])
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=y_values(view, rows, span=True),
                mode="lines",
                name=f"{event_label(category)} (span)",
                legendgroup=category,
                showlegend=False,
                hoverinfo="skip",
                opacity=0.55,
                line=dict(color=colour, width=5),
            )
        )
        span_rows.append((category, rows))

    # Period bands, the brief's cut-off, and the period buttons.
    last = events["start"].max() if len(events) else pd.Timestamp("2021-12-31")
    open_end = max(pd.Timestamp(last) + pd.DateOffset(months=6), pd.Timestamp("2021-12-31"))
    if len(periods) and periods["end"].notna().all():
        open_end = max(pd.Timestamp(last), pd.Timestamp(periods["end"].max())) + pd.DateOffset(months=6)
    shapes, annotations, buttons = [], [], []
    first_start = periods["start"].min()
    buttons.append(
        dict(
            label="All years",
            method="relayout",
            args=[{"xaxis.range": [_iso(first_start - pd.DateOffset(years=1)), _iso(open_end)]}],
        )
    )
    ordered = periods.sort_values("start")
    short = ordered["short_label"] if "short_label" in ordered else ordered["label"]
    for i, (period, name) in enumerate(zip(ordered.itertuples(index=False), short)):
        end = open_end if pd.isna(period.end) else pd.Timestamp(period.end)
        start = pd.Timestamp(period.start)
        colour = BAND_COLOURS[-1] if period.id == "postbrief" else BAND_COLOURS[i % (len(BAND_COLOURS) - 1)]
        shapes.append(
            dict(
                type="rect",
                xref="x",
                yref="paper",
                x0=_iso(start),
                x1=_iso(end),
                y0=0,
                y1=1,
                fillcolor=colour,
                line=dict(width=0),
                layer="below",
            )
        )
        # Band labels sit above the plot in four staggered rows, so narrow bands never collide.
        annotations.append(
            dict(
                x=_iso(start + (end - start) / 2),
                y=1.0 + 0.05 * (i % 4),
                xref="x",
                yref="paper",
                yanchor="bottom",
                showarrow=False,
                text=name,
                font=dict(size=11),
                hovertext=period.label,
            )
        )
        pad = pd.DateOffset(months=6)
        buttons.append(dict(label=name, method="relayout", args=[{"xaxis.range": [_iso(start - pad), _iso(end + pad)]}]))
    cutoff_shown = len(periods) and first_start <= BRIEF_CUTOFF <= open_end and len(periods) > 1
    if cutoff_shown:
        shapes.append(
            dict(
                type="line",
                xref="x",
                yref="paper",
                x0=_iso(BRIEF_CUTOFF),
                x1=_iso(BRIEF_CUTOFF),
                y0=0,
                y1=1,
                line=dict(color="#444", width=2, dash="dash"),
                layer="above",
            )
        )
        annotations.append(
            dict(
                x=_iso(BRIEF_CUTOFF),
                y=0.995,
                xref="x",
                yref="paper",
                xanchor="left",
                yanchor="top",
                showarrow=False,
                text="Brief's<br>cut-off",
                font=dict(size=10),
                bgcolor="rgba(255,255,255,0.85)",
                hovertext=BRIEF_CUTOFF_LABEL,
                name="cutoff",
            )
        )

    n_traces = len(fig.data)
    trace_category = [c for c in categories] + [c for c, _ in span_rows]
    category_buttons = [dict(label="All categories", method="restyle", args=[{"visible": [True] * n_traces}])]
    for category in categories:
        category_buttons.append(
            dict(
                label=f"Only {event_label(category).lower()}",
                method="restyle",
                args=[{"visible": [c == category for c in trace_category]}],
            )
        )

    def axis_for(view: str) -> dict:
        order = views[view]["order"]
        n = max(len(order), 1)
        return {"yaxis.tickvals": [n - 1 - i for i in range(len(order))], "yaxis.ticktext": order, "yaxis.range": [-0.6, n - 0.4]}

    view_buttons = []
    for name, label in VIEWS:
        ys = [y_values(name, rows) for rows in marker_rows] + [y_values(name, rows, span=True) for _, rows in span_rows]
        view_buttons.append(dict(label=label, method="update", args=[{"y": ys}, axis_for(name)]))

    first_axis = axis_for(view)
    fig.update_layout(
        template=COURSE_TEMPLATE,
        title=dict(text=title, x=0, xanchor="left", y=0.985),
        height=700,
        margin=dict(l=10, r=10, t=210, b=40),
        shapes=shapes,
        annotations=annotations,
        showlegend=True,
        legend=dict(orientation="h", yanchor="top", y=-0.3, x=0),
        xaxis=dict(type="date", rangeslider=dict(visible=True, thickness=0.07), title=None),
        yaxis=dict(
            title=None,
            tickvals=first_axis["yaxis.tickvals"],
            ticktext=first_axis["yaxis.ticktext"],
            range=first_axis["yaxis.range"],
            zeroline=False,
            showgrid=True,
            gridcolor="#dddddd",
            automargin=True,
            fixedrange=True,
        ),
        updatemenus=[
            # Three controls above the band labels: periods; then the lanes' view and one category.
            dict(
                type="buttons",
                direction="right",
                x=0,
                xanchor="left",
                y=1.37,
                yanchor="bottom",
                buttons=buttons,
                showactive=True,
                pad=dict(r=4, t=0),
                font=dict(size=12),
                name="periods",
            ),
            dict(
                type="buttons",
                direction="right",
                x=0,
                xanchor="left",
                y=1.24,
                yanchor="bottom",
                buttons=view_buttons,
                showactive=True,
                active=[v for v, _ in VIEWS].index(view),
                pad=dict(r=4, t=0),
                font=dict(size=12),
                name="views",
            ),
            dict(
                type="dropdown",
                direction="down",
                x=1,
                xanchor="right",
                y=1.24,
                yanchor="bottom",
                buttons=category_buttons,
                showactive=True,
                font=dict(size=12),
                name="categories",
            ),
        ],
    )
    period_labels = dict(zip(periods["id"], periods["label"]))
    table_rows, row_ids = [], []
    for _, r in events.iterrows():
        tracks = ", ".join(_items(r.get("tracks"))) or "-"
        table_rows.append(
            [
                r["start_text"] + (f" to {r['end_text']}" if isinstance(r.get("end_text"), str) and r.get("end_text") else ""),
                r["title"],
                event_label(r["category"]),
                tracks,
                period_labels.get(r["period"], r["period"]),
                event_citation(r, citations),
            ]
        )
        row_ids.append(f"event-{r['id']}")
    periods_text = ", ".join(f"{p.label}" for p in periods.sort_values("start").itertuples(index=False))
    n_actor = sum(1 for lanes in views["actor"]["per"] if lanes)
    n_tracked = sum(1 for ts in events["tracks"] if _items(ts))
    n_spans = sum(len(rows) for _, rows in span_rows)
    describe(
        fig,
        title=title,
        summary=(
            f"A timeline of {len(events)} events from {events['start_text'].iloc[0] if len(events) else ''} "
            f"to {events['start_text'].iloc[-1] if len(events) else ''}, over shaded bands for the periods "
            f"{periods_text}"
            + (". A dashed line marks where the brief's account ends (September 2021)" if cutoff_shown else "")
            + f". Lanes can be switched: by category ({', '.join(event_label(c).lower() for c in categories)}); "
            f"by track of dialogue ({n_tracked} events carry a track tag); or by main armed group "
            f"({n_actor} events involve one of them). {n_spans} events that lasted are drawn as bars. "
            "The table below lists the same events in time order with their sources."
        ),
        columns=["Date", "Event", "Category", "Tracks", "Period", "Source"],
        rows=table_rows,
    )
    meta = dict(fig.layout.meta)
    meta["tracktwo"]["row_ids"] = row_ids
    # How the page script redraws the figure upright on a narrow screen (time down the page).
    meta["tracktwo"]["narrow"] = {"swap": True, "max_width": 600, "height": max(900, 14 * len(events) + 400)}
    fig.update_layout(meta=meta)
    return fig
