"""A learner's own conflict map: the saved/exported format, its checks, CSV, and the drawing spec.

Format ``tracktwo-learner-map`` version 2 (JSON Schema: ``data/maps/learner-map.schema.json``)::

    {"format": "tracktwo-learner-map", "version": 2,
     "title": str, "viewpoint": str, "date": str, "notes": str (optional),
     "actors": [{"id", "name", "type", "power": 1-5, "party": "inside"|"outside", "x", "y" (optional)}],
     "relationships": [{"id", "source", "target", "kind"}],   # kind "influence": source -> target
     "issues": [{"id", "label", "actors": [actor ids], "x", "y" (optional)}]}

Version 2 adds the optional ``x`` and ``y`` of an actor or an issue box: where the learner placed it
(both or neither; numbers from -100000 to 100000). Version 1 files (no positions) are still read;
:func:`from_json`, :func:`from_csv` and :func:`upgrade` give them back as version 2.

CSV (one file, one row per record): columns :data:`CSV_COLUMNS`; the first row after the header is
``record=map`` (``name`` holds the title), then ``actor``, ``relationship`` and ``issue`` rows;
an issue's ``actors`` cell lists actor ids separated by ``;``; ``x`` and ``y`` are empty when the
map placed the item itself. A version 1 CSV file (the same columns without ``x`` and ``y``) is read too.

In the drawing spec (:func:`to_spec`), several relationships between the same two actors each get a
``lane`` (:func:`_add_lanes`), which the front end draws as lines bent apart, so each is seen and clicked.

The notation (kinds of relationship, labels, styles) comes from ``data/maps/notation.json`` through
:mod:`.notation`. Every function here has a twin in ``js/src/learner_map.js``; ``tests/test_map_builder_parity.py``
runs both over the same generated maps and compares the results string for string.
Reading a file never runs code or fetches anything: JSON and CSV are parsed as data only.
"""

from __future__ import annotations

import csv
import io
import re
from typing import Any

from tracktwo.data.learner_files import MAX_BYTES  # noqa: F401 - the bound a map file keeps, for callers
from tracktwo.data.learner_files import LearnerFileError, read_csv, read_json, text_problem
from tracktwo.data.learner_files import q as _q
from tracktwo.data.learner_files import to_json as _to_json

from . import notation

FORMAT = "tracktwo-learner-map"
VERSION = 2
READS = (1, 2)  # versions this course reads; version 1 has no positions
ACTOR_TYPES = ("group", "government", "armed", "community", "organisation", "person", "self")
TYPE_LABELS = {
    "group": "Group or party",
    "government": "Government or authority",
    "armed": "Armed group",
    "community": "Community",
    "organisation": "Organisation",
    "person": "Individual (use a code name)",
    "self": "Ourselves (your own team)",
}
PARTIES = ("inside", "outside")
CSV_COLUMNS_V1 = ("record", "id", "name", "type", "power", "party", "source", "target", "kind", "actors", "viewpoint", "date")
CSV_COLUMNS = CSV_COLUMNS_V1 + ("x", "y")
MAX_COORD = 100_000
NUMBER_RE = re.compile(r"^-?[0-9]{1,6}(\.[0-9]{1,3})?$")
MAX_ACTORS, MAX_RELATIONSHIPS, MAX_ISSUES, MAX_TEXT = 200, 600, 100, 200
ID_RE = re.compile(r"^[A-Za-z0-9_-]{1,40}$")
MAP_FIELDS = ("format", "version", "title", "viewpoint", "date", "notes", "actors", "relationships", "issues")


#: A file that is not a usable learner map; the message names the file, item and field.
LearnerMapError = LearnerFileError


def _text(value: Any) -> str | None:
    """Why a value is not text of 1 to MAX_TEXT characters (missing or empty, or too long), or None."""
    return text_problem(value, MAX_TEXT)


def _member(value: Any, ids: set[str]) -> bool:
    return isinstance(value, str) and value in ids


def id_checker(problems: list[str], ids: set[str]):
    """``check_id(where, item)``: the item's id if it is well formed and new (then added to ``ids``),
    else ``None`` with a sentence in ``problems``. Shared by every learner file whose items carry ids
    (a map's actors, issues and relationships; a multi-track map's initiatives and links)."""

    def check_id(where: str, item: dict) -> str | None:
        ident = item.get("id")
        if not isinstance(ident, str) or not ID_RE.match(ident):
            problems.append(f"{where} field 'id' is {_q(ident)}; use 1-40 letters, digits, - or _")
            return None
        if ident in ids:
            problems.append(f"{where} field 'id': {_q(ident)} is used twice")
            return None
        ids.add(ident)
        return ident

    return check_id


