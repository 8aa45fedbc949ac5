"""The neutral edition's pure parts (tracktwo.sphinxext.neutral, the kit's and the sheets' neutral
names): renaming a built site and rewriting every reference, on a small fake site. Fast tier: no
book build, no browser. The built neutral edition is checked in tests/test_neutral_build.py."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest

from tracktwo.editions import MARKED
from tracktwo.sphinxext.neutral import (
    NeutralError,
    marked_paths,
    neutral_segment,
    neutralise_site,
    rename_plan,
    rewrite_reference,
    rewrite_text,
)
from tracktwo.workshop.kit import KitError, PrintedSheet, pack_kit, zip_names
from tracktwo.workshop.sheets import all_sheets, neutral_sheets

BODY = "<p>Under the junta, dialogue was rare; see \u201cpeace/dialogue\u201d and 'the junta'.</p>"


def test_a_segment_loses_every_marked_word_and_keeps_the_rest():
    assert neutral_segment("junta.html") == "j.html"
    assert neutral_segment("design-a-dialogue.ipynb") == "design-a-d.ipynb"
    assert neutral_segment("plotly-tracktwo.min.js") == "plotly-cn.min.js"
    assert neutral_segment("Track_Two-Myanmar-Burma-peace") == "cn-m-b-p"
    assert neutral_segment("usdp.html") == "usdp.html"
    assert not MARKED.search(neutral_segment("track-two-peace-dialogue-myanmar-junta.md.txt"))


def test_references_are_rewritten_only_where_they_name_a_renamed_file():
    names = {"junta.html", "junta", "tracktwo"}
    assert rewrite_reference("../part2/junta.html#the-junta-years", names) == "../part2/j.html#the-junta-years"
    assert rewrite_reference("_static/tracktwo/course.css?v=1", names) == "_static/cn/course.css?v=1"
    assert rewrite_reference("book/part2/junta", names) == "book/part2/j"
    # Not a path (no slash, no suffix), or a segment that names no renamed file: left alone.
    assert rewrite_reference("junta", names) == "junta"
    assert rewrite_reference("tracktwo:instructor-view", names) == "tracktwo:instructor-view"
    assert rewrite_reference("part2-junta/item", names) == "part2-junta/item"


def test_rewrite_text_leaves_body_text_alone():
    names = {"junta.html", "junta", "tracktwo"}
    page = (
        f'<link href="../../_static/tracktwo/course.css" rel="stylesheet"><a href="junta.html#x">'
        f"junta.html</a>{BODY}<style>a{{background:url(../_static/tracktwo/i.svg)}}</style>"
        '<meta http-equiv="refresh" content="0; url=part2/junta.html">'
    )
    out = rewrite_text(page, names)
    assert 'href="../../_static/cn/course.css"' in out and 'href="j.html#x"' in out
    assert "url(../_static/cn/i.svg)" in out and "url=part2/j.html" in out
    assert BODY in out and ">junta.html</a>" in out


def _fake_site(root: Path) -> Path:
    (root / "book" / "part2").mkdir(parents=True)
    (root / "_static" / "tracktwo").mkdir(parents=True)
    (root / "_sources" / "book" / "part2").mkdir(parents=True)
    (root / "_static" / "tracktwo" / "course.css").write_text("body{background:url(bg.svg)}")
    (root / "_static" / "tracktwo" / "bg.svg").write_text("<svg/>")
    (root / "_static" / "tracktwo" / "loader.js").write_text('var u = "tracktwo/figures.js"; var k = "tracktwo:x";')
    (root / "_static" / "tracktwo" / "figures.js").write_text("")
    (root / "_sources" / "book" / "part2" / "junta.md.txt").write_text("# Under the junta")
    (root / "book" / "part2" / "junta.html").write_text(
        f'<link href="../../_static/tracktwo/course.css"><a href="usdp.html">next</a>{BODY}'
    )
    (root / "book" / "part2" / "usdp.html").write_text(
        '<a href="junta.html">back</a><a href="../../_sources/book/part2/junta.md.txt">source</a>'
        '<script src="../../_static/tracktwo/loader.js"></script>'
    )
    (root / "index.html").write_text('<a href="book/part2/junta.html">1</a>')
    (root / "searchindex.js").write_text(
        'Search.setIndex({"docnames":["book/part2/junta","book/part2/usdp","index"],'
        '"filenames":["book/part2/junta.md"],"terms":{"junta":[0]},'
        '"titles":["Under the junta"]})'
    )
    (root / "offline-manifest.json").write_text(json.dumps({"files": ["book/part2/junta.html", "_static/tracktwo/course.css"]}))
    return root


def _local_links(root: Path) -> list[str]:
    broken = []
    for page in root.rglob("*.html"):
        for ref in re.findall(r'(?:href|src)="([^"#]+)', page.read_text()):
            if not (page.parent / ref).exists():
                broken.append(f"{page.relative_to(root)} -> {ref}")
    return broken


def test_neutralise_site_renames_every_marked_path_and_keeps_every_link(tmp_path):
    site = _fake_site(tmp_path / "site")
    assert _local_links(site) == []
    plan = neutralise_site(site)
    assert plan == {
        "_sources/book/part2/junta.md.txt": "_sources/book/part2/j.md.txt",
        "_static/tracktwo": "_static/cn",
        "book/part2/junta.html": "book/part2/j.html",
    }
    assert marked_paths(site) == []
    assert _local_links(site) == []
    assert BODY in (site / "book" / "part2" / "j.html").read_text()
    assert (site / "_sources" / "book" / "part2" / "j.md.txt").read_text() == "# Under the junta"
    index = (site / "searchindex.js").read_text()
    assert '"docnames":["book/part2/j","book/part2/usdp","index"]' in index
    assert '"terms":{"junta":[0]}' in index and '"titles":["Under the junta"]' in index
    assert json.loads((site / "offline-manifest.json").read_text())["files"] == ["book/part2/j.html", "_static/cn/course.css"]
    assert (site / "_static" / "cn" / "loader.js").read_text() == 'var u = "cn/figures.js"; var k = "tracktwo:x";'


def test_a_rename_that_would_overwrite_a_file_is_refused(tmp_path):
    site = _fake_site(tmp_path / "site")
    (site / "book" / "part2" / "j.html").write_text("another page")
    with pytest.raises(NeutralError, match="j.html already exists"):
        rename_plan(site)


def test_neutral_sheets_say_only_the_title_in_title_footer_and_file_name():
    sheets = neutral_sheets(all_sheets(), "Course notes")
    for n, s in enumerate(sheets, 1):
        assert s.title == f"Course notes, sheet {n}"
        page = s.html()
        head = page.split("<main>")[0]
        foot = page.split("</main>")[1]
        assert not MARKED.search(head + foot + s.filename), s.id
    # The default sheets are as before.
    levels = all_sheets()[0]
    assert "<title>Levels of dialogue</title>" in levels.html()
    assert "Track Two course · Levels of dialogue" in levels.html()


def _fake_book(root: Path, name: str = "index.html") -> Path:
    root.mkdir(parents=True)
    (root / "index.html").write_text("<html><body>a page</body></html>")
    (root / name).write_text("<html><body>another</body></html>")
    return root


def _sheets(tmp_path: Path) -> list[PrintedSheet]:
    out = []
    for sid, audience in (("levels", "participant"), ("key-knowledge-check", "facilitator")):
        pdf = tmp_path / f"{sid}.pdf"
        pdf.write_bytes(b"%PDF-1.4 fake")
        out.append(PrintedSheet(sid, "Course notes, sheet 1", audience, "handout", pdf, 1))
    return out


def test_a_neutral_kit_names_its_zips_after_the_title(tmp_path):
    assert zip_names("Course notes") == {
        "participant": "course-notes-participant.zip",
        "facilitator": "course-notes-facilitator.zip",
    }
    assert zip_names(None)["participant"] == "track-two-participant.zip"
    result = pack_kit(
        _fake_book(tmp_path / "p"), _fake_book(tmp_path / "i"), _sheets(tmp_path), tmp_path / "kit", title="Course notes"
    )
    assert result["participant_zip"].name == "course-notes-participant.zip"
    index = result["index"].read_text()
    assert "<title>Course notes: kit</title>" in index and not MARKED.search(index.split("<body>")[0])
    with zipfile.ZipFile(result["facilitator_zip"]) as z:
        assert not [n for n in z.namelist() if MARKED.search(n)]


def test_a_neutral_kit_refuses_an_edition_with_a_marked_file_name(tmp_path):
    book = _fake_book(tmp_path / "p", "junta.html")
    with pytest.raises(KitError, match="participant/book/junta.html"):
        pack_kit(book, _fake_book(tmp_path / "i"), _sheets(tmp_path), tmp_path / "kit", title="Course notes")
