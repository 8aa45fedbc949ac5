"""Exercise engine, without a browser: banks and their schema, scoring (accepted alternatives,
clues, partial credit for order, open items), the three editions of the HTML, the JupyterLab
widget, the build-time message table, and (with Node.js, if installed) agreement of the page
engine's scoring with Python's on every possible answer to the demonstration bank."""

from __future__ import annotations

import html
import itertools
import json
import random
import re
import subprocess
from pathlib import Path

import jsonschema
import pytest
import yaml

from tracktwo.exercises import (
    BankError,
    ExerciseError,
    SubmissionError,
    exercise_widget,
    get_item,
    load_bank,
    render_item,
    resolve,
    score,
    solution,
)
from tracktwo.exercises.bank import BANK_DIR, CHOICE_TYPES, SCHEMA_PATH, TYPES, all_banks, parse_ref
from tracktwo.exercises.messages import STRINGS, fmt
from tracktwo.exercises.render import EDITIONS
from tracktwo.exercises.scoring import BANDS, band, in_order, initial_response, option_feedback, reveal_problem, summary
from tracktwo.exercises.static import engine_keys, messages_script

from support import node_or_skip

ROOT = Path(__file__).resolve().parent.parent
JS = ROOT / "tracktwo" / "exercises" / "static" / "exercises.js"


@pytest.fixture(scope="module")
def demo():
    return load_bank("demo")


# ------------------------------------------------------------------------------------ the banks


def test_every_bank_in_data_exercises_is_valid():
    banks = all_banks()
    assert banks, "no bank found under data/exercises/"
    for path in banks:
        bank = load_bank(path)
        assert bank.id == path.stem


def test_the_schema_is_a_valid_json_schema():
    jsonschema.Draft202012Validator.check_schema(json.loads(SCHEMA_PATH.read_text()))


def test_the_demo_bank_has_items_of_each_type_and_feature(demo):
    counts = {t: sum(i.type == t for i in demo.items.values()) for t in TYPES}
    assert all(counts[t] >= 2 for t in CHOICE_TYPES) and counts["open"] >= 1, counts
    with_accept = {i.type for i in demo.items.values() if i.accept}
    with_clue = {i.type for i in demo.items.values() if any(o.clue for o in i.options)}
    assert with_accept == {"single", "multiple", "classification"}
    assert {"single", "multiple", "classification", "ordering"} <= with_clue


def test_every_feedback_in_the_demo_bank_cites_a_section_of_the_brief(demo):
    for item in demo.items.values():
        for option in item.options:
            assert re.search(r"\(?(the brief|brief's)[^.]*Sec\. \d|Sec\. \d", option.feedback), (item.ref, option.id)


def test_the_ordering_items_start_unsolved(demo):
    for item in demo.items.values():
        if item.type == "ordering":
            assert not score(item, initial_response(item)).correct, item.ref


# ------------------------------------------------------------------------------------ scoring


def test_single_choice(demo):
    item = demo["oslo-talks"]
    assert score(item, "two-to-one").as_dict() == {
        "points": 1,
        "max": 1,
        "correct": True,
        "marks": {"one-to-two": "none", "two-to-one": "right", "three": "none", "fixed-15": "none"},
    }
    wrong = score(item, "three")
    assert (wrong.points, wrong.max, wrong.marks["three"], wrong.marks["two-to-one"]) == (0, 1, "wrong", "missed")


def test_multiple_choice_is_correct_picks_minus_wrong_picks_floored_at_zero(demo):
    item = demo["track-15-features"]  # correct: private-capacity, pre-negotiation, non-official-host
    assert (
        score(item, ["private-capacity", "pre-negotiation", "non-official-host"]).points,
        score(item, ["pre-negotiation"]).max,
    ) == (3, 3)
    assert score(item, ["private-capacity", "pre-negotiation"]).points == 2
    assert score(item, ["private-capacity", "pre-negotiation", "advocacy"]).points == 1
    assert score(item, ["private-capacity", "advocacy"]).points == 0
    assert score(item, ["advocacy", "facilitator-proposes"]).points == 0  # floored, not -2
    assert score(item, item.option_ids).points == 1  # 3 right - 2 wrong
    marks = score(item, ["private-capacity", "advocacy"]).marks
    assert marks == {
        "private-capacity": "right",
        "advocacy": "wrong",
        "pre-negotiation": "missed",
        "facilitator-proposes": "none",
        "non-official-host": "missed",
    }


def test_classification_counts_items_in_the_right_category(demo):
    item = demo["which-track"]
    assert score(item, solution(item)).points == 4
    partial = score(item, {"jicm": "track-1", "mi-liaison": "track-2", "cso-agenda": ""})
    assert (partial.points, partial.max) == (1, 4)
    assert partial.marks == {"jicm": "right", "mi-liaison": "wrong", "cso-agenda": "blank", "yangon-cso-meetings": "blank"}


def test_ordering_counts_pairs_in_the_right_relative_order(demo):
    item = demo["myanmar-turning-points"]  # 6 items: 15 pairs
    right = list(item.answer)
    assert (score(item, right).points, score(item, right).max) == (15, 15)
    swapped = right[:]
    swapped[0], swapped[1] = swapped[1], swapped[0]
    result = score(item, swapped)
    assert (result.points, result.max) == (14, 15)  # one pair broken
    assert result.marks["coup-1962"] == "wrong" and result.marks["uprising-1988"] == "shifted"
    assert result.marks["nca"] == "right"
    assert score(item, list(reversed(right))).points == 0


def test_one_early_slip_no_longer_zeroes_the_rest(demo):
    item = demo["myanmar-turning-points"]
    slip = [item.answer[-1]] + list(item.answer[:-1])  # the last event put first
    result = score(item, slip)
    assert (result.points, result.max) == (10, 15)  # 5 broken pairs, all involving the one slip
    assert [oid for oid, m in result.marks.items() if m == "wrong"] == [item.answer[-1]]
    assert {result.marks[o] for o in item.answer[:-1]} == {"shifted"}
    lines = option_feedback(item, result, item.answer[-1], False)
    assert lines[0] == ("wrong", STRINGS["mark_wrong_place"])
    assert summary(item, result, False) == ["Score: 10 of 15.", fmt("pairs_in_order", points=10, max=15), STRINGS["band_mid"]]


