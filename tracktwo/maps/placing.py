"""Scoring for "Placing dialogues": each channel on a track and an aim.

Pure functions over plain data. :func:`score_placement` has a twin in ``js/src/placing_score.js``
(``scorePlacement``), used by the static book; tests/test_maps_placing.py compares the two over many
generated answers. The key comes from data/maps/channels.yaml (:func:`tracktwo.maps.channels.placing_spec`):
for each field a ``best`` answer, other defensible answers under ``accept`` with why, and feedback
for a wrong answer. Best and accepted answers both score a point; the feedback tells them apart.
"""

from __future__ import annotations

from typing import Any

from tracktwo.data.learner_files import choice_problem

FIELDS = ("track", "aim")
MISSING = "Not answered yet."


def _given(answers: Any, channel: str, field: str) -> str | None:
    entry = answers.get(channel) if isinstance(answers, dict) else None
    if not isinstance(entry, dict):
        return None
    value = entry.get(field)
    return value if isinstance(value, str) and value != "" else None


def judge_field(rule: dict[str, Any], value: str | None) -> dict[str, Any]:
    """One field's verdict: best, accepted, wrong or missing, with feedback and points."""
    if value is None:
        return {"given": None, "verdict": "missing", "feedback": MISSING, "points": 0}
    if value == rule["best"]:
        return {"given": value, "verdict": "best", "feedback": rule["best_feedback"], "points": 1}
    accept = rule.get("accept") or {}
    if value in accept:
        return {"given": value, "verdict": "accepted", "feedback": accept[value], "points": 1}
    return {"given": value, "verdict": "wrong", "feedback": rule["wrong_feedback"], "points": 0}


def score_placement(key: list[dict[str, Any]], answers: Any) -> dict[str, Any]:
    """Score a learner's answers ``{channel: {"track": id, "aim": id}}`` against the key."""
    items = []
    points = maximum = 0
    complete = True
    for entry in key:
        fields: dict[str, Any] = {}
        item_points = 0
        for field in FIELDS:
            rule = entry.get(field)
            if not rule:
                continue
            judged = judge_field(rule, _given(answers, entry["channel"], field))
            fields[field] = judged
            item_points += judged["points"]
            maximum += 1
            if judged["verdict"] == "missing":
                complete = False
        points += item_points
        items.append({"channel": entry["channel"], "fields": fields, "points": item_points})
    return {"items": items, "points": points, "max": maximum, "complete": complete}


def answer_problems(answers: Any, spec: dict[str, Any]) -> list[str]:
    """Problems with a learner's answers for this placing spec (saved or set from the front end)."""
    if not isinstance(answers, dict):
        return ["the answers are not an object"]
    channels = {c["id"] for c in spec["channels"]}
    allowed = {"track": {t["id"] for t in spec["tracks"]}, "aim": {a["id"] for a in spec["aims"]}}
    problems = []
    for ch, entry in answers.items():
        if ch not in channels:
            problems.append(f"unknown channel {ch!r}")
            continue
        if not isinstance(entry, dict):
            problems.append(f"answer for {ch} is not an object")
            continue
        for field, value in entry.items():
            if field not in allowed:
                problems.append(f"answer {ch}.{field}: {field!r} is not a field of an answer (it has {' and '.join(allowed)})")
                continue
            why = choice_problem(value, sorted(allowed[field]))
            if why:
                problems.append(f"answer {ch}.{field} {why}")
    return problems
