"""Every page's footer: the course's promise and the release version (issue 31, part 7).

The promise, "No page of this course makes a request to any other site. Your answers stay in this
browser.", was written in ``_config.yml`` (``html.extra_footer``) from the first commit but never
displayed: Jupyter Book 1 writes ``html.extra_footer`` into ``html_theme_options``, and the
``sphinx.config.html_theme_options`` that ``_config.yml`` also set from the first commit replaces that
whole dictionary, so every earlier build had an empty footer. sphinx-book-theme renders its ``extra_footer`` option
in the content footer (``footer_content_items``: ``extra-footer.html``), under every article.

This module sets that option when the config is read, so no ``_config.yml`` can drop it again: the
promise, and "Version <tracktwo.__version__>" (the one place the version is written), in the edition's
language (``ui:footer:*`` in ``locale/<lang>/course/ui.po``; English, marked, until translated). No
marked word: the neutral edition prints it too.

The promise must stay true. The tests that keep it so: ``tests/test_build.py``
(``test_no_built_page_or_stylesheet_loads_anything_from_another_host``, and the offline guard that
fails a ``-W`` build on a remote script), ``tests/test_browser.py`` (every page in Chromium stays on
the local server) and ``tests/test_offline_scanner.py`` (the scanner they use); ``tests/test_release.py``
checks that every built page's footer carries the promise and the version.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from tracktwo import __version__

from ..i18n.catalog import escape, t

#: The promise, in English (the source string of ``ui:footer:promise``).
PROMISE = "No page of this course makes a request to any other site. Your answers stay in this browser."
#: The version line, in English (``ui:footer:version``; ``{version}`` is filled in after translation).
VERSION = "Version {version}"
#: The class of the footer's paragraph (tests and styles find it by this).
FOOTER_CLASS = "tt-footer"


def footer_html(version: str = __version__) -> str:
    """The footer's HTML in the current language (pure over the translator in use)."""
    line = t("ui:footer:version", VERSION)
    version_html = escape(line).replace("{version}", escape(version))
    return f'<p class="{FOOTER_CLASS}">{escape(t("ui:footer:promise", PROMISE))} {version_html}</p>'


#: The theme whose option this is (a small test book on another theme gets no footer option).
THEME = "sphinx_book_theme"


def _on_config_inited(app: Sphinx, config) -> None:
    if config.html_theme == THEME:
        options = dict(config.html_theme_options or {})
        options["extra_footer"] = footer_html()
        config.html_theme_options = options
    # The same version where a page names it (book/licences.md: {{ course_version }}).
    config.myst_substitutions = {**(getattr(config, "myst_substitutions", None) or {}), "course_version": __version__}


def setup(app: Sphinx) -> dict[str, Any]:
    # After the translations' handler (500), which sets the edition's translator.
    app.connect("config-inited", _on_config_inited, priority=600)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
