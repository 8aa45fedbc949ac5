"""Loaders for the course data in ``data/``: read, validate, type, and cross-check every table.

The tables are CSV files described by ``data/datapackage.json`` (a Frictionless Data Package), plus
the bibliography ``data/references.bib``. The data package is the one place where the tables'
columns, types and allowed values (enums, patterns) live: these loaders read it, and the independent
``frictionless validate data/datapackage.json`` reads the same file, so the two validators cannot
drift apart.

What you get
------------
One loader per table, each ``(data_dir=None) -> pandas.DataFrame``:
:func:`load_periods`, :func:`load_events`, :func:`load_actors`, :func:`load_relations`,
:func:`load_institutions`, :func:`load_glossary` and :func:`load_references`; and :func:`load_all`,
which loads everything into a :class:`CourseData` and also checks the tables against each other.

Typed columns:

- list-valued fields (semicolon-separated in the CSV, e.g. ``tracks`` = ``"1;1.5"``) are Python
  lists (``[]`` when empty);
- ``periods.start`` / ``periods.end`` are Timestamps (``end`` is NaT for the open post-coup period);
- ``events.start`` / ``events.end`` are Timestamps at the first day of the date's precision
  (``"2009-04"`` -> 2009-04-01, ``"1989"`` -> 1989-01-01), and ``start_text`` / ``end_text`` keep the
  original strings; ``institutions.established`` likewise, with ``established_text``;
- integers and booleans are typed; optional text is ``""`` when empty.

Every row names its main source (``source``, a key of references.bib), a ``locator`` in it, and
optionally ``other_sources`` (more keys).

Errors
------
Every failure raises one :class:`DataError` that lists every problem found, each naming the file,
the line number in the file (the header row is line 1, so the first data row is line 2), the field
and the bad value, e.g.::

    data/events.csv, line 12, field "start": "2015-13-01" is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)

A single-table loader checks that table on its own; :func:`load_all` adds the cross-table checks
(actor and period ids resolve, source keys exist in references.bib, event dates fall in their
period).
"""

from __future__ import annotations

import calendar
import csv
import io
import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Iterable

import pandas as pd

__all__ = [
    "DEFAULT_DATA_DIR",
    "TABLES",
    "CourseData",
    "DataError",
    "Problem",
    "allowed_values",
    "enum_descriptions",
    "load_actors",
    "load_all",
    "load_events",
    "load_glossary",
    "load_institutions",
    "load_package",
    "load_periods",
    "load_references",
    "load_relations",
    "parse_partial_date",
]

#: The repository's data folder, found relative to this package.
DEFAULT_DATA_DIR = Path(__file__).resolve().parent.parent / "data"
PACKAGE_FILE = "datapackage.json"
#: The CSV tables, in loading order (the bibliography is loaded separately).
TABLES = ("periods", "events", "actors", "relations", "institutions", "glossary")

_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_PARTIAL = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_PRECISION_OF_PARTS = {1: "year", 2: "month", 3: "day"}
_MAX_SHOWN = 120


# ------------------------------------------------------------------------------------------------
# Errors
# ------------------------------------------------------------------------------------------------

def _show(value: str) -> str:
    text = value.replace("\r", "\\r").replace("\n", "\\n")
    return text if len(text) <= _MAX_SHOWN else text[: _MAX_SHOWN - 3] + "..."


@dataclass(frozen=True)
class Problem:
    """One problem in the data: where it is (file, line, field), the bad value, and what is wrong."""

    file: str
    row: int | None
    field: str | None
    value: str | None
    message: str

    @property
    def line(self) -> int | None:
        return self.row

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"line {self.row}")
        if self.field is not None:
            where.append(f'field "{self.field}"')
        head = ", ".join(where)
        if self.value is None:
            return f"{head}: {self.message}"
        return f'{head}: "{_show(self.value)}" {self.message}'


class DataError(ValueError):
    """The course data is invalid. ``problems`` lists every problem found (at least one).

    ``file``, ``row`` (= ``line``, the line number in the file; the header is line 1), ``field`` and
    ``value`` describe the first problem; the message lists them all in plain English.
    """

    def __init__(self, problems: Iterable[Problem]):
        self.problems = list(problems)
        if not self.problems:
            raise ValueError("DataError needs at least one problem")
        first = self.problems[0]
        self.file, self.row, self.field, self.value = first.file, first.row, first.field, first.value
        if len(self.problems) == 1:
            message = str(first)
        else:
            listed = "\n".join(f"  {i}. {p}" for i, p in enumerate(self.problems, 1))
            message = f"{len(self.problems)} problems in the course data:\n{listed}"
        super().__init__(message)

    @property
    def line(self) -> int | None:
        return self.row


