"""The perspective timeline: a learner's own timeline of a situation, from a stated viewpoint.

Format ``tracktwo-timeline`` version 1 (JSON Schema: ``data/maps/timeline.schema.json``)::

    {"format": "tracktwo-timeline", "version": 1,
     "title": str, "viewpoint": str (whose viewpoint), "date": str (when it was drawn),
     "events": [{"id", "date": "YYYY" | "YYYY-MM" | "YYYY-MM-DD", "title": str, "note": str (optional),
                 "source": {"event": course event id, "cite": str (up to 1000 characters: the sources
                            and the course's note on them)} (optional: picked from data/events.csv)}]}

Events are kept in the order the learner added them and shown in date order (:func:`in_order`).
CSV: columns :data:`CSV_COLUMNS`; one ``timeline`` row (title, viewpoint, date), then an ``event``
row per event (``event`` and ``cite`` empty when the learner wrote it). Files are read and checked
by :mod:`tracktwo.data.learner_files`, the one home for learners' files. Twin:
``js/src/timeline_model.js`` (``tests/test_timeline_tool.py`` compares them string for string).
"""

from __future__ import annotations

import re
from typing import Any

from tracktwo.data.learner_files import LearnerFileError, checked, read_csv, read_json, text_problem
from tracktwo.data.learner_files import q as _q
from tracktwo.data.learner_files import to_csv as _to_csv
from tracktwo.data.learner_files import to_json as _to_json
from .learner import id_checker

FORMAT = "tracktwo-timeline"
VERSION = 1
CSV_COLUMNS = ("record", "id", "date", "title", "note", "event", "cite", "viewpoint")
MAX_EVENTS, MAX_TEXT, MAX_NOTE = 300, 200, 1000
DATE_RE = re.compile(r"^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$")
EVENT_ID_RE = re.compile(r"^[a-z0-9-]{1,80}$")
FIELDS = ("format", "version", "title", "viewpoint", "date", "events")
EVENT_FIELDS = ("id", "date", "title", "note", "source")


def timeline_problems(data: Any) -> list[str]:
    """Every problem with a perspective timeline, as ``where: field ...`` sentences (twin: ``timelineProblems``)."""
    if not isinstance(data, dict):
        return ["the file is not a timeline (expected an object with title, viewpoint, date, events)"]
    if data.get("format") != FORMAT:
        return [f"field 'format' is {_q(data.get('format'))}, not {_q(FORMAT)}: this is not a course timeline file"]
    problems: list[str] = []
    if type(data.get("version")) is not int or data.get("version") != VERSION:
        problems.append(f"field 'version' is {_q(data.get('version'))}; this course reads version {VERSION}")
    for field in ("title", "viewpoint", "date"):
        why = text_problem(data.get(field), MAX_TEXT)
        if why:
            problems.append(f"field {_q(field)} {why} (every timeline states its title, whose viewpoint, and when it was drawn)")
    for key in sorted(data):
        if key not in FIELDS:
            problems.append(f"unknown field {_q(key)}")
    events = data.get("events", [])
    if not isinstance(events, list):
        return problems + ["field 'events' is not a list"]
    if len(events) > MAX_EVENTS:
        return problems + [f"field 'events' has {len(events)} items; the most a timeline can hold is {MAX_EVENTS}"]
    check_id = id_checker(problems, set())
    for i, e in enumerate(events):
        where = f"event {i + 1}"
        if not isinstance(e, dict):
            problems.append(f"{where} is not an object")
            continue
        check_id(where, e)
        date = e.get("date")
        if not isinstance(date, str) or not DATE_RE.match(date):
            problems.append(f"{where} field 'date' is {_q(date)}; write YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2021-02-01)")
        why = text_problem(e.get("title"), MAX_TEXT)
        if why:
            problems.append(f"{where} field 'title' {why}")
        if "note" in e and not (isinstance(e["note"], str) and len(e["note"]) <= MAX_NOTE):
            problems.append(f"{where} field 'note' is not text of at most {MAX_NOTE} characters")
        if "source" in e:
            s = e["source"]
            if not isinstance(s, dict) or sorted(s) != ["cite", "event"]:
                problems.append(f"{where} field 'source' is not an object with 'event' and 'cite'")
            else:
                if not isinstance(s["event"], str) or not EVENT_ID_RE.match(s["event"]):
                    problems.append(f"{where} field 'source': 'event' is {_q(s['event'])}, not a course event id")
                why = text_problem(s["cite"], MAX_NOTE)
                if why:
                    problems.append(f"{where} field 'source': 'cite' {why}")
        for key in sorted(e):
            if key not in EVENT_FIELDS:
                problems.append(f"{where} has unknown field {_q(key)}")
    return problems


