"""Exercise directive for the book (owned by the exercises work; see tracktwo/exercises/)."""

from __future__ import annotations

from sphinx.application import Sphinx


def setup(app: Sphinx) -> None:
    """Register the exercise directive(s) and their assets. (Stub until the engine lands.)"""
