"""Part I (theory) chapters: the chapter shape, exercises, citations, and the levels figure."""

from __future__ import annotations

import re

import pytest

from tracktwo.exercises.bank import load_bank
from tracktwo.figures import text_alternative
from tracktwo.figures.levels import LevelsError, levels_figure, load_levels

CHAPTERS = {
    "book/part1/origins.html": "part1-origins",
    "book/part1/levels.html": "part1-levels",
    "book/part1/concerns.html": "part1-concerns",
    "book/part1/aims.html": "part1-aims",
    "notebooks/ripeness.html": "part1-ripeness",
}


def test_banks_load_and_levels_classification_has_at_least_ten_items():
    for bank in CHAPTERS.values():
        assert load_bank(bank).items
    item = load_bank("part1-levels").items["which-track"]
    assert item.type == "classification"
    assert len(item.options) >= 10
    assert {c.id for c in item.categories} == {"track-1", "track-15", "track-2", "track-3"}
    assert set(item.answer.values()) == {"track-1", "track-15", "track-2", "track-3"}


def test_levels_figure_is_described_and_uses_the_basic_bundle():
    fig = levels_figure()
    alt = text_alternative(fig)
    assert alt["summary"] and len(alt["rows"]) == 4
    assert [r[0] for r in alt["rows"]] == ["Track One", "Track 1.5", "Track Two", "Track Three"]
    assert {t.type for t in fig.data} <= {"scatter", "bar", "pie"}
    assert len([a for a in fig.layout.annotations if a.showarrow]) == 2  # Oslo: 2 -> 1.5 -> 1


def test_levels_loader_reports_bad_data(tmp_path):
    p = tmp_path / "levels.yaml"
    p.write_text("levels:\n  - id: x\n    name: X\ndrift: {path: [x], sources: []}\n", encoding="utf-8")
    with pytest.raises(LevelsError, match=r"levels.yaml: level 1 'x', field 'short': missing"):
        load_levels(p, known_keys=["jones2021myanmar"])
    p.write_text("levels: []\ndrift: {path: [nowhere], sources: []}\n", encoding="utf-8")
    with pytest.raises(LevelsError, match="'nowhere' is not a level id"):
        load_levels(p, known_keys=["jones2021myanmar"])


@pytest.mark.parametrize("page,bank", sorted(CHAPTERS.items()))
def test_chapter_has_the_course_shape(site, page, bank):
    html = (site / page).read_text(encoding="utf-8")
    for cls in ("tt-questions", "tt-objectives", "tt-discussion", "tt-keypoints"):
        assert cls in html, f"{page}: no {cls} block"
    assert re.search(r"About \d+ minutes of reading and \d+ minutes of exercises", html), page
    assert f'data-tt-exercise="{bank}/' in html, f"{page}: no exercise from {bank}"
    assert "tt-facilitator" not in html, f"{page}: facilitator notes leak into the learner edition"
    # key points come last among the lesson blocks
    assert html.rindex("tt-keypoints") > html.rindex("tt-discussion") > html.index("tt-objectives")
    # every chapter cites the brief
    assert "jones2021myanmar" in html or "Jones" in html


def test_every_item_of_each_bank_is_placed_in_its_chapter(site):
    for page, bank in CHAPTERS.items():
        html = (site / page).read_text(encoding="utf-8")
        for item_id in load_bank(bank).items:
            assert f'data-tt-exercise="{bank}/{item_id}"' in html, f"{page}: {bank}/{item_id} not placed"
