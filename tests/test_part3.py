"""Part III (the brief's argument): the chapters' shape and sources, their exercises (levels of
applying and evaluating, no answer given away by a label), the "Since the brief" notes, what moved
out of the coup chapter, and the built pages."""

from __future__ import annotations

import html as html_module
import re
from pathlib import Path

import pytest

from support import facilitator_notes_are_behind_the_instructor_view

from tracktwo.exercises import get_item, load_bank
from tracktwo.exercises.scoring import score

ROOT = Path(__file__).resolve().parent.parent
CHAPTERS = ["why-now", "roles", "recommendations"]
LABELS = {"why-now": "(why-now)=", "roles": "(three-roles)=", "recommendations": "(recommendations)="}
SOURCES = {name: (ROOT / "book" / "part3" / f"{name}.md").read_text(encoding="utf-8") for name in CHAPTERS}
COUP = (ROOT / "book" / "part2" / "coup.md").read_text(encoding="utf-8")
BIB = (ROOT / "data" / "references.bib").read_text(encoding="utf-8")
BIB_KEYS = set(re.findall(r"^@\w+\{([^,]+),", BIB, re.M))
FACTS_AFTER = ROOT.parent / "shared" / "reference" / "facts-after-brief.md"


def _cite_keys(text: str) -> set[str]:
    return {k.strip() for group in re.findall(r"\{cite:p\}`([^`]+)`", text) for k in group.split(",")}


def _prose_words(text: str) -> int:
    """Words of running prose (and notes): without the front matter and the lesson and exercise blocks."""
    text = re.sub(r"^---\n.*?\n---\n", "", text, flags=re.S)
    text = re.sub(
        r"```\{(questions|objectives|discussion|facilitator|keypoints|exercise|conflict-map)\}.*?```", "", text, flags=re.S
    )
    return len(text.split())


# --- chapter sources -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", CHAPTERS)
def test_every_chapter_has_the_course_shape(name):
    text = SOURCES[name]
    front = re.match(r"---\n(.*?)\n---\n", text, re.S)
    assert front, "front matter"
    assert re.search(r"^reading_minutes: [1-9]\d*$", front.group(1), re.M)
    assert re.search(r"^exercise_minutes: [1-9]\d*$", front.group(1), re.M)
    assert LABELS[name] in text, "the chapter keeps its label"
    order = [text.index(f"```{{{block}}}") for block in ("questions", "objectives", "discussion", "facilitator", "keypoints")]
    assert order == sorted(order), "questions, objectives, ..., discussion, facilitator, keypoints"
    assert text.index("```{objectives}") < text.index("```{exercise}") < text.index("```{discussion}")
    assert "being drafted" not in text and "Placeholder" not in text
    assert 1200 <= _prose_words(text) <= 2000, _prose_words(text)


@pytest.mark.parametrize("name", CHAPTERS)
def test_every_citation_key_exists(name):
    keys = _cite_keys(SOURCES[name])
    assert "jones2021myanmar" in keys
    assert keys <= BIB_KEYS, keys - BIB_KEYS


def test_the_brief_s_section_three_and_four_endnotes_are_cited_where_the_brief_cites_them():
    keys = set().union(*(_cite_keys(t) for t in SOURCES.values()))
    endnotes = {
        "hlaing2012understanding",
        "cpcs2015making",
        "hoppnishanka2012infrastructures",
        "bni2016deciphering",
        "minzawoo2014understanding",
        "aungnaingoo2018pathway",
        "bertrand2018first",
        "pring2020normative",
        "paungsie2018unlocking",
        "mason2009insider",
        "allen2021evolving",
        "crisisgroup2021taking",
        "economist2020private",
    }
    assert endnotes <= keys, endnotes - keys


@pytest.mark.parametrize("name", CHAPTERS)
def test_every_exercise_reference_resolves_once_per_page(name):
    refs = re.findall(r"```\{exercise\} (\S+)", SOURCES[name])
    assert len(refs) >= 4 and len(refs) == len(set(refs))
    for ref in refs:
        get_item(ref)  # raises ExerciseError naming the file, item and field


