"""Companion analysis tools as structured forms: the conflict tree, the onion, the ABC triangle and the stakeholder grid.

Format ``tracktwo-worksheet`` version 1 (JSON Schema: ``data/maps/worksheet.schema.json``)::

    {"format": "tracktwo-worksheet", "version": 1, "tool": "tree"|"onion"|"abc"|"grid",
     "title": str, "viewpoint": str, "date": str,
     "parties": [{"name": str, "entries": {field id: [str, ...]}}]}

The tree and the grid have one "party" (the situation as a whole); the onion and the ABC triangle have one per
party. CSV: columns :data:`CSV_COLUMNS`; a ``sheet`` row (tool, title, viewpoint, date), then a
``party`` row per party and an ``entry`` row per entry. Twin: ``js/src/worksheet_model.js``.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from tracktwo.data.learner_files import checked, read_csv, read_json, text_problem
from tracktwo.data.learner_files import q as _q

from .learner import LearnerMapError

FORMAT = "tracktwo-worksheet"
VERSION = 1
TOOLS: dict[str, dict[str, Any]] = {
    "tree": {
        "label": "Conflict tree",
        "perParty": False,
        "fields": [["causes", "Causes (the roots)"], ["core", "Core problem (the trunk)"], ["effects", "Effects (the branches)"]],
    },
    "onion": {
        "label": "Onion",
        "perParty": True,
        "fields": [
            ["positions", "Positions: what we say we want"],
            ["interests", "Interests: what we really want"],
            ["needs", "Needs: what we must have"],
        ],
    },
    "abc": {
        "label": "ABC triangle",
        "perParty": True,
        "fields": [
            ["attitudes", "Attitudes (perceptions, feelings)"],
            ["behaviour", "Behaviour (visible acts)"],
            ["context", "Context (structures, background)"],
        ],
    },
    "grid": {
        "label": "Stakeholder grid",
        "perParty": False,
        "fields": [
            ["high-high", "High influence, high interest: work closely with them"],
            ["high-low", "High influence, low interest: keep them satisfied"],
            ["low-high", "Low influence, high interest: keep them informed, strengthen their voice"],
            ["low-low", "Low influence, low interest: watch for change"],
        ],
    },
}
CSV_COLUMNS = ("record", "tool", "title", "viewpoint", "date", "party", "field", "text")
MAX_PARTIES, MAX_ENTRIES, MAX_TEXT = 20, 60, 300
SHEET_FIELDS = ("format", "version", "tool", "title", "viewpoint", "date", "parties")


def _text(v: Any) -> str | None:
    """Why a value is not text of 1 to MAX_TEXT characters (missing or empty, or too long), or None."""
    return text_problem(v, MAX_TEXT)


def sheet_problems(data: Any) -> list[str]:
    """Every problem with a worksheet (twin: ``sheetProblems``)."""
    if not isinstance(data, dict):
        return ["the file is not a worksheet (expected an object with tool, title, parties)"]
    if data.get("format") != FORMAT:
        return [f"field 'format' is {_q(data.get('format'))}, not {_q(FORMAT)}: this is not a course worksheet"]
    problems: list[str] = []
    if type(data.get("version")) is not int or data.get("version") != VERSION:
        problems.append(f"field 'version' is {_q(data.get('version'))}; this course reads version {VERSION}")
    tool = data.get("tool")
    if not isinstance(tool, str) or tool not in TOOLS:
        problems.append(f"field 'tool' is {_q(tool)}, not one of {', '.join(TOOLS)}")
        return problems
    for field in ("title", "viewpoint", "date"):
        why = _text(data.get(field))
        if why:
            problems.append(f"field {_q(field)} {why} (every worksheet states its title, viewpoint and date)")
    for key in sorted(data):
        if key not in SHEET_FIELDS:
            problems.append(f"unknown field {_q(key)}")
    parties = data.get("parties")
    if not isinstance(parties, list) or not parties or len(parties) > MAX_PARTIES:
        problems.append(f"field 'parties' is not a list of 1 to {MAX_PARTIES} parties")
        return problems
    if not TOOLS[tool]["perParty"] and len(parties) != 1:
        problems.append(f"field 'parties': a {TOOLS[tool]['label'].lower()} has exactly one part (the situation as a whole)")
    fields = [f for f, _ in TOOLS[tool]["fields"]]
    names: set[str] = set()
    for i, p in enumerate(parties):
        where = f"party {i + 1}"
        if not isinstance(p, dict):
            problems.append(f"{where} is not an object")
            continue
        name = p.get("name")
        why = _text(name)
        if why:
            problems.append(f"{where} field 'name' {why}")
        elif name in names:
            problems.append(f"{where} field 'name': {_q(name)} is used twice")
        else:
            names.add(name)
        entries = p.get("entries")
        if not isinstance(entries, dict):
            problems.append(f"{where} field 'entries' is not an object")
            continue
        for key in sorted(entries):
            items = entries[key]
            if key not in fields:
                problems.append(f"{where} field 'entries': {_q(key)} is not one of {', '.join(fields)}")
            elif not isinstance(items, list) or len(items) > MAX_ENTRIES:
                problems.append(f"{where} entries {_q(key)} is not a list of at most {MAX_ENTRIES} texts")
            else:
                for j, t in enumerate(items):
                    if _text(t):
                        problems.append(f"{where} entries {_q(key)} item {j + 1} is not text of 1 to {MAX_TEXT} characters")
        for key in sorted(p):
            if key not in ("name", "entries"):
                problems.append(f"{where} has unknown field {_q(key)}")
    return problems


def empty_sheet(tool: str, title: str = "", viewpoint: str = "not stated yet", date: str = "not stated yet") -> dict[str, Any]:
    first = "The situation" if not TOOLS[tool]["perParty"] else "Party A"
    return {
        "format": FORMAT,
        "version": VERSION,
        "tool": tool,
        "title": title or TOOLS[tool]["label"],
        "viewpoint": viewpoint,
        "date": date,
        "parties": [{"name": first, "entries": {f: [] for f, _ in TOOLS[tool]["fields"]}}],
    }


def sheet_from_json(name: str, raw: bytes | str) -> dict[str, Any]:
    return read_json(name, raw, sheet_problems, "a worksheet")


def sheet_to_csv(data: dict[str, Any]) -> str:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(CSV_COLUMNS)
    w.writerow(["sheet", data["tool"], data["title"], data["viewpoint"], data["date"], "", "", ""])
    for p in data["parties"]:
        w.writerow(["party", "", "", "", "", p["name"], "", ""])
        for f, _ in TOOLS[data["tool"]]["fields"]:
            for t in p["entries"].get(f, []):
                w.writerow(["entry", "", "", "", "", p["name"], f, t])
    return out.getvalue()


def sheet_from_csv(name: str, raw: bytes | str) -> dict[str, Any]:
    _, rows = read_csv(name, raw, (CSV_COLUMNS,))
    data: dict[str, Any] | None = None
    by_name: dict[str, dict] = {}
    for n, cell in rows:
        if cell["record"] == "sheet":
            if data is not None:
                raise LearnerMapError(name, f"row {n} field 'record': a second 'sheet' row")
            data = {
                "format": FORMAT,
                "version": VERSION,
                "tool": cell["tool"],
                "title": cell["title"],
                "viewpoint": cell["viewpoint"],
                "date": cell["date"],
                "parties": [],
            }
            if cell["tool"] not in TOOLS:
                raise LearnerMapError(name, f"row {n} field 'tool' is {_q(cell['tool'])}, not one of {', '.join(TOOLS)}")
        elif data is None:
            raise LearnerMapError(name, f"row {n}: the first row must be the 'sheet' row (tool, title, viewpoint, date)")
        elif cell["record"] == "party":
            if cell["party"] in by_name:
                raise LearnerMapError(name, f"row {n} field 'party': {_q(cell['party'])} is used twice")
            p = {"name": cell["party"], "entries": {f: [] for f, _ in TOOLS[data["tool"]]["fields"]}}
            by_name[cell["party"]] = p
            data["parties"].append(p)
        elif cell["record"] == "entry":
            p = by_name.get(cell["party"])
            if p is None:
                raise LearnerMapError(name, f"row {n} field 'party': {_q(cell['party'])} has no 'party' row above it")
            if cell["field"] not in p["entries"]:
                raise LearnerMapError(name, f"row {n} field 'field' is {_q(cell['field'])}, not one of {', '.join(p['entries'])}")
            p["entries"][cell["field"]].append(cell["text"])
        else:
            raise LearnerMapError(name, f"row {n} field 'record' is {_q(cell['record'])}, not sheet, party or entry")
    if data is None:
        raise LearnerMapError(name, "no 'sheet' row (it holds the tool, title, viewpoint and date)")
    return checked(name, data, sheet_problems)
