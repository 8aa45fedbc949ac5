"""Part II (Myanmar): the chapters' shape and sources, their exercises, the architecture figure,
the timeline slices, and the built pages (tables, figures, editions)."""

from __future__ import annotations

import html as html_module
import re
from pathlib import Path

import pandas as pd
import pytest

from support import facilitator_notes_are_behind_the_instructor_view

from tracktwo.exercises import get_item, load_bank
from tracktwo.figures import text_alternative
from tracktwo.figures.architecture_grid import architecture_cells, architecture_figure
from tracktwo.timeline.timeline_chart import timeline_figure
from tracktwo.tables import FUNCTION_LABELS
from tracktwo.timeline import filter_events

ROOT = Path(__file__).resolve().parent.parent
CHAPTERS = ["junta", "usdp", "nld", "coup", "architectures"]
SOURCES = {name: (ROOT / "book" / "part2" / f"{name}.md").read_text(encoding="utf-8") for name in CHAPTERS}
TIMELINE_NB = (ROOT / "notebooks" / "timeline.ipynb").read_text(encoding="utf-8")
BIB_KEYS = set(re.findall(r"^@\w+\{([^,]+),", (ROOT / "data" / "references.bib").read_text(encoding="utf-8"), re.M))


# --- chapter sources -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", CHAPTERS)
def test_every_chapter_has_the_course_shape(name):
    text = SOURCES[name]
    front = re.match(r"---\n(.*?)\n---\n", text, re.S)
    assert front, "front matter"
    assert re.search(r"^reading_minutes: \d+$", front.group(1), re.M)
    assert re.search(r"^exercise_minutes: [1-9]\d*$", front.group(1), re.M)
    order = [text.index(f"```{{{block}}}") for block in ("questions", "objectives", "discussion", "facilitator", "keypoints")]
    assert order == sorted(order), "questions, objectives, ..., discussion, facilitator, keypoints"
    assert text.index("```{objectives}") < text.index("```{exercise}") < text.index("```{discussion}")
    assert "being written" not in text


@pytest.mark.parametrize("name", CHAPTERS)
def test_every_citation_key_exists(name):
    keys = {k.strip() for group in re.findall(r"\{cite:p\}`([^`]+)`", SOURCES[name]) for k in group.split(",")}
    assert "jones2021myanmar" in keys
    assert keys <= BIB_KEYS, keys - BIB_KEYS


@pytest.mark.parametrize("name", CHAPTERS)
def test_every_exercise_reference_resolves_once_per_page(name):
    refs = re.findall(r"```\{exercise\} (\S+)", SOURCES[name])
    assert refs and len(refs) == len(set(refs))
    for ref in refs:
        get_item(ref)  # raises ExerciseError naming the file, item and field


def test_every_part2_item_is_placed_in_a_chapter_or_the_timeline():
    """Three part2-coup items (the roles and the naming of dialogue) keep their ids, so that saved
    answers survive, and are placed in the Part III chapters."""
    part3 = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "book" / "part3").glob("*.md"))]
    placed = set()
    for text in [*SOURCES.values(), TIMELINE_NB, *part3]:
        placed |= set(re.findall(r"\{exercise\} ([a-z0-9-]+/[a-z0-9-]+)", text))
    for bank_id in ["part2-junta", "part2-usdp", "part2-nld", "part2-coup", "part2-architectures", "part2-timeline"]:
        bank = load_bank(bank_id)
        assert {f"{bank_id}/{i}" for i in bank.items} <= placed, bank_id


def test_the_timeline_exercises_order_events_and_match_periods():
    bank = load_bank("part2-timeline")
    assert {item.type for item in bank.items.values()} == {"ordering", "classification"}


@pytest.mark.parametrize(
    "name, needles",
    [
        ("junta", ["2005", "October 2004", "40 armed groups", "22 major and minor groups", "Military Security Affairs"]),
        ("usdp", ["over 3,000", "fifteen", "36 agreements", "not self-facilitated"]),
        ("nld", ["four times from 2016 to 2020", "**five**", "mid-level senior officer"]),
        (
            "coup",
            [
                "10 September 2021",
                "1,089",
                "1 February to\n9 September 2021",
                "8 March 2021",
                "NSPNC",
                "Assistant Association",
                "../part3/roles",
            ],
        ),
        ("architectures", ["all-in-one", "NSPNC"]),
    ],
)
def test_the_discrepancies_and_attributions_are_stated(name, needles):
    for needle in needles:
        assert needle in SOURCES[name], needle


def test_no_civil_society_group_is_named_that_the_brief_does_not_name():
    brief = ROOT.parent / "shared" / "source" / "policy-brief-myanmar-track-two-2021.txt"
    named_in_chapters = {"Civil Society Forum for Peace", "Myanmar Egress", "Euro-Burma Office"}
    if brief.exists():
        text = brief.read_text(encoding="utf-8")
        assert all(n in text for n in named_in_chapters)
    assert "Yangon-based CSO, which the brief does not name" in SOURCES["coup"]


# --- figures ---------------------------------------------------------------------------------------


def test_architecture_cells_cover_every_body_and_function(course):
    cells = architecture_cells(course.institutions, course.periods)
    pairs = {(i, f) for ids, f in zip(cells["ids"], cells["function"]) for i in ids}
    expected = {(r.id, f) for r in course.institutions.itertuples() for f in r.functions}
    assert pairs == expected
    assert list(dict.fromkeys(cells["period"])) == ["junta", "usdp", "nld", "postcoup"]


