"""The one place the book's pages get their scripts and stylesheets: the table :data:`ROWS`.

Each row says which feature needs which files, in order, and the marker that tells a page needs
them. A marker is "every page", "every page but one" or a mark in the page body: the class or data
attribute the feature's directive writes into the HTML. A body mark rather than a node or an env
flag, because a map or a design form also reaches a page as a notebook's ``text/html`` output,
which no directive sees. A feature declares its row here and connects no asset handler of its own;
``tests/test_assets.py`` fails if any other module of the plugin adds a script or stylesheet or
edits a page's list of them.

How the table is read (all in this module):

* ``builder-inited`` (:func:`_on_builder_inited`, one handler): writes into ``_static/`` the files
  the course generates or keeps beside their Python (:data:`GENERATED`: the exercise engine and its
  messages, the design form), then registers the rows marked "every page", in table order. It runs
  before the extensions' own ``builder-inited`` handlers (:data:`BUILDER_PRIORITY`), so the
  every-page files sit where they sat when features registered them in ``setup``: after every
  extension's setup-time files, before myst-nb's and sphinx-design's.
* ``html-page-context`` (:func:`_on_page_context`, at :data:`PAGE_PRIORITY`, after myst-nb's and the
  themes' handlers at 500 and 501, which add per-page scripts it must see): drops what the course never uses
  (:func:`dropped`: thebe, widget state), drops the extensions' assets a page does not use
  (:data:`FEATURES`), keeps Sphinx's highlighter only where it is read (:data:`ON_DEMAND`), adds the
  files of every row whose marker the page has, in table order, and then warns on any resource the
  page would fetch from another host (so ``-W`` fails the build).

Sphinx sorts a page's scripts and stylesheets by priority, keeping the order they were added among
equals. Each file's priority places it among the extensions' files (Sphinx's own at 200, extensions'
at 500, ``html_js_files`` at 800), and the priorities never fall in table order within scripts or
within stylesheets, so **the table's order is the order in the page** (a test checks it).

The plugin's other ``html-page-context`` handlers add no asset; they share :data:`PAGE_PRIORITY`
(the page hooks were at eight priorities: 500, 600, 850, 900, 901, 950, 960 and 990):

* :mod:`.a11y` rewrites the page body (the bibliography's list roles): an HTML fix that docutils'
  writer gives no other hook for;
* :mod:`.neutral` replaces the title, project, author and metatags the theme renders, in the
  neutral edition: context values, after the themes' handlers (500, 501) have set them.

The plugin's ``build-finished`` handlers work on the written site, not on pages' lists of assets:
the remote-resource scan (:mod:`tracktwo.sphinxext`), the CSS purge (:mod:`.css_purge`, 900), the
served scripts lose their comment-only lines (here, 920), the neutral renaming of files
(:mod:`.neutral`, 940) and the offline manifest (:mod:`.offline_copy`, 950).

The theme's own assets are trimmed elsewhere: its stylesheets by :mod:`.css_purge`, Bootstrap's
script by the ``static/webpack-macros.html`` template override (``assets/tracktwo/theme-controls.js``
stands in), and the search index by the ``layout.html`` override (``assets/tracktwo/search-loader.js``
fetches it when the learner opens search). See docs/decisions/0012-light-pages.md.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.util import logging

from tracktwo import COURSE_VERSION
from tracktwo.design import markup as design
from tracktwo.ripeness import evidence_cards as ripeness_cards
from tracktwo.editions import settings
from tracktwo.exercises import static as exercise_static
from tracktwo.exercises.render import EXERCISE_CLASS, INTERACTIVE_MARKER
from tracktwo.figures.static_html import FIGURE_CLASS
from tracktwo.maps.html import BUNDLE_CSS, MAP_CLASS

from . import COURSE_CSS, FIGURES_CSS, FIGURES_JS, ICONS_CSS, PLOTLY_JS
from .a11y import A11Y_CSS, A11Y_JS
from .conflict_map import LOADER_JS as MAP_LOADER_JS
from .glossary_terms import GLOSSARY_CSS, GLOSSARY_JS
from .lesson_blocks import BOOK_PRINT_CSS, INSTRUCTOR_CSS, INSTRUCTOR_JS, INSTRUCTOR_ONLY
from .offline_copy import OFFLINE_JS
from .offline_guard import find_remote_resources, is_remote
from .my_work import MY_WORK_CSS, MY_WORK_DATA_CLASS, MY_WORK_JS
from .progress import PROGRESS_CSS, PROGRESS_DATA_CLASS, PROGRESS_JS
from .storage import STORAGE_JS, script_attributes

logger = logging.getLogger(__name__)

#: The one priority of the plugin's ``html-page-context`` handlers: after myst-nb's and the themes'
#: (500, 501), which add per-page scripts this module must see.
PAGE_PRIORITY = 900
#: The ``builder-inited`` handler runs before the extensions' own (500), so the course's every-page
#: files keep their place among the extensions' (as when they were registered in ``setup``).
BUILDER_PRIORITY = 400


# ---------------------------------------------------------------------------------------------
# Markers


@dataclass(frozen=True)
class Marker:
    """What tells that a page needs a row's files. ``test(pagename, body)``; None: every page."""

    says: str
    test: Callable[[str, str], bool] | None = None

    def applies(self, pagename: str, body: str) -> bool:
        return self.test is None or self.test(pagename, body)


