"""The ``{conflict-map}`` directive and the page hook for the conflict-map bundle.

    ```{conflict-map} table1
    ```

Arguments: ``table1`` (the brief's Table 1), ``table1-since`` (Table 1 then and now), ``channels`` (the dialogue channels after the coup),
``placing-channels`` (the "Placing dialogues" exercise), ``builder`` (the learner's own maps), ``builder-sanu-valley`` (the builder with that practice case's scored task), ``tree``, ``onion``, ``abc``, ``grid`` (companion tools), ``timeline-tool`` (the learner's perspective timeline), ``tracks-map`` (the learner's multi-track map), ``practice-<id>`` (an invented practice case from
``data/maps/practice-<id>.yaml``). The directive writes the static markup of
:mod:`tracktwo.maps.html`; the asset table (:mod:`.page_assets`) adds the bundle's stylesheet and
loader only to pages that have one (notebook outputs included), so other pages never load it.

    ```{notation-table}
    ```

writes the conflict-mapping notation (element, drawn as, meaning) as a table, from its one home
``data/maps/notation.json`` (:func:`tracktwo.maps.notation.notation_table`).

It also tells myst-nb to prefer a cell's ``text/html`` over a live widget view in the HTML builders:
the course's anywidgets (:mod:`tracktwo.maps.map_widgets`) give the static markup as ``text/html``, so
the book draws the same module with no kernel while JupyterLab keeps the live widget.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from tracktwo.maps.html import builder_html, builder_task, map_html, placing_html, timeline_tool_html, tracks_html, worksheet_html

logger = logging.getLogger(__name__)

HTML_BUILDERS = ("html", "dirhtml", "singlehtml", "readthedocs")
#: Below the widget view's priority (10) and above plotly's renderer (1).
TEXT_HTML_PRIORITY = 5


def _build(name: str, edition: str = "learner") -> str:
    from tracktwo.maps.channels import build_channels_map, placing_spec
    from tracktwo.maps.table1 import build_table1_map
    from tracktwo.maps.table1_since import build_table1_since_map

    builders = {
        "table1": lambda: map_html(build_table1_map()),
        "table1-since": lambda: map_html(build_table1_since_map()),
        "channels": lambda: map_html(build_channels_map()),
        "placing-channels": lambda: placing_html(placing_spec(), edition),
        "builder": lambda: builder_html("builder"),
        # the builder with the practice case's scored task (withheld from the participant edition)
        "builder-sanu-valley": lambda: builder_html("builder", builder_task("sanu-valley", edition)),
        "tree": lambda: worksheet_html("tree"),
        "onion": lambda: worksheet_html("onion"),
        "abc": lambda: worksheet_html("abc"),
        "grid": lambda: worksheet_html("grid"),
        "timeline-tool": lambda: timeline_tool_html("my-timeline"),
        "tracks-map": lambda: tracks_html("my-tracks"),
    }
    if name.startswith("practice-"):
        from tracktwo.maps.practice import load_practice, practice_html, practice_path

        return practice_html(load_practice(practice_path(name[len("practice-") :])), edition)
    if name not in builders:
        raise ValueError(f"unknown map {name!r}; use one of {', '.join(builders)}")
    return builders[name]()


class ConflictMapDirective(SphinxDirective):
    required_arguments = 1
    has_content = False

    def run(self) -> list[nodes.Node]:
        name = self.arguments[0]
        try:
            html = _build(name, getattr(self.config, "tracktwo_edition", "learner") or "learner")
        except Exception as exc:  # a bad data file must name itself, not crash the build
            logger.warning("conflict-map %s: %s", name, exc, location=self.get_location(), type="tracktwo", subtype="maps")
            return []
        deps = [
            "data/relations.csv",
            "data/relations_since.csv",
            "data/actors.csv",
            "data/maps/channels.yaml",
            "data/maps/notation.json",
            "data/events.csv",
            "data/part1_levels.yaml",
        ]
        if name.startswith(("practice-", "builder-")):
            deps += [
                f"data/maps/practice-{name.split('-', 1)[1]}.yaml",
                "data/maps/practice.schema.json",
                "data/maps/learner-map.schema.json",
            ]
        for path in deps:
            self.env.note_dependency(str(Path(self.env.srcdir) / path))
        return [nodes.raw("", html, format="html")]


class NotationTableDirective(SphinxDirective):
    """The notation's table, drawn from data/maps/notation.json (a bad file is a warning naming it)."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        from tracktwo.maps.notation import NOTATION, notation_table
        from tracktwo.tables import table_nodes

        self.env.note_dependency(str(NOTATION))
        try:
            table = notation_table()
        except Exception as exc:  # NotationError names the file, the item and the field
            logger.warning("notation-table: %s", exc, location=self.get_location(), type="tracktwo", subtype="maps")
            return []
        box = nodes.container(classes=["tt-data-tables", "tt-notation-table"])
        box.extend(table_nodes(table, widths=[24, 30, 46], row_id_prefix="notation-"))
        return [box]


#: Loads the bundle (tracktwo.maps.html.BUNDLE_JS) when a map comes within a screen of view.
LOADER_JS = "tracktwo/map-loader.js"


def _on_config_inited(app: Sphinx, config) -> None:
    # The bundling recipe (tracktwo/maps/js) gets a node_modules folder when someone re-bundles;
    # its Markdown files are not pages of the book.
    if "**/node_modules" not in config.exclude_patterns:
        config.exclude_patterns.append("**/node_modules")
    overrides = list(getattr(config, "nb_mime_priority_overrides", None) or [])
    for builder in HTML_BUILDERS:
        overrides.append((builder, "text/html", TEXT_HTML_PRIORITY))
    config.nb_mime_priority_overrides = overrides


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("conflict-map", ConflictMapDirective)
    app.add_directive("notation-table", NotationTableDirective)
    app.connect("config-inited", _on_config_inited)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
