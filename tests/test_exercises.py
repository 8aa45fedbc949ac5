"""Exercise engine, without a browser: banks and their schema, scoring, the three editions of the
HTML, the JupyterLab widget, and (with Node.js, if installed) agreement of the page engine's
scoring with Python's on every possible answer to the demonstration bank."""

from __future__ import annotations

import html
import itertools
import json
import random
import re
import shutil
import subprocess
from pathlib import Path

import jsonschema
import pytest
import yaml

from tracktwo.exercises import (
    BankError, ExerciseError, SubmissionError, exercise_widget, get_item, load_bank, render_item, resolve, score,
    solution,
)
from tracktwo.exercises.bank import BANK_DIR, SCHEMA_PATH, all_banks, parse_ref
from tracktwo.exercises.messages import STRINGS, fmt
from tracktwo.exercises.render import EDITIONS
from tracktwo.exercises.scoring import initial_response, option_feedback, summary

ROOT = Path(__file__).resolve().parent.parent
JS = ROOT / "assets" / "tracktwo" / "exercises.js"


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


def test_the_demo_bank_has_at_least_two_items_of_each_type(demo):
    counts = {t: sum(i.type == t for i in demo.items.values()) for t in ("single", "multiple", "classification", "ordering")}
    assert all(n >= 2 for n in counts.values()), counts


def test_every_feedback_in_the_demo_bank_cites_a_section_of_the_brief(demo):
    for item in demo.items.values():
        for option in item.options:
            assert re.search(r"\(?(the brief|brief's)[^.]*Sec\. \d|Sec\. \d", option.feedback), (item.ref, option.id)


def test_the_ordering_items_start_unsolved(demo):
    for item in demo.items.values():
        if item.type == "ordering":
            assert score(item, initial_response(item)).points == 0, item.ref


# ------------------------------------------------------------------------------------ scoring


def test_single_choice(demo):
    item = demo["oslo-talks"]
    assert score(item, "two-to-one").as_dict() == {
        "points": 1, "max": 1, "correct": True,
        "marks": {"one-to-two": "none", "two-to-one": "right", "three": "none", "fixed-15": "none"}}
    wrong = score(item, "three")
    assert (wrong.points, wrong.max, wrong.marks["three"], wrong.marks["two-to-one"]) == (0, 1, "wrong", "missed")


def test_multiple_choice_is_correct_picks_minus_wrong_picks_floored_at_zero(demo):
    item = demo["track-15-features"]  # correct: private-capacity, pre-negotiation, non-official-host
    assert (score(item, ["private-capacity", "pre-negotiation", "non-official-host"]).points, score(item, ["pre-negotiation"]).max) == (3, 3)
    assert score(item, ["private-capacity", "pre-negotiation"]).points == 2
    assert score(item, ["private-capacity", "pre-negotiation", "advocacy"]).points == 1
    assert score(item, ["private-capacity", "advocacy"]).points == 0
    assert score(item, ["advocacy", "facilitator-proposes"]).points == 0          # floored, not -2
    assert score(item, item.option_ids).points == 1                                # 3 right - 2 wrong
    marks = score(item, ["private-capacity", "advocacy"]).marks
    assert marks == {"private-capacity": "right", "advocacy": "wrong", "pre-negotiation": "missed",
                     "facilitator-proposes": "none", "non-official-host": "missed"}


def test_classification_counts_items_in_the_right_category(demo):
    item = demo["which-track"]
    assert score(item, solution(item)).points == 4
    partial = score(item, {"jicm": "track-1", "mi-liaison": "track-2", "cso-agenda": ""})
    assert (partial.points, partial.max) == (1, 4)
    assert partial.marks == {"jicm": "right", "mi-liaison": "wrong", "cso-agenda": "blank", "yangon-cso-meetings": "blank"}


def test_ordering_counts_items_in_the_right_position(demo):
    item = demo["myanmar-turning-points"]
    right = list(item.answer)
    assert score(item, right).points == 6
    swapped = right[:]
    swapped[0], swapped[1] = swapped[1], swapped[0]
    result = score(item, swapped)
    assert (result.points, result.max) == (4, 6)
    assert result.marks["coup-1962"] == "wrong" and result.marks["nca"] == "right"