def test_architecture_figure_has_its_text_alternative_and_sources(course, citations):
    fig = architecture_figure(course.institutions, course.periods, citations=citations)
    alt = text_alternative(fig)
    assert alt["summary"] and alt["columns"] == ["Period", "Function", "Bodies", "Source"]
    assert len(alt["rows"]) == len(architecture_cells(course.institutions, course.periods))
    assert all(row[3] for row in alt["rows"])
    assert "Union Peace-making Central Committee (UPCC)" in {row[2] for row in alt["rows"]}
    assert all("Source:" in h for trace in fig.data for h in trace.customdata)
    assert list(fig.layout.xaxis.categoryarray) == [
        FUNCTION_LABELS[f] for f in FUNCTION_LABELS if f in {g for fs in course.institutions["functions"] for g in fs}
    ]
    assert {t.type for t in fig.data} == {"scatter"}  # in the basic plotly.js bundle


def test_architecture_figure_with_no_institutions_does_not_error(course):
    fig = architecture_figure(course.institutions.iloc[0:0], course.periods)
    assert len(fig.data) == 0 and text_alternative(fig)["rows"] == []


@pytest.mark.parametrize("chosen", [["pre1988", "junta"], ["usdp"], ["nld"], ["postcoup"], ["postbrief"]])
def test_each_chapter_timeline_slice_stays_in_its_years(course, citations, chosen):
    periods = course.periods[course.periods["id"].isin(chosen)]
    events = filter_events(course.events, periods=chosen)
    fig = timeline_figure(events, periods, citations=citations)
    assert sum(y is not None for t in fig.data if t.mode == "markers" for y in t.y) == len(events) > 0
    all_years = fig.layout.updatemenus[0].buttons[0].args[0]["xaxis.range"]
    last_end = periods["end"].max()
    if pd.notna(last_end):
        assert pd.Timestamp(all_years[1]) <= pd.Timestamp(last_end) + pd.DateOffset(months=7)
    assert len(text_alternative(fig)["rows"]) == len(events)


# --- the built book --------------------------------------------------------------------------------


def _page(site: Path, rel: str) -> str:
    return (site / rel).read_text(encoding="utf-8")


@pytest.mark.parametrize("name", CHAPTERS)
def test_built_chapter_has_its_parts_and_no_facilitator_notes(site, name):
    html = _page(site, f"book/part2/{name}.html")
    for cls in ("tt-minutes", "tt-questions", "tt-objectives", "tt-discussion", "tt-keypoints"):
        assert cls in html, cls
    assert facilitator_notes_are_behind_the_instructor_view(html)  # learner edition
    assert 'class="tt-plotly"' in html
    assert "tt-exercise" in html


@pytest.mark.parametrize(
    "name, period",
    [
        ("junta", "Military junta (1988-2011)"),
        ("usdp", "USDP-led government"),
        ("nld", "NLD-led government"),
        ("book/events", "After the coup"),
        ("book/events", "After the brief"),
    ],
)
def test_built_pages_have_the_grouped_events_table(site, name, period):
    rel = f"{name}.html" if "/" in name else f"book/part2/{name}.html"
    html = _page(site, rel)
    assert "tt-events-table" in html and "<caption" in html and period in html


def test_timeline_page_lists_every_event_in_its_figure_table_with_a_row_address(site, course):
    html = _page(site, "notebooks/timeline.html")
    block = html[html.index('class="tt-fig-data"') :]
    ids = re.findall(r'<tr id="event-([a-z0-9-]+)"', block)
    assert sorted(ids) == sorted(course.events["id"])
    assert 'href="../book/events.html"' in html


def test_events_page_lists_every_event_with_its_source(site, course, citations):
    html = _page(site, "book/events.html")
    block = html[html.index("tt-events-table") :]
    block = re.sub(r'<span class="tt-tip"[^>]*>.*?</span>', "", block, flags=re.S)  # glossary tips' text
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", block, re.S)
    body_rows = [r for r in rows if "<td" in r]
    assert len(body_rows) >= len(course.events)
    text = html_module.unescape(re.sub(r"<[^>]+>", " ", block))
    text = re.sub(r"\s+", " ", text.translate(str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'"})))
    squeezed = re.sub(r"\s+", "", text).replace("\u2026", "...")
    for source, locator in zip(course.events["source"], course.events["locator"]):
        assert re.sub(r"\s+", "", f"{citations[source]}, {locator}") in squeezed, (source, locator)
    assert set(re.findall(r'<tr[^>]* id="event-([a-z0-9-]+)"', html)) == set(course.events["id"])
    timeline = _page(site, "notebooks/timeline.html")
    assert "part2-timeline/order-events" in timeline and "part2-timeline/match-periods" in timeline


def test_coup_page_has_table_1(site):
    html = _page(site, "book/part2/coup.html")
    block = html[html.index("tt-relations-table") :]
    block = block[: block.index("</table>")]
    assert len(re.findall(r"<tr[^>]*>", block)) == 22  # header + 21 rows
    assert "Regular contact and some extent of dialogue" in block


def test_architectures_page_has_the_figure_and_the_institutions_table(site):
    html = _page(site, "book/part2/architectures.html")
    assert "Peace architectures compared" in html and "tt-institutions-table" in html
