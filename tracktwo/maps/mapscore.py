"""The scored mapping task: a learner's map of a practice case against the case's worked map and rubric.

Pure functions (twin: ``js/src/map_score.js``; ``tests/test_map_score.py`` runs both over the same
generated maps and compares the results field for field). The data (the worked map, the names a
learner may use for each actor and issue, the cues of a written reading and the rubric) comes from
the case file's ``scoring`` section (``data/maps/practice-*.yaml``): :func:`task_data` gives the one
object both tiers score with, so the rubric has one home. It is key material (``keys: scoring``), so
the participant edition never carries it.

Matching is tolerant of naming: a learner's actor matches a worked-map actor when one of its aliases
appears in the learner's name as whole words, ignoring case and punctuation (``"Lowland farmers'
union"`` matches ``farmers``); an actor of type ``self`` matches the worked map's ``self`` actor.
Each learner actor matches at most one worked actor: the pairs with the longest alias go first
(ties: worked-map order, then the learner's order). Issues match the same way, by their label.

Criteria, each a share from 0 to 1 (rounded to 3 places, so both tiers pick the same level):

- ``actors``: worked actors found;
- ``relationships``: worked relationships found between the matched actors, by pair and kind
  (influence: its direction too); a line between the right pair with another kind counts half;
- ``power``: worked actors found with power within one step and the same party (inside or outside);
- ``issues``: per worked issue, half for the box and half for the share of its actors it links;
- ``reading``: cues of ``reading_cues`` the map's notes (the learner's written reading) touch.

The level is the last whose ``min`` the share reaches; the score is the sum of the levels' points.
"""

from __future__ import annotations

import math
import re
from typing import Any

from . import notation

CRITERIA = ("actors", "relationships", "power", "issues", "reading")


def words(text: str) -> str:
    """Lower case, every run of characters other than letters and digits made one space, padded:
    ``" lowland farmers union "`` (so a whole-word search is a substring search)."""
    return " " + " ".join(re.sub(r"[^0-9a-z]+", " ", text.lower()).split()) + " "


def has_words(text: str, phrase: str) -> bool:
    p = words(phrase)
    return p.strip() != "" and p in words(text)


def _matches(
    keys: list[dict[str, Any]], mine: list[dict[str, Any]], label: str, aliases: dict[str, list[str]], self_type: bool
) -> dict[str, str]:
    """{worked id: learner id}: the longest alias first, then worked order, then learner order."""
    pairs = []
    for ki, k in enumerate(keys):
        for mi, m in enumerate(mine):
            best = max((len(words(a).strip()) for a in aliases.get(k["id"], []) if has_words(m[label], a)), default=0)
            if self_type and k.get("type") == "self" and m.get("type") == "self":
                best = max(best, 1000)
            if best:
                pairs.append((-best, ki, mi))
    out: dict[str, str] = {}
    taken: set[int] = set()
    for _, ki, mi in sorted(pairs):
        if keys[ki]["id"] not in out and mi not in taken:
            out[keys[ki]["id"]] = mine[mi]["id"]
            taken.add(mi)
    return out


def _share(got: float, total: int) -> float:
    """got / total, cut (not rounded) to 3 places: the same float in both tiers."""
    return math.floor(got * 1000 / total + 1e-9) / 1000 if total else 1.0


def _level(criterion: dict[str, Any], share: float) -> dict[str, Any]:
    level = criterion["levels"][0]
    for lv in criterion["levels"]:
        if share >= lv["min"]:
            level = lv
    return level


