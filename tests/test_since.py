"""Part IV, "Since the brief (2021-2026)": the pages' shape and banner, their citations (every
fact-sheet source carries its fact id; no UNVERIFIED fact is cited), Table 1 then and now as data
(data/relations_since.csv: a row for every relationship, sources from the fact sheet, unknowns that
say so, malformed rows refused with one clear message), its exercises, and the built pages."""

from __future__ import annotations

import csv
import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from support import ROOT, SHARED, lesson_block, page_source, toc_entries

from tracktwo import tables
from tracktwo.data import DataError, load_all, load_relations_since
from tracktwo.data.loaders import SAYS_NOTHING
from tracktwo.exercises import load_bank

PAGES = [
    "index",
    "conflict",
    "politics",
    "civic-space",
    "quiet-channels",
    "rohingya",
    "fronts-economy",
    "civilians",
    "table1-then-now",
    "still-hold",
]
SOURCES = {p: (ROOT / "book" / "part4" / f"{p}.md").read_text(encoding="utf-8") for p in PAGES}
BANNER = "Events to April 2026, from the sources listed; the brief's account ends in September 2021."
FACT_SHEET = SHARED / "reference" / "facts-after-brief.md"
CITE = re.compile(r"\{cite:[pt]\}`([^`]+)`")
FAB_KEY = re.compile(r"^fab-([def]\d+)-[a-z0-9-]+$")


def _plain(text: str) -> str:
    """Undo the build's typographic quotes and line breaks."""
    for curly, straight in (("\u2019", "'"), ("\u2018", "'"), ("\u201c", '"'), ("\u201d", '"')):
        text = text.replace(curly, straight)
    return " ".join(text.split())


def _cited(text: str) -> set[str]:
    return {k.strip() for keys in CITE.findall(text) for k in keys.split(",")}


def _fact_statuses() -> dict[str, str]:
    """Fact id -> VERIFIED / DISCREPANCY / UNVERIFIED, parsed from the fact sheet's bold claims."""
    text = FACT_SHEET.read_text(encoding="utf-8")
    statuses = {}
    for fid, claim in re.findall(r"^- ([DEF]\d+)\. \*\*(.*?)\*\*", text, re.M | re.S):
        found = re.findall(r"\b(VERIFIED|DISCREPANCY|UNVERIFIED)\b", claim)
        assert found, f"fact {fid} has no status in its claim"
        statuses[fid] = found[-1]
    return statuses


@pytest.fixture(scope="module")
def statuses() -> dict[str, str]:
    if not FACT_SHEET.exists():
        pytest.skip("the fact sheet facts-after-brief.md is not beside the repository")
    return _fact_statuses()


# --- the pages -------------------------------------------------------------------------------------


def test_part_four_lists_its_pages_and_keeps_its_label():
    files = [e["file"] for e in toc_entries()]
    assert [f for f in files if f.startswith("book/part4/")] == [f"book/part4/{p}" for p in PAGES]
    assert "(since-the-brief)=" in SOURCES["index"]


@pytest.mark.parametrize("page", PAGES)
def test_every_page_opens_with_the_dated_banner(page):
    text = SOURCES[page]
    banner = re.search(r"```\{admonition\}[^\n]*\n:class: [^\n]*tt-since-banner[^\n]*\n(.*?)```", text, re.S)
    assert banner, f"{page}: no banner admonition"
    assert banner.group(1).strip() == BANNER
    assert banner.start() < text.index("```{questions}"), f"{page}: the banner must come first"


@pytest.mark.parametrize("page", PAGES)
def test_every_page_has_the_lesson_shape(page):
    meta, text = page_source(ROOT / "book" / "part4" / f"{page}.md")
    assert meta["reading_minutes"] > 0 and meta["exercise_minutes"] > 0
    for block in ("questions", "objectives", "keypoints"):
        assert re.search(r"^- \S", lesson_block(text, block) or "", re.M), f"{page}: {block}"
    order = [text.index("```{" + b) for b in ("questions", "objectives", "exercise", "discussion", "facilitator", "keypoints")]
    assert order == sorted(order), f"{page}: questions, objectives, exercise, discussion, facilitator, key points"


def test_every_cited_key_exists_and_every_fact_sheet_key_carries_its_fact_id(course):
    refs = course.references.set_index("key")
    used = set().union(*(_cited(t) for t in SOURCES.values()))
    assert used <= set(refs.index), sorted(used - set(refs.index))
    fab = [k for k in refs.index if k.startswith("fab-")]
    assert len(fab) >= 40
    for key in fab:
        m = FAB_KEY.match(key)
        assert m, f"{key}: not of the form fab-<fact id>-<outlet>"
        note = refs.loc[key, "note"]
        assert re.search(rf"facts-after-brief\.md, {m.group(1).upper()}\b", note), (key, note)
        assert refs.loc[key, "url"], f"{key}: the fact sheet gives a URL for every source"


