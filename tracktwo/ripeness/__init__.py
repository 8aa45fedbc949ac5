"""Ripeness versus readiness: a teaching model, as pure functions, plus the scenario-card loader.

The model is a teaching device, not a forecast. It turns the two theories of timing that the brief
sets out (Jones, Min Zaw Oo and Palmiano Federer 2021, Sec. 1) into explicit yes/no rules so that a
learner can see which ingredient is missing and argue with the result.

Inputs, for each of two parties (``a`` and ``b``), four ratings, each "low" (False) or "high" (True):

* ``stalemate``: the party perceives a mutually hurting stalemate (Zartman);
* ``way_out``: the party perceives a way out, a negotiated solution (Zartman);
* ``motivation``: the party is motivated to end the conflict (Pruitt);
* ``optimism``: the party is optimistic that negotiation can succeed (Pruitt).

Conditions:

* **ripe** = both parties perceive a hurting stalemate AND both perceive a way out (Zartman's two
  ingredients, as the brief gives them; the brief's own wording is looser: "some people on either
  or both sides");
* **ready** (per party) = motivation AND optimism (Pruitt's readiness).

What fits (the ``effort`` id; the wording of each effort lives in ``data/ripeness_scenarios.yaml``,
with its source), from the two conditions:

=====  ==================  ==================  ==============================================
ripe   parties ready       effort id           the kind of effort
=====  ==================  ==================  ==============================================
yes    both                ``formula``         exploratory talks seeking a formula, a breakthrough
yes    one or neither      ``persuade``        gain access to those reassessing; persuade them to talk
no     both                ``readiness``       readiness dialogue: proposals that show other futures
no     one                 ``one-side``        work with the willing side; look for counterparts
no     neither             ``manage``          conflict-management contact
=====  ==================  ==================  ==============================================

:func:`assess` also names the missing ingredients (``missing``) and writes the reasoning as a
list of sentences (``reasons``), so the figure, the widget and the tests all show the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import product
from typing import Any
from collections.abc import Mapping

# The scenario cards are content (data layer); re-exported here because lessons load them with the model.
from ..data.content import Scenario, ScenarioBook, ScenarioError, load_scenarios  # noqa: F401

INGREDIENTS: tuple[str, ...] = ("stalemate", "way_out", "motivation", "optimism")
INGREDIENT_LABELS: dict[str, str] = {
    "stalemate": "Perceives a hurting stalemate",
    "way_out": "Perceives a way out",
    "motivation": "Motivated to end the conflict",
    "optimism": "Optimistic about negotiation",
}
PARTIES: tuple[str, ...] = ("a", "b")
EFFORTS: tuple[str, ...] = ("formula", "persuade", "readiness", "one-side", "manage")

#: The rule table: (ripe, number of ready parties) -> effort id.
RULES: dict[tuple[bool, int], str] = {
    (True, 2): "formula",
    (True, 1): "persuade",
    (True, 0): "persuade",
    (False, 2): "readiness",
    (False, 1): "one-side",
    (False, 0): "manage",
}

_LEVELS = {True: True, False: False, "high": True, "low": False, "yes": True, "no": False}  # 1 and 0 equal True and False as keys


class ModelError(ValueError):
    """Bad input to the model (an unknown party or ingredient, or a rating that is not low/high)."""


@dataclass(frozen=True)
class PartyRating:
    stalemate: bool = False
    way_out: bool = False
    motivation: bool = False
    optimism: bool = False

    @property
    def ready(self) -> bool:
        return self.motivation and self.optimism


@dataclass(frozen=True)
class Assessment:
    a: PartyRating
    b: PartyRating
    ripe: bool
    ready_a: bool
    ready_b: bool
    effort: str
    missing: dict[str, list[str]] = field(default_factory=dict)
    reasons: list[str] = field(default_factory=list)

    @property
    def n_ready(self) -> int:
        return int(self.ready_a) + int(self.ready_b)


def _level(value: Any, where: str) -> bool:
    try:
        return _LEVELS[value.lower() if isinstance(value, str) else value]
    except (KeyError, TypeError):
        raise ModelError(f"{where}: {value!r} is not a rating; use 'low' or 'high' (or False/True)") from None


def rating(values: Mapping[str, Any] | PartyRating | None = None, *, party: str = "party") -> PartyRating:
    """A :class:`PartyRating` from a mapping of ingredient -> 'low'/'high' (or booleans).

    Missing ingredients are low. An unknown ingredient or level raises :class:`ModelError`.
    """
    if isinstance(values, PartyRating):
        return values
    values = dict(values or {})
    unknown = sorted(set(values) - set(INGREDIENTS))
    if unknown:
        raise ModelError(f"{party}: unknown ingredient(s) {', '.join(unknown)}; the ingredients are {', '.join(INGREDIENTS)}")
    return PartyRating(**{k: _level(values.get(k, False), f"{party}, {k}") for k in INGREDIENTS})


def effort_for(ripe: bool, n_ready: int) -> str:
    """The effort id the rule table gives for a ripe/not-ripe situation with 0, 1 or 2 ready parties."""
    if n_ready not in (0, 1, 2):
        raise ModelError(f"n_ready must be 0, 1 or 2, not {n_ready!r}")
    return RULES[(bool(ripe), n_ready)]


def assess(
    a: Mapping[str, Any] | PartyRating | None,
    b: Mapping[str, Any] | PartyRating | None,
    names: tuple[str, str] = ("Party A", "Party B"),
) -> Assessment:
    """Apply the model to two parties' ratings; see the module docstring for the rules."""
    ra, rb = rating(a, party=names[0]), rating(b, party=names[1])
    ripe = ra.stalemate and rb.stalemate and ra.way_out and rb.way_out
    missing = {p: [INGREDIENT_LABELS[k].lower() for k in INGREDIENTS if not getattr(r, k)] for p, r in zip(PARTIES, (ra, rb))}
    effort = effort_for(ripe, int(ra.ready) + int(rb.ready))

    reasons: list[str] = []
    if ripe:
        reasons.append("Ripe: both sides perceive a hurting stalemate and a way out (Zartman).")
    else:
        gaps = []
        for name, r in zip(names, (ra, rb)):
            lacks = [lbl for k, lbl in (("stalemate", "a hurting stalemate"), ("way_out", "a way out")) if not getattr(r, k)]
            if len(lacks) == 2:
                gaps.append(f"{name} perceives neither a hurting stalemate nor a way out")
            elif lacks:
                gaps.append(f"{name} does not perceive {lacks[0]}")
        reasons.append("Not ripe: " + "; ".join(gaps) + ".")
        if ra.stalemate and rb.stalemate:
            reasons.append(
                "Both feel the stalemate; the missing ingredient is a way out, which readiness dialogues can help to create."
            )
    for name, r in zip(names, (ra, rb)):
        if r.ready:
            reasons.append(f"{name} is ready: motivated and optimistic (Pruitt).")
        else:
            lacks = [lbl for k, lbl in (("motivation", "motivation"), ("optimism", "optimism")) if not getattr(r, k)]
            reasons.append(f"{name} is not ready: it lacks {'both motivation and optimism' if len(lacks) == 2 else lacks[0]}.")
    return Assessment(a=ra, b=rb, ripe=ripe, ready_a=ra.ready, ready_b=rb.ready, effort=effort, missing=missing, reasons=reasons)