def _raise_if(problems: list[Problem]) -> None:
    if problems:
        raise DataError(problems)


# ------------------------------------------------------------------------------------------------
# Dates
# ------------------------------------------------------------------------------------------------

def parse_partial_date(text: str) -> tuple[pd.Timestamp, str] | None:
    """``"2009-04"`` -> (Timestamp('2009-04-01'), 'month'); None if ``text`` is not a real date.

    Accepts YYYY, YYYY-MM and YYYY-MM-DD, and checks the calendar (no 2015-02-30).
    """
    m = _PARTIAL.fullmatch(text)
    if not m:
        return None
    year, month, day = m.group(1), m.group(2), m.group(3)
    y = int(year)
    mo = int(month) if month else 1
    d = int(day) if day else 1
    if not 1 <= mo <= 12 or not 1 <= d <= calendar.monthrange(y, mo)[1]:
        return None
    parts = 1 + (month is not None) + (day is not None)
    return pd.Timestamp(year=y, month=mo, day=d), _PRECISION_OF_PARTS[parts]


def _unit_end(start: pd.Timestamp, precision: str) -> pd.Timestamp:
    """The last day of the year/month/day that begins at ``start``."""
    if precision == "year":
        return pd.Timestamp(year=start.year, month=12, day=31)
    if precision == "month":
        return pd.Timestamp(year=start.year, month=start.month,
                            day=calendar.monthrange(start.year, start.month)[1])
    return start


# ------------------------------------------------------------------------------------------------
# The data package (schema)
# ------------------------------------------------------------------------------------------------

def _data_dir(data_dir: Path | str | None) -> Path:
    return Path(data_dir) if data_dir is not None else DEFAULT_DATA_DIR


def _display(data_dir: Path, name: str) -> str:
    return f"{data_dir.name}/{name}"


def load_package(data_dir: Path | str | None = None) -> dict[str, Any]:
    """The parsed ``datapackage.json`` (raises DataError if it is missing or not valid JSON)."""
    dd = _data_dir(data_dir)
    path = dd / PACKAGE_FILE
    shown = _display(dd, PACKAGE_FILE)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataError([Problem(shown, None, None, None, f"is missing (looked in {dd})")]) from None
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        raise DataError([Problem(shown, line, None, None, "is not valid UTF-8")]) from None
    try:
        package = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataError([Problem(shown, exc.lineno, None, None, f"is not valid JSON: {exc.msg}")]) from None
    names = [r.get("name") for r in package.get("resources", [])]
    missing = [t for t in (*TABLES, "references") if t not in names]
    if missing:
        raise DataError([Problem(shown, None, None, None,
                                 f"describes no resource named {', '.join(missing)}")])
    return package


def _resource(package: dict[str, Any], name: str) -> dict[str, Any]:
    for res in package["resources"]:
        if res.get("name") == name:
            return res
    raise KeyError(name)


def _field(package: dict[str, Any], table: str, field: str) -> dict[str, Any]:
    for f in _resource(package, table)["schema"]["fields"]:
        if f["name"] == field:
            return f
    raise KeyError(f"{table}.{field}")


def allowed_values(table: str, field: str, data_dir: Path | str | None = None) -> list[str]:
    """The allowed values of a coded field, read from datapackage.json (e.g. events.category)."""
    f = _field(load_package(data_dir), table, field)
    extra = f.get("tracktwo", {})
    values = f.get("constraints", {}).get("enum") or extra.get("itemEnum")
    if values is None:
        raise KeyError(f"{table}.{field} has no list of allowed values")
    return list(values)


def enum_descriptions(table: str, field: str, data_dir: Path | str | None = None) -> dict[str, str]:
    """What each allowed value of a coded field means, from datapackage.json."""
    f = _field(load_package(data_dir), table, field)
    return dict(f.get("tracktwo", {}).get("enumDescriptions", {}))


# ------------------------------------------------------------------------------------------------
# Reading a CSV file
# ------------------------------------------------------------------------------------------------

