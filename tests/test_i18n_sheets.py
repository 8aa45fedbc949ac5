"""The participant handouts, mapping templates, map frames and practice case in Burmese (issue 28):
each is printed with ``lang="my"``, every string it asks for has a translation (a draft or reviewed,
never an English fallback), and it says it is a draft. A catalog entry made for an older English
source falls back to English visibly (``<span lang="en" class="tt-fallback">``, a ``<tspan>`` in a
drawing) and the sheet's notice counts it."""

from __future__ import annotations

import functools
import re
import shutil
from pathlib import Path

import pytest

from tracktwo.i18n.catalog import course_dir, translator, using
from tracktwo.i18n.languages import LOCALE_DIR
from tracktwo.workshop import sheets as sh
from tracktwo.workshop.mapping_sheets import TEMPLATE_IDS, mapping_sheet_builders

BUILDERS = [
    sh.levels_sheet,
    sh.table1_sheet,
    sh.recommendations_sheet,
    sh.mapping_legend_sheet,
    sh.timeline_sheet,
    *mapping_sheet_builders(),
]
SHEET_IDS = [
    "levels",
    "table-1",
    "recommendations",
    "mapping-legend",
    "timeline",
    "practice-case",
    *TEMPLATE_IDS,
]
FALLBACK = re.compile(r'<(span|tspan) lang="en" class="tt-fallback">')


def _build(builder, root: Path | None = None):
    """The sheet in Burmese, its full page, and every string it asked for (footer included)."""
    tr = translator("my", root)
    with using(tr):
        with tr.collect() as uses:  # not around build_sheet: Translator.collect cannot nest (it removes by equality)
            sheet = builder()
        sheet = sh.build_sheet(builder)
        with tr.collect() as footer:
            page = sheet.html()
    return sheet, page, uses + footer


def _planted(tmp_path: Path, ident: str) -> Path:
    """A copy of the Burmese catalogs in which the entry ``ident`` was made for an older English
    source (its msgid no longer matches what the sheet shows)."""
    src = course_dir("my")
    dst = tmp_path / "my" / "course"
    shutil.copytree(src, dst)
    kit = dst / "kit.po"
    text = kit.read_text(encoding="utf-8")
    m = re.search(rf'msgctxt "{re.escape(ident)}"\nmsgid "', text)
    assert m, f"{ident} not in {kit}"
    kit.write_text(text[: m.end()] + "An older English source: " + text[m.end() :], encoding="utf-8")
    return tmp_path


def test_catalog_root_is_the_course_locale():
    assert course_dir("my") == LOCALE_DIR / "my" / "course"


@pytest.mark.parametrize("builder", BUILDERS, ids=SHEET_IDS)
def test_burmese_sheet_is_translated_and_marked_draft(builder):
    sheet, page, uses = _build(builder)
    assert sheet.lang == "my" and '<html lang="my">' in page
    assert uses, f"{sheet.id}: asks for no translated string"
    english = sorted({u.id for u in uses if u.status not in ("draft", "reviewed")})
    assert not english, f"{sheet.id}: shown in English (no usable translation): {english}"
    assert not FALLBACK.search(page), f"{sheet.id}: an English fallback is marked on the page"
    assert 'class="tt-i18n-draft"' in page and "tt-i18n-fallback" not in page
    assert dict(sheet.i18n)["fallback"] == 0 and dict(sheet.i18n)["draft"] > 0
    assert re.search(r"[\u1000-\u109F]", sheet.title), f"{sheet.id}: title not translated: {sheet.title}"


@pytest.mark.parametrize(
    "builder, ident, english, tag",
    [
        (sh.levels_sheet, "sheet:levels:col-track", "Track", "span"),
        (sh.table1_sheet, "sheet:table-1:sac-aa:conflict", "De Facto Ceasefire; no fighting", "span"),
        (sh.timeline_sheet, "sheet:timeline:event-coup-2021", "Military coup", "span"),
        (sh.mapping_legend_sheet, "sheet:notation:line-broken:meaning", "a relationship that has broken down", "span"),
        (functools.partial(mapping_sheet_builders()[1]), "sheet:tools:tree:effects", "Effects", "tspan"),
    ],
    ids=["levels", "table-1", "timeline", "mapping-legend", "template-tree-svg"],
)
def test_stale_entry_falls_back_to_english_visibly(tmp_path, builder, ident, english, tag):
    sheet, page, _ = _build(builder, _planted(tmp_path, ident))
    shown = re.findall(rf'<{tag} lang="en" class="tt-fallback">([^<]*)</{tag}>', page)
    assert any(s.startswith(english) for s in shown), f"{sheet.id}: '{ident}' not shown as a marked English fallback: {shown}"
    counts = dict(sheet.i18n)
    assert counts["fallback"] >= 1
    total = sum(counts.values())
    assert f"({counts['fallback']} of {total})" in page and 'class="tt-i18n-fallback"' in page
    assert 'class="tt-i18n-draft"' in page  # the rest is still a draft


def test_english_sheets_unchanged_by_the_wiring():
    """In English the wired sheets print no notice and no fallback mark, and say "Source:" as before."""
    with using(translator("en")):
        for builder in BUILDERS:
            sheet = sh.build_sheet(builder)
            page = sheet.html()
            assert '<html lang="en">' in page and "tt-i18n" not in page and "tt-fallback" not in page
            assert 'class="tt-source">' not in page or 'class="tt-source">Source: ' in page, sheet.id


def test_burmese_sheets_print_on_their_expected_pages(browser, tmp_path):
    """Printed (Chromium), each Burmese sheet keeps the page count its Sheet expects (the English
    counts; print.css makes Burmese text a little smaller so a one-page handout stays one page). The
    sheets carry the course's own Myanmar font (write_sheets copies it), so no system font is needed."""
    import subprocess
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
    from print_sheets import print_pdfs

    written = dict((s.id, (s, p)) for s, p in sh.write_sheets(tmp_path / "html", lang="my") if s.id in SHEET_IDS)
    pdfs = print_pdfs([p for _, p in written.values()], tmp_path / "pdf", browser=browser)
    wrong = []
    for pdf in pdfs:
        sheet = written[pdf.stem][0]
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
        pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
        if not sheet.pages[0] <= pages <= sheet.pages[1]:
            wrong.append(f"{sheet.id}: {pages} pages, expected {sheet.pages[0]}-{sheet.pages[1]}")
    assert not wrong, wrong
