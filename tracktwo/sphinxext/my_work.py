"""The ``{my-work}`` page: download all of a learner's work as one file, print a summary, restore a file.

Filled in the browser by ``assets/tracktwo/my-work.js`` (through ``window.TTStorage``; nothing is
sent anywhere). The build supplies, as JSON beside the markup, the progress page's list of chapters
and exercises (:func:`.progress.course_manifest`, with each exercise's type, so open answers are
found) and the registry of key families (:data:`tracktwo.data.submissions.FAMILIES`, its one home).
The page gets its scripts from the asset table (:mod:`.page_assets`). Decision 0017.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from tracktwo.data.submissions import FAMILIES, MAX_PSEUDONYM

from .progress import course_manifest, json_script

MY_WORK_JS = "tracktwo/my-work.js"
MY_WORK_CSS = "tracktwo/my-work.css"
#: The class of the JSON beside the markup: the asset table's marker.
MY_WORK_DATA_CLASS = "tt-mywork-data"


class my_work_placeholder(nodes.General, nodes.Element):
    pass


class MyWork(SphinxDirective):
    has_content = False

    def run(self) -> list[nodes.Node]:
        return [my_work_placeholder()]


MARKUP = (
    '<div class="tt-mywork">'
    '<p class="tt-mywork-status" role="status">This page reads the work saved in this browser; it needs JavaScript, '
    "which appears to be off.</p>"
    '<div class="tt-mywork-controls">'
    '<p><label for="tt-mywork-pseudonym">A name for this file: a pseudonym you choose (not your real name)</label><br>'
    f'<input type="text" id="tt-mywork-pseudonym" class="tt-mywork-pseudonym" maxlength="{MAX_PSEUDONYM}" autocomplete="off" '
    'spellcheck="false"></p>'
    '<p><button type="button" class="tt-mywork-download">Download all my work</button> '
    '<button type="button" class="tt-mywork-print">Print a summary</button></p>'
    '<p><label for="tt-mywork-file">Restore work from a file saved on another device</label><br>'
    '<input type="file" id="tt-mywork-file" class="tt-mywork-file" accept=".json,application/json"></p>'
    '<div class="tt-mywork-confirm" role="group" aria-label="Restore this file?" hidden></div>'
    '<p class="tt-mywork-message" role="status" aria-live="polite"></p>'
    "</div>"
    '<div class="tt-mywork-summary"></div>'
)


def _fill(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if app.builder.format != "html":
        return
    for node in list(doctree.findall(my_work_placeholder)):
        payload = {"manifest": course_manifest(app, docname), "families": [dict(f) for f in FAMILIES]}
        html = MARKUP + json_script(payload, MY_WORK_DATA_CLASS) + "</div>"
        node.replace_self(nodes.raw("", html, format="html"))


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("my-work", MyWork)
    app.add_node(my_work_placeholder)
    app.connect("doctree-resolved", _fill)
    return {"parallel_read_safe": True}
