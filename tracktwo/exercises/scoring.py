"""Scoring: pure functions, the one definition the page engine (static/exercises.js) mirrors.

A *response* has the same shape in Python, in the page and in the browser's saved answers:

============== ======================================= =========================================
type           response                                points (``max``)
============== ======================================= =========================================
single         ``"b"`` (one option id)                 1 for the answer or an accepted
                                                       alternative, else 0 (max 1)
multiple       ``["a", "c"]`` (option ids)             correct picks minus wrong picks, floored
                                                       at 0 (max = number of correct options);
                                                       on an option with an ``accept`` entry,
                                                       either choice counts as correct
classification ``{"oslo": "t2", ...}`` (option id ->   items in the key's category or in an
               category id; unsorted items may be      accepted one (max = number of items);
               left out or given ``""``/``None``)      an unsorted item scores 0
ordering       ``["a", "c", "b"]`` (every option id    pairs of items in the right relative
               once, first to last)                    order (max = n(n-1)/2), so one slip
                                                       costs only the pairs it breaks
open           ``{"text": "...", "ticks": [0, 2]}``    self-assessed: the checklist points the
               (the learner's answer; the checklist    learner ticked (max = checklist length);
               points they ticked, by index)           never right or wrong
============== ======================================= =========================================

A response that cannot be scored raises :class:`~tracktwo.exercises.errors.SubmissionError` with a
message for the learner: empty (nothing chosen, nothing sorted), an unknown option or category id,
a repeated option, an ordering that leaves an item out, or the wrong shape. The page and the widget
show that message and keep the learner's answer. Messages name the exercise by its title, never by
its internal id.

Marks, per option: ``right``, ``accepted`` (differs from the key in a way an ``accept`` entry
allows: counts as right), ``wrong`` (chosen or placed wrongly; ordering: out of order),
``missed`` (a correct option not chosen), ``blank`` (a classification item not sorted yet),
``none`` (a wrong option not chosen), and for ordering ``shifted`` (in the right order relative to
the others, but not yet at its final position because an item marked ``wrong`` is in the way).
Ordering marks come from the longest run of items already in the right relative order (the
fewest items to move); for an open item, marks are per checklist point (``"0"``, ``"1"``...):
``ticked`` or ``none``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..data.problems import shorten
from .bank import Item
from .errors import SubmissionError
from .messages import STRINGS, fmt

#: Overall feedback by score band: the first ``(numerator, denominator, band)`` with
#: ``points / max >= numerator / denominator`` wins (integer arithmetic, so the page agrees
#: exactly); full marks are ``full`` and no points ``none``. Messages: ``band_<band>``.
BANDS: tuple[tuple[int, int, str], ...] = ((3, 4, "high"), (1, 2, "mid"), (0, 1, "low"))


@dataclass(frozen=True)
class Score:
    points: int
    max: int
    marks: dict[str, str] = field(default_factory=dict)
    #: The normalised response that was scored (feedback needs it, e.g. which category was chosen).
    response: Any = field(default=None, compare=False)

    @property
    def correct(self) -> bool:
        return self.points == self.max

    @property
    def fraction(self) -> float:
        return self.points / self.max if self.max else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {"points": self.points, "max": self.max, "marks": dict(self.marks), "correct": self.correct}


def _error(item: Item, key: str, **values: Any) -> SubmissionError:
    return SubmissionError(fmt(key, exercise=item.title, **values), exercise=item.ref)


def _bad(item: Item, kind: str) -> SubmissionError:
    return _error(item, "bad_response", expected=STRINGS[f"expected_{kind}"])


def _unknown(item: Item, option: Any) -> SubmissionError:
    return _error(item, "unknown_option", option=shorten(option, 60))


def _empty(item: Item) -> SubmissionError:
    return SubmissionError(STRINGS[f"empty_{item.type}"], exercise=item.ref)


def _is_list(x: Any) -> bool:
    return isinstance(x, (list, tuple))


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
        raise SubmissionError(f"{shorten(item, 60)} is not an exercise: pass the item from get_item('bank/item')", field="item")
    response = _plain(response)
    if not (response is None or isinstance(response, (str, list, tuple, Mapping))):
        raise _bad(item, item.type if f"expected_{item.type}" in STRINGS else "single")
    ids = item.option_ids
    typ = item.type
    if typ == "single":
        if response is None or response == "":
            raise _empty(item)
        if not isinstance(response, str):
            raise _bad(item, "single")
        if response not in ids:
            raise _unknown(item, response)
        return response
    if typ == "multiple":
        if response is None:
            raise _empty(item)
        if not _is_list(response):
            raise _bad(item, "multiple")
        if len(response) == 0:
            raise _empty(item)
        seen: list[str] = []
        for r in response:
            if not isinstance(r, str):
                raise _bad(item, "multiple")
            if r not in ids:
                raise _unknown(item, r)
            if r in seen:
                raise _error(item, "duplicate_option", option=shorten(r, 60))
            seen.append(r)
        return seen
    if typ == "classification":
        if response is None:
            raise _empty(item)
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
                raise _error(item, "unknown_category", category=shorten(cat, 60), option=shorten(opt, 60))
            placed[opt] = cat
        if not placed:
            raise _empty(item)
        return placed
    if typ == "ordering":
        if response is None or (_is_list(response) and len(response) == 0):
            raise _empty(item)
        if not _is_list(response):
            raise _bad(item, "ordering")
        for r in response:
            if not isinstance(r, str):
                raise _bad(item, "ordering")
            if r not in ids:
                raise _unknown(item, r)
        if len(response) != len(ids) or len(set(response)) != len(response):
            raise _error(item, "bad_ordering", total=len(ids))
        return list(response)
    if typ == "open":
        if response is None:
            return {"text": "", "ticks": []}
        if not isinstance(response, Mapping) or any(k not in ("text", "ticks") for k in response):
            raise _bad(item, "open")
        text = response.get("text", "")
        ticks = response.get("ticks", [])
        if not isinstance(text, str) or not _is_list(ticks):
            raise _bad(item, "open")
        out: list[int] = []
        for t in ticks:
            if isinstance(t, bool) or not isinstance(t, int):
                raise _bad(item, "open")
            if t < 0 or t >= len(item.checklist) or t in out:
                raise _error(item, "bad_tick", tick=t)
            out.append(t)
        return {"text": text, "ticks": sorted(out)}
    raise SubmissionError(fmt("unknown_type", exercise=item.title, type=typ), exercise=item.ref, field="type")


def reveal_problem(item: Item, response: Any) -> str | None:
    """Why an open item's checklist cannot be revealed yet (no answer written), or None."""
    r = normalise(item, response)
    return STRINGS["empty_open"] if not r["text"].strip() else None


