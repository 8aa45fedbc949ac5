"""Invented practice cases for the map builder (``data/maps/practice-*.yaml``).

Each case has a setting, a worked example map in the learner-map format, debrief questions with
model answers, and the "what can be done, by whom, when?" step. :func:`load_practice` checks the
file against ``data/maps/practice.schema.json`` and the worked map against
:func:`tracktwo.maps.learner.map_problems`; :func:`practice_html` writes the book's markup (the
worked map is drawn by the same front end as every other map, with its table).
"""

from __future__ import annotations

import json
import math
from html import escape
from pathlib import Path
from typing import Any

from referencing import Registry, Resource

from ..data.paths import DATA_DIR
from ..data.yamlfile import load_checked
from .html import map_html
from .mapscore import scoring_problems
from .learner import VERSION, map_problems, to_json, to_spec
from .worksheet import TOOLS, sheet_problems

DATA = DATA_DIR / "maps"
SCHEMA = DATA / "practice.schema.json"
LEARNER_SCHEMA = DATA / "learner-map.schema.json"


class PracticeError(ValueError):
    """A practice case that cannot be used; the message names the file, the item and the field."""


#: The "what can be done, by whom, when?" step's columns (an action's fields and their headings):
#: the book's table, the kit's worked example and its blank template (tracktwo.workshop.mapping_sheets).
ACTION_FIELDS = (("what", "What can be done"), ("who", "By whom"), ("when", "When"))
#: Said in place of the worked example where an edition withholds it (the participant edition).
WORKED_NOTE = (
    "Your facilitator has one worked example of this case. Build your own map first; then compare "
    "it with the worked example and discuss the differences with your group."
)

#: How the case's list entries are named in messages (``action 1, field 'who'``).
NOUNS = {
    "actions": "action",
    "worksheets": "worksheet",
    "actors": "actor",
    "relationships": "relationship",
    "issues": "issue",
    "parties": "party",
}


def practice_path(case_id: str) -> Path:
    return DATA / f"practice-{case_id}.yaml"


def load_practice(path: Path | str) -> dict[str, Any]:
    path = Path(path)
    learner = json.loads(LEARNER_SCHEMA.read_text(encoding="utf-8"))
    registry = Registry().with_resource(learner["$id"], Resource.from_contents(learner))
    # the course's one checked-YAML loader: safe read (size, depth, anchors, duplicate keys), schema
    # with worded messages naming the item, field and line
    return load_checked(path, SCHEMA, PracticeError, nouns=NOUNS, registry=registry, cross=case_problems)


def case_problems(data: dict[str, Any]) -> list[str]:
    """What the schema cannot check: the worked map and each worked worksheet pass the learner-file
    checks (the first problem of each); the scored task's aliases and rubric fit the worked map."""
    problems = [f"worked_map: {p}" for p in map_problems(data["worked_map"])[:1]]
    for i, sheet in enumerate(data.get("worksheets", [])):
        problems += [f"worksheets/{i}: {p}" for p in sheet_problems(sheet)[:1]]
    return problems + scoring_problems(data)


def sheet_html(sheet: dict[str, Any], cls: str = "tt-practice-actions tt-worked-sheet") -> str:
    """A worked worksheet as a table: one row per field, one column per party (``cls``: the
    table's classes; the printed key uses the sheets' own)."""
    tool = TOOLS[sheet["tool"]]
    head = (
        "".join(f'<th scope="col">{escape(p["name"])}</th>' for p in sheet["parties"])
        if tool["perParty"]
        else '<th scope="col">Entries</th>'
    )
    rows = ""
    for f, label in tool["fields"]:
        cells = "".join(
            "<td><ul>" + "".join(f"<li>{escape(t)}</li>" for t in p["entries"].get(f, [])) + "</ul></td>"
            for p in sheet["parties"]
        )
        rows += f'<tr><th scope="row">{escape(label)}</th>{cells}</tr>'
    return (
        f'<table class="{cls}"><caption>{escape(sheet["title"])} '
        f'(seen by: {escape(sheet["viewpoint"])}; {escape(sheet["date"])})</caption>'
        f'<thead><tr><th scope="col">{escape(tool["label"])}</th>{head}</tr></thead><tbody>{rows}</tbody></table>'
    )


#: The least distance between neighbours on the builder's circle: a label's widest (150, the drawing's
#: text-max-width) and a margin, so that neighbouring labels cannot overlap side by side.
LABEL_GAP = 180.0


def circle_radius(n: int) -> float:
    """The circle's radius for ``n`` actors (twin: ``circleRadius``)."""
    chord = LABEL_GAP / (2 * math.sin(math.pi / n)) if n > 2 else 0.0
    return max(140.0, n * 70 / (2 * math.pi), chord)