def test_ordering_clue_is_shown_for_an_item_out_of_order(demo):
    item = demo["governments-in-order"]
    result = score(item, ["usdp", "junta", "nld", "sac"])
    assert (result.points, result.max) == (5, 6)
    assert option_feedback(item, result, "junta", False) == [
        ("wrong", STRINGS["mark_wrong_place"]),
        ("clue", fmt("clue", clue=item.option("junta").clue)),
    ]
    assert ("feedback", item.option("usdp").feedback) in option_feedback(item, result, "usdp", False)
    assert all(line[0] != "clue" for line in option_feedback(item, result, "junta", True))


@pytest.mark.parametrize(
    "ranks, keep",
    [
        ([], []),
        ([0], [True]),
        ([1, 0, 2, 3], [True, False, True, True]),
        ([3, 0, 1, 2], [False, True, True, True]),
        ([2, 1, 0], [True, False, False]),
        ([0, 2, 1, 3], [True, True, False, True]),
    ],
)
def test_in_order_keeps_a_longest_run_earliest_first(ranks, keep):
    assert in_order(ranks) == keep


@pytest.mark.parametrize(
    "points, maximum, expected",
    [
        (4, 4, "full"),
        (0, 4, "none"),
        (3, 4, "high"),
        (14, 15, "high"),
        (2, 4, "mid"),
        (1, 4, "low"),
        (1, 15, "low"),
    ],
)
def test_score_bands(points, maximum, expected):
    assert band(points, maximum) == expected
    assert expected in ("full", "none") or expected in [b[2] for b in BANDS]


# ------------------------------------------------------------------------------------ accepted alternatives


def test_single_choice_accepts_a_defensible_alternative(demo):
    item = demo["yangon-meetings-track"]
    result = score(item, "track-15")
    assert (result.points, result.max, result.correct) == (1, 1, True)
    assert result.marks == {"track-1": "none", "track-15": "accepted", "track-2": "none", "track-3": "none"}
    rationale = item.accept[0].rationale
    assert option_feedback(item, result, "track-15", False) == [("accepted", STRINGS["mark_accepted"]), ("feedback", rationale)]
    assert option_feedback(item, result, "track-2", False) == []  # the key is not a "miss"
    assert STRINGS["accepted_note"] in summary(item, result, False)
    solved = option_feedback(item, score(item, "track-2"), "track-15", True)
    assert ("accepted", STRINGS["solution_accepted_option"]) in solved and ("feedback", rationale) in solved


def test_single_choice_clue_replaces_feedback_that_would_give_the_answer_away(demo):
    item = demo["yangon-meetings-track"]
    result = score(item, "track-1")
    assert result.points == 0
    assert option_feedback(item, result, "track-1", False) == [
        ("wrong", STRINGS["mark_wrong"]),
        ("clue", fmt("clue", clue=item.option("track-1").clue)),
    ]
    assert item.option("track-1").feedback not in str(option_feedback(item, result, "track-1", False))


def test_multiple_choice_either_choice_on_an_accepted_option_counts(demo):
    item = demo["post-coup-track-15"]  # key: nca-groups-nspc, covid-contact; either: yangon-meetings
    assert score(item, ["nca-groups-nspc", "covid-contact"]).points == 2
    with_alt = score(item, ["nca-groups-nspc", "covid-contact", "yangon-meetings"])
    assert (with_alt.points, with_alt.max, with_alt.marks["yangon-meetings"]) == (2, 2, "accepted")
    assert option_feedback(item, with_alt, "yangon-meetings", False)[1] == ("feedback", item.accept[0].rationale)
    wrong = score(item, ["nca-groups-nspc", "official-nca-talks"])
    assert (wrong.points, wrong.marks["official-nca-talks"], wrong.marks["covid-contact"]) == (0, "wrong", "missed")
    clue = fmt("clue", clue=item.option("official-nca-talks").clue)
    assert option_feedback(item, wrong, "official-nca-talks", False)[1] == ("clue", clue)


def test_classification_accepts_the_alternative_category_with_its_rationale(demo):
    item = demo["which-track-contested"]
    result = score(item, {"jicm": "track-1", "mi-liaison": "track-15", "yangon-meetings": "track-15"})
    assert (result.points, result.max, result.correct) == (3, 3, True)
    assert result.marks["yangon-meetings"] == "accepted"
    assert option_feedback(item, result, "yangon-meetings", False) == [
        ("accepted", STRINGS["mark_accepted_category"]),
        ("feedback", item.accept[0].rationale),
    ]
    wrong = score(item, {"jicm": "track-2", "yangon-meetings": "track-1"})
    assert wrong.marks == {"jicm": "wrong", "mi-liaison": "blank", "yangon-meetings": "wrong"}
    assert option_feedback(item, wrong, "jicm", False)[1] == ("clue", fmt("clue", clue=item.option("jicm").clue))
    assert option_feedback(item, wrong, "yangon-meetings", False) == [("wrong", STRINGS["mark_wrong_category"])]
    solved = option_feedback(item, wrong, "yangon-meetings", True)
    assert ("accepted", fmt("solution_also_accepted", category="Track 1.5")) in solved


# ------------------------------------------------------------------------------------ open items


def test_an_open_item_is_self_assessed_by_ticks(demo):
    item = demo["weigh-first-recommendation"]
    assert reveal_problem(item, {"text": "  ", "ticks": []}) == STRINGS["empty_open"]
    assert reveal_problem(item, None) == STRINGS["empty_open"]
    assert reveal_problem(item, {"text": "They would help manage it."}) is None
    result = score(item, {"text": "x", "ticks": [2, 0]})
    assert (result.points, result.max) == (2, 3)
    assert result.marks == {"0": "ticked", "1": "none", "2": "ticked"}
    assert summary(item, result, False) == [fmt("self_check", points=2, max=3), STRINGS["open_some"]]
    assert summary(item, score(item, {"text": "x", "ticks": [0, 1, 2]}), False)[1] == STRINGS["open_full"]
    assert summary(item, None, False) == []


