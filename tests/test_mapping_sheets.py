"""The kit's mapping sheets (issue 27, item 2: mapping as a sequence): the practice case for
participants, its worked example for the facilitator, blank templates of the companion tools and
blank map frames, A3 and A4, with the legend strip. Built from the builder's own data; the
participant sheet carries no worked example. The last test prints them with Chromium (browser tier):
one page each, and the A3 frame on A3."""

from __future__ import annotations

import copy
import re
import subprocess
from pathlib import Path

import pytest

from tracktwo.confidential import leaks, marked_strings
from tracktwo.workshop import mapping_sheets as ms
from tracktwo.workshop.sheets import HANDOUT_TITLES, PRINT_CSS, Sheet, all_sheets

#: The mapping sheets the kit must print: a removed one fails here (written out, not imported).
PARTICIPANT = {
    "practice-case": ("handout", False, "A4", False),
    "template-tree": ("form", True, "A4", False),
    "template-onion": ("form", True, "A4", True),
    "template-abc": ("form", True, "A4", True),
    "template-grid": ("form", True, "A4", True),
    "template-actions": ("form", True, "A4", True),
    "map-frame-a3": ("form", True, "A3", True),
    "map-frame-a4": ("form", True, "A4", True),
}
KEY = "practice-case-key"


@pytest.fixture(scope="module")
def sheets() -> dict[str, Sheet]:
    return {s.id: s for s in all_sheets()}


def _text(markup: str) -> str:
    import html

    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", markup)))


def test_every_mapping_sheet_is_in_the_kit_with_its_kind_paper_and_audience(sheets):
    for sid, (kind, template, paper, landscape) in PARTICIPANT.items():
        s = sheets[sid]
        assert (s.audience, s.kind, s.template, s.paper, s.landscape) == ("participant", kind, template, paper, landscape), sid
        assert s.title == HANDOUT_TITLES[sid] and s.pages == (1, 1)
    key = sheets[KEY]
    assert (key.audience, key.kind, key.template) == ("facilitator", "key", False)
    assert set(ms.TEMPLATE_IDS) == {sid for sid, v in PARTICIPANT.items() if v[1]}


def test_paper_is_a_named_page_of_print_css():
    css = PRINT_CSS.read_text(encoding="utf-8")
    for paper, landscape, name, size in (
        ("A3", True, "a3-landscape", "A3 landscape"),
        ("A4", True, "a4-landscape", "A4 landscape"),
    ):
        sheet = Sheet("x", "X", "participant", "form", "<p>x</p>", paper=paper, landscape=landscape)
        assert sheet.page_name == name and f"tt-page-{name}" in sheet.html()
        assert re.search(rf"@page {name} \{{ size: {size}; \}}", css) and f".tt-page-{name} {{ page: {name}; }}" in css
    plain = Sheet("x", "X", "participant", "form", "<p>x</p>")
    assert plain.paper == "A4" and plain.page_name == "" and "tt-page-" not in plain.html()
    with pytest.raises(ValueError, match="paper 'A5' is not one of A4, A3"):
        Sheet("x", "X", "participant", "form", "", paper="A5").html()


def test_the_participant_case_has_the_task_and_questions_but_no_worked_example(sheets):
    from tracktwo.maps.practice import load_practice, practice_path

    case = load_practice(practice_path(ms.PRACTICE_CASE))
    model = [m for m in marked_strings() if m.kind == "model-answer"]
    assert len(model) > 50  # the answers, and the worked map, worksheets and actions
    participant, key = sheets["practice-case"].html(), sheets[KEY].html()
    assert leaks(participant, model) == []
    text = _text(participant)
    assert _text(case["setting"]) in text and all(q["question"] in text for q in case["questions"])
    assert case["worked_map"]["viewpoint"] not in text and "<svg" not in participant
    # every piece of the worked example is on the facilitator's key (its map drawn, with its tables)
    missing = [m.path for m in model if not leaks(key, [m]) and len(m.text) >= 24]
    assert missing == [] and "<svg" in key
    for a in case["worked_map"]["actors"]:
        assert a["name"] in _text(key)