EVERY_PAGE = Marker("every page")


#: The translated editions' styles (tracktwo/i18n, docs/decisions/0021-translations.md).
I18N_CSS = "tracktwo/i18n.css"


def body_has(*marks: str) -> Marker:
    """A page whose body holds any of ``marks`` (a class or data attribute a directive writes)."""
    return Marker("the body has " + " or ".join(repr(m) for m in marks), lambda page, body: any(m in body for m in marks))


def every_page_but(name: str) -> Marker:
    return Marker(f"every page but {name!r}", lambda page, body: page != name)


_DETAILS = re.compile(r"<details\b.*?</details>", re.S)


def _outside_details(body: str) -> str:
    """The body without its <details> elements (what shows before the learner opens anything)."""
    return _DETAILS.sub("", body)


#: Every code block is in a closed <details> (a notebook's hidden code cells): the copy button's
#: scripts are dropped (:data:`FEATURES`) and a loader fetches them when one is opened.
CODE_ONLY_IN_DETAILS = Marker(
    "code blocks only inside <details>", lambda page, body: "<pre" in body and "<pre" not in _outside_details(body)
)


# ---------------------------------------------------------------------------------------------
# The table


@dataclass(frozen=True)
class File:
    """A script (``.js``, deferred) or stylesheet (``.css``) under the book's ``_static/``.

    ``priority`` places it among the extensions' files (Sphinx's default is 500); ``attributes``
    are the tag's extra attributes, or a function of the Sphinx config that returns them."""

    path: str
    priority: int = 500
    media: str | None = None
    attributes: dict[str, str] | Callable[[Any], dict[str, str]] = field(default_factory=dict)

    @property
    def is_script(self) -> bool:
        return self.path.endswith(".js")

    def tag_attributes(self, config: Any) -> dict[str, str]:
        return dict(self.attributes(config) if callable(self.attributes) else self.attributes)


@dataclass(frozen=True)
class Row:
    feature: str
    marker: Marker
    files: tuple[File, ...]


#: The course's stand-in for the search tools the theme loaded on every page.
SEARCH_LOADER_JS = "tracktwo/search-loader.js"
#: Loads the copy button's scripts when a hidden code cell is first opened.
CODE_COPY_LOADER_JS = "tracktwo/code-copy-loader.js"


def _storage_attributes(config: Any) -> dict[str, str]:
    return script_attributes(settings(config=config))


#: The plotly.js tag's attributes: figures.js finds it by ``data-tt-plotly`` and loads its ``src``.
PLOTLY_ON_DEMAND = {"type": "text/x-tracktwo-on-demand", "data-tt-plotly": ""}


