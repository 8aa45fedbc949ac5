"""The levels of dialogue (Tracks One, 1.5, Two and Three): the course's own diagram.

The brief's figure (adapted from Jones 2015, Fig. 1.2) is not in its text, so this is an original
drawing from ``data/part1_levels.yaml``: each track placed by how close it is to official diplomacy
(x) and how wide the circle of participants is (y), both ordinal, with the Oslo talks' drift between
levels drawn as arrows. Hovering a track shows who takes part, the audience, deniability and the
facilitator's role; the same facts are in the text alternative.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import plotly.graph_objects as go
from ..yamlfile import citation_keys, read_mapping

from . import COURSE_TEMPLATE, PALETTE, describe
from .theme import SYMBOLS

DEFAULT_PATH = Path(__file__).resolve().parents[2] / "data" / "part1_levels.yaml"
FIELDS = ("id", "name", "short", "official", "breadth", "who", "audience", "deniability", "facilitator", "sources")


class LevelsError(ValueError):
    """data/part1_levels.yaml is invalid; the message names the file, the level and the field."""


@dataclass(frozen=True)
class Levels:
    levels: list[dict[str, Any]]
    drift: dict[str, Any]


def load_levels(path: Path | str | None = None, known_keys=None) -> Levels:
    """Load and check the levels file (fields, ordinal ranges, citation keys, the drift path)."""
    path = Path(path) if path else DEFAULT_PATH
    shown = path.name
    raw = read_mapping(path, ("levels", "drift"), LevelsError)
    if known_keys is None:
        known_keys = citation_keys(path.parent)
    known = set(known_keys)
    ids = []
    for i, lv in enumerate(raw["levels"], 1):
        where = f"level {i}" + (f" '{lv.get('id')}'" if isinstance(lv, dict) else "")
        if not isinstance(lv, dict):
            raise LevelsError(f"{shown}: {where}: must be a mapping")
        for f in FIELDS:
            if f not in lv:
                raise LevelsError(f"{shown}: {where}, field '{f}': missing")
        for f in ("official", "breadth"):
            if not isinstance(lv[f], int) or not 0 <= lv[f] <= 3:
                raise LevelsError(f"{shown}: {where}, field '{f}': must be a whole number from 0 to 3")
        for key in lv["sources"]:
            if key not in known:
                raise LevelsError(f"{shown}: {where}, field 'sources': {key!r} is not a key in references.bib")
        ids.append(lv["id"])
    drift = raw["drift"]
    for step in drift.get("path", []):
        if step not in ids:
            raise LevelsError(f"{shown}: drift, field 'path': {step!r} is not a level id ({', '.join(ids)})")
    for key in drift.get("sources", []):
        if key not in known:
            raise LevelsError(f"{shown}: drift, field 'sources': {key!r} is not a key in references.bib")
    return Levels(levels=list(raw["levels"]), drift=drift)


def levels_figure(data: Levels | None = None) -> go.Figure:
    """The four levels of dialogue, with the Oslo drift, and its text alternative."""
    data = data or load_levels()
    fig = go.Figure()
    pos = {}
    for i, lv in enumerate(data.levels):
        x, y = lv["official"], lv["breadth"]
        pos[lv["id"]] = (x, y)
        hover = (f"<b>{lv['name']}</b><br>Who: {lv['who']}<br>Audience: {lv['audience']}<br>"
                 f"Deniability: {lv['deniability']}<br>Facilitator: {lv['facilitator']}")
        fig.add_trace(go.Scatter(
            x=[x], y=[y], mode="markers+text", name=lv["name"], text=[f"<b>{lv['name']}</b><br>{lv['short']}"],
            textposition="middle right", hovertext=[hover], hoverinfo="text",
            marker=dict(size=26 + 8 * y, color=PALETTE[i % len(PALETTE)], symbol=SYMBOLS[i % len(SYMBOLS)],
                        line=dict(color="#1a1a1a", width=1)),
            cliponaxis=False))
    path = data.drift["path"]
    for start, end in zip(path, path[1:]):
        (x0, y0), (x1, y1) = pos[start], pos[end]
        fig.add_annotation(x=x1, y=y1, ax=x0, ay=y0, xref="x", yref="y", axref="x", ayref="y",
                           showarrow=True, arrowhead=3, arrowsize=1.4, arrowwidth=2, arrowcolor="#444",
                           standoff=22, startstandoff=22, text="")
    fig.add_annotation(x=2.0, y=3.3, xref="x", yref="y", showarrow=False, align="left", xanchor="left",
                       text=f"<i>{data.drift['case']}:</i><br>{data.drift['text'].replace(', then', ',<br>then')}",
                       font=dict(size=12))
    fig.update_layout(
        template=COURSE_TEMPLATE, height=520, showlegend=False,
        title=dict(text="Levels of dialogue: from society to official diplomacy", x=0, xanchor="left"),
        xaxis=dict(title="Closer to official diplomacy →", range=[-0.5, 4.7], tickvals=[0, 3],
                   ticktext=["unofficial", "official"], showgrid=False, zeroline=False, fixedrange=True),
        yaxis=dict(title="Wider circle of participants →", range=[-0.6, 3.6], tickvals=[0, 3],
                   ticktext=["narrow", "wide"], showgrid=False, zeroline=False, fixedrange=True),
        margin=dict(l=60, r=20, t=60, b=60),
    )
    describe(
        fig,
        summary=("A diagram of the four levels of dialogue. Track One (official negotiation) sits at the "
                 "official end with the narrowest circle of participants; Track 1.5, Track Two and Track Three "
                 "sit step by step further from official diplomacy, each with a wider circle of participants, "
                 "Track Three reaching civil society. Arrows show the Oslo talks drifting from Track Two to "
                 "Track 1.5 to Track One as officials joined. Positions are ordinal, not measured, and do not "
                 "rank the levels by importance."),
        columns=["Track", "Who takes part", "Audience", "Deniability", "Facilitator's role"],
        rows=[[lv["name"], lv["who"], lv["audience"], lv["deniability"], lv["facilitator"]] for lv in data.levels],
        caption=f"{data.drift['case']}: {data.drift['text']}",
    )
    return fig
