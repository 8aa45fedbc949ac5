"""The book's Sphinx plugin (listed in ``_config.yml`` under ``sphinx.extra_extensions``).

* Adds the local plotly.js and the figure loader only to pages that contain a plotly figure.
* Drops embedded ipywidgets state from pages (the widgets themselves are replaced by a notice,
  see :mod:`tracktwo.sphinxext.mime_renderers`), so no widget manager is ever fetched.
* Warns on any script, stylesheet or other resource from another host, so ``-W`` fails the build.
* Registers the course's directives.
* Light pages (docs/decisions/0012-light-pages.md): each page keeps only the extensions' assets it
  uses (:mod:`.page_assets`), the theme's stylesheets are cut to the rules the book can use
  (:mod:`.css_purge`), and the learner can keep the whole course on the device (:mod:`.offline_copy`).
* The neutral edition (``TRACKTWO_TITLE``): neutral titles and file names (:mod:`.neutral`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.util import logging

from ..figures.static_html import FIGURE_CLASS
from .offline_guard import find_remote_resources, is_remote

logger = logging.getLogger(__name__)

#: Template overrides: the theme's asset macros minus FontAwesome's 1.6 MB icon script (the theme's
#: CSS already draws its icons from the FontAwesome webfont). tests/test_theme_overrides.py checks
#: the copy against the installed theme, so a theme upgrade cannot silently diverge.
TEMPLATES = Path(__file__).parent / "templates"

#: Paths under the book's static folder (``assets/`` -> ``_static/``).
PLOTLY_JS = "vendor/plotly/plotly-tracktwo.min.js"
FIGURES_JS = "tracktwo/figures.js"
COURSE_CSS = "tracktwo/course.css"
#: The theme's icon font, cut down to the glyphs the book shows (scripts/subset_icons.py).
ICONS_CSS = "tracktwo/icons/icons.css"


def _attr(asset: Any, name: str) -> Any:
    attributes = getattr(asset, "attributes", None) or {}
    return attributes.get(name)


def _on_page_context(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    body = context.get("body", "") or ""
    scripts = context.get("script_files")
    if scripts is not None:
        # Embedded widget state is of no use without a kernel (the views are replaced by a notice);
        # sphinx-thebe is loaded by Jupyter Book but the course never launches thebe, and its inline
        # config script is emitted twice (a console error), so its assets go too.
        scripts[:] = [
            s for s in scripts
            if _attr(s, "type") != "application/vnd.jupyter.widget-state+json"
            and "thebe" not in str(getattr(s, "filename", "") or "")
            and "THEBE_JS_URL" not in str(_attr(s, "body") or "")
        ]
    styles = context.get("css_files")
    if styles is not None:
        styles[:] = [c for c in styles if "thebe" not in str(getattr(c, "filename", c) or "")]
    if f'class="{FIGURE_CLASS}"' in body:
        app.add_js_file(PLOTLY_JS, priority=600, loading_method="defer")
        app.add_js_file(FIGURES_JS, priority=601, loading_method="defer")

    for kind, items in (("script", context.get("script_files") or []), ("stylesheet", context.get("css_files") or [])):
        for item in items:
            name = str(getattr(item, "filename", item) or "")
            if is_remote(name):
                logger.warning(
                    "%s from another host on page %r: %s (vendor a local copy instead)",
                    kind, pagename, name, type="tracktwo", subtype="offline", location=pagename,
                )
    for kind, url in find_remote_resources(body):
        logger.warning(
            "%s from another host in the body of page %r: %s",
            kind, pagename, url, type="tracktwo", subtype="offline", location=pagename,
        )


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
                kind, path.relative_to(outdir), url, type="tracktwo", subtype="offline",
            )


def _on_config_inited(app: Sphinx, config) -> None:
    config.templates_path.insert(0, str(TEMPLATES))


def setup(app: Sphinx) -> dict[str, Any]:
    from . import (a11y, bibstyle, carry_marks, course_figure, css_purge, data_dictionary, data_tables,
                   exercise_directive, glossary_terms, lesson_blocks, neutral, offline_copy, page_assets, progress,
                   redirects, storage, study_path, workshop_blocks)

    bibstyle.register()
    # Browser storage first: every page script keeps learners' work through window.TTStorage.
    storage.setup(app)
    app.connect("config-inited", _on_config_inited)
    app.add_css_file(ICONS_CSS)
    app.add_css_file(COURSE_CSS)
    exercise_directive.setup(app)
    data_dictionary.setup(app)
    lesson_blocks.setup(app)
    data_tables.setup(app)
    course_figure.setup(app)
    redirects.setup(app)
    workshop_blocks.setup(app)
    carry_marks.setup(app)
    a11y.setup(app)
    app.setup_extension("tracktwo.sphinxext.conflict_map")
    app.setup_extension("tracktwo.sphinxext.design_dialogue")
    glossary_terms.setup(app)
    study_path.setup(app)
    progress.setup(app)
    # After myst-nb's own page-context handler (priority 500), which adds widget scripts.
    app.connect("html-page-context", _on_page_context, priority=900)
    app.connect("build-finished", _on_build_finished)
    # Light pages: per-page assets, purged theme CSS, the opt-in offline copy.
    page_assets.setup(app)
    css_purge.setup(app)
    offline_copy.setup(app)
    # The neutral edition (a title chosen by the facilitator): titles, file names (.neutral).
    neutral.setup(app)
    # Editions: notebooks' kernels and downloads follow what the edition withholds.
    app.setup_extension("tracktwo.sphinxext.withheld")
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
