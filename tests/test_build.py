"""The book builds with -n -W --keep-going (any warning fails), offline, and only ships what pages use."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml

from support import ROOT, html_pages
from tracktwo.sphinxext import PLOTLY_JS
from tracktwo.sphinxext.offline_guard import find_remote_resources


def test_book_builds_without_a_single_warning(built_book):
    assert built_book.returncode == 0, built_book.output[-4000:]
    assert built_book.warnings == [], "\n".join(built_book.warnings)
    print(f"clean build: {built_book.seconds:.1f} s")


def _toc_files() -> list[str]:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    files = [toc["root"]]
    for part in toc.get("parts", []):
        for chapter in part.get("chapters", []):
            files.append(chapter["file"])
            files.extend(s["file"] for s in chapter.get("sections", []))
    return files


def test_every_page_in_the_toc_is_built(site):
    missing = [f for f in _toc_files() if not (site / f"{Path(f).with_suffix('')}.html").exists()]
    assert missing == []


def test_no_built_page_or_stylesheet_loads_anything_from_another_host(site):
    offenders = []
    for path in sorted(site.rglob("*")):
        if path.suffix in {".html", ".css"} and "_sources" not in path.parts:
            for kind, url in find_remote_resources(path.read_text(encoding="utf-8", errors="replace")):
                offenders.append(f"{path.relative_to(site)}: {kind} {url}")
    assert offenders == []


def test_plotly_js_is_loaded_exactly_on_the_pages_with_figures(site):
    with_figures = 0
    for page in html_pages(site):
        text = page.read_text(encoding="utf-8")
        has_figure = 'class="tt-plotly"' in text
        loads_plotly = PLOTLY_JS in text
        assert has_figure == loads_plotly, f"{page.relative_to(site)}: figure={has_figure} plotly.js={loads_plotly}"
        with_figures += has_figure
    assert with_figures >= 1, "the book should have at least one plotly figure"
    assert len(list(site.rglob("plotly*.js"))) == 1, "exactly one copy of plotly.js is shipped"


def test_no_page_embeds_widget_state_or_a_widget_manager(site):
    for page in html_pages(site):
        text = page.read_text(encoding="utf-8")
        assert "widget-state+json" not in text, page
        assert "embed-amd" not in text and "require.min.js" not in text, page


@pytest.mark.book  # builds a small book of its own
def test_the_offline_guard_fails_a_build_that_loads_a_cdn_script(tmp_path):
    """The plugin's warning really fails a -W build (so the guard above cannot silently pass)."""
    (tmp_path / "conf.py").write_text(
        textwrap.dedent("""
        extensions = ["myst_parser", "tracktwo.sphinxext"]
        html_js_files = ["https://cdn.example.org/tracker.js"]
    """)
    )
    (tmp_path / "index.md").write_text("# A page\n\nSome text.\n")
    proc = subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "-q", "-b", "html", str(tmp_path), str(tmp_path / "out")],
        capture_output=True,
        text=True,
    )
    assert proc.returncode != 0
    assert re.search(r"script from another host.*cdn\.example\.org/tracker\.js", proc.stderr), proc.stderr


def test_data_page_documents_every_table_of_the_datapackage(site):
    import json

    package = json.loads((ROOT / "data" / "datapackage.json").read_text())
    page = (site / "book" / "data.html").read_text(encoding="utf-8")
    for resource in package["resources"]:
        assert (
            f"<code class=\"docutils literal notranslate\"><span class=\"pre\">{resource['path'].split('/')[-1]}</span></code>"
            in page
        ), resource["path"]
    assert page.count("<table") >= len([r for r in package["resources"] if r["path"].endswith(".csv")])


def test_redirect_pages_point_relatively_at_the_new_page():
    from tracktwo.sphinxext.redirects import redirect_html

    page = redirect_html("notebooks/exercises-demo", "book/practice")
    assert 'content="0; url=../book/practice.html"' in page and 'href="../book/practice.html"' in page
    assert "http" not in page.replace('http-equiv', '')  # relative: works from file:// and any host
    assert 'url=other.html' in redirect_html("old", "other")


def test_every_configured_redirect_lands_on_a_built_page(site):
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    redirects = (config.get("sphinx", {}).get("config", {}) or {}).get("tracktwo_redirects", {}) or {}
    for old, new in redirects.items():
        page = (site / f"{old}.html").read_text(encoding="utf-8")
        target = re.search(r'url=([^"]+)"', page).group(1)
        assert (site / old).parent.joinpath(target).resolve() == (site / f"{new}.html").resolve()
        assert (site / f"{new}.html").exists()


def test_build_warnings_are_sphinx_messages_not_kernel_log_lines():
    from support import BuildResult

    out = (
        "book/x.md:3: WARNING: undefined label: 'nope'\n"
        "ERROR:tornado.general:Uncaught exception in ZMQStream callback\n"
        "WARNING: html_static_path entry 'x' does not exist\n"
        "\x1b[91mbook/y.md: ERROR: Unknown directive type \"nope\".\x1b[39;49;00m\n"
        "[IPKernelApp] WARNING | Kernel is running over TCP without encryption.\n"
    )
    assert BuildResult(0, out, 1.0).warnings == [
        "book/x.md:3: WARNING: undefined label: 'nope'",
        "WARNING: html_static_path entry 'x' does not exist",
        'book/y.md: ERROR: Unknown directive type "nope".',
    ]
