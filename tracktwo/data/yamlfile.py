"""Reading the course's small YAML content files (levels, scenario cards) with clear errors."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable

import yaml


def read_yaml(path: Path, error: type[Exception]) -> Any:
    """The parsed file; a missing, unreadable or unparsable file raises ``error`` naming the file."""
    shown = path.name
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise error(f"{shown}: file not found ({path})") from None
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise error(f"{shown}: cannot read: {exc}") from None


def read_mapping(path: Path, keys: Iterable[str], error: type[Exception]) -> dict[str, Any]:
    """The file's top-level mapping, which must have exactly ``keys``; any problem raises ``error``
    with a message naming the file."""
    raw = read_yaml(path, error)
    wanted = list(keys)
    if not isinstance(raw, dict) or set(raw) != set(wanted):
        names = ", ".join(f"'{k}'" for k in wanted)
        raise error(f"{path.name}: the file must be a mapping with exactly these keys: {names}")
    return raw


def citation_keys(data_dir: Path) -> set[str]:
    """Every citation key of the bibliography in ``data_dir`` (references.bib)."""
    from .bibtex import load_references

    return set(load_references(data_dir)["key"])