#: Marker -> files, in the order the page loads them. Add a feature's scripts and stylesheets here.
ROWS: tuple[Row, ...] = (
    # Browser storage first: every page script keeps learners' work through window.TTStorage
    # (.storage; the edition's key prefix, course version and keep mode on the tag).
    Row("browser storage", EVERY_PAGE, (File(STORAGE_JS, priority=100, attributes=_storage_attributes),)),
    Row("the course's look: the icon subset and the course's styles", EVERY_PAGE, (File(ICONS_CSS), File(COURSE_CSS))),
    # not print.css: the sheets' rules are for the kit (docs/decisions/0012).
    Row("the book's print rules", EVERY_PAGE, (File(BOOK_PRINT_CSS, media="print"),)),
    Row("contrast and focus fixes (.a11y)", EVERY_PAGE, (File(A11Y_CSS),)),
    Row("glossary tips (.glossary_terms)", EVERY_PAGE, (File(GLOSSARY_CSS), File(GLOSSARY_JS))),
    Row(
        "translations: the notice, passages still in English, the bilingual glossary (.translations)",
        body_has('class="tt-i18n-notice"', "tt-fallback", 'class="tt-bilingual"'),
        (File(I18N_CSS),),
    ),
    Row(
        "facilitator notes behind the instructor-view toggle (.lesson_blocks)",
        body_has(INSTRUCTOR_ONLY),
        (File(INSTRUCTOR_CSS), File(INSTRUCTOR_JS)),
    ),
    Row(
        "progress on this device (.progress); My work reads its summary (.my_work)",
        body_has(f'class="{PROGRESS_DATA_CLASS}"', f'class="{MY_WORK_DATA_CLASS}"'),
        (File(PROGRESS_JS), File(PROGRESS_CSS)),
    ),
    Row(
        "all my work: download, print, restore (.my_work)",
        body_has(f'class="{MY_WORK_DATA_CLASS}"'),
        (File(MY_WORK_JS), File(MY_WORK_CSS)),
    ),
    Row(
        "exercises, any edition (.exercise_directive)",
        body_has(f'class="{EXERCISE_CLASS} ', 'class="tt-exercise-error"'),
        (File(exercise_static.ENGINE_CSS),),
    ),
    # Messages first, then the engine. Only the learner edition writes the marker.
    Row(
        "interactive exercises (.exercise_directive)",
        body_has(INTERACTIVE_MARKER),
        (File(exercise_static.MESSAGES_JS, priority=510), File(exercise_static.ENGINE_JS, priority=511)),
    ),
    Row(
        "figures: the local plotly.js and the figure loader",
        body_has(f'class="{FIGURE_CLASS}"'),
        # plotly.js is named on the page but neither fetched nor run there (a type no browser runs):
        # figures.js loads it when a figure nears the screen after the learner's first touch, scroll,
        # key or pointer move, or the figure's "Draw" button (issue 32: 1-2.5 s of blocked main thread
        # on a cheap phone). The tag keeps it in the offline copy and under the neutral renaming.
        (
            File(PLOTLY_JS, priority=600, attributes=PLOTLY_ON_DEMAND),
            File(FIGURES_JS, priority=601),
            File(FIGURES_CSS, priority=600),
        ),
    ),
    Row(
        "design a dialogue: the form or its worked examples (.design_dialogue)",
        body_has(f'class="{design.DESIGN_CLASS}"', 'class="tt-design-examples"'),
        (File(design.DESIGN_CSS, priority=600),),
    ),
    # The bundle itself is fetched by the loader when a map nears the screen (light pages).
    Row(
        "conflict maps (.conflict_map)",
        body_has(f"{MAP_CLASS} ", f'"{MAP_CLASS}"'),
        (File(BUNDLE_CSS, priority=600), File(MAP_LOADER_JS, priority=602)),
    ),
    # After plotly.js and the figure loader.
    Row("keyboard access to plotly's controls (.a11y)", body_has(f'class="{FIGURE_CLASS}"'), (File(A11Y_JS, priority=602),)),
    Row(
        "ripeness with evidence: the cards' judging form (.ripeness)",
        body_has(f'class="{ripeness_cards.CARD_CLASS}"'),
        (File(ripeness_cards.CARDS_CSS, priority=603), File(ripeness_cards.CARDS_JS, priority=603)),
    ),
    Row(
        "design a dialogue: the form's script (.design_dialogue)",
        body_has(f'class="{design.DESIGN_CLASS}"'),
        (File(design.DESIGN_JS, priority=603),),
    ),
    # search.html loads the search tools itself.
    Row("search tools fetched when search opens", every_page_but("search"), (File(SEARCH_LOADER_JS, priority=900),)),
    Row(
        "the copy button's scripts fetched when a hidden code cell opens",
        CODE_ONLY_IN_DETAILS,
        (File(CODE_COPY_LOADER_JS, priority=900),),
    ),
    Row(
        "the offline copy's control (.offline_copy)",
        EVERY_PAGE,
        (File(OFFLINE_JS, priority=901, attributes={"data-course-version": COURSE_VERSION}),),
    ),
)


