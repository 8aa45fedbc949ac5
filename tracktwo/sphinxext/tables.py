"""Directives that render course data as accessible, printable tables (owned by the Part II work)."""

from __future__ import annotations

from sphinx.application import Sphinx


def setup(app: Sphinx) -> None:
    """Register the table directives. (Stub until Part II lands.)"""