def map_problems(data: Any) -> list[str]:
    """Every problem with a learner map, as ``where: field ...`` sentences (twin: ``mapProblems``)."""
    if not isinstance(data, dict):
        return ["the file is not a map (expected an object with title, viewpoint, date, actors)"]
    if data.get("format") != FORMAT:
        return [f"field 'format' is {_q(data.get('format'))}, not {_q(FORMAT)}: this is not a course map file"]
    problems: list[str] = []
    version = data.get("version")
    if type(version) is not int or version not in READS:
        problems.append(f"field 'version' is {_q(version)}; this course reads versions 1 and 2")
    placed = ("x", "y") if version == VERSION else ()
    for field in ("title", "viewpoint", "date"):
        why = _text(data.get(field))
        if why:
            problems.append(f"field {_q(field)} {why} (every map states its title, viewpoint and date)")
    if "notes" in data and not (isinstance(data["notes"], str) and len(data["notes"]) <= 4000):
        problems.append("field 'notes' is not text of at most 4000 characters")
    for key in sorted(data):
        if key not in MAP_FIELDS:
            problems.append(f"unknown field {_q(key)}")
    lists = {}
    for key, limit in (("actors", MAX_ACTORS), ("relationships", MAX_RELATIONSHIPS), ("issues", MAX_ISSUES)):
        value = data.get(key, [])
        if not isinstance(value, list):
            problems.append(f"field {_q(key)} is not a list")
            value = []
        elif len(value) > limit:
            problems.append(f"field {_q(key)} has {len(value)} items; the most a map can hold is {limit}")
            value = []
        lists[key] = value
    ids: set[str] = set()
    actor_ids: set[str] = set()
    kinds = notation.kinds()

    check_id = id_checker(problems, ids)

    for i, a in enumerate(lists["actors"]):
        where = f"actor {i + 1}"
        if not isinstance(a, dict):
            problems.append(f"{where} is not an object")
            continue
        ident = check_id(where, a)
        if ident:
            actor_ids.add(ident)
        why = _text(a.get("name"))
        if why:
            problems.append(f"{where} field 'name' {why}")
        if a.get("type") not in ACTOR_TYPES:
            problems.append(f"{where} field 'type' is {_q(a.get('type'))}, not one of {', '.join(ACTOR_TYPES)}")
        power = a.get("power")
        if isinstance(power, bool) or not isinstance(power, int) or not 1 <= power <= 5:
            problems.append(f"{where} field 'power' is {_q(power)}, not a whole number from 1 to 5")
        if a.get("party") not in PARTIES:
            problems.append(f"{where} field 'party' is {_q(a.get('party'))}, not inside or outside")
        _position_problems(where, a, placed, problems)
        for key in sorted(a):
            if key not in ("id", "name", "type", "power", "party") + placed:
                problems.append(f"{where} has unknown field {_q(key)}")
    for i, r in enumerate(lists["relationships"]):
        where = f"relationship {i + 1}"
        if not isinstance(r, dict):
            problems.append(f"{where} is not an object")
            continue
        check_id(where, r)
        for end in ("source", "target"):
            if not _member(r.get(end), actor_ids):
                problems.append(f"{where} field {_q(end)}: {_q(r.get(end))} is not an actor on this map")
        if r.get("source") == r.get("target") and _member(r.get("source"), actor_ids):
            problems.append(f"{where}: an actor cannot have a relationship with itself")
        if r.get("kind") not in kinds:
            problems.append(f"{where} field 'kind' is {_q(r.get('kind'))}, not one of {', '.join(kinds)}")
        for key in sorted(r):
            if key not in ("id", "source", "target", "kind"):
                problems.append(f"{where} has unknown field {_q(key)}")
    for i, s in enumerate(lists["issues"]):
        where = f"issue {i + 1}"
        if not isinstance(s, dict):
            problems.append(f"{where} is not an object")
            continue
        check_id(where, s)
        why = _text(s.get("label"))
        if why:
            problems.append(f"{where} field 'label' {why}")
        linked = s.get("actors", [])
        if not isinstance(linked, list):
            problems.append(f"{where} field 'actors' is not a list")
        else:
            for ref in linked:
                if not _member(ref, actor_ids):
                    problems.append(f"{where} field 'actors': {_q(ref)} is not an actor on this map")
        _position_problems(where, s, placed, problems)
        for key in sorted(s):
            if key not in ("id", "label", "actors") + placed:
                problems.append(f"{where} has unknown field {_q(key)}")
    return problems


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and value == value and -MAX_COORD <= value <= MAX_COORD


