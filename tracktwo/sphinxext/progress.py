"""Progress on this device: the ``{course-progress}`` page and a compact line in each chapter.

Both are filled in the browser by ``assets/tracktwo/progress.js`` from the answers the exercise
engine saved in localStorage; nothing leaves the device. The build supplies only the list of
exercises: every chapter in reading order with the exercises placed on it (found in its doctree),
each with its title, as JSON beside the page's markup. Pages with that JSON get the script and
stylesheet from the asset table (:mod:`.page_assets`).
"""

from __future__ import annotations

import json
import re
from html import escape
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from tracktwo import COURSE_VERSION

from .lesson_blocks import reading_order

logger = logging.getLogger(__name__)

PROGRESS_JS = "tracktwo/progress.js"
PROGRESS_CSS = "tracktwo/progress.css"
PROGRESS_DOC = "book/progress"
#: The class of the JSON beside the markup: the asset table's marker.
PROGRESS_DATA_CLASS = "tt-progress-data"
EXERCISE_ATTR = re.compile(r'data-tt-exercise="([^"]+)"')


class progress_placeholder(nodes.General, nodes.Element):
    pass


class CourseProgress(SphinxDirective):
    has_content = False

    def run(self) -> list[nodes.Node]:
        return [progress_placeholder()]


def exercises_in(doctree: nodes.Node) -> list[str]:
    """The exercise ids placed in a doctree, in page order."""
    ids: list[str] = []
    for raw in doctree.findall(nodes.raw):
        for ref in EXERCISE_ATTR.findall(raw.astext()):
            if ref not in ids:
                ids.append(ref)
    return ids


def _titles(app: Sphinx, refs: list[str]) -> dict[str, tuple[str, str]]:
    """ref -> (title, type) of each exercise."""
    from tracktwo.exercises.bank import resolve

    bank_dir = Path(app.env.config.tracktwo_exercise_dir)
    bank_dir = bank_dir if bank_dir.is_absolute() else Path(app.env.srcdir) / bank_dir
    titles = {}
    for ref in refs:
        try:
            item = resolve(ref, bank_dir)[0]
            titles[ref] = (item.title, item.type)
        except Exception:  # the exercise directive has already reported a broken bank
            titles[ref] = (ref, "")
    return titles


def chapter_entry(app: Sphinx, fromdoc: str, doc: str, refs: list[str]) -> dict[str, Any]:
    titles = _titles(app, refs)
    title = app.env.titles[doc].astext() if doc in app.env.titles else doc
    return {
        "title": title,
        "url": app.builder.get_relative_uri(fromdoc, doc),
        "exercises": [{"id": r, "title": titles[r][0], "type": titles[r][1]} for r in refs],
    }


def course_manifest(app: Sphinx, docname: str) -> dict[str, Any]:
    """Every chapter in reading order with the exercises placed on it, as seen from ``docname``
    (the progress page's list; the My work page reads it too)."""
    chapters = []
    for doc in reading_order(app.env):
        if doc == docname:
            continue
        try:
            refs = exercises_in(app.env.get_doctree(doc))
        except Exception:
            continue
        if refs:
            chapters.append(chapter_entry(app, docname, doc, refs))
    return {"version": COURSE_VERSION, "chapters": chapters}


def json_script(payload: dict, cls: str = PROGRESS_DATA_CLASS) -> str:
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/json" class="{cls}">{text}</script>'


def _fill(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if app.builder.format != "html":
        return
    placeholders = list(doctree.findall(progress_placeholder))
    if placeholders:
        html = (
            '<div class="tt-progress">'
            '<p class="tt-progress-status" role="status">This page reads the answers saved in this browser; '
            'it needs JavaScript, which appears to be off.</p>'
            '<div class="tt-progress-chapters"></div><div class="tt-progress-notes"></div>'
            '<p><button type="button" class="tt-progress-clear" hidden>Clear everything this course saved on this device'
            '</button></p><p class="tt-progress-message" role="status" aria-live="polite"></p>'
            + json_script(course_manifest(app, docname))
            + "</div>"
        )
        for node in placeholders:
            node.replace_self(nodes.raw("", html, format="html"))
        return
    refs = exercises_in(doctree)
    if not refs or docname == PROGRESS_DOC or PROGRESS_DOC not in app.env.all_docs:
        return
    entry = chapter_entry(app, docname, docname, refs)
    href = app.builder.get_relative_uri(docname, PROGRESS_DOC)
    html = (
        f'<p class="tt-progress-mini"><span class="tt-progress-mini-text">Your answers on this page are saved '
        f'on this device only.</span> <a href="{escape(href)}">All your progress</a></p>'
        + json_script({"version": COURSE_VERSION, "chapters": [entry]})
    )
    mini = nodes.raw("", html, format="html")
    minutes = next(iter(doctree.findall(lambda n: isinstance(n, nodes.paragraph) and "tt-minutes" in n["classes"])), None)
    if minutes is not None:
        minutes.parent.insert(minutes.parent.index(minutes) + 1, mini)
    else:
        title = next(iter(doctree.findall(nodes.title)), None)
        if title is not None:
            title.parent.insert(title.parent.index(title) + 1, mini)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("course-progress", CourseProgress)
    app.add_node(progress_placeholder)
    app.connect("doctree-resolved", _fill)
    return {"parallel_read_safe": True}
