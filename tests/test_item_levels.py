"""Scored reasoning (issue 30): what the banks ask of learners, computed from the banks.

Every item of every bank says its cognitive level (``skill``: the schema requires it) and every
ordering says what it orders (``sequence``); at most 35% of the course's scored items (auto-marked:
all but open items, the format's fixture ``demo`` aside) are recall, at most 40% of the closing
review's; and enough orderings put the steps of a process in order, not only events by date.
``scripts/item_counts.py`` prints the table these numbers come from.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tracktwo.exercises.bank import all_banks, learner_texts, load_bank
from tracktwo.exercises.levels import (
    MAX_RECALL_SHARE,
    MAX_REVIEW_RECALL_SHARE,
    MIN_PROCESS_ORDERINGS,
    course_counts,
    limit_problems,
)
from tracktwo.data.safe_yaml import read_yaml_document

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def banks():
    return [load_bank(p) for p in all_banks()]


@pytest.fixture(scope="module")
def counts(banks):
    return course_counts(banks)


def test_every_item_says_its_level_and_every_ordering_what_it_orders(banks):
    for bank in banks:
        for item in bank.items.values():
            assert item.skill in ("recall", "apply", "analyse", "evaluate"), item.ref
            assert (item.sequence in ("time", "process")) == (item.type == "ordering"), item.ref


def test_at_most_35_percent_of_scored_items_are_recall(counts):
    per, total = counts
    assert total.scored >= 150, total.scored  # the course's banks, not a sample
    assert total.scored_levels["recall"] / total.scored <= MAX_RECALL_SHARE == 0.35, total.scored_levels


def test_at_most_40_percent_of_the_review_is_recall(counts):
    per, _ = counts
    review = per["review"]
    assert review.scored >= 20, review.scored
    assert review.scored_levels["recall"] / review.scored <= MAX_REVIEW_RECALL_SHARE == 0.40, review.scored_levels


def test_orderings_of_processes_exist_and_cite_their_source(banks, counts):
    _, total = counts
    assert total.sequences["process"] >= MIN_PROCESS_ORDERINGS == 6, total.sequences
    for bank in banks:
        for item in bank.items.values():
            if item.sequence == "process":
                for option in item.options:  # a process the brief or a bibliography work describes, cited
                    assert re.search(r"the brief|Sec\. \d|\(\w[^)]*\d{4}", option.feedback), (item.ref, option.id)


def test_every_part_and_the_review_gain_scored_apply_or_analyse_items(counts):
    per, _ = counts
    groups = {
        "Part I": [b for b in per if b.startswith("part1-")],
        "Part II": [b for b in per if b.startswith("part2-")],
        "Part III": ["part3"],
        "Part IV": ["since"],
        "review": ["review"],
    }
    for name, ids in groups.items():
        scored = sum(per[b].scored for b in ids)
        reasoning = sum(per[b].scored_levels["apply"] + per[b].scored_levels["analyse"] for b in ids)
        assert reasoning * 2 >= scored, (name, reasoning, scored)  # at least half apply or analyse


def test_the_limits_say_what_is_wrong(counts):
    per, total = counts
    assert limit_problems(per, total) == []
    per["review"].scored_levels["recall"] += 100
    try:
        problems = limit_problems(per, total)
    finally:
        per["review"].scored_levels["recall"] -= 100
    assert any(p.startswith("the review: ") and "at most 40%" in p for p in problems), problems


def test_item_counts_prints_the_table_and_exits_0():
    run = subprocess.run([sys.executable, "scripts/item_counts.py"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert lines[0].split()[:4] == ["bank", "items", "scored", "open"]
    assert any(line.startswith("review ") for line in lines) and lines[-1].startswith("ALL")


#: A fact sheet's id (F12, D3, C10...) never reaches a learner; nor does an id of a row in the
#: course's data tables (events, actors, relations, institutions: "coup-1962", "sac-knpp").
FACT_ID = re.compile(r"\b[A-F]\d{1,3}\b")
DATA_TABLES = ("events", "actors", "relations", "relations_since", "institutions")


def _row_ids() -> set[str]:
    import csv

    ids = set()
    for name in DATA_TABLES:
        with (ROOT / "data" / f"{name}.csv").open(encoding="utf-8") as f:
            ids |= {row["id"] for row in csv.DictReader(f) if "-" in row["id"]}  # one-word ids are words
    return ids


def test_checklists_and_model_answers_name_no_internal_id():
    rows = _row_ids()
    assert len(rows) > 100
    problems = []
    for path in all_banks():
        raw = read_yaml_document(path).data
        for item in raw["items"]:
            for fld, text in learner_texts(item):
                if not (fld.startswith("checklist") or fld.startswith("model_answer")):
                    continue
                for found in FACT_ID.findall(text) + [w for w in re.findall(r"[a-z0-9-]+", text) if w in rows]:
                    problems.append(f"{path.name}: item '{item['id']}', field '{fld}': names {found!r}")
    assert not problems, "\n".join(problems)
