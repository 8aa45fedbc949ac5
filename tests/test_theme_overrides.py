"""The plugin's template overrides differ from the installed theme only where the course means them to.

* static/webpack-macros.html: FontAwesome's script dropped; Bootstrap's script replaced by the
  course's theme-controls.js (dropdowns, back to top; see tests/test_theme_controls.py).
* layout.html: the theme's ``extrahead`` block minus the three search scripts it put on every page
  (the search loader fetches them when search opens; see tests/test_search.py).
"""

import re
from pathlib import Path

import pydata_sphinx_theme

from tracktwo.sphinxext import TEMPLATES

THEME = Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme"


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
    assert norm(ours) == norm(head)
    assert "searchindex" not in ours
