"""Figures for the ripeness-versus-readiness model (:mod:`tracktwo.ripeness`).

* :func:`assessment_figure`: one assessment (the live explorer redraws it on every change).
* :func:`explorer_figure`: the static explorer for the book: a dropdown switches among the 16
  precomputed states of :func:`tracktwo.ripeness.static_states` (``method: "update"``), so it works
  with no kernel. Both call :func:`tracktwo.ripeness.assess` through the same helper.

Yes and no differ by marker shape (filled circle, cross) and by the words "high"/"low" or
"yes"/"no" beside each marker, not by colour alone.
"""

from __future__ import annotations

import textwrap
from typing import Any
from collections.abc import Mapping

import plotly.graph_objects as go

from . import INGREDIENT_LABELS, INGREDIENTS, Assessment, assess_static, static_states
from ..figures import COURSE_TEMPLATE, describe

YES, NO = "#009E73", "#D55E00"
ROWS = [INGREDIENT_LABELS[k] for k in INGREDIENTS] + ["Ready (motivation and optimism)", "Ripe (both: stalemate and way out)"]


def _points(x: Assessment) -> dict[str, list[Any]]:
    """x, y, symbol, colour and text of every marker, for one assessment."""
    xs, ys, flags, words = [], [], [], []
    for col, r in enumerate((x.a, x.b)):
        for row, key in enumerate(INGREDIENTS):
            xs.append(col), ys.append(5 - row), flags.append(getattr(r, key))
            words.append("high" if getattr(r, key) else "low")
        xs.append(col), ys.append(1), flags.append(r.ready), words.append("yes" if r.ready else "no")
    xs.append(0.5), ys.append(0), flags.append(x.ripe), words.append("yes" if x.ripe else "no")
    return {
        "x": xs,
        "y": ys,
        "symbol": ["circle" if f else "x" for f in flags],
        "color": [YES if f else NO for f in flags],
        "text": [f" {w}" for w in words],
    }


def _verdict(x: Assessment, efforts: Mapping[str, Mapping[str, Any]]) -> str:
    label = efforts[x.effort]["label"] if x.effort in efforts else x.effort
    lines = [f"<b>What fits, in this model: {label}</b>"]
    for reason in x.reasons:
        lines.extend(textwrap.wrap(reason, 95))
    return "<br>".join(lines)


def _base(names: tuple[str, str], title: str) -> go.Figure:
    fig = go.Figure()
    fig.add_hline(y=1.5, line=dict(color="#444", width=1, dash="dot"))
    fig.update_layout(
        template=COURSE_TEMPLATE,
        title=dict(text=title, x=0.01, xanchor="left", y=0.98, yanchor="top"),
        height=600,
        showlegend=False,
        margin=dict(l=250, r=10, t=140, b=170),
        xaxis=dict(
            range=[-0.5, 1.9], tickvals=[0, 1], ticktext=list(names), side="top", showgrid=False, zeroline=False, fixedrange=True
        ),
        yaxis=dict(
            range=[-0.6, 5.6],
            tickvals=list(range(5, -1, -1)),
            ticktext=ROWS,
            showgrid=True,
            gridcolor="#eeeeee",
            zeroline=False,
            fixedrange=True,
            automargin=True,
        ),
    )
    return fig


def _add_state(fig: go.Figure, x: Assessment, efforts: Mapping[str, Mapping[str, Any]]) -> None:
    p = _points(x)
    fig.add_trace(
        go.Scatter(
            x=p["x"],
            y=p["y"],
            mode="markers+text",
            text=p["text"],
            textposition="middle right",
            marker=dict(size=18, symbol=p["symbol"], color=p["color"], line=dict(color="#1a1a1a", width=1)),
            hoverinfo="skip",
            cliponaxis=False,
            name="ratings",
        )
    )
    fig.add_annotation(
        text=_verdict(x, efforts),
        xref="paper",
        yref="paper",
        x=-0.6,
        y=-0.04,
        xanchor="left",
        yanchor="top",
        align="left",
        showarrow=False,
        bordercolor="#444",
        borderwidth=1,
        borderpad=6,
        bgcolor="#f7f7f7",
    )