def _position_problems(where: str, item: dict, placed: tuple[str, ...], problems: list[str]) -> None:
    """An actor's or issue's optional position: both x and y, numbers (version 2 only)."""
    if not placed or not ("x" in item or "y" in item):
        return
    for key in placed:
        if not _number(item.get(key)):
            problems.append(f"{where} field {_q(key)} is {_q(item.get(key))}, not a number from -{MAX_COORD} to {MAX_COORD}")


def upgrade(data: dict[str, Any]) -> dict[str, Any]:
    """A checked map in the current version (version 1 maps have no positions: only the number changes)."""
    return dict(data, version=VERSION) if data.get("version") != VERSION else data


def empty_map(title: str = "My conflict map", viewpoint: str = "", date: str = "") -> dict[str, Any]:
    return {
        "format": FORMAT,
        "version": VERSION,
        "title": title,
        "viewpoint": viewpoint,
        "date": date,
        "actors": [],
        "relationships": [],
        "issues": [],
    }


# --- Files (read and checked by tracktwo.data.learner_files, the one home for learners' files) ----------


def from_json(name: str, raw: bytes | str) -> dict[str, Any]:
    """Parse and check a JSON map file; raise :class:`LearnerMapError` with one clear message."""
    return upgrade(read_json(name, raw, map_problems, "a map file"))


def to_json(data: dict[str, Any]) -> str:
    return _to_json(data)


def to_csv(data: dict[str, Any]) -> str:
    """One CSV file with the map, its actors, relationships and issues (twin: ``toCsv``)."""
    rows = [dict(record="map", name=data["title"], viewpoint=data["viewpoint"], date=data["date"])]
    rows += [
        dict(record="actor", id=a["id"], name=a["name"], type=a["type"], power=str(a["power"]), party=a["party"], **_xy(a))
        for a in data["actors"]
    ]
    rows += [
        dict(record="relationship", id=r["id"], source=r["source"], target=r["target"], kind=r["kind"])
        for r in data["relationships"]
    ]
    rows += [
        dict(record="issue", id=s["id"], name=s["label"], actors=";".join(s.get("actors", [])), **_xy(s)) for s in data["issues"]
    ]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\r\n", restval="")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def _num_text(v: Any) -> str:
    """A coordinate as the CSV writes it: whole numbers without ".0" (as JavaScript's String does)."""
    return str(int(v)) if float(v).is_integer() else repr(float(v))


def _xy(item: dict[str, Any]) -> dict[str, str]:
    return {"x": _num_text(item["x"]), "y": _num_text(item["y"])} if "x" in item and "y" in item else {}


def _coord(text: str) -> Any:
    """A CSV cell for x or y: a number if it reads as one, else the text (the check then names it)."""
    if not NUMBER_RE.match(text):
        return text
    return int(text) if "." not in text else float(text)


def from_csv(name: str, raw: bytes | str) -> dict[str, Any]:
    """Parse and check a CSV map file (see module doc); one clear message naming row and field."""
    _, rows = read_csv(name, raw, (CSV_COLUMNS, CSV_COLUMNS_V1))
    data = empty_map("", "", "")
    seen_map = False
    where_rows: dict[str, list[int]] = {"map": [], "actor": [], "relationship": [], "issue": []}
    for n, cell in rows:
        place = {}
        if cell.get("x", "") != "" or cell.get("y", "") != "":
            place = {"x": _coord(cell["x"]), "y": _coord(cell["y"])}
        record = cell["record"]
        if record in where_rows:
            where_rows[record].append(n)
        if record == "map":
            if seen_map:
                raise LearnerMapError(name, f"row {n} field 'record': a second 'map' row")
            seen_map = True
            data.update(title=cell["name"], viewpoint=cell["viewpoint"], date=cell["date"])
        elif record == "actor":
            power: Any = int(cell["power"]) if re.fullmatch(r"[1-5]", cell["power"]) else cell["power"]
            data["actors"].append(
                dict(id=cell["id"], name=cell["name"], type=cell["type"], power=power, party=cell["party"], **place)
            )
        elif record == "relationship":
            data["relationships"].append(dict(id=cell["id"], source=cell["source"], target=cell["target"], kind=cell["kind"]))
        elif record == "issue":
            data["issues"].append(
                dict(id=cell["id"], label=cell["name"], actors=[x for x in cell["actors"].split(";") if x], **place)
            )
        else:
            raise LearnerMapError(name, f"row {n} field 'record' is {_q(record)}, not map, actor, relationship or issue")
        if len(data["actors"]) > MAX_ACTORS or len(data["relationships"]) > MAX_RELATIONSHIPS:
            raise LearnerMapError(name, f"row {n}: more rows than a map can hold")
    if not seen_map:
        raise LearnerMapError(name, "no 'map' row (it holds the title, viewpoint and date)")
    problems = map_problems(data)
    if problems:
        raise LearnerMapError(name, f"{_csv_where(problems[0], where_rows)}")
    return data