def _read_text(path: Path, shown: str, columns: list[str], problems: list[Problem]) -> str | None:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        problems.append(Problem(shown, None, None, None, f"is missing (looked in {path.parent})"))
        return None
    if not raw.strip():
        problems.append(Problem(shown, 1, columns[0], "",
                                "was found where the header row should be: the file is empty "
                                f"(expected a header row with the columns {', '.join(columns)})"))
        return None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line_no = raw[: exc.start].count(b"\n") + 1
        bad = raw[exc.start: exc.start + 1].hex().upper()
        line_bytes = raw.split(b"\n")[line_no - 1]
        shown_line = line_bytes.decode("utf-8", errors="backslashreplace").rstrip("\r")
        field, value = None, shown_line
        try:
            header = next(csv.reader(io.StringIO(raw.split(b"\n")[0].decode("utf-8", "replace"))))
            cells = next(csv.reader(io.StringIO(shown_line)))
            for i, cell in enumerate(cells):
                if "\\x" in cell:
                    value = cell
                    field = header[i] if line_no > 1 and i < len(header) else None
                    break
        except (csv.Error, StopIteration):
            pass
        problems.append(Problem(shown, line_no, field, value,
                                f"is not valid UTF-8 (byte 0x{bad}): save the file as UTF-8"))
        return None


