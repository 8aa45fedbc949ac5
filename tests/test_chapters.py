"""Every chapter in the table of contents has the lesson shape, and the README's chapter table says
what the chapters say (computed from ``_toc.yml`` and each chapter's front matter and blocks)."""

from __future__ import annotations

import json
import re

import pytest

from support import ROOT, chapter_table_rows, lesson_block, page_source, page_title, toc_entries

#: Pages in the TOC that are not lessons, on purpose, and why. Every other page is a lesson.
REFERENCE_PAGES = {
    "index": "the welcome page",
    "notebooks/timeline": "the interactive timeline, a tool every chapter links to rather than a lesson",
    "book/practice": "a review page that gathers exercises from the chapters",
    "book/facilitate/index": "the facilitator's guide (questions and key points, no objectives)",
    "book/facilitate/plans": "session plans for facilitators, rendered from data/workshop/plans.yaml",
    "book/facilitate/simulation": "a workshop simulation for facilitators",
    "book/facilitate/safety": "the safety protocol for facilitators",
    "book/data": "the data dictionary, generated from datapackage.json",
    "book/events": "the timeline's events table, generated from data/events.csv",
    "book/my-timeline": "the learner's perspective timeline, a tool rather than a lesson",
    "book/references": "the bibliography",
    "book/sources-since": "the bibliography's second page: the sources of Part IV's later pages (fact sheet Part F)",
    "book/how-to-study": "the study guide: paths and minutes computed from the chapters",
    "book/progress": "what this browser has saved, read back (no lesson content)",
    "book/my-work": "all the work this browser has saved, as one file to keep, hand in or restore (no lesson content)",
    "book/glossary": "the glossary, generated from data/glossary.csv",
    "book/glossary-bilingual": "the glossary in English and Burmese side by side, generated from the same data and the Burmese catalog",
    "book/licences": "licences and how to cite the course",
    "book/facilitate/syllabus": "the syllabus for a taught module, rendered from data/syllabus.yaml",
    "book/facilitate/assessment": "tasks, rubrics and marking guides, rendered from data/assessment.yaml",
    "book/accessibility": "the accessibility statement",
}
LESSONS = [e for e in toc_entries() if e["file"] not in REFERENCE_PAGES]


def test_every_toc_entry_exists_and_reference_pages_are_in_the_toc():
    entries = toc_entries()
    assert all(e["path"] is not None for e in entries), [e["file"] for e in entries if e["path"] is None]
    files = {e["file"] for e in entries}
    stale = set(REFERENCE_PAGES) - files
    assert not stale, f"listed as reference pages but not in _toc.yml: {stale}"
    assert len(LESSONS) >= 8


@pytest.mark.parametrize("entry", LESSONS, ids=[e["file"] for e in LESSONS])
def test_every_lesson_has_minutes_questions_objectives_and_key_points(entry):
    meta, text = page_source(entry["path"])
    for key in ("reading_minutes", "exercise_minutes"):
        assert isinstance(meta.get(key), int) and meta[key] >= 0, f"{entry['file']}: {key} in the front matter"
    assert meta["reading_minutes"] > 0
    for block in ("questions", "objectives", "keypoints"):
        body = lesson_block(text, block)
        assert body is not None, f"{entry['file']}: no {{{block}}} block"
        assert re.search(r"^- \S", body, re.M), f"{entry['file']}: the {{{block}}} block lists nothing"
    order = [text.index("```{" + b) for b in ("questions", "objectives", "keypoints")]
    assert order == sorted(order), f"{entry['file']}: questions, then objectives, ..., then key points"


def test_no_prose_chapter_holds_a_code_cell():
    """Chapters under book/ are plain Markdown: figures come from {course-figure}, not hidden code."""
    offenders = [
        p.relative_to(ROOT).as_posix()
        for p in sorted((ROOT / "book").rglob("*.md"))
        if "{code-cell}" in p.read_text(encoding="utf-8") or re.search(r"^kernelspec:", p.read_text(encoding="utf-8"), re.M)
    ]
    assert not offenders, offenders


