"""The syllabus and assessment pages, rendered from data (:mod:`tracktwo.workshop.syllabus`).

    ```{syllabus} twelve
    ```

renders one variant of ``data/syllabus.yaml`` week by week: the lessons with their minutes (from
the pages' front matter), the week's total, what to read in the brief, the brief's endnote works for
those lessons (real citations), the seminar activities (each the label, a link to its page and, as
a facilitator note, the note it is drawn from) and the tasks due.

    ```{assessment-schedule}
    ```

a table of the tasks of ``data/assessment.yaml``: weight and due week in each variant.

    ```{task-rubric} capstone-memo
    ```

one task's rubric (criteria, weights, levels). Marking guides are placed with ``{marking-guide}``
(confidential: instructor edition only). A broken data file is one warning naming the file, item
and field (``-W`` fails the build with it).
"""

from __future__ import annotations

import functools
from typing import Any

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from .lesson_blocks import facilitator_only

logger = logging.getLogger(__name__)


@functools.lru_cache(maxsize=1)
def _syllabus():
    from ..workshop.syllabus import load_syllabus

    return load_syllabus()


def minutes_text(total: int) -> str:
    hours, mins = divmod(total, 60)
    return f"{total} min (about {hours} h {mins:02d} min)" if hours else f"{total} min"


class _DataDirective(SphinxDirective):
    has_content = False

    def _warn(self, message: str) -> list[nodes.Node]:
        logger.warning(message, location=self.get_location(), type="tracktwo", subtype="syllabus")
        return [nodes.paragraph(text=message, classes=["tt-error"])]

    def _parse(self, lines: list[str], into: nodes.Element) -> nodes.Element:
        self.state.nested_parse(StringList(lines, source=self.get_source_info()[0]), self.content_offset, into)
        return into

    def _load(self):
        from ..data.paths import ROOT
        from ..workshop.syllabus import ASSESSMENT_PATH, SYLLABUS_PATH, SyllabusError

        for path in (SYLLABUS_PATH, ASSESSMENT_PATH, ROOT / "_toc.yml", ROOT / "data" / "further_reading.yaml"):
            self.env.note_dependency(str(path))
        try:
            syllabus = _syllabus()
        except (SyllabusError, ValueError) as exc:
            return None, self._warn(f"The syllabus could not be shown: {exc}")
        for doc in syllabus.pages:
            self.env.note_dependency(str(self.env.doc2path(doc)))
        return syllabus, None


class SyllabusDirective(_DataDirective):
    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        syllabus, error = self._load()
        if error:
            return error
        variant = syllabus.variants.get(self.arguments[0])
        if variant is None:
            return self._warn(
                f"{{syllabus}}: no variant '{self.arguments[0]}' in data/syllabus.yaml ({', '.join(syllabus.variants)})"
            )
        tasks = syllabus.assessments
        out = nodes.container(classes=["tt-syllabus"])
        self._parse(
            [
                f"{len(variant.weeks)} weeks, {sum(len(w.pages) for w in variant.weeks)} lessons, "
                f"{minutes_text(variant.minutes)} of reading and exercises in all; "
                f"at most {max(w.minutes for w in variant.weeks)} minutes in a week.",
            ],
            out,
        )
        weeks = nodes.definition_list(classes=["tt-syllabus-weeks"])
        for w in variant.weeks:
            item = nodes.definition_list_item()
            item += nodes.term(text=f"Week {w.number}: {w.title} ({w.minutes} min)")
            body = nodes.definition()
            lessons = "; ".join(f"{{doc}}`/{p.docname}` ({p.minutes[0]} + {p.minutes[1]})" for p in w.pages)
            briefs = "; ".join(b for b in w.brief if not b.startswith("-")) or "nothing new (events after the brief)"
            lines = [f"- **Study:** {lessons}.", f"- **In the brief:** {briefs}."]
            if w.works:
                lines.append(f"- **Further reading** (the brief's endnote works): {{cite:t}}`{','.join(w.works)}`.")
            for a in w.seminar:
                lines.append(f"- **Seminar:** {a.label} ({{doc}}`/{a.page}`).")
            for t in w.due:
                lines.append(f"- **Due:** {tasks[t]['title']} ({tasks[t]['weight']}%).")
            self._parse(lines, body)
            notes = [a for a in w.seminar if a.note]
            if notes:
                box = nodes.admonition(classes=["admonition", "tt-facilitator"])
                box += nodes.title(text="For facilitators: the seminar notes")
                self._parse([f"- {a.note}" for a in notes], box)
                body += facilitator_only(self.config, [box])
            item += body
            weeks += item
        out += weeks
        return [out]


class AssessmentSchedule(_DataDirective):
    def run(self) -> list[nodes.Node]:
        from .workshop_blocks import table_node

        syllabus, error = self._load()
        if error:
            return error
        due = {v.id: {t: w.number for w in v.weeks for t in w.due} for v in syllabus.variants.values()}
        heads = ["Task", "Weight", *[f"Due: {v.title.split(':')[0]}" for v in syllabus.variants.values()], "Length"]
        rows = []
        for tid, t in syllabus.assessments.items():
            rows.append([t["title"], f"{t['weight']}%", *[f"week {due[v][tid]}" for v in syllabus.variants], t["words"]])
        rows.append(
            ["In all", f"{sum(t['weight'] for t in syllabus.assessments.values())}%", *["" for _ in syllabus.variants], ""]
        )
        return [table_node(heads, rows, [34, 10] + [14] * len(syllabus.variants) + [20], ["tt-assessment-schedule"])]


class Rubric(_DataDirective):
    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        from ..workshop.syllabus import rubrics
        from .workshop_blocks import table_node

        syllabus, error = self._load()
        if error:
            return error
        found = rubrics().get(self.arguments[0])
        if found is None:
            return self._warn(
                f"{{task-rubric}}: no task '{self.arguments[0]}' in data/assessment.yaml ({', '.join(syllabus.assessments)})"
            )
        levels = [lv["label"] for lv in found["criteria"][0]["levels"]]
        # the weight sits in the criterion's cell: three columns fit a phone better than four
        rows = [[f"{c['name']} ({c['weight']}%)", *[lv["text"] for lv in c["levels"]]] for c in found["criteria"]]
        intro = nodes.paragraph(
            text=f"Each criterion scores 0 to {found['max_points']} points; its weight is its share of the "
            f"task's mark. The task is {found['weight']}% of the module.",
            classes=["tt-rubric-intro"],
        )
        return [intro, table_node(["Criterion (weight)", *levels], rows, [26] + [37] * len(levels), ["tt-rubric"])]


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("syllabus", SyllabusDirective)
    app.add_directive("assessment-schedule", AssessmentSchedule)
    app.add_directive("task-rubric", Rubric)
    return {"parallel_read_safe": True}
