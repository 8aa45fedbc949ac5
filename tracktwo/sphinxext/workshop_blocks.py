"""Directives for the Facilitator's guide (book/facilitate/): session plans and the simulation,
rendered from data (``data/workshop/*.yaml``, see :mod:`tracktwo.workshop`).

    ```{workshop-plan} half-day
    ```

renders one plan: audience, objectives, materials, a minute-by-minute table (start time, minutes,
block, grouping, what it uses, with links to the chapters) and the evaluation.

    ```{simulation} public | observer | script | confidential | injects | debrief
    :scenario: meranth | talvane
    ```

renders a part of one simulation (:mod:`tracktwo.workshop.simulation`; the first scenario when
``:scenario:`` is left out). The roles' briefs, the script's steps, the injects and the walk-out
guidance are marked confidential in the data: only the instructor edition holds them; the learner
and participant editions get a one-line pointer in their place (:func:`confidential_or_pointer`,
which asks :func:`tracktwo.editions.withholds`). The timing variants are facilitator notes: behind
the instructor-view toggle in the learner edition, absent from the participant edition
(:func:`tracktwo.sphinxext.lesson_blocks.facilitator_only`).

    ```{marking-guide} capstone-memo
    ```

renders a marking guide from ``data/workshop/guides.yaml`` (confidential: instructor edition only).

A broken data file becomes one warning naming the file and field (``-W`` fails the build with it).
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from ..editions import WITHHELD_NOTE, withholds
from .lesson_blocks import facilitator_only

logger = logging.getLogger(__name__)


def edition_name(config) -> str:
    return getattr(config, "tracktwo_edition", "learner") or "learner"


def confidential_or_pointer(config, kind: str, what: str, make) -> list[nodes.Node]:
    """Confidential material of ``kind`` (made by ``make()``, only when the edition may hold it), or
    in every other edition a short pointer to where it is: the material is never built there."""
    if withholds(edition_name(config), kind):
        return [para_node(f"{what}: {WITHHELD_NOTE}.", ["tt-withheld"])]
    return make()


def para_node(text: str, classes: list[str] | None = None) -> nodes.paragraph:
    return nodes.paragraph(text=text, classes=classes or [])


def _bullets(items, classes: list[str] | None = None) -> nodes.bullet_list:
    bl = nodes.bullet_list(classes=classes or [])
    for it in items:
        li = nodes.list_item()
        li += it if isinstance(it, nodes.Node) else para_node(str(it))
        bl += li
    return bl


def _doc_link(docname: str, status: str) -> nodes.Node:
    if status != "present":
        return nodes.inline(text=f"{docname} ({status})", classes=["tt-planned"])
    ref = addnodes.pending_xref("", refdomain="std", reftype="doc", reftarget="/" + docname, refexplicit=False, refwarn=True)
    ref += nodes.literal(text=docname)
    return ref


def table_node(headers: list[str], rows: list[list[nodes.Node | str]], widths: list[int], classes: list[str]) -> nodes.table:
    table = nodes.table(classes=classes)
    group = nodes.tgroup(cols=len(headers))
    table += group
    for w in widths:
        group += nodes.colspec(colwidth=w)
    head = nodes.thead()
    row = nodes.row()
    for h in headers:
        row += nodes.entry("", para_node(h))
    head += row
    group += head
    body = nodes.tbody()
    for cells in rows:
        row = nodes.row()
        for c in cells:
            entry = nodes.entry()
            if isinstance(c, (list, tuple)):
                for part in c:
                    entry += part
            else:
                entry += c if isinstance(c, nodes.Node) else para_node(str(c))
            row += entry
        body += row
    group += body
    return table


class WorkshopDirective(SphinxDirective):
    """A directive that shows a workshop data file: it rebuilds the page when the file changes, and a
    problem (a malformed file, an unknown id) becomes one warning naming it and a short error note in
    the page, never a traceback."""

    def problem(self, message: str) -> list[nodes.Node]:
        logger.warning("%s", message, location=self.get_location(), type="tracktwo", subtype="workshop")
        return [para_node(message, ["tt-error"])]

    def load(self, path, load, what: str):
        """``(data, [])``, or ``(None, [error note])`` when ``load()`` raises WorkshopError."""
        from ..workshop.checked_yaml import WorkshopError

        self.env.note_dependency(str(path))
        try:
            return load(), []
        except WorkshopError as exc:
            logger.warning("%s", exc, location=self.get_location(), type="tracktwo", subtype="workshop")
            return None, [para_node(f"{what} could not be shown: {exc}", ["tt-error"])]


class WorkshopPlan(WorkshopDirective):
    required_arguments = 1
    has_content = False

    def run(self) -> list[nodes.Node]:
        from ..workshop.plans import KIND_LABELS, PLANS_PATH, interpretation_changes, load_plans, page_status
        from ..workshop.sheets import block_uses

        plans, error = self.load(PLANS_PATH, lambda: {p.id: p for p in load_plans()}, "This plan")
        if error:
            return error
        plan = plans.get(self.arguments[0])
        if plan is None:
            return self.problem(
                f"no session plan '{self.arguments[0]}' in data/workshop/plans.yaml (there are: {', '.join(plans)})"
            )
        out: list[nodes.Node] = []
        hours, mins = divmod(plan.length_minutes, 60)
        days = f", {len(plan.days)} days of {plan.day_minutes} minutes" if plan.day_minutes else ""
        out.append(
            para_node(
                f"Length: {plan.length_minutes} minutes ({hours} h {mins:02d} min{days}). Audience: {plan.audience}",
                ["tt-plan-length"],
            )
        )
        out.append(nodes.rubric(text="Objectives"))
        out.append(_bullets(plan.objectives))
        out.append(nodes.rubric(text="Materials"))
        out.append(_bullets(plan.materials))
        rows = []
        for start, b in plan.timed_blocks():
            what: list[nodes.Node] = [nodes.paragraph("", "", nodes.strong(text=f"{KIND_LABELS[b.kind]}: "), nodes.Text(b.title))]
            if b.steps:
                what.append(_bullets(b.steps))
            uses: list[nodes.Node] = []
            for doc in b.chapters + b.maps:
                p = nodes.paragraph()
                p += _doc_link(doc, page_status(doc))
                uses.append(p)
            # exercises, card sets and handouts by their printed names (as on the kit's sheets)
            uses += [para_node(u) for u in block_uses(b, chapters=False)]
            when = (f"Day {b.day}, " if plan.day_minutes else "") + start
            rows.append([when, str(b.minutes), what, b.grouping, uses or [para_node("")]])
        out.append(nodes.rubric(text="Minute by minute"))
        out.append(table_node(["Start", "Min", "Block", "Grouping", "Uses"], rows, [10, 5, 50, 12, 23], ["tt-plan-table"]))
        out.append(para_node(f"In all: {sum(b.minutes for b in plan.blocks)} minutes.", ["tt-plan-total"]))
        if plan.interpretation:
            out.append(nodes.rubric(text="With consecutive interpretation"))
            out.append(para_node(plan.interpretation))
            out.append(
                _bullets(
                    [
                        f"{(f'Day {b.day}: ' if plan.day_minutes else '')}{b.title}: {change}"
                        for b, change in interpretation_changes(plan)
                    ]
                )
            )
        out.append(nodes.rubric(text="Evaluation"))
        out.append(para_node(plan.evaluation))
        return out


class Simulation(WorkshopDirective):
    """A part of one simulation scenario (``:scenario:``, default the first, Meranth)."""

    required_arguments = 1
    has_content = False
    option_spec = {"scenario": directives.unchanged}
    PARTS = ("public", "observer", "script", "confidential", "injects", "debrief")

    def run(self) -> list[nodes.Node]:
        from ..workshop.checked_yaml import WorkshopError
        from ..workshop.simulation import SCENARIOS, load_simulation, scenario

        part = self.arguments[0]
        try:
            sc = scenario(self.options.get("scenario", SCENARIOS[0].key))
        except WorkshopError as exc:
            return self.problem(f"{{simulation}} {exc}")
        if part not in self.PARTS:
            self.env.note_dependency(str(sc.path))
            return self.problem(f"{{simulation}} part must be one of {', '.join(self.PARTS)}, not {part!r}")
        sim, error = self.load(sc.path, lambda: load_simulation(sc.path), "The simulation")
        if error:
            return error
        return getattr(self, f"_{part}")(sim, sc)

    def _public(self, sim, sc) -> list[nodes.Node]:
        from ..workshop.simulation import sides

        out: list[nodes.Node] = [para_node(sim["invented_note"], ["tt-invented"])]
        out += [para_node(p) for p in sim["public"]]
        if sim.get("glance"):
            g = sim["glance"]
            out.append(
                table_node(
                    g["columns"], [list(r) for r in g["rows"]], [100 // len(g["columns"])] * len(g["columns"]), ["tt-sim-glance"]
                )
            )
        for side, roles in sides(sim).items():
            out.append(nodes.rubric(text=side))
            out.append(
                _bullets([nodes.paragraph("", "", nodes.strong(text=r["name"] + ": "), nodes.Text(r["public"])) for r in roles])
            )
        out.append(nodes.rubric(text="How the simulation runs"))
        out.append(_bullets(sim["conduct"]))
        return out

    def _observer(self, sim, sc) -> list[nodes.Node]:
        obs = sim["observers"]
        out: list[nodes.Node] = [para_node(obs["intro"]), nodes.rubric(text="What to watch")]
        watch = nodes.enumerated_list(enumtype="arabic", prefix="", suffix=".")
        for w in obs["watch"]:
            watch += nodes.list_item("", para_node(w))
        out.append(watch)
        out.append(para_node("The note grid's columns: " + "; ".join(obs["grid"]) + "."))
        return out

    def _debrief(self, sim, sc) -> list[nodes.Node]:
        return [
            _bullets(
                [
                    nodes.paragraph(
                        "", "", nodes.strong(text=f"{d['concept']} (the brief, {d['section']}). "), nodes.Text(d["question"])
                    )
                    for d in sim["debrief"]
                ]
            )
        ]

    def _confidential(self, sim, sc) -> list[nodes.Node]:
        from ..workshop.simulation_sheets import BRIEF_PARTS

        def briefs() -> list[nodes.Node]:
            box = nodes.admonition(classes=["admonition", "tt-facilitator"])
            box += nodes.title(text="For facilitators: confidential role briefs")
            box += para_node(
                f"Print these from the kit's facilitator folder ({sc.prefix}-confidential.pdf): one role per page, one page per envelope."
            )
            for r in sim["roles"]:
                brief = r["confidential"]
                box += nodes.rubric(text=f"{r['name']} ({r['side']})")
                box += para_node(brief["situation"])
                for key, head in BRIEF_PARTS:
                    box += nodes.paragraph("", "", nodes.strong(text=head))
                    box += _bullets(brief[key])
            return [box]

        return confidential_or_pointer(
            self.config,
            sim["confidential"]["roles[].confidential"],
            f"The confidential role briefs ({sc.prefix}-confidential.pdf)",
            briefs,
        )

    def _injects(self, sim, sc) -> list[nodes.Node]:
        from ..workshop.simulation import role_name
        from ..workshop.simulation_sheets import lower_first

        titles = {p["id"]: p["title"].split(":")[0] for p in sim["script"]}

        def injects() -> list[nodes.Node]:
            box = nodes.admonition(classes=["admonition", "tt-facilitator"])
            box += nodes.title(text="For facilitators: the injects")
            for n, i in enumerate(sim["injects"], 1):
                c = i["confidential"]
                box += nodes.rubric(text=f"{n}. {i['title']} ({titles[i['phase']]}, minute {i['minute']}; to: {i['to']})")
                box += nodes.paragraph("", "", nodes.strong(text="How: "), nodes.Text(c["how"]))
                box += nodes.block_quote("", para_node(c["text"]))
                box += nodes.paragraph("", "", nodes.strong(text="Why: "), nodes.Text(c["purpose"]))
            return [box]

        def walkout() -> list[nodes.Node]:
            walk = sim["walkout"]
            box = nodes.admonition(classes=["admonition", "tt-facilitator"])
            box += nodes.title(text=f"For facilitators: the built-in walk-out ({lower_first(role_name(sim, walk['role']))})")
            box += para_node(walk["confidential"]["trigger"])
            box += _bullets(walk["confidential"]["steps"])
            return [box]

        marks = sim["confidential"]
        out = confidential_or_pointer(
            self.config, marks["injects[].confidential"], f"The injects ({sc.prefix}-injects.pdf)", injects
        )
        return out + confidential_or_pointer(
            self.config,
            marks["walkout.confidential"],
            f"Who walks out, and what the facilitator does ({sc.prefix}-injects.pdf)",
            walkout,
        )

    def _script(self, sim, sc) -> list[nodes.Node]:
        def script() -> list[nodes.Node]:
            box = nodes.admonition(classes=["admonition", "tt-facilitator"])
            box += nodes.title(text="For facilitators: the script")
            for n, ph in enumerate(sim["script"], 1):
                box += nodes.rubric(text=f"{n}. {ph['title']} ({ph['minutes']} min)")
                box += _bullets(ph["steps"])
            return [box]

        out = confidential_or_pointer(
            self.config,
            sim["confidential"]["script[].steps"],
            f"The facilitator's script, phase by phase ({sc.prefix}-script.pdf)",
            script,
        )
        timing = nodes.admonition(classes=["admonition", "tt-facilitator"])
        timing += nodes.title(text="For facilitators: timing variants (minutes per phase)")
        rows = [[v["label"], *[str(m) for m in v["minutes"]], v["note"]] for v in sim["variants"]]
        heads = ["Variant", *[p["title"].split(":")[0] for p in sim["script"]], "Note"]
        timing += table_node(heads, rows, [20] + [8] * len(sim["script"]) + [40], ["tt-sim-variants"])
        for v in sim["variants"]:
            if v.get("setup"):
                timing += nodes.rubric(text=v["label"])
                timing += _bullets(v["setup"])
            if v.get("safety"):
                timing += nodes.paragraph("", "", nodes.strong(text="Safety online (safety protocol, section 5)"))
                timing += _bullets(v["safety"])
        return out + facilitator_only(self.config, [timing])


class MarkingGuide(WorkshopDirective):
    """A marking guide from data/workshop/guides.yaml: confidential (instructor edition only)."""

    required_arguments = 1
    has_content = False

    def run(self) -> list[nodes.Node]:
        from ..workshop.guides import GUIDES_PATH, load_guides

        guides, error = self.load(GUIDES_PATH, load_guides, "This marking guide")
        if error:
            return error
        guide = guides.get(self.arguments[0])
        if guide is None:
            return self.problem(
                f"no marking guide '{self.arguments[0]}' in data/workshop/guides.yaml (there are: {', '.join(guides)})"
            )

        def make() -> list[nodes.Node]:
            box = nodes.admonition(classes=["admonition", "tt-facilitator", "tt-marking-guide"])
            box += nodes.title(text=guide["title"])
            box += para_node(guide["scoring"])
            box += _bullets(
                [nodes.paragraph("", "", nodes.strong(text=p["label"] + " "), nodes.Text(p["text"])) for p in guide["points"]]
            )
            return [box]

        return confidential_or_pointer(self.config, "marking-guide", guide["title"], make)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("workshop-plan", WorkshopPlan)
    app.add_directive("simulation", Simulation)
    app.add_directive("marking-guide", MarkingGuide)
    return {"parallel_read_safe": True}