def _read_rows(text: str, shown: str, columns: list[str],
               problems: list[Problem]) -> list[tuple[int, dict[str, str]]] | None:
    """Parse CSV text into (line number, {column: cell}) pairs, checking the header and cell counts."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    records: list[tuple[int, list[str]]] = []
    line = 1
    try:
        for record in reader:
            records.append((line, record))
            line = reader.line_num + 1
    except csv.Error as exc:
        problems.append(Problem(shown, line, None, None, f"cannot be read as CSV: {exc}"))
        return None
    records = [(n, r) for n, r in records if r and any(c.strip() for c in r)]
    if not records:
        problems.append(Problem(shown, 1, columns[0], "",
                                "was found where the header row should be: the file has no header "
                                f"(expected the columns {', '.join(columns)})"))
        return None
    header_line, header = records[0]
    header_text = ",".join(header)
    before = len(problems)
    for col in columns:
        if col not in header:
            problems.append(Problem(shown, header_line, col, header_text,
                                    f"is the header row, and it has no column \"{col}\" "
                                    f"(expected the columns {', '.join(columns)})"))
    for i, col in enumerate(header):
        if col not in columns:
            problems.append(Problem(shown, header_line, col, header_text,
                                    f"is the header row, and \"{col}\" is not a column of this table "
                                    f"(expected the columns {', '.join(columns)})"))
        elif header.index(col) != i:
            problems.append(Problem(shown, header_line, col, header_text,
                                    f"is the header row, and it has the column \"{col}\" twice"))
    if len(problems) > before:
        return None
    rows = []
    for n, record in records[1:]:
        if len(record) != len(header):
            problems.append(Problem(shown, n, None, ",".join(record),
                                    f"has {len(record)} cells, but the header has {len(header)} columns "
                                    "(check the commas and quotes)"))
            continue
        rows.append((n, dict(zip(header, record))))
    return rows


# ------------------------------------------------------------------------------------------------
# Checking and typing cells against the schema
# ------------------------------------------------------------------------------------------------

def _is_list(fdesc: dict[str, Any]) -> bool:
    return bool(fdesc.get("tracktwo", {}).get("list"))


def _split(raw: str, sep: str = ";") -> list[str]:
    return [item.strip() for item in raw.split(sep)] if raw else []


def _allowed(values: Iterable[str]) -> str:
    return ", ".join(values)


def _check_cell(raw: str, fdesc: dict[str, Any], shown: str, line: int,
                problems: list[Problem]) -> Any:
    """Check one cell against its field descriptor; return the typed value (None if invalid/empty)."""
    name = fdesc["name"]
    ftype = fdesc.get("type", "string")
    cons = fdesc.get("constraints", {})
    extra = fdesc.get("tracktwo", {})

    def bad(message: str, value: str = raw) -> None:
        problems.append(Problem(shown, line, name, value, message))

    if raw != raw.strip():
        bad("has spaces at the start or end")
        return None
    if raw == "":
        if cons.get("required"):
            bad("is empty, but this field is required")
            return None
        return [] if _is_list(fdesc) else None

    value: Any = raw
    if _is_list(fdesc):
        items = raw.split(extra.get("separator", ";"))
        if any(item == "" or item != item.strip() for item in items):
            bad("is not a clean list: separate items with a single \";\" and no spaces or empty items")
            return None
        enum = extra.get("itemEnum")
        if enum is not None:
            for item in items:
                if item not in enum:
                    bad(f"contains \"{item}\", which is not an allowed value (allowed: {_allowed(enum)})")
                    return None
        if len(set(items)) != len(items):
            bad("lists the same item twice")
            return None
        value = items
    elif ftype == "integer":
        if not re.fullmatch(r"-?\d+", raw):
            bad("is not a whole number")
            return None
        value = int(raw)
        if "minimum" in cons and value < cons["minimum"]:
            bad(f"is less than the minimum, {cons['minimum']}")
            return None
        if "maximum" in cons and value > cons["maximum"]:
            bad(f"is more than the maximum, {cons['maximum']}")
            return None
    elif ftype == "boolean":
        if raw not in ("true", "false"):
            bad("is not true or false")
            return None
        value = raw == "true"
    elif ftype == "date":
        try:
            if not _ISO_DAY.fullmatch(raw):
                raise ValueError
            value = pd.Timestamp(date.fromisoformat(raw))
        except ValueError:
            bad("is not a date (use YYYY-MM-DD)")
            return None
    elif extra.get("partialDate"):
        parsed = parse_partial_date(raw)
        if parsed is None:
            bad("is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)")
            return None
        value = raw
    enum = cons.get("enum")
    if enum is not None and raw not in enum:
        bad(f"is not an allowed value (allowed: {_allowed(enum)})")
        return None
    pattern = cons.get("pattern")
    if pattern is not None and not re.fullmatch(pattern, raw):
        bad(f"does not have the expected form (the data package's pattern is {pattern})")
        return None
    return value


def _load_table(name: str, data_dir: Path, package: dict[str, Any],
                problems: list[Problem]) -> tuple[pd.DataFrame, list[int]] | None:
    """Read, check and type one table; append problems; None if the table could not be read at all."""
    res = _resource(package, name)
    fields = res["schema"]["fields"]
    columns = [f["name"] for f in fields]
    shown = _display(data_dir, res["path"])
    text = _read_text(data_dir / res["path"], shown, columns, problems)
    if text is None:
        return None
    rows = _read_rows(text, shown, columns, problems)
    if rows is None:
        return None

    unique = {f["name"] for f in fields if f.get("constraints", {}).get("unique")}
    unique |= set(res["schema"].get("primaryKey", []))
    seen: dict[str, dict[str, int]] = {u: {} for u in unique}
    records, lines = [], []
    for line, cells in rows:
        record = {}
        for f in fields:
            raw = cells[f["name"]]
            record[f["name"]] = _check_cell(raw, f, shown, line, problems)
            if f["name"] in unique and raw != "":
                first = seen[f["name"]].setdefault(raw, line)
                if first != line:
                    problems.append(Problem(shown, line, f["name"], raw,
                                            f"is a duplicate: line {first} has the same value"))
        records.append(record)
        lines.append(line)
    frame = pd.DataFrame.from_records(records, columns=columns)
    for f in fields:
        col = f["name"]
        if f.get("type") == "date":
            frame[col] = pd.to_datetime(frame[col])
        elif f.get("type") == "integer":
            frame[col] = frame[col].astype("Int64")
        elif f.get("type") == "boolean":
            frame[col] = frame[col].astype("boolean")
        elif not _is_list(f) and not f.get("tracktwo", {}).get("partialDate"):
            frame[col] = frame[col].fillna("").astype(str)
    return frame, lines


def _add_partial_dates(frame: pd.DataFrame, columns: Iterable[str]) -> pd.DataFrame:
    """Replace partial-date text columns by Timestamps, keeping the text in ``<col>_text``."""
    for col in columns:
        texts = frame[col].fillna("").astype(str)
        stamps = [parse_partial_date(t)[0] if t else pd.NaT for t in texts]
        at = frame.columns.get_loc(col)
        frame[col] = pd.to_datetime(pd.Series(stamps, index=frame.index, dtype="object"))
        frame.insert(at + 1, f"{col}_text", texts)
    return frame


# ------------------------------------------------------------------------------------------------
# Table-specific checks (within one table)
# ------------------------------------------------------------------------------------------------

def _check_periods(frame: pd.DataFrame, lines: list[int], shown: str, problems: list[Problem]) -> None:
    ordered = frame.sort_values("start")
    prev_end, prev_id = None, None
    for idx, row in ordered.iterrows():
        line = lines[frame.index.get_loc(idx)]
        if pd.notna(row["end"]) and pd.notna(row["start"]) and row["end"] < row["start"]:
            problems.append(Problem(shown, line, "end", row["end"].strftime("%Y-%m-%d"),
                                    f"is before the start, {row['start']:%Y-%m-%d}"))
        if prev_end is not None and pd.notna(row["start"]) and row["start"] != prev_end:
            problems.append(Problem(shown, line, "start", row["start"].strftime("%Y-%m-%d"),
                                    f"does not touch the end of the previous period \"{prev_id}\" "
                                    f"({prev_end:%Y-%m-%d}): periods must meet on the same day"))
        if pd.isna(row["end"]) and idx != ordered.index[-1]:
            problems.append(Problem(shown, line, "end", "", "is empty, but only the last period may be open"))
        prev_end, prev_id = row["end"], row["id"]


def _check_dated(frame: pd.DataFrame, lines: list[int], shown: str, problems: list[Problem]) -> None:
    """events: precision matches the form of start; end is not before start."""
    for i, (_, row) in enumerate(frame.iterrows()):
        line = lines[i]
        start = parse_partial_date(row["start"]) if isinstance(row["start"], str) else None
        if start and row["precision"] and start[1] != row["precision"]:
            problems.append(Problem(shown, line, "precision", row["precision"],
                                    f"does not match the start \"{row['start']}\", which is given to the "
                                    f"{start[1]} (use \"{start[1]}\")"))
        end = parse_partial_date(row["end"]) if isinstance(row["end"], str) and row["end"] else None
        if start and end and _unit_end(*end) < start[0]:
            problems.append(Problem(shown, line, "end", row["end"],
                                    f"is before the start, {row['start']}"))


def _check_glossary(frame: pd.DataFrame, lines: list[int], shown: str, problems: list[Problem]) -> None:
    for i, (_, row) in enumerate(frame.iterrows()):
        if row["kind"] == "acronym" and not row["expansion"]:
            problems.append(Problem(shown, lines[i], "expansion", "",
                                    "is empty, but an acronym needs its expansion"))


_TABLE_CHECKS = {"periods": _check_periods, "events": _check_dated, "glossary": _check_glossary}
_PARTIAL_DATE_COLUMNS = {"events": ("start", "end"), "institutions": ("established",)}


def _table(name: str, data_dir: Path, package: dict[str, Any],
           problems: list[Problem]) -> tuple[pd.DataFrame, list[int]] | None:
    loaded = _load_table(name, data_dir, package, problems)
    if loaded is None:
        return None
    frame, lines = loaded
    shown = _display(data_dir, _resource(package, name)["path"])
    check = _TABLE_CHECKS.get(name)
    if check:
        check(frame, lines, shown, problems)
    return frame, lines


def _finish(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    return _add_partial_dates(frame, _PARTIAL_DATE_COLUMNS.get(name, ()))


def _load_one(name: str, data_dir: Path | str | None) -> pd.DataFrame:
    dd = _data_dir(data_dir)
    package = load_package(dd)
    problems: list[Problem] = []
    loaded = _table(name, dd, package, problems)
    _raise_if(problems)
    assert loaded is not None
    return _finish(name, loaded[0])


def load_periods(data_dir: Path | str | None = None) -> pd.DataFrame:
    """periods.csv: id, label, start and end (Timestamps; end NaT when open), sources, note."""
    return _load_one("periods", data_dir)


def load_events(data_dir: Path | str | None = None) -> pd.DataFrame:
    """events.csv, with start/end as Timestamps (first day of their precision) and start_text/end_text."""
    return _load_one("events", data_dir)


def load_actors(data_dir: Path | str | None = None) -> pd.DataFrame:
    """actors.csv; ``memberships`` is a list such as ``["fpncc"]`` or ``["nca:2015"]``."""
    return _load_one("actors", data_dir)


def load_relations(data_dir: Path | str | None = None) -> pd.DataFrame:
    """relations.csv: the 21 rows of the brief's Table 1; ``actor_b`` is a list of actor ids."""
    return _load_one("relations", data_dir)


