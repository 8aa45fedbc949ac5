"""The key of the kit's card set "Ripe or ready after 2021?" in the book, for the instructor edition:

    ```{ripeness-since-key}
    ```

renders, card by card, the course's reading and the evidence that would change it, from
``data/workshop/ripeness_since.yaml`` (:mod:`tracktwo.workshop.since`). The data marks both fields
confidential (an answer key): only the instructor edition holds them; the learner and participant
editions get a one-line pointer to the kit's facilitator folder in their place
(:func:`tracktwo.sphinxext.workshop_blocks.confidential_or_pointer`). A broken data file becomes
one warning naming the file, the card and the field.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from .workshop_blocks import WorkshopDirective, confidential_or_pointer, para_node


class RipenessSinceKey(WorkshopDirective):
    has_content = False

    def run(self) -> list[nodes.Node]:
        from ..workshop.since import RIPENESS_SINCE_PATH, load_ripeness_since

        data, error = self.load(RIPENESS_SINCE_PATH, load_ripeness_since, "The key to the scenario cards after 2021")
        if error:
            return error
        kind = data["confidential"]["scenarios[].reading"]

        def make() -> list[nodes.Node]:
            box = nodes.admonition(classes=["admonition", "tt-facilitator"])
            box += nodes.title(text="For facilitators: the course's reading of the scenario cards after 2021")
            box += para_node(
                "Read it only after the groups have placed their cards; it is a reading, not a verdict. "
                "Print the cards and this key from the kit (cards-ripeness-since.pdf, key-ripeness-since.pdf)."
            )
            for n, sc in enumerate(data["scenarios"], 1):
                box += nodes.paragraph("", "", nodes.strong(text=f"S{n:02d}. {sc['title']}. "), nodes.Text(sc["reading"].strip()))
                box += para_node("What would change it:")
                changes = nodes.bullet_list()
                for w in sc["would_change"]:
                    changes += nodes.list_item("", para_node(w.strip()))
                box += changes
            return [box]

        return confidential_or_pointer(
            self.config, kind, "The course's reading of the scenario cards after 2021 (key-ripeness-since.pdf)", make
        )


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("ripeness-since-key", RipenessSinceKey)
    return {"parallel_read_safe": True}
