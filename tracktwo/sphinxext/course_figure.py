"""The ``{course-figure}`` directive: a chapter names a figure; the build draws it from the data.

````md
```{course-figure} timeline
:periods: pre1988 junta
:title: From independence to the end of the junta (1948-2011): events by category
```
````

The figure comes from :func:`tracktwo.sphinxext.course_figures.course_figure` and is written with the
same HTML as a notebook's plotly output (:func:`tracktwo.figures.static_html.plotly_figure_html`),
so the page gets the local plotly.js, the figure loader and the text alternative exactly as a
notebook figure does. Chapters stay plain Markdown: no hidden code cell, no kernel at build time.
A bad name, option or data file is a build error naming the problem (so ``-W`` fails).
"""

from __future__ import annotations

import json
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from ..data import DATA_DIR
from .course_figures import BUILDERS, DEPENDS, course_figure
from ..figures.static_html import plotly_figure_html


def _periods(value: str | None) -> list[str]:
    return [p for p in (value or "").replace(",", " ").split() if p]


class CourseFigure(SphinxDirective):
    """Draw one of the course's named figures (see :data:`BUILDERS`)."""

    required_arguments = 1
    has_content = False
    option_spec = {"periods": _periods, "title": str}

    def run(self) -> list[nodes.Node]:
        name = self.arguments[0].strip()
        if name not in BUILDERS:
            raise self.error(f"{{course-figure}}: unknown figure {name!r}; the figures are " + ", ".join(sorted(BUILDERS)))
        for file in DEPENDS[name]:
            self.env.note_dependency(str(Path(DATA_DIR) / file))
        options = {k: v for k, v in self.options.items() if v}
        try:
            fig = course_figure(name, **options)
        except Exception as exc:  # data errors name file, line and field; option errors the choices
            raise self.error(f"{{course-figure}} {name}: {exc}")
        spec = json.loads(fig.to_json())
        return [
            nodes.raw(text=plotly_figure_html(spec), format="html", classes=["output", "tt-plotly-output", "tt-course-figure"])
        ]


def setup(app: Sphinx) -> None:
    app.add_directive("course-figure", CourseFigure)