def load_institutions(data_dir: Path | str | None = None) -> pd.DataFrame:
    """institutions.csv; ``functions`` and ``tracks`` are lists, ``established`` a Timestamp or NaT."""
    return _load_one("institutions", data_dir)


def load_glossary(data_dir: Path | str | None = None) -> pd.DataFrame:
    """glossary.csv; ``aliases`` is a list, ``in_brief_acronym_list`` a boolean."""
    return _load_one("glossary", data_dir)


# ------------------------------------------------------------------------------------------------
# The bibliography
# ------------------------------------------------------------------------------------------------

_BIB_KEY = re.compile(r"[A-Za-z0-9][A-Za-z0-9_:.-]*")
_BIB_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")
_PLAIN_FIELDS_REQUIRED = ("title",)


class _BibSyntax(Exception):
    def __init__(self, pos: int, message: str):
        super().__init__(message)
        self.pos = pos
        self.message = message


def _parse_bib(text: str) -> list[dict[str, Any]]:
    """A small BibTeX reader: @type{key, name = {value} | "value" | number, ...}. Raises _BibSyntax."""
    entries = []
    pos, n = 0, len(text)

    def skip_ws(p: int) -> int:
        while p < n and text[p].isspace():
            p += 1
        return p

    def braced(p: int) -> tuple[str, int]:  # text[p] == "{"
        depth, start = 0, p
        while p < n:
            ch = text[p]
            if ch == "{":
                depth += 1
            elif ch == "}":
                depth -= 1
                if depth == 0:
                    return text[start + 1: p], p + 1
            p += 1
        raise _BibSyntax(start, "has a \"{\" that is never closed")

    while True:
        at = text.find("@", pos)
        if at < 0:
            break
        p = at + 1
        m = _BIB_NAME.match(text, p)
        if not m:
            raise _BibSyntax(at, "has an \"@\" not followed by an entry type")
        etype = m.group(0).lower()
        p = skip_ws(m.end())
        if p >= n or text[p] != "{":
            raise _BibSyntax(p, f"has an @{etype} entry without an opening \"{{\"")
        if etype in ("comment", "preamble"):
            _, pos = braced(p)
            continue
        if etype == "string":
            raise _BibSyntax(at, "uses @string macros, which this project does not allow")
        p = skip_ws(p + 1)
        m = _BIB_KEY.match(text, p)
        if not m:
            raise _BibSyntax(p, "has an entry without a valid citation key")
        entry = {"type": etype, "key": m.group(0), "pos": at, "key_pos": p, "fields": {}, "field_pos": {}}
        p = skip_ws(m.end())
        while True:
            if p < n and text[p] == "}":
                p += 1
                break
            if p >= n or text[p] != ",":
                raise _BibSyntax(p, f"entry \"{entry['key']}\" is missing a comma or a closing \"}}\"")
            p = skip_ws(p + 1)
            if p < n and text[p] == "}":
                p += 1
                break
            m = _BIB_NAME.match(text, p)
            if not m:
                raise _BibSyntax(p, f"entry \"{entry['key']}\" has a field without a valid name")
            fname, fpos = m.group(0).lower(), p
            p = skip_ws(m.end())
            if p >= n or text[p] != "=":
                raise _BibSyntax(p, f"entry \"{entry['key']}\" has a field \"{fname}\" without \"=\"")
            p = skip_ws(p + 1)
            if p < n and text[p] == "{":
                value, p = braced(p)
            elif p < n and text[p] == '"':
                end = text.find('"', p + 1)
                if end < 0:
                    raise _BibSyntax(p, "has a quoted value that is never closed")
                value, p = text[p + 1: end], end + 1
            else:
                m = re.compile(r"[A-Za-z0-9]+").match(text, p)
                if not m:
                    raise _BibSyntax(p, f"entry \"{entry['key']}\" has a field \"{fname}\" without a value")
                value, p = m.group(0), m.end()
            p = skip_ws(p)
            if p < n and text[p] == "#":
                raise _BibSyntax(p, "uses \"#\" concatenation, which this project does not allow")
            if fname in entry["fields"]:
                raise _BibSyntax(fpos, f"entry \"{entry['key']}\" has the field \"{fname}\" twice")
            entry["fields"][fname] = " ".join(value.split())
            entry["field_pos"][fname] = fpos
        entries.append(entry)
        pos = p
    return entries


