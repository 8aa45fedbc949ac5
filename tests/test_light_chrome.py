"""The lighter chrome around every page's article and the search index's word filter
(tracktwo/sphinxext/light_chrome.py, search_words.py; docs/decisions/0012-light-pages.md)."""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pydata_sphinx_theme
import sphinx_book_theme

from tracktwo.sphinxext.light_chrome import _on_page_context, trim_nav, trim_page_toc
from tracktwo.sphinxext.search_words import CourseSearchEnglish, is_link_debris

ROOT = Path(__file__).resolve().parent.parent

NAV = (
    '<ul class="current nav bd-sidenav">\n'
    '<li class="toctree-l1"><a class="reference internal" href="junta.html">Before and under the junta</a></li>\n'
    '<li class="toctree-l1 current active"><a class="current reference internal" href="#">The coup and after</a></li>\n'
    '<li class="toctree-l1"><a class="reference external" href="https://example.org/">Elsewhere</a></li>\n'
    "</ul>"
)
TOC = (
    '<ul class="pst-show_toc_level nav section-nav flex-column">\n'
    '<li class="toc-h2 nav-item toc-entry"><a class="reference internal nav-link" href="#the-sac">The SAC</a>'
    '<ul class="pst-show_toc_level nav section-nav flex-column">\n'
    '<li class="toc-h3 nav-item toc-entry"><a class="reference internal nav-link" href="#committees">Committees</a></li>\n'
    "</ul>\n</li>\n</ul>"
)


def test_the_sidebar_loses_the_unused_classes_and_keeps_current_active_and_external():
    out = trim_nav(NAV)
    assert "toctree-l" not in out and "reference internal" not in out
    assert '<li><a href="junta.html">Before and under the junta</a></li>' in out
    assert '<li class="current active"><a class="current" href="#">The coup and after</a></li>' in out
    assert '<a class="reference external" href="https://example.org/">' in out  # styled with an icon
    assert re.sub(r"\s+class=\"[^\"]*\"", "", out) == re.sub(r"\s+class=\"[^\"]*\"", "", NAV)  # text and links unchanged
    assert trim_nav(out) == out
    kept = '<li class="toctree-l0 has-children"><details><summary>'
    assert trim_nav(kept) == kept


def test_the_page_contents_keep_what_the_theme_styles_and_spies_on():
    out = trim_page_toc(TOC)
    assert "reference internal" not in out and "toc-h2" not in out and "toc-h3" not in out
    assert out.count('<li class="nav-item toc-entry"><a class="nav-link" href="#') == 2
    assert out.count('class="pst-show_toc_level nav section-nav flex-column"') == 2
    assert trim_page_toc(out) == out


def _served_styles_and_scripts() -> str:
    """The theme's compiled stylesheets and scripts and the course's own assets."""
    files = []
    for package in (pydata_sphinx_theme, sphinx_book_theme):
        static = Path(package.__file__).parent / "theme"
        files += [p for p in static.rglob("*") if p.suffix in (".css", ".js") and "vendor" not in p.parts]
    files += [p for p in (ROOT / "assets" / "tracktwo").rglob("*") if p.suffix in (".css", ".js")]
    assert len(files) > 10, files
    return "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in files)


def test_nothing_served_selects_what_the_trims_remove():
    text = _served_styles_and_scripts()
    # The theme's one .toctree-l1 rule is for toctrees inside an article (.toctree-wrapper); the book
    # theme's li.toctree-l0.has-children rules are for collapsible captions, whose classes the trim keeps.
    selectors = [text[text.rfind("}", 0, m.start()) + 1 : m.end()] for m in re.finditer(r"\.toctree-l\d[^{]*", text)]
    assert selectors and [sel for sel in selectors if ".toctree-wrapper" not in sel and ".has-children" not in sel] == [], (
        selectors
    )
    assert re.search(r"\.reference\.internal|reference internal|\.internal\b", text) is None
    assert re.search(r"\.toc-h\d|toc-h\d", text) is None
    # What the trims keep is used: the theme styles these.
    assert all(name in text for name in (".nav-link", ".toc-entry", ".current", ".active"))


def test_search_skips_link_debris_and_keeps_words_years_and_short_numbers():
    debris = [
        "40039947",
        "6778bd74069372de757b27699d1ea1bc",
        "04112024050358",
        "2021myanmar",
        "02militari",
        "aa_seizes_full_control_of_myanmar_bangladesh_bord",
    ]
    kept = ["1990", "1990s", "2021", "88", "1325", "nca", "tatmadaw", "actor_a_text", "ceasefir", "eao", "2b"]
    assert [w for w in debris if not is_link_debris(w)] == []
    assert [w for w in kept if is_link_debris(w)] == []
    lang = CourseSearchEnglish(None)
    assert lang.word_filter("ceasefir") and lang.word_filter("2021") and not lang.word_filter("40039947")
    assert not lang.word_filter("the")  # English stopwords still apply


def test_the_page_handler_wraps_the_themes_cached_functions_once():
    """The theme's functions are functools.cache'd (so they have __wrapped__): they must still be wrapped."""

    from bs4 import BeautifulSoup  # the theme returns soups, which the template prints with str()

    @functools.cache
    def generate_toctree_html(kind, startdepth=1, **kwargs):
        return BeautifulSoup(NAV, "html.parser")

    @functools.cache
    def generate_toc_html(kind="html"):
        return BeautifulSoup(TOC, "html.parser").ul

    context = {"generate_toctree_html": generate_toctree_html, "generate_toc_html": generate_toc_html}
    _on_page_context(None, "book/part2/coup", "page.html", context, None)
    _on_page_context(None, "book/part2/coup", "page.html", context, None)  # a second handler run wraps nothing twice
    assert context["generate_toctree_html"]("sidebar", startdepth=0) == trim_nav(NAV)
    assert context["generate_toc_html"]() == trim_page_toc(TOC)
    assert context["generate_toc_html"].tt_trimmed and context["generate_toc_html"].__name__ == "wrapper"
    assert "toctree-l1" not in context["generate_toctree_html"]("sidebar", startdepth=0)