def circle_positions(m: dict[str, Any]) -> dict[str, tuple[float, float]]:
    """Actors on a circle in list order, issues on an inner circle (as the builder places them; twin:
    ``layoutPositions`` in js/src/builder.js). Neighbours on the circle are at least :data:`LABEL_GAP`
    apart, so their labels (at most 150 wide, under the circle) do not run into each other."""
    out: dict[str, tuple[float, float]] = {}
    n, k = len(m["actors"]), len(m["issues"])
    r = circle_radius(n)
    for i, a in enumerate(m["actors"]):
        t = 2 * math.pi * i / max(n, 1) - math.pi / 2
        out[a["id"]] = (round(r * math.cos(t)), round(r * math.sin(t)))
    r2 = r * 0.45 if k > 1 else 0
    for i, s in enumerate(m["issues"]):
        t = 2 * math.pi * i / max(k, 1) + math.pi / 4
        out[s["id"]] = (round(r2 * math.cos(t)), round(r2 * math.sin(t)))
    return out


def practice_html(data: dict[str, Any], edition: str | None = None) -> str:
    """The case for the book: setting, worked map (with table), model answers, worked worksheets,
    action step. The model answers and the worked example (map, worksheets, actions) are marked as
    keys in the data (``keys:``); an edition that withholds them (:func:`tracktwo.editions.withholds`:
    the participant one) gets "discuss with your group" for each answer and :data:`WORKED_NOTE`
    for the worked example, which is then in no file of that edition."""
    from ..confidential import marks
    from ..editions import DISCUSS_NOTE, settings, withholds

    edition = edition or settings().edition
    kinds = marks(data, f"practice-{data['id']}.yaml")

    def withheld(path: str) -> bool:
        return path in kinds and withholds(edition, kinds[path])

    def answer(q: dict[str, Any]) -> str:
        if withheld("questions[].answer"):
            return f'<p class="tt-discuss">{escape(DISCUSS_NOTE)}</p>'
        return f"<details class=\"tt-model-answer\"><summary>Model answer</summary><p>{escape(q['answer'])}</p></details>"

    questions = "".join(f"<li><p><strong>{escape(q['question'])}</strong></p>{answer(q)}</li>" for q in data["questions"])
    heads = "".join(f'<th scope="col">{escape(label)}</th>' for _, label in ACTION_FIELDS)
    if withheld("worked_map"):
        worked = f'<p class="tt-discuss"><strong>Worked example.</strong> {escape(WORKED_NOTE)}</p>'
    else:
        spec = to_spec(data["worked_map"], f"practice-{data['id']}")
        places = circle_positions(data["worked_map"])
        for node in spec["nodes"]:
            node["x"], node["y"] = places[node["id"]]
        download = escape(to_json(data["worked_map"]))
        worked = (
            f"<p><strong>Worked example.</strong> One possible map of the case, drawn from our team's viewpoint. "
            f"Build your own first; then compare. To load it into the builder, save the text below as a "
            f"<code>.json</code> file and import it.</p>"
            f"{map_html(spec)}"
            f'<details class="tt-practice-json"><summary>The worked map as a JSON file (course format, version {VERSION})</summary>'
            f"<pre>{download}</pre></details>"
        )
    sheets = (
        ""
        if withheld("worksheets")
        else "".join(
            f"<details class=\"tt-model-answer\"><summary>Worked example: {escape(TOOLS[w['tool']]['label'].lower())}</summary>"
            f"{sheet_html(w)}</details>"
            for w in data.get("worksheets", [])
        )
    )
    if withheld("actions"):
        columns = ", ".join(label.lower() for _, label in ACTION_FIELDS)
        actions = f'<p class="tt-discuss">Make a table with three columns ({escape(columns)}) and fill it in with your group.</p>'
    else:
        rows = "".join("<tr>" + "".join(f"<td>{escape(a[f])}</td>" for f, _ in ACTION_FIELDS) + "</tr>" for a in data["actions"])
        actions = f'<table class="tt-practice-actions"><thead><tr>{heads}</tr></thead><tbody>{rows}</tbody></table>'
    return (
        f'<div class="tt-practice-case" id="tt-practice-{escape(data["id"])}">'
        f'<p class="tt-practice-setting">{escape(data["setting"])}</p>'
        f"{worked}"
        f"<p><strong>Debrief questions</strong></p><ol>{questions}</ol>"
        f"{sheets}"
        f"<p><strong>What can be done, by whom, when?</strong></p>{actions}</div>"
    )
