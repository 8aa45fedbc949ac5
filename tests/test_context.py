"""Part II's added context (issue 17): the boxes headed "Context the brief assumes" and the dated
"Since the brief" notes.

* every Part II chapter has at least one context box; every box cites a source from the course's
  fact sheets (a ``fab-`` key, from facts-after-brief.md, or an entry whose note names facts.md);
* every dated note links to the part {ref}`since-the-brief` and cites a fact from the sheet's
  Part D (events after the brief);
* no ``fab-`` key cited anywhere in the book belongs to a fact the sheet marks UNVERIFIED, and
  every such key names a fact the sheet has (parsed from ../shared/reference/facts-after-brief.md
  when it lies beside the repository; skipped otherwise);
* in the built pages the boxes keep their classes and the dated notes' links resolve.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHEET = ROOT.parent / "shared" / "reference" / "facts-after-brief.md"
PART2 = ["junta", "usdp", "nld", "coup", "architectures"]
BIB = (ROOT / "data" / "references.bib").read_text(encoding="utf-8")

_BOX = re.compile(r"^:::\{admonition\} (?P<title>[^\n]*)\n(?P<body>.*?)^:::$", re.S | re.M)
_CITE = re.compile(r"\{cite:p\}`([^`]+)`")
_FAB = re.compile(r"^fab-([def]\d+)-[a-z0-9-]+$")


def boxes(text: str, prefix: str) -> list[tuple[str, str]]:
    """(title, body) of every colon-fenced admonition whose title starts with ``prefix``."""
    return [(m["title"], m["body"]) for m in _BOX.finditer(text) if m["title"].startswith(prefix)]


def cited(text: str) -> set[str]:
    return {k.strip() for group in _CITE.findall(text) for k in group.split(",")}


def bib_notes() -> dict[str, str]:
    notes = {}
    for m in re.finditer(r"^@\w+\{([^,]+),(.*?)^\}", BIB, re.S | re.M):
        note = re.search(r"^\s*note\s*=\s*\{(.*?)\}\s*,?\s*$", m.group(2), re.M)
        notes[m.group(1)] = note.group(1) if note else ""
    return notes


def from_a_fact_sheet(key: str, notes: dict[str, str]) -> bool:
    return bool(_FAB.match(key)) or "fact sheet facts.md" in notes.get(key, "")


def sheet_statuses(text: str) -> dict[str, str]:
    """Fact id -> VERIFIED, DISCREPANCY or UNVERIFIED, from the bold claim that opens each fact."""
    out = {}
    for m in re.finditer(r"^- ([DEF]\d+)\. \*\*(.+?)\*\*", text, re.M):
        marks = re.findall(r"\b(UNVERIFIED|DISCREPANCY|VERIFIED)\b", m.group(2))
        assert marks, f"fact {m.group(1)} in {SHEET.name} has no status"
        out[m.group(1)] = marks[-1]
    return out


def source(name: str) -> str:
    return (ROOT / "book" / "part2" / f"{name}.md").read_text(encoding="utf-8")


def book_sources() -> dict[str, str]:
    return {p.relative_to(ROOT).as_posix(): p.read_text(encoding="utf-8") for p in sorted((ROOT / "book").rglob("*.md"))}


# --- the parsers ---------------------------------------------------------------------------------

SAMPLE = """Text.

:::{admonition} Context the brief assumes: a sample
:class: note tt-context

A fact {cite:p}`fab-e1-frontier,jones2021myanmar`.
:::

:::{admonition} Since the brief: a later event
:class: tip tt-since

