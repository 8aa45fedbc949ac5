"""The offline manifest and the service worker written when the book is built."""

from __future__ import annotations

import json

from tracktwo import COURSE_VERSION
from tracktwo.sphinxext.offline_copy import SW_TEMPLATE, build_manifest, offline_files, service_worker


def _site(tmp_path):
    (tmp_path / "_static").mkdir()
    (tmp_path / "sub").mkdir()
    (tmp_path / "index.html").write_text(
        '<link href="_static/a.css?v=1" rel="stylesheet"><script src="_static/b.js"></script>'
        '<a href="sub/page.html#x">p</a><a href="https://example.org/">ext</a>'
    )
    (tmp_path / "sub" / "page.html").write_text('<img src="../_static/pic.png"><a href="../missing.html">gone</a>')
    (tmp_path / "_static" / "a.css").write_text("@font-face{src:url(font.woff2)} .x{background:url('https://e.org/i.png')}")
    (tmp_path / "_static" / "b.js").write_text("1")
    (tmp_path / "_static" / "pic.png").write_bytes(b"png")
    (tmp_path / "_static" / "font.woff2").write_bytes(b"woff")
    (tmp_path / "_static" / "unused.js").write_text("never referenced")
    (tmp_path / "searchindex.js").write_text("Search.setIndex({})")
    return tmp_path


def test_files_are_the_pages_and_what_they_and_their_stylesheets_refer_to(tmp_path):
    files = offline_files(_site(tmp_path))
    assert files == [
        "_static/a.css",
        "_static/b.js",
        "_static/font.woff2",
        "_static/pic.png",
        "index.html",
        "searchindex.js",
        "sub/page.html",
    ]


def test_manifest_digest_changes_with_any_file_and_sw_carries_it(tmp_path):
    site = _site(tmp_path)
    first = build_manifest(site)
    assert first["version"] == COURSE_VERSION and first["bytes"] > 0
    (site / "_static" / "b.js").write_text("2")
    second = build_manifest(site)
    assert second["digest"] != first["digest"]
    sw = service_worker(second, SW_TEMPLATE.read_text())
    assert f'var DIGEST = "{second["digest"]}"' in sw and f'var VERSION = "{COURSE_VERSION}"' in sw
    assert "__TRACKTWO" not in sw
    assert 'var PREFIX = "tracktwo-offline-"' in sw
    # A neutral edition's caches carry its own prefix, so that storage.js (which clears
    # "<prefix>-offline-...") finds them and no cache name says the course's name.
    neutral = service_worker(second, SW_TEMPLATE.read_text(), "cn")
    assert 'var PREFIX = "cn-offline-"' in neutral and "tracktwo-offline" not in neutral


def test_built_book_manifest_lists_every_page_and_no_other_host(site):
    manifest = json.loads((site / "offline-manifest.json").read_text())
    pages = {
        p.relative_to(site).as_posix()
        for p in site.rglob("*.html")
        if not {"_static", "_sources"} & set(p.relative_to(site).parts)
    }
    assert pages <= set(manifest["files"])
    assert {"searchindex.js", "_static/searchtools.js"} <= set(manifest["files"])
    assert all(not f.startswith(("http:", "https:", "//")) and (site / f).is_file() for f in manifest["files"])
    sw = (site / "sw.js").read_text()
    assert manifest["digest"] in sw and "http://" not in sw and "https://" not in sw
