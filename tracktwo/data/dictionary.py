"""The course's data dictionary, as MyST Markdown, generated from ``data/datapackage.json``.

:func:`data_dictionary_markdown` returns the text of a "Data dictionary" page: for each table a
heading, its description, its row count and a table of its fields (name, type, required, allowed
values, description), then the licence and how to cite the data. It reads files but changes
nothing, and the same inputs always give the same text.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from .package import DEFAULT_DATA_DIR, PACKAGE_FILE, load_package

__all__ = ["data_dictionary_markdown"]


def _cell(text: Any) -> str:
    """Make text safe inside a Markdown table cell."""
    return str(text).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ").strip()


def _code_list(values: list[str]) -> str:
    return ", ".join(f"`{v}`" for v in values)


def _count_rows(path: Path) -> int | None:
    """Data rows of a CSV file (records after the header, ignoring blank ones); None if unreadable."""
    try:
        text = path.read_text(encoding="utf-8-sig")
        records = [r for r in csv.reader(io.StringIO(text, newline="")) if any(c.strip() for c in r)]
    except (OSError, UnicodeDecodeError, csv.Error):
        return None
    return max(len(records) - 1, 0)


def _count_bib_entries(path: Path) -> int | None:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    count = 0
    for line in text.splitlines():
        stripped = line.lstrip()
        if stripped.startswith("@") and not stripped.lower().startswith(("@comment", "@preamble", "@string")):
            count += 1
    return count


def _type_text(field: dict[str, Any]) -> str:
    extra = field.get("tracktwo", {})
    if extra.get("list"):
        return f"list of text, separated by `{extra.get('separator', ';')}`"
    if extra.get("partialDate"):
        return "date (YYYY, YYYY-MM or YYYY-MM-DD)"
    return {"string": "text", "integer": "whole number", "boolean": "true / false", "date": "date (YYYY-MM-DD)"}.get(
        field.get("type", "string"), field.get("type", "string")
    )


def _allowed_text(field: dict[str, Any], table_fks: dict[str, str]) -> str:
    cons = field.get("constraints", {})
    extra = field.get("tracktwo", {})
    values = cons.get("enum") or extra.get("itemEnum")
    meanings = extra.get("enumDescriptions", {})
    if values:
        if meanings:
            return "; ".join(f"`{v}`: {meanings[v]}" if v in meanings else f"`{v}`" for v in values)
        return _code_list(values)
    if extra.get("references"):
        return f"ids of `{extra['references']['resource']}`"
    if field["name"] in table_fks:
        return f"an id of `{table_fks[field['name']]}`"
    if extra.get("bibkey"):
        return "citation keys of `references.bib`"
    if "minimum" in cons or "maximum" in cons:
        return f"{cons.get('minimum', '')} to {cons.get('maximum', '')}"
    if extra.get("partialDate"):
        return "a real calendar date inside the row's period"
    if field["name"] == "id":
        return "kebab-case, unique"
    return ""


def _heading(level: int, text: str) -> str:
    return f"{'#' * level} {text}"


def data_dictionary_markdown(datapackage_path: Path | str | None = None, *, heading_level: int = 1) -> str:
    """MyST Markdown for the "Data dictionary" page, built from the data package descriptor.

    ``datapackage_path`` defaults to the repository's ``data/datapackage.json``. The page title is a
    heading of ``heading_level`` (default 1); each table gets a heading one level below it.
    """
    path = Path(datapackage_path) if datapackage_path is not None else DEFAULT_DATA_DIR / PACKAGE_FILE
    if path.name == PACKAGE_FILE:
        package = load_package(path.parent)  # checked: a malformed package raises one DataError
    else:
        package = json.loads(path.read_text(encoding="utf-8"))
    base = path.parent
    h1, h2 = heading_level, heading_level + 1
    extra = package.get("tracktwo", {})
    out: list[str] = [_heading(h1, "Data dictionary"), ""]
    out.append(package.get("description", ""))
    out.append("")
    out.append(
        "Each table is a CSV file (UTF-8, comma-separated, with a header row) in the `data/` folder, "
        "described by `data/datapackage.json`, a Frictionless Data Package. The course's loaders "
        "(`tracktwo.data`) and `frictionless validate data/datapackage.json` both check the data "
        "against that one description."
    )
    out.append("")

    for res in package.get("resources", []):
        name = res["name"]
        title = res.get("title", name)
        out.append(_heading(h2, f"{title} (`{res['path']}`)"))
        out.append("")
        if res.get("description"):
            out.append(res["description"])
            out.append("")
        if res.get("type") == "file":
            n = _count_bib_entries(base / res["path"])
            out.append(f"**Entries:** {n if n is not None else 'unknown'}.")
            out.append("")
            continue
        n = _count_rows(base / res["path"])
        schema = res.get("schema", {})
        key = ", ".join(f"`{k}`" for k in schema.get("primaryKey", []))
        out.append(f"**Rows:** {n if n is not None else 'unknown'}. **Primary key:** {key or 'none'}.")
        out.append("")
        fks = {fk["fields"][0]: fk["reference"]["resource"] for fk in schema.get("foreignKeys", [])}
        out.append("| Field | Type | Required | Allowed values | Description |")
        out.append("| --- | --- | --- | --- | --- |")
        for field in schema.get("fields", []):
            required = "yes" if field.get("constraints", {}).get("required") else "no"
            out.append(
                "| "
                + " | ".join(
                    [
                        f"`{_cell(field['name'])}`",
                        _cell(_type_text(field)),
                        required,
                        _cell(_allowed_text(field, fks)),
                        _cell(field.get("description", "")),
                    ]
                )
                + " |"
            )
        out.append("")

    out.append(_heading(h2, "Licence"))
    out.append("")
    licences = package.get("licenses", [])
    if licences:
        names = ", ".join(
            f"[{lic.get('title', lic.get('name'))}]({lic['path']})" if lic.get("path") else lic.get("title", lic.get("name", ""))
            for lic in licences
        )
        out.append(f"The data is released under {names} (`{licences[0].get('name', '')}`).")
    if extra.get("licenceNote"):
        out.append(extra["licenceNote"])
    out.append("")
    out.append(_heading(h2, "How to cite the data"))
    out.append("")
    if extra.get("citation"):
        out.append(extra["citation"])
        out.append("")
    sources = package.get("sources", [])
    if sources:
        out.append("Sources:")
        out.append("")
        out.extend(f"- {s.get('title', '')}" for s in sources)
        out.append("")
    return "\n".join(out).rstrip() + "\n"