def accepted(item: Item, option_id: str, category: str = "") -> str | None:
    """The rationale if ``option_id`` (classification: placed in ``category``) is an accepted alternative."""
    for a in item.accept:
        if a.option == option_id and a.category == category:
            return a.rationale
    return None


def in_order(correct_ranks: list[int]) -> list[bool]:
    """Which positions belong to the longest run already in the right relative order (longest
    increasing subsequence of the items' correct positions). Ties go to the earliest item, the
    same rule as the page engine's, so both mark the same items."""
    n = len(correct_ranks)
    length = [1] * n
    prev = [-1] * n
    for i in range(n):
        for j in range(i):
            if correct_ranks[j] < correct_ranks[i] and length[j] + 1 > length[i]:
                length[i] = length[j] + 1
                prev[i] = j
    keep = [False] * n
    if n:
        best = max(length)
        i = length.index(best)
        while i >= 0:
            keep[i] = True
            i = prev[i]
    return keep


def score(item: Item, response: Any) -> Score:
    """Score a response (see the module docstring for the rules)."""
    r = normalise(item, response)
    ids = item.option_ids
    marks: dict[str, str] = {}
    if item.type == "single":
        ok = r == item.answer or accepted(item, r) is not None
        for oid in ids:
            if oid == r:
                marks[oid] = "right" if oid == item.answer else ("accepted" if ok else "wrong")
            else:
                marks[oid] = "missed" if oid == item.answer and not ok else "none"
        return Score(1 if ok else 0, 1, marks, r)
    if item.type == "multiple":
        correct = set(item.answer)
        chosen = set(r)
        points = 0
        for oid in ids:
            either = accepted(item, oid) is not None
            if oid in chosen:
                marks[oid] = "right" if oid in correct else ("accepted" if either else "wrong")
            else:
                marks[oid] = ("accepted" if either else "missed") if oid in correct else "none"
            if marks[oid] == "wrong":
                points -= 1
            elif oid in correct and marks[oid] in ("right", "accepted"):
                points += 1
        return Score(max(0, points), len(correct), marks, r)
    if item.type == "classification":
        for oid in ids:
            placed = r.get(oid)
            if placed is None:
                marks[oid] = "blank"
            elif placed == item.answer[oid]:
                marks[oid] = "right"
            else:
                marks[oid] = "accepted" if accepted(item, oid, placed) is not None else "wrong"
        return Score(sum(m in ("right", "accepted") for m in marks.values()), len(ids), marks, r)
    if item.type == "open":
        ticked = set(r["ticks"])
        marks = {str(i): ("ticked" if i in ticked else "none") for i in range(len(item.checklist))}
        return Score(len(ticked), len(item.checklist), marks, r)
    # ordering: every pair (earlier, later) in the response is right if the key has them that way round
    key = list(item.answer)
    ranks = [key.index(oid) for oid in r]
    pairs = sum(ranks[i] < ranks[j] for i in range(len(ranks)) for j in range(i + 1, len(ranks)))
    keep = in_order(ranks)
    for pos, oid in enumerate(r):
        marks[oid] = ("right" if ranks[pos] == pos else "shifted") if keep[pos] else "wrong"
    n = len(ids)
    return Score(pairs, n * (n - 1) // 2, {oid: marks[oid] for oid in ids}, r)


def solution(item: Item) -> Any:
    """The response that scores full marks (an open item: every checklist point ticked)."""
    if item.type in ("multiple", "ordering"):
        return list(item.answer)
    if item.type == "classification":
        return dict(item.answer)
    if item.type == "open":
        return {"text": "", "ticks": list(range(len(item.checklist)))}
    return item.answer


def initial_response(item: Item) -> Any:
    """What the controls hold before the learner does anything (ordering: the display order)."""
    if item.type == "ordering":
        return item.option_ids
    if item.type == "open":
        return {"text": "", "ticks": []}
    return None


def total(scores: list[Score]) -> tuple[int, int]:
    """Points and maximum over several checked exercises (a page or a bank)."""
    return sum(s.points for s in scores), sum(s.max for s in scores)


def band(points: int, maximum: int) -> str:
    """The score band of a result: ``full``, ``none`` or the first of :data:`BANDS` it reaches."""
    if points == maximum:
        return "full"
    if points == 0:
        return "none"
    for num, den, name in BANDS:
        if points * den >= maximum * num:
            return name
    return "low"


# ---------------------------------------------------------------------------------------------
# Feedback: what each option shows after Check or Show solution (the page engine mirrors this).


def option_feedback(item: Item, result: Score | None, option_id: str, solution_shown: bool) -> list[tuple[str, str]]:
    """Lines shown under one option: ``(kind, text)``, kind one of ``right``, ``wrong``,
    ``accepted``, ``info``, ``clue`` or ``feedback``.

    After Check: a chosen or placed option shows its mark. Single and multiple choice show the
    chosen option's feedback, right or wrong, except that a wrongly chosen option with a ``clue``
    shows the clue instead (its feedback would give the answer away). An accepted alternative
    shows the rationale. Classification and ordering show the explanation only for an item in the
    right place (or order); a misplaced item says so, with its clue if it has one, without giving
    the answer away. Show solution adds the right answer, the accepted alternatives with their
    rationale, and every explanation. (Clues of missed options are in :func:`summary`, because a
    line under the option would say which one to choose.)
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
        elif mark == "accepted":
            lines.append(("accepted", STRINGS["mark_accepted"]))
            lines.append(("feedback", accepted(item, option_id)))
        elif mark == "wrong":
            lines.append(("wrong", STRINGS["mark_wrong"]))
        if solution_shown:
            correct = option_id in (item.answer if typ == "multiple" else (item.answer,))
            if mark not in ("right", "wrong", "accepted"):
                lines.append(
                    ("right" if correct else "wrong", STRINGS["solution_correct_option" if correct else "solution_wrong_option"])
                )
            rationale = accepted(item, option_id)
            if rationale is not None and mark != "accepted":
                lines.append(("accepted", STRINGS["solution_accepted_option"]))
                lines.append(("feedback", rationale))
            lines.append(("feedback", opt.feedback))
        elif mark == "right":
            lines.append(("feedback", opt.feedback))
        elif mark == "wrong":
            lines.append(("clue", fmt("clue", clue=opt.clue)) if opt.clue else ("feedback", opt.feedback))
        return lines
    if typ == "classification":
        placed = result.response.get(option_id) if mark == "accepted" else None
        if mark == "right":
            lines.append(("right", STRINGS["mark_right_category"]))
        elif mark == "accepted":
            lines.append(("accepted", STRINGS["mark_accepted_category"]))
            lines.append(("feedback", accepted(item, option_id, placed)))
        elif mark == "wrong":
            lines.append(("wrong", STRINGS["mark_wrong_category"]))
            if opt.clue and not solution_shown:
                lines.append(("clue", fmt("clue", clue=opt.clue)))
        elif mark == "blank":
            lines.append(("wrong", STRINGS["mark_blank"]))
        if solution_shown:
            lines.append(("info", fmt("solution_category", category=item.category(item.answer[option_id]).text)))
            for a in item.accept:
                if a.option == option_id and a.category != placed:
                    lines.append(("accepted", fmt("solution_also_accepted", category=item.category(a.category).text)))
                    lines.append(("feedback", a.rationale))
        if solution_shown or mark == "right":
            lines.append(("feedback", opt.feedback))
        return lines
    # ordering
    if mark == "right":
        lines.append(("right", STRINGS["mark_right_place"]))
    elif mark == "shifted":
        lines.append(("right", STRINGS["mark_in_order"]))
    elif mark == "wrong":
        lines.append(("wrong", STRINGS["mark_wrong_place"]))
        if opt.clue and not solution_shown:
            lines.append(("clue", fmt("clue", clue=opt.clue)))
    if solution_shown:
        lines.append(("info", fmt("solution_position", position=list(item.answer).index(option_id) + 1)))
    if solution_shown or mark in ("right", "shifted"):
        lines.append(("feedback", opt.feedback))
    return lines


def summary(item: Item, result: Score | None, solution_shown: bool) -> list[str]:
    """The lines announced in the exercise's status region after Check (or Show checklist) or Show solution."""
    lines: list[str] = []
    if item.type == "open":
        if result is not None:
            lines.append(fmt("self_check", points=result.points, max=result.max))
            level = band(result.points, result.max)
            lines.append(STRINGS["open_" + ("full" if level == "full" else "none" if level == "none" else "some")])
        return lines
    if result is not None:
        lines.append(fmt("score", points=result.points, max=result.max))
        if item.type == "ordering":
            lines.append(fmt("pairs_in_order", points=result.points, max=result.max))
        if not solution_shown:
            lines.append(STRINGS["band_" + band(result.points, result.max)])
            if "accepted" in result.marks.values():
                lines.append(STRINGS["accepted_note"])
            if item.type in ("single", "multiple"):
                for o in item.options:
                    if result.marks.get(o.id) == "missed" and o.clue:
                        lines.append(fmt("clue", clue=o.clue))
    if solution_shown:
        lines.append(STRINGS["solution_shown"])
    return lines
