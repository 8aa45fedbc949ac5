"""Checking and typing every cell of a table against its field in the data package."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from typing import Any
from collections.abc import Callable, Iterable

import pandas as pd

from .csv_reader import CONTROL, read_rows, read_csv_text
from .dates import parse_partial_date
from .problems import Problem, shorten
from .package import display_path, resource_of


# ------------------------------------------------------------------------------------------------
# Checking and typing cells against the schema
# ------------------------------------------------------------------------------------------------


def _is_list(fdesc: dict[str, Any]) -> bool:
    return bool(fdesc.get("tracktwo", {}).get("list"))


def _split(raw: str, sep: str = ";") -> list[str]:
    return [item.strip() for item in raw.split(sep)] if raw else []


def _allowed(values: Iterable[str]) -> str:
    """The allowed values as a list a reader can take in (each cut short, at most 25 of them)."""
    shown = [shorten(str(v), 40) for v in list(values)[:26]]
    return ", ".join(shown[:25]) + (", ..." if len(shown) > 25 else "")


#: Frictionless's default spellings of true and false (a field may declare its own).
TRUE_VALUES = ("true", "True", "TRUE", "1")
FALSE_VALUES = ("false", "False", "FALSE", "0")
_INTEGER = re.compile(r"[+-]?\d+")


def _parse_typed(raw: str, ftype: str, fdesc: dict[str, Any]) -> tuple[Any, str | None]:
    """(typed value, None) or (None, what is wrong): the same reading of a cell as Frictionless's."""
    if ftype == "integer":
        if not _INTEGER.fullmatch(raw):
            return None, "is not a whole number"
        return int(raw), None
    if ftype == "boolean":
        if raw in fdesc.get("trueValues", TRUE_VALUES):
            return True, None
        if raw in fdesc.get("falseValues", FALSE_VALUES):
            return False, None
        return None, "is not true or false"
    if ftype == "date":
        try:
            return pd.Timestamp(datetime.strptime(raw, "%Y-%m-%d")), None
        except ValueError:
            return None, "is not a date (use YYYY-MM-DD)"
    return raw, None


def _constraint_problem(
    raw: str, value: Any, cons: dict[str, Any], pattern: re.Pattern | None = None, enum: Any = None
) -> str | None:
    """What declared constraint (besides required and unique) the cell breaks, in words; None if none."""
    if "minLength" in cons and len(raw) < cons["minLength"]:
        return f"is {len(raw)} characters long; the data package requires at least {cons['minLength']} (minLength)"
    if "maxLength" in cons and len(raw) > cons["maxLength"]:
        return f"is {len(raw):,} characters long; the data package allows at most {cons['maxLength']} (maxLength)"
    if isinstance(value, int) and not isinstance(value, bool):
        if "minimum" in cons and value < cons["minimum"]:
            return f"is less than the minimum, {cons['minimum']}"
        if "maximum" in cons and value > cons["maximum"]:
            return f"is more than the maximum, {cons['maximum']}"
        if "exclusiveMinimum" in cons and value <= cons["exclusiveMinimum"]:
            return f"is not more than {cons['exclusiveMinimum']} (exclusiveMinimum)"
        if "exclusiveMaximum" in cons and value >= cons["exclusiveMaximum"]:
            return f"is not less than {cons['exclusiveMaximum']} (exclusiveMaximum)"
    allowed = cons.get("enum")
    if allowed is not None and value not in (enum if enum is not None else allowed):
        return f"is not an allowed value (allowed: {_allowed(map(str, allowed))})"
    if "pattern" in cons and not (pattern or re.compile(cons["pattern"])).fullmatch(raw):
        return f"does not have the expected form (the data package's pattern is {shorten(cons['pattern'], 60)})"
    return None


Checker = Callable[[str], "tuple[Any, str | None]"]


