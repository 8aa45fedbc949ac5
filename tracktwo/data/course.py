"""Every table at once, checked against the others: :func:`load_all` -> :class:`CourseData`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from .bibtex import bib_table
from .dates import unit_end, parse_partial_date
from .problems import Problem, raise_if_any
from .loaders import finish_table, checked_table
from .package import TABLES, resolve_data_dir, display_path, resource_of, load_package

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
    relations_since: pd.DataFrame
    institutions: pd.DataFrame
    glossary: pd.DataFrame
    references: pd.DataFrame


def _cross_check(
    loaded: dict[str, tuple[pd.DataFrame, list[int]]],
    bib: pd.DataFrame | None,
    data_dir: Path,
    package: dict[str, Any],
    problems: list[Problem],
) -> None:
    def ids_of(table: str, field: str = "id") -> set | None:
        if table not in loaded or field not in loaded[table][0].columns:
            return None
        return set(loaded[table][0][field])

    ids = {name: ids_of(name) for name in loaded}
    ids = {k: v for k, v in ids.items() if v is not None}
    bib_keys = set(bib["key"]) if bib is not None else None

    for name, (frame, lines) in loaded.items():
        res = resource_of(package, name)
        shown = display_path(data_dir, res["path"])
        # scalar foreign keys, as declared for frictionless
        for fk in res["schema"].get("foreignKeys", []):
            col, target = fk["fields"][0], fk["reference"]["resource"] or name
            known = ids_of(target, fk["reference"]["fields"][0])
            if known is None:
                continue
            for i, value in enumerate(frame[col]):
                if value is not None and value != "" and value not in known:
                    problems.append(Problem(shown, lines[i], col, value, f"is not an id in {target}.csv"))
        for f in res["schema"]["fields"]:
            extra = f.get("tracktwo", {})
            col = f["name"]
            # list-valued references (frictionless cannot check these)
            ref = extra.get("references")
            if ref and ref["resource"] in ids:
                for i, items in enumerate(frame[col]):
                    for item in items or []:
                        if item not in ids[ref["resource"]]:
                            problems.append(Problem(shown, lines[i], col, item, f"is not an id in {ref['resource']}.csv"))
            # citation keys
            if extra.get("bibkey") and bib_keys is not None:
                for i, value in enumerate(frame[col]):
                    items = value if isinstance(value, list) else ([value] if value else [])
                    for item in items:
                        if item not in bib_keys:
                            problems.append(Problem(shown, lines[i], col, item, "is not a citation key in references.bib"))

    # every relationship of Table 1 has its row in relations_since (one row each: primary key)
    if "relations" in loaded and "relations_since" in loaded:
        covered = set(loaded["relations_since"][0]["id"])
        shown = display_path(data_dir, resource_of(package, "relations_since")["path"])
        rel_frame, rel_lines = loaded["relations"]
        for i, rid in enumerate(rel_frame["id"]):
            if rid not in covered:
                problems.append(
                    Problem(
                        shown,
                        None,
                        "id",
                        rid,
                        f"has no row: relations.csv line {rel_lines[i]} needs one "
                        "(write \"the course's sources say nothing on this\" if they do not)",
                    )
                )

    # dates inside their period, read at the date's own precision
    if "periods" not in loaded:
        return
    periods = loaded["periods"][0].set_index("id")
    for name, date_col in (("events", "start"), ("institutions", "established")):
        if name not in loaded:
            continue
        frame, lines = loaded[name]
        shown = display_path(data_dir, resource_of(package, name)["path"])
        spans = {pid: (p["start"], p["end"]) for pid, p in periods.iterrows()}
        for i, (text, period) in enumerate(zip(frame[date_col], frame["period"])):
            if not isinstance(text, str) or not text or period not in spans:
                continue
            parsed = parse_partial_date(text)
            if parsed is None:
                continue
            first, precision = parsed
            last = unit_end(first, precision)
            p_start, p_end_raw = spans[period]
            p_end = p_end_raw if pd.notna(p_end_raw) else pd.Timestamp.max
            if last < p_start or first > p_end:
                span = f"{p_start:%Y-%m-%d} to {p_end_raw:%Y-%m-%d}" if pd.notna(p_end_raw) else f"from {p_start:%Y-%m-%d}"
                problems.append(Problem(shown, lines[i], date_col, text, f"is outside its period \"{period}\" ({span})"))


def load_all(data_dir: Path | str | None = None) -> CourseData:
    """Load and validate every table, then check them against each other.

    Raises one DataError listing every problem found in any table.
    """
    dd = resolve_data_dir(data_dir)
    package = load_package(dd)
    problems: list[Problem] = []
    loaded: dict[str, tuple[pd.DataFrame, list[int]]] = {}
    for name in TABLES:
        before = len(problems)
        result = checked_table(name, dd, package, problems)
        if result is not None and len(problems) == before:
            loaded[name] = result  # only tables without problems are cross-checked (no knock-ons)
    before = len(problems)
    bib = bib_table(dd, package, problems)
    _cross_check(loaded, bib if len(problems) == before else None, dd, package, problems)
    raise_if_any(problems)
    assert bib is not None
    tables = {name: finish_table(name, frame) for name, (frame, _) in loaded.items()}
    return CourseData(references=bib, **tables)
