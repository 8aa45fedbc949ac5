"""``{study-path}``: a study path through the course, with minutes computed from each chapter's front
matter (the same numbers as ``{course-schedule}``), what to read in the brief alongside each
chapter, and what to do in JupyterLab.

````md
```{study-path} Short path
book/orientation | Introduction; Sec. 3, the paragraph on the word "dialogue" | -
book/part1/levels | Sec. 1, the three levels | Open notebooks/timeline.ipynb ...
```
````

One row per line: ``docname | reading in the brief | in JupyterLab`` (``-`` for nothing). A row
naming a page that does not exist, or has no minutes, is a build warning naming the line.

With ``:from-toc:`` and no rows, the path is every lesson of ``_toc.yml`` in order
(:func:`tracktwo.workshop.syllabus.full_path`: what to read in the brief and do in JupyterLab come from
``data/syllabus.yaml``), so it cannot fall behind the table of contents::

    ```{study-path} Full path
    :from-toc:
    ```
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from .lesson_blocks import minutes_of

logger = logging.getLogger(__name__)


class study_path_placeholder(nodes.General, nodes.Element):
    pass


def parse_rows(lines: list[str]) -> tuple[list[tuple[str, str, str]], list[str]]:
    """(rows, problems): each non-empty line split into (docname, brief, lab)."""
    rows, problems = [], []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        parts = [p.strip() for p in line.split("|")]
        if len(parts) != 3 or not parts[0]:
            problems.append(f"line {n} ({line.strip()!r}): write 'page | reading in the brief | in JupyterLab'")
            continue
        rows.append((parts[0].removesuffix(".md").removesuffix(".ipynb"), parts[1], parts[2]))
    return rows, problems


def total_minutes(minutes: list[tuple[int, int]]) -> tuple[int, str]:
    total = sum(r + e for r, e in minutes)
    hours, mins = divmod(total, 60)
    return total, (f"{hours} h {mins:02d} min" if hours else f"{mins} min")


class StudyPath(SphinxDirective):
    required_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec = {"from-toc": directives.flag}

    def run(self) -> list[nodes.Node]:
        if "from-toc" in self.options:
            return self._from_toc()
        rows, problems = parse_rows(list(self.content))
        for problem in problems:
            logger.warning(
                "{study-path} %s: %s", self.arguments[0], problem, location=self.get_location(), type="tracktwo", subtype="lesson"
            )
        if not rows:
            raise self.error("{study-path}: no rows; write 'page | reading in the brief | in JupyterLab' lines")
        return [study_path_placeholder(title=self.arguments[0], rows=rows, location=self.get_location())]

    def _from_toc(self) -> list[nodes.Node]:
        from ..data.paths import ROOT
        from ..workshop.syllabus import SYLLABUS_PATH, SyllabusError, full_path

        if self.content:
            raise self.error("{study-path} :from-toc: takes no rows: the lessons come from _toc.yml")
        self.env.note_dependency(str(SYLLABUS_PATH))
        self.env.note_dependency(str(ROOT / "_toc.yml"))
        try:
            rows = [(r.docname, r.brief, r.lab) for r in full_path()]
        except (SyllabusError, ValueError) as exc:
            logger.warning(
                "{study-path} %s: %s", self.arguments[0], exc, location=self.get_location(), type="tracktwo", subtype="lesson"
            )
            return []
        return [study_path_placeholder(title=self.arguments[0], rows=rows, location=self.get_location())]


def _fill(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    env = app.env
    for node in list(doctree.findall(study_path_placeholder)):
        table = nodes.table(classes=["tt-schedule", "tt-study-path"])
        group = nodes.tgroup(cols=4)
        table += group
        for width in (30, 12, 30, 28):
            group += nodes.colspec(colwidth=width)
        head = nodes.thead()
        row = nodes.row()
        for label in ("Chapter", "Minutes (reading + exercises)", "Read in the brief", "In JupyterLab (optional)"):
            row += nodes.entry("", nodes.paragraph(text=label))
        head += row
        group += head
        body = nodes.tbody()
        counted = []
        for doc, brief, lab in node["rows"]:
            if doc not in env.all_docs:
                logger.warning(
                    "{study-path} %s: no page %r",
                    node["title"],
                    doc,
                    location=node["location"],
                    type="tracktwo",
                    subtype="lesson",
                )
                continue
            found = minutes_of(env, doc)
            if not found:
                logger.warning(
                    "{study-path} %s: page %r has no reading_minutes in its front matter",
                    node["title"],
                    doc,
                    location=node["location"],
                    type="tracktwo",
                    subtype="lesson",
                )
                continue
            counted.append(found)
            row = nodes.row()
            title = env.titles[doc].astext() if doc in env.titles else doc
            ref = nodes.reference("", title, internal=True, refuri=app.builder.get_relative_uri(docname, doc))
            row += nodes.entry("", nodes.paragraph("", "", ref))
            row += nodes.entry("", nodes.paragraph(text=f"{found[0] + found[1]} ({found[0]} + {found[1]})"))
            for text in (brief, lab):
                row += nodes.entry("", nodes.paragraph(text=text if text and text != "-" else "-"))
            body += row
        group += body
        total, shown = total_minutes(counted)
        para = nodes.paragraph(
            text=f"{node['title']}: {len(counted)} chapters, {total} minutes (about {shown}).",
            classes=["tt-schedule-total", "tt-study-path-total"],
        )
        node.replace_self([table, para])


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("study-path", StudyPath)
    app.add_node(study_path_placeholder)
    app.connect("doctree-resolved", _fill)
    return {"parallel_read_safe": True}
