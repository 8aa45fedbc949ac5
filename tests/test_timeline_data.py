"""The course's timeline as built from its data: nothing hides, categories look the same everywhere,
and every event after the brief comes from the fact sheet with its date precision (issue 17).

Data tier: the figures are built from data/ (no book needed). The last test reads the built book.
"""

from __future__ import annotations

import html as html_lib
import json
import re
from pathlib import Path

import pandas as pd
import pytest

from tracktwo.sphinxext.course_figures import course_figure
from tracktwo.figures.palette import CATEGORY_STYLES, category_style
from tracktwo.timeline.timeline_chart import VIEWS

ROOT = Path(__file__).resolve().parents[1]
SHEET = ROOT.parent / "shared" / "reference" / "facts-after-brief.md"
FIGURE_CALL = re.compile(r"```\{course-figure\} timeline\n((?::[a-z]+:.*\n)*)```")


def timeline_calls() -> list[tuple[str, tuple[str, ...]]]:
    """Every {course-figure} timeline of the book's chapters, as (page, periods)."""
    calls = []
    for page in sorted((ROOT / "book").rglob("*.md")):
        for options in FIGURE_CALL.findall(page.read_text(encoding="utf-8")):
            periods = re.search(r":periods:\s*(.*)", options)
            calls.append((page.relative_to(ROOT).as_posix(), tuple(periods.group(1).split()) if periods else ()))
    return calls


def marker_positions(spec: dict, view: int) -> list[tuple[str, float]]:
    """(x, y) of every drawn marker of a figure in one of its views, from the view button's y arrays."""
    menus = spec["layout"]["updatemenus"]
    (views,) = [m for m in menus if m.get("name") == "views"]
    ys = views["buttons"][view]["args"][0]["y"]
    return [
        (x, y)
        for trace, trace_ys in zip(spec["data"], ys)
        if trace.get("mode") == "markers"
        for x, y in zip(trace["x"], trace_ys)
        if y is not None
    ]


FIGURES = [("notebooks/timeline.ipynb", ())] + timeline_calls()


def test_the_chapters_have_timeline_slices():
    assert len(FIGURES) >= 5, FIGURES


@pytest.mark.parametrize("page, periods", FIGURES, ids=[f"{p}:{'+'.join(q) or 'all'}" for p, q in FIGURES])
def test_no_two_markers_of_a_figure_share_a_position_in_any_view(page, periods):
    spec = json.loads(course_figure("timeline", **({"periods": list(periods)} if periods else {})).to_json())
    for i, (view, _) in enumerate(VIEWS):
        points = marker_positions(spec, i)
        doubles = sorted({p for p in points if points.count(p) > 1})
        assert not doubles, f"{page}, view {view}: markers on the same spot {doubles}"
        assert points, f"{page}, view {view}: nothing drawn"
    events = sum(len(t["x"]) for t in spec["data"] if t.get("mode") == "markers")
    assert len(marker_positions(spec, 0)) == len(spec["layout"]["meta"]["tracktwo"]["rows"]) <= events


def test_events_with_an_end_are_drawn_as_spans(course):
    spec = json.loads(course_figure("timeline").to_json())
    lasting = course.events[course.events["end"].notna()]
    segments = sum(sum(1 for x in t["x"] if x is None) for t in spec["data"] if t.get("mode") == "lines")
    drawn = {(t["legendgroup"], x) for t in spec["data"] if t.get("mode") == "lines" for x in t["x"][::3]}
    assert len(lasting) >= 10 and segments >= len(lasting)
    plot_starts = {(c, s.strftime("%Y-%m-%d")) for c, s in zip(lasting["category"], lasting["start"])}
    assert len(plot_starts - drawn) <= len(lasting[lasting["precision"] != "day"])  # coarse starts move into their period


def test_post_brief_events_come_from_the_fact_sheet_with_a_precision(course):
    after = course.events[course.events["start"] > pd.Timestamp("2021-09-30")]
    assert len(after) >= 20
    refs = dict(zip(course.references["key"], course.references["note"]))
    for row in after.itertuples(index=False):
        fact = re.fullmatch(r"facts-after-brief ([DEF]\d+)", row.locator)
        assert fact, f"{row.id}: locator {row.locator!r} names no fact of facts-after-brief.md"
        assert row.source.startswith(f"fab-{fact.group(1).lower()}-"), f"{row.id}: source {row.source}"
        note = refs.get(row.source)
        assert note is not None, f"{row.id}: {row.source} not in references.bib"
        assert f"facts-after-brief.md, {fact.group(1)}" in note, f"{row.id}: {row.source}'s note names no fact"
        assert row.precision in {"day", "month", "year"}
        assert row.period == "postbrief"


@pytest.mark.skipif(not SHEET.exists(), reason="the fact sheet lies beside the repository only in the project")
def test_sheet_facts_used_are_verified_or_discrepancy_with_both_versions_noted(course):
    text = SHEET.read_text(encoding="utf-8")
    status = {
        m.group(1): m.group(2)
        for m in re.finditer(r"^- ([DEF]\d+)\. \*\*.*?(VERIFIED|DISCREPANCY|UNVERIFIED)[^*]*\*\*", text, re.M | re.S)
    }
    used = course.events[course.events["locator"].str.startswith("facts-after-brief")]
    assert len(used) >= 40
    for row in used.itertuples(index=False):
        fact = row.locator.split()[-1]
        assert status.get(fact) in {"VERIFIED", "DISCREPANCY"}, f"{row.id}: {fact} is {status.get(fact)}"
        if status[fact] == "DISCREPANCY":
            assert isinstance(row.note, str) and "DISCREPANCY" in row.note, f"{row.id}: record the discrepancy"


def test_track_tags_where_sources_support_them(course):
    tagged = course.events[course.events["tracks"].map(bool)]
    assert len(tagged) >= 25
    for t in ["1", "1.5", "2", "3"]:
        assert tagged["tracks"].map(lambda ts, t=t: t in ts).any(), f"no event on Track {t}"


# --- the built book ---------------------------------------------------------------------------------

FIGURE_JSON = re.compile(r'<script type="application/json" class="tt-plotly-data">(.*?)</script>', re.S)


def test_a_category_has_the_same_colour_and_symbol_on_every_built_page(site):
    seen: dict[str, set] = {}
    pages = set()
    for page in sorted(site.rglob("*.html")):
        for blob in FIGURE_JSON.findall(page.read_text(encoding="utf-8")):
            spec = json.loads(html_lib.unescape(blob))
            for trace in spec.get("data", []):
                if trace.get("mode") == "markers" and trace.get("legendgroup") in CATEGORY_STYLES:
                    marker = trace["marker"]
                    seen.setdefault(trace["legendgroup"], set()).add((marker["color"], marker["symbol"]))
                    pages.add(page.relative_to(site).as_posix())
    assert {"notebooks/timeline.html", "book/part2/coup.html", "book/part2/junta.html"} <= pages
    assert len(seen) == len(CATEGORY_STYLES)
    for category, styles in seen.items():
        assert styles == {category_style(category)}, f"{category}: {styles}"