def test_part_four_cites_no_unverified_fact(course, statuses):
    assert statuses["D40"] == "UNVERIFIED" and statuses["D3"] == "VERIFIED"  # the parse works
    unverified = {f for f, s in statuses.items() if s == "UNVERIFIED"}
    used = set().union(*(_cited(t) for t in SOURCES.values()))
    since = course.relations_since
    used |= set(since["source"]) | {k for ks in since["other_sources"] for k in ks}
    cited_facts = {FAB_KEY.match(k).group(1).upper() for k in used if k.startswith("fab-")}
    cited_facts |= {f for fs in since["facts"] for f in fs}
    assert cited_facts, "Part IV cites no fact"
    assert not cited_facts & unverified, sorted(cited_facts & unverified)
    assert cited_facts <= set(statuses), sorted(cited_facts - set(statuses))
    for page, text in SOURCES.items():  # nor names an unverified fact in prose
        for fid in unverified:
            assert not re.search(rf"\b{fid}\b", text), (page, fid)


def test_figures_are_given_with_their_owner_and_date():
    text = SOURCES["politics"]
    for figure, owner, date in [
        ("7,265", "AAPP", "17 September 2025"),
        ("3.6 million", "UNHCR", "end-March 2025"),
        ("3,735", "official", "20 April 2025"),
    ]:
        line = next(part for part in re.split(r"\n(?=- )|\n\n", text) if figure in part)
        assert owner in line and date in line, (figure, line[:120])


# --- Table 1 then and now (data) ---------------------------------------------------------------------


def test_every_table1_relationship_has_one_row(course):
    assert list(course.relations_since["id"]) == list(course.relations.sort_values("table_row")["id"])


def test_every_row_is_sourced_from_the_fact_sheet_or_says_nothing(course, statuses):
    refs = course.references.set_index("key")
    for row in course.relations_since.to_dict("records"):
        keys = [row["source"], *row["other_sources"]]
        if row["status_after"] == "unknown":
            assert SAYS_NOTHING in row["change"].lower() and not row["facts"], row["id"]
            continue
        assert row["facts"] and row["as_of_text"], row["id"]
        for key in keys:
            assert key in refs.index and key.startswith("fab-"), (row["id"], key)
            fact = FAB_KEY.match(key).group(1).upper()
            assert fact in row["facts"], f"{row['id']}: {key} is for {fact}, not in the row's facts"
            assert "facts-after-brief.md" in refs.loc[key, "note"], key
        for fact in row["facts"]:
            assert statuses[fact] in ("VERIFIED", "DISCREPANCY"), (row["id"], fact)
            assert any(FAB_KEY.match(k).group(1).upper() == fact for k in keys), (
                f"{row['id']}: fact {fact} has no source in the row"
            )


def test_the_then_and_now_table_has_a_row_per_relationship_in_table_order(course, citations):
    table = tables.relations_since_table(course.relations, course.relations_since, course.actors, citations=citations)
    assert table.row_ids == list(course.relations.sort_values("table_row")["id"])
    knpp = table.rows[table.row_ids.index("sac-knpp")]
    assert "Bilateral ceasefire" in knpp[2] and SAYS_NOTHING in knpp[3]
    assert "as of June 2022" in knpp[4]  # its refusal of the talks: the latest fact on its tie to the SAC
    with pytest.raises(ValueError, match="sac-knpp"):
        tables.relations_since_table(course.relations, course.relations_since[course.relations_since["id"] != "sac-knpp"])


@pytest.mark.parametrize(
    "text,precision,shown",
    [("2025-10-29", "day", "29 October 2025"), ("2025-08", "month", "August 2025"), ("2025", "year", "2025"), ("", "", "")],
)
def test_as_of_dates_read_at_their_precision(text, precision, shown):
    assert tables.as_of_text(text, precision) == shown


def _copy(tmp_path: Path) -> Path:
    d = tmp_path / "data"
    shutil.copytree(ROOT / "data", d, ignore=shutil.ignore_patterns("exercises", "workshop", "geo", "maps"))
    return d


def _edit(d: Path, rid: str, **changes) -> None:
    path = d / "relations_since.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    for row in rows:
        if row["id"] == rid:
            row.update(changes)
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


@pytest.mark.parametrize(
    "changes,field,words",
    [
        ({"status_after": "unknown"}, "change", "does not say"),
        ({"status_after": "unknown", "change": "The course's sources say nothing on this."}, "as_of", "should be empty"),
        ({"precision": "day"}, "precision", "does not match as_of"),
        ({"as_of": "", "precision": ""}, "as_of", "is empty"),
        ({"facts": ""}, "facts", "list the fact ids"),
        ({"other_sources": "jones2021myanmar"}, "other_sources", "not a source from the fact sheet"),
        ({"status_after": "peace"}, "status_after", ""),
    ],
)
def test_a_malformed_row_gets_one_clear_message(tmp_path, changes, field, words):
    d = _copy(tmp_path)
    _edit(d, "sac-uwsa", **changes)  # line 2: the first data row
    with pytest.raises(DataError) as err:
        load_relations_since(d)
    message = str(err.value)
    assert "relations_since.csv, line 2" in message and f'field "{field}"' in message, message
    assert words in message
    assert "Traceback" not in message


