"""``{carry-marks}``: the safety protocol's table of every printed sheet with its mark ("Safe to
carry" or "Stays in the room") and its one-line reason, from ``data/workshop/carry.yaml`` (the same
data that prints the mark on each sheet; see :mod:`tracktwo.workshop.carry`).

    ```{carry-marks}
    ```

A broken ``carry.yaml`` becomes one warning naming the file, the sheet and the field (``-W`` fails
the build with it).
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from .workshop_blocks import WorkshopDirective, table_node


class CarryMarks(WorkshopDirective):
    has_content = False

    def run(self) -> list[nodes.Node]:
        from ..workshop.carry import CARRY_PATH, kit_sheet_ids, load_carry

        marks, error = self.load(CARRY_PATH, load_carry, "The sheets' marks")
        if error:
            return error
        rows = []
        for sid, folder in kit_sheet_ids():
            m = marks[sid]
            rows.append(
                [
                    nodes.paragraph("", "", nodes.literal(text=f"{sid}.pdf")),
                    folder,
                    nodes.paragraph("", "", nodes.strong(text=m.label)),
                    m.reason,
                ]
            )
        return [table_node(["Sheet", "Folder", "Mark", "Reason"], rows, [24, 12, 16, 48], ["tt-carry-table"])]


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("carry-marks", CarryMarks)
    return {"parallel_read_safe": True}
