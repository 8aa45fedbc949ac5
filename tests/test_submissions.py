"""The learner's work file (tracktwo/data/submissions.py, assets/tracktwo/my-work.js; decision 0017)
and the instructor's gradebook over many of them (tracktwo/teaching/gradebook.py).

The shared fixture tests/fixtures/work/shared.json is read by both twins: the same storage builds the
same file, and every malformed or tampered file gets the same one message naming file, item and field.
"""

from __future__ import annotations

import copy
import json
import subprocess

import jsonschema
import pytest
from support import ROOT, node_or_skip

from tracktwo.data import submissions as S
from tracktwo.data.learner_files import LearnerFileError
from tracktwo.teaching import gradebook as G

FIX = json.loads((ROOT / "tests/fixtures/work/shared.json").read_text(encoding="utf-8"))
SCHEMA = json.loads((ROOT / "data/submission.schema.json").read_text(encoding="utf-8"))


def _build(storage=None, **kw):
    args = dict(pseudonym=FIX["pseudonym"], prefix=FIX["prefix"], course_version=FIX["course_version"], saved=FIX["saved"])
    args.update(kw)
    return S.build(
        [tuple(p) for p in (storage or FIX["storage"])], host=args.pop("host", "book"), manifest=FIX["manifest"], **args
    )


@pytest.fixture(scope="module")
def course():
    return G.Course.from_banks()