@pytest.mark.parametrize(
    "response, fragment",
    [
        ({"text": "x", "ticks": [3]}, "Checklist point 3 does not exist"),
        ({"text": "x", "ticks": [0, 0]}, "Checklist point 0 does not exist"),
        ({"text": "x", "ticks": ["0"]}, "expected the answer text and the ticked checklist points"),
        ({"text": 5}, "expected the answer text"),
        ({"text": "x", "extra": 1}, "expected the answer text"),
        ("just text", "expected the answer text"),
    ],
)
def test_a_malformed_open_response_is_refused(demo, response, fragment):
    with pytest.raises(SubmissionError, match=fragment):
        score(demo["weigh-first-recommendation"], response)


@pytest.mark.parametrize(
    "ref, response, expected",
    [
        ("demo/oslo-talks", None, STRINGS["empty_single"]),
        ("demo/oslo-talks", "", STRINGS["empty_single"]),
        ("demo/track-15-features", [], STRINGS["empty_multiple"]),
        ("demo/track-15-features", None, STRINGS["empty_multiple"]),
        ("demo/which-track", {}, STRINGS["empty_classification"]),
        ("demo/which-track", {"jicm": "", "mi-liaison": None}, STRINGS["empty_classification"]),
        ("demo/myanmar-turning-points", [], STRINGS["empty_ordering"]),
    ],
)
def test_an_empty_submission_gets_a_clear_message(ref, response, expected):
    with pytest.raises(SubmissionError) as info:
        score(get_item(ref), response)
    assert str(info.value) == expected


@pytest.mark.parametrize(
    "ref, response, fragment",
    [
        ("demo/oslo-talks", "zzz", "Unknown option 'zzz' in the answer to \u201cHow the Oslo talks changed track\u201d"),
        (
            "demo/track-15-features",
            ["advocacy", "zzz"],
            "Unknown option 'zzz' in the answer to \u201cWhat makes a dialogue Track 1.5\u201d",
        ),
        ("demo/track-15-features", ["advocacy", "advocacy"], "Option 'advocacy' appears more than once"),
        (
            "demo/which-track",
            {"zzz": "track-1"},
            "Unknown option 'zzz' in the answer to \u201cWhich track is this dialogue?\u201d",
        ),
        ("demo/which-track", {"jicm": "track-9"}, "Unknown category 'track-9' for item 'jicm' in the answer to \u201cWhich"),
        ("demo/myanmar-turning-points", ["nca", "zzz"], "Unknown option 'zzz'"),
        ("demo/myanmar-turning-points", ["nca", "coup-1962"], "must list each of its 6 items exactly once"),
        ("demo/oslo-talks", ["two-to-one"], "has the wrong form: expected one option id"),
        ("demo/track-15-features", "advocacy", "expected a list of option ids"),
        ("demo/which-track", ["jicm"], "expected a mapping from item ids to category ids"),
        ("demo/myanmar-turning-points", "nca", "expected a list of all the item ids"),
    ],
)
def test_a_bad_submission_names_the_exercise_and_the_problem(ref, response, fragment):
    with pytest.raises(SubmissionError) as info:
        score(get_item(ref), response)
    assert fragment in str(info.value)
    assert info.value.exercise == ref
    assert ref not in str(info.value)  # learners never see internal ids
    assert isinstance(info.value, ExerciseError)


def test_feedback_after_check_and_after_show_solution(demo):
    single = demo["oslo-talks"]
    result = score(single, "three")
    wrong_three = (
        ("clue", fmt("clue", clue=single.option("three").clue))
        if single.option("three").clue
        else ("feedback", single.option("three").feedback)
    )
    assert option_feedback(single, result, "three", False) == [("wrong", STRINGS["mark_wrong"]), wrong_three]
    assert option_feedback(single, result, "two-to-one", False) == []  # not given away before the solution
    assert option_feedback(single, result, "two-to-one", True)[0] == ("right", STRINGS["solution_correct_option"])
    cls = demo["which-track"]
    result = score(cls, {"jicm": "track-2"})
    clue = cls.option("jicm").clue
    assert option_feedback(cls, result, "jicm", False) == [("wrong", STRINGS["mark_wrong_category"])] + (
        [("clue", fmt("clue", clue=clue))] if clue else []
    )
    assert ("info", "Belongs in: Track One.") in option_feedback(cls, result, "jicm", True)
    assert summary(cls, result, False) == ["Score: 0 of 4.", STRINGS["band_none"]]
    assert summary(cls, None, True) == [STRINGS["solution_shown"]]


# ------------------------------------------------------------------------------------ references


def test_references_resolve_to_one_item_or_a_whole_bank(demo):
    assert [i.ref for i in resolve("demo/readiness")] == ["demo/readiness"]
    assert len(resolve("demo")) == len(demo.items)
    assert parse_ref("demo/oslo-talks") == ("demo", "oslo-talks")


@pytest.mark.parametrize(
    "ref, fragment",
    [
        ("demo/nope", "demo.yaml: item 'nope': no such item in bank 'demo'"),
        ("nope/x", "nope.yaml: no such exercise bank"),
        ("Demo/x", "is not an exercise reference"),
        ("demo/a/b", "is not an exercise reference"),
    ],
)
def test_a_bad_reference_gets_a_clear_message(ref, fragment):
    with pytest.raises(ExerciseError) as info:
        resolve(ref)
    assert fragment in str(info.value)


# ------------------------------------------------------------------------------------ malformed banks


def _bank_text(**changes) -> dict:
    """A small valid bank (one item of each type), as data, with ``changes`` applied to items by id."""
    bank = {
        "bank": "mini",
        "title": "Mini bank",
        "objectives": {"obj": "An objective."},
        "items": [
            {
                "id": "one",
                "type": "single",
                "title": "T",
                "prompt": "P?",
                "objective": "obj",
                "skill": "recall",
                "options": [{"id": "a", "text": "A", "feedback": "Yes."}, {"id": "b", "text": "B", "feedback": "No."}],
                "answer": "a",
            },
            {
                "id": "many",
                "type": "multiple",
                "title": "T",
                "prompt": "P?",
                "objective": "obj",
                "skill": "recall",
                "options": [{"id": "a", "text": "A", "feedback": "Yes."}, {"id": "b", "text": "B", "feedback": "No."}],
                "answer": ["a"],
            },
            {
                "id": "sort",
                "type": "classification",
                "title": "T",
                "prompt": "P?",
                "objective": "obj",
                "skill": "recall",
                "categories": [{"id": "x", "text": "X"}, {"id": "y", "text": "Y"}],
                "options": [{"id": "a", "text": "A", "feedback": "X."}, {"id": "b", "text": "B", "feedback": "Y."}],
                "answer": {"a": "x", "b": "y"},
            },
            {
                "id": "order",
                "type": "ordering",
                "title": "T",
                "prompt": "P?",
                "objective": "obj",
                "skill": "recall",
                "sequence": "time",
                "options": [{"id": "b", "text": "B", "feedback": "2nd."}, {"id": "a", "text": "A", "feedback": "1st."}],
                "answer": ["a", "b"],
            },
            {
                "id": "essay",
                "type": "open",
                "title": "T",
                "prompt": "P?",
                "objective": "obj",
                "skill": "recall",
                "checklist": ["Says X.", "Says Y."],
                "model_answer": {"text": MINI_MODEL, "why": "It says X and Y, with reasons (the checklist)."},
            },
        ],
    }
    return bank