def all_combinations() -> list[tuple[PartyRating, PartyRating]]:
    """Every one of the 256 pairs of ratings (2 parties x 4 ingredients x low/high)."""
    ratings = [PartyRating(*bits) for bits in product((False, True), repeat=len(INGREDIENTS))]
    return [(ra, rb) for ra in ratings for rb in ratings]


def static_states() -> list[dict[str, bool]]:
    """The 16 states of the book's static explorer.

    With no kernel, each state must be precomputed, so the static explorer pairs each party's two
    ripeness ingredients (stalemate and way out together) and its two readiness ingredients
    (motivation and optimism together): 2 parties x 2 pairs x low/high = 16 states. The live
    explorer in JupyterLab rates all eight ingredients separately.
    """
    keys = ("a_ripe_side", "b_ripe_side", "a_ready", "b_ready")
    return [dict(zip(keys, bits)) for bits in product((True, False), repeat=4)]


def assess_static(state: Mapping[str, bool], names: tuple[str, str] = ("Party A", "Party B")) -> Assessment:
    """:func:`assess` for one of the :func:`static_states`."""

    def party(side: bool, ready: bool) -> PartyRating:
        return PartyRating(stalemate=side, way_out=side, motivation=ready, optimism=ready)

    return assess(party(state["a_ripe_side"], state["a_ready"]), party(state["b_ripe_side"], state["b_ready"]), names)
