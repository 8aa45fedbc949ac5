"""Table 1 then and now as a conflict-map spec: the Table 1 map with a third way to draw its lines,
the status after September 2021 (``data/relations_since.csv``), beside the brief's two columns.

Same actors, places and 21 edges as :func:`tracktwo.maps.table1.build_table1_map`; each edge's
details add the course's summary of the change, its status and date, and its sources with their
fact ids, so the map's table twin lists what changed. How each later status is drawn is the
course's reading, in the same notation as the brief's columns.
"""

from __future__ import annotations

from typing import Any

from tracktwo.data import load_all
from tracktwo.tables import STATUS_LABELS, as_of_text, source_labels

from .model import check_map
from .table1 import FIGHT, INK, TALK, build_table1_map

MAP_ID = "table1-since"
GREY = "#616e7c"

#: relations_since.csv status_after -> how the line is drawn (the course's reading).
AFTER_KINDS: dict[str, dict[str, Any]] = {
    "a-fighting": {"label": "After 2021: fighting", "line": "zigzag", "width": 4, "color": FIGHT, "lineText": "zig-zag"},
    "a-ceasefire": {
        "label": "After 2021: a ceasefire in force",
        "line": "solid",
        "width": 2,
        "color": INK,
        "lineText": "plain line",
    },
    "a-talks": {
        "label": "After 2021: in talks (with the military authorities, or in the NUCC's assemblies)",
        "line": "solid",
        "width": 4,
        "color": TALK,
        "lineText": "thick plain line",
    },
    "a-no-talks": {
        "label": "After 2021: declined or left the talks; the sources say nothing on the group's own fighting",
        "line": "dashed",
        "width": 2,
        "color": INK,
        "broken": True,
        "lineText": "dashed line, crossed",
    },
    "a-split": {
        "label": "After 2021: the group split (one part talks, another left or fights)",
        "line": "dashdot",
        "width": 3,
        "color": FIGHT,
        "lineText": "dash-dot line",
    },
    "a-mixed": {"label": "After 2021: mixed", "line": "dashed", "width": 2, "color": GREY, "lineText": "dashed line"},
    "a-unknown": {
        "label": "After 2021: the course's sources say nothing",
        "line": "dotted",
        "width": 1,
        "color": GREY,
        "lineText": "faint dotted line",
    },
}


def after_kind(status: str) -> str:
    """The map kind for a relations_since status."""
    kind = f"a-{status}"
    if kind not in AFTER_KINDS:
        raise ValueError(f"no map kind for status_after={status!r}")
    return kind


def build_table1_since_map(data_dir=None) -> dict[str, Any]:
    """Table 1's map with the later status as a third encoding (shown first)."""
    spec = build_table1_map(data_dir)
    course = load_all(data_dir)
    cites = source_labels(course.references)
    since = {r["id"]: r for r in course.relations_since.to_dict("records")}
    for edge in spec["edges"]:
        now = since[edge["id"]]
        when = as_of_text(now.get("as_of_text") or "", now.get("precision") or "")
        status = STATUS_LABELS[now["status_after"]] + (f" (as of {when})" if when else "")
        keys = [now["source"], *now["other_sources"]]
        sources = "; ".join(cites.get(k, k) for k in keys)
        if now["facts"]:
            sources += f" (fact sheet: {', '.join(now['facts'])})"
        edge["kind"] = {"after": after_kind(now["status_after"]), **edge["kind"]}
        edge["details"] = edge["details"] + [
            ["After September 2021 (the course's summary)", str(now["change"])],
            ["Status after", status],
            ["Sources", sources],
        ]
        edge["columns"]["after"] = status
    spec.update(
        {
            "id": MAP_ID,
            "title": "Table 1 then and now: the same relationships after September 2021",
            "date": (
                "Two dates: the brief's Table 1 (undated; the brief was published in November 2021) and "
                "the status after September 2021, to April 2026, from the sources listed."
            ),
            "source": "jones2021myanmar, Table 1; data/relations_since.csv (the course's fact sheet, Part D)",
            "encodings": [
                {
                    "id": "after",
                    "label": "After September 2021 (to April 2026)",
                    "description": "The relationship's status in the course's latest sources.",
                }
            ]
            + spec["encodings"],
            "kinds": {**AFTER_KINDS, **spec["kinds"]},
            "kindOrder": list(AFTER_KINDS) + spec["kindOrder"],
            "edgeColumns": spec["edgeColumns"] + [{"id": "after", "label": "Status after September 2021"}],
            "legendNotes": spec["legendNotes"]
            + [
                "The status after September 2021 is the course's coding of the facts in the line's details; "
                "where the sources say nothing, the line says so."
            ],
        }
    )
    return check_map(spec)