def _split_names(value: str) -> list[str]:
    names, depth, current = [], 0, []
    tokens = re.split(r"(\{|\}|\s+and\s+)", value)
    for tok in tokens:
        if tok == "{":
            depth += 1
        elif tok == "}":
            depth -= 1
        if depth == 0 and re.fullmatch(r"\s+and\s+", tok or ""):
            names.append("".join(current))
            current = []
        else:
            current.append(tok)
    names.append("".join(current))
    return [n.replace("{", "").replace("}", "").strip() for n in names if n.strip()]


def _bib_table(data_dir: Path, package: dict[str, Any], problems: list[Problem]) -> pd.DataFrame | None:
    res = _resource(package, "references")
    path = data_dir / res["path"]
    shown = _display(data_dir, res["path"])
    max_note = int(package.get("tracktwo", {}).get("briefEndnotes", 0)) or None
    text = _read_text(path, shown, ["@entry"], problems)
    if text is None:
        return None
    try:
        entries = _parse_bib(text)
    except _BibSyntax as exc:
        problems.append(Problem(shown, text.count("\n", 0, exc.pos) + 1, None, None,
                                f"is not valid BibTeX: it {exc.message}"))
        return None
    if not entries:
        problems.append(Problem(shown, 1, None, None, "has no entries"))
        return None

    def line_of(pos: int) -> int:
        return text.count("\n", 0, pos) + 1

    seen: dict[str, int] = {}
    rows = []
    for e in entries:
        key, fields = e["key"], e["fields"]
        key_line = line_of(e["key_pos"])
        if key in seen:
            problems.append(Problem(shown, key_line, "key", key,
                                    f"is a duplicate citation key: line {seen[key]} has the same key"))
        seen.setdefault(key, key_line)
        for fname, value in fields.items():
            fline = line_of(e["field_pos"][fname])
            if "\\" in value:
                problems.append(Problem(shown, fline, fname, value,
                                        "contains a backslash (LaTeX markup): keep entries plain text"))
            if fname == "title" and ("{" in value or "}" in value):
                problems.append(Problem(shown, fline, fname, value,
                                        "contains braces inside the title: keep titles plain"))
        for required in _PLAIN_FIELDS_REQUIRED:
            if not fields.get(required):
                problems.append(Problem(shown, key_line, required, "",
                                        f"is missing or empty in entry \"{key}\""))
        year = fields.get("year")
        if year is not None and not re.fullmatch(r"\d{4}", year):
            problems.append(Problem(shown, line_of(e["field_pos"]["year"]), "year", year,
                                    "is not a four-digit year"))
            year = None
        if year is None and e["type"] != "misc" and "year" not in fields:
            problems.append(Problem(shown, key_line, "year", "",
                                    f"is missing in @{e['type']} entry \"{key}\" (only @misc may omit it)"))
        endnotes: list[int] = []
        if "endnote" in fields:
            raw = fields["endnote"]
            fline = line_of(e["field_pos"]["endnote"])
            if not re.fullmatch(r"\d+(\s*,\s*\d+)*", raw):
                problems.append(Problem(shown, fline, "endnote", raw,
                                        "is not a list of endnote numbers such as {5} or {5, 7}"))
            else:
                endnotes = [int(x) for x in raw.split(",")]
                out = [x for x in endnotes if x < 1 or (max_note and x > max_note)]
                if out:
                    problems.append(Problem(shown, fline, "endnote", raw,
                                            f"names endnote {out[0]}, but the brief's endnotes run from 1 "
                                            f"to {max_note}"))
        url = fields.get("url")
        if url is not None and not re.fullmatch(r"https?://\S+", url):
            problems.append(Problem(shown, line_of(e["field_pos"]["url"]), "url", url,
                                    "is not a web address (http:// or https://)"))
        rows.append({
            "key": key,
            "entry_type": e["type"],
            "title": fields.get("title", ""),
            "authors": _split_names(fields.get("author", "")),
            "editors": _split_names(fields.get("editor", "")),
            "year": int(year) if year else None,
            "endnotes": endnotes,
            "url": url or "",
            "note": fields.get("note", ""),
            "fields": dict(fields),
            "line": key_line,
        })
    frame = pd.DataFrame(rows)
    frame["year"] = frame["year"].astype("Int64")
    return frame