def _row(x: Assessment, efforts: Mapping[str, Mapping[str, Any]]) -> list[str]:
    yn = lambda b: "yes" if b else "no"  # noqa: E731
    label = efforts.get(x.effort, {}).get("label", x.effort)
    return [yn(x.a.stalemate and x.a.way_out), yn(x.a.ready), yn(x.b.stalemate and x.b.way_out), yn(x.b.ready), yn(x.ripe), label]


def assessment_figure(
    x: Assessment,
    efforts: Mapping[str, Mapping[str, Any]],
    names: tuple[str, str] = ("Party A", "Party B"),
    title: str = "Ripeness and readiness: one assessment",
) -> go.Figure:
    """The ratings, the conditions and what fits, for one assessment, with its text alternative."""
    fig = _base(names, title)
    _add_state(fig, x, efforts)
    rows = [
        [INGREDIENT_LABELS[k], "high" if getattr(x.a, k) else "low", "high" if getattr(x.b, k) else "low"] for k in INGREDIENTS
    ]
    rows += [
        ["Ready", "yes" if x.ready_a else "no", "yes" if x.ready_b else "no"],
        ["Ripe (both sides)", "yes" if x.ripe else "no", ""],
    ]
    label = efforts.get(x.effort, {}).get("label", x.effort)
    describe(
        fig,
        summary=(
            f"Ratings for {names[0]} and {names[1]}, the conditions that follow, and what fits "
            f"in this model: {label}. " + " ".join(x.reasons)
        ),
        columns=["Ingredient or condition", names[0], names[1]],
        rows=rows,
    )
    return fig


def _state_label(s: Mapping[str, bool]) -> str:
    mark = lambda b: "✓" if b else "✗"  # noqa: E731
    return (
        f"A: {mark(s['a_ripe_side'])} stalemate & way out, {mark(s['a_ready'])} ready  |  "
        f"B: {mark(s['b_ripe_side'])} stalemate & way out, {mark(s['b_ready'])} ready"
    )


def explorer_figure(efforts: Mapping[str, Mapping[str, Any]], initial: int = 15) -> go.Figure:
    """The static explorer: a dropdown over the 16 precomputed states (see :func:`static_states`)."""
    states = static_states()
    assessments = [assess_static(s) for s in states]
    fig = _base(("Party A", "Party B"), "Ripeness and readiness: choose the parties' state")
    _add_state(fig, assessments[initial], efforts)
    buttons = []
    for s, x in zip(states, assessments):
        p = _points(x)
        buttons.append(
            dict(
                label=_state_label(s),
                method="update",
                args=[
                    {"marker.symbol": [p["symbol"]], "marker.color": [p["color"]], "text": [p["text"]]},
                    {"annotations[0].text": _verdict(x, efforts)},
                ],
            )
        )
    fig.update_layout(
        updatemenus=[
            dict(
                type="dropdown",
                buttons=buttons,
                active=initial,
                direction="down",
                x=-0.6,
                xanchor="left",
                y=1.13,
                yanchor="bottom",
                showactive=True,
                bgcolor="white",
                bordercolor="#444",
                font=dict(size=13),
            )
        ]
    )
    describe(
        fig,
        summary=(
            "An explorer of the ripeness and readiness model. A menu sets, for each of two parties, "
            "whether it perceives a hurting stalemate and a way out (taken together here) and whether it "
            "is ready (motivated and optimistic). The chart marks each ingredient and condition yes or no, "
            "and a box below says what kind of Track Two effort fits, with the reasoning. "
            "The table lists all 16 states."
        ),
        columns=["A: stalemate and way out", "A: ready", "B: stalemate and way out", "B: ready", "Ripe", "What fits"],
        rows=[_row(x, efforts) for x in assessments],
        caption=(
            "A teaching model, not a forecast: ripe needs both parties to perceive a hurting stalemate "
            "and a way out (Zartman); ready needs motivation and optimism (Pruitt)."
        ),
    )
    return fig
