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

Two additions to every page, from the same handler (issue 32: pages that settle on a cheap phone):

* A slot for the "where your work is kept" switch at the top of the article (:data:`KEEP_SLOT`):
  ``assets/tracktwo/storage.js`` draws the switch into it, and ``course.css`` gives it the switch's
  height, so drawing it moves nothing (it was inserted by the script, after the first paint: a layout
  shift of 0.33 on every page).
* A ``<meta name="description">`` from the page's questions (:func:`description`), or its first
  paragraph when it has none: what a search engine shows under the title.

The two trimming functions are pure (tests call them directly); the page handler wraps the theme's context
functions so that both the sidebar and the table of contents come out trimmed.
"""

from __future__ import annotations

import html as html_lib
import re
from typing import Any
from collections.abc import Callable

from markupsafe import Markup, escape
from sphinx.application import Sphinx

from .lesson_blocks import INSTRUCTOR_ONLY

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


#: The switch's slot (filled by storage.js; ``data-tt-slot`` until then).
KEEP_SLOT = '<div class="tt-keep" data-tt-slot=""></div>'
#: The instructor-view toggle's slot under the title, on pages with facilitator notes behind it
#: (filled by assets/tracktwo/instructor-view.js).
TOGGLE_SLOT = '<div class="tt-instructor-toggle" data-tt-slot=""></div>'
#: Descriptions of the pages Sphinx writes without a document (no title: the neutral edition's pages
#: must not name the course).
GENERATED_PAGES = {
    "search": "Search every page of the course: chapters, notebooks, glossary and references.",
    "genindex": "An index of the terms that the course's pages define or explain.",
}
#: A description's longest length, in characters (cut at a word, with an ellipsis).
DESCRIPTION_MAX = 160


_TIP = re.compile(r'<span class="tt-tip".*?</span>', re.S)
_TAG = re.compile(r"<[^>]+>")


def _plain(node) -> str:
    """A node's text as a reader sees it: raw HTML (a glossary term and its tip) as its visible words."""
    from docutils import nodes

    out = []
    for child in node.findall(lambda n: isinstance(n, nodes.Text | nodes.raw)):
        if isinstance(child, nodes.raw):
            out.append(html_lib.unescape(_TAG.sub("", _TIP.sub("", child.astext()))))
        elif not isinstance(child.parent, nodes.raw):
            out.append(str(child))
    return "".join(out).strip()


def description(doctree) -> str:
    """A page's description (pure): its questions (the ``{questions}`` block, ``tt-questions``) joined
    with spaces, else its first paragraph; at most :data:`DESCRIPTION_MAX` characters, cut at a word."""
    from docutils import nodes

    if doctree is None:
        return ""
    text = ""
    for node in doctree.findall(nodes.Element):
        if "tt-questions" in node.get("classes", ()):
            items = [_plain(item) for item in node.findall(nodes.list_item)]
            text = " ".join(items) or " ".join(_plain(p) for p in node.findall(nodes.paragraph))
            break
    if not text:
        para = next((p for p in doctree.findall(nodes.paragraph) if len(_plain(p).split()) > 5), None)
        text = _plain(para) if para is not None else ""
    text = " ".join(text.split())
    if len(text) > DESCRIPTION_MAX:
        text = text[: DESCRIPTION_MAX - 1].rsplit(" ", 1)[0].rstrip(",;:") + "\u2026"
    return text


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
    body = context.get("body")
    if body is not None and KEEP_SLOT not in body:
        body = KEEP_SLOT + body
        if f'{INSTRUCTOR_ONLY}"' in body or f"{INSTRUCTOR_ONLY} " in body:
            body = body.replace("</h1>", "</h1>" + TOGGLE_SLOT, 1)
        context["body"] = body
    text = description(doctree) or GENERATED_PAGES.get(pagename, "")
    if text and 'name="description"' not in context.get("metatags", ""):
        context["metatags"] = context.get("metatags", "") + f'\n<meta name="description" content="{escape(text)}">'


def setup(app: Sphinx) -> None:
    """Wrap the theme's navigation functions (called from tracktwo.sphinxext.setup)."""
    from .page_assets import PAGE_PRIORITY

    app.connect("html-page-context", _on_page_context, priority=PAGE_PRIORITY)
