"""Ripeness with evidence: graded judgements of Zartman's two ingredients, per side, from a card's
sourced indicators, and a state that explains itself (pure functions).

The learner judges, for each side (``a``, ``b``), each ingredient of ripeness as the brief gives it
(Jones, Min Zaw Oo and Palmiano Federer 2021, Sec. 1; Zartman 2000):

* ``stalemate``: a mutually hurting stalemate, as that side perceives it;
* ``way_out``: a perceived way out, a negotiated solution.

Each judgement is one of :data:`LEVELS` (``absent``, ``emerging``, ``present``). The three levels are
the course's simplification. Zartman's ingredients are perceptions (Zartman 2000), and the brief
speaks of "some people on either or both sides" coming to a view; treating them as matters of
degree is closer to Pruitt's readiness theory, which uses variables rather than necessary states
(Pruitt 2005, as the course's fact sheet, facts.md C10, credits it).

The state (:func:`evidence_state`), the course's rule:

* ``ripe``: both ingredients present for both sides;
* ``ripening``: nothing absent, something only emerging;
* ``not-ripe``: at least one ingredient absent for at least one side.

The judgements that hold the state where it is (the *limiting* ones: every ``absent`` one when not
ripe, every ``emerging`` one when ripening) and the card's indicators that bear on them are named in
the explanation, with what would change the state. ``static/ripeness-cards.js`` mirrors
:func:`judgement_problems` and :func:`evidence_state` line for line; ``tests/test_ripeness_evidence.py``
runs both over every judgement of every card and compares.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import product
from typing import Any

LEVELS: tuple[str, ...] = ("absent", "emerging", "present")
INGREDIENTS: tuple[str, ...] = ("stalemate", "way_out")
SIDES: tuple[str, ...] = ("a", "b")
STATES: tuple[str, ...] = ("not-ripe", "ripening", "ripe")
STATE_LABELS = {"not-ripe": "Not ripe", "ripening": "Ripening", "ripe": "Ripe"}
INGREDIENT_NAMES = {"stalemate": "a mutually hurting stalemate", "way_out": "a way out"}
INGREDIENT_HEADINGS = {"stalemate": "A mutually hurting stalemate", "way_out": "A perceived way out"}
SIDE_NAMES = {"a": "side A", "b": "side B"}


def legend(ing: str, side: str, parties: Sequence[str]) -> str:
    """A judgement's label in the form: the ingredient, then the side and the party it stands for."""
    return f"{INGREDIENT_HEADINGS[ing]}, for {SIDE_NAMES[side]}: {parties[0 if side == 'a' else 1]}"


def judgement_problems(judgement: Any) -> list[str]:
    """What is wrong with a judgement (empty: it can be used). A judgement maps each ingredient to
    a mapping of each side to a level, or to None (not judged yet)::

        {"stalemate": {"a": "emerging", "b": "absent"}, "way_out": {"a": None, "b": "present"}}
    """
    if not isinstance(judgement, Mapping):
        return ["a judgement is a mapping of stalemate and way_out to each side's level"]
    problems = []
    for key in judgement:
        if key not in INGREDIENTS:
            problems.append(f"unknown field {str(key)[:40]!r} (the fields are stalemate, way_out)")
    for ing in INGREDIENTS:
        sides = judgement.get(ing)
        if sides is None:
            continue
        if not isinstance(sides, Mapping):
            problems.append(f"field '{ing}' must map side a and side b to a level")
            continue
        for key in sides:
            if key not in SIDES:
                problems.append(f"field '{ing}': unknown side {str(key)[:40]!r} (the sides are a, b)")
        for side in SIDES:
            level = sides.get(side)
            if level is not None and level not in LEVELS:
                problems.append(f"field '{ing}.{side}': {str(level)[:40]!r} is not a level; use absent, emerging or present")
    return problems


def level_of(judgement: Mapping[str, Any], ing: str, side: str) -> str | None:
    return (judgement.get(ing) or {}).get(side)


def complete(judgement: Mapping[str, Any]) -> bool:
    """Whether all four judgements are made (and valid)."""
    return not judgement_problems(judgement) and all(level_of(judgement, i, s) for i in INGREDIENTS for s in SIDES)


def bearing(indicators: Sequence[Mapping[str, Any]], ing: str, side: str) -> list[Mapping[str, Any]]:
    """The indicators that bear on one ingredient for one side (those for ``both`` included)."""
    return [x for x in indicators if x["bears_on"] == ing and x["side"] in (side, "both")]


def indicator_label(ind: Mapping[str, Any]) -> str:
    """An indicator's short name in an explanation: the event's title, or the indicator's text."""
    if isinstance(ind.get("event"), Mapping):
        return ind["event"]["title"]
    text = ind.get("text") or ind["id"]
    return text.split(". ")[0].rstrip(".")


