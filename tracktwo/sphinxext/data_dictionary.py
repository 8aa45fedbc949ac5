"""The ``{data-dictionary}`` directive: the data page, generated from data/datapackage.json at build time.

The Markdown comes from :func:`tracktwo.data.dictionary.data_dictionary_markdown`, so the page can never
drift from the schema the loaders and frictionless validate against. The generated top-level
heading is dropped: the page that places the directive has its own title.
"""

from __future__ import annotations

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.util.docutils import SphinxDirective

from ..data import DataError
from ..data.dictionary import data_dictionary_markdown


class DataDictionary(SphinxDirective):
    has_content = False

    def run(self) -> list[nodes.Node]:
        try:
            text = data_dictionary_markdown()
        except (DataError, OSError, ValueError) as err:
            raise self.error(f"cannot build the data dictionary: {err}")
        lines = text.splitlines()
        if lines and lines[0].startswith("# "):
            lines = lines[1:]
        # The generated page uses '##' for each table: they become sections of the placing page.
        self.env.note_dependency(str(self.env.app.srcdir) + "/data/datapackage.json")
        container = nodes.section()
        container.document = self.state.document
        self.state.nested_parse(
            StringList(lines, source="data/datapackage.json"), self.content_offset, container, match_titles=True
        )
        return container.children


def setup(app) -> None:
    app.add_directive("data-dictionary", DataDictionary)
