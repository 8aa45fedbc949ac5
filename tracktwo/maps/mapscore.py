"""The scored mapping task: a learner's map of a practice case against the case's worked map and rubric.

Pure functions (twin: ``js/src/map_score.js``; ``tests/test_map_score.py`` runs both over the same
generated maps and compares the results field for field). The data (the worked map, the names a
learner may use for each actor and issue, the cues of a written reading and the rubric) comes from
the case file's ``scoring`` section (``data/maps/practice-*.yaml``): :func:`task_data` gives the one
object both tiers score with, so the rubric has one home. It is key material (``keys: scoring``), so
the participant edition never carries it.

Matching is tolerant of naming: a learner's actor matches a worked-map actor when one of its aliases
appears in the learner's name as whole words, ignoring case, punctuation and the ordinary plural
(:func:`words` makes each word singular by one rule: ``"Donors"`` matches ``donor``, ``"Hill village"``
matches ``hill villages``, ``"Regional authority"`` matches ``authorities``); an actor of type
``self`` matches the worked map's ``self`` actor. Each learner actor matches at most one worked
actor: pairs whose actor type is the same go first (``"Armed band from the hill villages"``, typed
armed, is the band), then the longest alias (ties: worked-map order, then the learner's order).
Issues match the same way, by their label. A learner's actor that matches no worked actor is named
("not recognised"), not counted against power.

Criteria, each a share from 0 to 1 (cut to 3 places, so both tiers pick the same level):

- ``actors``: worked actors found;
- ``relationships``: the lines the case's setting states (``scoring.relationships``: line id and the
  kinds accepted for it; the worked map's other lines are its own reading and are not scored),
  found between the matched actors by pair and an accepted kind (influence: its direction too); a
  line between the right pair with another kind counts half;
- ``power``: of the worked actors found, those with power within one step and the same party;
- ``issues``: per worked issue, half for the box and half for the share of its actors it links;
- ``reading``: self-assessed: the share of ``reading_cues`` (the course's reading of what a reading of
  this map needs) the learner ticks as addressed by the map's notes; nothing without a written reading.

The level is the last whose ``min`` the share reaches; the score is the sum of the levels' points.
"""

from __future__ import annotations

import math
import re
from typing import Any

from . import notation

CRITERIA = ("actors", "relationships", "power", "issues", "reading")


def singular(word: str) -> str:
    """One rule for the ordinary English plural (twin: ``singular``): words of 3 letters or fewer
    stay (``us``); ``-ies`` becomes ``-y`` (``authorities``); ``-sses`` loses ``es``; words in ``-ss``,
    ``-us`` or ``-is`` stay; otherwise a final ``s`` goes (``donors``, ``villages``)."""
    if len(word) <= 3:
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("sses"):
        return word[:-2]
    if word.endswith(("ss", "us", "is")):
        return word
    return word[:-1] if word.endswith("s") else word


def words(text: str) -> str:
    """Lower case, every run of characters other than letters and digits made one space, each word
    made singular (:func:`singular`), padded: ``" lowland farmer union "`` (so a whole-word search is
    a substring search)."""
    return " " + " ".join(singular(w) for w in re.sub(r"[^0-9a-z]+", " ", text.lower()).split()) + " "


def has_words(text: str, phrase: str) -> bool:
    p = words(phrase)
    return p.strip() != "" and p in words(text)


def _matches(
    keys: list[dict[str, Any]], mine: list[dict[str, Any]], label: str, aliases: dict[str, list[str]], self_type: bool
) -> dict[str, str]:
    """{worked id: learner id}: the same type first, then the longest alias, then worked order, then
    learner order."""
    pairs = []
    for ki, k in enumerate(keys):
        for mi, m in enumerate(mine):
            best = max((len(words(a).strip()) for a in aliases.get(k["id"], []) if has_words(m[label], a)), default=0)
            if self_type and k.get("type") == "self" and m.get("type") == "self":
                best = max(best, 1000)
            if best:
                same = 1 if k.get("type") is not None and k.get("type") == m.get("type") else 0
                pairs.append((-same, -best, ki, mi))
    out: dict[str, str] = {}
    taken: set[int] = set()
    for _, _, ki, mi in sorted(pairs):
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


