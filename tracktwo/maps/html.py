"""The static book's markup for a map or a placing exercise.

A ``<div data-tt-interactive=...>`` holding the initial state in a
``<script type="application/json">`` block, plus a ``<noscript>`` note. The page's bundle
(``assets/tracktwo/maps/conflict-map.iife.js``, added only to pages with this class) finds the div
and runs the same front-end module anywidget runs in JupyterLab. Output is deterministic (no random
ids), so notebooks that show it pass strict nbval.
"""

from __future__ import annotations

import json
from html import escape
from typing import Any

#: Class the page hook looks for to add the bundle (tracktwo/sphinxext/conflict_map.py).
MAP_CLASS = "tt-conflict-map"
BUNDLE_JS = "tracktwo/maps/conflict-map.iife.js"
BUNDLE_CSS = "tracktwo/maps/conflict-map.css"


def _json_block(data: Any) -> str:
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    # A JSON block must not close its own <script>; escaping "<" keeps it inert and still valid JSON.
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def interactive_html(kind: str, state: dict[str, Any], fallback: str) -> str:
    spec = state["spec"]
    return (
        f'<div class="{MAP_CLASS} tt-interactive-{escape(kind)}" data-tt-interactive="{escape(kind)}" '
        f'id="tt-{escape(kind)}-{escape(spec["id"])}">'
        f'<script type="application/json">{_json_block(state)}</script>'
        f'<noscript><p>{escape(fallback)}</p></noscript></div>'
    )


def map_html(spec: dict[str, Any], encoding: str | None = None) -> str:
    """Markup for a conflict map in the static book."""
    state = {"spec": spec, "encoding": encoding or spec["encodings"][0]["id"], "positions": {}}
    return interactive_html(
        "conflict-map", state, "The map needs JavaScript; its table of actors and relationships is on this page."
    )


def placing_html(spec: dict[str, Any], edition: str | None = None) -> str:
    """Markup for the placing exercise in the static book. ``edition`` defaults to the one the
    environment names (a notebook's kernel inherits the build's). An edition that withholds the
    key (:func:`tracktwo.editions.withholds`: the participant one) gets :func:`placing_task_html`,
    which holds no key, no feedback and no script."""
    from ..editions import settings, withholds

    edition = edition or settings().edition
    if withholds(edition, spec.get("keyKind", "placing-key")):
        return placing_task_html(spec)
    return interactive_html("placing", {"spec": spec, "answers": {}}, "This exercise needs JavaScript.")


def placing_task_html(spec: dict[str, Any]) -> str:
    """The placing task without its key (participant edition): each channel with the tracks and aims
    to choose from, to mark on paper or agree aloud, and "discuss with your group". No script, no
    JSON: nothing of the key is built. One card per channel, so it reads at 390 px and prints."""
    from ..editions import DISCUSS_NOTE

    def choices(label: str, options: list[dict[str, Any]]) -> str:
        items = "".join(f'<li class="tt-choice">{escape(o["label"])}</li>' for o in options)
        return (
            f'<p class="tt-placing-field">{escape(label)} (choose one):</p>'
            f'<ul class="tt-placing-choices" aria-label="{escape(label)}">{items}</ul>'
        )

    cards = "".join(
        f'<li class="tt-placing-card"><p><strong>{escape(c["label"])}</strong></p>'
        f'<p class="tt-placing-desc">{escape(c["description"])}</p>'
        f'{choices("Track", spec["tracks"])}{choices("Aim", spec["aims"])}</li>'
        for c in spec["channels"]
    )
    return (
        f'<div class="tt-placing-task" id="tt-placing-{escape(spec["id"])}">'
        f'<p>Place each channel the brief describes on a track and an aim: mark one of each on paper, '
        f'or agree them aloud.</p><ol class="tt-placing-cards">{cards}</ol>'
        f'<p class="tt-discuss"><strong>{escape(DISCUSS_NOTE)}</strong> Where the brief\'s label and the '
        f'course\'s definitions point different ways, more than one placement can be defended: say why '
        f'you chose yours.</p></div>'
    )


def builder_html(builder_id: str = "builder", task: dict[str, Any] | None = None) -> str:
    """Markup for the map builder in the static book (the learner's maps live in localStorage).
    ``task``: a practice case's scored task (:func:`tracktwo.maps.mapscore.task_data`), key
    material: the caller passes it only to an edition that shows keys (see :func:`builder_task`)."""
    state: dict[str, Any] = {"spec": {"id": builder_id}}
    if task is not None:
        state["task"] = task
    return interactive_html(
        "map-builder",
        state,
        "The map builder needs JavaScript. Draw your map on paper with the legend on this page.",
    )


def worksheet_html(tool: str) -> str:
    """Markup for a companion tool (tree, onion, abc) in the static book."""
    return interactive_html(
        "worksheet", {"spec": {"id": tool}}, "This worksheet needs JavaScript. Print the page and fill in the template by hand."
    )


def timeline_tool_html(tool_id: str = "my-timeline", events: list[dict[str, str]] | None = None) -> str:
    """Markup for the perspective timeline in the static book (``events``: the course's events a
    learner may pick, :func:`tracktwo.maps.timeline_tool.course_events`; read here when not given)."""
    if events is None:
        from .timeline_tool import course_events

        events = course_events()
    return interactive_html(
        "timeline",
        {"spec": {"id": tool_id, "events": events}},
        "The timeline needs JavaScript. Draw it on paper: a line down the page, one event per mark, "
        "each with its date, a title and what it meant from your viewpoint.",
    )


def tracks_html(tool_id: str = "my-tracks") -> str:
    """Markup for the multi-track map in the static book (the levels come from data/part1_levels.yaml)."""
    from .tracks import levels

    return interactive_html(
        "tracks-map",
        {"spec": {"id": tool_id, "levels": levels()}},
        "The multi-track map needs JavaScript. Draw it on paper: one row per level of dialogue, "
        "official at the top (the order is not a ranking), invented initiatives with code names in their rows, "
        "lines between them in the mapping notation. Map real channels only on paper, in the room.",
    )


def builder_task(case_id: str | None, edition: str | None = None) -> dict[str, Any] | None:
    """The scored task of practice case ``case_id`` for the builder, or None where ``edition``
    withholds the case's ``scoring`` (the participant edition: the key is then in no file)."""
    if not case_id:
        return None
    from ..confidential import marks
    from ..editions import settings, withholds
    from .mapscore import task_data
    from .practice import load_practice, practice_path

    edition = edition or settings().edition
    case = load_practice(practice_path(case_id))
    kind = marks(case, f"practice-{case_id}.yaml").get("scoring", "model-answer")
    return None if withholds(edition, kind) else task_data(case)