@pytest.mark.parametrize("ref, response, expected", [
    ("demo/oslo-talks", None, STRINGS["empty_single"]),
    ("demo/oslo-talks", "", STRINGS["empty_single"]),
    ("demo/track-15-features", [], STRINGS["empty_multiple"]),
    ("demo/track-15-features", None, STRINGS["empty_multiple"]),
    ("demo/which-track", {}, STRINGS["empty_classification"]),
    ("demo/which-track", {"jicm": "", "mi-liaison": None}, STRINGS["empty_classification"]),
    ("demo/myanmar-turning-points", [], STRINGS["empty_ordering"]),
])
def test_an_empty_submission_gets_a_clear_message(ref, response, expected):
    with pytest.raises(SubmissionError) as info:
        score(get_item(ref), response)
    assert str(info.value) == expected


@pytest.mark.parametrize("ref, response, fragment", [
    ("demo/oslo-talks", "zzz", "Unknown option 'zzz' in the answer to demo/oslo-talks"),
    ("demo/track-15-features", ["advocacy", "zzz"], "Unknown option 'zzz' in the answer to demo/track-15-features"),
    ("demo/track-15-features", ["advocacy", "advocacy"], "Option 'advocacy' appears more than once"),
    ("demo/which-track", {"zzz": "track-1"}, "Unknown option 'zzz' in the answer to demo/which-track"),
    ("demo/which-track", {"jicm": "track-9"}, "Unknown category 'track-9' for item 'jicm' in the answer to demo/which-track"),
    ("demo/myanmar-turning-points", ["nca", "zzz"], "Unknown option 'zzz'"),
    ("demo/myanmar-turning-points", ["nca", "coup-1962"], "must list each of its 6 items exactly once"),
    ("demo/oslo-talks", ["two-to-one"], "has the wrong form: expected one option id"),
    ("demo/track-15-features", "advocacy", "expected a list of option ids"),
    ("demo/which-track", ["jicm"], "expected a mapping from item ids to category ids"),
    ("demo/myanmar-turning-points", "nca", "expected a list of all the item ids"),
])
def test_a_bad_submission_names_the_exercise_and_the_problem(ref, response, fragment):
    with pytest.raises(SubmissionError) as info:
        score(get_item(ref), response)
    assert fragment in str(info.value)
    assert info.value.exercise == ref
    assert isinstance(info.value, ExerciseError)


def test_feedback_after_check_and_after_show_solution(demo):
    single = demo["oslo-talks"]
    result = score(single, "three")
    assert option_feedback(single, result, "three", False) == [("wrong", STRINGS["mark_wrong"]), ("feedback", single.option("three").feedback)]
    assert option_feedback(single, result, "two-to-one", False) == []          # not given away before the solution
    assert option_feedback(single, result, "two-to-one", True)[0] == ("right", STRINGS["solution_correct_option"])
    cls = demo["which-track"]
    result = score(cls, {"jicm": "track-2"})
    assert option_feedback(cls, result, "jicm", False) == [("wrong", STRINGS["mark_wrong_category"])]
    assert ("info", "Belongs in: Track One.") in option_feedback(cls, result, "jicm", True)
    assert summary(result, False) == ["Score: 0 of 4.", STRINGS["none_right"]]
    assert summary(None, True) == [STRINGS["solution_shown"]]


# ------------------------------------------------------------------------------------ references


def test_references_resolve_to_one_item_or_a_whole_bank(demo):
    assert [i.ref for i in resolve("demo/readiness")] == ["demo/readiness"]
    assert len(resolve("demo")) == len(demo.items)
    assert parse_ref("demo/oslo-talks") == ("demo", "oslo-talks")


