"""The brief's Table 1 ("Conflict and Dialogue Mapping") as a conflict-map spec.

Built from ``data/relations.csv`` (one row per table row, the brief's words kept) and
``data/actors.csv`` through :func:`tracktwo.data.load_all`. Every relationship of the table is one
edge (21); the row's own words are the edge's details, shown on hover and focus and in the table
twin. How each row's status is *drawn* (line style, width, arrows) is the course's reading,
following the conflict-mapping notation common in peacebuilding training; the legend says so.
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from tracktwo.data import load_all

from .model import check_map

MAP_ID = "table1"
VIEWPOINT = (
    "The brief's authors (Jones, Min Zaw Oo and Palmiano Federer, Ottawa Dialogue and MIPS): "
    "an analysts' view, centred on the SAC, not the view of any party on the map. "
    "Drawn by the course from the brief's Table 1."
)
DATE = (
    "The brief gives Table 1 no date of its own. The brief was published in November 2021; "
    "its latest dated events are from early September 2021 (Sec. 2)."
)

ENCODINGS = [
    {
        "id": "conflict",
        "label": "Conflict status",
        "description": "The table's 'Conflict Status' column: ceasefires and fighting.",
    },
    {"id": "dialogue", "label": "Dialogue status", "description": "The table's 'Dialogue Status' column: contact and dialogue."},
]

FIGHT = "#9b1c1c"
INK = "#1f2933"
TALK = "#1e3a8a"

#: How each kind of relationship is drawn. The course's reading of the table in the usual notation:
#: plain line = a working link; dotted = informal; dashed = mixed or intermittent; zig-zag = fighting
#: (wider = more); double = alliance or shared platform; a bar across the line = broken off (the course's own sign).
KINDS: dict[str, dict[str, Any]] = {
    # conflict status
    "c-ceasefire": {
        "label": "Ceasefire (the table reports no fighting, or does not say)",
        "line": "solid",
        "width": 2,
        "color": INK,
        "lineText": "plain line",
    },
    "c-defacto": {
        "label": "De facto ceasefire; no fighting",
        "line": "dotted",
        "width": 3,
        "color": INK,
        "lineText": "dotted line",
    },
    "c-occasional": {"label": "Occasional fighting", "line": "zigzag", "width": 2, "color": FIGHT, "lineText": "thin zig-zag"},
    "c-low": {
        "label": "Frequent low-intensity fighting",
        "line": "zigzag",
        "width": 3.5,
        "color": FIGHT,
        "lineText": "medium zig-zag",
    },
    "c-frequent": {"label": "Frequent fighting", "line": "zigzag", "width": 5, "color": FIGHT, "lineText": "thick zig-zag"},
    "c-outlawed": {
        "label": "Outlawed; active fighting",
        "line": "zigzag",
        "width": 6,
        "color": FIGHT,
        "broken": True,
        "lineText": "thickest zig-zag, barred at both ends",
    },
    "c-mixed": {"label": "Mixed relationship", "line": "dashed", "width": 2, "color": INK, "lineText": "dashed line"},
    "c-platform": {
        "label": "Together in an opposition dialogue platform",
        "line": "double",
        "width": 3,
        "color": INK,
        "lineText": "double line",
    },
    # dialogue status
    "d-active": {"label": "Active dialogue", "line": "double", "width": 3, "color": TALK, "lineText": "double line"},
    "d-some-dialogue": {"label": "Some dialogue", "line": "solid", "width": 5, "color": TALK, "lineText": "thick plain line"},
    "d-regular": {
        "label": "Regular contact; dialogue not active",
        "line": "solid",
        "width": 2,
        "color": TALK,
        "lineText": "plain line",
    },
    "d-occasional": {
        "label": "Occasional contact; dialogue not active",
        "line": "dashed",
        "width": 2,
        "color": TALK,
        "lineText": "dashed line",
    },
    "d-some-contact": {
        "label": "Some contact; dialogue not active",
        "line": "dotted",
        "width": 4,
        "color": TALK,
        "lineText": "heavy dotted line",
    },
    "d-intermediary": {
        "label": "Some contact through an intermediary; no active dialogue",
        "line": "dashdot",
        "width": 2,
        "color": TALK,
        "lineText": "dash-dot line",
    },
    "d-non-active": {
        "label": "Contact and dialogue not active",
        "line": "dotted",
        "width": 2,
        "color": TALK,
        "lineText": "light dotted line",
    },
    "d-no-contact": {
        "label": "No contact",
        "line": "solid",
        "width": 1,
        "color": INK,
        "broken": True,
        "lineText": "thin line, crossed",
    },
    "d-not-recognized": {
        "label": "Not recognised as dialogue partners",
        "line": "dashed",
        "width": 2,
        "color": INK,
        "broken": True,
        "lineText": "dashed line, crossed",
    },
}

#: relations.csv conflict_code + fighting -> kind (conflict encoding)
FIGHTING_KIND = {"occasional": "c-occasional", "low-intensity": "c-low", "frequent": "c-frequent"}
CONFLICT_KIND = {
    "de-facto-ceasefire": "c-defacto",
    "outlawed": "c-outlawed",
    "mixed": "c-mixed",
    "opposition-platform": "c-platform",
}
#: relations.csv dialogue_code -> kind (dialogue encoding)
DIALOGUE_KIND = {
    "active-dialogue": "d-active",
    "some-dialogue": "d-some-dialogue",
    "regular-contact": "d-regular",
    "occasional-contact": "d-occasional",
    "some-contact": "d-some-contact",
    "intermediary-contact": "d-intermediary",
    "non-active": "d-non-active",
    "no-contact": "d-no-contact",
    "not-recognized": "d-not-recognized",
}

NODE_TYPES = {
    "state": {"label": "The SAC (military government), double border", "shape": "ellipse", "border": "double", "fill": "#cbd2d9"},
    "eao": {"label": "Ethnic armed organisation", "shape": "ellipse", "border": "solid", "fill": "#e4e7eb"},
    "collective": {
        "label": "EAOs taken together (unnamed), dotted border",
        "shape": "ellipse",
        "border": "dotted",
        "fill": "#f5f7fa",
    },
    "opposition-assembly": {
        "label": "Opposition assembly or platform (box)",
        "shape": "round-rectangle",
        "border": "solid",
        "fill": "#e4e7eb",
    },
    "opposition-government": {
        "label": "Opposition government (hexagon)",
        "shape": "hexagon",
        "border": "solid",
        "fill": "#e4e7eb",
    },
    "armed-resistance": {"label": "Armed resistance groups (diamond)", "shape": "diamond", "border": "solid", "fill": "#e4e7eb"},
    "party-group": {
        "label": "Political parties taken together (barrel)",
        "shape": "barrel",
        "border": "dashed",
        "fill": "#f5f7fa",
    },
}

GROUPS = [
    {"id": "g-fpncc", "label": "FPNCC (alliance)"},
    {"id": "g-nca", "label": "NCA signatories"},
    {"id": "g-nug-pdfs", "label": "NUG and PDFs (one row)"},
]

LEGEND_NOTES = [
    "How each status is drawn is the course's reading of the table, in the usual conflict-mapping "
    "notation of peacebuilding training (the crossing bars are the course's own convention): line style, width "
    "and crossing bars carry the meaning; colour only repeats it.",
    "All actors are drawn the same size: the brief gives no measure of their strength (it calls only the UWSA "
    "the largest and strongest EAO, Sec. 2).",
]


def _text(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return ""
    return str(value)


def conflict_kind(conflict_code: str, fighting: str) -> str:
    """The conflict-encoding kind of a Table 1 row, from its codes in relations.csv."""
    if conflict_code in CONFLICT_KIND:
        return CONFLICT_KIND[conflict_code]
    if fighting in FIGHTING_KIND:
        return FIGHTING_KIND[fighting]
    if fighting in ("none", "not-stated"):
        return "c-ceasefire"
    raise ValueError(f"no conflict kind for conflict_code={conflict_code!r}, fighting={fighting!r}")


def dialogue_kind(dialogue_code: str) -> str:
    """The dialogue-encoding kind of a Table 1 row."""
    try:
        return DIALOGUE_KIND[dialogue_code]
    except KeyError:
        raise ValueError(f"no dialogue kind for dialogue_code={dialogue_code!r}") from None


def _arc(n: int, radius: float, start: float, end: float) -> list[tuple[float, float]]:
    step = (end - start) / max(n - 1, 1)
    return [
        (round(radius * math.cos(math.radians(start + i * step)), 1), round(radius * math.sin(math.radians(start + i * step)), 1))
        for i in range(n)
    ]


def build_table1_map(data_dir=None) -> dict[str, Any]:
    """The Table 1 map spec: centred on the SAC, one edge per table row (21)."""
    course = load_all(data_dir)
    relations = course.relations.sort_values("table_row")
    actors = course.actors.set_index("id")

    def members(value: Any) -> list[str]:
        return list(value) if isinstance(value, (list, tuple)) else [v for v in _text(value).split(";") if v]

    order: list[str] = []
    for _, row in relations.iterrows():
        for aid in [row["actor_a"], *members(row["actor_b"])]:
            if aid not in order:
                order.append(aid)

    fpncc = [a for a in order if "fpncc" in members(actors.loc[a, "memberships"])]
    nca = [a for a in order if any(m.startswith("nca") for m in members(actors.loc[a, "memberships"]))]
    positions: dict[str, tuple[float, float]] = {"sac": (0.0, 0.0)}
    positions.update(zip(fpncc, _arc(len(fpncc), 320, 128, 232)))
    positions.update(zip(nca, _arc(len(nca), 330, -56, 56)))
    fixed = {
        "nug": (-45.0, -290.0),
        "pdf": (45.0, -290.0),
        "knpp": (-105.0, 280.0),
        "political-parties": (105.0, 280.0),
        "eaos": (-80.0, 400.0),
        "nucc": (80.0, 400.0),
    }
    positions.update(fixed)

    nodes = []
    for aid in order:
        actor = actors.loc[aid]
        ms = members(actor["memberships"])
        group = (
            "g-fpncc"
            if "fpncc" in ms
            else "g-nca"
            if any(m.startswith("nca") for m in ms)
            else "g-nug-pdfs"
            if aid in ("nug", "pdf")
            else None
        )
        label = _text(actor["acronym"]) or _text(actor["name"])
        if aid == "knu-knla-pc":
            label = "Peace Council"
        if aid == "eaos":
            label = "EAOs (some)"
        if aid == "political-parties":
            label = "Political parties"
        details = [["Name", _text(actor["name"])]]
        if ms:
            details.append(
                ["Memberships", ", ".join("FPNCC" if m == "fpncc" else f"NCA signatory ({m.split(':')[1]})" for m in ms)]
            )
        x, y = positions.get(aid, (0.0, 600.0))
        node = {
            "id": aid,
            "label": label,
            "name": _text(actor["name"]),
            "type": _text(actor["type"]),
            "x": x,
            "y": y,
            "weight": 1,
            "details": details,
        }
        if group:
            node["group"] = group
        nodes.append(node)

    edges = []
    for _, row in relations.iterrows():
        targets = members(row["actor_b"])
        target = "g-nug-pdfs" if targets == ["nug", "pdf"] else targets[0]
        cells = " | ".join(t for t in (_text(row["actor_a_text"]), _text(row["actor_b_text"])) if t)
        details = [
            ["Table 1, row", str(int(row["table_row"]))],
            ["Actor cells as printed", cells],
            ["Conflict status (the brief's words)", _text(row["conflict_status"])],
            ["Dialogue status (the brief's words)", _text(row["dialogue_status"])],
            ["Course's note", _text(row["note"])],
        ]
        edges.append(
            {
                "id": row["id"],
                "source": row["actor_a"],
                "target": target,
                "row": int(row["table_row"]),
                "kind": {
                    "conflict": conflict_kind(row["conflict_code"], row["fighting"]),
                    "dialogue": dialogue_kind(row["dialogue_code"]),
                },
                "details": details,
                "columns": {
                    "row": str(int(row["table_row"])),
                    "conflict": _text(row["conflict_status"]),
                    "dialogue": _text(row["dialogue_status"]),
                },
            }
        )

    spec = {
        "id": MAP_ID,
        "title": "Table 1 as a map: the SAC's relationships after the coup",
        "viewpoint": VIEWPOINT,
        "date": DATE,
        "source": "jones2021myanmar, Table 1",
        "encodingLegend": "Draw the lines by",
        "encodings": ENCODINGS,
        "kinds": KINDS,
        "kindOrder": list(KINDS),
        "nodeTypes": NODE_TYPES,
        "groups": GROUPS,
        "nodes": nodes,
        "edges": edges,
        "edgeColumns": [
            {"id": "row", "label": "Row"},
            {"id": "conflict", "label": "Conflict status (the brief)"},
            {"id": "dialogue", "label": "Dialogue status (the brief)"},
        ],
        "legendNotes": LEGEND_NOTES,
    }
    return check_map(spec)
