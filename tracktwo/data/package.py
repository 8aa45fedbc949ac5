"""The data package ``data/datapackage.json``: the one place where tables' columns, types and allowed values live."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .problems import DataError, Problem
from .paths import DATA_DIR as DEFAULT_DATA_DIR

PACKAGE_FILE = "datapackage.json"
#: The CSV tables, in loading order (the bibliography is loaded separately).
TABLES = ("periods", "events", "actors", "relations", "institutions", "glossary")

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