def _csv_where(problem: str, rows: dict[str, list[int]]) -> str:
    """Turn 'actor 3 field ...' into 'row N (actor 3) field ...' for a CSV file."""
    m = re.match(r"(actor|relationship|issue) (\d+)(.*)", problem)
    if not m:
        return f"row {rows['map'][0]} (map) {problem}" if problem.startswith("field") and rows["map"] else problem
    kind, i = m.group(1), int(m.group(2))
    return f"row {rows[kind][i - 1]} ({kind} {i}){m.group(3)}"


# --- Drawing ---------------------------------------------------------------------------------

#: The notation (kinds of node and line, their words and styles) lives in data/maps/notation.json, read by
#: :mod:`.notation`; ``KINDS``, ``KIND_LABELS``, ``EDGE_KINDS``, ``NODE_TYPES`` and ``LEGEND_NOTE`` are read
#: from it on first use (module ``__getattr__``), so importing this module does not read the file.
_FROM_NOTATION = {
    "KINDS": notation.kinds,
    "KIND_LABELS": notation.kind_labels,
    "EDGE_KINDS": notation.edge_kinds,
    "NODE_TYPES": notation.node_types,
    "LEGEND_NOTE": notation.legend_note,
}


def __getattr__(name: str) -> Any:
    if name in _FROM_NOTATION:
        return _FROM_NOTATION[name]()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _place(item: dict[str, Any]) -> dict[str, Any]:
    return {"x": item["x"], "y": item["y"]} if "x" in item and "y" in item else {}


def _add_lanes(edges: list[dict[str, Any]]) -> None:
    """Give each of several edges between the same two nodes its own ``lane`` (twin: ``addLanes``).

    Seen from the pair's first node (ids in order), the k edges of a pair take lanes -(k-1), -(k-3),
    ..., k-1 in list order (steps of 2: whole numbers, centred on the straight line); each edge's
    ``lane`` is given in its own direction (source to target), so an edge drawn the other way has
    the sign turned. The renderer bends an edge by its lane, so parallel lines are both seen and
    both clicked. An edge alone on its pair has no lane (a straight line)."""
    pairs: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for e in edges:
        pairs.setdefault((min(e["source"], e["target"]), max(e["source"], e["target"])), []).append(e)
    for group in pairs.values():
        if len(group) < 2:
            continue
        for i, e in enumerate(group):
            lane = 2 * i - (len(group) - 1)
            e["lane"] = lane if e["source"] <= e["target"] or lane == 0 else -lane


#: Public name for other maps drawn by the same front end (the multi-track map).
add_lanes = _add_lanes


def to_spec(data: dict[str, Any], spec_id: str = "learner") -> dict[str, Any]:
    """The conflict-map spec the front end draws for a learner map (twin: ``toSpec``)."""
    nodes = []
    for a in data["actors"]:
        ntype = "self" if a["type"] == "self" else a["party"]
        nodes.append(
            {
                "id": a["id"],
                "label": a["name"],
                "type": ntype,
                "weight": a["power"],
                "details": [
                    ["Type", TYPE_LABELS[a["type"]]],
                    ["Power", f"{a['power']} of 5"],
                    ["Party", "inside" if a["party"] == "inside" else "outside"],
                ],
                **_place(a),
            }
        )
    for s in data["issues"]:
        nodes.append(
            {"id": s["id"], "label": s["label"], "type": "issue", "weight": 1, "details": [["Issue", s["label"]]], **_place(s)}
        )
    edges = [
        {"id": r["id"], "source": r["source"], "target": r["target"], "kind": {"kind": r["kind"]}} for r in data["relationships"]
    ]
    for s in data["issues"]:
        edges += [
            {"id": f"{s['id']}--{ref}", "source": s["id"], "target": ref, "kind": {"kind": "issue"}}
            for ref in s.get("actors", [])
        ]
    _add_lanes(edges)
    return {
        "id": spec_id,
        "title": data["title"],
        "viewpoint": data["viewpoint"],
        "date": data["date"],
        "encodings": [{"id": "kind", "label": "Trainers' notation"}],
        "kinds": notation.edge_kinds(),
        "nodeTypes": notation.node_types(),
        "groups": [],
        "nodes": nodes,
        "edges": edges,
        "legendNotes": [notation.legend_note()],
    }


