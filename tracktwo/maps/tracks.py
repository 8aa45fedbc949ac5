"""The multi-track map: a learner's own initiatives placed on the levels of dialogue, with links.

Format ``tracktwo-tracks-map`` version 1 (JSON Schema: ``data/maps/tracks-map.schema.json``)::

    {"format": "tracktwo-tracks-map", "version": 1,
     "title": str, "viewpoint": str, "date": str,
     "initiatives": [{"id", "name", "level": a level id of data/part1_levels.yaml, "note": str (optional)}],
     "links": [{"id", "source", "target", "kind"}]}   # kind: a relationship kind of the notation

The levels (Track One, Track 1.5, Track Two, Track Three) are the course's, from
``data/part1_levels.yaml`` (:func:`levels`): the front end receives them in its spec and holds no
course facts. Link kinds are the conflict-mapping notation's relationships (``data/maps/notation.json``),
so a link is drawn and read as on every other map (influence: from the initiative with influence).
CSV: columns :data:`CSV_COLUMNS`; one ``map`` row, then ``initiative`` and ``link`` rows. Files are read and
checked by :mod:`tracktwo.data.learner_files`. Twin: ``js/src/tracks_model.js`` (``tests/test_tracks_map.py``).
"""

from __future__ import annotations

import re
from typing import Any

from tracktwo.data.learner_files import LearnerFileError, checked, read_csv, read_json, text_problem
from tracktwo.data.learner_files import q as _q
from tracktwo.data.learner_files import to_csv as _to_csv
from tracktwo.data.learner_files import to_json as _to_json

from . import notation
from .learner import add_lanes, id_checker

FORMAT = "tracktwo-tracks-map"
VERSION = 1
CSV_COLUMNS = ("record", "id", "name", "level", "note", "source", "target", "kind", "viewpoint", "date")
MAX_INITIATIVES, MAX_LINKS, MAX_TEXT, MAX_NOTE = 80, 200, 200, 1000
FIELDS = ("format", "version", "title", "viewpoint", "date", "initiatives", "links")
#: Where the drawing puts things: a row per level, initiatives across it (each row shifted by STAGGER, so
#: a line between rows runs aslant and its arrow is not hidden by the label under a circle), the
#: level's name on the left.
ROW, COLUMN, HEAD_X, STAGGER = 170, 200, -260, 70


def levels() -> list[dict[str, str]]:
    """The course's levels of dialogue, in order (official first): id, name and short description."""
    from tracktwo.data.content import load_levels

    return [{"id": lv["id"], "name": lv["name"], "short": lv["short"]} for lv in load_levels().levels]


def tracks_problems(data: Any, level_ids: list[str], kinds: list[str]) -> list[str]:
    """Every problem with a multi-track map (twin: ``tracksProblems``); ``level_ids`` and ``kinds``
    are the levels and link kinds a map may use."""
    if not isinstance(data, dict):
        return ["the file is not a multi-track map (expected an object with title, viewpoint, date, initiatives)"]
    if data.get("format") != FORMAT:
        return [f"field 'format' is {_q(data.get('format'))}, not {_q(FORMAT)}: this is not a course multi-track map"]
    problems: list[str] = []
    if type(data.get("version")) is not int or data.get("version") != VERSION:
        problems.append(f"field 'version' is {_q(data.get('version'))}; this course reads version {VERSION}")
    for field in ("title", "viewpoint", "date"):
        why = text_problem(data.get(field), MAX_TEXT)
        if why:
            problems.append(f"field {_q(field)} {why} (every map states its title, viewpoint and date)")
    for key in sorted(data):
        if key not in FIELDS:
            problems.append(f"unknown field {_q(key)}")
    lists = {}
    for key, limit in (("initiatives", MAX_INITIATIVES), ("links", MAX_LINKS)):
        value = data.get(key, [])
        if not isinstance(value, list):
            problems.append(f"field {_q(key)} is not a list")
            value = []
        elif len(value) > limit:
            problems.append(f"field {_q(key)} has {len(value)} items; the most a map can hold is {limit}")
            value = []
        lists[key] = value
    ids: set[str] = set()
    found: set[str] = set()

    check_id = id_checker(problems, ids)

    for i, x in enumerate(lists["initiatives"]):
        where = f"initiative {i + 1}"
        if not isinstance(x, dict):
            problems.append(f"{where} is not an object")
            continue
        ident = check_id(where, x)
        if ident:
            found.add(ident)
        why = text_problem(x.get("name"), MAX_TEXT)
        if why:
            problems.append(f"{where} field 'name' {why}")
        if not isinstance(x.get("level"), str) or x.get("level") not in level_ids:
            problems.append(f"{where} field 'level' is {_q(x.get('level'))}, not one of {', '.join(level_ids)}")
        if "note" in x and not (isinstance(x["note"], str) and len(x["note"]) <= MAX_NOTE):
            problems.append(f"{where} field 'note' is not text of at most {MAX_NOTE} characters")
        for key in sorted(x):
            if key not in ("id", "name", "level", "note"):
                problems.append(f"{where} has unknown field {_q(key)}")
    for i, r in enumerate(lists["links"]):
        where = f"link {i + 1}"
        if not isinstance(r, dict):
            problems.append(f"{where} is not an object")
            continue
        check_id(where, r)
        for end in ("source", "target"):
            if not (isinstance(r.get(end), str) and r.get(end) in found):
                problems.append(f"{where} field {_q(end)}: {_q(r.get(end))} is not an initiative on this map")
        if r.get("source") == r.get("target") and isinstance(r.get("source"), str) and r.get("source") in found:
            problems.append(f"{where}: an initiative cannot be linked with itself")
        if not isinstance(r.get("kind"), str) or r.get("kind") not in kinds:
            problems.append(f"{where} field 'kind' is {_q(r.get('kind'))}, not one of {', '.join(kinds)}")
        for key in sorted(r):
            if key not in ("id", "source", "target", "kind"):
                problems.append(f"{where} has unknown field {_q(key)}")
    return problems


