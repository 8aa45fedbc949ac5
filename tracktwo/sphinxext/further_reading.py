"""The ``{further-reading}`` directive: a chapter's further reading from the brief's own endnotes.

At the end of a chapter::

    ```{further-reading}
    ```

renders the list that ``data/further_reading.yaml`` gives for this page (its docname), each work
as a real citation (``{cite:t}``, so it links to the bibliography) with what the work adds and
which point of the chapter it supports. An argument names another chapter's list
(```` ```{further-reading} book/part1/levels ````).

A broken data file, or a page with no list, is one warning naming the file, item and field (``-W``
fails the build with it). Registered in ``_config.yml`` (``sphinx.extra_extensions``).
"""

from __future__ import annotations

import functools
from typing import Any

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

logger = logging.getLogger(__name__)

TITLE = "Further reading from the brief's endnotes"
INTRO = (
    "Works the brief itself cites in its endnotes, for a learner who wants to go further. "
    "What each adds is said from what the brief says of it and from its title; the course "
    "has not checked the works' contents."
)


@functools.lru_cache(maxsize=1)
def _lists():
    from ..data.readings import load_further_reading

    return load_further_reading()


class FurtherReading(SphinxDirective):
    has_content = False
    optional_arguments = 1

    def _warn(self, message: str) -> list[nodes.Node]:
        logger.warning(message, location=self.get_location(), type="tracktwo", subtype="further-reading")
        return [nodes.paragraph(text=message, classes=["tt-error"])]

    def _citation(self, key: str) -> list[nodes.Node]:
        """The nodes of ``{cite:t}`key``` as MyST parses it here (a real, linked citation)."""
        holder = nodes.container()
        self.state.nested_parse(StringList([f"{{cite:t}}`{key}`"], source=self.get_source_info()[0]), self.content_offset, holder)
        para = next(iter(holder.findall(nodes.paragraph)), None)
        return list(para.children) if para is not None else [nodes.Text(key)]

    def run(self) -> list[nodes.Node]:
        from ..data.readings import FURTHER_READING_PATH, FurtherReadingError

        self.env.note_dependency(str(FURTHER_READING_PATH))
        try:
            lists = _lists()
        except FurtherReadingError as exc:
            return self._warn(f"The further reading could not be shown: {exc}")
        docname = self.arguments[0].strip().strip("/") if self.arguments else self.env.docname
        readings = lists.get(docname)
        if not readings:
            return self._warn(f"{{further-reading}}: data/further_reading.yaml has no list for chapter '{docname}'")
        box = nodes.container(classes=["tt-further-reading"])
        box += nodes.rubric(text=TITLE)
        box += nodes.paragraph(text=INTRO, classes=["tt-further-reading-intro"])
        items = nodes.bullet_list()
        for r in readings:
            li = nodes.list_item(classes=["tt-further-reading-item"])
            para = nodes.paragraph()
            para.extend(self._citation(r.key))
            para += nodes.Text(". ")
            para += nodes.Text(r.adds)
            li += para
            li += nodes.paragraph(
                "", "", nodes.emphasis(text="Supports: "), nodes.Text(r.supports), classes=["tt-further-reading-supports"]
            )
            items += li
        box += items
        return [box]


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("further-reading", FurtherReading)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
