"""Part IV in the workshop kit (issue 27, item 1): the four handouts, the card set "ripeness-since"
and its key, their data files and the optional 45-minute module. Fast tier: no browser (the PDFs
are checked with every other sheet in test_workshop_pdf.py)."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
import yaml

from tracktwo.workshop import WorkshopError
from tracktwo.workshop.cards import card_set
from tracktwo.workshop.plans import load_plans
from tracktwo.workshop.sheets import HANDOUT_TITLES, RECOMMENDATIONS, all_sheets
from tracktwo.workshop.since import (
    RIPENESS_SINCE_PATH,
    RIPENESS_SINCE_SCHEMA,
    SINCE_PATH,
    SINCE_SCHEMA,
    load_ripeness_since,
    load_since,
    source_label,
)

ROOT = Path(__file__).resolve().parent.parent
SINCE_SHEETS = ("table-1-now", "timeline-since", "recommendations-now", "capstone-now")
#: Second-language readers: about 100 words a minute, at most about 400 words per group per block.
WORDS_PER_MINUTE, MAX_WORDS = 100, 400


def _text(markup: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", markup))).strip()


def _words(markup: str) -> int:
    return len(_text(markup).split())


@pytest.fixture(scope="module")
def sheets():
    return {s.id: s for s in all_sheets()}


@pytest.fixture(scope="module")
def plan():
    return {p.id: p for p in load_plans()}["since-45"]


# --- the sheets and the plan ------------------------------------------------------------------


def test_the_four_handouts_are_participant_sheets_and_the_module_uses_them(sheets, plan):
    for sid in SINCE_SHEETS:
        assert sid in HANDOUT_TITLES and sheets[sid].audience == "participant" and sheets[sid].kind == "handout", sid
    assert sheets["cards-ripeness-since"].audience == "participant"
    assert sheets["key-ripeness-since"].audience == "facilitator" and sheets["key-ripeness-since"].kind == "key"
    used = {h for b in plan.blocks for h in b.handouts}
    assert {"timeline-since", "table-1-now", "recommendations-now"} <= used
    assert [c for b in plan.blocks for c in b.cards] == ["ripeness-since"], "one card sort, and it is this set"


def _reading_units(sheets) -> dict[str, list[int]]:
    """What one group reads in each block of the module, in words, as the steps divide it."""
    items = re.findall(r"<li>.*?</li>", sheets["timeline-since"].body)
    half = (len(items) + 1) // 2
    table = re.search(r'<table class="tt-table tt-since-table">.*?</table>', sheets["table-1-now"].body, re.S).group(0)
    rows = re.findall(r"<tr><td>.*?</tr>", table)
    cards = re.findall(r'<div class="tt-card"><span class="tt-card-code">.*?</div>', sheets["cards-ripeness-since"].body)
    recs = re.findall(r'<section class="tt-rec-now">.*?</section>', sheets["recommendations-now"].body)
    assert len(items) > 20 and len(rows) == 21 and len(cards) == 6 and len(recs) == 3
    return {
        "timeline-since": [sum(map(_words, items[:half])), sum(map(_words, items[half:]))],
        "table-1-now": [sum(map(_words, rows[i : i + 7])) for i in (0, 7, 14)],
        "ripeness-since": [_words(c) for c in cards],
        "recommendations-now": [_words(r) for r in recs],
    }


def test_the_module_has_one_card_sort_and_reading_loads_second_language_readers_can_meet(sheets, plan):
    assert sum(1 for b in plan.blocks if b.cards) <= 1
    units = _reading_units(sheets)
    for block in plan.blocks:
        for ref in (*block.handouts, *block.cards):
            for words in units.get(ref, []):
                assert words <= MAX_WORDS, (block.title, ref, words)
                # reading takes at most half the block: the rest is for the task and the report
                assert words / WORDS_PER_MINUTE <= block.minutes / 2, (block.title, ref, words)


def test_a_planted_long_reading_is_caught(sheets, plan):
    long = {"ripeness-since": [MAX_WORDS + 1]}
    block = next(b for b in plan.blocks if b.cards)
    assert any(w > MAX_WORDS for ref in block.cards for w in long.get(ref, []))


def test_table_1_now_has_every_row_both_maps_and_its_text_twin(sheets):
    from tracktwo.data import load_all
    from tracktwo.tables import STATUS_LABELS

    body = sheets["table-1-now"].body
    course = load_all()
    text = _text(body)
    table = re.search(r'<table class="tt-table tt-since-table">.*?</table>', body, re.S).group(0)
    rows = re.findall(r"<tr><td>(.*?)</td>", table)
    assert len(rows) == len(course.relations) == 21
    names = {a.id: a.acronym or a.name for a in course.actors.itertuples()}
    for r, first in zip(course.relations.sort_values("table_row").itertuples(), rows, strict=True):
        assert all(names[a].replace(" (as a group)", "") in html.unescape(first) for a in r.actor_b if a != "eaos"), (r.id, first)
    for r in course.relations.itertuples():
        assert _text(html.escape(str(r.conflict_status))) in text and _text(html.escape(str(r.dialogue_status))) in text, r.id
    since = course.relations_since
    for status in set(since["status_after"]):
        assert STATUS_LABELS[status] in text
    for key in set(since["source"]):
        assert source_label(key) in text, key
    svgs = re.findall(r"<svg [^>]*class=\"tt-since-map\".*?</svg>", body, re.S)
    assert len(svgs) == 2
    for svg in svgs:
        assert "<title id=" in svg and "<desc id=" in svg and "aria-labelledby=" in svg
        assert svg.count('class="m"') == len(
            course.actors[
                course.actors["id"].isin(set(course.relations["actor_a"]) | {a for b in course.relations["actor_b"] for a in b})
            ]
        )
    assert "text version of the maps" in text and "the course's reading" in text
    assert '"Outlawed" is the brief' in text and '"terrorist" is the SAC' in text
    assert sheets["table-1-now"].pages == (2, 2)


def test_the_timeline_lists_every_event_after_the_brief_in_date_order(sheets):
    from tracktwo.data import load_all

    ev = load_all().events
    ev = ev[ev["period"] == "postbrief"].sort_values("start")
    text = _text(sheets["timeline-since"].body)
    at = [text.find(_text(html.escape(t))) for t in ev["title"]]
    assert -1 not in at and at == sorted(at)
    assert all(source_label(k) in text for k in ev["source"])


def test_the_recommendations_are_quoted_word_for_word_with_silences_and_the_course_s_reading(sheets):
    body = sheets["recommendations-now"].body
    sections = re.findall(r'<section class="tt-rec-now">.*?</section>', body)
    for quote, sec in zip(RECOMMENDATIONS, sections, strict=True):
        t = _text(sec)
        assert _text(html.escape(quote.rstrip(";."))) in t
        assert "Where the sources are silent:" in t and "The course's reading:" in t
    assert "central worry (Conclusions)" in _text(body)


def test_the_capstone_is_for_now_with_the_brief_s_risks_and_invented_names(sheets):
    text = _text(sheets["capstone-now"].body)
    assert "now, in 2026" in text and "Invented names only" in text and '"Fund A"' in text
    risks = re.findall(r"<li><span class=\"tt-box\"[^>]*></span>(.*?)</li>", sheets["capstone-now"].body)
    assert len(risks) >= 6 and all("(the brief, Sec." in _text(r) for r in risks)
    assert "Conclusions" in text
    for r in load_since()["recommendations"]:
        assert _text(html.escape(r["short"])) in text


# --- the card set and its key ----------------------------------------------------------------


def test_the_cards_carry_cited_facts_and_the_key_carries_the_reading(sheets):
    from tracktwo.confidential import marked_strings

    cs = card_set("ripeness-since")
    data = load_ripeness_since()
    cards, key = _text(sheets["cards-ripeness-since"].body), _text(sheets["key-ripeness-since"].body)
    for sc in data["scenarios"]:
        for fact in sc["facts"]:
            assert _text(html.escape(fact["text"])) in cards
            assert _text(html.escape(source_label(fact["sources"][0]))) in cards
        assert _text(html.escape(sc["reading"])) in key and _text(html.escape(sc["reading"])) not in cards
        for w in sc["would_change"]:
            assert _text(html.escape(w)) in key and _text(html.escape(w)) not in cards
        assert sc["reading"].startswith("The course's reading: ")
    assert [h.text for h in cs.headings] == [h.text for h in card_set("ripeness-cards").headings]
    marked = {m.text.strip() for m in marked_strings(("answer-key",))}
    assert {sc["reading"].strip() for sc in data["scenarios"]} <= marked


# --- no key, fact id or file name on paper; claims cite what Part IV cites ----------------------


def _bib_keys() -> set[str]:
    from tracktwo.data import load_all

    return set(load_all().references["key"])


def key_leaks(text: str, keys: set[str]) -> list[str]:
    """Citation keys, fact-sheet names or fact ids ("fact sheet D14") printed on a sheet."""
    alternatives = "|".join(re.escape(k) for k in sorted(keys, key=len, reverse=True))
    found = sorted(set(re.findall(rf"(?<![\w-])(?:{alternatives})(?![\w-])", text)))
    found += re.findall(r"facts-after-brief|fact sheet [DF]\d+|\b[DF]\d{1,2} (?:DISCREPANCY|VERIFIED)", text)
    return found


def test_no_sheet_prints_a_citation_key_or_fact_id(sheets):
    keys = {k for k in _bib_keys() if "-" in k or re.search(r"\d", k)}
    bad = {sid: key_leaks(_text(s.body), keys) for sid, s in sheets.items()}
    assert {k: v for k, v in bad.items() if v} == {}


def test_a_planted_key_or_fact_id_is_found():
    keys = {"fab-d3-moi", "jones2021myanmar"}
    assert key_leaks("(fab-d3-moi)", keys) == ["fab-d3-moi"]
    assert key_leaks("see facts-after-brief D6 DISCREPANCY", keys) == ["facts-after-brief", "D6 DISCREPANCY"]
    assert key_leaks("The Irrawaddy, June 2022", keys) == []


def part_iv_keys() -> set[str]:
    keys: set[str] = set()
    for page in (ROOT / "book" / "part4").glob("*.md"):
        for cite in re.findall(r"\{cite:p\}`([^`]+)`", page.read_text(encoding="utf-8")):
            keys |= {k.strip() for k in cite.split(",")}
    return keys


def data_keys(*paths: Path) -> set[str]:
    out: set[str] = set()

    def walk(node):
        if isinstance(node, dict):
            for k, v in node.items():
                out.update(v) if k == "sources" else walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    for p in paths:
        walk(yaml.safe_load(p.read_text(encoding="utf-8")))
    return out


def test_every_claim_cites_a_key_that_part_iv_already_cites():
    used, cited = data_keys(SINCE_PATH, RIPENESS_SINCE_PATH), part_iv_keys()
    assert len(used) > 40 and "jones2021myanmar" in used
    assert used - cited == set(), "cite only what Part IV's pages cite"
    assert {"fab-no-such-key"} - cited == {"fab-no-such-key"}  # a planted key is outside the set


# --- the data files: one clear message naming file, entry and field -----------------------------


def _copy(tmp_path: Path, src: Path, mutate) -> Path:
    data = yaml.safe_load(src.read_text(encoding="utf-8"))
    mutate(data)
    out = tmp_path / src.name
    out.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return out


CARD_CASES = [
    (
        "unknown key",
        lambda d: d["scenarios"][1]["facts"][2]["sources"].append("fab-nope"),
        r"ripeness_since.yaml: card 'lashio-2025', fact 3, field 'sources': 'fab-nope' is not a key in references.bib",
    ),
    (
        "three parties",
        lambda d: d["scenarios"][0]["parties"].append("A third"),
        r"ripeness_since.yaml: card 'kunming-2024', field 'parties': must name exactly two parties",
    ),
    (
        "unlabelled reading",
        lambda d: d["scenarios"][2].update(reading="Neither ripe nor ready."),
        r"ripeness_since.yaml: card 'rakhine-truce-2022', field 'reading': must begin \"The course's reading: \"",
    ),
    (
        "repeated id",
        lambda d: d["scenarios"][3].update(id="kunming-2024"),
        r"ripeness_since.yaml: card 4 'kunming-2024', field 'id': the id is used twice",
    ),
    (
        "key unmarked",
        lambda d: d["confidential"].pop("scenarios[].reading"),
        r"ripeness_since.yaml: field 'confidential': must mark scenarios\[\]\.reading",
    ),
]


@pytest.mark.parametrize("case, mutate, expect", CARD_CASES, ids=[c[0] for c in CARD_CASES])
def test_a_malformed_card_file_is_one_message_naming_file_card_and_field(tmp_path, case, mutate, expect):
    path = _copy(tmp_path, RIPENESS_SINCE_PATH, mutate)
    with pytest.raises(WorkshopError, match=expect) as err:
        load_ripeness_since(path, RIPENESS_SINCE_SCHEMA)
    assert "\n" not in str(err.value)


SINCE_CASES = [
    (
        "unknown key",
        lambda d: d["capstone"]["risks"][0]["sources"].append("nobody2030"),
        r"since.yaml: capstone, risk 1, field 'sources': 'nobody2030' is not a key in references.bib",
    ),
    (
        "no silence",
        lambda d: d["recommendations"][1].pop("silent"),
        r"since.yaml: recommendation 2, field 'silent'",
    ),
    (
        "out of order",
        lambda d: d["recommendations"].reverse(),
        r"since.yaml: recommendations, field 'number': must be 1, 2, 3 in order",
    ),
]


@pytest.mark.parametrize("case, mutate, expect", SINCE_CASES, ids=[c[0] for c in SINCE_CASES])
def test_a_malformed_since_file_is_one_message_naming_file_entry_and_field(tmp_path, case, mutate, expect):
    path = _copy(tmp_path, SINCE_PATH, mutate)
    with pytest.raises(WorkshopError, match=expect):
        load_since(path, SINCE_SCHEMA)


def test_broken_yaml_is_one_message_naming_the_file(tmp_path):
    path = tmp_path / "since.yaml"
    path.write_text("recommendations:\n  - number: [1\n", encoding="utf-8")
    with pytest.raises(WorkshopError, match=r"since.yaml: line \d+, column \d+"):
        load_since(path, SINCE_SCHEMA)


def test_sources_are_named_by_who_published_them_and_when():
    assert source_label("jones2021myanmar") == "the brief"
    assert source_label("fab-d3-irrawaddy") == "The Irrawaddy, June 2022"
    assert source_label("fab-d20-dvb") == "DVB, undated"
    with pytest.raises(WorkshopError, match="no source 'fab-none'"):
        source_label("fab-none")