def test_an_unknown_row_that_says_so_is_accepted(tmp_path):
    d = _copy(tmp_path)
    _edit(
        d,
        "sac-knpp",
        status_after="unknown",
        as_of="",
        precision="",
        facts="",
        source="fab-d3-irrawaddy",
        other_sources="",
        change="On this relationship after September 2021, the course's sources say nothing on this.",
    )
    frame = load_relations_since(d)
    assert frame.set_index("id").loc["sac-knpp", "status_after"] == "unknown"


def test_a_relationship_without_a_row_is_named(tmp_path):
    d = _copy(tmp_path)
    path = d / "relations_since.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(ln for ln in lines if not ln.startswith("sac-cnf,")), encoding="utf-8")
    with pytest.raises(DataError, match=r'relations_since\.csv, field "id": "sac-cnf" has no row'):
        load_all(d)


# --- exercises --------------------------------------------------------------------------------------


def test_every_item_of_the_bank_is_placed_once_in_part_four():
    bank = load_bank("since")
    placed = [ref for t in SOURCES.values() for ref in re.findall(r"```\{exercise\} since/([a-z0-9-]+)", t)]
    assert sorted(placed) == sorted(bank.items)
    assert len(placed) == len(set(placed))


def test_each_recommendation_and_the_worry_has_an_exercise_and_a_discussion_with_a_checklist():
    text = SOURCES["still-hold"]
    bank = {item.id: item for item in load_bank("since").items.values()}
    sections = re.split(r"^## ", text, flags=re.M)[1:]
    assert len(sections) == 4
    for section in sections:
        refs = re.findall(r"```\{exercise\} since/([a-z0-9-]+)", section)
        assert "```{discussion}" in section
        kinds = {r.split("-")[0] for r in refs}
        assert kinds == {"weigh", "discuss"}, (section[:40], refs)
        for ref in refs:
            assert bank[ref].type == "open" and len(bank[ref].checklist) >= 3, ref
    # and apply/analyse items that are checked, on the other pages
    checked = [i for i in bank.values() if i.type != "open"]
    assert len(checked) >= 8


# --- the built pages ---------------------------------------------------------------------------------


@pytest.mark.parametrize("page", PAGES)
def test_built_pages_show_the_banner_first(site, page):
    soup = BeautifulSoup((site / "book" / "part4" / f"{page}.html").read_text(encoding="utf-8"), "html.parser")
    article = soup.select_one("article") or soup
    banner = article.select_one("div.admonition.tt-since-banner")
    assert banner is not None and BANNER in _plain(banner.get_text(" ", strip=True))
    blocks = article.select("div.admonition")
    assert blocks[0] is banner, "the banner is the first block of the page"
    first_section = article.select_one("section section")
    if first_section is not None:
        assert banner.find_parent("section") is not first_section


def test_built_page_contains_the_then_and_now_table(site, course):
    soup = BeautifulSoup((site / "book" / "part4" / "table1-then-now.html").read_text(encoding="utf-8"), "html.parser")
    box = soup.select_one(".tt-relations-since-table")
    assert box is not None
    body_rows = box.select("tbody tr")
    assert len(body_rows) == len(course.relations) == 21
    text = _plain(box.get_text(" ", strip=True))
    assert "After September 2021" in text and "Operation 1027" in text and SAYS_NOTHING in text


# --- the second state of the Table 1 map --------------------------------------------------------------


def test_the_map_draws_every_relationship_by_its_later_status_first(course):
    from tracktwo.maps.table1_since import AFTER_KINDS, after_kind, build_table1_since_map

    spec = build_table1_since_map()
    assert spec["encodings"][0]["id"] == "after"
    assert [e["id"] for e in spec["encodings"][1:]] == ["conflict", "dialogue"]
    since = course.relations_since.set_index("id")
    assert sorted(e["id"] for e in spec["edges"]) == sorted(since.index)
    for edge in spec["edges"]:
        row = since.loc[edge["id"]]
        assert edge["kind"]["after"] == f"a-{row['status_after']}"
        details = dict(edge["details"])
        assert details["After September 2021 (the course's summary)"] == row["change"]
        assert edge["columns"]["after"].startswith(details["Status after"].split(" (")[0])
    assert set(AFTER_KINDS) == {
        after_kind(s) for s in ("fighting", "ceasefire", "talks", "no-talks", "split", "mixed", "unknown")
    }
    with pytest.raises(ValueError, match="peace"):
        after_kind("peace")


def test_built_page_has_the_then_and_now_map(site):
    from tracktwo.maps.html import MAP_CLASS

    html = (site / "book" / "part4" / "table1-then-now.html").read_text(encoding="utf-8")
    assert MAP_CLASS in html and "Table 1 then and now: the same relationships after September 2021" in html
