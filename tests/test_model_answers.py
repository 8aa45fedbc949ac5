"""Worked answers (issue 30, item 2): every open item has a model answer, shown only after the
learner has written an answer (learner edition and JupyterLab widget alike), inline in the
instructor edition, never in the participant edition; and no learner-facing text of an item names
an internal id of the course's fact sheets or a data file.

The loader's refusals (a missing or malformed model answer, a fact-sheet id in a checklist, a file
name in a clue) are planted faults in test_exercises.py's table of malformed banks; the browser half
(hidden before writing, shown after, by keyboard) is in test_exercises_browser.py.
"""

from __future__ import annotations

import dataclasses
import html
import json
import re
from pathlib import Path

import pytest

from tracktwo.confidential import BANK_KEY_PATHS, Marked, leaks, leaks_in_folder, marked_strings, pieces
from tracktwo.data.safe_yaml import read_yaml_document
from tracktwo.exercises import exercise_widget, get_item, load_bank, render_item
from tracktwo.exercises.bank import DATA_FILE, INTERNAL_ID, MODEL_WORDS, all_banks, learner_texts
from tracktwo.exercises.messages import STRINGS
from tracktwo.workshop.kit import participant_leaks

ROOT = Path(__file__).resolve().parent.parent
ESSAY = "demo/weigh-first-recommendation"


@pytest.fixture(scope="module")
def open_items():
    return [i for p in all_banks() for i in load_bank(p).items.values() if i.type == "open"]


@pytest.fixture(scope="module")
def book_citations() -> set[str]:
    """Every citation key the book's pages and notebooks cite."""
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "book").rglob("*.md")))
    text += "\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "notebooks").glob("*.ipynb")))
    keys: set[str] = set()
    for group in re.findall(r"\{cite:[pt]\}`([^`]+)`|#cite:[pt]=([a-z0-9,-]+)", text):
        for part in group:
            keys |= {k.strip() for k in part.split(",") if k.strip()}
    return keys


# --- every open item has one, well formed and grounded -----------------------------------------------


def test_every_open_item_has_a_model_answer(open_items):
    assert len(open_items) >= 60
    for item in open_items:
        model = item.model_answer
        assert model is not None, item.ref
        assert MODEL_WORDS[0] <= len(model.text.split()) <= MODEL_WORDS[1], item.ref
        assert model.why and model.text != model.why, item.ref


def test_every_model_answer_cites_the_brief_by_section(open_items):
    for item in open_items:
        assert re.search(
            r"\([^()]*\b(?:Sec\. [1-4]|Table 1|Conclusions|Recommendations|About the Authors)", item.model_answer.text
        ), item.ref


def test_a_model_answers_sources_are_keys_the_book_already_cites(open_items, book_citations):
    """A model answer rests on the brief and on vetted facts, through the citation keys the chapters
    already use: no new source enters through an exercise."""
    from tracktwo.data.yamlfile import citation_keys

    bib = citation_keys(ROOT / "data")
    for item in open_items:
        sources = item.model_answer.sources
        assert sources, f"{item.ref}: list the citation keys the model answer rests on"
        assert not set(sources) - bib, (item.ref, sorted(set(sources) - bib))
        assert not set(sources) - book_citations, (item.ref, sorted(set(sources) - book_citations))
        if item.bank == "since":  # Part IV: events after the brief, with their sources
            assert any(k.startswith("fab-") for k in sources), item.ref


def test_a_model_answer_marks_what_came_after_the_brief(open_items):
    """Anything dated after September 2021 is said to be later than the brief, and the answer then
    rests on a source about it."""
    for item in open_items:
        text = item.model_answer.text
        if re.search(r"\b20(?:2[2-9])\b", text):
            assert re.search(r"after the brief|later than the brief", text, re.I), item.ref
            assert any(k.startswith("fab-") for k in item.model_answer.sources), item.ref


def test_model_answers_for_the_learners_own_view_say_their_example_is_invented():
    for ref in ("part1-origins/discuss-shared-problem", "reading/apply-the-method", "review/capstone-memo"):
        assert "invented" in get_item(ref).model_answer.text, ref


# --- no internal ids in what learners read -----------------------------------------------------------


