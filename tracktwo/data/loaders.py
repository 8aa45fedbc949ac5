"""One loader per CSV table (periods, events, actors, relations, relations_since, institutions, glossary), with
each table's own checks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from .cells import add_partial_dates, load_table
from .dates import unit_end, parse_partial_date
from .problems import Problem, raise_if_any
from .package import resolve_data_dir, display_path, resource_of, load_package

# ------------------------------------------------------------------------------------------------
# Table-specific checks (within one table)
# ------------------------------------------------------------------------------------------------

#: The years a period may start or end in: the course covers Myanmar from independence (1948) to today,
#: so a date outside these is a slip of the keyboard (1048 for 1948), not history.
PERIOD_YEARS = (1900, 2100)


def _check_periods(frame: pd.DataFrame, lines: list[int], shown: str, problems: list[Problem]) -> None:
    """Periods (all cells already valid): a plausible year, end after start, each period meets the next,
    only the last open."""
    ordered = frame.sort_values("start", kind="stable")
    prev_end, prev_id = None, None
    first, last = PERIOD_YEARS
    for idx, row in ordered.iterrows():
        line = lines[frame.index.get_loc(idx)]
        if pd.isna(row["start"]):
            continue
        odd = [c for c in ("start", "end") if pd.notna(row[c]) and not first <= row[c].year <= last]
        for column in odd:
            problems.append(
                Problem(
                    shown,
                    line,
                    column,
                    row[column].strftime("%Y-%m-%d"),
                    f"is in the year {row[column].year}; a period of this course starts and ends "
                    f"between {first} and {last} (Myanmar from independence in 1948 to today): "
                    "check the year",
                )
            )
        if odd:
            continue
        if pd.notna(row["end"]) and row["end"] < row["start"]:
            problems.append(
                Problem(shown, line, "end", row["end"].strftime("%Y-%m-%d"), f"is before the start, {row['start']:%Y-%m-%d}")
            )
        if prev_end is not None and pd.notna(prev_end) and row["start"] != prev_end:
            problems.append(
                Problem(
                    shown,
                    line,
                    "start",
                    row["start"].strftime("%Y-%m-%d"),
                    f"does not touch the end of the previous period \"{prev_id}\" "
                    f"({prev_end:%Y-%m-%d}): periods must meet on the same day",
                )
            )
        if pd.isna(row["end"]) and idx != ordered.index[-1]:
            problems.append(Problem(shown, line, "end", "", "is empty, but only the last period may be open"))
        prev_end, prev_id = row["end"], row["id"]


def _check_dated(frame: pd.DataFrame, lines: list[int], shown: str, problems: list[Problem]) -> None:
    """events: precision matches the form of start; end is not before start."""
    for line, start_text, end_text, precision in zip(lines, frame["start"], frame["end"], frame["precision"]):
        start = parse_partial_date(start_text) if isinstance(start_text, str) else None
        if start and precision and start[1] != precision:
            problems.append(
                Problem(
                    shown,
                    line,
                    "precision",
                    precision,
                    f"does not match the start \"{start_text}\", which is given to the {start[1]} (use \"{start[1]}\")",
                )
            )
        end = parse_partial_date(end_text) if isinstance(end_text, str) and end_text else None
        if start and end and unit_end(*end) < start[0]:
            problems.append(Problem(shown, line, "end", end_text, f"is before the start, {start_text}"))


def _check_glossary(frame: pd.DataFrame, lines: list[int], shown: str, problems: list[Problem]) -> None:
    for line, kind, expansion in zip(lines, frame["kind"], frame["expansion"]):
        if kind == "acronym" and not expansion:
            problems.append(Problem(shown, line, "expansion", "", "is empty, but an acronym needs its expansion"))


#: What a row of relations_since.csv says when the fact sheet has nothing on the relationship.
SAYS_NOTHING = "the course's sources say nothing on this"


def _check_since(frame: pd.DataFrame, lines: list[int], shown: str, problems: list[Problem]) -> None:
    """relations_since: an unknown status has no date, facts or fact-sheet sources and says so; any
    other status has a date whose precision matches its form, fact ids, and only fact-sheet sources."""
    for line, row in zip(lines, frame.to_dict("records")):
        row = {k: ("" if v is None or (isinstance(v, float) and pd.isna(v)) else v) for k, v in row.items()}
        unknown = row["status_after"] == "unknown"
        sources = [row["source"], *row["other_sources"]]
        if unknown:
            if SAYS_NOTHING not in row["change"].lower():
                problems.append(
                    Problem(shown, line, "change", row["change"], f"does not say \"{SAYS_NOTHING}\", but the status is unknown")
                )
            for field in ("as_of", "precision"):
                if row[field]:
                    problems.append(Problem(shown, line, field, row[field], "should be empty: the status is unknown"))
            if row["facts"]:
                problems.append(Problem(shown, line, "facts", ";".join(row["facts"]), "should be empty: the status is unknown"))
            continue
        if not row["as_of"]:
            problems.append(
                Problem(
                    shown,
                    line,
                    "as_of",
                    "",
                    f"is empty, but the status is \"{row['status_after']}\" (give the date of the latest fact)",
                )
            )
        else:
            parsed = parse_partial_date(row["as_of"])
            if parsed and parsed[1] != row["precision"]:
                problems.append(
                    Problem(
                        shown,
                        line,
                        "precision",
                        row["precision"],
                        f"does not match as_of \"{row['as_of']}\", which is given to the {parsed[1]} (use \"{parsed[1]}\")",
                    )
                )
        if not row["facts"]:
            problems.append(
                Problem(
                    shown,
                    line,
                    "facts",
                    "",
                    f"is empty, but the status is \"{row['status_after']}\" (list the fact ids it rests on)",
                )
            )
        for key in sources:
            if key and not key.startswith("fab-"):
                problems.append(
                    Problem(
                        shown,
                        line,
                        "source" if key == row["source"] else "other_sources",
                        key,
                        "is not a source from the fact sheet (its key should start with fab-)",
                    )
                )


_TABLE_CHECKS = {"periods": _check_periods, "events": _check_dated, "glossary": _check_glossary, "relations_since": _check_since}
_PARTIAL_DATE_COLUMNS = {"events": ("start", "end"), "institutions": ("established",), "relations_since": ("as_of",)}


def checked_table(
    name: str, data_dir: Path, package: dict[str, Any], problems: list[Problem]
) -> tuple[pd.DataFrame, list[int]] | None:
    """Load one table and run its own checks; None if it could not be read or any cell is invalid
    (then its table checks and the cross-table checks that use it would only report knock-ons)."""
    before = len(problems)
    loaded = load_table(name, data_dir, package, problems)
    if loaded is None or len(problems) > before:
        return None
    frame, lines = loaded
    shown = display_path(data_dir, resource_of(package, name)["path"])
    check = _TABLE_CHECKS.get(name)
    if check:
        check(frame, lines, shown, problems)
    return frame, lines


def finish_table(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    return add_partial_dates(frame, _PARTIAL_DATE_COLUMNS.get(name, ()))


def _load_one(name: str, data_dir: Path | str | None) -> pd.DataFrame:
    dd = resolve_data_dir(data_dir)
    package = load_package(dd)
    problems: list[Problem] = []
    loaded = checked_table(name, dd, package, problems)
    raise_if_any(problems)
    assert loaded is not None
    return finish_table(name, loaded[0])


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


def load_relations_since(data_dir: Path | str | None = None) -> pd.DataFrame:
    """relations_since.csv: for each Table 1 relationship, how it changed after September 2021
    (``facts`` and ``other_sources`` are lists; ``as_of`` a Timestamp or NaT, with ``as_of_text``)."""
    return _load_one("relations_since", data_dir)


def load_institutions(data_dir: Path | str | None = None) -> pd.DataFrame:
    """institutions.csv; ``functions`` and ``tracks`` are lists, ``established`` a Timestamp or NaT."""
    return _load_one("institutions", data_dir)


def load_glossary(data_dir: Path | str | None = None) -> pd.DataFrame:
    """glossary.csv; ``aliases`` is a list, ``in_brief_acronym_list`` a boolean."""
    return _load_one("glossary", data_dir)
