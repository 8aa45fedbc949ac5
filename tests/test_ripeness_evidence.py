"""Ripeness with evidence: graded judgements per side, a state that explains itself, sourced
indicators on the cards, the course's reading kept out of the participant edition, and the page
script's twin agreeing with Python."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from support import ROOT, node_or_skip
from tracktwo.confidential import marked_in_data
from tracktwo.ripeness import ScenarioError, load_scenarios
from tracktwo.ripeness.evidence_cards import evidence_card_html, evidence_cards_html
from tracktwo.ripeness.evidence import (
    INGREDIENTS,
    SIDE_NAMES,
    LEVELS,
    SIDES,
    all_judgements,
    bearing,
    card_json,
    complete,
    evidence_state,
    indicator_label,
    judgement_problems,
    legend,
)

BOOK = load_scenarios()
EVIDENCE_CARDS = [c for c in BOOK.scenarios if c.indicators]
JS = ROOT / "tracktwo" / "ripeness" / "static" / "ripeness-cards.js"
RANK = {"absent": 0, "emerging": 1, "present": 2}


def test_cards_with_evidence_are_set_before_and_after_2021_and_old_ids_still_work():
    ids = [c.id for c in BOOK.scenarios]
    for old in (
        "sac-eaos-2021",
        "sac-opposition-2021",
        "usdp-eaos-2011",
        "junta-ceasefires-1989",
        "south-africa-1984",
        "oslo-1990s",
    ):
        assert old in ids
    dates = [ind["event"]["date"][:4] for c in EVIDENCE_CARDS for ind in c.indicators if isinstance(ind.get("event"), dict)]
    assert min(dates) < "2021" and max(dates) > "2021"
    assert sum(1 for c in EVIDENCE_CARDS if c.id.endswith(("2024", "2025"))) >= 2


def test_every_figure_names_who_counts_and_when_and_cites_a_fact_sheet_item():
    figures = 0
    for card in EVIDENCE_CARDS:
        kinds = {i["kind"] for i in card.indicators}
        assert "way_out" in {i["bears_on"] for i in card.indicators}, card.id
        for ind in card.indicators:
            for f in ind.get("figure") or []:
                figures += 1
                assert f["counted_by"].strip() and f["as_of"].strip()
                assert ind["sources"] and ("facts" in ind["item"])
        assert kinds
    assert figures >= 6
    # a card with no indicator on the stalemate says so in the course's reading
    for card in EVIDENCE_CARDS:
        if "stalemate" not in {i["bears_on"] for i in card.indicators}:
            assert "No indicator on this card bears on the hurt of the stalemate" in " ".join(card.reading["text"].split())
    kinds = {i["kind"] for c in EVIDENCE_CARDS for i in c.indicators}
    assert {"event", "casualties", "displacement", "territory"} <= kinds


def test_the_state_follows_the_rule_for_all_81_judgements_on_every_card():
    judgements = all_judgements()
    assert len(judgements) == 81
    for card in EVIDENCE_CARDS:
        seen = set()
        for j in judgements:
            x = evidence_state(j, card.indicators)
            levels = [j[i][s] for i in INGREDIENTS for s in SIDES]
            weakest = min(levels, key=RANK.get)
            expect = {"absent": "not-ripe", "emerging": "ripening", "present": "ripe"}[weakest]
            assert x["state"] == expect
            seen.add(x["state"])
            limiting = [[i, s, j[i][s]] for i in INGREDIENTS for s in SIDES if j[i][s] == weakest]
            assert x["limiting"] == limiting
            wanted = {ind["id"] for i, s, _ in limiting for ind in bearing(card.indicators, i, s)}
            assert set(x["drivers"]) == wanted
            for d in x["drivers"]:
                label = indicator_label(next(i for i in card.indicators if i["id"] == d))
                assert label in x["because"]
            if expect != "ripe":
                for _i, s, _ in limiting:
                    assert SIDE_NAMES[s] in x["would_change"] and SIDE_NAMES[s] in x["because"]
            if not wanted:
                assert "No indicator on this card bears on" in x["because"]
        assert seen == {"not-ripe", "ripening", "ripe"}


def test_one_absent_way_out_explains_itself():
    card = BOOK.scenario("north-shan-2024")
    j = {"stalemate": {"a": "present", "b": "present"}, "way_out": {"a": "present", "b": "absent"}}
    x = evidence_state(j, card.indicators)
    assert x["state"] == "not-ripe"
    assert x["because"].startswith("Not ripe, because you judged a way out absent for side B.")
    assert "China-brokered 'Haigeng' ceasefire" in x["because"] and "FPNCC welcomes China's role" in x["because"]
    assert "Operation 1027" not in x["because"]  # bears on the stalemate, not on the way out
    assert x["would_change"].startswith("It would be ripening if a way out were at least emerging for side B,")
    # the form's legend says who side B is, without a verb to agree with or a capital mid-sentence
    assert (
        legend("way_out", "b", card.parties)
        == "A perceived way out, for side B: The Three Brotherhood Alliance (AA, MNDAA, TNLA)"
    )


@pytest.mark.parametrize(
    "bad, says",
    [
        ([], "a judgement is a mapping"),
        ({"stalemate": {"a": "high"}}, "field 'stalemate.a': 'high' is not a level"),
        ({"way_out": "present"}, "field 'way_out' must map"),
        ({"stalemate": {"c": "absent"}}, "unknown side 'c'"),
        ({"hope": {}}, "unknown field 'hope'"),
    ],
)
def test_bad_judgements_are_named(bad, says):
    problems = judgement_problems(bad)
    assert problems and says in problems[0]
    with pytest.raises(ValueError, match="judgement: "):
        evidence_state(bad)


def test_incomplete_judgement_is_named_not_guessed():
    j = {"stalemate": {"a": "present", "b": "present"}, "way_out": {"a": "present", "b": None}}
    assert not judgement_problems(j) and not complete(j)
    with pytest.raises(ValueError, match=r"field 'way_out.b' is not judged yet"):
        evidence_state(j)


# --- the course's reading: labelled, after judging, never in the participant edition ------------


def test_reading_is_marked_as_a_key_and_labelled_as_the_courses():
    marked = [m for m in marked_in_data() if m.file.endswith("ripeness_scenarios.yaml")]
    assert len(marked) >= len(EVIDENCE_CARDS) * 2  # text and would_change of each reading
    assert {m.kind for m in marked} == {"self-check-key"}
    for card in EVIDENCE_CARDS:
        assert card.reading["text"].startswith("The course's reading")
        for i in INGREDIENTS:
            assert set(card.reading[i].values()) <= set(LEVELS)


def test_participant_edition_has_no_reading_and_the_learner_edition_has_it():
    learner = evidence_cards_html(BOOK, edition="learner")
    participant = evidence_cards_html(BOOK, edition="participant")
    for card in EVIDENCE_CARDS:
        first = card.reading["text"][:80]
        assert first.replace("'", "&#x27;") in learner
        assert first.replace("'", "&#x27;") not in participant and first not in participant
        assert card.reading["would_change"][:60] not in participant
        assert "reading" not in card_json(card, with_reading=False)
    assert participant.count("Discuss your answers with your group.") == len(EVIDENCE_CARDS)
    assert '"reading"' not in participant and '"reading"' in learner
    assert "tt-rc-reading" in learner and "tt-rc-reading" not in participant


def test_card_markup_shows_who_counts_links_events_and_embeds_json_safely():
    card = BOOK.scenario("military-resistance-2025")
    html = evidence_card_html(card, {"fab-d38-aapp-2": "AAPP (2025b)"})
    assert "<em>Who counts:</em> the NUG&#x27;s defence ministry" in html
    assert "<em>Who counts:</em> the SAC chairman" in html
    assert 'href="../book/events.html#event-western-command-falls-2024"' in html
    assert "AAPP (2025b)" in html
    payload = html.split('<script type="application/json">', 1)[1].split("</script>", 1)[0]
    assert json.loads(payload)["id"] == card.id and "</" not in payload


# --- loader errors name the file, the card and the field -----------------------------------------

BASE = (ROOT / "data" / "ripeness_scenarios.yaml").read_text(encoding="utf-8")
KEYS = set(__import__("tracktwo.data", fromlist=["load_references"]).load_references()["key"])


def _load(tmp_path: Path, text: str):
    p = tmp_path / "cards.yaml"
    p.write_text(text, encoding="utf-8")
    return load_scenarios(p, known_keys=KEYS)


@pytest.mark.parametrize(
    "old, new, says",
    [
        (
            "event: operation-1027\n",
            "event: operation-1028\n",
            r"card 7 'north-shan-2024', indicator 1 'op-1027', field 'event': 'operation-1028' is not an event id",
        ),
        ("counted_by: UNHCR (an estimate)\n", "counted: UNHCR\n", r"card 7 'north-shan-2024', field 'indicators.3.figure.0"),
        (
            "sources: [fab-d37-unhcr-2]\n",
            "sources: [nobody2099]\n",
            r"card 7 'north-shan-2024', indicator 4 'displaced-2024', field 'sources': 'nobody2099' is not a key",
        ),
        (
            "      way_out: {a: emerging, b: absent}\n",
            "      way_out: {a: emerging, b: ripe}\n",
            r"card 8 'military-resistance-2025', field 'reading.way_out.b': must be absent, emerging or present",
        ),
        (
            "  scenarios[].reading?: self-check-key\n",
            "  scenarios[].reading?: answer\n",
            r"'keys', field 'scenarios\[\].reading\?': must be one of self-check-key",
        ),
        (
            "        bears_on: way_out\n        side: a\n        text: >-\n          The SAC's own route forward;",
            "        bears_on: hope\n        side: a\n        text: >-\n          The SAC's own route forward;",
            r"card 1 'sac-eaos-2021', field 'indicators.0.bears_on': must be stalemate or way_out",
        ),
    ],
)
def test_malformed_cards_are_named(tmp_path, old, new, says):
    assert old in BASE
    with pytest.raises(ScenarioError, match=says):
        _load(tmp_path, BASE.replace(old, new, 1))


def test_a_reading_without_indicators_is_named(tmp_path):
    start = BASE.index("    indicators:\n      - id: caretaker")
    end = BASE.index("    reading:", start)
    with pytest.raises(ScenarioError, match=r"card 1 'sac-eaos-2021', field 'indicators': missing"):
        _load(tmp_path, BASE[:start] + BASE[end:])


# --- the widget and the page script use the same rule ----------------------------------------------


def test_lab_widget_shows_the_state_and_the_reading_only_after_judging():
    from tracktwo.ripeness.ripeness_explorer import evidence_explorer

    box = evidence_explorer(BOOK, edition="learner")
    picker, pane, *boxes, result = box.children
    assert "Who counts" in pane.value or "Event" in pane.value
    assert "The course" not in result.value
    card = BOOK.scenario(picker.value)
    for b, level in zip(boxes, ["present", "present", "present", "emerging"]):
        b.value = level
    x = evidence_state(
        {"stalemate": {"a": "present", "b": "present"}, "way_out": {"a": "present", "b": "emerging"}},
        card.indicators,
    )
    assert (
        x["because"][len(x["label"]) :].replace("'", "&#x27;") in result.value
        and f"<strong>{x['label']}</strong>" in result.value
    )
    assert "The course&#x27;s reading" in result.value
    quiet = evidence_explorer(BOOK, edition="participant")
    for b in quiet.children[2:6]:
        b.value = "absent"
    assert "Not ripe" in quiet.children[-1].value and "course&#x27;s reading" not in quiet.children[-1].value


RUNNER = """
const R = require(%s);
const fs = require("fs");
const input = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const out = {
  states: input.cases.map((c) => R.evidenceState(c.j, c.indicators)),
  legends: input.legends.map((c) => R.legend(c[0], c[1], c[2])),
  problems: input.bad.map((x) => R.judgementProblems(x).length > 0),
};
process.stdout.write(JSON.stringify(out));
"""


def test_javascript_twin_agrees_with_python(tmp_path):
    node = node_or_skip("the ripeness cards' parity check")
    cases = []
    for card in EVIDENCE_CARDS:
        data = card_json(card)
        for j in all_judgements():
            cases.append({"j": j, "indicators": data["indicators"]})
    legends = [[i, s, card.parties] for card in EVIDENCE_CARDS for i in INGREDIENTS for s in SIDES]
    bad = [
        [],
        None,
        "x",
        {"stalemate": {"a": "high"}},
        {"way_out": 3},
        {"stalemate": {"c": "absent"}},
        {"x": 1},
        {"stalemate": {"a": None, "b": "present"}},
        {"stalemate": {"a": "absent"}, "way_out": {"b": "present"}},
    ]
    (tmp_path / "input.json").write_text(json.dumps({"cases": cases, "bad": bad, "legends": legends}))
    runner = tmp_path / "runner.cjs"
    runner.write_text(RUNNER % json.dumps(str(JS)))
    proc = subprocess.run([node, str(runner), str(tmp_path / "input.json")], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    py = [evidence_state(c["j"], c["indicators"]) for c in cases]
    assert out["legends"] == [legend(*x) for x in legends]
    assert len(py) == 81 * len(EVIDENCE_CARDS) and out["states"] == py
    assert out["problems"] == [bool(judgement_problems(x)) for x in bad]
    assert sum(out["problems"]) == 7


# --- audit of the ripeness branch (notes/audit-ripeness.md), findings 1, 2, 8, 9, 11 --------------

#: The status each fact-sheet item cited by a figure has in facts.md / facts-after-brief.md.
FACT_STATUS = {"B44": "VERIFIED", "D37": "VERIFIED", "D38": "VERIFIED", "F36": "DISCREPANCY"}


def test_an_event_indicator_shows_the_timeline_s_note_and_other_sources():
    """Where the sources disagree on an event (the fact sheet's DISCREPANCY), the card gives both
    versions: the timeline's note, and the other sources it rests on."""
    cites = {"fab-d32-ap": "AP (2026)", "fab-d32-pti": "PTI (2026)", "fab-d32-eleven": "Eleven (2026)"}
    shown = 0
    for card in EVIDENCE_CARDS:
        html = evidence_card_html(card, cites)
        for ind in card.indicators:
            ev = ind.get("event")
            if isinstance(ev, dict) and ev["note"]:
                assert ev["note"].replace("'", "&#x27;") in html, (card.id, ind["id"])
                shown += 1
    assert shown >= 6
    election = evidence_card_html(BOOK.scenario("military-resistance-2025"), cites)
    assert "Source: AP (2026)" in election and "Other sources: Eleven (2026); PTI (2026)" in election
    assert "61 voted (PTI, 25 January); 65 (Eleven Media) or 67 (AP) left out" in election


def test_each_figure_cites_its_item_with_the_status_the_fact_sheet_gives_it():
    seen = set()
    for card in EVIDENCE_CARDS:
        for ind in card.indicators:
            if not ind.get("figure"):
                continue
            code = ind["item"].split()[1]
            assert code in FACT_STATUS, ind["item"]
            assert f"{code} ({FACT_STATUS[code]}" in ind["item"], ind["item"]
            seen.add(code)
    assert seen == set(FACT_STATUS)


def test_figures_that_differ_are_not_called_two_versions_of_one_fact():
    html = evidence_card_html(BOOK.scenario("military-resistance-2025"))
    assert "Figures (these differ: each with who counts and when):" in html
    assert "both versions" not in html.split("tt-rc-figures", 1)[1].split("</div>", 1)[0]


def test_the_participant_edition_promises_no_reading():
    for card in EVIDENCE_CARDS:
        quiet = evidence_card_html(card, edition="participant")
        assert "course&#x27;s reading" not in quiet and "course's reading" not in quiet, card.id
        assert "then compare your judgement with your group's." in quiet
        assert "then open the course's reading." in evidence_card_html(card, edition="learner")


def test_the_printed_kit_leaves_out_the_cards_set_after_the_brief():
    from tracktwo.workshop.cards import card_set

    printed = card_set("ripeness-cards")
    later = [c for c in BOOK.scenarios if c.after_brief]
    assert {c.id for c in later} == {"north-shan-2024", "military-resistance-2025"}
    assert [c.text for c in printed.cards] == [c.title for c in BOOK.scenarios if not c.after_brief]
    for line in printed.key:  # the facilitator's sheet: nothing points at a page layout it does not print
        assert "below" not in line.reason and "indicator" not in line.reason, line.code


def test_an_events_note_names_its_sources_by_citation_never_by_bibliography_key():
    """The timeline's notes name sources by their keys (data/events.csv); a card shows each as its
    short citation, as the events table does, so no learner meets a key like 'aljazeera-2021-...'."""
    from tracktwo.citations import short_citations
    from tracktwo.data import load_references

    cites = short_citations(load_references())
    keys_in_notes = 0
    for card in EVIDENCE_CARDS:
        html = evidence_card_html(card, cites)
        for ind in card.indicators:
            ev = ind.get("event")
            if isinstance(ev, dict) and ev["note"]:
                for key in cites:
                    if key in ev["note"]:
                        keys_in_notes += 1
                        notes = [s.split("</span>")[0] for s in html.split("On the sources:")[1:]]
                        assert not any(key in s for s in notes), (card.id, ind["id"], key)
    assert keys_in_notes, "no note names a source by its key: the check would pass on nothing"
