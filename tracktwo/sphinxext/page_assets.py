"""Which of the extensions' scripts and stylesheets a page needs, from what its body holds.

Jupyter Book's extensions add their assets to every page. A page keeps one only when its body has
the feature the asset serves (see :data:`FEATURES`); the rest are dropped from the page's
``script_files``/``css_files`` in the plugin's ``html-page-context`` handler, so a learner on a slow
link never downloads them for a page that cannot use them. The theme's own assets are trimmed
elsewhere: its stylesheets by :mod:`tracktwo.sphinxext.css_purge`, Bootstrap's script by the
``static/webpack-macros.html`` template override (``assets/tracktwo/theme-controls.js`` stands in),
and the search index by the ``layout.html`` override (``assets/tracktwo/search-loader.js`` fetches it
when the learner opens search).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from collections.abc import Callable

_CLASS_ATTR = re.compile(r'\bclass="([^"]*)"')


def _classes(body: str) -> set[str]:
    return {c for attr in _CLASS_ATTR.findall(body) for c in attr.split()}


@dataclass(frozen=True)
class Feature:
    """An extension's feature: the asset files it adds, its inline scripts, and when a page uses it."""

    name: str
    files: tuple[str, ...]
    inline: tuple[str, ...]
    used: Callable[[str, set[str]], bool]


FEATURES: tuple[Feature, ...] = (
    # sphinx-copybutton: a copy button on every code block. Where every code block is in a closed
    # <details> (a notebook's hidden code cells), the scripts wait for one to open (see below).
    Feature("copy button", ("clipboard.min.js", "copybutton.js", "copybutton.css"), (),
            lambda body, classes: "<pre" in body),
    Feature("copy button scripts before a code cell is shown", ("clipboard.min.js", "copybutton.js"), (),
            lambda body, classes: "<pre" in _outside_details(body)),
    # sphinx-togglebutton: show/hide for '.toggle' and dropdown admonitions.
    Feature("toggle button", ("togglebutton.js", "togglebutton.css"),
            ("toggleHintShow", "toggleHintHide", "toggleOpenOnPrint", "togglebuttonSelector"),
            lambda body, classes: bool({"toggle", "dropdown"} & classes)),
    # sphinx-design: cards, grids, tabs, badges.
    Feature("sphinx-design", ("design-tabs.js", "sphinx-design.min.css"), (),
            lambda body, classes: any(c.startswith("sd-") for c in classes)),
)


_DETAILS = re.compile(r"<details\b.*?</details>", re.S)


def _outside_details(body: str) -> str:
    """The body without its <details> elements (what shows before the learner opens anything)."""
    return _DETAILS.sub("", body)


def _name(asset: Any) -> str:
    return str(getattr(asset, "filename", asset) or "")


def _inline_body(asset: Any) -> str:
    attributes = getattr(asset, "attributes", None) or {}
    return str(attributes.get("body") or "")


def unused_features(body: str) -> list[Feature]:
    """The features whose assets a page with this body does not need (pure; tests call it)."""
    classes = _classes(body)
    return [f for f in FEATURES if not f.used(body, classes)]


def belongs_to(asset: Any, features: list[Feature]) -> bool:
    """True if ``asset`` (a Sphinx _JavaScript/_CascadingStyleSheet or a path) serves one of ``features``."""
    name = _name(asset).rsplit("/", 1)[-1]
    inline = _inline_body(asset)
    for feature in features:
        if name in feature.files:
            return True
        if not name and inline and any(word in inline for word in feature.inline):
            return True
    return False


def trim(context: dict, body: str) -> list[str]:
    """Drop from a page's context the assets of the features its body lacks; return their names."""
    unused = unused_features(body)
    if not unused:
        return []
    for key in ("script_files", "css_files"):
        items = context.get(key)
        if items is not None:
            items[:] = [a for a in items if not belongs_to(a, unused)]
    return [f.name for f in unused]


#: The course's stand-in for the search tools the theme loaded on every page.
SEARCH_LOADER_JS = "tracktwo/search-loader.js"
#: Loads the copy button's scripts when a hidden code cell is first opened.
CODE_COPY_LOADER_JS = "tracktwo/code-copy-loader.js"


#: Loaded by the search loader only on a page opened from a search result (``?highlight=``);
#: kept on search.html, whose searchtools.js reads its settings.
ON_DEMAND = ("sphinx_highlight.js",)


def _on_page_context(app, pagename: str, templatename: str, context: dict, doctree) -> None:
    trim(context, context.get("body") or "")
    scripts = context.get("script_files")
    if scripts is not None and pagename != "search":  # searchtools.js needs it (SPHINX_HIGHLIGHT_ENABLED)
        scripts[:] = [s for s in scripts if _name(s).rsplit("/", 1)[-1] not in ON_DEMAND]
    if pagename != "search":
        app.add_js_file(SEARCH_LOADER_JS, priority=900, loading_method="defer")
    body = context.get("body") or ""
    if "<pre" in body and "<pre" not in _outside_details(body):
        app.add_js_file(CODE_COPY_LOADER_JS, priority=900, loading_method="defer")


#: The course's own scripts, as the build copies them into ``_static/`` (not the bundles under maps/,
#: which are built minified, nor vendored code).
OWN_SCRIPTS = "tracktwo/*.js"


def without_comment_lines(source: str) -> str:
    """A script without the lines that hold only a comment (``// ...`` and ``/* ... */``, also over
    several lines), as served to learners: the comments stay in the sources. A comment that shares a
    line with code is kept, and so is a licence comment (``/*!``). Pure."""
    out: list[str] = []
    in_block = False
    for line in source.splitlines(keepends=True):
        text = line.strip()
        if in_block:
            end = line.find("*/")
            if end < 0:
                continue
            in_block = False
            rest = line[end + 2:]
            if rest.strip():
                out.append(rest)
            continue
        if text.startswith("//"):
            continue
        if text.startswith("/*") and not text.startswith("/*!"):
            close = text.find("*/", 2)
            if close < 0:
                in_block = True
                continue
            if close == len(text) - 2:  # the whole line is the comment
                continue
        out.append(line)
    return "".join(out)


def _strip_served_scripts(app, exception) -> None:
    if exception is not None or app.builder is None or app.builder.format != "html":
        return
    from pathlib import Path

    for path in sorted((Path(app.builder.outdir) / "_static").glob(OWN_SCRIPTS)):
        text = path.read_text(encoding="utf-8")
        lean = without_comment_lines(text)
        if lean != text:
            path.write_text(lean, encoding="utf-8")


def setup(app) -> None:
    """Register the per-page trim (called from tracktwo.sphinxext.setup)."""
    # The served copies of the course's scripts lose their comment-only lines: after the CSS purge
    # (900), which reads the scripts for class names, before the neutral renaming (940) and the
    # offline copy's manifest (950), which digests the files.
    app.connect("build-finished", _strip_served_scripts, priority=920)
    # After every other handler that adds assets (myst-nb 500, the plugin 900, a11y 950).
    app.connect("html-page-context", _on_page_context, priority=960)
