"""The plugin's template overrides differ from the installed theme only where the course means them to.

* static/webpack-macros.html: FontAwesome's script dropped; Bootstrap's script replaced by the
  course's theme-controls.js (dropdowns, back to top; see tests/test_theme_controls.py).
* layout.html: the theme's ``extrahead`` block minus the three search scripts it put on every page
  (the search loader fetches them when search opens; see tests/test_search.py); and
  sphinx-book-theme's ``docs_body`` minus its print-only copy of the page's contents, which the
  course's print stylesheet hides (tracktwo/sphinxext/light_chrome.py).
"""

import re
from pathlib import Path

import pydata_sphinx_theme
import sphinx_book_theme

from tracktwo.sphinxext import TEMPLATES

THEME = Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme"
BOOK_THEME = Path(sphinx_book_theme.__file__).parent / "theme" / "sphinx_book_theme"


def test_webpack_macros_override_is_the_theme_file_minus_fontawesome_js_and_bootstrap_js():
    ours = (TEMPLATES / "static" / "webpack-macros.html").read_text().splitlines()
    theirs = (THEME / "static" / "webpack-macros.html").read_text().splitlines()
    dropped = [line for line in theirs if line not in ours]
    added = [line for line in ours if line not in theirs]
    # FontAwesome: its comment and its script; Bootstrap: its preload and its script.
    assert len([d for d in dropped if "fontawesome.js" in d]) == 1, dropped
    assert len([d for d in dropped if "bootstrap.js" in d]) == 2, dropped
    assert len(dropped) == 4, dropped
    assert len(added) == 2 and all("tracktwo/theme-controls.js" in a for a in added), added
    assert [line for line in theirs if line not in dropped] == [line for line in ours if line not in added]


def _block(text: str, name: str) -> str:
    m = re.search(r"{%-?\s*block " + name + r"\s*%}(.*?){%-?\s*endblock", text, re.S)
    assert m, f"no block {name}"
    return m.group(1)


def test_layout_override_is_the_theme_extrahead_minus_the_search_scripts():
    theirs = _block((THEME / "layout.html").read_text(), "extrahead")
    ours = _block((TEMPLATES / "layout.html").read_text(), "extrahead")
    # The theme's block: the meta tags, then an if/else that loads the search tools on every page but search.
    head, _, rest = theirs.partition("{% if pagename == 'search' %}")
    assert rest and all(f in rest for f in ("searchtools.js", "language_data.js", "searchindex.js")), theirs
    norm = lambda s: [line.strip() for line in s.strip().splitlines() if line.strip()]  # noqa: E731
    # Less the second viewport tag (Sphinx's basic layout writes one) and DocSearch's meta tags.
    dropped = [line for line in norm(head) if 'name="viewport"' in line or "docsearch:" in line]
    assert len(dropped) == 3, dropped
    assert norm(ours) == [line for line in norm(head) if line not in dropped]
    assert "searchindex" not in ours


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.strip().splitlines() if line.strip() and not line.strip().startswith(("{#", "<!--"))]


def test_layout_override_is_the_book_theme_docs_body_minus_the_print_contents():
    book = (BOOK_THEME / "layout.html").read_text()
    theirs = _lines(re.search(r"{%-?\s*block docs_body\s*%}(.*?){%-?\s*endblock\s*%}", book, re.S).group(1))
    pydata = _lines(
        re.search(r"{%-?\s*block docs_body\s*%}(.*?){%-?\s*endblock docs_body", (THEME / "layout.html").read_text(), re.S).group(
            1
        )
    )
    ours = _lines(
        re.search(
            r"{%-?\s*block docs_body\s*%}(.*?){%-?\s*endblock docs_body", (TEMPLATES / "layout.html").read_text(), re.S
        ).group(1)
    )
    # The book theme's block: the print title, the print-only contents in a <nav>, then super() (pydata's block).
    assert theirs[-1] == "{{ super() }}" and "generate_toc_html()" in "".join(theirs), theirs
    start = theirs.index('<div id="print-main-content">')
    dropped = theirs[start:-2]  # the print contents, up to the print block's closing </div>
    assert any("<nav" in line for line in dropped) and "generate_toc_html" in "".join(dropped), dropped
    assert ours == theirs[:start] + theirs[-2:-1] + pydata, ours
    assert "generate_toc_html" not in "".join(ours)


def test_announcement_override_keeps_only_the_local_announcement():
    theirs = (THEME / "sections" / "announcement.html").read_text()
    ours = (TEMPLATES / "sections" / "announcement.html").read_text()
    # The theme's async revealer (a version warning and a remote announcement, both fetched from another host) goes.
    assert "pst-async-banner-revealer" in theirs and "pst-async-banner-revealer" not in ours
    assert "bd-header-version-warning" in theirs and "bd-header-version-warning" not in ours
    local = theirs[theirs.index("{%- if announcement_is_local %}") :].strip()
    assert ours.strip().endswith(local), ours
