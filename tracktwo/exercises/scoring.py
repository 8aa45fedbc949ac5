"""Scoring: pure functions, the one definition the page engine (exercises.js) mirrors.

A *response* has the same shape in Python, in the page and in the browser's saved answers:

============== ======================================= =========================================
type           response                                points (``max``)
============== ======================================= =========================================
single         ``"b"`` (one option id)                 1 if it is the answer, else 0 (max 1)
multiple       ``["a", "c"]`` (option ids)             correct picks minus wrong picks, floored
                                                       at 0 (max = number of correct options)
classification ``{"oslo": "t2", ...}`` (option id ->   items in the right category (max = number
               category id; unsorted items may be      of items); an unsorted item scores 0
               left out or given ``""``/``None``)
ordering       ``["a", "c", "b"]`` (every option id    items in the right position (max =
               once, first to last)                    number of items)
============== ======================================= =========================================

A response that cannot be scored raises :class:`~tracktwo.exercises.errors.SubmissionError` with a
message for the learner: empty (nothing chosen, nothing sorted), an unknown option or category id,
a repeated option, an ordering that leaves an item out, or the wrong shape. The page and the widget
show that message and keep the learner's answer.

Marks, per option: ``right``, ``wrong`` (chosen or placed wrongly), ``missed`` (a correct option not
chosen), ``blank`` (a classification item not sorted yet), ``none`` (a wrong option not chosen).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..data.problems import shorten
from .bank import Item
from .errors import SubmissionError
from .messages import STRINGS, fmt


@dataclass(frozen=True)
class Score:
    points: int
    max: int
    marks: dict[str, str] = field(default_factory=dict)

    @property
    def correct(self) -> bool:
        return self.points == self.max

    @property
    def fraction(self) -> float:
        return self.points / self.max if self.max else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {"points": self.points, "max": self.max, "marks": dict(self.marks), "correct": self.correct}


def _bad(item: Item, kind: str) -> SubmissionError:
    return SubmissionError(fmt("bad_response", exercise=item.ref, expected=STRINGS[f"expected_{kind}"]), exercise=item.ref)


def _unknown(item: Item, option: Any) -> SubmissionError:
    return SubmissionError(fmt("unknown_option", option=shorten(option, 60), exercise=item.ref), exercise=item.ref)


def _plain(response: Any) -> Any:
    """A response as plain Python: numpy arrays and pandas Series/Index become lists, a one-column
    DataFrame is refused as the wrong shape later; anything else is returned unchanged."""
    if isinstance(response, (str, bytes, list, tuple, Mapping)) or response is None:
        return response
    tolist = getattr(response, "tolist", None)
    if callable(tolist) and hasattr(response, "shape"):  # numpy array, pandas Series or Index
        try:
            value = tolist()
        except Exception:  # noqa: BLE001 - a strange object is the wrong shape, not a crash
            return response
        return value if isinstance(value, (list, str)) else response
    if isinstance(response, (set, frozenset)):
        return sorted(response, key=str)
    return response


def normalise(item: Item, response: Any) -> Any:
    """Check a response against its item and return it in canonical form, or raise SubmissionError.

    Anything can be passed (a numpy array, a Series, a 10 MB string): what cannot be scored raises
    SubmissionError with a short message, never another exception.
    """
    if not isinstance(item, Item):
        raise SubmissionError(f"{shorten(item, 60)} is not an exercise: pass the item from "
                              "get_item('bank/item')", field="item")
    response = _plain(response)
    if not (response is None or isinstance(response, (str, list, tuple, Mapping))):
        raise _bad(item, item.type if item.type in ("single", "multiple", "classification", "ordering")
                   else "single")
    ids = item.option_ids
    typ = item.type
    if typ == "single":
        if response is None or response == "":
            raise SubmissionError(STRINGS["empty_single"], exercise=item.ref)
        if not isinstance(response, str):
            raise _bad(item, "single")
        if response not in ids:
            raise _unknown(item, response)
        return response
    if typ == "multiple":
        if response is None:
            raise SubmissionError(STRINGS["empty_multiple"], exercise=item.ref)
        if isinstance(response, (str, bytes, Mapping)) or not isinstance(response, (list, tuple)):
            raise _bad(item, "multiple")
        if len(response) == 0:
            raise SubmissionError(STRINGS["empty_multiple"], exercise=item.ref)
        seen: list[str] = []
        for r in response:
            if not isinstance(r, str):
                raise _bad(item, "multiple")
            if r not in ids:
                raise _unknown(item, r)
            if r in seen:
                raise SubmissionError(fmt("duplicate_option", option=shorten(r, 60), exercise=item.ref),
                                      exercise=item.ref)
            seen.append(r)
        return seen
    if typ == "classification":
        if response is None:
            raise SubmissionError(STRINGS["empty_classification"], exercise=item.ref)
        if not isinstance(response, Mapping):
            raise _bad(item, "classification")
        placed: dict[str, str] = {}
        cats = item.category_ids
        for opt, cat in response.items():
            if cat is None or cat == "":
                continue
            if not isinstance(opt, str) or opt not in ids:
                raise _unknown(item, opt)
            if not isinstance(cat, str) or cat not in cats:
                raise SubmissionError(fmt("unknown_category", category=shorten(cat, 60), option=shorten(opt, 60),
                                          exercise=item.ref),
                                      exercise=item.ref)
            placed[opt] = cat
        if not placed:
            raise SubmissionError(STRINGS["empty_classification"], exercise=item.ref)
        return placed
    if typ == "ordering":
        if response is None or (isinstance(response, (list, tuple)) and len(response) == 0):
            raise SubmissionError(STRINGS["empty_ordering"], exercise=item.ref)
        if isinstance(response, (str, bytes, Mapping)) or not isinstance(response, (list, tuple)):
            raise _bad(item, "ordering")
        for r in response:
            if not isinstance(r, str):
                raise _bad(item, "ordering")
            if r not in ids:
                raise _unknown(item, r)
        if len(response) != len(ids) or len(set(response)) != len(response):
            raise SubmissionError(fmt("bad_ordering", exercise=item.ref, total=len(ids)), exercise=item.ref)
        return list(response)
    raise SubmissionError(fmt("unknown_type", exercise=item.ref, type=typ), exercise=item.ref, field="type")


def score(item: Item, response: Any) -> Score:
    """Score a response (see the module docstring for the rules)."""
    r = normalise(item, response)
    ids = item.option_ids
    marks: dict[str, str] = {}
    if item.type == "single":
        for oid in ids:
            if oid == r:
                marks[oid] = "right" if oid == item.answer else "wrong"
            else:
                marks[oid] = "missed" if oid == item.answer else "none"
        return Score(1 if r == item.answer else 0, 1, marks)
    if item.type == "multiple":
        correct = set(item.answer)
        chosen = set(r)
        for oid in ids:
            if oid in chosen:
                marks[oid] = "right" if oid in correct else "wrong"
            else:
                marks[oid] = "missed" if oid in correct else "none"
        right = len(chosen & correct)
        wrong = len(chosen - correct)
        return Score(max(0, right - wrong), len(correct), marks)
    if item.type == "classification":
        for oid in ids:
            placed = r.get(oid)
            marks[oid] = "blank" if placed is None else ("right" if placed == item.answer[oid] else "wrong")
        return Score(sum(m == "right" for m in marks.values()), len(ids), marks)
    # ordering
    for pos, oid in enumerate(r):
        marks[oid] = "right" if item.answer[pos] == oid else "wrong"
    marks = {oid: marks[oid] for oid in ids}
    return Score(sum(m == "right" for m in marks.values()), len(ids), marks)


def solution(item: Item) -> Any:
    """The response that scores full marks."""
    if item.type == "multiple":
        return list(item.answer)
    if item.type == "classification":
        return dict(item.answer)
    if item.type == "ordering":
        return list(item.answer)
    return item.answer


def initial_response(item: Item) -> Any:
    """What the controls hold before the learner does anything (ordering: the display order)."""
    return item.option_ids if item.type == "ordering" else None


def total(scores: list[Score]) -> tuple[int, int]:
    """Points and maximum over several checked exercises (a page or a bank)."""
    return sum(s.points for s in scores), sum(s.max for s in scores)


# ---------------------------------------------------------------------------------------------
# Feedback: what each option shows after Check or Show solution (the page engine mirrors this).


def option_feedback(item: Item, result: Score | None, option_id: str, solution_shown: bool) -> list[tuple[str, str]]:
    """Lines shown under one option: ``(kind, text)`` with kind ``right``, ``wrong``, ``info`` or ``feedback``.

    After Check: a chosen or placed option shows its mark; single and multiple choice show the
    chosen option's feedback, whether right or wrong; classification and ordering show the
    explanation only for an item in the right place (a wrong placement says so, without giving
    the answer away). Show solution adds the right answer and every explanation.
    """
    lines: list[tuple[str, str]] = []
    if not isinstance(option_id, str) or option_id not in item.option_ids:
        raise _unknown(item, option_id)
    opt = item.option(option_id)
    mark = result.marks.get(option_id) if result is not None else None
    typ = item.type
    if typ in ("single", "multiple"):
        if mark == "right":
            lines.append(("right", STRINGS["mark_right"]))
        elif mark == "wrong":
            lines.append(("wrong", STRINGS["mark_wrong"]))
        if solution_shown:
            correct = option_id in (item.answer if typ == "multiple" else (item.answer,))
            if mark not in ("right", "wrong"):
                lines.append(("right" if correct else "wrong",
                              STRINGS["solution_correct_option" if correct else "solution_wrong_option"]))
            lines.append(("feedback", opt.feedback))
        elif mark in ("right", "wrong"):
            lines.append(("feedback", opt.feedback))
        return lines
    if typ == "classification":
        if mark == "right":
            lines.append(("right", STRINGS["mark_right_category"]))
        elif mark == "wrong":
            lines.append(("wrong", STRINGS["mark_wrong_category"]))
        elif mark == "blank":
            lines.append(("wrong", STRINGS["mark_blank"]))
        if solution_shown:
            lines.append(("info", fmt("solution_category", category=item.category(item.answer[option_id]).text)))
        if solution_shown or mark == "right":
            lines.append(("feedback", opt.feedback))
        return lines
    # ordering
    if mark == "right":
        lines.append(("right", STRINGS["mark_right_place"]))
    elif mark == "wrong":
        lines.append(("wrong", STRINGS["mark_wrong_place"]))
    if solution_shown:
        lines.append(("info", fmt("solution_position", position=list(item.answer).index(option_id) + 1)))
    if solution_shown or mark == "right":
        lines.append(("feedback", opt.feedback))
    return lines


def summary(result: Score | None, solution_shown: bool) -> list[str]:
    """The lines announced in the exercise's status region after Check or Show solution."""
    lines: list[str] = []
    if result is not None:
        lines.append(fmt("score", points=result.points, max=result.max))
        if not solution_shown:
            if result.correct:
                lines.append(STRINGS["all_right"])
            elif result.points > 0:
                lines.append(STRINGS["some_right"])
            else:
                lines.append(STRINGS["none_right"])
    if solution_shown:
        lines.append(STRINGS["solution_shown"])
    return lines