def compare(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    """What changed between two maps (two viewpoints or two dates), as sentences (twin: ``compareMaps``).

    Relationships are matched by their pair of actors and their kind (for influence, its direction
    too), so two relationships between the same two actors stay two. For each pair, what is left
    unmatched on both sides is told as changed (in list order), then removed, then added."""
    out: list[str] = []
    for field in ("viewpoint", "date"):
        if before[field] != after[field]:
            out.append(f"{field.capitalize()}: {before[field]} -> {after[field]}")
    a_by = {a["id"]: a for a in before["actors"]}
    b_by = {a["id"]: a for a in after["actors"]}
    name = lambda i: (b_by.get(i) or a_by.get(i) or {}).get("name", i)  # noqa: E731
    for i in sorted(set(a_by) - set(b_by)):
        out.append(f"Actor removed: {a_by[i]['name']}")
    for i in sorted(set(b_by) - set(a_by)):
        out.append(f"Actor added: {b_by[i]['name']}")
    for i in sorted(set(a_by) & set(b_by)):
        for f in ("name", "type", "power", "party"):
            if a_by[i][f] != b_by[i][f]:
                out.append(f"{b_by[i]['name']}: {f} {a_by[i][f]} -> {b_by[i][f]}")
    for p, before_rels, after_rels in _by_pair(before["relationships"], after["relationships"]):
        who = f"{name(p[0])} and {name(p[1])}"
        gone, new = _unmatched(before_rels, after_rels), _unmatched(after_rels, before_rels)
        for x, y in zip(gone, new):
            out.append(f"Relationship changed: {who}: {x['kind']} -> {y['kind']}")
        out += [f"Relationship removed: {who} ({x['kind']})" for x in gone[len(new) :]]
        out += [f"Relationship added: {who} ({y['kind']})" for y in new[len(gone) :]]
    return out


def _rel_key(r: dict[str, Any]) -> tuple[str, str, str]:
    """What makes two relationships the same one: the pair and the kind (and, for influence, its direction)."""
    ends = (r["source"], r["target"]) if r["kind"] == "influence" else tuple(sorted((r["source"], r["target"])))
    return (ends[0], ends[1], r["kind"])


def _by_pair(before: list[dict[str, Any]], after: list[dict[str, Any]]) -> list[tuple[tuple[str, str], list, list]]:
    """Each pair of actors with a relationship on either map (in order), with its relationships on each."""
    groups: dict[tuple[str, str], tuple[list, list]] = {}
    for side, rels in enumerate((before, after)):
        for r in rels:
            groups.setdefault((min(r["source"], r["target"]), max(r["source"], r["target"])), ([], []))[side].append(r)
    return [(p, *groups[p]) for p in sorted(groups)]


def _unmatched(rels: list[dict[str, Any]], others: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The relationships of ``rels`` (in list order) that ``others`` has no match for, key by key."""
    left: dict[tuple[str, str, str], int] = {}
    for r in others:
        left[_rel_key(r)] = left.get(_rel_key(r), 0) + 1
    out = []
    for r in rels:
        if left.get(_rel_key(r), 0):
            left[_rel_key(r)] -= 1
        else:
            out.append(r)
    return out


def library_problems(lib: Any) -> list[str]:
    """Problems with the builder's saved maps ``{current, maps: {name: map}}`` (twin: ``libraryProblems``)."""
    if not isinstance(lib, dict):
        return ["the saved maps are not an object"]
    if not isinstance(lib.get("maps"), dict):
        return ["the saved maps have no 'maps' object"]
    problems = []
    for name, m in lib["maps"].items():
        p = map_problems(m)
        if p:
            problems.append(f"map {_q(name)}: {p[0]}")
    if not isinstance(lib.get("current"), str) or lib["current"] not in lib["maps"]:
        problems.append(f"current map {_q(lib.get('current'))} is not among the saved maps")
    return problems