def _exercise_files(config: Any) -> dict[str, str]:
    # The participant and instructor editions have no script at all.
    from ..editions import settings

    return exercise_static.files(
        interactive=(getattr(config, "tracktwo_edition", "learner") or "learner") == "learner", lang=settings(config=config).lang
    )


#: Files the build writes into ``_static/`` (by output path, with their text) because they are
#: generated or kept beside the Python they mirror, not under ``assets/``.
GENERATED: tuple[tuple[str, Callable[[Any], dict[str, str]]], ...] = (
    ("exercises: the engine, its stylesheet and the messages from tracktwo/exercises/messages.py", _exercise_files),
    ("design a dialogue: the form's script and stylesheet", lambda config: design.static_files()),
    ("ripeness with evidence: the cards' script and stylesheet", lambda config: ripeness_cards.static_files()),
)


def _course_folder(config: Any) -> dict[str, bytes]:
    """The course folder (tracktwo/release.py), in the learner edition only: it holds the exercise
    banks' self-check keys (never in the participant edition) and names the course in its files (never
    in a neutral edition). The instructor edition is the facilitator's; the repository is theirs too."""
    from tracktwo import release

    edition = settings(config=config)
    if edition.edition != "learner" or edition.neutral:
        return {}
    return {f"{DOWNLOAD_DIR}/{release.bundle_name()}.zip": release.bundle_bytes()}


#: Where the build writes the files of :data:`DOWNLOADS` (under ``_static/``).
DOWNLOAD_DIR = "tracktwo/downloads"
#: Files the build writes into ``_static/`` that no page loads: downloads a page links to (a plain
#: ``<a href download>``, fetched only when the learner asks). They are not scripts or stylesheets, so
#: they count in no page's weight, and the offline copy leaves them out (:mod:`.offline_copy`).
DOWNLOADS: tuple[tuple[str, Callable[[Any], dict[str, bytes]]], ...] = (
    ("the course folder: notebooks, data, the package and a start script (book/how-to-study.md)", _course_folder),
)


def rows_for(pagename: str, body: str) -> list[Row]:
    """The rows whose files a page gets on top of the every-page rows, in table order (pure)."""
    return [r for r in ROWS if r.marker is not EVERY_PAGE and r.marker.applies(pagename, body)]


# ---------------------------------------------------------------------------------------------
# The extensions' assets a page does not use


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


