"""Peace architectures compared: each period's bodies placed by the functions they had.

A grid with one row per period and one column per function (decision, negotiation, technical
support, outreach, monitoring, political dialogue, deadlock-breaking). A cell names the bodies of
that period with that function; hover gives each body's full name, what it was, and its source.
Colour, marker symbol and the row label all show the period, so colour is never the only signal.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from . import describe
from .theme import COURSE_TEMPLATE, PALETTE
from ..architecture import FUNCTION_LABELS
from ..citations import cite

__all__ = ["architecture_cells", "architecture_figure", "short_name"]


def short_name(row: Mapping | pd.Series) -> str:
    """The acronym, or a short form of the name for bodies without one (a display name only)."""
    if row.get("acronym"):
        return str(row["acronym"])
    name = str(row["name"])
    return {"Military Intelligence liaison system": "MI liaison", "Peace Commission": "Peace Commission"}.get(name, name)


def architecture_cells(institutions: pd.DataFrame, periods: pd.DataFrame) -> pd.DataFrame:
    """One row per (period, function) with the bodies that had it: the figure's data, as a table.

    Columns: period, period_label, function, function_label, ids, names (short names, in order of
    establishment). Only periods and functions that occur are listed; periods in time order and
    functions in :data:`tracktwo.tables.FUNCTION_LABELS` order (unknown codes after them).
    """
    period_order = list(periods.sort_values("start")["id"])
    labels = dict(zip(periods["id"], periods["label"]))
    known = list(FUNCTION_LABELS)
    records = []
    for _, r in institutions.iterrows():
        for f in r["functions"]:
            records.append(
                {"period": r["period"], "function": f, "id": r["id"], "name": short_name(r), "established": r.get("established")}
            )
    if not records:
        return pd.DataFrame(columns=["period", "period_label", "function", "function_label", "ids", "names"])
    df = pd.DataFrame(records)
    extra = sorted(set(df["function"]) - set(known))
    f_order = {f: i for i, f in enumerate(known + extra)}
    p_order = {p: i for i, p in enumerate(period_order)}
    df = df.assign(_p=df["period"].map(p_order), _f=df["function"].map(f_order)).sort_values(["_p", "_f", "established", "id"])
    out = df.groupby(["_p", "_f", "period", "function"], sort=True).agg(ids=("id", list), names=("name", list)).reset_index()
    out["period_label"] = out["period"].map(labels)
    out["function_label"] = out["function"].map(lambda f: FUNCTION_LABELS.get(f, f.replace("-", " ").capitalize()))
    return out[["period", "period_label", "function", "function_label", "ids", "names"]]


def architecture_figure(
    institutions: pd.DataFrame,
    periods: pd.DataFrame,
    *,
    citations: Mapping[str, str] | None = None,
    title: str = "Peace architectures compared: which body did what, in each period",
) -> go.Figure:
    """The comparison grid. Periods without institutions get no row; every body shows its source on hover."""
    cells = architecture_cells(institutions, periods)
    by_id = institutions.set_index("id")
    used_periods = [p for p in periods.sort_values("start")["id"] if p in set(cells["period"])]
    short = dict(zip(periods["id"], periods["short_label"] if "short_label" in periods else periods["label"]))
    period_labels = dict(zip(periods["id"], periods["label"]))
    present = set(cells["function"])
    functions = [FUNCTION_LABELS[f] for f in FUNCTION_LABELS if f in present] + sorted(
        {lab for f, lab in zip(cells["function"], cells["function_label"]) if f not in FUNCTION_LABELS}
    )
    fig = go.Figure()
    for i, pid in enumerate(used_periods):
        rows = cells[cells["period"] == pid]
        hovers = []
        for _, c in rows.iterrows():
            parts = []
            for iid in c["ids"]:
                inst = by_id.loc[iid]
                name = f"{inst['name']} ({inst['acronym']})" if inst["acronym"] else inst["name"]
                parts.append(
                    f"<b>{name}</b><br>"
                    + "<br>".join(textwrap.wrap(str(inst["description"]), 60))
                    + "<br><i>Source: "
                    + "<br>".join(textwrap.wrap(cite(inst.to_dict() | {"source": inst["source"]}, citations), 60))
                    + "</i>"
                )
            hovers.append(f"<b>{c['function_label']}</b> ({period_labels[pid]})<br>" + "<br><br>".join(parts))
        fig.add_trace(
            go.Scatter(
                x=list(rows["function_label"]),
                y=[short[pid]] * len(rows),
                mode="markers+text",
                name=period_labels[pid],
                text=["<br>".join(x.replace(" ", "<br>") for x in n) for n in rows["names"]],
                textposition="middle center",
                textfont=dict(size=11, color="#1a1a1a"),
                marker=dict(
                    size=[56 + 16 * (len(n) - 1) for n in rows["names"]],
                    symbol="square",
                    color=PALETTE[i % len(PALETTE)],
                    opacity=0.28,
                    line=dict(width=2, color=PALETTE[i % len(PALETTE)]),
                ),
                customdata=hovers,
                hovertemplate="%{customdata}<extra></extra>",
            )
        )
    fig.update_layout(
        template=COURSE_TEMPLATE,
        title=dict(text=title, x=0, xanchor="left"),
        height=150 + 110 * len(used_periods),
        margin=dict(l=10, r=10, t=60, b=60),
        showlegend=False,
        xaxis=dict(
            title=None,
            type="category",
            categoryorder="array",
            categoryarray=functions,
            tickangle=0,
            showgrid=True,
            fixedrange=True,
            tickvals=functions,
            ticktext=[f.replace(" ", "<br>").replace("-", "-<br>") for f in functions],
            tickfont=dict(size=12),
        ),
        yaxis=dict(
            title=None,
            type="category",
            categoryorder="array",
            categoryarray=[short[p] for p in reversed(used_periods)],
            showgrid=True,
            gridcolor="#e6e6e6",
            automargin=True,
            fixedrange=True,
        ),
        hoverlabel=dict(align="left"),
    )
    table_rows = []
    for _, c in cells.iterrows():
        names = []
        for iid in c["ids"]:
            inst = by_id.loc[iid]
            names.append(f"{inst['name']} ({inst['acronym']})" if inst["acronym"] else inst["name"])
        sources = "; ".join(dict.fromkeys(cite(by_id.loc[iid].to_dict() | {"other_sources": []}, citations) for iid in c["ids"]))
        table_rows.append([c["period_label"], c["function_label"], "; ".join(names), sources])
    n_bodies = len(institutions)
    describe(
        fig,
        title=title,
        summary=(
            f"A grid comparing the peace architecture of {len(used_periods)} periods "
            f"({', '.join(period_labels[p] for p in used_periods)}): one row per period, one column per "
            f"function ({', '.join(f.lower() for f in functions)}). Each cell names the bodies of that period "
            f"that had that function; {n_bodies} bodies in all. "
            + " ".join(
                f"{period_labels[p]}: "
                + "; ".join(f"{c.function_label.lower()}, {', '.join(c.names)}" for c in cells[cells['period'] == p].itertuples())
                + "."
                for p in used_periods
            )
            + " The table below lists the same cells with their sources."
        ),
        columns=["Period", "Function", "Bodies", "Source"],
        rows=table_rows,
    )
    return fig