def score_map(task: dict[str, Any], mine: dict[str, Any], ticked: list[int] | None = None) -> dict[str, Any]:
    """Score a learner's map (``tracktwo-learner-map``, already checked) against ``task``
    (:func:`task_data`); ``ticked``: the indexes of the reading cues the learner ticks as addressed
    (self-assessment; none if not given): ``{"score", "max", "criteria": [{"id", "label", "level",
    "points", "max", "share", "feedback", "details": [str]}]}``."""
    key = task["key"]
    kind = task["kindLabels"]
    aliases = task["aliases"]
    names = {a["id"]: a["name"] for a in key["actors"]}
    actors = _matches(key["actors"], mine["actors"], "name", aliases, True)
    by_id = {a["id"]: a for a in mine["actors"]}
    found: dict[str, tuple[float, list[str]]] = {}

    missing = [names[a["id"]] for a in key["actors"] if a["id"] not in actors]
    matched = set(actors.values())
    strange = [a["name"] for a in mine["actors"] if a["id"] not in matched]
    notes_a = [f"Not found on your map: {', '.join(missing)}."] if missing else []
    if strange:
        notes_a.append(
            f"Not recognised: {', '.join(strange)}. If one of them is a party of the case, which one? "
            "A name closer to the setting's lets the check find it."
        )
    found["actors"] = (_share(len(key["actors"]) - len(missing), len(key["actors"])), notes_a)

    def ends(r: dict[str, Any]) -> tuple[str, str]:
        return (r["source"], r["target"]) if r["kind"] == "influence" else tuple(sorted((r["source"], r["target"])))  # type: ignore[return-value]

    mine_rels = [dict(r) for r in mine["relationships"]]
    used: set[int] = set()
    got, rel_notes = 0.0, []
    half = []
    accept = task["relationships"]
    scored = [r for r in key["relationships"] if r["id"] in accept]
    for r in scored:
        ok = accept[r["id"]]
        a, b = actors.get(r["source"]), actors.get(r["target"])
        who = f"{names[r['source']]} and {names[r['target']]}"
        if a is None or b is None:
            rel_notes.append(f"{who} ({kind[r['kind']]})")
            continue
        exact = next(
            (
                i
                for i, m in enumerate(mine_rels)
                if i not in used and m["kind"] in ok and ends(m) == ends({"source": a, "target": b, "kind": m["kind"]})
            ),
            None,
        )
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
    found["relationships"] = (_share(got, len(scored)), details)

    off = []
    good = seen = 0
    for k in key["actors"]:
        m = by_id.get(actors.get(k["id"], ""))
        if m is None:
            continue
        seen += 1
        if abs(m["power"] - k["power"]) <= 1 and m["party"] == k["party"]:
            good += 1
        else:
            off.append(f"{m['name']} (yours: power {m['power']}, {m['party']}; worked map: power {k['power']}, {k['party']})")
    found["power"] = (
        _share(good, seen) if seen else 0.0,
        [f"Differs from the worked map: {'; '.join(off)}."] if off else [],
    )

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

    reading = (mine.get("notes", "") or "").strip()
    cues = task["reading_cues"]
    ticks = sorted({i for i in (ticked or []) if isinstance(i, int) and 0 <= i < len(cues)})
    left = [c["cue"] for i, c in enumerate(cues) if i not in ticks]
    share = _share(len(ticks), len(cues)) if reading else 0.0
    found["reading"] = (
        share,
        [f"Not ticked (the course's reading of what a reading of this map needs): {'; '.join(left)}."]
        if left and reading
        else [],
    )

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
        "relationships": s["relationships"],
        "reading_cues": s["reading_cues"],
        "rubric": s["rubric"],
        "kindLabels": notation.kind_labels(),
    }


def scoring_problems(case: dict[str, Any]) -> list[str]:
    """What the schema cannot check in a case's ``scoring``: aliases name the worked map's actors and
    issues (each of them), scored lines are the worked map's and accept its kind, every criterion
    once, levels in rising order starting at 0."""
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
    lines = {r["id"]: r for r in case["worked_map"]["relationships"]}
    kinds = set(notation.kind_labels())
    for rid, ok in s["relationships"].items():
        if rid not in lines:
            problems.append(f"scoring: relationships: {rid!r} is not a relationship of the worked map")
            continue
        if lines[rid]["kind"] not in ok:
            problems.append(f"scoring: relationships: {rid!r} does not accept the worked map's own kind {lines[rid]['kind']!r}")
        for k in ok:
            if k not in kinds:
                problems.append(f"scoring: relationships: {rid!r}: {k!r} is not a kind of line")
    got = [c["id"] for c in s["rubric"]]
    if sorted(got) != sorted(CRITERIA):
        problems.append(f"scoring: rubric: criteria are {', '.join(got)}; expected each of {', '.join(CRITERIA)} once")
    for i, c in enumerate(s["rubric"]):
        mins = [lv["min"] for lv in c["levels"]]
        if mins[0] != 0 or mins != sorted(mins) or len(set(mins)) != len(mins):
            problems.append(f"scoring: rubric/{i} ({c['id']}): levels' 'min' must start at 0 and rise")
    return problems
