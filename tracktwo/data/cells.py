"""Checking and typing every cell of a table against its field in the data package."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any, Iterable

import pandas as pd

from .csv_reader import _read_rows, _read_text
from .dates import parse_partial_date
from .problems import Problem
from .package import _display, _resource

_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")

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