def _join(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def evidence_state(judgement: Mapping[str, Any], indicators: Sequence[Mapping[str, Any]] = ()) -> dict[str, Any]:
    """The state a complete judgement gives, and why. The sentences name the sides as the card and
    the form do ("side A", "side B"; the form's legends say who each is), so that no party's name
    has to agree with a verb or sit mid-sentence with a capital.

    Returns ``state`` (one of :data:`STATES`), ``label``, ``limiting`` (the judgements that hold the
    state where it is, as ``[ingredient, side, level]``), ``drivers`` (ids of the indicators that
    bear on them), ``because`` (a sentence naming them) and ``would_change`` (a sentence saying what
    would move the state). Raises ValueError naming the field if the judgement is incomplete or wrong.
    """
    problems = judgement_problems(judgement)
    if problems:
        raise ValueError("judgement: " + problems[0])
    pairs = [(i, s) for i in INGREDIENTS for s in SIDES]
    for i, s in pairs:
        if not level_of(judgement, i, s):
            raise ValueError(f"judgement: field '{i}.{s}' is not judged yet")
    levels = {(i, s): level_of(judgement, i, s) for i, s in pairs}
    if any(v == "absent" for v in levels.values()):
        state, weak = "not-ripe", "absent"
    elif any(v == "emerging" for v in levels.values()):
        state, weak = "ripening", "emerging"
    else:
        state, weak = "ripe", "present"
    names = SIDE_NAMES
    limiting = [[i, s, levels[(i, s)]] for i, s in pairs if levels[(i, s)] == weak]
    drivers: list[str] = []
    for i, s, _ in limiting:
        for x in bearing(indicators, i, s):
            if x["id"] not in drivers:
                drivers.append(x["id"])
    phrases = [f"{INGREDIENT_NAMES[i]} {weak} for {names[s]}" for i, s, _ in limiting]
    if state == "ripe":
        head = "Ripe, because you judged both ingredients present for both sides"
    else:
        head = f"{STATE_LABELS[state]}, because you judged {_join(phrases)}"
    by_id = {x["id"]: x for x in indicators}
    if drivers:
        evidence = "The indicators that bear on " + ("these judgements" if len(limiting) > 1 else "this judgement") + ": "
        evidence += "; ".join(indicator_label(by_id[d]) for d in drivers) + "."
    else:
        evidence = (
            "No indicator on this card bears on "
            + ("these judgements" if len(limiting) > 1 else "this judgement")
            + (": it rests on your own reading, so name the evidence you used.")
        )
    because = head + ". " + evidence
    if state == "not-ripe":
        would = "It would be ripening if " + _join(
            [f"{INGREDIENT_NAMES[i]} were at least emerging for {names[s]}" for i, s, _ in limiting]
        )
        would += ", with nothing else absent."
    elif state == "ripening":
        would = "It would be ripe if " + _join([f"{INGREDIENT_NAMES[i]} were present for {names[s]}" for i, s, _ in limiting])
        would += "; it would be not ripe if any ingredient became absent for either side."
    else:
        would = "It would be only ripening if either ingredient weakened to emerging for either side, and not ripe if one became absent."
    return {
        "state": state,
        "label": STATE_LABELS[state],
        "limiting": limiting,
        "drivers": drivers,
        "because": because,
        "would_change": would,
    }


def all_judgements() -> list[dict[str, dict[str, str]]]:
    """Every one of the 81 complete judgements (2 ingredients x 2 sides x 3 levels)."""
    return [{"stalemate": {"a": sa, "b": sb}, "way_out": {"a": wa, "b": wb}} for sa, sb, wa, wb in product(LEVELS, repeat=4)]


def card_json(card: Any, citations: Mapping[str, str] | None = None, with_reading: bool = True) -> dict[str, Any]:
    """What a page embeds for one card: parties, indicators (with their short citations) and, only
    when ``with_reading`` (the edition shows keys), the course's reading."""
    inds = []
    for x in card.indicators:
        item = {k: x[k] for k in ("id", "kind", "bears_on", "side") if k in x}
        if isinstance(x.get("event"), Mapping):
            item["event"] = {"title": x["event"]["title"]}
        if x.get("text"):
            item["text"] = x["text"]
        inds.append(item)
    out: dict[str, Any] = {"id": card.id, "parties": list(card.parties), "indicators": inds}
    if with_reading and card.reading:
        out["reading"] = {"stalemate": dict(card.reading["stalemate"]), "way_out": dict(card.reading["way_out"])}
    return out
