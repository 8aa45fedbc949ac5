"""Shared fixtures: the course data, the built book (one clean build per session), a server, a browser.

Tests are tiered by cost; the markers are given here from the fixtures a test uses, so no test can
forget its tier:

* ``book``: needs the built book (one clean build, about a minute);
* ``browser``: drives Debian's Chromium against the built book (implies ``book``);
* ``notebook``: a notebook run under nbval (a kernel per notebook);
* ``slow``: the slow tier (see ``_SLOW_MODULES``), run by CI after ``make test``.

The fast tier is ``pytest -m "not book and not browser and not notebook"`` (``make test-fast``).
"""

from __future__ import annotations

import functools
import http.server
import os
import socketserver
import threading
from pathlib import Path

import pytest
from support import CHROMIUM, CHROMIUM_ARGS, HTML, BuildResult, build_book  # noqa: F401



@pytest.fixture(scope="session")
def course():
    """The validated course data (tracktwo.data.load_all), loaded once per session."""
    from tracktwo.data import load_all

    return load_all()


@pytest.fixture(scope="session")
def citations(course):
    """Bibliography key -> short author-year citation."""
    from tracktwo.citations import short_citations

    return short_citations(course.references)


@pytest.fixture(scope="session")
def built_book() -> BuildResult:
    return build_book(clean=True)


@pytest.fixture(scope="session")
def site(built_book) -> Path:
    if built_book.returncode != 0 or not (HTML / "index.html").exists():
        pytest.fail("the book did not build; see test_build.py for the build output")
    return HTML


@pytest.fixture(scope="session")
def neutral_site() -> Path:
    """The participant edition with a neutral title (support.NEUTRAL_TITLE), built once per session."""
    from support import NEUTRAL_OUT, NEUTRAL_TITLE, build_edition

    result = build_edition("participant", NEUTRAL_TITLE, NEUTRAL_OUT)
    html = NEUTRAL_OUT / "_build" / "html"
    if result.returncode != 0 or not (html / "index.html").exists():
        pytest.fail("the neutral edition did not build:\n" + "\n".join(result.warnings[:20] or result.output.splitlines()[-30:]))
    return html


@pytest.fixture(scope="session")
def edition_sites(site, neutral_site) -> dict[str, Path]:
    """The three editions' HTML folders, built once per session and shared: the learner edition is
    the session's book (``site``); the participant edition is the one a facilitator packs, with a
    neutral title (``neutral_site``); the instructor edition is built beside them."""
    from support import build_edition, edition_html

    result = build_edition("instructor", None, edition_html("instructor").parent.parent)
    if result.returncode != 0 or not (edition_html("instructor") / "index.html").exists():
        pytest.fail("the instructor edition did not build:\n" + "\n".join(result.warnings[:20] or result.output.splitlines()[-20:]))
    return {"learner": site, "participant": neutral_site, "instructor": edition_html("instructor")}


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output readable
        pass


@pytest.fixture(scope="session")
def server(site):
    handler = functools.partial(_QuietHandler, directory=str(site))
    httpd = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        message = ("Chromium not found: the browser tests need Debian's chromium package "
                   "(sudo apt-get install chromium); they are skipped on this machine.")
        if os.environ.get("CI"):
            pytest.fail("CI must run the browser tests, but " + message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


_BOOK_FIXTURES = {"built_book", "site", "server", "neutral_site", "edition_sites"}
#: The slow tier: still run by CI (.ci/run runs `make test` then `make test-slow`), kept out of
#: `make test` so that it stays near six minutes on two cores (docs/decisions/0008-test-tiers.md):
#: a real JupyterLab driven through every notebook, the theme-CSS purge compared style by style,
#: search opened on every page, every workshop sheet printed to PDF, and every page's weight
#: measured against its budget.
_SLOW_MODULES = {"test_lab.py", "test_css_purge.py", "test_search.py", "test_workshop_pdf.py",
                 "test_page_budget.py", "test_exercises_sphinx.py",
                 # builds the neutral participant edition (a second book build) and prints its sheets
                 "test_neutral_build.py"}
#: Single tests that sweep every page of the book and so grow with it: slow tier too. A check of one
#: page of each kind stays in `make test` (e.g. axe on the map, exercise and ripeness pages).
_SLOW_TESTS = {"test_accessibility.py::test_axe_finds_no_critical_or_serious_violation_on_any_page",
               # builds three small books, one per edition
               "test_reading_and_review.py::test_the_marking_guide_is_for_the_instructor_edition_only"}
#: Modules whose tests each build a small book of their own with Sphinx (seconds per test).
_BUILDS_ITS_OWN_BOOKS = {"test_exercises_sphinx.py", "test_workshop_pdf.py"}


def pytest_collection_modifyitems(config, items):
    """Mark every test with its cost tier, from the fixtures it uses (see the module docstring)."""
    for item in items:
        names = set(getattr(item, "fixturenames", ()))
        if "browser" in names:
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.book)
        elif names & _BOOK_FIXTURES or item.path.name in _BUILDS_ITS_OWN_BOOKS:
            item.add_marker(pytest.mark.book)
        if item.path.name in _SLOW_MODULES or f"{item.path.name}::{item.name}" in _SLOW_TESTS:
            item.add_marker(pytest.mark.slow)
        if item.nodeid.endswith(".ipynb") or ".ipynb::" in item.nodeid:
            item.add_marker(pytest.mark.notebook)
