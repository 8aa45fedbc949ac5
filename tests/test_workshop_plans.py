"""Plans that can be run (issue 27, deliverables 2, 3 and 4): at most three card sorts a day,
reading that second-language readers can do in the time, mapping in the course's order (practice
case, Table 1, one's own context), the simulation's de-roling and debrief straight after play, and
a variant of every plan with consecutive interpretation whose minutes add up. Each guard is also
run once on a planted fault. Fast tier: no book build, no browser."""

from __future__ import annotations

from dataclasses import replace

import pytest
import yaml

from tracktwo.workshop import WorkshopError
from tracktwo.workshop.plans import (
    MAPPING_STAGES,
    MAX_CARD_SORTS_A_DAY,
    PLANS_PATH,
    card_sort_problems,
    interpretation_changes,
    interpretation_problems,
    load_plans,
    mapping_problems,
    reading_problems,
    simulation_blocks,
    simulation_problems,
)
from tracktwo.workshop.sheets import handout_words, plans_sheet


@pytest.fixture(scope="module")
def plans():
    return {p.id: p for p in load_plans()}


# --- card sorts ---------------------------------------------------------------------------------


def test_at_most_three_card_sorts_a_day(plans):
    assert MAX_CARD_SORTS_A_DAY == 3
    assert [p for plan in plans.values() for p in card_sort_problems(plan)] == []


def test_a_fourth_card_sort_in_a_day_is_named(plans):
    plan = plans["two-day"]
    day1 = [i for i, b in enumerate(plan.blocks) if b.day == 1 and not b.cards and b.kind == "activity"]
    blocks = list(plan.blocks)
    blocks[day1[0]] = replace(blocks[day1[0]], cards=("architecture-functions",))
    problems = card_sort_problems(replace(plan, blocks=tuple(blocks)))
    assert len(problems) == 1 and "day 1: 4 card sorts" in problems[0], problems


# --- reading ------------------------------------------------------------------------------------


def test_reading_fits_second_language_readers(plans):
    assert [p for plan in plans.values() for p in reading_problems(plan, handout_words)] == []


def test_the_blocks_where_participants_read_say_what_they_read(plans):
    """Every block that hands out a case or a brief to read names it in `reading`, so the check above
    has something to check."""
    read = {h for plan in plans.values() for b in plan.blocks for h, _ in b.reading_parts}
    assert {"timeline", "practice-case", "simulation-public", "timeline-since", "table-1-now", "recommendations-now"} <= read
    assert all(handout_words(h) > 50 for h in read)


def test_too_much_reading_is_named(plans):
    plan = plans["two-day"]
    block = next(b for b in plan.blocks if b.reading)
    short = replace(plan, blocks=(replace(block, minutes=2),))
    problems = reading_problems(short, handout_words)
    assert len(problems) == 1 and block.title in problems[0] and "words a minute" in problems[0], problems


def test_a_share_of_a_handout_counts_its_share_of_the_words(plans):
    block = next(b for b in plans["since-45"].blocks if b.reading)
    ((hid, share),) = block.reading_parts
    assert share < 1
    full = replace(block, reading=(hid,), minutes=1)
    part = replace(block, minutes=1)
    count = {hid: 1000}.__getitem__
    whole = reading_problems(replace(plans["since-45"], blocks=(full,)), count)
    some = reading_problems(replace(plans["since-45"], blocks=(part,)), count)
    assert "reading 1000 words" in whole[0] and f"reading {round(1000 * share)} words" in some[0]


# --- mapping ------------------------------------------------------------------------------------


def test_every_plan_that_maps_goes_practice_table1_own_context(plans):
    mapping = [p for p in plans.values() if any(b.mapping for b in p.blocks)]
    assert "two-day" in {p.id for p in mapping}
    for plan in mapping:
        assert mapping_problems(plan) == [], plan.id
        stages = {b.mapping: b for b in plan.blocks if b.mapping}
        assert "practice-case" in stages["practice"].handouts
        assert "table-1" in stages["table-1"].handouts
        own = stages["own-context"]
        assert "code names" in own.title and any("no real names" in s for s in own.steps)


def test_every_block_that_maps_is_marked_with_its_stage(plans):
    """A block that hands out a map frame or maps on a mapping page is one of the three stages."""
    for plan in plans.values():
        for b in plan.blocks:
            frames = [h for h in b.handouts if h.startswith("map-frame")]
            if frames:
                assert b.mapping in MAPPING_STAGES, (plan.id, b.title)


def test_mapping_real_actors_first_is_named(plans):
    plan = plans["two-day"]
    blocks = list(plan.blocks)
    i = next(n for n, b in enumerate(blocks) if b.mapping == "practice")
    j = next(n for n, b in enumerate(blocks) if b.mapping == "table-1")
    blocks[i], blocks[j] = blocks[j], blocks[i]
    problems = mapping_problems(replace(plan, blocks=tuple(blocks)))
    assert problems and "'table-1', 'practice'" in problems[0], problems


# --- the simulation -------------------------------------------------------------------------------


def test_de_roling_and_debrief_come_straight_after_play(plans):
    assert any(simulation_blocks(p)[0] for p in plans.values())
    assert [p for plan in plans.values() for p in simulation_problems(plan)] == []
    idx, blocks = simulation_blocks(plans["two-day"])
    assert sum(b.minutes for b in blocks) == 105  # the simulation's standard variant


def test_lunch_between_play_and_debrief_is_named(plans):
    plan = plans["two-day"]
    idx, _ = simulation_blocks(plan)
    blocks = list(plan.blocks)
    lunch = next(b for b in blocks if b.title == "Lunch" and b.day == 2)
    blocks.remove(lunch)
    blocks.insert(idx[-2], lunch)
    problems = simulation_problems(replace(plan, blocks=tuple(blocks)))
    assert problems and "broken by ['Lunch']" in problems[0], problems


# --- with consecutive interpretation ----------------------------------------------------------------


def test_every_plan_has_an_interpretation_variant_that_adds_up(plans):
    for plan in plans.values():
        assert plan.interpretation, plan.id
        assert interpretation_problems(plan) == [], plan.id
        changes = interpretation_changes(plan)
        assert any(c == "cut" for _, c in changes), plan.id  # says what to cut
        assert "interpreter briefing" in plan.interpretation, plan.id


def test_the_interpretation_variant_is_printed(plans):
    body = plans_sheet().body
    assert body.count("<h3>With consecutive interpretation</h3>") == len(plans)
    cut = next(b for b, c in interpretation_changes(plans["two-day"]) if c == "cut")
    assert cut.title.replace("'", "&#x27;") in body or cut.title in body


def test_an_interpretation_variant_that_does_not_add_up_is_refused(tmp_path):
    data = yaml.safe_load(PLANS_PATH.read_text(encoding="utf-8"))
    block = next(b for b in data["plans"][0]["blocks"] if b.get("interpreted"))
    block["interpreted"] += 5
    path = tmp_path / "plans.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    with pytest.raises(WorkshopError) as exc:
        load_plans(path)
    msg = str(exc.value)
    assert "plans.yaml" in msg and data["plans"][0]["id"] in msg and "'interpreted'" in msg and "Traceback" not in msg