It changed {cite:p}`fab-d3-moi`. See {ref}`since-the-brief`.
:::
"""


def test_the_box_parser_finds_each_kind_and_its_citations():
    ((title, body),) = boxes(SAMPLE, "Context the brief assumes")
    assert title.endswith("a sample") and cited(body) == {"fab-e1-frontier", "jones2021myanmar"}
    ((_, note),) = boxes(SAMPLE, "Since the brief")
    assert "{ref}`since-the-brief`" in note and cited(note) == {"fab-d3-moi"}
    assert boxes("no boxes here", "Since the brief") == []


def test_the_sheet_parser_reads_the_last_status_of_the_bold_claim():
    text = (
        "- D1. **A thing happened. VERIFIED.**\n  - more\n"
        "- D2. **Counts differ. DISCREPANCY (count).**\n"
        "- D40. **No formal ceasefire could be verified. UNVERIFIED.**\n"
        "- E3. **Weak. VERIFIED (weakly: one source).**\n"
    )
    assert sheet_statuses(text) == {"D1": "VERIFIED", "D2": "DISCREPANCY", "D40": "UNVERIFIED", "E3": "VERIFIED"}


def test_a_fact_sheet_key_is_told_from_other_keys():
    notes = {"lostfootsteps-union-day": "Cited in the course's fact sheet facts.md, B2", "other": "A note"}
    assert from_a_fact_sheet("fab-e12-reuters", notes)
    assert from_a_fact_sheet("lostfootsteps-union-day", notes)
    assert not from_a_fact_sheet("other", notes) and not from_a_fact_sheet("jones2021myanmar", notes)
    assert not from_a_fact_sheet("fab-x1-reuters", notes)


# --- the chapters --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", PART2)
def test_every_part2_chapter_has_a_context_box(name):
    found = boxes(source(name), "Context the brief assumes")
    assert found, f"book/part2/{name}.md: no 'Context the brief assumes' box"
    for title, body in found:
        assert ":class: note tt-context" in body.splitlines()[0], (name, title)


@pytest.mark.parametrize("name", PART2)
def test_every_context_box_cites_a_fact_sheet_source(name):
    notes = bib_notes()
    for title, body in boxes(source(name), "Context the brief assumes"):
        keys = cited(body)
        assert any(from_a_fact_sheet(k, notes) for k in keys), f"{name}: '{title}' cites no fact-sheet source"
        assert keys <= set(notes), (name, title, keys - set(notes))


def test_part2_has_six_to_ten_dated_notes_and_each_links_to_the_new_part():
    notes = bib_notes()
    total = 0
    for name in PART2:
        for title, body in boxes(source(name), "Since the brief"):
            total += 1
            assert ":class: tip tt-since" in body.splitlines()[0], (name, title)
            assert "{ref}`since-the-brief`" in body, f"{name}: '{title}' does not link to since-the-brief"
            keys = cited(body)
            assert any(re.match(r"fab-d\d+-", k) for k in keys), f"{name}: '{title}' cites no Part D fact"
            assert keys <= set(notes), (name, title, keys - set(notes))
            sentences = [s for s in re.split(r"(?<=[.!?])\s+", re.sub(r"\s+", " ", body.split("\n", 2)[-1])) if s]
            assert len(sentences) <= 5, f"{name}: '{title}' is longer than a short note"
    assert 6 <= total <= 12, total


def test_the_since_the_brief_label_exists():
    page = ROOT / "book" / "part4" / "index.md"
    assert re.search(r"^\(since-the-brief\)=$", page.read_text(encoding="utf-8"), re.M)


def test_every_fab_key_in_the_bibliography_names_its_fact_in_its_note():
    for key, note in bib_notes().items():
        m = _FAB.match(key)
        if m:
            assert "facts-after-brief.md" in note and m.group(1).upper() in note, (key, note)


@pytest.mark.skipif(not SHEET.exists(), reason="the fact sheet is not beside the repository")
def test_no_cited_fab_key_belongs_to_an_unverified_or_unknown_fact():
    statuses = sheet_statuses(SHEET.read_text(encoding="utf-8"))
    assert statuses.get("D40") == "UNVERIFIED" and statuses.get("E1") == "VERIFIED"  # the parser still works
    bad = []
    for rel, text in book_sources().items():
        for key in cited(text):
            m = _FAB.match(key)
            if key.startswith("fab-") and not m:
                bad.append((rel, key, "not of the form fab-<fact id>-<outlet>"))
            elif m and statuses.get(m.group(1).upper()) not in ("VERIFIED", "DISCREPANCY"):
                bad.append((rel, key, statuses.get(m.group(1).upper(), "no such fact")))
    assert not bad, bad


# --- the built pages -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", PART2)
def test_built_chapter_shows_the_boxes_and_links_the_new_part(site, name):
    html = (site / "book" / "part2" / f"{name}.html").read_text(encoding="utf-8")
    assert "tt-context" in html and "Context the brief assumes" in html
    if boxes(source(name), "Since the brief"):
        assert "tt-since" in html
        assert re.search(r'href="\.\./part4/index\.html#since-the-brief"', html), "link to the new part"