#: A model answer of the right length (80-250 words) for the mini bank's open item.
MINI_MODEL = " ".join(["The brief says X (Sec. 1), and Y follows from it (Sec. 2)."] * 8)


def _write(tmp_path: Path, data, name: str = "mini.yaml") -> Path:
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else yaml.safe_dump(data, sort_keys=False))
    return path


def _item(bank: dict, item_id: str) -> dict:
    return next(i for i in bank["items"] if i["id"] == item_id)


def test_the_mini_bank_is_valid(tmp_path):
    bank = load_bank(_write(tmp_path, _bank_text()))
    assert len(bank.items) == 5


def _mutations():
    def drop_answer(b):
        del _item(b, "one")["answer"]

    def unknown_single(b):
        _item(b, "one")["answer"] = "zz"

    def unknown_multiple(b):
        _item(b, "many")["answer"] = ["a", "zz"]

    def wrong_type(b):
        _item(b, "one")["type"] = "dragdrop"

    def answer_shape(b):
        _item(b, "many")["answer"] = "a"

    def blank_feedback(b):
        _item(b, "one")["options"][1]["feedback"] = "   "

    def no_feedback(b):
        del _item(b, "one")["options"][1]["feedback"]

    def no_categories(b):
        del _item(b, "sort")["categories"]

    def unknown_category(b):
        _item(b, "sort")["answer"]["b"] = "z"

    def unsorted_option(b):
        del _item(b, "sort")["answer"]["b"]

    def solved_ordering(b):
        _item(b, "order")["options"].reverse()

    def short_ordering(b):
        _item(b, "order")["options"].append({"id": "c", "text": "C", "feedback": "3rd."})

    def duplicate_item(b):
        _item(b, "many")["id"] = "one"

    def duplicate_option(b):
        _item(b, "one")["options"][1]["id"] = "a"

    def unknown_objective(b):
        _item(b, "one")["objective"] = "nope"

    def typo_field(b):
        _item(b, "one")["anwser"] = _item(b, "one").pop("answer")

    def bad_id(b):
        _item(b, "one")["id"] = "Bad Id"

    def numeric_id(b):
        _item(b, "one")["options"][0]["id"] = 1962

    def categories_on_single(b):
        _item(b, "one")["categories"] = [{"id": "x", "text": "X"}, {"id": "y", "text": "Y"}]

    def bank_mismatch(b):
        b["bank"] = "other"

    def accept_unknown_option(b):
        _item(b, "one")["accept"] = [{"option": "zz", "rationale": "R."}]

    def accept_unknown_category(b):
        _item(b, "sort")["accept"] = [{"option": "a", "category": "zz", "rationale": "R."}]

    def accept_without_category(b):
        _item(b, "sort")["accept"] = [{"option": "a", "rationale": "R."}]

    def accept_key_category(b):
        _item(b, "sort")["accept"] = [{"option": "a", "category": "x", "rationale": "R."}]

    def accept_the_key(b):
        _item(b, "one")["accept"] = [{"option": "a", "rationale": "R."}]

    def accept_category_on_single(b):
        _item(b, "one")["accept"] = [{"option": "b", "category": "x", "rationale": "R."}]

    def accept_twice(b):
        _item(b, "many")["accept"] = [{"option": "b", "rationale": "R."}, {"option": "b", "rationale": "S."}]

    def accept_no_rationale(b):
        _item(b, "many")["accept"] = [{"option": "b"}]

    def accept_on_ordering(b):
        _item(b, "order")["accept"] = [{"option": "a", "rationale": "R."}]

    def open_with_options(b):
        _item(b, "essay")["options"] = [{"id": "a", "text": "A", "feedback": "Yes."}]

    def open_with_answer(b):
        _item(b, "essay")["answer"] = "a"

    def open_without_checklist(b):
        del _item(b, "essay")["checklist"]

    def open_short_checklist(b):
        _item(b, "essay")["checklist"] = ["Only one."]

    def open_repeated_point(b):
        _item(b, "essay")["checklist"] = ["Says X.", "Says  X."]

    def checklist_on_single(b):
        _item(b, "one")["checklist"] = ["A.", "B."]

    def blank_clue(b):
        _item(b, "one")["options"][0]["clue"] = " "

    def open_without_model_answer(b):
        del _item(b, "essay")["model_answer"]

    def model_answer_as_text(b):
        _item(b, "essay")["model_answer"] = MINI_MODEL

    def model_answer_without_why(b):
        del _item(b, "essay")["model_answer"]["why"]

    def model_answer_typo(b):
        _item(b, "essay")["model_answer"]["whyy"] = _item(b, "essay")["model_answer"].pop("why")

    def model_answer_too_short(b):
        _item(b, "essay")["model_answer"]["text"] = "Says X and Y (Sec. 1)."

    def model_answer_too_long(b):
        _item(b, "essay")["model_answer"]["text"] = MINI_MODEL * 3

    def model_why_too_long(b):
        _item(b, "essay")["model_answer"]["why"] = "It says X. It says Y. It cites the brief. It keeps the hedges."

    def model_answer_on_single(b):
        _item(b, "one")["model_answer"] = {"text": MINI_MODEL, "why": "Because."}

    def fact_id_in_checklist(b):
        _item(b, "essay")["checklist"][0] = "Gives the date of the talks (fact sheet D14)."

    def fact_id_in_model_answer(b):
        _item(b, "essay")["model_answer"]["text"] = MINI_MODEL + " See F2."

    def fact_id_in_feedback(b):
        _item(b, "one")["options"][1]["feedback"] = "No (C6)."

    def data_file_in_clue(b):
        _item(b, "one")["options"][1]["clue"] = "Look it up in facts-after-brief.md."

    def fact_id_in_description(b):
        b["description"] = "Items on the events of the fact sheet's part D (D1 to D40)."

    return [
        (drop_answer, "one", "answer", "missing"),
        (unknown_single, "one", "answer", "'zz' is not one of the option ids (a, b)"),
        (unknown_multiple, "many", "answer", "'zz' is not one of the option ids"),
        (wrong_type, "one", "type", "unknown type 'dragdrop'"),
        (answer_shape, "many", "answer", "is not of type 'array'"),
        (blank_feedback, "one", "options[1].feedback", "is empty"),
        (no_feedback, "one", "options[1].feedback", "missing"),
        (no_categories, "sort", "categories", "needs its categories"),
        (unknown_category, "sort", "answer.b", "'z' is not one of the category ids"),
        (unsorted_option, "sort", "answer", "no category given for option(s) b"),
        (solved_ordering, "order", "options", "would start solved"),
        (short_ordering, "order", "answer", "leaves out option(s) c"),
        (duplicate_item, "one", "id", "same id"),
        (duplicate_option, "one", "options", "duplicate option id(s): a"),
        (unknown_objective, "one", "objective", "not one of the bank's objectives"),
        (typo_field, "one", "anwser", "not a field of the bank format"),
        (bad_id, "Bad Id", "id", "is not a valid id"),
        (numeric_id, "one", "options[0].id", "quote it in the YAML"),
        (categories_on_single, "one", "categories", "only classification items have categories"),
        (bank_mismatch, None, "bank", "they must match"),
        (accept_unknown_option, "one", "accept[0].option", "'zz' is not one of the option ids (a, b)"),
        (accept_unknown_category, "sort", "accept[0].category", "'zz' is not one of the category ids (x, y)"),
        (accept_without_category, "sort", "accept[0].category", "names the category"),
        (accept_key_category, "sort", "accept[0].category", "already the key's category"),
        (accept_the_key, "one", "accept[0].option", "already the answer"),
        (accept_category_on_single, "one", "accept[0].category", "only classification items give a category"),
        (accept_twice, "many", "accept[1]", "a second time"),
        (accept_no_rationale, "many", "accept[0].rationale", "missing"),
        (accept_on_ordering, "order", "accept", "ordering items cannot have accepted alternatives"),
        (open_with_options, "essay", "options", "an open item has no options"),
        (open_with_answer, "essay", "answer", "an open item has no answer key"),
        (open_without_checklist, "essay", "checklist", "an open item needs a checklist"),
        (open_short_checklist, "essay", "checklist", "has 1 but needs at least 2 points"),
        (open_repeated_point, "essay", "checklist", "the same point is listed twice"),
        (checklist_on_single, "one", "checklist", "only open items have a checklist"),
        (blank_clue, "one", "options[0].clue", "is empty"),
        (open_without_model_answer, "essay", "model_answer", "missing: an open item needs a model_answer with 'text'"),
        (model_answer_as_text, "essay", "model_answer", "is not a set of named fields: an open item needs a model_answer"),
        (model_answer_without_why, "essay", "model_answer.why", "missing: an open item needs a model_answer"),
        (model_answer_typo, "essay", "model_answer.whyy", "not a field of the bank format"),
        (model_answer_too_short, "essay", "model_answer.text", "has 6 words: a model answer is 80 to 250 words"),
        (model_answer_too_long, "essay", "model_answer.text", "has 310 words: a model answer is 80 to 250 words"),
        (model_why_too_long, "essay", "model_answer.why", "has 4 sentences: say why the answer is strong in one to 3"),
        (model_answer_on_single, "one", "model_answer", "only open items have a model answer (this item is single"),
        (fact_id_in_checklist, "essay", "checklist[0]", "names 'D14', an id in the course's fact sheets"),
        (fact_id_in_model_answer, "essay", "model_answer.text", "names 'F2', an id in the course's fact sheets"),
        (fact_id_in_feedback, "one", "options[1].feedback", "names 'C6', an id in the course's fact sheets"),
        (data_file_in_clue, "one", "options[1].clue", "names the file 'facts-after-brief.md'"),
        (fact_id_in_description, None, "description", "names 'D1', an id in the course's fact sheets"),
    ]


