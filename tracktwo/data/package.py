"""The data package ``data/datapackage.json``: the one place where tables' columns, types and allowed values live."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from .csv_reader import read_file_text
from .problems import DataError, Problem, raise_if_any, shorten
from .paths import DATA_DIR as DEFAULT_DATA_DIR

PACKAGE_FILE = "datapackage.json"
#: The CSV tables, in loading order (the bibliography is loaded separately).
TABLES = ("periods", "events", "actors", "relations", "relations_since", "institutions", "glossary")

# ------------------------------------------------------------------------------------------------
# The data package (schema)
# ------------------------------------------------------------------------------------------------


def resolve_data_dir(data_dir: Path | str | None) -> Path:
    return Path(data_dir) if data_dir is not None else DEFAULT_DATA_DIR


def display_path(data_dir: Path, name: str) -> str:
    return f"{data_dir.name}/{name}"


#: The field types the loaders read (each the way Frictionless reads it).
FIELD_TYPES = ("string", "integer", "boolean", "date")
#: The constraints the loaders enforce; a data package declaring any other is refused, so no
#: declared constraint can go unchecked.
CONSTRAINTS = {
    "required": bool,
    "unique": bool,
    "minLength": int,
    "maxLength": int,
    "minimum": int,
    "maximum": int,
    "exclusiveMinimum": int,
    "exclusiveMaximum": int,
    "pattern": str,
    "enum": list,
}


def load_package(data_dir: Path | str | None = None) -> dict[str, Any]:
    """The parsed ``datapackage.json``, checked to be a package the loaders can use.

    Raises one DataError if it is missing, not JSON, or not shaped as the loaders need (every table
    a resource with a path and a schema of named, typed fields; only constraints the loaders
    enforce; patterns that compile; foreign keys that name real fields).
    """
    dd = resolve_data_dir(data_dir)
    path = dd / PACKAGE_FILE
    shown = display_path(dd, PACKAGE_FILE)
    problems: list[Problem] = []
    text = read_file_text(path, shown, problems, "is empty: it should be a JSON object describing the tables")
    if text is None:
        raise DataError(problems)
    try:
        package = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataError([Problem(shown, exc.lineno, None, None, f"is not valid JSON: {exc.msg} (column {exc.colno})")]) from None
    except RecursionError:
        raise DataError([Problem(shown, None, None, None, "is not usable JSON: it nests too deeply")]) from None
    raise_if_any(_package_problems(package, shown))
    return package


#: Fields the course's own checks read, with the type (and partial-date flag) they rely on. A package
#: that drops or retypes one is refused, rather than letting a check misread the column.
COURSE_FIELDS: dict[str, dict[str, tuple[str, bool]]] = {
    "periods": {"id": ("string", False), "start": ("date", False), "end": ("date", False)},
    "events": {
        "id": ("string", False),
        "start": ("string", True),
        "end": ("string", True),
        "precision": ("string", False),
        "period": ("string", False),
    },
    "actors": {"id": ("string", False)},
    "relations": {"id": ("string", False)},
    "institutions": {"id": ("string", False), "period": ("string", False), "established": ("string", True)},
    "glossary": {"id": ("string", False), "kind": ("string", False), "expansion": ("string", False)},
}


def _extension_problems(extra: dict[str, Any], tables: set[str]) -> list[tuple[str, str]]:
    """What is wrong with a field's ``tracktwo`` extension (lists, item values, references)."""
    wrong: list[tuple[str, str]] = []
    for key in ("list", "bibkey", "partialDate"):
        if key in extra and not isinstance(extra[key], bool):
            wrong.append((key, "must be true or false"))
    if "separator" in extra and not (isinstance(extra["separator"], str) and extra["separator"]):
        wrong.append(("separator", "must be a non-empty string"))
    if "itemEnum" in extra and not (isinstance(extra["itemEnum"], list) and all(isinstance(v, str) for v in extra["itemEnum"])):
        wrong.append(("itemEnum", "must be a list of strings"))
    if "enumDescriptions" in extra and not isinstance(extra["enumDescriptions"], dict):
        wrong.append(("enumDescriptions", "must be an object"))
    ref = extra.get("references")
    if ref is not None and not (
        isinstance(ref, dict)
        and isinstance(ref.get("resource"), str)
        and ref["resource"] in tables
        and isinstance(ref.get("field", "id"), str)
    ):
        wrong.append(("references", "must name a table and its field"))
    return wrong


