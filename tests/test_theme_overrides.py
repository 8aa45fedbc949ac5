"""The plugin's copy of the theme's asset macros differs from the installed theme only by FontAwesome's script."""

from pathlib import Path

import pydata_sphinx_theme

from tracktwo.sphinxext import TEMPLATES


def test_webpack_macros_override_is_the_theme_file_minus_fontawesome_js():
    theme = Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme" / "static" / "webpack-macros.html"
    ours = (TEMPLATES / "static" / "webpack-macros.html").read_text().splitlines()
    theirs = theme.read_text().splitlines()
    dropped = [line for line in theirs if line not in ours]
    assert len(dropped) == 2 and any("fontawesome.js" in line for line in dropped), dropped
    assert [line for line in theirs if line not in dropped] == ours