@pytest.mark.parametrize("mutate, item, field, fragment", _mutations(), ids=lambda v: getattr(v, "__name__", None))
def test_a_malformed_bank_is_rejected_naming_file_item_and_field(tmp_path, mutate, item, field, fragment):
    data = _bank_text()
    mutate(data)
    path = _write(tmp_path, data)
    with pytest.raises(BankError) as info:
        load_bank(path)
    err = info.value
    message = str(err)
    assert "mini.yaml" in message and fragment in message, message
    problem = next((p for p in err.problems if p.field == field), None)
    assert problem is not None, message
    assert problem.item == item, message
    if item:
        assert f"item '{item}'" in message
    assert f"field '{field}'" in message
    assert "Traceback" not in message


def test_yaml_syntax_errors_and_duplicate_keys_give_the_line(tmp_path):
    with pytest.raises(BankError, match=r"mini\.yaml: line 3, column 1: is not valid YAML"):
        load_bank(_write(tmp_path, "bank: mini\ntitle: [unclosed\n"))
    text = "bank: mini\ntitle: A\ntitle: B\nobjectives: {o: x}\nitems: []\n"
    with pytest.raises(BankError, match=r"duplicate key 'title' \(first at line 2\)"):
        load_bank(_write(tmp_path, text))


def test_a_bank_that_is_not_a_mapping_is_rejected(tmp_path):
    with pytest.raises(
        BankError,
        match=r"mini\.yaml: the file is a list .*not a bank: an exercise bank is a set of "
        r"named fields",
    ) as info:
        load_bank(_write(tmp_path, "- just\n- a list\n"))
    assert "of type" not in str(info.value) and "'object'" not in str(info.value)


# ------------------------------------------------------------------------------------ editions


def _feedback_texts(bank) -> list[str]:
    return [o.feedback for i in bank.items.values() for o in i.options]