def load_references(data_dir: Path | str | None = None) -> pd.DataFrame:
    """references.bib as a table: key, entry_type, title, authors, editors, year, endnotes (list of
    int), url, note, fields (all raw fields) and line (where the entry's key is)."""
    dd = _data_dir(data_dir)
    package = load_package(dd)
    problems: list[Problem] = []
    frame = _bib_table(dd, package, problems)
    _raise_if(problems)
    return frame


# ------------------------------------------------------------------------------------------------
# Everything, with cross-table checks
# ------------------------------------------------------------------------------------------------

@dataclass(frozen=True, eq=False)
class CourseData:
    """All the course tables, validated and cross-checked by :func:`load_all`."""

    periods: pd.DataFrame
    events: pd.DataFrame
    actors: pd.DataFrame
    relations: pd.DataFrame
    institutions: pd.DataFrame
    glossary: pd.DataFrame
    references: pd.DataFrame


def _cross_check(loaded: dict[str, tuple[pd.DataFrame, list[int]]], bib: pd.DataFrame | None,
                 data_dir: Path, package: dict[str, Any], problems: list[Problem]) -> None:
    ids = {name: set(frame["id"]) for name, (frame, _) in loaded.items()}
    bib_keys = set(bib["key"]) if bib is not None else None

    for name, (frame, lines) in loaded.items():
        res = _resource(package, name)
        shown = _display(data_dir, res["path"])
        # scalar foreign keys, as declared for frictionless
        for fk in res["schema"].get("foreignKeys", []):
            col, target = fk["fields"][0], fk["reference"]["resource"]
            if target not in ids:
                continue
            for i, value in enumerate(frame[col]):
                if value and value not in ids[target]:
                    problems.append(Problem(shown, lines[i], col, value,
                                            f"is not an id in {target}.csv"))
        for f in res["schema"]["fields"]:
            extra = f.get("tracktwo", {})
            col = f["name"]
            # list-valued references (frictionless cannot check these)
            ref = extra.get("references")
            if ref and ref["resource"] in ids:
                for i, items in enumerate(frame[col]):
                    for item in items or []:
                        if item not in ids[ref["resource"]]:
                            problems.append(Problem(shown, lines[i], col, item,
                                                    f"is not an id in {ref['resource']}.csv"))
            # citation keys
            if extra.get("bibkey") and bib_keys is not None:
                for i, value in enumerate(frame[col]):
                    items = value if isinstance(value, list) else ([value] if value else [])
                    for item in items:
                        if item not in bib_keys:
                            problems.append(Problem(shown, lines[i], col, item,
                                                    "is not a citation key in references.bib"))

    # dates inside their period, read at the date's own precision
    if "periods" not in loaded:
        return
    periods = loaded["periods"][0].set_index("id")
    for name, date_col in (("events", "start"), ("institutions", "established")):
        if name not in loaded:
            continue
        frame, lines = loaded[name]
        shown = _display(data_dir, _resource(package, name)["path"])
        for i, (_, row) in enumerate(frame.iterrows()):
            text = row[date_col]
            if not isinstance(text, str) or not text or row["period"] not in periods.index:
                continue
            parsed = parse_partial_date(text)
            if parsed is None:
                continue
            first, precision = parsed
            last = _unit_end(first, precision)
            p = periods.loc[row["period"]]
            p_end = p["end"] if pd.notna(p["end"]) else pd.Timestamp.max
            if last < p["start"] or first > p_end:
                span = f"{p['start']:%Y-%m-%d} to {p['end']:%Y-%m-%d}" if pd.notna(p["end"]) \
                    else f"from {p['start']:%Y-%m-%d}"
                problems.append(Problem(shown, lines[i], date_col, text,
                                        f"is outside its period \"{row['period']}\" ({span})"))


def load_all(data_dir: Path | str | None = None) -> CourseData:
    """Load and validate every table, then check them against each other.

    Raises one DataError listing every problem found in any table.
    """
    dd = _data_dir(data_dir)
    package = load_package(dd)
    problems: list[Problem] = []
    loaded: dict[str, tuple[pd.DataFrame, list[int]]] = {}
    for name in TABLES:
        result = _table(name, dd, package, problems)
        if result is not None:
            loaded[name] = result
    bib = _bib_table(dd, package, problems)
    _cross_check(loaded, bib, dd, package, problems)
    _raise_if(problems)
    assert bib is not None
    tables = {name: _finish(name, frame) for name, (frame, _) in loaded.items()}
    return CourseData(references=bib, **tables)