def _bank_texts(path: Path) -> list[tuple[str, str]]:
    data = read_yaml_document(path).data
    out = [(f, data[f]) for f in ("title", "description") if isinstance(data.get(f), str)]
    out += [(f"objectives.{k}", v) for k, v in data["objectives"].items()]
    for raw in data["items"]:
        out += [(f"{raw['id']}.{f}", t) for f, t in learner_texts(raw)]
    return out


def test_no_learner_facing_text_names_a_fact_sheet_id_or_a_data_file():
    found = []
    for path in all_banks():
        for where, text in _bank_texts(path):
            for pattern in (INTERNAL_ID, DATA_FILE):
                hit = pattern.search(text)
                if hit:
                    found.append(f"{path.name}: {where}: {hit.group(0)!r}")
    assert not found, "\n".join(found)


def test_the_id_guard_sees_what_it_must_and_spares_ordinary_text():
    for text in ("(fact sheet D14)", "see F2.", "C6", "A205", "facts-after-brief.md", "events.csv", "data/x.YAML"):
        assert INTERNAL_ID.search(text) or DATA_FILE.search(text), text
    for text in ("Track 1.5", "Sec. 4", "fn 22", "Resolution 1325", "MiG-29 fighters", "Su-30SM", "COVID-19", "aappb.org"):
        assert not (INTERNAL_ID.search(text) or DATA_FILE.search(text)), text


def test_learner_texts_cover_every_learner_facing_field():
    raw = {
        "title": "T",
        "prompt": "P",
        "hint": "H",
        "options": [{"id": "a", "text": "O", "feedback": "F", "clue": "C"}],
        "categories": [{"id": "x", "text": "K", "description": "D"}],
        "accept": [{"option": "a", "category": "x", "rationale": "R"}],
        "checklist": ["L1", "L2"],
        "model_answer": {"text": "M", "why": "W", "sources": ["jones2021myanmar"]},
    }
    fields = dict(learner_texts(raw))
    assert set(fields.values()) == {"T", "P", "H", "O", "F", "C", "K", "D", "R", "L1", "L2", "M", "W"}
    assert "model_answer.text" in fields and "checklist[1]" in fields and "options[0].clue" in fields


# --- the three editions -----------------------------------------------------------------------------


def _visible(page: str) -> str:
    """The page without its hidden elements (a crude reading of the static HTML)."""
    out = re.sub(r"<script[\s\S]*?</script>", " ", page)
    out = re.sub(r"<(\w+)[^>]*\shidden[\s>][\s\S]*?</\1>", " ", out)
    return html.unescape(re.sub(r"<[^>]+>", " ", out))


def _page_json(page: str) -> dict:
    return json.loads(re.search(r'<script type="application/json" class="tt-ex-data">(.*?)</script>', page).group(1))


def test_the_learner_edition_gives_the_engine_the_model_answer_and_shows_none_of_it():
    """The page engine builds the disclosure (tests/test_exercises_browser.py); the static page
    carries the model answer once, in the JSON the engine reads, and shows nothing of it."""
    item = get_item(ESSAY)
    page = render_item(item, "learner", "v", heading_level=3)
    data = _page_json(page)
    assert data["model"] == {"text": item.model_answer.text, "why": item.model_answer.why, "level": 3}
    assert "sources" not in json.dumps(data) and "jones2021myanmar" not in page  # citation keys never reach learners
    assert data["checklist"] == len(item.checklist)  # its points are in the page, sent once
    assert page.count(item.model_answer.text[:60]) == 1 and "tt-ex-model" not in page
    assert item.model_answer.text[:60] not in _visible(page)
    # Its heading sits one level below the section the exercise is placed in (h2 to h6).
    assert _page_json(render_item(item, "learner", "v", heading_level=4))["model"]["level"] == 4
    assert _page_json(render_item(item, "learner", "v", heading_level=1))["model"]["level"] == 2
    assert _page_json(render_item(item, "learner", "v", heading_level=9))["model"]["level"] == 6
    assert "model" not in _page_json(render_item(get_item("demo/oslo-talks"), "learner", "v"))