def test_rendering_is_deterministic_and_ids_derive_from_bank_and_item(demo):
    item = demo["oslo-talks"]
    for edition in EDITIONS:
        assert render_item(item, edition, "v") == render_item(item, edition, "v")
    html = render_item(item, "learner", "2026.1")
    assert 'id="tt-ex--demo--oslo-talks"' in html and 'data-tt-exercise="demo/oslo-talks"' in html
    assert 'data-tt-course-version="2026.1"' in html
    assert 'id="tt-ex--demo--oslo-talks--opt--three"' in html


def answer_material(item) -> list[str]:
    """Every text of an item that only the key may show: feedback, clues, rationales, checklist, hint,
    model answer."""
    texts = [o.feedback for o in item.options] + [o.clue for o in item.options if o.clue]
    texts += [a.rationale for a in item.accept] + list(item.checklist) + ([item.hint] if item.hint else [])
    if item.model_answer is not None:
        texts += [item.model_answer.text, item.model_answer.why]
    return texts


def test_the_participant_edition_contains_no_answer_feedback_hint_clue_rationale_or_checklist(demo):
    for item in demo.items.values():
        html = render_item(item, "participant")
        for text in answer_material(item):
            assert text not in html and _esc(text) not in html, (item.ref, text[:40])
        assert "tt-ex-data" not in html and "data-tt-exercise" not in html and "<script" not in html
        assert item.ref not in html  # nor the internal id
        # The output does not depend on the answer at all.
        if item.type == "open":
            changed = {"checklist": ("Something else.", "And more."), "model_answer": None}
        elif item.type == "single":
            other = next(o for o in item.option_ids if o != item.answer)
            changed = {"answer": other}
        elif item.type in ("multiple", "ordering"):
            changed = {"answer": tuple(reversed(item.answer))}
        else:
            changed = {"answer": {o: item.categories[0].id for o in item.option_ids}}
        import dataclasses

        assert render_item(dataclasses.replace(item, **changed), "participant") == html, item.ref


def test_the_instructor_edition_shows_every_answer_and_explanation(demo):
    for item in demo.items.values():
        html = render_item(item, "instructor")
        for text in answer_material(item):
            assert _esc(text) in html, (item.ref, text[:40])
        assert "<script" not in html and "data-tt-exercise" not in html


def test_learners_never_see_internal_ids(demo):
    for item in demo.items.values():
        learner = render_item(item, "learner", "v")
        visible = re.sub(r'<script type="application/json".*?</script>', "", learner, flags=re.S)
        visible = re.sub(r'<[^>]+>', " ", visible)  # text only, not ids or attributes
        assert item.ref not in visible, item.ref
        assert item.ref not in repr(exercise_widget(item.ref))
        assert item.ref not in exercise_widget(item.ref).children[0].value


def test_an_open_item_renders_a_labelled_textarea_and_a_hidden_checklist(demo):
    item = demo["weigh-first-recommendation"]
    html = render_item(item, "learner", "v")
    aid = "tt-ex--demo--weigh-first-recommendation--answer"
    assert f'<label class="tt-ex-answer-label" for="{aid}">' in html and f'<textarea class="tt-ex-answer" id="{aid}"' in html
    assert 'class="tt-ex-checklist" id="tt-ex--demo--weigh-first-recommendation--checklist" hidden>' in html
    assert html.count('class="tt-ex-tick"') == len(item.checklist)
    assert "tt-ex-solution" not in html and "tt-ex-retry" not in html  # a written answer is never wiped by one click
    form = render_item(item, "participant")
    assert "<textarea" in form and "tt-ex-checklist" not in form


def test_the_learner_edition_embeds_the_key_for_the_page_engine(demo):
    from tracktwo.exercises.render import page_data

    item = demo["which-track"]
    html = render_item(item, "learner", "v")
    data = json.loads(re.search(r'<script type="application/json" class="tt-ex-data">(.*?)</script>', html).group(1))
    assert data == json.loads(json.dumps(page_data(item)))
    # What the page shows is sent once: the engine reads the title and the options' texts back.
    full = item.to_data()
    assert "title" not in data and all("text" not in o for o in data["options"])
    assert {k: v for k, v in full.items() if k not in ("title", "options", "checklist")} == {
        k: v for k, v in data.items() if k != "options"
    }
    assert [o["feedback"] for o in data["options"]] == [o["feedback"] for o in full["options"]]
    for o in item.options:
        assert f">{_esc(o.text)}</" in html
    assert 'class="tt-ex-actions" hidden' in html  # no button shows before the script can work it
    assert "onclick" not in html and "javascript:" not in html


def _esc(text: str) -> str:
    from html import escape

    return escape(text, quote=True)


# ------------------------------------------------------------------------------------ the page engine


def js_message_keys(source: str) -> set[str]:
    """Every message key exercises.js asks for (the build's own scan, tracktwo.exercises.static)."""
    return engine_keys(source)


def test_every_message_the_page_engine_uses_is_in_messages_py():
    keys = js_message_keys(JS.read_text(encoding="utf-8"))
    assert len(keys) > 40  # the scan finds the script's messages
    assert sorted(keys - set(STRINGS)) == []


def test_the_message_scan_would_catch_a_missing_key():
    source = (
        JS.read_text(encoding="utf-8")
        + '\nfunction x() { return fmt("no_such_message", {}) + msg(ok ? "band_full" : "nor_this"); }\n'
    )
    assert {"no_such_message", "nor_this"} <= js_message_keys(source) - set(STRINGS)
    with pytest.raises(ValueError, match="builds message keys from 'zzz_'"):
        js_message_keys('function y(kind) { return msg("zzz_" + kind); }')


def test_the_page_engine_holds_no_string_table_of_its_own():
    source = JS.read_text(encoding="utf-8")
    for text in ("Single choice", STRINGS["band_full"], STRINGS["saved_unreadable"], STRINGS["mark_accepted"]):
        assert text not in source
    assert "window.TrackTwoExercisesConfig" in source


def test_the_messages_script_is_generated_from_messages_py():
    text = messages_script()
    prefix = "window.TrackTwoExercisesConfig = "
    config = json.loads(text[text.index(prefix) + len(prefix) :].rstrip().rstrip(";"))
    assert config == {"strings": {k: STRINGS[k] for k in STRINGS if k in engine_keys()}, "bands": [list(b) for b in BANDS]}
    assert set(config["strings"]) == engine_keys() and "key_note" not in config["strings"]  # only what the engine asks for
    assert messages_script() == text


