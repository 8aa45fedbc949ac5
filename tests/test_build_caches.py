"""What makes the inner loop fast never serves a stale result (docs/decisions/0008-test-tiers.md).

* the CSS purge's cache (tracktwo.sphinxext.css_purge): a rebuild reuses a purge only while every word
  it asked the vocabulary about gets the same answer; a page that adds or drops a word the theme's
  selectors name changes the purged stylesheet;
* the shared book build (support.shared_build): reused by the next worker and the next run while the
  inputs' digest is the same; a changed input, a forced fresh build or a failed build is built again.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support import BuildResult, shared_build

from tracktwo.sphinxext import css_purge
from tracktwo.sphinxext.css_purge import MARKER, purge_site, store_for

THEME = ".tt-used{color:red}\n.tt-menu-open{color:blue}\n@media print{.tt-menu-open{display:none}}\n"


def _site(root: Path, page: str) -> Path:
    out = root / "html"
    (out / "_static" / "theme").mkdir(parents=True, exist_ok=True)
    (out / "index.html").write_text(page, encoding="utf-8")
    (out / "_static" / "theme" / "theme.css").write_text(THEME, encoding="utf-8")  # as Sphinx copies it
    return out


def _purged(out: Path) -> str:
    return (out / "_static" / "theme" / "theme.css").read_text(encoding="utf-8")


def test_a_rebuild_reuses_the_purge_only_while_its_answers_hold(tmp_path, monkeypatch):
    out = _site(tmp_path, '<p class="tt-used">one</p>')
    purge_site(out, store_for(out))
    first = _purged(out)
    assert first.startswith(MARKER) and ".tt-used" in first and "tt-menu-open" not in first

    # Same answers (new prose, no new class): the cached purge, without parsing the stylesheet again.
    calls = []
    real = css_purge.purge_css
    monkeypatch.setattr(css_purge, "purge_css", lambda *a, **k: calls.append(1) or real(*a, **k))
    _site(tmp_path, '<p class="tt-used">one, and a new sentence of prose</p>')
    purge_site(out, store_for(out))
    assert calls == [] and _purged(out) == first

    # A page now uses the menu's class: the purge runs again and keeps its rules.
    _site(tmp_path, '<p class="tt-used tt-menu-open">one</p>')
    purge_site(out, store_for(out))
    assert calls and ".tt-menu-open" in _purged(out) and "@media print" in _purged(out)
    parsed = len(calls)  # purge_css calls itself for each @media block

    # And back: the class is gone again, so are its rules (the cache holds one entry per stylesheet).
    _site(tmp_path, '<p class="tt-used">one</p>')
    purge_site(out, store_for(out))
    assert "tt-menu-open" not in _purged(out) and len(calls) > parsed
    assert len(list((store_for(out) / css_purge.CACHE).glob("*.json"))) == 1


def test_a_changed_theme_stylesheet_is_purged_again(tmp_path):
    out = _site(tmp_path, '<p class="tt-used">one</p>')
    purge_site(out, store_for(out))
    (out / "_static" / "theme" / "theme.css").write_text(THEME.replace("color:red", "color:green"), encoding="utf-8")
    purge_site(out, store_for(out))
    assert "color:green" in _purged(out) and "color:red" not in _purged(out)


def test_a_damaged_cache_entry_means_a_fresh_purge(tmp_path):
    out = _site(tmp_path, '<p class="tt-used">one</p>')
    purge_site(out, store_for(out))
    first = _purged(out)
    for entry in (store_for(out) / css_purge.CACHE).glob("*.json"):
        entry.write_text('{"asked": [1, 2', encoding="utf-8")
    _site(tmp_path, '<p class="tt-used">one</p>')
    purge_site(out, store_for(out))
    assert _purged(out) == first


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.delenv("TRACKTWO_FRESH_BUILD", raising=False)
    monkeypatch.delenv("PYTEST_XDIST_TESTRUNUID", raising=False)
    return tmp_path / "out" / "_build"


def _builder(folder: Path, log: list, returncode: int = 0):
    def build() -> BuildResult:
        (folder / "html").mkdir(parents=True, exist_ok=True)
        (folder / "html" / "index.html").write_text(f"build {len(log) + 1}", encoding="utf-8")
        log.append(1)
        return BuildResult(returncode, f"output of build {len(log)}", 1.0)

    return build


def test_the_shared_build_is_made_once_and_reused_while_its_inputs_are_the_same(folder, monkeypatch):
    log: list = []
    stamp, html = folder / "build-stamp.json", folder / "html"
    first, reused = shared_build(stamp, html, _builder(folder, log), "a")
    assert (first.output, reused, log) == ("output of build 1", False, [1])
    again, reused = shared_build(stamp, html, _builder(folder, log), "a")
    assert (again.returncode, again.output, reused, log) == (0, "output of build 1", True, [1])
    # A changed input (here a setting that is part of the digest) means a new clean build.
    _, reused = shared_build(stamp, html, _builder(folder, log), "b")
    assert (reused, log) == (False, [1, 1])
    # A missing site, or TRACKTWO_FRESH_BUILD=1, too.
    (html / "index.html").unlink()
    _, reused = shared_build(stamp, html, _builder(folder, log), "b")
    assert (reused, log) == (False, [1, 1, 1])
    monkeypatch.setenv("TRACKTWO_FRESH_BUILD", "1")
    _, reused = shared_build(stamp, html, _builder(folder, log), "b")
    assert (reused, len(log)) == (False, 4)
    assert json.loads(stamp.read_text(encoding="utf-8"))["output"] == "output of build 4"


def test_a_failed_build_is_shared_within_its_run_only(folder, monkeypatch):
    log: list = []
    stamp, html = folder / "build-stamp.json", folder / "html"
    monkeypatch.setenv("PYTEST_XDIST_TESTRUNUID", "run-1")
    failed, _ = shared_build(stamp, html, _builder(folder, log, returncode=2), "a")
    same_run, reused = shared_build(stamp, html, _builder(folder, log, returncode=2), "a")
    assert failed.returncode == same_run.returncode == 2 and reused and log == [1]  # the other worker sees it
    monkeypatch.setenv("PYTEST_XDIST_TESTRUNUID", "run-2")
    _, reused = shared_build(stamp, html, _builder(folder, log), "a")
    assert not reused and log == [1, 1]  # the next run builds again


def test_the_offline_manifest_reads_again_every_page_that_changed(tmp_path):
    from tracktwo.sphinxext.offline_copy import build_manifest

    out = tmp_path / "html"
    (out / "_static").mkdir(parents=True)
    (out / "_static" / "a.css").write_text("body{background:url(bg.png)}", encoding="utf-8")
    (out / "_static" / "bg.png").write_bytes(b"png")
    (out / "_static" / "new.js").write_text("1", encoding="utf-8")
    (out / "index.html").write_text('<link href="_static/a.css">', encoding="utf-8")
    cache: dict = {}
    first = build_manifest(out, cache=cache)
    assert first["files"] == ["_static/a.css", "_static/bg.png", "index.html"] and cache
    assert build_manifest(out, cache=cache) == first == build_manifest(out)  # the cache changes nothing
    # The page now loads a script: the manifest lists it, and the digest moves.
    (out / "index.html").write_text('<link href="_static/a.css"><script src="_static/new.js"></script>', encoding="utf-8")
    second = build_manifest(out, cache=cache)
    assert second == build_manifest(out) and "_static/new.js" in second["files"] and second["digest"] != first["digest"]
    # The stylesheet drops its image: so does the manifest; the cache keeps only what the site has.
    (out / "_static" / "a.css").write_text("body{color:red}", encoding="utf-8")
    third = build_manifest(out, cache=cache)
    assert "_static/bg.png" not in third["files"] and third == build_manifest(out) and len(cache) == 2


def test_a_file_edited_during_a_run_does_not_rebuild_under_the_other_worker(folder, monkeypatch):
    log: list = []
    stamp, html = folder / "build-stamp.json", folder / "html"
    shared_build(stamp, html, _builder(folder, log), "a")  # an earlier run
    monkeypatch.setenv("PYTEST_XDIST_TESTRUNUID", "run-2")
    _, reused = shared_build(stamp, html, _builder(folder, log), "a")  # worker 1 takes it
    assert reused and log == [1]
    _, reused = shared_build(stamp, html, _builder(folder, log), "edited")  # worker 2, after an edit
    assert reused and log == [1]
    monkeypatch.setenv("PYTEST_XDIST_TESTRUNUID", "run-3")  # the next run sees the edit
    _, reused = shared_build(stamp, html, _builder(folder, log), "edited")
    assert not reused and log == [1, 1]