@pytest.mark.parametrize("ref, fragment", [
    ("demo/nope", "demo.yaml: item 'nope': no such item in bank 'demo'"),
    ("nope/x", "nope.yaml: no such exercise bank"),
    ("Demo/x", "is not an exercise reference"),
    ("demo/a/b", "is not an exercise reference"),
])
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
            {"id": "one", "type": "single", "title": "T", "prompt": "P?", "objective": "obj",
             "options": [{"id": "a", "text": "A", "feedback": "Yes."}, {"id": "b", "text": "B", "feedback": "No."}],
             "answer": "a"},
            {"id": "many", "type": "multiple", "title": "T", "prompt": "P?", "objective": "obj",
             "options": [{"id": "a", "text": "A", "feedback": "Yes."}, {"id": "b", "text": "B", "feedback": "No."}],
             "answer": ["a"]},
            {"id": "sort", "type": "classification", "title": "T", "prompt": "P?", "objective": "obj",
             "categories": [{"id": "x", "text": "X"}, {"id": "y", "text": "Y"}],
             "options": [{"id": "a", "text": "A", "feedback": "X."}, {"id": "b", "text": "B", "feedback": "Y."}],
             "answer": {"a": "x", "b": "y"}},
            {"id": "order", "type": "ordering", "title": "T", "prompt": "P?", "objective": "obj",
             "options": [{"id": "b", "text": "B", "feedback": "2nd."}, {"id": "a", "text": "A", "feedback": "1st."}],
             "answer": ["a", "b"]},
        ],
    }
    return bank


def _write(tmp_path: Path, data, name: str = "mini.yaml") -> Path:
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else yaml.safe_dump(data, sort_keys=False))
    return path


def _item(bank: dict, item_id: str) -> dict:
    return next(i for i in bank["items"] if i["id"] == item_id)


def test_the_mini_bank_is_valid(tmp_path):
    bank = load_bank(_write(tmp_path, _bank_text()))
    assert len(bank.items) == 4


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
    with pytest.raises(BankError, match=r"mini\.yaml: YAML syntax error at line 3, column 1"):
        load_bank(_write(tmp_path, "bank: mini\ntitle: [unclosed\n"))
    text = "bank: mini\ntitle: A\ntitle: B\nobjectives: {o: x}\nitems: []\n"
    with pytest.raises(BankError, match=r"duplicate key 'title' \(first at line 2\)"):
        load_bank(_write(tmp_path, text))


def test_a_bank_that_is_not_a_mapping_is_rejected(tmp_path):
    with pytest.raises(BankError, match=r"mini\.yaml: .*is not of type 'object'"):
        load_bank(_write(tmp_path, "- just\n- a list\n"))


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


def test_the_participant_edition_contains_no_answer_feedback_or_hint(demo):
    for item in demo.items.values():
        html = render_item(item, "participant")
        for option in item.options:
            assert option.feedback not in html
        assert item.hint not in html
        assert "tt-ex-data" not in html and "data-tt-exercise" not in html and "<script" not in html
        # The output does not depend on the answer at all.
        if item.type == "single":
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
        for option in item.options:
            assert _esc(option.feedback) in html
        assert "<script" not in html and "data-tt-exercise" not in html


def test_the_learner_edition_embeds_the_key_for_the_page_engine(demo):
    item = demo["which-track"]
    html = render_item(item, "learner", "v")
    data = json.loads(re.search(r'<script type="application/json" class="tt-ex-data">(.*?)</script>', html).group(1))
    assert data == json.loads(json.dumps(item.to_data()))
    assert 'class="tt-ex-actions" hidden' in html  # no button shows before the script can work it
    assert "onclick" not in html and "javascript:" not in html


def _esc(text: str) -> str:
    from html import escape
    return escape(text, quote=True)


# ------------------------------------------------------------------------------------ the page engine


def _js_strings() -> dict[str, str]:
    source = JS.read_text(encoding="utf-8")
    block = re.search(r"var STRINGS = (\{.*?\n  \});", source, re.S).group(1)
    as_json = re.sub(r"^(\s+)(\w+):", r'\1"\2":', block, flags=re.M)
    return json.loads(as_json)


def test_the_page_engine_carries_the_same_strings_as_python():
    assert _js_strings() == STRINGS


