"""Carry marks (issue 24, deliverable 6) and the safety protocol's sheets (deliverable 7): every
sheet the kit prints has a mark, "safe to carry" or "stays in the room", with a one-line reason,
from data/workshop/carry.yaml; a malformed file gives one clear message naming the file, the sheet
and the field; the mark prints on every sheet; the printed protocol is the book's page, with every
sheet's mark. Fast tier, except the last test, which reads the built book's safety page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from tracktwo.editions import marked_words_in
from tracktwo.workshop import WorkshopError
from tracktwo.workshop.carry import CARRY_PATH, SCHEMA_PATH, STAYS, kit_sheet_ids, load_carry
from tracktwo.workshop.sheets import Sheet, all_sheets, write_sheets

ROOT = Path(__file__).resolve().parent.parent
SAFETY_MD = ROOT / "book" / "facilitate" / "safety.md"


@pytest.fixture(scope="module")
def sheets():
    return all_sheets()


@pytest.fixture(scope="module")
def marks():
    return load_carry()


def _write(tmp_path: Path, mutate) -> Path:
    data = yaml.safe_load(CARRY_PATH.read_text(encoding="utf-8"))
    mutate(data)
    path = tmp_path / "carry.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def _entry(data, sheet_id):
    return next(e for e in data["sheets"] if e["id"] == sheet_id)


# --- every sheet has a mark -------------------------------------------------------------------


def test_the_kit_sheet_list_is_exactly_what_the_kit_prints(sheets):
    assert kit_sheet_ids() == [(s.id, s.audience) for s in sheets]


def test_every_sheet_the_kit_prints_has_a_mark_and_a_one_line_reason(sheets, marks):
    unmarked = [s.id for s in sheets if s.id not in marks]
    assert unmarked == [], f"sheets with no mark in carry.yaml: {unmarked}"
    assert set(marks) == {s.id for s in sheets}
    for m in marks.values():
        assert m.label in ("Safe to carry", "Stays in the room")
        assert "\n" not in m.reason and 10 <= len(m.reason) <= 130, m.sheet


def test_defaults_keep_table_1_the_glossary_and_every_map_in_the_room(sheets, marks):
    maps = [s.id for s in sheets if re.search(r"\bmap", s.title, re.I) or "map" in s.id]
    assert "mapping-legend" in maps and "table-1" in maps, maps
    for sid in {"table-1", "glossary", *maps}:
        assert marks[sid].mark == STAYS, sid
    # every facilitator sheet (keys, confidential briefs, forms) stays in the room as well
    assert [s.id for s in sheets if s.audience == "facilitator" and not marks[s.id].stays] == []
    assert any(not m.stays for m in marks.values()), "some sheet is safe to carry, so both marks are exercised"


def test_every_simulation_s_public_brief_stays_in_the_room(sheets, marks):
    """Audit B (AB-12): an invented story of armed men, troops and quiet talks can be misread if found;
    when in doubt a sheet stays in the room (safety protocol, section 14)."""
    public = [s.id for s in sheets if s.id.startswith("simulation") and s.id.endswith("-public")]
    assert public == ["simulation-public", "simulation2-public"]
    assert [sid for sid in public if not marks[sid].stays] == []


def test_no_reason_says_a_word_the_neutral_edition_hides(marks):
    """The reason prints at the top of every sheet, where an onlooker reads it first."""
    assert {sid: marked_words_in(m.reason) for sid, m in marks.items() if marked_words_in(m.reason)} == {}


def test_a_sheet_with_no_mark_is_refused_naming_the_sheet(tmp_path):
    def drop(data):
        data["sheets"] = [e for e in data["sheets"] if e["id"] != "glossary"]

    with pytest.raises(WorkshopError) as err:
        load_carry(_write(tmp_path, drop), SCHEMA_PATH)
    msg = str(err.value)
    assert "carry.yaml" in msg and "sheet 'glossary' has no mark" in msg and "\n" not in msg


# --- a malformed carry.yaml: one clear message ---------------------------------------------------


@pytest.mark.parametrize(
    "case,mutate,expect",
    [
        (
            "unknown mark",
            lambda d: _entry(d, "table-1").update(mark="take home"),
            r"carry\.yaml: sheet 'table-1', field 'mark': must be one of safe to carry, stays in the room \(found 'take home'\)",
        ),
        ("missing reason", lambda d: _entry(d, "levels").pop("reason"), r"carry\.yaml: sheet 'levels', field 'reason': missing"),
        ("empty reason", lambda d: _entry(d, "levels").update(reason=""), r"carry\.yaml: sheet 'levels', field 'reason'"),
        (
            "two-line reason",
            lambda d: _entry(d, "levels").update(reason="First line of it.\nSecond line."),
            r"carry\.yaml: sheet 'levels', field 'reason'",
        ),
        (
            "unknown sheet id",
            lambda d: d["sheets"].append(
                {"id": "no-such-sheet", "mark": "safe to carry", "reason": "A sheet the kit does not print."}
            ),
            r"carry\.yaml: sheet 'no-such-sheet', field 'id': the kit prints no sheet 'no-such-sheet'",
        ),
        (
            "sheet marked twice",
            lambda d: d["sheets"].append(dict(_entry(d, "glossary"))),
            r"carry\.yaml: sheet 'glossary', field 'id': the sheet is marked twice",
        ),
        (
            "unknown field",
            lambda d: _entry(d, "glossary").update(colour="red"),
            r"carry\.yaml: sheet 'glossary': unknown field\(s\) 'colour'",
        ),
    ],
)
def test_a_malformed_carry_file_gives_one_message_naming_file_sheet_and_field(tmp_path, case, mutate, expect):
    with pytest.raises(WorkshopError) as err:
        load_carry(_write(tmp_path, mutate), SCHEMA_PATH)
    assert re.search(expect, str(err.value)), (case, str(err.value))
    assert "\n" not in str(err.value) and "Traceback" not in str(err.value)


def test_broken_yaml_is_one_message(tmp_path):
    path = tmp_path / "carry.yaml"
    path.write_text("sheets:\n  - id: [levels\n", encoding="utf-8")
    with pytest.raises(WorkshopError, match=r"carry.yaml: line \d+, column \d+: is not valid YAML"):
        load_carry(path, SCHEMA_PATH)


# --- the mark prints on every sheet ---------------------------------------------------------------


def test_every_written_sheet_carries_its_mark_and_reason_first(tmp_path, marks):
    import html

    for sheet, path in write_sheets(tmp_path):
        text = path.read_text(encoding="utf-8")
        main = text.split("<main>", 1)[1]
        m = marks[sheet.id]
        assert main.lstrip().startswith('<p class="tt-carry'), sheet.id
        assert f"{m.label}.</strong>" in main and html.escape(m.reason) in main, sheet.id


def test_writing_a_sheet_with_no_mark_stops_with_one_message(tmp_path):
    stray = Sheet("stray", "A sheet nobody marked", "participant", "handout", "<h1>Stray</h1>")
    with pytest.raises(WorkshopError, match=r"carry.yaml: sheet 'stray' has no mark"):
        write_sheets(tmp_path, [stray])


# --- the safety protocol: the page, the printed sheet and the forms -----------------------------------

SECTIONS = (
    "Devices and checkpoints",
    "The facilitator's own device",
    "Interpreters",
    "The room: informers, venue, travel and immigration status",
    "After the workshop: detention, threats and doxxing",
    "Follow-up channels",
    "Printed sheets: safe to carry, or stays in the room",
    "The evening before: a checklist",
)


def test_the_safety_page_has_the_new_sections_and_lists_the_marks_from_data():
    text = SAFETY_MD.read_text(encoding="utf-8")
    headings = re.findall(r"^## (.+)$", text, re.M)
    for s in SECTIONS:
        assert any(s in h for h in headings), s
    assert "```{carry-marks}" in text
    for pdf in ("risk-assessment.pdf", "after-contacts.pdf", "referral-contacts.pdf", "safety-protocol.pdf"):
        assert pdf in text, pdf


def test_the_printed_protocol_is_the_page_with_every_sheet_and_no_myst_left(sheets, marks):
    sheet = next(s for s in sheets if s.id == "safety-protocol")
    assert sheet.audience == "facilitator"
    body = sheet.body
    for s in SECTIONS:
        assert s.replace("'", "&#x27;") in body or s in body, s
    for sid, m in marks.items():
        assert f"{sid}.pdf" in body, sid
        assert m.reason.replace("'", "&#x27;").replace('"', "&quot;") in body or m.reason in body, sid
    assert "{cite" not in body and "{doc}" not in body and "{ref}" not in body and ")=" not in body
    assert "Key points" in body and "Jones, Min Zaw Oo and Palmiano Federer 2021" in body


def test_every_citation_on_the_page_prints_as_authors_and_year_not_as_a_key(sheets):
    """The page cites works other than the brief (Seekins, Tea Circle, DMG...); on paper each prints
    as its bibliography's authors and year, never as the bare key."""
    from tracktwo.workshop.protocol import cite_text

    text = SAFETY_MD.read_text(encoding="utf-8")
    keys = {k.strip() for group in re.findall(r"\{cite:p\}`([^`]*)`", text) for k in group.split(",")}
    assert {"jones2021myanmar", "seekins-tatmadaw", "fab-d3-dmg", "dmg-2021-aapp"} <= keys
    body = next(s for s in sheets if s.id == "safety-protocol").body
    for key in keys:
        assert key not in body, key
        assert cite_text(key) != key and re.search(r" (\d{4}|n\.d\.)$", cite_text(key)), key
        assert cite_text(key).replace('"', "&quot;") in body, key
    assert cite_text("seekins-tatmadaw") == 'Seekins, "Tatmadaw", n.d.'
    assert cite_text("fab-d3-dmg") == "Development Media Group 2022"