def test_every_part3_item_is_placed_exactly_once_in_part_three():
    placed = [r for text in SOURCES.values() for r in re.findall(r"\{exercise\} (part3/[a-z0-9-]+)", text)]
    assert len(placed) == len(set(placed))
    assert set(placed) == {f"part3/{i}" for i in load_bank("part3").items}


@pytest.mark.parametrize("name", CHAPTERS)
def test_each_chapter_has_at_least_four_applying_or_evaluating_items(name):
    """Scenario items (an invented case, or a claim to weigh) and open items count; recall does not."""
    refs = re.findall(r"```\{exercise\} (\S+)", SOURCES[name])
    items = [get_item(ref) for ref in refs]
    higher = [
        i
        for i in items
        if i.type == "open"
        or re.search(
            r"invented case|invented (design|situations|initiatives)|A colleague writes|Which sentence reports", i.prompt
        )
    ]
    assert len(higher) >= 4, [i.id for i in higher]
    assert any(i.type == "open" for i in items)
    assert any(i.type != "open" for i in items)


def test_no_category_label_gives_the_answer_away():
    """The old coup item named the aims ("managing") in its categories; the new one names none."""
    aims = re.compile(r"manag|transform|resolv|readiness|ripeness", re.I)
    for item in load_bank("part3").items.values():
        for category in item.categories or []:
            assert not aims.search(category.text + " " + (category.description or "")), (item.id, category.id)
    assert "recommendations" not in load_bank("part2-coup").items


def test_the_role_sort_scores_and_accepts_its_defensible_alternative():
    item = get_item("part3/which-role")
    key = dict(item.answer)
    assert score(item, key).points == len(key)
    swapped = {**key, "common-agenda": "role-2"}
    assert score(item, swapped).points == len(key)  # defensible, with its rationale
    wrong = {**key, "venue-note-takers": "role-2"}
    assert score(item, wrong).points == len(key) - 1


def test_every_open_item_has_a_strong_answer_checklist_citing_the_brief():
    for item in load_bank("part3").items.values():
        if item.type == "open":
            assert len(item.checklist) >= 3, item.id
            assert any(re.search(r"Sec\. \d|Conclusions", point) for point in item.checklist), item.id


def test_every_feedback_and_clue_cites_the_brief():
    for item in load_bank("part3").items.values():
        for option in item.options or []:
            assert re.search(r"Sec\. \d|Conclusions|Sec\. 1", option.feedback), (item.id, option.id)
            if option.clue:
                assert re.search(r"Sec\. \d|\?$|\.$", option.clue), (item.id, option.id)


def test_invented_cases_name_no_real_group():
    """Invented cases use descriptions; no acronym of a real organisation appears in an option text of
    an invented case."""
    real = re.compile(r"\b(KNU|KIA|KIO|UWSA|RCSS|AA|CNF|NUG|NUCC|SAC|ASEAN|PDF)\b")
    for item in load_bank("part3").items.values():
        if "invented" in item.prompt.lower():
            texts = [item.prompt] + [o.text for o in item.options or []]
            for text in texts:
                assert not real.search(text), (item.id, real.search(text).group(0))


# --- the "Since the brief" notes --------------------------------------------------------------------


def _since_notes() -> list[str]:
    notes = []
    for text in SOURCES.values():
        notes += re.findall(r"```\{admonition\} Since the brief: .*?\n```", text, re.S)
    return notes


def test_three_to_six_since_the_brief_notes_each_dated_linked_and_cited_from_the_fact_sheet():
    notes = _since_notes()
    assert 3 <= len(notes) <= 6, len(notes)
    for note in notes:
        assert "{ref}`since-the-brief`" in note
        assert re.search(r"\b20(2[1-6])\b", note), "dated"
        keys = _cite_keys(note)
        fab = {k for k in keys if k.startswith("fab-")}
        assert fab, "cites a source from facts-after-brief.md"
        for key in fab:
            assert re.fullmatch(r"fab-[a-z]\d+-[a-z]+", key), key
            entry = BIB[BIB.index("{" + key + ",") :]
            entry = entry[: entry.index("\n}")]
            fact = key.split("-")[1].upper()
            assert f"facts-after-brief.md, {fact}" in entry, key
            assert "url" in entry and "author" in entry, key


