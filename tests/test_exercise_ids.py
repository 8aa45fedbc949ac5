"""Saved answers keep working: every exercise published so far still exists, with its type, its
option ids and its category ids (a learner's browser keys a saved answer by ``bank/item`` and the
answer names options and categories; an answer naming one that no longer exists is set aside).

``tests/published_exercises.json`` was recorded from the banks before issue 30 (186 exercises), and
issue 30's new exercises were added to it. Add new exercises when they are published; never remove
or rename one (docs/exercise-format.md).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tracktwo.exercises.bank import all_banks, load_bank

PUBLISHED = json.loads((Path(__file__).parent / "published_exercises.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def current():
    out = {}
    for path in all_banks():
        for item in load_bank(path).items.values():
            out[item.ref] = item
    return out


def test_the_record_is_not_empty_and_covers_every_bank():
    assert len(PUBLISHED) >= 170
    assert {ref.split("/")[0] for ref in PUBLISHED} >= {p.stem for p in all_banks() if p.stem != "schema"}


def test_every_published_exercise_still_exists_with_its_type_options_and_categories(current):
    problems = []
    for ref, was in sorted(PUBLISHED.items()):
        item = current.get(ref)
        if item is None:
            problems.append(f"{ref}: gone (saved answers to it would be lost)")
            continue
        if item.type != was["type"]:
            problems.append(f"{ref}: type changed from {was['type']} to {item.type}")
        lost = sorted(set(was["options"]) - set(item.option_ids))
        if lost:
            problems.append(f"{ref}: option ids gone: {', '.join(lost)}")
        lost = sorted(set(was["categories"]) - set(item.category_ids))
        if lost:
            problems.append(f"{ref}: category ids gone: {', '.join(lost)}")
    assert not problems, "\n".join(problems)