def test_the_page_engine_makes_no_request_and_sets_no_inline_handler():
    source = JS.read_text(encoding="utf-8")
    code = re.sub(r"/\*.*?\*/", "", source, flags=re.S)
    for forbidden in ("fetch(", "XMLHttpRequest", "sendBeacon", "WebSocket", "EventSource", "import(", "eval(",
                      "new Function", "innerHTML", "http://", "https://", "setAttribute(\"on", ".onclick"):
        assert forbidden not in code, forbidden


def _all_responses(item):
    """Every answer (or, for big spaces, a fixed sample) plus some malformed ones."""
    ids = item.option_ids
    rng = random.Random(item.ref)
    out: list = [None, "", [], {}, 7, "zzz", ["zzz"], {"zzz": "x"}]
    if item.type == "single":
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
        except SubmissionError as exc:
            results.append({"error": str(exc)})
            continue
        results.append({
            "points": s.points, "max": s.max, "marks": s.marks,
            "feedback": {str(flag): {o: [list(line) for line in option_feedback(item, s, o, flag)] for o in item.option_ids}
                         for flag in (False, True)},
            "summary": {str(flag): summary(s, flag) for flag in (False, True)},
        })
    return results


#: Runs in Node (or, in the browser tests, in the page): the JS counterpart of python_results.
JS_RESULTS = """
function jsResults(api, data, responses) {
  return responses.map(function (r) {
    var s;
    try { s = api.score(data, r); } catch (e) { return {error: e.message}; }
    var fb = {};
    [false, true].forEach(function (flag) {
      var per = {};
      data.options.forEach(function (o) { per[o.id] = api.optionFeedback(data, s, o.id, flag); });
      fb[flag ? "True" : "False"] = per;
    });
    return {points: s.points, max: s.max, marks: s.marks, feedback: fb,
            summary: {"False": api.summary(s, false), "True": api.summary(s, true)}};
  });
}
"""

NODE_HARNESS = """
global.window = {};
global.document = {readyState: "complete", querySelectorAll: function () { return []; }};
require(process.argv[2]);
const cases = JSON.parse(require("fs").readFileSync(0, "utf8"));
""" + JS_RESULTS + """
const out = cases.map(c => jsResults(window.TrackTwoExercises, c.data, c.responses));
process.stdout.write(JSON.stringify(out));
"""


@pytest.mark.skipif(shutil.which("node") is None, reason="Node.js is not installed; the browser tests check agreement instead")
def test_the_page_engine_scores_every_answer_as_python_does(demo, tmp_path):
    cases = [{"data": item.to_data(), "responses": _all_responses(item)} for item in demo.items.values()]
    harness = tmp_path / "harness.js"
    harness.write_text(NODE_HARNESS)
    proc = subprocess.run(["node", str(harness), str(JS)], input=json.dumps(cases), capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    js = json.loads(proc.stdout)
    compared = 0
    for item, case, js_out in zip(demo.items.values(), cases, js):
        py_out = python_results(item, case["responses"])
        for response, p, j in zip(case["responses"], py_out, js_out):
            assert p == j, (item.ref, response)
            compared += 1
    assert compared > 1000


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
    w.set_response("two-to-one")                   # changing the answer clears the old marks
    assert w.feedback["three"].value == "" and w.status.value == ""
    assert w.check().points == 1 and STRINGS["all_right"] in w.status.value
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
    assert w.check().points == len(item.answer)
    w.move(0, -1)
    assert "Already first" in w.status.value


def test_the_widget_for_a_bank_keeps_a_total():
    w = exercise_widget("demo")
    assert fmt("bank_score", checked=0, count=8, points=0, max=0) in w.total.value
    first = w.exercises[0]
    first.set_response(solution(first.item))
    first.check_button.click()
    assert fmt("bank_score", checked=1, count=8, points=1, max=1) in w.total.value


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


def test_the_decision_record_documents_the_bank_format():
    text = (ROOT / "docs" / "decisions" / "0002-exercise-engine.md").read_text()
    for word in ("jupyterquiz", "schema.json", "answer:", "categories:", "tracktwo_edition", "TRACKTWO_EDITION"):
        assert word in text, word
    assert BANK_DIR.name == "exercises"