def test_the_page_engine_makes_no_request_and_sets_no_inline_handler():
    source = JS.read_text(encoding="utf-8")
    code = re.sub(r"/\*.*?\*/", "", source, flags=re.S)
    for forbidden in (
        "fetch(",
        "XMLHttpRequest",
        "sendBeacon",
        "WebSocket",
        "EventSource",
        "import(",
        "eval(",
        "new Function",
        "innerHTML",
        "http://",
        "https://",
        "setAttribute(\"on",
        ".onclick",
    ):
        assert forbidden not in code, forbidden


def _all_responses(item):
    """Every answer (or, for big spaces, a fixed sample) plus some malformed ones."""
    ids = item.option_ids
    rng = random.Random(item.ref)
    out: list = [None, "", [], {}, 7, "zzz", ["zzz"], {"zzz": "x"}]
    if item.type == "open":
        n = len(item.checklist)
        out += [
            {"text": t, "ticks": list(c)}
            for t in ("", "  ", "An answer.")
            for k in range(n + 1)
            for c in itertools.combinations(range(n), k)
        ]
        out += [
            {"text": "x", "ticks": [n]},
            {"text": "x", "ticks": [0, 0]},
            {"text": "x", "ticks": [-1]},
            {"text": "x", "ticks": ["0"]},
            {"text": 3},
            {"ticks": [1]},
            {"text": "x", "other": 1},
            {"text": "x", "ticks": 1},
        ]
    elif item.type == "single":
        out += ids
    elif item.type == "multiple":
        out += [list(c) for n in range(len(ids) + 1) for c in itertools.combinations(ids, n)]
        out += [[ids[0], ids[0]]]
    elif item.type == "classification":
        cats = [""] + item.category_ids
        space = list(itertools.product(cats, repeat=len(ids)))
        for combo in rng.sample(space, min(300, len(space))):
            out.append({o: c for o, c in zip(ids, combo) if c or rng.random() < 0.5})
        out += [{ids[0]: "nope"}]
    else:
        perms = list(itertools.permutations(ids))
        out += [list(p) for p in rng.sample(perms, min(300, len(perms)))]
        out += [ids[:-1], ids + ids[:1]]
    return out


def python_results(item, responses):
    results = []
    for r in responses:
        try:
            s = score(item, r)
            reveal = reveal_problem(item, r) if item.type == "open" else None
        except SubmissionError as exc:
            results.append({"error": str(exc)})
            continue
        results.append(
            {
                "points": s.points,
                "max": s.max,
                "marks": s.marks,
                "reveal": reveal,
                "feedback": {
                    str(flag): {o: [list(line) for line in option_feedback(item, s, o, flag)] for o in item.option_ids}
                    for flag in (False, True)
                },
                "summary": {str(flag): summary(item, s, flag) for flag in (False, True)},
            }
        )
    return results


#: Runs in Node (or, in the browser tests, in the page): the JS counterpart of python_results.
JS_RESULTS = """
function jsResults(api, data, responses) {
  return responses.map(function (r) {
    var s, reveal;
    try {
      s = api.score(data, r);
      reveal = data.type === "open" ? api.revealProblem(data, r) : null;
    } catch (e) { return {error: e.message}; }
    var fb = {};
    [false, true].forEach(function (flag) {
      var per = {};
      data.options.forEach(function (o) { per[o.id] = api.optionFeedback(data, s, o.id, flag); });
      fb[flag ? "True" : "False"] = per;
    });
    return {points: s.points, max: s.max, marks: s.marks, reveal: reveal, feedback: fb,
            summary: {"False": api.summary(data, s, false), "True": api.summary(data, s, true)}};
  });
}
"""

NODE_HARNESS = (
    """
global.window = {};
global.document = {readyState: "complete", querySelectorAll: function () { return []; }};
require(process.argv[2]);   // exercises-messages.js, as the build writes it
require(process.argv[3]);   // the engine
const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
"""
    + JS_RESULTS
    + """
const api = window.TrackTwoExercises;
const out = input.cases.map(c => jsResults(api, c.data, c.responses));
const saved = input.saved.map(raw => api.readSaved(raw));
process.stdout.write(JSON.stringify({results: out, saved: saved}));
"""
)

#: Saved values (localStorage strings) and how the page must read them: format 1 (the engine
#: before accepted alternatives and open items) and 2 are read; anything else is set aside.
SAVED = [
    (None, None),
    (
        '{"v":1,"response":"two-to-one","checked":true,"solution":false,"points":1,"max":1}',
        {"response": "two-to-one", "checked": True, "solution": False},
    ),
    (
        '{"v":2,"response":{"text":"x","ticks":[1]},"checked":true,"solution":false}',
        {"response": {"text": "x", "ticks": [1]}, "checked": True, "solution": False},
    ),
    ('{"v":1,"response":null}', {"response": None, "checked": False, "solution": False}),
    ('{"v":3,"response":"a"}', {"unreadable": True}),
    ('{"response":"a"}', {"unreadable": True}),
    ('["two-to-one"]', {"unreadable": True}),
    ('{"v":1,"response":', {"unreadable": True}),
    ("two-to-one", {"unreadable": True}),
    ("", {"unreadable": True}),
]


