"""Shared fixtures: the built book (one clean build per test session), a local server, a browser."""

from __future__ import annotations

import functools
import http.server
import json
import os
import re
import shutil
import socketserver
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# TRACKTWO_OUT lets engineers working side by side build into their own folder (default: the repo).
OUT = Path(os.environ.get("TRACKTWO_OUT", ROOT))
BUILD = OUT / "_build"
HTML = BUILD / "html"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


class BuildResult:
    def __init__(self, returncode: int, output: str, seconds: float):
        self.returncode = returncode
        self.output = output
        self.seconds = seconds

    @property
    def warnings(self) -> list[str]:
        """Sphinx's warnings and errors ('path:line: WARNING: ...'), not a kernel's log lines."""
        plain = re.sub(r"\x1b\[[0-9;]*m", "", self.output)
        return [line for line in plain.splitlines() if re.search(r"(^|: )(WARNING|ERROR|CRITICAL|SEVERE):", line)]


def build_book(clean: bool = True) -> BuildResult:
    """Build the book the way `make book` does (-n -W --keep-going), optionally from scratch."""
    if clean:
        shutil.rmtree(BUILD, ignore_errors=True)
    cmd = [str(Path(sys.executable).parent / "jupyter-book"), "build", str(ROOT), "--builder", "html",
           "-n", "-W", "--keep-going", "--path-output", str(OUT)]
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    result = BuildResult(proc.returncode, proc.stdout + proc.stderr, seconds)
    BUILD.mkdir(exist_ok=True)
    (BUILD / "build-report.json").write_text(json.dumps(
        {"returncode": proc.returncode, "seconds": round(seconds, 1), "warnings": result.warnings}, indent=2))
    return result


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


def html_pages(site: Path) -> list[Path]:
    """Every page a learner can open (not Sphinx's internal sources or static files)."""
    return sorted(p for p in site.rglob("*.html") if not {"_static", "_sources", "_images"} & set(p.parts))


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