def _field_names(resources: list, table: str) -> set[str]:
    """The names of a table's fields, as declared (empty if the table or its schema is malformed)."""
    for res in resources:
        if isinstance(res, dict) and res.get("name") == table and isinstance(res.get("schema"), dict):
            fields = res["schema"].get("fields")
            if isinstance(fields, list):
                return {f["name"] for f in fields if isinstance(f, dict) and isinstance(f.get("name"), str)}
    return set()


def _package_problems(package: Any, shown: str) -> list[Problem]:
    """Everything that would stop the loaders reading the tables as the package describes them."""
    problems: list[Problem] = []

    def bad(where: str, message: str, value: Any = None) -> None:
        problems.append(Problem(shown, None, where, None if value is None else shorten(value), message))

    if not isinstance(package, dict):
        bad(None, f"must be a JSON object with \"resources\", but is a {type(package).__name__}")
        return problems
    extra = package.get("tracktwo", {})
    if not isinstance(extra, dict):
        bad("tracktwo", "must be an object")
    elif "briefEndnotes" in extra and (
        not isinstance(extra["briefEndnotes"], int) or isinstance(extra["briefEndnotes"], bool) or extra["briefEndnotes"] < 0
    ):
        bad("tracktwo.briefEndnotes", "must be a whole number", extra["briefEndnotes"])
    resources = package.get("resources")
    if not isinstance(resources, list):
        bad("resources", "must be a list of resources (one per table)")
        return problems
    names = []
    for i, res in enumerate(resources):
        if not isinstance(res, dict) or not isinstance(res.get("name"), str):
            bad(f"resources[{i}]", "must be an object with a \"name\"")
            continue
        names.append(res["name"])
    for name in names:
        if names.count(name) > 1:
            bad(f"resources[{name}]", "is described twice")
            break
    missing = [t for t in (*TABLES, "references") if t not in names]
    if missing:
        bad(None, f"describes no resource named {', '.join(missing)}")
    if problems:
        return problems
    tables = set(TABLES)
    for res in resources:
        name = res["name"]
        where = f"resources[{name}]"
        rpath = res.get("path")
        if not isinstance(rpath, str) or not rpath or rpath.startswith(("/", "\\")) or ".." in rpath or "://" in rpath:
            bad(f"{where}.path", "must be the name of a file in the data folder", rpath)
            continue
        if name not in tables:
            continue
        schema = res.get("schema")
        if not isinstance(schema, dict):
            bad(f"{where}.schema", "is missing: a table needs a schema with its fields")
            continue
        fields = schema.get("fields")
        if not isinstance(fields, list) or not fields:
            bad(f"{where}.schema.fields", "must be a non-empty list of fields")
            continue
        fnames: list[str] = []
        for j, f in enumerate(fields):
            if not isinstance(f, dict) or not isinstance(f.get("name"), str) or not f["name"]:
                bad(f"{where}.schema.fields[{j}]", "must be an object with a \"name\"")
                continue
            fw = f"{where}.schema.fields[{f['name']}]"
            if f["name"] in fnames:
                bad(fw, "is declared twice")
            fnames.append(f["name"])
            ftype = f.get("type", "string")
            if ftype not in FIELD_TYPES:
                bad(f"{fw}.type", f"is not a type the loaders read ({', '.join(FIELD_TYPES)})", ftype)
            if f.get("format", "default") != "default":
                bad(f"{fw}.format", "is not supported: the loaders read the default format only", f.get("format"))
            for extra_key in ("trueValues", "falseValues"):
                if extra_key in f and not (isinstance(f[extra_key], list) and all(isinstance(v, str) for v in f[extra_key])):
                    bad(f"{fw}.{extra_key}", "must be a list of strings")
            extra = f.get("tracktwo", {})
            if not isinstance(extra, dict):
                bad(f"{fw}.tracktwo", "must be an object")
            else:
                for key, wrong in _extension_problems(extra, tables):
                    bad(f"{fw}.tracktwo.{key}", wrong, extra.get(key))
            cons = f.get("constraints", {})
            if not isinstance(cons, dict):
                bad(f"{fw}.constraints", "must be an object")
                continue
            for key, value in cons.items():
                kind = CONSTRAINTS.get(key)
                if kind is None:
                    bad(
                        f"{fw}.constraints.{key}",
                        f"is a constraint the loaders do not enforce (they enforce {', '.join(CONSTRAINTS)})",
                    )
                elif not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
                    words = {bool: "true or false", int: "a whole number", str: "a string", list: "a list"}[kind]
                    bad(f"{fw}.constraints.{key}", f"must be {words}", value)
                elif key == "pattern":
                    try:
                        re.compile(value)
                    except re.error as exc:
                        bad(f"{fw}.constraints.pattern", f"is not a valid regular expression ({exc})", value)
        by_name = {f["name"]: f for f in fields if isinstance(f, dict) and isinstance(f.get("name"), str)}
        for cname, (ctype, partial) in COURSE_FIELDS.get(name, {}).items():
            f = by_name.get(cname)
            if f is None:
                bad(f"{where}.schema.fields", f"has no field \"{cname}\", which the course's checks need")
            elif f.get("type", "string") != ctype or (
                isinstance(f.get("tracktwo", {}), dict) and bool(f.get("tracktwo", {}).get("partialDate")) != partial
            ):
                kind = "a partial date (type string, tracktwo.partialDate true)" if partial else f"of type {ctype}"
                bad(f"{where}.schema.fields[{cname}]", f"must be {kind}: the course's checks read it so")
        pk = schema.get("primaryKey", [])
        pk = [pk] if isinstance(pk, str) else pk
        if not isinstance(pk, list) or any(not isinstance(k, str) or k not in fnames for k in pk):
            bad(f"{where}.schema.primaryKey", "must name fields of this table", pk)
        elif "primaryKey" in schema:
            schema["primaryKey"] = pk
        for k, fk in enumerate(schema.get("foreignKeys", []) if isinstance(schema.get("foreignKeys", []), list) else [None]):
            ok = (
                isinstance(fk, dict)
                and isinstance(fk.get("fields"), list)
                and len(fk["fields"]) == 1
                and isinstance(fk["fields"][0], str)
                and fk["fields"][0] in fnames
                and isinstance(fk.get("reference"), dict)
                and isinstance(fk["reference"].get("resource"), str)
                and (fk["reference"]["resource"] in tables or fk["reference"]["resource"] == "")
                and isinstance(fk["reference"].get("fields"), list)
                and len(fk["reference"]["fields"]) == 1
                and isinstance(fk["reference"]["fields"][0], str)
                and fk["reference"]["fields"][0] in _field_names(resources, fk["reference"]["resource"] or name)
            )
            if not ok:
                bad(f"{where}.schema.foreignKeys[{k}]", "must be one field of this table referring to one field of another table")
    return problems


def resource_of(package: dict[str, Any], name: str) -> dict[str, Any]:
    for res in package["resources"]:
        if res.get("name") == name:
            return res
    raise KeyError(name)


def _field(package: dict[str, Any], table: str, field: str) -> dict[str, Any]:
    for f in resource_of(package, table)["schema"]["fields"]:
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