def run_node(cases, saved=(), tmp_path=None):
    harness = tmp_path / "harness.js"
    harness.write_text(NODE_HARNESS)
    messages = tmp_path / "exercises-messages.js"
    messages.write_text(messages_script())
    proc = subprocess.run(
        [node_or_skip("the exercise engine's parity check"), str(harness), str(messages), str(JS)],
        input=json.dumps({"cases": cases, "saved": list(saved)}),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


#: How many answers the last Node parity run compared, by kind (printed for the report).
PARITY: dict[str, int] = {}


def test_the_page_engine_scores_every_answer_as_python_does(demo, tmp_path):
    cases = [{"data": item.to_data(), "responses": _all_responses(item)} for item in demo.items.values()]
    js = run_node(cases, [raw for raw, _ in SAVED], tmp_path)
    compared = {"all": 0, "accepted": 0, "partial ordering": 0, "open": 0, "errors": 0}
    for item, case, js_out in zip(demo.items.values(), cases, js["results"]):
        py_out = python_results(item, case["responses"])
        for response, p, j in zip(case["responses"], py_out, js_out):
            assert p == j, (item.ref, response)
            compared["all"] += 1
            compared["errors"] += "error" in p
            compared["accepted"] += "accepted" in p.get("marks", {}).values()
            compared["partial ordering"] += item.type == "ordering" and 0 < p.get("points", 0) < p.get("max", 0)
            compared["open"] += item.type == "open"
    print(f"\nNode parity: {compared}")
    PARITY.update(compared)
    assert compared["all"] > 1000 and compared["accepted"] > 20 and compared["partial ordering"] > 100 and compared["open"] > 20
    assert js["saved"] == [expected for _, expected in SAVED]


# ------------------------------------------------------------------------------------ the widget


def test_the_widget_checks_gives_feedback_and_keeps_the_answer_on_a_bad_submission():
    w = exercise_widget("demo/oslo-talks")
    assert w.check() is None
    assert STRINGS["empty_single"] in w.status.value
    w.set_response("three")
    result = w.check()
    assert (result.points, result.max) == (0, 1)
    assert "Not correct" in w.feedback["three"].value and "Score: 0 of 1." in w.status.value
    assert w.response() == "three"
    w.set_response("two-to-one")  # changing the answer clears the old marks
    assert w.feedback["three"].value == "" and w.status.value == ""
    assert w.check().points == 1 and STRINGS["band_full"] in w.status.value
    w.show_solution()
    assert STRINGS["solution_shown"] in w.status.value
    w.retry()
    assert w.response() is None and w.result is None


def test_the_widget_orders_with_move_buttons_and_scores_like_the_page():
    item = get_item("demo/peace-architecture")
    w = exercise_widget("demo/peace-architecture")
    for target, oid in enumerate(item.answer):  # selection sort with the buttons
        while w.response().index(oid) > target:
            w.move(w.response().index(oid), -1)
    assert w.response() == list(item.answer)
    assert w.check().correct
    w.move(0, -1)
    assert "Already first" in w.status.value


def test_the_widget_for_a_bank_keeps_a_total():
    w = exercise_widget("demo")
    count = len(load_bank("demo").items)
    assert fmt("bank_score", checked=0, count=count, points=0, max=0) in w.total.value
    first = w.exercises[0]
    first.set_response(solution(first.item))
    first.check_button.click()
    assert fmt("bank_score", checked=1, count=count, points=1, max=1) in w.total.value


def test_the_widget_shows_a_defensible_answer_with_its_rationale():
    item = get_item("demo/which-track-contested")
    w = exercise_widget(item.ref)
    w.set_response({"jicm": "track-1", "mi-liaison": "track-15", "yangon-meetings": "track-15"})
    assert w.check().correct
    assert STRINGS["mark_accepted_category"] in w.feedback["yangon-meetings"].value
    assert html.escape(item.accept[0].rationale) in w.feedback["yangon-meetings"].value
    assert html.escape(STRINGS["accepted_note"]) in w.status.value
    w.set_response({"jicm": "track-2", "mi-liaison": "track-15", "yangon-meetings": "track-2"})
    w.check()
    assert html.escape(fmt("clue", clue=item.option("jicm").clue)) in w.feedback["jicm"].value


def test_the_widget_open_item_needs_an_answer_then_reveals_the_checklist_and_counts_ticks():
    item = get_item("demo/weigh-first-recommendation")
    w = exercise_widget(item.ref)
    assert w.checklist.layout.display == "none" and len(w.ticks) == len(item.checklist)
    assert w.check() is None and STRINGS["empty_open"] in w.status.value
    assert w.checklist.layout.display == "none"
    w.answer.value = "Support could help keep the ceasefires alive."
    result = w.check()
    assert (result.points, result.max) == (0, 3) and w.checklist.layout.display != "none"
    w.ticks[1].value = True  # ticking rescored at once, checklist stays open
    assert w.result.points == 1 and fmt("self_check", points=1, max=3) in w.status.value
    w.answer.value += " It would manage, not resolve."
    assert w.response() == {"text": "Support could help keep the ceasefires alive. It would manage, not resolve.", "ticks": [1]}
    assert w.result.points == 1
    assert w.solution_button not in w.children[2].children and w.retry_button not in w.children[2].children


def test_the_widget_never_raises_and_its_text_form_is_fixed(tmp_path):
    assert repr(exercise_widget("demo/readiness")) == repr(exercise_widget("demo/readiness"))
    assert "0x" not in repr(exercise_widget("demo"))
    broken = _bank_text()
    del _item(broken, "one")["answer"]
    _write(tmp_path, broken)
    w = exercise_widget("mini/one", bank_dir=tmp_path)
    assert "mini.yaml: item 'one', field 'answer': missing" in html.unescape(w.value)
    assert "could not be shown" in exercise_widget("demo/nope").value


def test_widget_ids_derive_from_bank_and_item():
    w = exercise_widget("demo/which-track")
    assert "tt-ex--demo--which-track" in w._dom_classes
    assert w.selects["jicm"]._dom_classes == ("tt-ex--demo--which-track--opt--jicm",)


def _schema_fields(node, found=None) -> set[str]:
    found = set() if found is None else found
    if isinstance(node, dict):
        found |= set((node.get("properties") or {}).keys())
        for value in node.values():
            _schema_fields(value, found)
    elif isinstance(node, list):
        for value in node:
            _schema_fields(value, found)
    return found


def test_the_contributor_guide_documents_every_field_and_type():
    text = (ROOT / "docs" / "exercise-format.md").read_text()
    fields = _schema_fields(json.loads(SCHEMA_PATH.read_text()))
    assert {"accept", "clue", "checklist", "rationale", "category", "options", "answer"} <= fields
    assert sorted(f for f in fields if f"`{f}`" not in text) == []
    assert sorted(t for t in TYPES if f"### `{t}`" not in text) == []
    toc = (ROOT / "_toc.yml").read_text()
    assert "exercises-demo" not in toc and "demo" not in re.sub(r"book/practice", "", toc)


def test_the_decision_record_documents_the_bank_format():
    text = (ROOT / "docs" / "decisions" / "0002-exercise-engine.md").read_text()
    for word in ("jupyterquiz", "schema.json", "answer:", "categories:", "tracktwo_edition", "TRACKTWO_EDITION"):
        assert word in text, word
    assert BANK_DIR.name == "exercises"
