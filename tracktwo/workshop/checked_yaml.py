"""Reading the workshop kit's YAML files against their schemas, with one error type whose message names the file, the entry and the field."""

from __future__ import annotations

from pathlib import Path
from typing import Any



class WorkshopError(ValueError):
    """A workshop data file is missing or malformed, or names something that does not exist."""


def shown(path: Path) -> str:
    from ..data.paths import ROOT

    try:
        return Path(path).resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return str(path)


def read_checked(path: Path, schema_path: Path) -> Any:
    """The YAML file's data, checked against its JSON Schema; any problem raises WorkshopError
    naming the file and (for schema problems) the place in it."""
    from ..data.problems import shorten
    from ..data.safe_yaml import YamlProblem, read_yaml_document

    try:  # the course's safe YAML reader: size, depth, anchors, duplicate keys checked first
        data = read_yaml_document(Path(path)).data
    except FileNotFoundError:
        raise WorkshopError(f"{shown(path)}: file not found") from None
    except YamlProblem as exc:
        where = f" at line {exc.line}, column {exc.column}" if exc.line else ""
        reason = exc.reason
        if reason.startswith("is not valid YAML: "):
            raise WorkshopError(f"{shown(path)}: YAML syntax error{where}: {reason[19:]}") from None
        raise WorkshopError(f"{shown(path)}:{where}: {reason}") from None
    import json

    schema = json.loads(Path(schema_path).read_text(encoding="utf-8"))
    import jsonschema

    errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        err = errors[0]
        raise WorkshopError(f"{shown(path)}: {describe_path(data, list(err.absolute_path))}: "
                            f"{shorten(err.message, 160)}")
    return data


def describe_path(data: Any, parts: list[Any]) -> str:
    """'plan 'half-day', block 3, field 'minutes'' from a JSON path, using ids where there are."""
    out: list[str] = []
    node = data
    for i, part in enumerate(parts):
        if isinstance(part, int) and isinstance(node, list):
            entry = node[part] if part < len(node) else None
            label = entry.get("id") if isinstance(entry, dict) else None
            parent = parts[i - 1] if i else "entry"
            noun = {"plans": "plan", "blocks": "block", "roles": "role", "phases": "phase",
                    "debrief": "debrief question", "variants": "timing variant"}.get(parent, f"{parent} entry")
            out.append(f"{noun} '{label}'" if label else f"{noun} {part + 1}")
            node = entry
        else:
            node = node.get(part) if isinstance(node, dict) else None
            if not (i + 1 < len(parts) and isinstance(parts[i + 1], int) and isinstance(node, list)):
                out.append(f"field '{part}'")
    return ", ".join(out) if out else "top level"