#: Jupyter Book's extensions add their assets to every page; a page keeps one only when its body has
#: the feature the asset serves, so a learner on a slow link never downloads it for nothing.
FEATURES: tuple[Feature, ...] = (
    # sphinx-copybutton: a copy button on every code block. Where every code block is in a closed
    # <details> (a notebook's hidden code cells), the scripts wait for one to open (see ROWS).
    Feature("copy button", ("clipboard.min.js", "copybutton.js", "copybutton.css"), (), lambda body, classes: "<pre" in body),
    Feature(
        "copy button scripts before a code cell is shown",
        ("clipboard.min.js", "copybutton.js"),
        (),
        lambda body, classes: "<pre" in _outside_details(body),
    ),
    # sphinx-togglebutton: show/hide for '.toggle' and dropdown admonitions.
    Feature(
        "toggle button",
        ("togglebutton.js", "togglebutton.css"),
        ("toggleHintShow", "toggleHintHide", "toggleOpenOnPrint", "togglebuttonSelector"),
        lambda body, classes: bool({"toggle", "dropdown"} & classes),
    ),
    # sphinx-design: cards, grids, tabs, badges.
    Feature(
        "sphinx-design",
        ("design-tabs.js", "sphinx-design.min.css"),
        (),
        lambda body, classes: any(c.startswith("sd-") for c in classes),
    ),
)

#: Loaded by the search loader only on a page opened from a search result (``?highlight=``);
#: kept on search.html, whose searchtools.js reads its settings.
ON_DEMAND = ("sphinx_highlight.js",)


def _name(asset: Any) -> str:
    return str(getattr(asset, "filename", asset) or "")


def _attr(asset: Any, name: str) -> Any:
    attributes = getattr(asset, "attributes", None) or {}
    return attributes.get(name)


def _inline_body(asset: Any) -> str:
    return str(_attr(asset, "body") or "")


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


def dropped(asset: Any) -> bool:
    """True for what the course never uses: embedded widget state is of no use without a
    kernel (the views are replaced by a notice, :mod:`.mime_renderers`); sphinx-thebe is loaded by
    Jupyter Book but the course never launches thebe, and its inline config script is emitted twice
    (a console error), so its assets go too."""
    return (
        _attr(asset, "type") == "application/vnd.jupyter.widget-state+json"
        or "thebe" in _name(asset)
        or "THEBE_JS_URL" in _inline_body(asset)
    )


def trim(context: dict, pagename: str, body: str) -> list[str]:
    """Drop from a page's context what the course never uses, the assets of the extensions' features
    its body lacks, and the on-demand scripts (but on the search page); return the features' names."""
    unused = unused_features(body)
    for key in ("script_files", "css_files"):
        items = context.get(key)
        if items is not None:
            items[:] = [
                a
                for a in items
                if not dropped(a)
                and not belongs_to(a, unused)
                and not (key == "script_files" and pagename != "search" and _name(a).rsplit("/", 1)[-1] in ON_DEMAND)
            ]
    return [f.name for f in unused]


# ---------------------------------------------------------------------------------------------
# Sphinx


def _add(app, file: File) -> None:
    attributes = file.tag_attributes(app.config)
    if file.is_script:
        app.add_js_file(file.path, priority=file.priority, loading_method="defer", **attributes)
    else:
        if file.media:
            attributes["media"] = file.media
        app.add_css_file(file.path, priority=file.priority, **attributes)


def write_generated(static_out: Path, config: Any) -> list[Path]:
    """Write every :data:`GENERATED` file and every :data:`DOWNLOADS` file under ``static_out`` (the
    build's ``_static``), leaving a file that is already the same untouched; returns the paths."""
    written = []
    for _, files in GENERATED + DOWNLOADS:
        for rel, content in files(config).items():
            data = content.encode("utf-8") if isinstance(content, str) else content
            path = Path(static_out) / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            if not path.exists() or path.read_bytes() != data:
                path.write_bytes(data)
            written.append(path)
    return written


def _on_builder_inited(app) -> None:
    if app.builder is not None and app.builder.format == "html":
        # Before pages are written, so Sphinx can give their URLs a checksum.
        write_generated(Path(app.outdir) / "_static", app.config)
    for row in ROWS:
        if row.marker is EVERY_PAGE:
            for file in row.files:
                _add(app, file)


