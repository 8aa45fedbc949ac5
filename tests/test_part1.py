"""Part I (theory) chapters: the chapter shape, exercises, citations, and the levels figure."""

from __future__ import annotations

import re

import pytest

from support import facilitator_notes_are_behind_the_instructor_view

from tracktwo.exercises.bank import load_bank
from tracktwo.figures import text_alternative
from tracktwo.data.content import LevelsError, load_levels
from tracktwo.figures.levels_diagram import levels_figure

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
    level = (
        "  - {{id: {id}, name: N, short: S, official: {off}, breadth: 1, who: W, audience: A,"
        " deniability: D, facilitator: F, sources: [jones2021myanmar]}}\n"
    )
    two = "levels:\n" + level.format(id="a", off=1) + level.format(id="b", off=2)
    drift = "drift: {{case: C, path: [{path}], text: T, sources: [jones2021myanmar]}}\n"
    p.write_text(two + drift.format(path="a, b"), encoding="utf-8")
    assert [lv["id"] for lv in load_levels(p, known_keys=["jones2021myanmar"]).levels] == ["a", "b"]
    p.write_text(two + drift.format(path="a, nowhere"), encoding="utf-8")
    with pytest.raises(LevelsError, match="'nowhere' is not a level id"):
        load_levels(p, known_keys=["jones2021myanmar"])
    # the schema beside data/part1_levels.yaml is enforced: ordinal range, unknown fields, list length
    p.write_text(two.replace("official: 2", "official: 7") + drift.format(path="a, b"), encoding="utf-8")
    with pytest.raises(LevelsError, match=r"level 2 'b', field 'official': must be a whole number from 0 to 3"):
        load_levels(p, known_keys=["jones2021myanmar"])
    p.write_text(two.replace("who: W", "who: W, colour: red", 1) + drift.format(path="a, b"), encoding="utf-8")
    with pytest.raises(LevelsError, match=r"level 1 'a': unknown field\(s\) 'colour'"):
        load_levels(p, known_keys=["jones2021myanmar"])
    p.write_text("levels:\n" + level.format(id="a", off=1) + drift.format(path="a"), encoding="utf-8")
    with pytest.raises(LevelsError, match=r"'levels': must have at least 2 item\(s\), but has 1"):
        load_levels(p, known_keys=["jones2021myanmar"])


@pytest.mark.parametrize("page,bank", sorted(CHAPTERS.items()))
def test_chapter_has_the_course_shape(site, page, bank):
    html = (site / page).read_text(encoding="utf-8")
    for cls in ("tt-questions", "tt-objectives", "tt-discussion", "tt-keypoints"):
        assert cls in html, f"{page}: no {cls} block"
    assert re.search(r"About \d+ minutes of reading and \d+ minutes of exercises", html), page
    assert f'data-tt-exercise="{bank}/' in html, f"{page}: no exercise from {bank}"
    assert facilitator_notes_are_behind_the_instructor_view(html), f"{page}: facilitator notes leak into the learner edition"
    # key points come last among the lesson blocks
    assert html.rindex("tt-keypoints") > html.rindex("tt-discussion") > html.index("tt-objectives")
    # every chapter cites the brief
    assert "jones2021myanmar" in html or "Jones" in html


def test_every_item_of_each_bank_is_placed_in_its_chapter(site):
    for page, bank in CHAPTERS.items():
        html = (site / page).read_text(encoding="utf-8")
        for item_id in load_bank(bank).items:
            assert f'data-tt-exercise="{bank}/{item_id}"' in html, f"{page}: {bank}/{item_id} not placed"
