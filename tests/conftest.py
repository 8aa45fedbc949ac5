"""Shared fixtures: the course data, the built book (one clean build per session), a server, a browser.

Tests are tiered by cost; the markers are given here from the fixtures a test uses, so no test can
forget its tier:

* ``book``: needs the built book (one clean build, about a minute);
* ``browser``: drives Debian's Chromium against the built book (implies ``book``);
* ``notebook``: a notebook run under nbval (a kernel per notebook);
* ``lab``: drives a real JupyterLab (set by tests/test_lab.py itself);
* ``slow``: the slow tier (see ``_SLOW_MODULES``), run by CI after ``make test``.

The fast (unit) tier is ``pytest -m "not book and not browser and not notebook and not lab and not slow"``
(``make test-fast``). Every tier runs on two processes (pytest-xdist, ``-n 2``; ``make test`` and
``make test-slow`` with ``--dist loadscope``, so each module's costly fixtures (a JupyterLab that runs
every notebook, every page visited, sheets printed) are made once and each notebook's cells run in
order in one kernel). The book is built once for both processes, under a file lock, and reused by
``make test-slow`` while its inputs are unchanged (``support.shared_build``); the first module that
needs it is sent first, so one process builds while the other runs the unit tests
(docs/decisions/0008-test-tiers.md).
"""

from __future__ import annotations

import functools
import http.server
import os
import socketserver
import threading
from pathlib import Path

import pytest
from support import CHROMIUM, CHROMIUM_ARGS, HTML, BuildResult, build_book, shared_book  # noqa: F401


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
    """One clean build for every worker of the run, reused by the next run while its inputs are unchanged."""
    result, _reused = shared_book()
    return result


@pytest.fixture(scope="session")
def site(built_book) -> Path:
    if built_book.returncode != 0 or not (HTML / "index.html").exists():
        pytest.fail("the book did not build; see test_build.py for the build output")
    return HTML


@pytest.fixture(scope="session")
def neutral_site() -> Path:
    """The participant edition with a neutral title (support.NEUTRAL_TITLE), built once per session."""
    from support import NEUTRAL_OUT, shared_neutral

    result, _reused = shared_neutral()
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
        pytest.fail(
            "the instructor edition did not build:\n" + "\n".join(result.warnings[:20] or result.output.splitlines()[-20:])
        )
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
        message = (
            "Chromium not found: the browser tests need Debian's chromium package "
            "(sudo apt-get install chromium); they are skipped on this machine."
        )
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
_SLOW_MODULES = {
    "test_lab.py",
    "test_css_purge.py",
    "test_search.py",
    "test_workshop_pdf.py",
    "test_page_budget.py",
    "test_exercises_sphinx.py",
    # builds the neutral participant edition (a second book build) and prints its sheets
    "test_neutral_build.py",
    # builds the Burmese edition (a second book build) beside the English one
    "test_i18n_book.py",
    # a real JupyterHub, its proxy and three learners' servers (docs/jupyterhub.md)
    "test_jupyterhub.py",
}
#: Single tests that sweep every page of the book and so grow with it: slow tier too. A check of one
#: page of each kind stays in `make test` (e.g. axe on the map, exercise and ripeness pages).
_SLOW_TESTS = {
    "test_accessibility.py::test_axe_finds_no_critical_or_serious_violation_on_any_page",
    # builds three small books, one per edition
    "test_reading_and_review.py::test_the_marking_guide_is_for_the_instructor_edition_only",
    # reads the neutral participant edition (the second book build test_neutral_build.py shares)
    "test_release.py::test_a_neutral_edition_has_no_course_folder",
    # installs the course folder in a fresh virtual environment (pip) and runs a notebook from it
    "test_release.py::test_the_course_folder_installs_in_a_fresh_venv_and_runs_a_notebook",
}
#: Modules whose tests each build a small book of their own with Sphinx (seconds per test).
_BUILDS_ITS_OWN_BOOKS = {"test_exercises_sphinx.py", "test_workshop_pdf.py"}
#: Single tests that build small books of their own.
_BUILDS_ITS_OWN_BOOKS_TESTS = {"test_reading_and_review.py::test_the_marking_guide_is_for_the_instructor_edition_only"}


def pytest_collection_modifyitems(config, items):
    """Mark every test with its cost tier, from the fixtures it uses (see the module docstring)."""
    for item in items:
        names = set(getattr(item, "fixturenames", ()))
        if "browser" in names:
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.book)
        elif (
            names & _BOOK_FIXTURES
            or item.path.name in _BUILDS_ITS_OWN_BOOKS
            or f"{item.path.name}::{item.name}" in _BUILDS_ITS_OWN_BOOKS_TESTS
        ):
            item.add_marker(pytest.mark.book)
        if item.path.name in _SLOW_MODULES or f"{item.path.name}::{item.name}" in _SLOW_TESTS:
            item.add_marker(pytest.mark.slow)
        if item.nodeid.endswith(".ipynb") or ".ipynb::" in item.nodeid:
            item.add_marker(pytest.mark.notebook)
    # The first test that needs the shared build runs first, then everything that needs no book, then
    # the rest (order kept within each group): under pytest-xdist one worker builds the book while the
    # other runs the unit tests, instead of both waiting on the build.
    needs = [i for i, item in enumerate(items) if {"built_book", "site", "server"} & set(getattr(item, "fixturenames", ()))]
    if needs:
        first = items[needs[0]]
        rest = [item for item in items if item is not first]
        items[:] = (
            [first] + [i for i in rest if not i.get_closest_marker("book")] + [i for i in rest if i.get_closest_marker("book")]
        )


#: Timings that tests record (``record_property("timing", "...")``), printed at the end of the run: a
#: test's own prints are not shown when it passes, nor from pytest-xdist's workers.
_TIMINGS: list[str] = []


def pytest_runtest_logreport(report):
    if report.when == "call":
        _TIMINGS.extend(f"{report.nodeid}: {value}" for name, value in report.user_properties if name == "timing")


def pytest_terminal_summary(terminalreporter):
    if _TIMINGS:
        terminalreporter.section("timings")
        for line in _TIMINGS:
            terminalreporter.write_line(line)
