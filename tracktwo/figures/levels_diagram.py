"""The levels of dialogue (Tracks One, 1.5, Two and Three): the course's own diagram.

The brief's figure (adapted from Jones 2015, Fig. 1.2) is not in its text, so this is an original
drawing from ``data/part1_levels.yaml``: each track placed by how close it is to official diplomacy
(x) and how wide the circle of participants is (y), both ordinal, with the Oslo talks' drift between
levels drawn as arrows. Hovering a track shows who takes part, the audience, deniability and the
facilitator's role; the same facts are in the text alternative.
"""

from __future__ import annotations


import plotly.graph_objects as go
from ..data.content import Levels, load_levels

from . import COURSE_TEMPLATE, PALETTE, describe
from .theme import SYMBOLS


def levels_figure(data: Levels | None = None) -> go.Figure:
    """The four levels of dialogue, with the Oslo drift, and its text alternative."""
    data = data or load_levels()
    fig = go.Figure()
    pos = {}
    for i, lv in enumerate(data.levels):
        x, y = lv["official"], lv["breadth"]
        pos[lv["id"]] = (x, y)
        hover = (
            f"<b>{lv['name']}</b><br>Who: {lv['who']}<br>Audience: {lv['audience']}<br>"
            f"Deniability: {lv['deniability']}<br>Facilitator: {lv['facilitator']}"
        )
        fig.add_trace(
            go.Scatter(
                x=[x],
                y=[y],
                mode="markers+text",
                name=lv["name"],
                text=[f"<b>{lv['name']}</b><br>{lv['short']}"],
                textposition="middle right",
                hovertext=[hover],
                hoverinfo="text",
                marker=dict(
                    size=26 + 8 * y,
                    color=PALETTE[i % len(PALETTE)],
                    symbol=SYMBOLS[i % len(SYMBOLS)],
                    line=dict(color="#1a1a1a", width=1),
                ),
                cliponaxis=False,
            )
        )
    path = data.drift["path"]
    for start, end in zip(path, path[1:]):
        (x0, y0), (x1, y1) = pos[start], pos[end]
        fig.add_annotation(
            x=x1,
            y=y1,
            ax=x0,
            ay=y0,
            xref="x",
            yref="y",
            axref="x",
            ayref="y",
            showarrow=True,
            arrowhead=3,
            arrowsize=1.4,
            arrowwidth=2,
            arrowcolor="#444",
            standoff=22,
            startstandoff=22,
            text="",
        )
    fig.add_annotation(
        x=2.0,
        y=3.3,
        xref="x",
        yref="y",
        showarrow=False,
        align="left",
        xanchor="left",
        text=f"<i>{data.drift['case']}:</i><br>{data.drift['text'].replace(', then', ',<br>then')}",
        font=dict(size=12),
    )
    fig.update_layout(
        template=COURSE_TEMPLATE,
        height=520,
        showlegend=False,
        title=dict(text="Levels of dialogue: from society to official diplomacy", x=0, xanchor="left"),
        xaxis=dict(
            title="Closer to official diplomacy →",
            range=[-0.5, 4.7],
            tickvals=[0, 3],
            ticktext=["unofficial", "official"],
            showgrid=False,
            zeroline=False,
            fixedrange=True,
        ),
        yaxis=dict(
            title="Wider circle of participants →",
            range=[-0.6, 3.6],
            tickvals=[0, 3],
            ticktext=["narrow", "wide"],
            showgrid=False,
            zeroline=False,
            fixedrange=True,
        ),
        margin=dict(l=60, r=20, t=60, b=60),
    )
    describe(
        fig,
        summary=(
            "A diagram of the four levels of dialogue. Track One (official negotiation) sits at the "
            "official end with the narrowest circle of participants; Track 1.5, Track Two and Track Three "
            "sit step by step further from official diplomacy, each with a wider circle of participants, "
            "Track Three reaching civil society. Arrows show the Oslo talks drifting from Track Two to "
            "Track 1.5 to Track One as officials joined. Positions are ordinal, not measured, and do not "
            "rank the levels by importance."
        ),
        columns=["Track", "Who takes part", "Audience", "Deniability", "Facilitator's role"],
        rows=[[lv["name"], lv["who"], lv["audience"], lv["deniability"], lv["facilitator"]] for lv in data.levels],
        caption=f"{data.drift['case']}: {data.drift['text']}",
    )
    return fig
