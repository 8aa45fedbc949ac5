"""The glossary: matching terms in running text (fast), and the built pages (book tier): every term on
the glossary page, markup on chapter pages (never inside headings, code or links), within 5 KB gzip."""

from __future__ import annotations

import gzip
import re

import pytest
from bs4 import BeautifulSoup

from tracktwo import glossary as gl

CHAPTERS = [
    "book/orientation",
    "book/part1/origins",
    "book/part1/levels",
    "book/part1/concerns",
    "book/part1/aims",
    "book/part2/junta",
    "book/part2/usdp",
    "book/part2/nld",
    "book/part2/coup",
    "book/part2/architectures",
    "book/part3/why-now",
    "book/part3/roles",
    "book/part3/recommendations",
]
BUDGET = 5_000  # bytes, gzip


@pytest.fixture(scope="module")
def entries(course):
    return gl.entries(course.glossary)


@pytest.fixture(scope="module")
def patterns(entries):
    return gl.compile_patterns(entries)


def found(text, patterns, seen=None):
    return [(text[s:e], entry.id) for s, e, entry in gl.first_uses(text, patterns, set() if seen is None else seen)]


def test_acronyms_match_whole_words_case_sensitively_with_plurals(patterns):
    assert found("The NCA and the JMC; PDFs formed.", patterns) == [("NCA", "nca"), ("JMC", "jmc"), ("PDFs", "pdf")]
    assert found("the unfc, a nca", patterns) == []
    assert ("UN", "un") not in found("The UNFC was founded", patterns)


def test_longest_form_wins_and_track_1_is_not_found_inside_track_1_5(patterns):
    assert found("Track 1.5 talks", patterns) == [("Track 1.5", "track-one-point-five")]
    assert found("Track Two diplomacy began", patterns) == [("Track Two diplomacy", "track-two")]
    assert found("KNU/KNLA forces", patterns) == [("KNU/KNLA", "knu-knla")]


def test_theory_terms_match_any_case_and_each_term_only_once_per_page(patterns):
    seen: set[str] = set()
    assert found("Ripeness and a mutually hurting stalemate", patterns, seen) == [
        ("Ripeness", "ripeness"),
        ("mutually hurting stalemate", "mutually-hurting-stalemate"),
    ]
    assert found("ripeness again, and the NCA", patterns, seen) == [("NCA", "nca")]


def test_grouped_puts_every_entry_in_one_group(entries):
    groups = gl.grouped(entries)
    assert [title for title, _ in groups] == list(gl.KIND_TITLES.values())
    assert sorted(e.id for _, members in groups for e in members) == sorted(e.id for e in entries)


def test_meaning_leads_with_the_expansion(entries):
    nca = next(e for e in entries if e.id == "nca")
    assert nca.meaning.startswith("Nationwide Ceasefire Agreement. ")
    assert "term markup" not in nca.meaning


# --- the built book ------------------------------------------------------------------------------


def _plain(text: str) -> str:
    """Undo the build's typographic quotes and line breaks."""
    for curly, straight in (("\u2019", "'"), ("\u2018", "'"), ("\u201c", '"'), ("\u201d", '"')):
        text = text.replace(curly, straight)
    return " ".join(text.split())


def _soup(site, doc):
    return BeautifulSoup((site / f"{doc}.html").read_text(encoding="utf-8"), "html.parser")


def test_every_glossary_entry_is_on_the_glossary_page_with_its_anchor_and_source(site, entries):
    soup = _soup(site, "book/glossary")
    for entry in entries:
        dt = soup.find(id=f"gl-{entry.id}")
        assert dt is not None, f"no anchor gl-{entry.id}"
        assert entry.term in dt.get_text(), entry.id
        dd = _plain(dt.find_next_sibling("dd").get_text(" ", strip=True))
        assert _plain(entry.definition) in dd, entry.id
        assert "Source:" in dd, entry.id
    assert not soup.select(".tt-term"), "the glossary page marks no terms"


def test_chapter_pages_mark_terms_but_never_in_headings_code_or_links(site, entries):
    known = {e.id for e in entries}
    total = 0
    for doc in CHAPTERS:
        soup = _soup(site, doc)
        main = soup.select_one("main") or soup
        marks = main.select("span.tt-term")
        assert len(marks) >= 3, f"{doc}: only {len(marks)} terms marked"
        total += len(marks)
        ids = []
        for mark in marks:
            link = mark.select_one("a.tt-term-link")
            tip = mark.select_one("span.tt-tip[role=tooltip]")
            assert link and tip and link["aria-describedby"] == tip["id"], doc
            assert link["href"].split("#")[0].endswith("glossary.html"), link["href"]
            ids.append(tip["id"].removeprefix("tt-tip-"))
            for bad in mark.find_parents(["h1", "h2", "h3", "h4", "h5", "h6", "code", "pre", "a", "dt"]):
                pytest.fail(f"{doc}: term {link.get_text()!r} marked inside <{bad.name}>")
            assert not mark.find_parents(class_=re.compile(r"^tt-ex")), f"{doc}: term inside an exercise"
        assert len(ids) == len(set(ids)), f"{doc}: a term is marked twice"
        assert set(ids) <= known
    assert total >= 60


def test_term_markup_costs_at_most_5_kb_gzip_per_chapter(site):
    """Before/after: the page as built, and the same page with every marked term put back as text."""
    costs = {}
    for doc in CHAPTERS:
        html = (site / f"{doc}.html").read_text(encoding="utf-8")
        plain = re.sub(
            r'<span class="tt-term"><a class="tt-term-link"[^>]*>(.*?)</a><span class="tt-tip"[^>]*>.*?</span></span>',
            r"\1",
            html,
        )
        assert plain != html, doc
        costs[doc] = len(gzip.compress(html.encode(), 9)) - len(gzip.compress(plain.encode(), 9))
    print("\nterm markup, gzip bytes per page:", costs)
    assert max(costs.values()) <= BUDGET, costs
