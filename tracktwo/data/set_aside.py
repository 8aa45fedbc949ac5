"""Saved work that cannot be used is set aside, never deleted: one rule for every saved file."""

from __future__ import annotations

from pathlib import Path


def set_aside(path: Path) -> Path:
    """Rename ``path`` to ``<name>.set-aside`` (or ``.set-aside-2``, ``-3``... if taken); return the new path."""
    aside = path.with_name(path.name + ".set-aside")
    n = 1
    while aside.exists():
        n += 1
        aside = path.with_name(f"{path.name}.set-aside-{n}")
    path.rename(aside)
    return aside