def _warn_remote(pagename: str, context: dict) -> None:
    for kind, key in (("script", "script_files"), ("stylesheet", "css_files")):
        for item in context.get(key) or []:
            if is_remote(_name(item)):
                logger.warning(
                    "%s from another host on page %r: %s (vendor a local copy instead)",
                    kind,
                    pagename,
                    _name(item),
                    type="tracktwo",
                    subtype="offline",
                    location=pagename,
                )
    for kind, url in find_remote_resources(context.get("body") or ""):
        logger.warning(
            "%s from another host in the body of page %r: %s",
            kind,
            pagename,
            url,
            type="tracktwo",
            subtype="offline",
            location=pagename,
        )


def _on_page_context(app, pagename: str, templatename: str, context: dict, doctree) -> None:
    body = context.get("body") or ""
    trim(context, pagename, body)
    for row in rows_for(pagename, body):
        for file in row.files:
            _add(app, file)
    _warn_remote(pagename, context)


#: The course's own scripts, as the build copies them into ``_static/`` (not the bundles under maps/,
#: which are built minified, nor vendored code).
OWN_SCRIPTS = "tracktwo/*.js"
#: The course's own stylesheets, served without their comment lines too (course.css's notes on the
#: Myanmar font cost 0.45 KB compressed on every first visit).
OWN_STYLES = "tracktwo/*.css"


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
            rest = line[end + 2 :]
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
    static = Path(app.builder.outdir) / "_static"
    for path in sorted(static.glob(OWN_SCRIPTS)) + sorted(static.glob(OWN_STYLES)):
        text = path.read_text(encoding="utf-8")
        lean = without_comment_lines(text)
        if lean != text:
            path.write_text(lean, encoding="utf-8")


#: What the served pages keep verbatim: preformatted text, form fields, scripts and styles.
_VERBATIM = re.compile(r"(<pre\b.*?</pre>|<textarea\b.*?</textarea>|<script\b.*?</script>|<style\b.*?</style>)", re.S | re.I)
#: HTML comments (the theme's notes to its own developers); the course's markers start "tracktwo".
_HTML_COMMENT = re.compile(r"<!--(?!\s*tracktwo).*?-->", re.S)
#: A run of whitespace with a line break in it: the same one space to a browser as a single newline.
_INDENT = re.compile(r"[ \t]*\n\s*")


def lean_html(page: str) -> str:
    """A served page without the theme's comments and indentation: each run of whitespace that holds a
    line break becomes one line break (which a browser renders as the same single space), except in
    preformatted text, form fields, scripts and styles, which are kept byte for byte. A learner on a
    repeat visit downloads the page itself, so this counts on every page (about 0.5 KB compressed)."""
    parts = _VERBATIM.split(page)
    for i in range(0, len(parts), 2):
        parts[i] = _INDENT.sub("\n", _HTML_COMMENT.sub("", parts[i]))
    return "".join(parts)


def _lean_served_pages(app, exception) -> None:
    if exception is not None or app.builder is None or app.builder.format != "html":
        return
    for path in sorted(Path(app.builder.outdir).rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        lean = lean_html(text)
        if lean != text:
            path.write_text(lean, encoding="utf-8")


def _drop_thebe_config(app, doctree, docname) -> None:
    """sphinx-thebe (loaded by Jupyter Book) appends a thebe configuration and a kernel name to every
    page's body; the course never launches thebe (decision 5), so both go before the page is written."""
    for node in list(doctree.findall(nodes.raw)):
        text = node.astext()
        if "text/x-thebe-config" in text or text.strip().startswith("<script>kernelName ="):
            node.parent.remove(node)


def setup(app) -> None:
    """Register the one asset path (called from tracktwo.sphinxext.setup)."""
    app.connect("builder-inited", _on_builder_inited, priority=BUILDER_PRIORITY)
    app.connect("html-page-context", _on_page_context, priority=PAGE_PRIORITY)
    # The served copies of the course's scripts lose their comment-only lines: after the CSS purge
    # (900), which reads the scripts for class names, before the neutral renaming (940) and the
    # offline copy's manifest (950), which digests the files.
    app.connect("build-finished", _strip_served_scripts, priority=920)
    app.connect("build-finished", _lean_served_pages, priority=921)
    app.connect("doctree-resolved", _drop_thebe_config, priority=900)