def score_map(task: dict[str, Any], mine: dict[str, Any]) -> dict[str, Any]:
    """Score a learner's map (``tracktwo-learner-map``, already checked) against ``task``
    (:func:`task_data`): ``{"score", "max", "criteria": [{"id", "label", "level", "points", "max",
    "share", "feedback", "details": [str]}]}``."""
    key = task["key"]
    kind = task["kindLabels"]
    aliases = task["aliases"]
    names = {a["id"]: a["name"] for a in key["actors"]}
    actors = _matches(key["actors"], mine["actors"], "name", aliases, True)
    by_id = {a["id"]: a for a in mine["actors"]}
    found: dict[str, tuple[float, list[str]]] = {}

    missing = [names[a["id"]] for a in key["actors"] if a["id"] not in actors]
    found["actors"] = (
        _share(len(key["actors"]) - len(missing), len(key["actors"])),
        [f"Not found on your map: {', '.join(missing)}."] if missing else [],
    )

    def ends(r: dict[str, Any]) -> tuple[str, str]:
        return (r["source"], r["target"]) if r["kind"] == "influence" else tuple(sorted((r["source"], r["target"])))  # type: ignore[return-value]

    mine_rels = [dict(r) for r in mine["relationships"]]
    used: set[int] = set()
    got, rel_notes = 0.0, []
    half = []
    for r in key["relationships"]:
        a, b = actors.get(r["source"]), actors.get(r["target"])
        who = f"{names[r['source']]} and {names[r['target']]}"
        if a is None or b is None:
            rel_notes.append(f"{who} ({kind[r['kind']]})")
            continue
        want = ends({"source": a, "target": b, "kind": r["kind"]})
        exact = next((i for i, m in enumerate(mine_rels) if i not in used and m["kind"] == r["kind"] and ends(m) == want), None)
        if exact is not None:
            used.add(exact)
            got += 1
            continue
        pair = tuple(sorted((a, b)))
        other = next(
            (i for i, m in enumerate(mine_rels) if i not in used and tuple(sorted((m["source"], m["target"]))) == pair), None
        )
        if other is not None:
            used.add(other)
            got += 0.5
            half.append(f"{who}: yours is {kind[mine_rels[other]['kind']]}, the worked map's {kind[r['kind']]}")
        else:
            rel_notes.append(f"{who} ({kind[r['kind']]})")
    details = []
    if rel_notes:
        details.append(f"Not on your map: {'; '.join(rel_notes)}.")
    if half:
        details.append(f"Another kind: {'; '.join(half)}.")
    found["relationships"] = (_share(got, len(key["relationships"])), details)

    off = []
    good = 0
    for k in key["actors"]:
        m = by_id.get(actors.get(k["id"], ""))
        if m is None:
            continue
        if abs(m["power"] - k["power"]) <= 1 and m["party"] == k["party"]:
            good += 1
        else:
            off.append(f"{m['name']} (yours: power {m['power']}, {m['party']}; worked map: power {k['power']}, {k['party']})")
    found["power"] = (_share(good, len(key["actors"])), [f"Differs from the worked map: {'; '.join(off)}."] if off else [])

    issues = _matches(key["issues"], mine["issues"], "label", aliases, False)
    mine_issues = {s["id"]: s for s in mine["issues"]}
    got, notes = 0.0, []
    for s in key["issues"]:
        if s["id"] not in issues:
            notes.append(f"no box for {s['label']}")
            continue
        linked = set(mine_issues[issues[s["id"]]].get("actors", []))
        want = [x for x in s["actors"]]
        hit = [x for x in want if actors.get(x) in linked]
        got += 0.5 + 0.5 * (len(hit) / len(want) if want else 1)
        gone = [names[x] for x in want if x not in hit]
        if gone:
            notes.append(f"{s['label']} is not linked to {', '.join(gone)}")
    found["issues"] = (_share(got, len(key["issues"])), [f"Issues: {'; '.join(notes)}."] if notes else [])

    reading = mine.get("notes", "") or ""
    cues = task["reading_cues"]
    hit_cues = [c for c in cues if any(has_words(reading, w) for w in c["words"])]
    left = [c["cue"] for c in cues if c not in hit_cues]
    share = _share(len(hit_cues), len(cues)) if reading.strip() else 0.0
    found["reading"] = (share, [f"Your reading does not yet say: {'; '.join(left)}."] if left and reading.strip() else [])

    out = []
    for c in task["rubric"]:
        share, details = found[c["id"]]
        lv = _level(c, share)
        out.append(
            {
                "id": c["id"],
                "label": c["label"],
                "level": lv["label"],
                "points": lv["points"],
                "max": max(x["points"] for x in c["levels"]),
                "share": share,
                "feedback": lv["feedback"],
                "details": details,
            }
        )
    return {"score": sum(c["points"] for c in out), "max": sum(c["max"] for c in out), "criteria": out}


def task_data(case: dict[str, Any]) -> dict[str, Any]:
    """The one object both tiers score with, from a loaded practice case (key material: the
    participant edition never builds it)."""
    s = case["scoring"]
    return {
        "id": case["id"],
        "title": case["title"],
        "key": case["worked_map"],
        "aliases": s["aliases"],
        "reading_cues": s["reading_cues"],
        "rubric": s["rubric"],
        "kindLabels": notation.kind_labels(),
    }


def scoring_problems(case: dict[str, Any]) -> list[str]:
    """What the schema cannot check in a case's ``scoring``: aliases name the worked map's actors and
    issues (each of them), every criterion once, levels in rising order starting at 0."""
    s = case.get("scoring")
    if s is None:
        return []
    problems = []
    ids = [a["id"] for a in case["worked_map"]["actors"]] + [i["id"] for i in case["worked_map"]["issues"]]
    for k in s["aliases"]:
        if k not in ids:
            problems.append(f"scoring: aliases: {k!r} is not an actor or issue of the worked map")
    for k in ids:
        if k not in s["aliases"]:
            problems.append(f"scoring: aliases: the worked map's {k!r} has no aliases")
    got = [c["id"] for c in s["rubric"]]
    if sorted(got) != sorted(CRITERIA):
        problems.append(f"scoring: rubric: criteria are {', '.join(got)}; expected each of {', '.join(CRITERIA)} once")
    for i, c in enumerate(s["rubric"]):
        mins = [lv["min"] for lv in c["levels"]]
        if mins[0] != 0 or mins != sorted(mins) or len(set(mins)) != len(mins):
            problems.append(f"scoring: rubric/{i} ({c['id']}): levels' 'min' must start at 0 and rise")
    return problems