def test_the_forms_are_blank_and_name_no_organisation(sheets):
    from tracktwo.workshop.sheets import AFTER_NEEDS, RISKS

    by_id = {s.id: s for s in sheets}
    for sid, rows in (("risk-assessment", [r[0] for r in RISKS]), ("after-contacts", list(AFTER_NEEDS))):
        body = by_id[sid].body
        assert by_id[sid].audience == "facilitator"
        for r in rows:
            assert r in body or r.replace("'", "&#x27;") in body, (sid, r)
        # every row's answer cells are empty: a blank form
        assert re.findall(r"<td>[^<]+</td>", body) == [], sid
        assert "<td></td>" in body


def test_the_safety_page_in_the_built_book_lists_every_sheet(site, marks):
    page = (site / "book" / "facilitate" / "safety.html").read_text(encoding="utf-8")
    table = page.split("tt-carry-table", 1)
    assert len(table) == 2, "no table of carry marks on the safety page"
    import html

    cells = table[1].split("</table>", 1)[0]
    cells = re.sub(r'<span class="tt-tip"[^>]*>.*?</span>', "", cells, flags=re.S)  # glossary tooltips
    text = html.unescape(re.sub(r"<[^>]+>", " ", cells))
    text = re.sub(r"\s+", " ", text).replace("\u2019", "'").replace("\u2018", "'")  # Sphinx's smart quotes
    text = text.replace("\u201c", '"').replace("\u201d", '"')
    text = re.sub(r" ([;,.:])", r"\1", text)  # a tag closed before punctuation left a space
    missing = [sid for sid, m in marks.items() if f"{sid}.pdf" not in text or m.reason not in text]
    assert missing == [], missing