@pytest.mark.skipif(not FACTS_AFTER.exists(), reason="the fact sheet lies beside the repository only")
def test_the_notes_use_only_facts_marked_verified_or_discrepancy():
    sheet = FACTS_AFTER.read_text(encoding="utf-8")
    used = {k.split("-")[1].upper() for note in _since_notes() for k in _cite_keys(note) if k.startswith("fab-")}
    for fact in used:
        heading = re.search(rf"^- {fact}\. \*\*(.*?)\*\*$", sheet, re.M)
        assert heading, fact
        assert re.search(r"(VERIFIED|DISCREPANCY)[^*]*$", heading.group(1)) and "UNVERIFIED" not in heading.group(1), fact


def test_the_terrorist_label_is_attributed_to_its_user():
    text = SOURCES["roles"]
    i = text.index("terrorist")
    assert "spokesman" in text[i - 200 : i] and "his label" in text[i : i + 60]


# --- what moved out of the coup chapter ------------------------------------------------------------


def test_the_roles_and_recommendations_moved_out_of_the_coup_chapter():
    for heading in (
        "## What roles for Track Two now?",
        "## The brief's three recommendations",
        "### The channels and the recommendations on one map",
        "```{conflict-map} channels",
    ):
        assert heading not in COUP, heading
    assert "## Table 1" in COUP and "```{relations-table}" in COUP and "```{conflict-map} table1" in COUP
    for name in CHAPTERS:
        assert f"../part3/{name}" in COUP, "the coup chapter points to Part III"
    assert "```{conflict-map} channels" in SOURCES["recommendations"]
    assert "part2-coup/recommendations" not in (ROOT / "data" / "workshop" / "plans.yaml").read_text(encoding="utf-8")


def test_the_recommendations_are_quoted_word_for_word():
    text = re.sub(r"\s+", " ", SOURCES["recommendations"].replace("> ", " "))
    for words in (
        "To provide quiet Track 1.5 and Two technical support to EAO signatories of the NCA",
        "To provide Track Two and Track Three technical support to CSOs and political parties inside Myanmar",
        "To provide technical and other support to the NUCC, in which multiple EAOs, political parties and CSOs",
    ):
        assert words in text, words


# --- the built book --------------------------------------------------------------------------------


def _page(site: Path, name: str) -> str:
    return (site / "book" / "part3" / f"{name}.html").read_text(encoding="utf-8")


def _plain(html: str) -> str:
    text = html_module.unescape(re.sub(r"<[^>]+>", " ", html))
    text = text.translate(str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'"}))
    return re.sub(r"\s+", " ", text)


@pytest.mark.parametrize("name", CHAPTERS)
def test_built_chapter_has_its_parts_and_no_facilitator_notes(site, name):
    html = _page(site, name)
    for cls in ("tt-minutes", "tt-questions", "tt-objectives", "tt-discussion", "tt-keypoints"):
        assert cls in html, cls
    assert re.search(r"About \d+ minutes of reading and \d+ minutes of exercises", html)
    assert facilitator_notes_are_behind_the_instructor_view(html)
    assert 'data-tt-exercise="part3/' in html
    assert "Jones" in html and "2021" in html  # the brief is cited


def test_built_pages_carry_the_brief_s_hedges_and_notes(site):
    roles = _plain(_page(site, "roles"))
    assert "There seems to be scope" in roles and "may become a viable instrument" in roles
    assert "Since the brief: who came to the 2022 talks" in roles
    recs = _plain(_page(site, "recommendations"))
    assert "Perhaps a way forward" in recs and "This will not be easy" in recs
    assert "difficult, if not impossible" in recs
    assert 'id="tt-conflict-map-channels"' in _page(site, "recommendations")
    why = _plain(_page(site, "why-now"))
    assert "at best, suspicion and, at worst, vitriol" in why and "Euro-Burma Office" in why


def test_built_coup_page_points_to_part_three(site):
    html = (site / "book" / "part2" / "coup.html").read_text(encoding="utf-8")
    for name in CHAPTERS:
        assert f"../part3/{name}.html" in html, name
    assert 'id="tt-conflict-map-channels"' not in html