def test_no_notebook_stores_widget_state():
    """`make notebooks` stores no widget state (JupyterLab recreates widgets when the cells run);
    committed state would be stale, large, and would pull a widget manager into pages."""
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        nb = json.loads(path.read_text(encoding="utf-8"))
        assert "widgets" not in nb.get("metadata", {}), f"{path.name}: widget state in the notebook metadata"
        for cell in nb["cells"]:
            for out in cell.get("outputs", []):
                assert "application/vnd.jupyter.widget-state+json" not in out.get("data", {}), path.name


def _readme_table() -> list[list[str]]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index("<!-- chapter-table:start -->")
    end = text.index("<!-- chapter-table:end -->")
    rows = []
    for line in text[start:end].splitlines():
        if line.startswith("|") and not line.startswith("| Part | Title |") and not set(line) <= set("|- "):
            rows.append([c.strip().replace("\\|", "|").strip("`") for c in line.strip().strip("|").split(" | ")])
    return rows


def test_readme_chapter_table_matches_the_toc_and_the_chapters():
    """`python scripts/chapter_table.py --write` regenerates the table after a chapter changes."""
    assert _readme_table() == chapter_table_rows()


def _questions_by_markdown_it(path) -> list[str]:
    """The {questions} list of a chapter, parsed by markdown-it (MyST's own parser), independently of
    the generator's line-based reading (tests/support.py list_items)."""
    from markdown_it import MarkdownIt

    _, text = page_source(path)
    block = lesson_block(text, "questions") or ""
    tokens = MarkdownIt("commonmark").parse(block)
    items, depth, current = [], 0, []
    for token in tokens:
        if token.type == "list_item_open":
            depth, current = depth + 1, []
        elif token.type == "list_item_close":
            depth -= 1
            items.append(" ".join(current))
        elif token.type == "inline" and depth:
            current.append(" ".join(line.strip() for line in token.content.splitlines()))
    return items


def test_readme_chapter_table_holds_every_question_whole():
    """Each chapter's row in the README holds each of its questions in full, as markdown-it reads
    the chapter's {questions} list (a wrapped question cut at the line break fails here)."""
    readme = {row[2]: row[4] for row in _readme_table()}
    checked = 0
    for entry in toc_entries():
        if entry["path"] is None:
            continue
        row = readme.get(entry["path"].relative_to(ROOT).as_posix(), "")
        for question in _questions_by_markdown_it(entry["path"]):
            assert question in row, f"README chapter table, {entry['file']}: question not whole: {question!r}"
            checked += 1
    assert checked > 50, f"only {checked} questions found: is the questions block still parsed?"


def test_each_notebook_says_its_part_in_its_title():
    """Learners open notebooks/ in JupyterLab as one flat folder: each lesson's title says which part
    of the course it belongs to (the part's caption in _toc.yml, up to its colon)."""
    checked = 0
    for entry in toc_entries():
        if entry["path"] is None or entry["path"].suffix != ".ipynb":
            continue
        part = entry["part"].split(":")[0].strip()
        _, text = page_source(entry["path"])
        assert page_title(text).endswith(f"({part})"), f"{entry['file']}: title {page_title(text)!r} does not end with ({part})"
        checked += 1
    assert checked >= 5


def test_parts_are_filed_alike():
    """Every chapter of a numbered part lives in its part folder of book (part1 to part4) or in notebooks."""
    numerals = {"I": 1, "II": 2, "III": 3, "IV": 4}
    for entry in toc_entries():
        m = re.match(r"Part (I|II|III|IV):", entry["part"])
        if m and entry["file"].startswith("book/"):
            folder = entry["file"].split("/")[1]
            assert folder in (f"part{numerals[m.group(1)]}", "mapping"), entry["file"]
