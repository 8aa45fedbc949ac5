"""Lighter theme chrome: the HTML every page carries around its article, trimmed at build time.

Each page of the book carries the whole course's sidebar, the page's own table of contents and the
theme's header, so every byte there is paid on every page (docs/decisions/0012-light-pages.md).
These trims remove markup nothing uses; what each saved is recorded in decision 12's table.

* The primary sidebar's entries: the theme writes ``<li class="toctree-l1"><a class="reference
  internal" ...>`` for every page of the course. No stylesheet or script of the theme or of
  ``assets/`` selects ``toctree-l1`` or ``reference internal`` in the sidebar (the theme's one
  ``.toctree-l1`` rule is for in-page toctrees, ``.toctree-wrapper``, and sphinx-book-theme's
  ``li.toctree-l0.has-children`` rules are for collapsible captions, whose classes stay); ``current`` and ``active``,
  which the theme styles and scrolls to, stay on the page's own entry (:func:`trim_nav`).
* The page's table of contents ("Contents" in the secondary sidebar): ``reference internal`` and the
  ``toc-h2``/``toc-h3`` level classes, which nothing selects, go; ``nav-link``, ``nav-item`` and
  ``toc-entry`` (styled, and used by the theme's scroll spy) stay (:func:`trim_page_toc`).
* The print-only copy of that table of contents, which sphinx-book-theme writes a second time above
  the article: the course's print stylesheet (``assets/tracktwo/book-print.css``) hides every
  ``nav`` in print, so the copy was never shown on screen or on paper. The template override
  ``templates/layout.html`` keeps the print title and drops the copy.
* Read the Docs' ad placeholder at the foot of the sidebar: ``primary_sidebar_end`` is empty
  (``_config.yml``).

The two functions are pure (tests call them directly); the page handler wraps the theme's context
functions so that both the sidebar and the table of contents come out trimmed.
"""

from __future__ import annotations

import re
from typing import Any
from collections.abc import Callable

from markupsafe import Markup
from sphinx.application import Sphinx

_LEVEL_ONLY = re.compile(r' class="toctree-l\d+"')
_LEVEL_AND = re.compile(r'(<li class=")toctree-l\d+ (?![^"]*\bhas-children\b)')
_INTERNAL_ONLY = re.compile(r'(<a) class="reference internal"')
_INTERNAL_AND = re.compile(r'(<a class="[^"]*?)\s*\breference internal\b')
_TOC_LEVEL = re.compile(r"\btoc-h\d ")


def trim_nav(html: str) -> str:
    """The sidebar's list without ``toctree-lN`` and ``reference internal`` (pure).

    ``current`` and ``active`` stay; ``reference external`` (styled with an icon) stays."""
    html = _LEVEL_ONLY.sub("", html)
    html = _LEVEL_AND.sub(r"\1", html)
    html = _INTERNAL_ONLY.sub(r"\1", html)
    return _INTERNAL_AND.sub(r"\1", html).replace('class=" ', 'class="')


def trim_page_toc(html: str) -> str:
    """The page's table of contents without ``reference internal`` and ``toc-hN`` (pure)."""
    html = _TOC_LEVEL.sub("", html)
    html = _INTERNAL_AND.sub(r"\1", html)
    return html.replace('class=" ', 'class="')


def _trimmed(function: Callable[..., Any], trim: Callable[[str], str]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        out = function(*args, **kwargs)
        # The theme returns BeautifulSoup objects, which the template prints with str(); "" when empty.
        return Markup(trim(str(out))) if out else out

    wrapper.tt_trimmed = True  # type: ignore[attr-defined]  (not __wrapped__: the theme's are functools.cache'd)
    return wrapper


def _on_page_context(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    for name, trim in (("generate_toctree_html", trim_nav), ("generate_toc_html", trim_page_toc)):
        function = context.get(name)
        if callable(function) and not getattr(function, "tt_trimmed", False):
            context[name] = _trimmed(function, trim)


def setup(app: Sphinx) -> None:
    """Wrap the theme's navigation functions (called from tracktwo.sphinxext.setup)."""
    from .page_assets import PAGE_PRIORITY

    app.connect("html-page-context", _on_page_context, priority=PAGE_PRIORITY)
