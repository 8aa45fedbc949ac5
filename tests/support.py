"""Helpers the tests share (paths, the book build, page lists, the table of contents).

Test modules import from here, never from each other or from conftest; fixtures live in conftest.py.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import yaml
from pageweight import CHROMIUM_ARGS  # noqa: F401 (one list for the measuring scripts and the tests)

# What a learner does before the page's figures are drawn (figures.js draws a figure when it nears the
# screen after the first interaction): bring each into view in turn. One copy, in pageweight.
from pageweight import BRING_FIGURES_INTO_VIEW  # noqa: E402

from tracktwo.workshop.syllabus import page_source as _page_source

ROOT = Path(__file__).resolve().parent.parent
#: The steering folder laid beside the repository (sessions and CI): the brief's text and fact sheets.
SHARED = ROOT.parent / "shared"
BRIEF_TEXT = SHARED / "source" / "policy-brief-myanmar-track-two-2021.txt"
# TRACKTWO_OUT lets engineers working side by side build into their own folder (default: the repo).
OUT = Path(os.environ.get("TRACKTWO_OUT", ROOT))
BUILD = OUT / "_build"
HTML = BUILD / "html"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def node_or_skip(why: str = "the JavaScript twin's check") -> str:
    """The path of Node (20+), or skip the test saying why; under CI (CI set) a missing Node fails the
    test instead, since .ci/run installs it: a parity check must never pass by being skipped there."""
    import pytest

    node = shutil.which("node")
    if node is None:
        message = f"Node is not installed (needed for {why}; apt-get install nodejs; the book itself does not need it)"
        if os.environ.get("CI"):
            pytest.fail("CI must run the JavaScript checks, but " + message)
        pytest.skip(message)
    return node


class BuildResult:
    def __init__(self, returncode: int, output: str, seconds: float):
        self.returncode = returncode
        self.output = output
        self.seconds = seconds

    @property
    def warnings(self) -> list[str]:
        """Sphinx's warnings and errors ('path:line: WARNING: ...', 'WARNING: ...'), not the log lines of
        a notebook kernel or its Tornado loop while myst-nb runs the notebooks ('ERROR:tornado.general:...',
        Python logging's default format: no space after the level). A notebook that fails to run still
        fails the -W build (returncode), and nbval checks every notebook's outputs."""
        plain = re.sub(r"\x1b\[[0-9;]*m", "", self.output)
        return [line for line in plain.splitlines() if re.search(r"(^|: )(WARNING|ERROR|CRITICAL|SEVERE): ", line)]


def jupyter_book_build(out: Path) -> list[str]:
    """The book's build command, warnings as errors, into ``out`` (``out/_build/html``)."""
    jb = str(Path(sys.executable).parent / "jupyter-book")
    return [jb, "build", str(ROOT), "--builder", "html", "-n", "-W", "--keep-going", "--path-output", str(out)]


def build_book(clean: bool = True) -> BuildResult:
    """Build the book the way `make book` does (-n -W --keep-going), optionally from scratch."""
    if clean:  # everything but the neutral edition's folder, which has a build (and a lock) of its own
        for child in BUILD.iterdir() if BUILD.is_dir() else ():
            if NEUTRAL_DIRNAME not in child.name:
                shutil.rmtree(child, ignore_errors=True) if child.is_dir() else child.unlink(missing_ok=True)
    cmd = jupyter_book_build(OUT)
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    result = BuildResult(proc.returncode, proc.stdout + proc.stderr, seconds)
    BUILD.mkdir(exist_ok=True)
    (BUILD / "build-report.json").write_text(
        json.dumps({"returncode": proc.returncode, "seconds": round(seconds, 1), "warnings": result.warnings}, indent=2)
    )
    return result


def edition_html(edition: str) -> Path:
    """Where the session's instructor edition is built (the layout scripts/build_kit.py uses)."""
    return BUILD / edition / "_build" / "html"


# --- one clean build shared by every test process and by both tiers ----------------------------------

#: Files that are not the book's inputs (tests read the book; they do not make it).
_NOT_INPUTS = ("tests/", "docs/", ".ci/", "_build/", ".venv/", "wheelhouse/")


def input_digest(*settings: str) -> str | None:
    """A digest of every file the book is built from (tracked or new, not ignored; not tests/ or docs/),
    the Python that builds it, the edition settings and ``settings``; None outside a git checkout (then
    nothing is reused). A changed chapter, data file, template, plugin module or pinned requirement
    changes it."""
    import hashlib

    try:
        listed = subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT, capture_output=True, check=True
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    digest = hashlib.sha256()
    digest.update(sys.executable.encode() + b"\0" + sys.version.encode() + b"\0")
    for setting in (*settings, *(f"{k}={os.environ.get(k, '')}" for k in ("TRACKTWO_EDITION", "TRACKTWO_TITLE"))):
        digest.update(setting.encode() + b"\0")
    for rel in sorted(set(listed.decode().split("\0")) - {""}):
        if rel.startswith(_NOT_INPUTS):
            continue
        path = ROOT / rel
        if path.is_file():
            digest.update(rel.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def shared_build(stamp: Path, html: Path, build, *settings: str) -> tuple[BuildResult, bool]:
    """A clean build made once for every pytest-xdist worker, and reused by the next run (`make test-slow`
    after `make test`) while its inputs' digest is the same: (result, reused).

    ``build()`` makes the build from scratch; ``stamp`` (inside its folder) records the inputs' digest,
    the exit status and the whole output; ``html`` is the site it makes. A file lock (fcntl) beside the
    folder orders the workers: the first to ask builds and stamps; the others, and later runs, read the
    stamp. A changed input, a missing site or TRACKTWO_FRESH_BUILD=1 means a new clean build. Only a
    build that exits 0 is reused by a later run; a failed one is shared within its own run only. Within
    a run every worker gets the same build, even if a file is edited while the tests run (the next run
    sees the change)."""
    import fcntl

    stamp.parent.parent.mkdir(parents=True, exist_ok=True)
    run = os.environ.get("PYTEST_XDIST_TESTRUNUID", "")
    lock_path = stamp.parent.parent / f".{stamp.parent.name}.build-lock"
    with open(lock_path, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        digest = input_digest(*settings)
        try:
            old = json.loads(stamp.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            old = {}
        fresh = os.environ.get("TRACKTWO_FRESH_BUILD") == "1"
        there = (html / "index.html").exists()
        if there and run and old.get("run") == run:  # built (or taken) by this run: the same book for every worker
            return BuildResult(old["returncode"], old["output"], old["seconds"]), True
        if there and digest is not None and old.get("digest") == digest and old.get("returncode") == 0 and not fresh:
            if run:  # this run takes the earlier build: a file edited during the run cannot start a rebuild mid-run
                stamp.write_text(json.dumps(dict(old, run=run)), encoding="utf-8")
            return BuildResult(old["returncode"], old["output"], old["seconds"]), True
        result = build()
        stamp.parent.mkdir(parents=True, exist_ok=True)
        stamp.write_text(
            json.dumps(
                {
                    "digest": digest,
                    "run": run,
                    "returncode": result.returncode,
                    "seconds": round(result.seconds, 1),
                    "output": result.output,
                }
            ),
            encoding="utf-8",
        )
        return result, False


def shared_book() -> tuple[BuildResult, bool]:
    """The default edition's clean build into BUILD, shared (see shared_build)."""
    return shared_build(BUILD / "build-stamp.json", HTML, lambda: build_book(clean=True), "book")


#: The neutral edition the tests build (tests/test_neutral_build.py): the participant edition with a
#: title chosen by the facilitator, built as `make kit TITLE="Course notes"` builds it.
NEUTRAL_TITLE = "Course notes"
NEUTRAL_DIRNAME = "neutral-participant"
NEUTRAL_OUT = BUILD / NEUTRAL_DIRNAME


def shared_neutral() -> tuple[BuildResult, bool]:
    """The neutral participant edition's clean build into NEUTRAL_OUT, shared (see shared_build)."""
    return shared_build(
        NEUTRAL_OUT / "build-stamp.json",
        NEUTRAL_OUT / "_build" / "html",
        lambda: build_edition("participant", NEUTRAL_TITLE, NEUTRAL_OUT),
        "neutral",
        NEUTRAL_TITLE,
    )


def build_edition(edition: str, title: str | None, out: Path) -> BuildResult:
    """Build one edition from scratch into ``out`` (``out/_build/html``), as scripts/build_kit.py does."""
    shutil.rmtree(out, ignore_errors=True)
    env = dict(os.environ, TRACKTWO_EDITION=edition, TRACKTWO_TITLE=title or "")
    cmd = jupyter_book_build(out)
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env=env)
    return BuildResult(proc.returncode, proc.stdout + proc.stderr, time.perf_counter() - start)


def is_redirect(path: Path) -> bool:
    """A moved page's redirect stub (tracktwo/sphinxext/redirects.py), not a page of the book."""
    return 'http-equiv="refresh"' in path.read_text(encoding="utf-8", errors="replace")[:600]


def html_pages(site: Path) -> list[Path]:
    """Every page a learner can open (not Sphinx's internal sources, static files or redirect stubs)."""
    return sorted(p for p in site.rglob("*.html") if not {"_static", "_sources", "_images"} & set(p.parts) and not is_redirect(p))


# --- the table of contents and the chapters' shape ---------------------------------------------------


def toc_entries() -> list[dict]:
    """Every page in ``_toc.yml`` in reading order: {"part", "file", "path"} (root page first)."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    entries = [{"part": "", "file": toc["root"]}]
    for part in toc.get("parts", []):
        for chapter in part.get("chapters", []):
            entries.append({"part": part.get("caption", ""), "file": chapter["file"]})
    for entry in entries:
        for suffix in (".md", ".ipynb"):
            path = ROOT / (entry["file"] + suffix)
            if path.exists():
                entry["path"] = path
                break
        else:
            entry["path"] = None
    return entries


#: A chapter file's (front matter or notebook metadata, Markdown text), read as the book reads it: one home.
page_source = _page_source


def page_title(text: str) -> str:
    m = re.search(r"^# (.+)$", text, re.M)
    return m.group(1).strip() if m else ""


def lesson_block(text: str, name: str) -> str | None:
    """The body of the first ```{name} fenced block in ``text``, or None."""
    m = re.search(r"^```\{" + re.escape(name) + r"\}[^\n]*\n(.*?)^```\s*$", text, re.S | re.M)
    return m.group(1) if m else None


def list_items(block: str) -> list[str]:
    """The items of a Markdown bullet list, each with its wrapped continuation lines joined."""
    items: list[str] = []
    for line in block.splitlines():
        stripped = line.strip()
        if stripped.startswith("- "):
            items.append(stripped[2:].strip())
        elif stripped and items and line.startswith(" "):
            items[-1] += " " + stripped
    return items


def chapter_table_rows() -> list[list[str]]:
    """The README's chapter table, computed: part, title, file, minutes, the questions it answers."""
    rows = []
    for entry in toc_entries():
        if entry["path"] is None:
            continue
        meta, text = page_source(entry["path"])
        minutes = ""
        if "reading_minutes" in meta:
            minutes = f"{meta['reading_minutes']} + {meta.get('exercise_minutes', 0)}"
        block = lesson_block(text, "questions") or ""
        questions = " ".join(list_items(block))
        rows.append(
            [entry["part"] or "Welcome", page_title(text), entry["path"].relative_to(ROOT).as_posix(), minutes, questions]
        )
    return rows


def facilitator_notes_are_behind_the_instructor_view(html: str) -> bool:
    """In the default edition facilitator notes exist only inside the instructor view (hidden until
    the facilitator turns it on; docs/decisions/0010-workshop-kit.md); the participant edition has
    none at all (tests/test_workshop*.py)."""
    tags = re.findall(r'<[^>]*class="[^"]*\btt-facilitator\b[^"]*"[^>]*>', html)
    return all("tt-instructor-only" in tag for tag in tags)


def draw_figures(page, timeout: int = 20000) -> None:
    """Move the pointer, bring every figure into view and wait until each is drawn (no-op without figures)."""
    if not page.locator("div.tt-plotly").count():
        return
    page.mouse.move(3, 3)
    page.evaluate(BRING_FIGURES_INTO_VIEW)
    page.wait_for_function(
        "() => Array.from(document.querySelectorAll('div.tt-plotly')).every(d => d.querySelector('svg.main-svg'))",
        timeout=timeout,
    )
