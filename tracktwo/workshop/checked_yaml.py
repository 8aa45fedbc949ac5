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


#: How the workshop files' list entries are named in messages (``plan 'half-day', block 3``).
NOUNS = {
    "plans": "plan",
    "blocks": "block",
    "roles": "role",
    "phases": "phase",
    "debrief": "debrief question",
    "variants": "timing variant",
    "sheets": "sheet",
    "steps": "step",
    "guides": "guide",
    "script": "script phase",
    "injects": "inject",
}


def read_checked(path: Path, schema_path: Path) -> Any:
    """The YAML file's data, read and checked by the course's one checked-YAML loader
    (:func:`tracktwo.data.yamlfile.load_checked`); any problem raises WorkshopError naming the file,
    the entry, the field and the line."""
    from ..data.yamlfile import load_checked

    return load_checked(path, schema_path, WorkshopError, nouns=NOUNS)