def field_checker(fdesc: dict[str, Any]) -> Checker:
    """A function ``raw cell -> (typed value, None)`` or ``(None, what is wrong)`` for one field.

    Every constraint the data package declares is checked, read the way Frictionless reads it (so
    the two validators agree), after the course's own rules that a data package cannot express: no
    control characters, no spaces around a value, clean lists, real calendar dates. Everything that
    depends only on the field (compiled pattern, sets of allowed values) is prepared once.
    """
    ftype = fdesc.get("type", "string")
    cons = fdesc.get("constraints", {})
    extra = fdesc.get("tracktwo", {})
    is_list = bool(extra.get("list"))
    sep = extra.get("separator", ";")
    item_enum = extra.get("itemEnum")
    item_set = set(item_enum) if item_enum is not None else None
    partial = bool(extra.get("partialDate"))
    required = bool(cons.get("required"))
    pattern = re.compile(cons["pattern"]) if "pattern" in cons else None
    try:
        enum = set(cons["enum"]) if "enum" in cons else None
    except TypeError:
        enum = None
    needs_constraints = bool(set(cons) - {"required", "unique", "pattern"})
    esc = re.escape(sep)
    unclean = re.compile(rf"^{esc}|{esc}$|{esc}{esc}|\s{esc}|{esc}\s").search
    search_control = CONTROL.search

    def check(raw: str, clean_text: bool = False) -> tuple[Any, str | None]:
        control = None if clean_text else search_control(raw)
        if control:
            char = control.group(0)
            label = "a NUL byte" if char == "\x00" else f"the control character {char!r}"
            return None, (
                f"contains {label} at character {control.start() + 1}: delete it (invisible "
                "characters usually come from copying out of another program)"
            )
        if raw != raw.strip():
            return None, "has spaces at the start or end"
        if raw == "":
            if required:
                return None, "is empty, but this field is required"
            return ([] if is_list else None), None
        value, wrong = _parse_typed(raw, ftype, fdesc) if ftype != "string" else (raw, None)
        if wrong:
            return None, wrong
        # the course's own, more specific checks first (their messages say more), then every constraint
        if is_list:
            items = raw.split(sep)
            if unclean(raw):
                return None, "is not a clean list: separate items with a single \";\" and no spaces or empty items"
            if item_set is not None:
                for item in items:
                    if item not in item_set:
                        return None, (
                            f"contains \"{shorten(item, 40)}\", which is not an allowed value (allowed: {_allowed(item_enum)})"
                        )
            if len(set(items)) != len(items):
                return None, "lists the same item twice"
        elif partial and parse_partial_date(raw) is None:
            return None, "is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)"
        if needs_constraints or (pattern is not None and not pattern.fullmatch(raw)):
            wrong = _constraint_problem(raw, raw if is_list else value, cons, pattern, enum)
            if wrong:
                return None, wrong
        return (items if is_list else value), None

    return check


def _check_cell(raw: str, fdesc: dict[str, Any], shown: str, line: int, problems: list[Problem]) -> Any:
    """Check one cell against its field descriptor; return the typed value (None if invalid/empty)."""
    value, wrong = field_checker(fdesc)(raw)
    if wrong:
        problems.append(Problem(shown, line, fdesc["name"], raw, wrong))
    return value


def load_table(
    name: str, data_dir: Path, package: dict[str, Any], problems: list[Problem]
) -> tuple[pd.DataFrame, list[int]] | None:
    """Read, check and type one table; append problems; None if the table could not be read at all."""
    res = resource_of(package, name)
    fields = res["schema"]["fields"]
    columns = [f["name"] for f in fields]
    shown = display_path(data_dir, res["path"])
    text = read_csv_text(data_dir / res["path"], shown, columns, problems)
    if text is None:
        return None
    rows = read_rows(text, shown, columns, problems)
    if rows is None:
        return None

    primary = list(res["schema"].get("primaryKey", []))
    unique = {f["name"] for f in fields if f.get("constraints", {}).get("unique")}
    if len(primary) == 1:
        unique.add(primary[0])
    seen: dict[str, dict[Any, int]] = {u: {} for u in unique}
    seen_keys: dict[tuple, int] = {}
    checks = [
        (f["name"], field_checker(f), f["name"] in primary and not f.get("constraints", {}).get("required"), f["name"] in unique)
        for f in fields
    ]
    records, lines = [], []
    clean_text = CONTROL.search(text) is None  # then no cell needs its own search
    for line, cells in rows:
        record = {}
        for fname, check, optional_key, is_unique in checks:
            raw = cells[fname]
            if optional_key and raw == "":
                problems.append(Problem(shown, line, fname, raw, "is empty, but it is part of the primary key"))
                record[fname] = None
                continue
            value, wrong = check(raw, clean_text)
            if wrong:
                problems.append(Problem(shown, line, fname, raw, wrong))
            record[fname] = value
            if is_unique and raw != "":
                key = value if isinstance(value, (str, int, bool, pd.Timestamp)) else raw
                first = seen[fname].setdefault(key, line)
                if first != line:
                    problems.append(Problem(shown, line, fname, raw, f"is a duplicate: line {first} has the same value"))
        if len(primary) > 1:
            key = tuple(cells[k] for k in primary)
            first = seen_keys.setdefault(key, line)
            if first != line:
                problems.append(
                    Problem(
                        shown, line, primary[0], ",".join(key), f"repeats the primary key ({', '.join(primary)}) of line {first}"
                    )
                )
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


def add_partial_dates(frame: pd.DataFrame, columns: Iterable[str]) -> pd.DataFrame:
    """Replace partial-date text columns by Timestamps, keeping the text in ``<col>_text``."""
    for col in columns:
        texts = frame[col].fillna("").astype(str)
        stamps = [parse_partial_date(t)[0] if t else pd.NaT for t in texts]
        at = frame.columns.get_loc(col)
        frame[col] = pd.to_datetime(pd.Series(stamps, index=frame.index, dtype="object"))
        frame.insert(at + 1, f"{col}_text", texts)
    return frame
