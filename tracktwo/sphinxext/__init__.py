"""The book's Sphinx plugin (listed in ``_config.yml`` under ``sphinx.extra_extensions``).

* Every page's scripts and stylesheets come from one table, :mod:`.page_assets` (the local
  plotly.js and the figure loader only on pages with a figure; no embedded ipywidgets state, so no
  widget manager is ever fetched, see :mod:`.mime_renderers`), which also warns on any script,
  stylesheet or other resource from another host, so ``-W`` fails the build; so does the scan of
  every written page and stylesheet when the build finishes.
* Registers the course's directives.
* Light pages (docs/decisions/0012-light-pages.md): each page keeps only the assets it uses
  (:mod:`.page_assets`), the theme's stylesheets are cut to the rules the book can use
  (:mod:`.css_purge`), and the learner can keep the whole course on the device (:mod:`.offline_copy`).
* The neutral edition (``TRACKTWO_TITLE``): neutral titles and file names (:mod:`.neutral`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.util import logging

from .offline_guard import find_remote_resources

logger = logging.getLogger(__name__)

#: Template overrides: the theme's asset macros minus FontAwesome's 1.6 MB icon script (the theme's
#: CSS already draws its icons from the FontAwesome webfont). tests/test_theme_overrides.py checks
#: the copy against the installed theme, so a theme upgrade cannot silently diverge.
TEMPLATES = Path(__file__).parent / "templates"

#: Paths under the book's static folder (``assets/`` -> ``_static/``), added by :mod:`.page_assets`.
PLOTLY_JS = "vendor/plotly/plotly-tracktwo.min.js"
FIGURES_JS = "tracktwo/figures.js"
FIGURES_CSS = "tracktwo/figures.css"
COURSE_CSS = "tracktwo/course.css"
#: The theme's icon font, cut down to the glyphs the book shows (scripts/subset_icons.py).
ICONS_CSS = "tracktwo/icons/icons.css"


def _on_build_finished(app: Sphinx, exception: Exception | None) -> None:
    """Scan every written page and stylesheet: templates can add resources the page context never saw."""
    if exception is not None or app.builder is None or app.builder.format != "html":
        return
    outdir = Path(app.builder.outdir)
    for path in sorted(outdir.rglob("*")):
        if path.suffix not in {".html", ".css"} or "_sources" in path.parts:
            continue
        for kind, url in find_remote_resources(path.read_text(encoding="utf-8", errors="replace")):
            logger.warning(
                "%s from another host in %s: %s",
                kind,
                path.relative_to(outdir),
                url,
                type="tracktwo",
                subtype="offline",
            )


def _on_config_inited(app: Sphinx, config) -> None:
    config.templates_path.insert(0, str(TEMPLATES))


def setup(app: Sphinx) -> dict[str, Any]:
    from . import (
        a11y,
        bibstyle,
        carry_marks,
        course_figure,
        css_purge,
        data_dictionary,
        data_tables,
        exercise_directive,
        glossary_terms,
        lesson_blocks,
        light_chrome,
        my_work,
        neutral,
        offline_copy,
        page_assets,
        progress,
        redirects,
        search_words,
        storage,
        study_path,
        workshop_blocks,
    )

    bibstyle.register()
    storage.setup(app)
    app.connect("config-inited", _on_config_inited)
    exercise_directive.setup(app)
    data_dictionary.setup(app)
    lesson_blocks.setup(app)
    data_tables.setup(app)
    course_figure.setup(app)
    redirects.setup(app)
    workshop_blocks.setup(app)
    app.setup_extension("tracktwo.sphinxext.since_key")  # the key of the cards after 2021 (instructor edition)
    carry_marks.setup(app)
    a11y.setup(app)
    light_chrome.setup(app)  # lighter sidebar, page contents and print copy on every page
    search_words.setup(app)  # no link debris in the search index
    app.setup_extension("tracktwo.sphinxext.conflict_map")
    app.setup_extension("tracktwo.sphinxext.design_dialogue")
    glossary_terms.setup(app)
    study_path.setup(app)
    app.setup_extension("tracktwo.sphinxext.syllabus_blocks")  # the syllabus, assessment schedule and rubrics
    progress.setup(app)
    my_work.setup(app)
    # Translated editions (TT_LANG): Sphinx's catalogs, drafts and English fallbacks marked, the switch.
    app.setup_extension("tracktwo.sphinxext.translations")
    # Every page's footer: the promise (no request to any other site) and the release version.
    app.setup_extension("tracktwo.sphinxext.footer")
    # The course folder's download (page_assets.DOWNLOADS) and the repository's address.
    app.setup_extension("tracktwo.sphinxext.course_folder")
    app.connect("build-finished", _on_build_finished)
    # Every page's scripts and stylesheets (the one table); light pages: purged theme CSS, the
    # opt-in offline copy.
    page_assets.setup(app)
    css_purge.setup(app)
    offline_copy.setup(app)
    # The neutral edition (a title chosen by the facilitator): titles, file names (.neutral).
    neutral.setup(app)
    # Editions: notebooks' kernels and downloads follow what the edition withholds.
    app.setup_extension("tracktwo.sphinxext.withheld")
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
