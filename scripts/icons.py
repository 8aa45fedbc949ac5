"""Which FontAwesome glyphs the book can show, so the theme's icon font can be cut down to them.

The theme (pydata-sphinx-theme) draws its icons from FontAwesome's solid webfont: through
``fa-NAME`` classes in its templates and pages, and through ``--pst-icon-*`` CSS variables
(admonition titles, links, search). The full font is about 156 KB, on every first visit.
``scripts/subset_icons.py`` keeps only the glyphs found here; ``tests/test_icons.py`` checks that
every icon the built site references is in the subset.
"""

from __future__ import annotations

import re
from pathlib import Path

import pydata_sphinx_theme
import sphinx_book_theme

THEME_DIR = Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme"
THEME_CSS = THEME_DIR / "static" / "styles" / "pydata-sphinx-theme.css"
SOLID_FONT = THEME_DIR / "static" / "vendor" / "fontawesome" / "webfonts" / "fa-solid-900.woff2"
ICONS_DIR = Path(__file__).resolve().parent.parent / "assets" / "tracktwo" / "icons"
SUBSET_FONT = ICONS_DIR / "tracktwo-icons.woff2"

_CLASS = re.compile(r"\bfa-([a-z0-9]+(?:-[a-z0-9]+)*)\b")
# A rule such as `.fa-bars:before,.fa-navicon:before{content:"\f0c9"}`.
_RULE = re.compile(r"((?:\.fa-[a-z0-9-]+:before,?)+)\{content:\"([^\"]*)\"\}")
_VAR = re.compile(r"--pst-icon-[a-z0-9-]+:\"([^\"]*)\"")
_ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6}) ?|\\(.)")


def css_unescape(value: str) -> str:
    """Undo CSS string escapes: ``\\f0c9`` (hex, optionally followed by a space) and ``\\@``."""
    return _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)) if m.group(1) else m.group(2), value)


def _codepoints(value: str) -> set[int]:
    return {ord(ch) for ch in css_unescape(value)}


def class_codepoints(css: str) -> dict[str, set[int]]:
    """Map each ``fa-NAME`` class to the code points its ``:before`` content draws."""
    table: dict[str, set[int]] = {}
    for selectors, content in _RULE.findall(css):
        for name in re.findall(r"\.fa-([a-z0-9-]+):before", selectors):
            table.setdefault(name, set()).update(_codepoints(content))
    return table


def variable_codepoints(css: str) -> set[int]:
    """Code points of every ``--pst-icon-*`` variable (icons drawn by CSS, not by a class)."""
    found: set[int] = set()
    for value in _VAR.findall(css):
        found |= _codepoints(value)
    return found


def class_names(text: str) -> set[str]:
    return set(_CLASS.findall(text))


def template_texts() -> list[str]:
    """The themes' templates, code and scripts that may write ``fa-`` classes (not FontAwesome's own
    all-icons bundle, which names every icon)."""
    roots = [THEME_DIR, Path(sphinx_book_theme.__file__).parent]
    return [
        p.read_text(encoding="utf-8", errors="replace")
        for root in roots
        for p in root.rglob("*")
        if p.suffix in {".html", ".py", ".js"} and not p.name.startswith("fontawesome")
    ]


def needed_codepoints(extra_texts: list[str] | None = None) -> set[int]:
    """Glyphs the book can show: the theme's icon variables, plus every ``fa-`` class named in the
    theme's templates and in ``extra_texts`` (e.g. the built pages). Only glyphs the solid style
    defines are returned (others, like brand icons, live in other fonts)."""
    css = THEME_CSS.read_text(encoding="utf-8")
    classes = class_codepoints(css)
    names: set[str] = set()
    for text in template_texts() + list(extra_texts or []):
        names |= class_names(text)
    wanted = variable_codepoints(css)
    for name in names:
        wanted |= classes.get(name, set())
    return wanted