def map_problems(data: Any) -> list[str]:
    """:func:`tracks_problems` with the course's levels and the notation's kinds."""
    return tracks_problems(data, [lv["id"] for lv in levels()], list(notation.kinds()))


def empty_tracks(
    title: str = "My multi-track map", viewpoint: str = "not stated yet", date: str = "not stated yet"
) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "version": VERSION,
        "title": title,
        "viewpoint": viewpoint,
        "date": date,
        "initiatives": [],
        "links": [],
    }


def from_json(name: str, raw: bytes | str) -> dict[str, Any]:
    return read_json(name, raw, map_problems, "a multi-track map file")


def to_json(data: dict[str, Any]) -> str:
    return _to_json(data)


def to_csv(data: dict[str, Any]) -> str:
    """One CSV file: the ``map`` row, then ``initiative`` and ``link`` rows (twin: ``tracksToCsv``)."""
    rows = [{"record": "map", "name": data["title"], "viewpoint": data["viewpoint"], "date": data["date"]}]
    rows += [{"record": "initiative", **x} for x in data["initiatives"]]
    rows += [{"record": "link", **r} for r in data["links"]]
    return _to_csv(CSV_COLUMNS, rows)


def from_csv(name: str, raw: bytes | str, level_ids: list[str] | None = None, kinds: list[str] | None = None) -> dict[str, Any]:
    """Parse and check a CSV multi-track map: one message naming the row and the field."""
    _, rows = read_csv(name, raw, (CSV_COLUMNS,))
    data: dict[str, Any] | None = None
    where: dict[str, list[int]] = {"initiative": [], "link": []}
    head = 0
    for n, c in rows:
        record = c["record"]
        if record == "map":
            if data is not None:
                raise LearnerFileError(name, f"row {n} field 'record': a second 'map' row")
            data, head = empty_tracks(c["name"], c["viewpoint"], c["date"]), n
        elif record in where:
            if data is None:
                raise LearnerFileError(name, f"row {n}: the first row must be the 'map' row (title, viewpoint, date)")
            if record == "initiative":
                x = {"id": c["id"], "name": c["name"], "level": c["level"]}
                if c["note"]:
                    x["note"] = c["note"]
                data["initiatives"].append(x)
            else:
                data["links"].append({"id": c["id"], "source": c["source"], "target": c["target"], "kind": c["kind"]})
            where[record].append(n)
        else:
            raise LearnerFileError(name, f"row {n} field 'record' is {_q(record)}, not map, initiative or link")
    if data is None:
        raise LearnerFileError(name, "no 'map' row (it holds the title, viewpoint and date)")
    level_ids = level_ids if level_ids is not None else [lv["id"] for lv in levels()]
    kinds = kinds if kinds is not None else list(notation.kinds())

    def located(d: Any) -> list[str]:
        out = []
        for p in tracks_problems(d, level_ids, kinds):
            m = re.match(r"(initiative|link) (\d+)(.*)", p)
            out.append(
                f"row {where[m.group(1)][int(m.group(2)) - 1]} ({m.group(1)} {m.group(2)}){m.group(3)}"
                if m
                else f"row {head} (map) {p}"
            )
        return out

    return checked(name, data, located)


def to_spec(data: dict[str, Any], lv: list[dict[str, str]], spec_id: str = "tracks") -> dict[str, Any]:
    """The conflict-map spec the front end draws (twin: ``tracksSpec``): a row per level (official at
    the top), its name on the left, the initiatives across it in the order they were added."""
    rows = {x["id"]: i for i, x in enumerate(lv)}
    nodes: list[dict[str, Any]] = [
        {"id": f"level-{x['id']}", "label": f"{x['name']}: {x['short']}", "decor": True, "x": HEAD_X, "y": i * ROW}
        for i, x in enumerate(lv)
    ]
    across = {x["id"]: 0 for x in lv}
    names = {x["id"]: x["name"] for x in lv}
    for x in data["initiatives"]:
        col = across[x["level"]]
        across[x["level"]] += 1
        details = [["Level", names[x["level"]]]] + ([["Note", x["note"]]] if x.get("note") else [])
        nodes.append(
            {
                "id": x["id"],
                "label": x["name"],
                "type": "initiative",
                "weight": 1,
                "details": details,
                "x": col * COLUMN + rows[x["level"]] * STAGGER,
                "y": rows[x["level"]] * ROW,
            }
        )
    edges = [{"id": r["id"], "source": r["source"], "target": r["target"], "kind": {"kind": r["kind"]}} for r in data["links"]]
    add_lanes(edges)
    return {
        "id": spec_id,
        "title": data["title"],
        "viewpoint": data["viewpoint"],
        "date": data["date"],
        "encodings": [{"id": "kind", "label": "Trainers' notation"}],
        "kinds": notation.edge_kinds(),
        "nodeTypes": {
            "initiative": {
                "label": "An initiative (circle), in the row of its level",
                "shape": "ellipse",
                "border": "solid",
                "fill": "#e4e7eb",
                "labelSide": "right",
            }
        },
        "groups": [],
        "nodes": nodes,
        "edges": edges,
        "legendNotes": [
            "Rows are the course's levels of dialogue, official at the top; the order is not a ranking. "
            "A line between two initiatives is drawn in the mapping notation."
        ],
    }
