"""Reading the course's YAML content files (levels, scenario cards, maps) with clear errors.

Every file goes through :mod:`.safe_yaml` (size, depth, anchors, duplicate and non-text keys are
checked before any value is built); every problem raises the caller's error class with a message
that starts with the file name and names the line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable

from .safe_yaml import YamlDocument, YamlProblem, read_yaml_document


def read_document(path: Path, error: type[Exception]) -> YamlDocument:
    """The parsed file with its node tree (for line numbers); any problem raises ``error``."""
    path = Path(path)
    shown = path.name
    try:
        return read_yaml_document(path)
    except FileNotFoundError:
        raise error(f"{shown}: file not found ({path})") from None
    except YamlProblem as exc:
        raise error(f"{shown}: {exc}") from None


def read_yaml(path: Path, error: type[Exception]) -> Any:
    """The parsed file; a missing, unreadable or unparsable file raises ``error`` naming the file."""
    return read_document(path, error).data


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