def test_the_javascript_twin_passes_its_unit_tests_on_the_shared_fixture():
    run = subprocess.run(
        [node_or_skip("the My work page's JavaScript twin"), "--test", str(ROOT / "tests/js/my-work.test.js")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 0, run.stdout + run.stderr


def test_the_fixture_uses_the_registry_of_key_families_as_it_is():
    """The page gets FAMILIES from the build; the fixture the JS test reads must not drift from it."""
    assert FIX["families"] == [dict(f) for f in S.FAMILIES]


def test_python_builds_the_fixtures_file_and_it_fits_the_schema():
    built = _build()
    assert built == FIX["expected"]
    jsonschema.Draft202012Validator(SCHEMA).validate(built)
    keys = [e["key"] for e in built["entries"]]
    assert "tracktwo:keep" not in keys and "tracktwo:instructor-view" not in keys and "theme-mode" not in keys
    assert "cn:design:v1:main" not in keys, "another edition's prefix is not this file's work"
    fams = {e["key"]: e["family"] for e in built["entries"]}
    assert fams["tracktwo:maps:v1:timeline:perspectives"] == "maps", "a new tool under maps:v1 needs no new code"
    assert fams["tracktwo:notes:v1:first"] == "other", "a key of no known family is still gathered"
    s = built["summary"]
    assert [(a["id"], a["words"], a["ticks"]) for a in s["answers"]] == [("part1-levels/discuss-deniability", 10, 2)]
    assert [(c["title"], c["checked"], c["points"], c["max"]) for c in s["chapters"]][:2] == [
        ("Levels of dialogue", 2, 3, 5),
        ("The coup", 0, 0, 0),
    ]
    assert s["totals"]["exercises"] == 5, "an exercise placed twice counts once"


def test_word_count():
    assert S.word_count("one\u00a0two\u3000three\tfour\n\nfive") == 5
    assert S.word_count("   ") == 0 and S.word_count(None) == 0


@pytest.mark.parametrize("case", FIX["malformed"], ids=lambda c: c["name"])
def test_a_malformed_or_tampered_file_gets_one_message_naming_file_item_and_field(case):
    with pytest.raises(LearnerFileError) as err:
        S.read(case["name"], case["text"], set(FIX["known_items"]))
    assert str(err.value) == case["message"]
    assert str(err.value).startswith(case["name"] + ": ")


def test_bounds_and_schema_backstop():
    with pytest.raises(LearnerFileError, match=r"^big\.json: the file is \d+ bytes"):
        S.read("big.json", b" " * (S.MAX_SUBMISSION_BYTES + 1))
    bad = copy.deepcopy(FIX["expected"])
    bad["summary"]["answers"][0]["words"] = -1
    with pytest.raises(LearnerFileError, match=r'^odd\.json: field "summary", "answers", item 1, "words": -1 is less than'):
        S.read("odd.json", json.dumps(bad))
    many = copy.deepcopy(FIX["expected"])
    many["entries"] = [dict(many["entries"][0], key=f"tracktwo:other:{i}", family="other") for i in range(S.MAX_ENTRIES + 1)]
    with pytest.raises(LearnerFileError, match="the most is 2,000"):
        S.read("many.json", json.dumps(many))
    assert S.read("good.json", json.dumps(FIX["expected"]), set(FIX["known_items"]))["pseudonym"] == "Kestrel"


def test_restoring_says_what_it_replaces_and_moves_keys_to_this_editions_prefix():
    data = copy.deepcopy(FIX["expected"])
    data["entries"].append({"key": "tracktwo:notebook:my-onion.saved.json", "family": "notebook-file", "raw": "{}"})
    builder = next(e["raw"] for e in data["entries"] if e["key"] == "tracktwo:maps:v1:map-builder:builder")
    existing = {"cn:design:v1:main": '{"track":"2"}', "cn:maps:v1:map-builder:builder": builder}
    plan = S.plan_restore(data, existing, "cn", "book")
    assert [r["key"] for r in plan["replace"]] == ["cn:design:v1:main"]
    assert [r["key"] for r in plan["same"]] == ["cn:maps:v1:map-builder:builder"]
    assert [r["key"] for r in plan["elsewhere"]] == ["cn:notebook:my-onion.saved.json"]
    assert len(plan["add"]) == len(data["entries"]) - 3 and all(r["key"].startswith("cn:") for r in plan["add"])


# --- JupyterLab: the notebooks' saved files ---------------------------------------------------------


def test_notebook_files_are_gathered_into_the_same_format_and_restored_without_losing_work(tmp_path):
    lab = tmp_path / "lab"
    lab.mkdir()
    (lab / "my-onion.saved.json").write_text('{"sheet": {"layers": []}}', encoding="utf-8")
    (lab / "mapping-placing.saved.json").write_text('{"answers": {"a": "t2"}}', encoding="utf-8")
    (lab / "broken.saved.json").write_text('{"sheet": ', encoding="utf-8")
    (lab / "notes.txt").write_text("not work", encoding="utf-8")
    entries, messages = S.gather_notebook_files(lab)
    assert [k for k, _ in entries] == ["tracktwo:notebook:mapping-placing.saved.json", "tracktwo:notebook:my-onion.saved.json"]
    assert (
        len(messages) == 1 and messages[0].startswith("broken.saved.json: not valid JSON") and "left where it is" in messages[0]
    )
    assert (lab / "broken.saved.json").exists(), "a file that cannot be read is left alone"
    data = S.build(entries, pseudonym="Heron", prefix="tracktwo", course_version="2026.1", saved="2026-12-07", host="notebooks")
    jsonschema.Draft202012Validator(SCHEMA).validate(data)
    again = S.read("work-2026-12-07.json", json.dumps(data), set(FIX["known_items"]))

    other = tmp_path / "other-device"
    other.mkdir()
    (other / "my-onion.saved.json").write_text('{"sheet": {"layers": ["mine"]}}', encoding="utf-8")
    said = S.restore_notebook_files(again, other)
    assert said == [
        "would add mapping-placing.saved.json",
        "would replace my-onion.saved.json (the one there is set aside first)",
    ]
    assert sorted(p.name for p in other.iterdir()) == ["my-onion.saved.json"], "nothing written before the confirmation"
    said = S.restore_notebook_files(again, other, confirm=True)
    assert said[1] == "restored my-onion.saved.json; the one that was there is now my-onion.saved.json.set-aside"
    assert json.loads((other / "my-onion.saved.json").read_text()) == {"sheet": {"layers": []}}
    assert json.loads((other / "my-onion.saved.json.set-aside").read_text()) == {"sheet": {"layers": ["mine"]}}
    assert S.restore_notebook_files(again, other, confirm=True)[-1] == "my-onion.saved.json is already there, unchanged"


def test_a_browser_file_restored_in_jupyterlab_points_to_the_page():
    said = S.restore_notebook_files(FIX["expected"], ROOT / "tests" / "fixtures" / "work")
    assert said == ["10 entries saved in the book (answers, maps, designs) are restored from its page My work"]


# --- the gradebook -----------------------------------------------------------------------------------


def _folder(tmp_path, course):
    folder = tmp_path / "class"
    folder.mkdir()
    (folder / "work-2026-12-07.json").write_text(json.dumps(FIX["expected"]), encoding="utf-8")
    # A second learner: one closed answer whose saved score was edited, an open answer, and an unscorable one.
    other = [
        [
            "tracktwo:2026.1:exercise:part1-levels/south-africa",
            json.dumps({"v": 2, "response": "constitution", "checked": True, "points": 1, "max": 1}),
        ],
        [
            "tracktwo:2026.1:exercise:part2-coup/table-one",
            json.dumps({"v": 2, "response": "no-such-option", "checked": True, "points": 0, "max": 1}),
        ],
        [
            "tracktwo:2026.1:exercise:part1-levels/discuss-deniability",
            json.dumps({"v": 2, "response": {"text": "Too short.", "ticks": [0, 9]}}),
        ],
    ]
    data = S.build(
        [tuple(p) for p in other],
        pseudonym="=Avocet",
        prefix="tracktwo",
        course_version="2026.1",
        saved="2026-12-06",
        host="book",
    )
    (folder / "work-2026-12-06.json").write_text(json.dumps(data), encoding="utf-8")
    (folder / "work-tampered.json").write_text(json.dumps(dict(FIX["expected"], prefix="evil")), encoding="utf-8")
    return folder


def test_the_gradebook_loads_a_folder_reports_a_bad_file_by_name_and_rescores_with_the_banks(tmp_path, course):
    loaded, problems = G.load_folder(_folder(tmp_path, course), course)
    assert [x.file for x in loaded] == ["work-2026-12-06.json", "work-2026-12-07.json"]
    assert len(problems) == 1 and problems[0].startswith("work-tampered.json: entry 1 (tracktwo:2025.9"), problems
    assert G.load_folder(tmp_path / "nowhere", course) == (
        [],
        ["nowhere: there is no such folder; put the learners' files in one and name it here"],
    )
    assert 'field "key": outside the course\'s storage ("evil:...")' in problems[0]
    rubrics = [
        G.Rubric.from_data(
            {
                "id": "essay",
                "title": "Essay",
                "item": "review/capstone-memo",
                "criteria": [{"id": "argument", "label": "Argument", "max": 4}],
            }
        )
    ]
    rows = G.gradebook(loaded, course, rubrics)
    assert [r["pseudonym"] for r in rows] == ["=Avocet", "Kestrel"]
    avocet, kestrel = rows
    assert (kestrel["part1-levels points"], kestrel["part1-levels of"]) == (1, 1)
    assert (
        kestrel["part1-levels/discuss-deniability words"] == 10 and kestrel["part1-levels/discuss-deniability ticked"] == "2 of 4"
    )
    assert (kestrel["closed points"], kestrel["closed of"], kestrel["open answered"]) == (1, 1, 1)
    assert (avocet["part1-levels points"], avocet["part1-levels of"]) == (0, 1), "the bank scores the saved answer, not the file"
    assert "part1-levels/south-africa: saved score 1 of 1, the bank gives 0 of 1" in avocet["notes"]
    assert "part2-coup/table-one: the saved answer cannot be scored" in avocet["notes"]
    assert avocet["part1-levels/discuss-deniability ticked"] == "1 of 4", "a tick outside the checklist is not counted"
    assert avocet["essay: argument (of 4)"] == "" and "essay: argument (of 4)" in G.columns(course, rubrics)
    csv_text = G.to_csv_text(rows, course, rubrics)
    header, first = csv_text.split("\r\n")[:2]
    assert header.startswith("pseudonym,file,from,saved,demo points,") and header.endswith(
        ",essay: argument (of 4),closed points,closed of,open answered,notes"
    )
    assert first.startswith("'=Avocet,work-2026-12-06.json,book,2026-12-06,"), "a pseudonym never runs as a spreadsheet formula"


def test_the_grading_notebook_is_instructor_only_and_thin():
    """Not in the table of contents (so in no edition of the book); its code cells call the gradebook."""
    toc = (ROOT / "_toc.yml").read_text(encoding="utf-8")
    assert "grading" not in toc
    nb = json.loads((ROOT / "notebooks/grading.ipynb").read_text(encoding="utf-8"))
    code = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
    assert "tracktwo.teaching" in code and "def " not in code, "pure functions belong in tracktwo/teaching"


def test_the_grading_notebook_and_its_sample_ship_no_key(course):
    """Its outputs (committed, run by nbval) show pseudonyms, scores and answers, never a checklist,
    an answer key or feedback: the notebooks folder is what a group opens in JupyterLab."""
    from tracktwo.confidential import normalise

    text = normalise((ROOT / "notebooks/grading.ipynb").read_text(encoding="utf-8"))
    text += normalise("".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "notebooks/grading-sample").iterdir())))
    keys = [point for item in course.items.values() for point in item.checklist]
    keys += [o.feedback for item in course.items.values() for o in item.options if getattr(o, "feedback", "")]
    assert len(keys) > 100, "the check must see the banks' keys"
    found = [k for k in keys if normalise(k) in text]
    assert not found, found[:3]


def test_the_modules_rubrics_become_the_gradebooks_columns(course):
    """Every criterion of every task in data/assessment.yaml is a column, scored to the task's top level."""
    from tracktwo.workshop.syllabus import rubrics

    data = rubrics()
    made = [G.Rubric.from_assessment(task, r) for task, r in data.items()]
    cols = G.columns(course, made)
    for task, r in data.items():
        for c in r["criteria"]:
            assert f"{task}: {c['id']} (of {r['max_points']})" in cols, (task, c["id"])
    assert sum(len(r["criteria"]) for r in data.values()) == sum(1 for c in cols if c.split(":")[0] in data)


def test_the_schema_names_every_family_of_the_registry():
    """A family added to the registry (one line in FAMILIES) is also a family the schema accepts."""
    schema = json.loads((ROOT / "data" / "submission.schema.json").read_text(encoding="utf-8"))
    entry = schema["properties"]["entries"]["items"]["properties"]["family"]["enum"]
    assert sorted(entry) == sorted([f["family"] for f in S.FAMILIES] + ["other"])