def test_the_instructor_edition_shows_the_model_answer_inline_with_the_checklist():
    item = get_item(ESSAY)
    page = render_item(item, "instructor")
    assert html.escape(item.model_answer.text) in page and html.escape(item.model_answer.why) in page
    assert page.index(html.escape(item.checklist[-1])) < page.index(html.escape(item.model_answer.text))
    assert "hidden" not in page and "tt-ex-model-toggle" not in page
    assert html.escape(STRINGS["key_model"]) in page


@pytest.mark.parametrize("ref", ["demo/weigh-first-recommendation", "since/weigh-rec-one", "review/capstone-memo"])
def test_the_participant_edition_has_no_model_answer_and_does_not_depend_on_it(ref):
    item = get_item(ref)
    page = render_item(item, "participant")
    assert "tt-ex-model" not in page and STRINGS["model_heading"] not in page
    for text in (item.model_answer.text, item.model_answer.why):
        assert not leaks(page, [Marked(text, "self-check-key", "f", "p")]), ref
    assert render_item(dataclasses.replace(item, model_answer=None), "participant") == page


def test_the_banks_mark_model_answers_as_keys_and_the_participant_check_catches_one(tmp_path):
    """Planted fault: a model answer pasted into a participant page fails the kit's check."""
    assert "items[].model_answer" in BANK_KEY_PATHS
    keys = marked_strings(("self-check-key",))
    models = [m for m in keys if ".model_answer" in m.path]
    assert len({m.path.split(".model_answer")[0] + m.file for m in models}) >= 60
    item = get_item("since/discuss-civic-space")
    mine = [m for m in models if m.file == "data/exercises/since.yaml" and "[discuss-civic-space]" in m.path]
    assert {item.model_answer.text, item.model_answer.why} <= {m.text for m in mine}
    book = tmp_path / "participant"
    book.mkdir()
    clean = render_item(item, "participant")
    (book / "page.html").write_text(f"<html><body>{clean}</body></html>", encoding="utf-8")
    assert not leaks_in_folder(book, mine) and participant_leaks(book, mine) == []
    sentence = pieces(item.model_answer.text)[3]
    (book / "page.html").write_text(f"<html><body>{clean}<p>{html.escape(sentence)}</p></body></html>", encoding="utf-8")
    found = participant_leaks(book, mine)
    assert found and "model_answer" in found[0] and "since.yaml" in found[0], found
    (book / "page.html").write_text('<html><body><section class="tt-ex-model"></section></body></html>', encoding="utf-8")
    assert participant_leaks(book, []) == ["page.html: tt-ex-model"]


# --- the JupyterLab widget: the same rule ------------------------------------------------------------


def test_the_widget_shows_the_model_answer_only_after_an_answer_is_written_and_checked():
    item = get_item(ESSAY)
    w = exercise_widget(ESSAY)
    assert w.model_box.layout.display == "none" and w.model_body.value == ""
    w.toggle_model()  # the button cannot open it early (it is not even shown)
    assert w.model_body.value == "" and not w.model_open
    assert w.check() is None and w.model_box.layout.display == "none"  # empty answer: refused
    w.answer.value = "Quiet support could help prevent large-scale fighting; it would manage the conflict."
    assert w.model_box.layout.display == "none"  # written, but the checklist is not shown yet
    w.check()
    assert w.model_box.layout.display != "none" and w.model_body.value == ""  # shown, closed
    assert html.escape(STRINGS["model_shown"]) in w.status.value
    assert w.model_button.description == STRINGS["model_heading"] and w.model_button.icon == "caret-right"
    w.model_button.click()
    assert w.model_open and html.escape(item.model_answer.text) in w.model_body.value
    assert html.escape(item.model_answer.why) in w.model_body.value and w.model_button.icon == "caret-down"
    w.ticks[0].value = True  # ticking keeps it open
    assert w.model_open
    w.model_button.click()
    assert not w.model_open and w.model_body.value == ""
    w.model_button.click()
    w.answer.value = "   "  # emptied: hidden again, and its text leaves the widget
    assert w.model_box.layout.display == "none" and w.model_body.value == ""
    w.answer.value = "Written again."
    assert w.model_box.layout.display != "none" and not w.model_open


def test_a_choice_items_widget_has_no_model_answer():
    w = exercise_widget("demo/oslo-talks")
    assert not hasattr(w, "model_box") and not w.model_available