def test_a_planted_worked_map_on_the_participant_sheet_is_found(monkeypatch):
    from tracktwo.maps import practice

    real = practice.load_practice

    def leaky(path):
        case = real(path)
        case["setting"] += " " + case["questions"][0]["answer"]
        return case

    monkeypatch.setattr(practice, "load_practice", leaky)
    model = [m for m in marked_strings() if m.kind == "model-answer"]
    assert leaks(ms.practice_case_sheet().html(), model)


def test_templates_are_drawn_from_the_builders_data_not_a_copy(monkeypatch):
    from tracktwo.maps import worksheet
    from tracktwo.maps.notation import legend_rows
    from tracktwo.maps.practice import ACTION_FIELDS

    builders = {"tree": ms.tree_template, "onion": ms.onion_template, "abc": ms.abc_template, "grid": ms.grid_template}
    for tool, build in builders.items():
        text = _text(build().body)
        for _, label in worksheet.TOOLS[tool]["fields"]:
            head = re.split(r": | \(", label)[0]
            assert head in text and label.lower() in text.lower(), (tool, label)
    assert all(label in _text(ms.actions_template().body) for _, label in ACTION_FIELDS)
    for paper in ("A3", "A4"):
        frame = ms.map_frame(paper).body
        assert all(f"<span>{r['name']}</span>" in frame for r in legend_rows()), paper
        assert frame.count('aria-hidden="true"') == len(legend_rows())
    # change the builder's data: the template follows
    tools = copy.deepcopy(worksheet.TOOLS)
    tools["onion"]["fields"][0][1] = "Stances: what we announce"
    monkeypatch.setattr(worksheet, "TOOLS", tools)
    assert "Stances:" in _text(ms.onion_template().body) and "Positions:" not in _text(ms.onion_template().body)


def test_every_template_says_that_once_filled_in_it_stays_in_the_room(sheets):
    from tracktwo.workshop.carry import load_carry

    marks = load_carry()
    for sid in ms.TEMPLATE_IDS:
        text = _text(sheets[sid].body)
        assert "Filled in, it stays in the room" in text and "do not photograph it" in text, sid
        assert marks[sid].stays or "Only while blank" in marks[sid].reason, sid
    assert marks["practice-case"].stays and marks[KEY].stays


# --- printed (browser tier) ------------------------------------------------------------------------


def _info(pdf: Path) -> tuple[int, float, float]:
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", out).group(1))
    w, h = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", out).groups())
    return pages, w, h


def test_mapping_sheets_print_one_page_each_and_the_a3_frame_is_a3(tmp_path, browser):
    from print_sheets import print_pdfs
    from test_workshop_pdf import near_blank_pages, page_fill
    from tracktwo.workshop.sheets import write_sheets

    chosen = [s for s in all_sheets() if s.id in PARTICIPANT or s.id == KEY]
    written = write_sheets(tmp_path / "html", chosen)
    pdfs = {
        s.id: (s, pdf) for (s, _), pdf in zip(written, print_pdfs([p for _, p in written], tmp_path / "pdf", browser=browser))
    }
    assert set(pdfs) == set(PARTICIPANT) | {KEY}
    a3, a4 = (842, 1191), (595, 842)  # points, rounded
    for sid, (sheet, pdf) in pdfs.items():
        pages, w, h = _info(pdf)
        low, high = sheet.pages
        assert low <= pages <= high, f"{sid}: {pages} pages"
        if sid in PARTICIPANT:
            assert pages == 1, f"{sid}: {pages} pages"
        size = a3 if sheet.paper == "A3" else a4
        expect = (size[1], size[0]) if sheet.landscape else size
        assert (round(w), round(h)) == expect, f"{sid}: {w} x {h} pt"
    assert _info(pdfs["map-frame-a3"][1])[1:] == pytest.approx((1191.12, 841.92), abs=1)  # A3 landscape
    printed = {sid: (s, pdf, "") for sid, (s, pdf) in pdfs.items()}
    assert all(page_fill(pdf) for _, pdf, _ in printed.values())
    assert near_blank_pages({k: v for k, v in printed.items() if not v[0].template}) == []