def empty_timeline(title: str = "My timeline", viewpoint: str = "not stated yet", date: str = "not stated yet") -> dict[str, Any]:
    return {"format": FORMAT, "version": VERSION, "title": title, "viewpoint": viewpoint, "date": date, "events": []}


def in_order(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The events in date order (a year before its months, a month before its days); ties keep the
    order they were added in (twin: ``inOrder``)."""
    return sorted(data["events"], key=lambda e: e["date"])


def from_json(name: str, raw: bytes | str) -> dict[str, Any]:
    """Parse and check a JSON timeline file; raise :class:`LearnerFileError` with one clear message."""
    return read_json(name, raw, timeline_problems, "a timeline file")


def to_json(data: dict[str, Any]) -> str:
    return _to_json(data)


def to_csv(data: dict[str, Any]) -> str:
    """One CSV file: the ``timeline`` row, then one ``event`` row per event (twin: ``timelineToCsv``)."""
    rows = [{"record": "timeline", "title": data["title"], "viewpoint": data["viewpoint"], "date": data["date"]}]
    for e in data["events"]:
        src = e.get("source") or {}
        rows.append({"record": "event", "id": e["id"], "date": e["date"], "title": e["title"], "note": e.get("note", ""), **src})
    return _to_csv(CSV_COLUMNS, rows)


def from_csv(name: str, raw: bytes | str) -> dict[str, Any]:
    """Parse and check a CSV timeline file: one message naming the row and the field."""
    _, rows = read_csv(name, raw, (CSV_COLUMNS,))
    data: dict[str, Any] | None = None
    where: list[int] = []
    for n, c in rows:
        if c["record"] == "timeline":
            if data is not None:
                raise LearnerFileError(name, f"row {n} field 'record': a second 'timeline' row")
            data = empty_timeline(c["title"], c["viewpoint"], c["date"])
            head = n
        elif c["record"] == "event":
            if data is None:
                raise LearnerFileError(name, f"row {n}: the first row must be the 'timeline' row (title, viewpoint, date)")
            e: dict[str, Any] = {"id": c["id"], "date": c["date"], "title": c["title"]}
            if c["note"]:
                e["note"] = c["note"]
            if c["event"] or c["cite"]:
                e["source"] = {"event": c["event"], "cite": c["cite"]}
            data["events"].append(e)
            where.append(n)
        else:
            raise LearnerFileError(name, f"row {n} field 'record' is {_q(c['record'])}, not timeline or event")
    if data is None:
        raise LearnerFileError(name, "no 'timeline' row (it holds the title, viewpoint and date)")

    def located(data: Any) -> list[str]:
        out = []
        for p in timeline_problems(data):
            m = re.match(r"event (\d+)(.*)", p)
            out.append(
                f"row {where[int(m.group(1)) - 1]} (event {m.group(1)}){m.group(2)}" if m else f"row {head} (timeline) {p}"
            )
        return out

    return checked(name, data, located)


def course_events() -> list[dict[str, str]]:
    """The course's events (data/events.csv) a learner may pick: id, date, title and citation, in
    date order. The citation names every source of the row, not only the main one ("Jones et al.
    (2021), Sec. 2; also Xinhua ..."), and carries the row's note on its sources with the keys
    resolved: where the day or month comes from, and both versions where the sources disagree
    (e.g. "DISCREPANCY (give both): the brief dates the purge ... to 2005; outside sources ... 18/19
    October 2004")."""
    from tracktwo.citations import cite as row_cite
    from tracktwo.citations import resolve_keys, short_citations
    from tracktwo.data import load_all

    course = load_all()
    cites = short_citations(course.references)
    out = []
    for e in course.events.sort_values("start", kind="stable").to_dict("records"):
        text = row_cite(e, cites)
        note = e.get("note")
        if isinstance(note, str) and note.strip():
            text += f". The course's note on its sources: {resolve_keys(note.strip(), cites)}"
        out.append({"id": e["id"], "date": e["start_text"], "title": e["title"], "cite": text[:MAX_NOTE]})
    return out
