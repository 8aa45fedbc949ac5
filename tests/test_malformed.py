"""Every malformed input gets one clear message: no traceback, no hang, no silent acceptance (issue 20).

The cases live in ``tests/malformed_cases.py`` (one defect each, applied to a fresh copy of ``data/``).
For each, the loader that reads the file must raise the course's own error (never another
exception), whose first problem names the file and matches the expected message; the message stays
short (no value repeated in full), and the whole check takes less than the stated time bound.
Legal edge cases (``expect=None``) must load.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from malformed_cases import ALL_CASES, Case, fresh_copy
from tracktwo.data import (
    DEFAULT_DATA_DIR,
    DataError,
    load_actors,
    load_all,
    load_events,
    load_glossary,
    load_institutions,
    load_package,
    load_periods,
    load_references,
    load_relations,
)
from tracktwo.data.content import ContentError, load_levels, load_scenarios
from tracktwo.data.limits import SHOWN_CHARS, TIME_BOUND_SECONDS
from tracktwo.exercises import ExerciseError, SubmissionError, exercise_widget, get_item, load_bank, score
from tracktwo.exercises.scoring import option_feedback

#: No message may be longer than this, however large the bad value (20 problems of ~300 chars).
MAX_MESSAGE = 8_000

_TABLES = {
    "periods": load_periods,
    "events": load_events,
    "actors": load_actors,
    "relations": load_relations,
    "institutions": load_institutions,
    "glossary": load_glossary,
}


def run_loader(loader: str, d: Path):
    if loader in _TABLES:
        return _TABLES[loader](d)
    if loader == "all":
        return load_all(d)
    if loader == "package":
        return load_package(d)
    if loader == "bib":
        return load_references(d)
    if loader == "levels":
        return load_levels(d / "part1_levels.yaml")
    if loader == "scenarios":
        return load_scenarios(d / "ripeness_scenarios.yaml")
    if loader.startswith("bank:"):
        return load_bank(d / "exercises" / f"{loader[5:]}.yaml")
    if loader == "channels":
        from tracktwo.maps.channels import load_channels

        return load_channels(d / "maps" / "channels.yaml")
    if loader == "notation":
        from tracktwo.maps.notation import load_notation

        return load_notation(d / "maps" / "notation.json")
    if loader == "plans":
        from tracktwo.workshop.plans import load_plans

        return load_plans(d / "workshop" / "plans.yaml")
    if loader == "simulation":
        from tracktwo.workshop.simulation import load_simulation

        return load_simulation(d / "workshop" / "simulation.yaml")
    raise AssertionError(loader)


def first_problem(err: Exception) -> str:
    if isinstance(err, DataError):
        return str(err.problems[0])
    return str(err).splitlines()[0]


def _expected_errors() -> tuple[type[Exception], ...]:
    from tracktwo.maps.channels import ChannelsError
    from tracktwo.maps.notation import NotationError
    from tracktwo.workshop.checked_yaml import WorkshopError

    return (DataError, ContentError, ExerciseError, ChannelsError, NotationError, WorkshopError)


_EXPECTED_ERROR = _expected_errors()


def check_case(case: Case, tmp_path: Path) -> float:
    d = fresh_copy(DEFAULT_DATA_DIR, tmp_path / "data")
    case.mutate(d)
    started = time.perf_counter()
    try:
        run_loader(case.loader, d)
    except _EXPECTED_ERROR as err:
        elapsed = time.perf_counter() - started
        message = str(err)
        assert case.expect is not None, f"{case.id}: a legal file was refused:\n{message[:2000]}"
        first = first_problem(err)
        assert re.search(case.expect, first), f"{case.id}: first problem does not match {case.expect!r}:\n{first[:2000]}"
        assert "Traceback" not in message and len(message) <= MAX_MESSAGE, (case.id, len(message))
        assert all(len(line) <= 700 for line in message.splitlines()), (case.id, message[:2000])
        if case.problems is not None:
            count = len(err.problems) if isinstance(err, DataError) else 1
            assert count == case.problems, f"{case.id}: {count} problems, expected {case.problems}:\n{message}"
        return elapsed
    elapsed = time.perf_counter() - started
    assert case.expect is None, f"{case.id}: the defect was accepted silently (expected {case.expect!r})"
    return elapsed


@pytest.mark.parametrize("case", ALL_CASES, ids=[c.id for c in ALL_CASES])
def test_malformed_input_gets_one_clear_message(case: Case, tmp_path: Path):
    elapsed = check_case(case, tmp_path)
    assert elapsed < TIME_BOUND_SECONDS, f"{case.id} took {elapsed:.2f} s"


def test_case_ids_are_unique_and_the_set_is_large():
    ids = [c.id for c in ALL_CASES]
    assert len(ids) == len(set(ids))
    assert len(ids) + len(LEARNER_CASES) >= 150


def test_every_file_format_is_covered():
    loaders = {c.loader.split(":")[0] for c in ALL_CASES}
    assert {
        "periods",
        "events",
        "actors",
        "relations",
        "institutions",
        "glossary",
        "all",
        "package",
        "bib",
        "levels",
        "scenarios",
        "bank",
        "channels",
        "notation",
        "plans",
        "simulation",
    } <= loaders


# ------------------------------------------------------------------------------------------------
# What a learner calls from a notebook: bad input becomes a message, never another exception
# ------------------------------------------------------------------------------------------------


def _single():
    return get_item("demo/oslo-talks")


def _multiple():
    return next(i for i in load_bank("demo").items.values() if i.type == "multiple")


def _classification():
    return next(i for i in load_bank("demo").items.values() if i.type == "classification")


def _ordering():
    return next(i for i in load_bank("demo").items.values() if i.type == "ordering")


HUGE = "z" * 10_000_000

LEARNER_CASES = [
    ("score-numpy-array-single", lambda: score(_single(), np.array(["two-to-one"])), r"has the wrong form"),
    ("score-numpy-0d", lambda: score(_single(), np.array("two-to-one")), r"Unknown option|has the wrong form|Score"),
    ("score-series-single", lambda: score(_single(), pd.Series(["a", "b"])), r"has the wrong form"),
    ("score-dataframe", lambda: score(_single(), pd.DataFrame({"a": [1]})), r"has the wrong form"),
    ("score-huge-string", lambda: score(_single(), HUGE), r"Unknown option 'z{20,}\.\.\.z+' in the answer"),
    ("score-number", lambda: score(_single(), 3.5), r"has the wrong form"),
    ("score-bytes", lambda: score(_single(), b"two-to-one"), r"has the wrong form"),
    ("score-not-an-item", lambda: score("demo/oslo-talks", "a"), r"is not an exercise"),
    ("score-multiple-numpy", lambda: score(_multiple(), np.array(["nope"])), r"Unknown option 'nope'"),
    ("score-multiple-series-of-numbers", lambda: score(_multiple(), pd.Series([1, 2])), r"has the wrong form"),
    ("score-multiple-huge-list", lambda: score(_multiple(), ["x" * 1000] * 100_000), r"Unknown option 'x+\.\.\.x*'"),
    ("score-multiple-nested", lambda: score(_multiple(), [["a"]]), r"has the wrong form"),
    ("score-classification-series", lambda: score(_classification(), pd.Series({"a": "b"})), r"wrong form|Unknown"),
    (
        "score-classification-huge-category",
        lambda: score(_classification(), {_classification().option_ids[0]: HUGE}),
        r"Unknown category 'z{20,}\.\.\.z+'",
    ),
    ("score-classification-list", lambda: score(_classification(), ["a"]), r"has the wrong form"),
    (
        "score-ordering-numpy-short",
        lambda: score(_ordering(), np.array(_ordering().option_ids[:1])),
        r"must list each of its \d+ items exactly once",
    ),
    ("score-ordering-string", lambda: score(_ordering(), "abc"), r"has the wrong form"),
    ("feedback-unknown-option", lambda: option_feedback(_single(), None, "nope", False), r"Unknown option 'nope'"),
    ("feedback-none-option", lambda: option_feedback(_single(), None, None, True), r"Unknown option"),
    ("feedback-huge-option", lambda: option_feedback(_single(), None, HUGE, True), r"Unknown option 'z+\.\.\.z+'"),
    ("item-option-unknown", lambda: _single().option("nope"), r"has no option 'nope'"),
    ("get-item-ten-thousand-char-bank", lambda: get_item("a" * 10_000 + "/x"), r"is not an exercise reference"),
    ("load-bank-ten-thousand-char-id", lambda: load_bank("a" * 10_000), r"'a{20,}\.\.\.a+' is not a bank id"),
    ("get-item-unknown-item", lambda: get_item("demo/" + "q" * 100), r"is not an exercise reference|no such item"),
    ("get-item-not-a-string", lambda: get_item(42), r"is not an exercise reference"),
    ("scenario-unknown-id", lambda: load_scenarios().scenario("x" * 10_000), r"no scenario card with id 'x+\.\.\.x+'"),
]


@pytest.mark.parametrize("call, expect", [(c, e) for _, c, e in LEARNER_CASES], ids=[i for i, _, _ in LEARNER_CASES])
def test_what_a_learner_calls_turns_bad_input_into_a_message(call, expect):
    started = time.perf_counter()
    try:
        result = call()
    except (ExerciseError, ContentError) as err:
        message = str(err)
        assert re.search(expect, message), message[:1000]
        assert len(message) <= 600, len(message)
    else:
        assert re.search(expect, repr(result)), result
    assert time.perf_counter() - started < TIME_BOUND_SECONDS


def test_a_submission_error_is_what_score_raises():
    with pytest.raises(SubmissionError):
        score(_single(), np.array(["two-to-one"]))


@pytest.mark.parametrize("ref", ["a" * 10_000, "demo/" + "b" * 10_000, "../etc/passwd", "", "demo/nope"])
def test_the_exercise_widget_shows_bad_references_in_place(ref):
    widget = exercise_widget(ref)
    assert type(widget).__name__ == "ErrorWidget"
    assert len(widget.value) < 1_000


def test_the_exercise_widget_shows_a_broken_bank_in_place(tmp_path):
    (tmp_path / "deep.yaml").write_text("[" * 20_000, encoding="utf-8")
    widget = exercise_widget("deep", bank_dir=tmp_path)
    assert type(widget).__name__ == "ErrorWidget"
    assert "deep.yaml" in widget.value and "is not valid YAML" in widget.value


def test_values_are_cut_to_a_readable_length():
    from tracktwo.data.problems import shorten

    assert len(shorten("v" * 10_000_000)) == SHOWN_CHARS
    assert shorten("a\x00b\nc") == "a\\x00b\\nc"
    assert shorten(list(range(10_000))) == "<list of 10,000 items>"
