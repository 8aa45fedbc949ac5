"""The shape every chapter shares: questions, objectives, key points, minutes, discussion prompts,
facilitator notes, and a schedule computed from the chapters' minutes.

In a chapter (MyST Markdown or a notebook's Markdown cells)::

    ---
    reading_minutes: 20
    exercise_minutes: 15
    ---
    # Levels of dialogue

    ```{questions}
    - Who takes part in a Track 1.5 dialogue?
    ```

    ```{objectives}
    - Tell Track 1, 1.5, 2 and 3 apart by who takes part and who the audience is.
    ```

    ... the lesson, with ```{exercise} bank/item``` and ```{discussion}``` blocks ...

    ```{keypoints}
    - Levels are not fixed: a dialogue can drift between them (the Oslo talks).
    ```

* The minutes in the front matter are shown under the page title ("About 20 minutes of reading
  and 15 minutes of exercises") and feed ``{course-schedule}``.
* ``{facilitator}`` blocks (timings, group set-up, debrief prompts, do-no-harm notes) appear only
  in the instructor edition (``TRACKTWO_EDITION=instructor``); the learner and participant
  editions contain no trace of them.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

logger = logging.getLogger(__name__)

MINUTES_KEYS = ("reading_minutes", "exercise_minutes")


class _Box(SphinxDirective):
    """An admonition with a fixed title and class; content is ordinary MyST."""

    has_content = True
    title = ""
    css_class = ""

    def run(self) -> list[nodes.Node]:
        node = nodes.admonition(classes=["admonition", self.css_class])
        node += nodes.title(text=self.title)
        self.state.nested_parse(self.content, self.content_offset, node)
        if len(node.children) == 1:
            raise self.error(f"the {{{self.name}}} block is empty: write its content")
        return [node]


class Questions(_Box):
    title, css_class = "Questions this chapter answers", "tt-questions"


class Objectives(_Box):
    title, css_class = "Learning objectives", "tt-objectives"


class KeyPoints(_Box):
    title, css_class = "Key points", "tt-keypoints"


class Discussion(_Box):
    title, css_class = "Discussion", "tt-discussion"


INSTRUCTOR_ONLY = "tt-instructor-only"
INSTRUCTOR_JS = "tracktwo/instructor-view.js"
INSTRUCTOR_CSS = "tracktwo/instructor-view.css"
#: The book's print rules (not print.css: the sheets' rules, for the kit).
BOOK_PRINT_CSS = "tracktwo/book-print.css"


def facilitator_only(config, made: list[nodes.Node]) -> list[nodes.Node]:
    """Facilitator notes that are not confidential, by edition: none in the participant edition;
    shown in the instructor edition; behind the instructor-view toggle (class ``tt-instructor-only``)
    in the default one. Confidential material never comes here: its renderers ask
    :func:`tracktwo.editions.withholds` for its kind and build nothing outside the instructor edition."""
    from ..editions import FACILITATOR, withholds

    edition = getattr(config, "tracktwo_edition", "learner") or "learner"
    if withholds(edition, FACILITATOR):  # the one rule (docs/decisions/0013)
        return []
    if edition != "instructor":
        for node in made:
            if isinstance(node, nodes.Element):
                node["classes"].append(INSTRUCTOR_ONLY)
    return made


class Facilitator(_Box):
    """Notes for facilitators: none in the participant edition, behind the instructor-view toggle
    in the default edition, shown in the instructor edition."""

    title, css_class = "For facilitators", "tt-facilitator"

    def run(self) -> list[nodes.Node]:
        if getattr(self.config, "tracktwo_edition", "learner") == "participant":
            return []  # not even parsed
        return facilitator_only(self.config, super().run())


class schedule_placeholder(nodes.General, nodes.Element):
    pass


class CourseSchedule(SphinxDirective):
    """A table of every page with minutes, in reading order, with running totals."""

    def run(self) -> list[nodes.Node]:
        return [schedule_placeholder()]


def reading_order(env) -> list[str]:
    order: list[str] = []

    def walk(doc: str) -> None:
        if doc in order:
            return
        order.append(doc)
        for child in env.toctree_includes.get(doc, []):
            walk(child)

    walk(env.config.root_doc)
    return order


def minutes_of(env, docname: str) -> tuple[int, int] | None:
    meta = env.metadata.get(docname, {})
    if not any(k in meta for k in MINUTES_KEYS):
        return None
    values = []
    for key in MINUTES_KEYS:
        try:
            values.append(int(meta.get(key, 0)))
        except (TypeError, ValueError):
            logger.warning(
                "%s: front matter %s must be a whole number of minutes, not %r",
                docname,
                key,
                meta.get(key),
                location=docname,
                type="tracktwo",
                subtype="lesson",
            )
            values.append(0)
    return values[0], values[1]


def _insert_minutes(app: Sphinx, doctree: nodes.document) -> None:
    docname = app.env.docname
    found = minutes_of(app.env, docname)
    if not found:
        return
    reading, exercises = found
    text = f"About {reading} minutes of reading" + (f" and {exercises} minutes of exercises." if exercises else ".")
    para = nodes.paragraph(text=text, classes=["tt-minutes"])
    for section in doctree.findall(nodes.section):
        title = next(iter(section.findall(nodes.title)), None)
        if title is not None:
            title.parent.insert(title.parent.index(title) + 1, para)
            return


def _fill_schedule(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    env = app.env
    for placeholder in list(doctree.findall(schedule_placeholder)):
        table = nodes.table(classes=["tt-schedule"])
        group = nodes.tgroup(cols=5)
        table += group
        for width in (40, 12, 12, 12, 14):
            group += nodes.colspec(colwidth=width)
        head = nodes.thead()
        row = nodes.row()
        for label in ("Chapter", "Reading (min)", "Exercises (min)", "Total (min)", "Running total"):
            row += nodes.entry("", nodes.paragraph(text=label))
        head += row
        group += head
        body = nodes.tbody()
        running = 0
        for doc in reading_order(env):
            found = minutes_of(env, doc)
            if not found:
                continue
            reading, exercises = found
            running += reading + exercises
            row = nodes.row()
            ref = nodes.reference(
                "",
                str(env.titles[doc].astext()) if doc in env.titles else doc,
                internal=True,
                refuri=app.builder.get_relative_uri(docname, doc),
            )
            row += nodes.entry("", nodes.paragraph("", "", ref))
            for value in (reading, exercises, reading + exercises, running):
                row += nodes.entry("", nodes.paragraph(text=str(value)))
            body += row
        group += body
        hours, mins = divmod(running, 60)
        total = nodes.paragraph(
            text=f"In all: {running} minutes (about {hours} h {mins:02d} min) of reading and exercises.",
            classes=["tt-schedule-total"],
        )
        placeholder.replace_self([table, total])


def _notebook_as_myst(app: Sphinx, docname: str, source: list[str]) -> None:
    """A notebook converted for JupyterLab (scripts/lab_markup.py) is read as the MyST it came from."""
    if str(app.env.doc2path(docname)).endswith(".ipynb"):
        from .notebook_markup import source_to_myst

        source[0] = source_to_myst(source[0])


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("source-read", _notebook_as_myst)
    for name, directive in (
        ("questions", Questions),
        ("objectives", Objectives),
        ("keypoints", KeyPoints),
        ("discussion", Discussion),
        ("facilitator", Facilitator),
        ("course-schedule", CourseSchedule),
    ):
        app.add_directive(name, directive)
    app.add_node(schedule_placeholder)
    app.connect("doctree-read", _insert_minutes)
    app.connect("doctree-resolved", _fill_schedule)
    return {"parallel_read_safe": True}
