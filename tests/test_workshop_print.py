"""Print that holds (issue 27, deliverables 4 and 6), without Chromium: every plan block has
steps and the at-a-glance sheet prints them; sheets name no repository path, data file or course
id; every footer carries the course's version and date, and a neutral footer says no marked word.
The printed PDFs are checked page by page in test_workshop_pdf.py."""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest

from test_workshop_pdf import course_ids, leaks
from tracktwo import __version__
from tracktwo.editions import marked_words_in
from tracktwo.workshop.plans import load_plans
from tracktwo.workshop.sheets import HANDOUT_TITLES, all_sheets, course_date, course_stamp, plans_sheet, write_sheets


def _text(markup: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", markup)))


@pytest.fixture(scope="module")
def sheets():
    return all_sheets()


def test_every_block_of_every_plan_has_steps():
    plans = load_plans()
    assert [p.id for p in plans] and all(p.blocks for p in plans)
    bare = [(p.id, b.day, b.title) for p in plans for b in p.blocks if b.kind != "break" and not b.steps]
    assert bare == [], f"data/workshop/plans.yaml: blocks without steps: {bare}"


def test_the_at_a_glance_sheet_prints_every_step_and_no_path_or_id():
    text = _text(plans_sheet().body)
    missing = [s for p in load_plans() for b in p.blocks for s in b.steps if _text(html.escape(s)) not in text]
    assert missing == []
    assert leaks("session-plans", text, course_ids()) == []


def test_no_sheet_names_a_repository_path_data_file_or_course_id(sheets):
    ids = course_ids()
    found = {s.id: leaks(s.id, _text(s.body), ids) for s in sheets}
    assert {k: v for k, v in found.items() if v} == {}


def test_a_planted_path_or_id_is_found():
    ids = course_ids()
    assert leaks("table-1", "Source: data/relations.csv", ids) == ["data/", ".csv"]
    assert leaks("levels", "row sac-uwsa and part2-coup/table-one", ids) and leaks("levels", "see tracktwo:x", ids)
    assert leaks("safety-protocol", "keys beginning tracktwo: and map-2026-12-07.json", ids) == []


def test_handout_titles_are_the_sheets_titles(sheets):
    titles = {s.id: s.title for s in sheets}
    assert {h: titles.get(h) for h in HANDOUT_TITLES} == HANDOUT_TITLES


def test_course_stamp_and_date():
    assert course_stamp("2026.1", dt.date(2026, 12, 7)) == "Version 2026.1, 7 December 2026"
    assert course_date({"SOURCE_DATE_EPOCH": "86400"}) == dt.date(1970, 1, 2)
    assert isinstance(course_date({}), dt.date)


@pytest.mark.parametrize("title", [None, "Course notes"])
def test_every_footer_carries_version_and_date_and_a_neutral_one_no_marked_word(tmp_path, title):
    stamp = course_stamp(__version__, course_date())  # the release version (CHANGELOG.md)
    written = write_sheets(tmp_path, title=title)
    assert len(written) >= 20
    for n, (_sheet, path) in enumerate(written, 1):
        foot = _text(re.search(r'<footer class="tt-print-foot">(.*?)</footer>', path.read_text(encoding="utf-8")).group(1))
        assert foot.rstrip().endswith(stamp), (path.name, foot)
        if title:
            assert foot.startswith(f"{title}, sheet {n} · ") and marked_words_in(foot) == [], foot
