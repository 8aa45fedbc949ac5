"""The syllabus, the assessment and the study guide's full path (issue 29), from data and _toc.yml.

* Each variant of data/syllabus.yaml covers every lesson of _toc.yml exactly once (an independent
  reading of _toc.yml and the pages, tests/support.py); its weeks' minutes add up to the lessons'.
* The tasks' weights add up to 100, each rubric's criteria's too; each task is due once, after the
  lessons it draws on; the rubrics are plain data for any view that marks work.
* The marking guides of the tasks are confidential: marked in the data, and no edition but the
  instructor's builds them.
* The full path on book/how-to-study.md is generated from _toc.yml, never written by hand.
Each check is also shown to fail on a planted fault (a copy of the data, changed).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from support import ROOT, page_source, toc_entries

from tracktwo.workshop.syllabus import (
    ASSESSMENT_PATH,
    SYLLABUS_PATH,
    SyllabusError,
    full_path,
    load_assessments,
    load_syllabus,
    rubrics,
)

#: The lessons, read independently of tracktwo.workshop.syllabus: TOC pages whose front matter has minutes.
LESSONS = {e["file"]: page_source(e["path"])[0] for e in toc_entries() if "reading_minutes" in page_source(e["path"])[0]}


@pytest.fixture(scope="module")
def syllabus():
    return load_syllabus()


def _minutes(doc: str) -> int:
    meta = LESSONS[doc]
    return int(meta["reading_minutes"]) + int(meta.get("exercise_minutes", 0))


def test_there_are_a_twelve_week_plan_and_a_six_week_variant(syllabus):
    assert {v: len(syllabus.variants[v].weeks) for v in syllabus.variants} == {"twelve": 12, "six": 6}


@pytest.mark.parametrize("variant", ["twelve", "six"])
def test_each_variant_covers_every_lesson_of_the_toc_once(syllabus, variant):
    assert len(LESSONS) >= 30
    placed = [p.docname for w in syllabus.variants[variant].weeks for p in w.pages]
    assert sorted(placed) == sorted(LESSONS), set(LESSONS) ^ set(placed)
    assert len(placed) == len(set(placed))


@pytest.mark.parametrize("variant", ["twelve", "six"])
def test_the_weeks_minutes_add_up_and_stay_sensible(syllabus, variant):
    v = syllabus.variants[variant]
    for w in v.weeks:
        assert w.minutes == sum(_minutes(p.docname) for p in w.pages), w.title
        assert 0 < w.minutes <= v.max_week_minutes, w.title
    assert v.minutes == sum(_minutes(d) for d in LESSONS)
    mean = v.minutes / len(v.weeks)
    assert max(w.minutes for w in v.weeks) <= 2 * mean and min(w.minutes for w in v.weeks) >= mean / 3
    # reading order: a week never starts a Part before the previous Part's pages are done
    order = list(LESSONS)
    firsts = [min(order.index(p.docname) for p in w.pages) for w in v.weeks]
    assert firsts == sorted(firsts)


def test_each_week_has_a_seminar_and_readings_from_its_lessons(syllabus):
    further = yaml.safe_load((ROOT / "data" / "further_reading.yaml").read_text(encoding="utf-8"))["chapters"]
    bib = (ROOT / "data" / "references.bib").read_text(encoding="utf-8")
    for v in syllabus.variants.values():
        for w in v.weeks:
            assert w.seminar, f"{v.id}, week {w.number}: no seminar"
            expected = {r["key"] for p in w.pages for r in further.get(p.docname, [])}
            assert set(w.works) == expected
            assert all(f"{{{k}," in bib for k in w.works)
            for a in w.seminar:
                if a.note:
                    _, text = page_source(next(e["path"] for e in toc_entries() if e["file"] == a.page))
                    assert a.note[:40] in re.sub(r"\s+", " ", text), (a.page, a.note[:40])


def test_the_tasks_weights_and_due_weeks(syllabus):
    tasks = syllabus.assessments
    assert sum(t["weight"] for t in tasks.values()) == 100
    assert {"critique", "conflict-map", "simulation-reflection", "capstone-memo", "final-essay"} == set(tasks)
    for v in syllabus.variants.values():
        due = {t: w.number for w in v.weeks for t in w.due}
        assert set(due) == set(tasks), v.id
        week_of = {p.docname: w.number for w in v.weeks for p in w.pages}
        for t in tasks.values():
            assert all(due[t["id"]] >= week_of.get(d, 0) for d in t["after"]), (v.id, t["id"])


def test_the_rubrics_are_plain_data_with_weights_and_levels():
    found = rubrics()
    assert json.loads(json.dumps(found)) == found  # plain data, for a grading view
    for tid, r in found.items():
        assert sum(c["weight"] for c in r["criteria"]) == 100, tid
        assert r["max_points"] == 3
        for c in r["criteria"]:
            assert [lv["points"] for lv in c["levels"]] == [3, 1] and all(lv["text"] for lv in c["levels"])
    assert [c["name"] for c in found["capstone-memo"]["criteria"]] == [
        "The channel and its aim",
        "The brief's cautions",
        "How support is given",
        "The other tracks",
        "Accuracy",
    ]


def test_every_task_has_a_confidential_marking_guide_and_the_participant_edition_builds_none():
    from docutils import nodes

    from tracktwo.confidential import leaks, marked_strings
    from tracktwo.editions import CONFIDENTIAL_KINDS
    from tracktwo.sphinxext.workshop_blocks import confidential_or_pointer
    from tracktwo.workshop.guides import load_guides

    guides = load_guides()
    secrets = [m for m in marked_strings(CONFIDENTIAL_KINDS) if m.kind == "marking-guide"]
    for t in load_assessments():
        guide = guides[t["guide"]]
        text = " ".join(p["text"] for p in guide["points"])
        assert leaks(text, secrets), f"{t['id']}: its guide's text is not marked confidential"
        page = (ROOT / "book" / "facilitate" / "assessment.md").read_text(encoding="utf-8")
        review = (ROOT / "book" / "review.md").read_text(encoding="utf-8")
        assert f"```{{marking-guide}} {t['guide']}" in page + review, t["id"]

        def make(guide=guide):
            return [nodes.paragraph(text=" ".join(p["text"] for p in guide["points"]))]

        for edition, shown in (("participant", False), ("learner", False), ("instructor", True)):
            config = type("Config", (), {"tracktwo_edition": edition})()
            made = "\n".join(n.astext() for n in confidential_or_pointer(config, "marking-guide", guide["title"], make))
            assert bool(leaks(made, secrets)) is shown, (t["id"], edition)


def _copy(tmp_path: Path, edit) -> Path:
    data = yaml.safe_load(SYLLABUS_PATH.read_text(encoding="utf-8"))
    edit(data)
    out = tmp_path / "syllabus.yaml"
    out.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return out


@pytest.mark.parametrize(
    "edit, message",
    [
        (
            lambda d: d["variants"][0]["weeks"][0]["pages"].pop(),
            r"variant 'twelve': the lessons book/reading-the-brief are in no week",
        ),
        (lambda d: d["variants"][1]["weeks"][1]["pages"].append("book/orientation"), r"'book/orientation' is already in week 1"),
        (
            lambda d: d["variants"][0]["weeks"][0]["pages"].append("book/glossary"),
            r"week 1, field 'pages': 'book/glossary' is not a lesson",
        ),
        (lambda d: d["variants"][0].update(max_week_minutes=100), r"week 7: 135 learner minutes"),
        (lambda d: d["variants"][0]["weeks"][1]["seminar"][0].update(note=9), r"week 2, activity 1, field 'note'"),
        (lambda d: d["variants"][0]["weeks"][11].pop("due"), r"the task 'final-essay' is due in no week"),
        (lambda d: d["variants"][0]["weeks"][0].update(due=["final-essay"]), r"'final-essay' is already due in week 1"),
        (lambda d: d["pages"].pop("book/review"), r"the lesson 'book/review' has no line"),
        (lambda d: d["variants"][0]["weeks"][0].pop("title"), r"week 1.*title"),
    ],
)
def test_a_broken_syllabus_names_the_file_the_item_and_the_field(tmp_path, edit, message):
    with pytest.raises(SyllabusError, match=message):
        load_syllabus(_copy(tmp_path, edit))


def test_a_task_due_before_its_lessons_is_refused(tmp_path):
    def edit(d):
        d["variants"][0]["weeks"][11]["due"] = []
        d["variants"][0]["weeks"][0]["due"] = ["final-essay"]

    with pytest.raises(
        SyllabusError, match=r"week 1, field 'due': 'final-essay' draws on 'book/part4/still-hold', studied later"
    ):
        load_syllabus(_copy(tmp_path, edit))


@pytest.mark.parametrize(
    "edit, message",
    [
        (lambda d: d["assessments"][0].update(weight=25), r"the tasks' weights add up to 105, not 100"),
        (
            lambda d: d["assessments"][1]["criteria"][0].update(weight=30),
            r"task 'conflict-map', field 'criteria': .* 105, not 100",
        ),
        (lambda d: d["assessments"][2].update(guide="nothing"), r"task 'simulation-reflection', field 'guide'"),
        (lambda d: d["assessments"][3]["criteria"][0]["levels"].pop(), r"criterion 'channel', field 'levels'"),
        (lambda d: d["assessments"][4].update(after=["book/nowhere"]), r"task 'final-essay', field 'after'"),
    ],
)
def test_a_broken_assessment_file_names_the_task_and_the_field(tmp_path, edit, message):
    data = yaml.safe_load(ASSESSMENT_PATH.read_text(encoding="utf-8"))
    edit(data)
    out = tmp_path / "assessment.yaml"
    out.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    with pytest.raises(SyllabusError, match=message):
        load_assessments(out)


def test_the_full_path_is_every_lesson_in_toc_order_and_is_generated():
    rows = full_path()
    assert [r.docname for r in rows] == list(LESSONS)
    assert [sum(r.minutes) for r in rows] == [_minutes(d) for d in LESSONS]
    parts = {e["part"] for e in toc_entries() if e["file"] in {r.docname for r in rows}}
    assert {"Part I: Track Two in theory", "Part IV: Since the brief (2021-2026)", "Practice"} <= parts
    assert {"book/review", "notebooks/design-a-dialogue", "notebooks/mapping", "book/part4/still-hold"} <= {
        r.docname for r in rows
    }
    text = (ROOT / "book" / "how-to-study.md").read_text(encoding="utf-8")
    block = re.search(r"```\{study-path\} Full path\n(.*?)```", text, re.S)
    assert block and block.group(1).strip() == ":from-toc:", "the full path must be generated (:from-toc:), not written"


def test_the_landing_page_says_what_each_part_teaches():
    text = (ROOT / "index.md").read_text(encoding="utf-8")
    section = text[text.index("## What you will learn") : text.index("## Who it is for")]
    for part in ("Part I", "Part II", "Part III", "Part IV"):
        assert f"**{part}," in section, part
