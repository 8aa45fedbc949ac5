"""Accessibility fixes to the theme's and extensions' HTML (owned by the quality-gates work).

Each fix is made at build time where the HTML allows it; tests/test_accessibility.py runs axe-core
on every built page and fails on any critical or serious violation.

* Bibliography: docutils writes ``<div role="list" class="citation-list">`` holding
  ``<div class="citation" role="doc-biblioentry">``. A list whose children are not list items is
  axe's critical ``aria-required-children``, and ``doc-biblioentry`` is a deprecated role
  (``aria-deprecated-role``). The entries become ``role="listitem"``.
* Contrast the theme misses (links in admonition titles, dark mode, the course's own muted text)
  and visible focus on every control: ``assets/tracktwo/a11y.css``, on every page.
* Keyboard access to plotly's own controls (period buttons, the category menu, legend entries,
  the range slider), which plotly.js draws as SVG with mouse handlers only:
  ``assets/tracktwo/a11y.js``, only on pages with a figure, after the figure loader.

Both files are rows of the asset table (:mod:`.page_assets`); this module's page handler only
rewrites the body.

See docs/decisions/0003-quality-gates.md.
"""

from __future__ import annotations

import re

from sphinx.application import Sphinx

A11Y_CSS = "tracktwo/a11y.css"
A11Y_JS = "tracktwo/a11y.js"

_BIBLIOENTRY = re.compile(r'(<div\b[^>]*\bclass="citation"[^>]*?)\srole="doc-biblioentry"')


def fix_body(body: str) -> str:
    """The page body with the theme-level HTML fixes applied (pure; tests call it directly)."""
    return _BIBLIOENTRY.sub(r'\1 role="listitem"', body)


def _on_page_context(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    body = context.get("body")
    if body:
        context["body"] = fix_body(body)


def setup(app: Sphinx) -> None:
    """Register the body fixes (called from tracktwo.sphinxext.setup)."""
    from .page_assets import PAGE_PRIORITY

    app.connect("html-page-context", _on_page_context, priority=PAGE_PRIORITY)
