"""The workshop's applied knowledge check (issue 27, item 5) and the interpreter briefing notes
(item 4): the check's items come from one bank, most of them apply or analyse (the count refuses a
recall-heavy check), its map is drawn in the course's notation with a text version, its disputed
figure is reported with both sources, and its key holds every answer; the bank format's three
optional fields (skill, map, model) are checked and rendered; the interpreter sheet carries the
course's terms and acronyms and the course's rule of thumb, labelled as such. Fast tier."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import pytest
import yaml

from tracktwo.exercises.bank import BANK_DIR, load_bank
from tracktwo.exercises.errors import BankError
from tracktwo.exercises.render import render_item
from tracktwo.workshop.check_sheets import MAX_RECALL, check_items, mix_problems, skill_counts
from tracktwo.workshop.sheets import KNOWLEDGE_CHECK, all_sheets

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def items():
    return check_items()


@pytest.fixture(scope="module")
def sheets():
    return {s.id: s for s in all_sheets()}


def _text(html: str) -> str:
    import html as _html

    return re.sub(r"\s+", " ", _html.unescape(re.sub(r"<[^>]+>", " ", html)))


# --- the mix of item kinds ---------------------------------------------------------------------


def test_most_items_apply_or_analyse_and_at_most_two_are_recall(items):
    counts = skill_counts(items)
    assert mix_problems(items) == [], mix_problems(items)
    assert 8 <= len(items) <= 10, len(items)
    assert counts.get("recall", 0) <= MAX_RECALL == 2
    assert sum(v for k, v in counts.items() if k != "recall") > len(items) / 2, counts


def _bank_copy(tmp_path: Path, mutate) -> Path:
    data = yaml.safe_load((BANK_DIR / f"{KNOWLEDGE_CHECK}.yaml").read_text(encoding="utf-8"))
    mutate(data["items"])
    tmp_path.mkdir(parents=True, exist_ok=True)
    (tmp_path / f"{KNOWLEDGE_CHECK}.yaml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return tmp_path


def test_the_count_refuses_a_recall_heavy_check_and_an_item_that_does_not_say(tmp_path):
    def recall_heavy(raw):
        for item in raw[:4]:
            item["skill"] = "recall"

    problems = mix_problems(check_items(bank_dir=_bank_copy(tmp_path / "a", recall_heavy)))
    assert any("at most 2" in p for p in problems) and any("most items must apply or analyse" in p for p in problems)

    def unsaid(raw):
        del raw[0]["skill"]

    # The bank's schema now requires the field on every item, so the loader refuses it first,
    # naming the file, the item and the field; mix_problems still says so of items built otherwise.
    with pytest.raises(BankError, match=r"workshop-check\.yaml: item 'which-track', field 'skill': missing: every item says"):
        check_items(bank_dir=_bank_copy(tmp_path / "b", unsaid))
    loaded = check_items()
    assert mix_problems([dataclasses.replace(loaded[0], skill="")] + loaded[1:]) == [
        "item 'which-track' does not say its skill (recall, apply, analyse or evaluate)"
    ]


def test_the_check_has_each_applied_kind_the_issue_asks_for(items):
    by_id = {i.id: i for i in items}
    tracks = [i for i in items if i.type == "classification" and "Track 1.5" in [c.text for c in i.categories]]
    aims = [i for i in items if i.type == "classification" and "Transform" in [c.text for c in i.categories]]
    assert tracks and aims, "cases to classify by track and by aim"
    for item in tracks + aims:  # the key names the deciding feature of every case
        assert all("Deciding feature:" in o.feedback for o in item.options), item.id
    assert [i.id for i in items if i.map] == ["read-the-map"]
    assert "where-to-talk" in by_id and "same map" in by_id["where-to-talk"].prompt
    assert {c.text for c in by_id["rate-the-moment"].categories} == {"Present", "Absent"}
    report = by_id["report-the-count"]
    assert report.type == "open" and report.model_answer and report.skill == "apply"


def test_the_disputed_figure_gives_both_sources_with_who_counts_and_when(items):
    """Both versions of the fact sheet's DISCREPANCY (facts.md B8), attributed, in the prompt and in
    the model answer; the bank cites both sources by keys that are in the bibliography."""
    report = next(i for i in items if i.id == "report-the-count")
    for text in (report.prompt, report.model_answer.text):
        # who counts the 22 (Seekins' dictionary, by name) and when (the entry is undated in the course's sources)
        for needle in (
            "policy brief (2021)",
            "40 armed groups",
            "1989",
            "2011",
            "Seekins' Historical Dictionary of Burma",
            "undated",
            "22",
            "late 1990s",
        ):
            assert needle in text, (needle, text[:60])
        assert "historical dictionary" in text.lower(), text[:60]
    bib = (ROOT / "data" / "references.bib").read_text(encoding="utf-8")
    head = (BANK_DIR / f"{KNOWLEDGE_CHECK}.yaml").read_text(encoding="utf-8").split("\nbank:")[0]
    for key in ("jones2021myanmar", "seekins-ceasefire-groups", "fisher2000working", "pruitt2005whither"):
        assert key in head and re.search(rf"@\w+\{{{re.escape(key)},", bib), key


# --- the printed sheets ------------------------------------------------------------------------


def test_the_check_prints_every_item_and_no_answer(sheets, items):
    check = sheets["knowledge-check"]
    assert check.audience == "participant" and check.pages == (1, 2)
    text = _text(check.html())
    for item in items:
        assert item.title in text, item.id
        assert all(o.text in text for o in item.options), item.id
    for item in items:
        secrets = [o.feedback for o in item.options] + list(item.checklist)
        secrets += [item.model_answer.text, item.model_answer.why] if item.model_answer else []
        assert [s[:40] for s in secrets if s[:60] in text] == [], item.id
    assert "Why (a few words)" in text and text.count("Why (a few words)") == 3


def test_the_key_is_a_facilitator_sheet_with_every_answer(sheets, items):
    key = sheets["key-knowledge-check"]
    assert key.audience == "facilitator" and key.kind == "key"
    text = _text(key.html())
    for item in items:
        if item.type == "open":
            assert item.model_answer.text in text and all(p in text for p in item.checklist)
        elif item.type == "classification":
            assert all(o.feedback in text for o in item.options), item.id
        else:
            answer = item.answer if isinstance(item.answer, tuple) else (item.answer,)
            assert all(item.option(a).feedback in text for a in answer), item.id
    assert "Asks: recall" in text and "Asks: analyse" in text


def test_the_map_is_drawn_in_the_notation_with_a_text_version(sheets, items):
    from tracktwo.maps.printed import map_svg, map_text

    item = next(i for i in items if i.map)
    svg = map_svg(item.map, "m")
    assert 'aria-labelledby="m-t"' in svg and "<title" in svg
    rels = item.map["relationships"]
    assert svg.count("<polygon") == sum(r["kind"] == "influence" for r in rels)  # arrows
    assert svg.count("<polyline") == sum(r["kind"] == "discord" for r in rels)  # zig-zags
    assert svg.count('stroke-dasharray="4 3"') == sum(a["party"] == "outside" for a in item.map["actors"])
    words = map_text(item.map)
    assert "Between Provincial office and Millers' guild: a double line." in words
    assert "From Outside lender to Provincial office: an arrow, pointing to Provincial office." in words
    # the words say how a line is drawn, never what it means: reading the notation is the task
    assert not any(re.search(r"\b(alliance|allied|conflict|influence)\b", w, re.I) for w in words)
    printed = sheets["knowledge-check"].html()
    assert map_svg(item.map, "check-map-3") in printed and "Text version." in printed


# --- the bank format's optional fields ----------------------------------------------------------


def _one_item_bank(tmp_path: Path, item: dict) -> Path:
    path = tmp_path / "mini.yaml"
    data = {
        "bank": "mini",
        "title": "T",
        "objectives": {"o": "x"},
        "items": [dict({"objective": "o", "title": "T", "skill": "recall"}, **item)],
    }
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def _single(**extra) -> dict:
    return {
        "id": "one",
        "type": "single",
        "prompt": "P?",
        "options": [{"id": "a", "text": "A", "feedback": "F"}, {"id": "b", "text": "B", "feedback": "G"}],
        "answer": "a",
        **extra,
    }


def _check_map() -> dict:
    return yaml.safe_load((BANK_DIR / f"{KNOWLEDGE_CHECK}.yaml").read_text(encoding="utf-8"))["items"][2]["map"]


@pytest.mark.parametrize(
    "item, field, fragment",
    [
        (_single(model_answer={"text": "A model.", "why": "Because."}), "model_answer", "only open items have a model answer"),
        (_single(skill="remember"), "skill", "is not one of"),
    ],
    ids=["model-on-single", "unknown-skill"],
)
def test_a_bad_skill_or_model_names_file_item_and_field(tmp_path, item, field, fragment):
    with pytest.raises(BankError) as info:
        load_bank(_one_item_bank(tmp_path, item))
    message = str(info.value)
    assert "mini.yaml" in message and "item 'one'" in message and f"field '{field}'" in message and fragment in message, message


def _unplaced(actors):
    return [{k: v for k, v in a.items() if k not in "xy"} for a in actors]


@pytest.mark.parametrize(
    "change, fragment",
    [
        (
            lambda m: m.update(relationships=[{"id": "r1", "source": "office", "target": "millers", "kind": "friends"}]),
            "relationship 1 field 'kind' is \"friends\"",
        ),
        (lambda m: m.update(actors=_unplaced(m["actors"])), "actor 1 has no x and y"),
        (lambda m: m.update(version=1, actors=_unplaced(m["actors"])), "a map to draw is version 2"),
        (lambda m: m.pop("viewpoint"), "field \"viewpoint\" is missing"),
    ],
    ids=["bad-kind", "unplaced", "version-1", "no-viewpoint"],
)
def test_a_map_that_cannot_be_drawn_names_file_item_and_field(tmp_path, change, fragment):
    from tracktwo.workshop import WorkshopError

    def mutate(raw):
        change(next(i for i in raw if "map" in i)["map"])

    with pytest.raises(WorkshopError) as info:
        check_items(bank_dir=_bank_copy(tmp_path, mutate))
    message = str(info.value)
    assert "workshop-check.yaml: item 'read-the-map', field 'map': " in message and fragment in message, message


def test_every_map_in_any_bank_can_be_drawn():
    from tracktwo.exercises.bank import all_banks
    from tracktwo.maps.printed import placed_map_problems

    maps = {i.ref: i.map for p in all_banks() for i in load_bank(p).items.values() if i.map is not None}
    assert maps and {ref: placed_map_problems(m) for ref, m in maps.items() if placed_map_problems(m)} == {}


def test_the_model_answer_is_answer_material_in_every_edition(items):
    """The knowledge check's model answer follows the banks' one rule (tests/test_model_answers.py):
    never in the participant edition, inline for instructors, and for learners only in the data the
    page engine shows once an answer is written."""
    item = next(i for i in items if i.model_answer)
    text = item.model_answer.text
    assert text not in _text(render_item(item, "participant"))
    assert text in _text(render_item(item, "instructor"))
    learner = render_item(item, "learner", "v")
    data = json.loads(re.search(r'<script type="application/json" class="tt-ex-data">(.*?)</script>', learner).group(1))
    assert data["model"]["text"] == text and "tt-ex-model" not in learner
    plain = dataclasses.replace(item, model_answer=None)
    assert "tt-ex-model" not in render_item(plain, "instructor")


def test_the_map_is_part_of_the_question_in_every_edition(items):
    from tracktwo.exercises import exercise_widget
    from tracktwo.maps.printed import map_figure

    item = next(i for i in items if i.map)
    figure = map_figure(item.map, "m")
    for edition in ("participant", "instructor", "learner"):
        html = render_item(item, edition, "v", figure)
        assert figure in html and "Between Herders' league and Fishing villages: a line crossed by //." in _text(html), edition
        assert "<svg" not in render_item(item, edition, "v"), edition  # the exercises feature draws no map itself
    header = exercise_widget(item.ref).children[0].value
    assert "conflict map: see it in the book or on the printed sheet" in header


# --- the interpreter briefing ------------------------------------------------------------------


def test_the_interpreter_briefing_is_a_facilitator_sheet_with_terms_acronyms_and_the_rule_of_thumb(sheets):
    from tracktwo.data import load_all
    from tracktwo.workshop.carry import load_carry

    sheet = sheets["interpreter-briefing"]
    assert sheet.audience == "facilitator" and sheet.pages == (1, 2)
    assert load_carry()["interpreter-briefing"].stays
    text = _text(sheet.html())
    glossary = load_all().glossary
    acronyms = glossary[glossary["kind"] == "acronym"]
    assert [t for t in acronyms["term"] if t not in text] == []
    for term in (
        "Track One",
        "Track 1.5",
        "Track Two",
        "Track Three",
        "Ripeness",
        "Readiness",
        "Mutually hurting stalemate",
        "Fisher notation",
    ):
        assert f"<dt>{term}</dt>" in sheet.html(), term
    assert "consecutive interpretation roughly doubles talking time" in text
    assert "the course's rule of thumb, not a sourced figure" in text
    for heading in ("Before the workshop", "Confidentiality and safety", "short chunks", "Contested labels", "breaks"):
        assert heading in text, heading
    assert "bound by the room's agreements" in text and "carry rules" in text
    assert "Do not translate a label as a fact" in text


def _acronym_rows(sheet_html: str) -> dict[str, str]:
    """The interpreter sheet's acronym list: term -> what it prints beside it."""
    block = sheet_html.split('class="tt-columns tt-acronyms">', 1)[1].split("</dl>", 1)[0]
    return {dt: _text(dd) for dt, dd in re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", block)}


def test_the_interpreter_acronyms_mark_bodies_after_the_brief_and_give_the_brief_s_printed_forms(sheets):
    """Audit B (AB-23): an acronym whose source is a fact sheet on events after the brief (3BHA,
    NSPNC, SSPC, IDP) is marked "(after the brief)"; where the brief prints another form (BSPP, PDF)
    or its term differs from the usual rendering (MAS), the sheet says so; the DISCREPANCY on the
    SSPC's English name (facts-after-brief D27) gives both names."""
    from tracktwo.data import load_all

    rows = _acronym_rows(sheets["interpreter-briefing"].html())
    g = load_all().glossary
    after = set(g[(g["kind"] == "acronym") & g["source"].str.startswith("fab-")]["term"])
    assert {"3BHA", "NSPNC", "SSPC", "IDP"} <= after
    assert [t for t in after if "(after the brief)" not in rows[t]] == []
    assert [t for t, v in rows.items() if "(after the brief)" in v and t not in after] == []
    assert "Burmese Socialist Program Party" in rows["BSPP"]
    assert "People Defense Force" in rows["PDF"]
    assert "Military Security Affairs" in rows["MAS"] and "Military Affairs Security" in rows["MAS"]
    assert "State Security and Peace Commission" in rows["SSPC"] and "National Security and Peace Commission" in rows["SSPC"]


def test_the_interpreter_sheet_s_sources_notation_and_labels_say_whose_they_are(sheets):
    """Audit B (AB-24 to AB-26): the source line names Zartman for the way out and no Pruitt (no
    motivation or optimism is printed); the notation line gives each line's meaning as the notation
    file words it, so the course's own sign says it is a course convention; the "terrorist" label
    is dated after the brief, beside the brief's own word, with the rule for any side's label."""
    from tracktwo.maps.notation import legend_rows

    text = _text(sheets["interpreter-briefing"].html())
    source = text.split("Source:", 1)[1]
    assert "Zartman" in source and "Pruitt" not in source
    broken = next(r for r in legend_rows() if r["id"] == "broken")
    assert "course convention" in broken["meaning"] and f"{broken['drawn']}: {broken['meaning']}" in text
    assert re.search(r"reported in 2022, after the brief", text) and "Outlawed" in text
    assert "any side's label" in text
    assert "write them on the board" not in text and "in person" in text
