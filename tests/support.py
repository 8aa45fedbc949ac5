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
        """Sphinx's warnings and errors ('path:line: WARNING: ...', 'WARNING: ...'), not the log lines of
        a notebook kernel or its Tornado loop while myst-nb runs the notebooks ('ERROR:tornado.general:...',
        Python logging's default format: no space after the level). A notebook that fails to run still
        fails the -W build (returncode), and nbval checks every notebook's outputs."""
        plain = re.sub(r"\x1b\[[0-9;]*m", "", self.output)
        return [line for line in plain.splitlines() if re.search(r"(^|: )(WARNING|ERROR|CRITICAL|SEVERE): ", line)]


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


def edition_html(edition: str) -> Path:
    """Where the session's instructor edition is built (the layout scripts/build_kit.py uses)."""
    return BUILD / edition / "_build" / "html"


#: The neutral edition the tests build (tests/test_neutral_build.py): the participant edition with a
#: title chosen by the facilitator, built as `make kit TITLE="Course notes"` builds it.
NEUTRAL_TITLE = "Course notes"
NEUTRAL_OUT = BUILD / "neutral-participant"


def build_edition(edition: str, title: str | None, out: Path) -> BuildResult:
    """Build one edition from scratch into ``out`` (``out/_build/html``), as scripts/build_kit.py does."""
    shutil.rmtree(out, ignore_errors=True)
    env = dict(os.environ, TRACKTWO_EDITION=edition, TRACKTWO_TITLE=title or "")
    cmd = [str(Path(sys.executable).parent / "jupyter-book"), "build", str(ROOT), "--builder", "html",
           "-n", "-W", "--keep-going", "--path-output", str(out)]
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env=env)
    return BuildResult(proc.returncode, proc.stdout + proc.stderr, time.perf_counter() - start)


def is_redirect(path: Path) -> bool:
    """A moved page's redirect stub (tracktwo/sphinxext/redirects.py), not a page of the book."""
    return 'http-equiv="refresh"' in path.read_text(encoding="utf-8", errors="replace")[:600]


def html_pages(site: Path) -> list[Path]:
    """Every page a learner can open (not Sphinx's internal sources, static files or redirect stubs)."""
    return sorted(p for p in site.rglob("*.html")
                  if not {"_static", "_sources", "_images"} & set(p.parts) and not is_redirect(p))




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


def page_source(path: Path) -> tuple[dict, str]:
    """(front matter or notebook metadata, the page's Markdown text) of a chapter file."""
    if path.suffix == ".ipynb":
        from tracktwo.sphinxext.notebook_markup import notebook_to_myst

        # Notebooks carry their lessons in a form JupyterLab renders (docs/decisions/0009); read
        # them as the book does, back in MyST.
        nb = notebook_to_myst(json.loads(path.read_text(encoding="utf-8")))
        text = "\n\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
        return dict(nb.get("metadata", {})), text
    text = path.read_text(encoding="utf-8")
    m = re.match(r"---\n(.*?)\n---\n", text, re.S)
    return (yaml.safe_load(m.group(1)) or {} if m else {}), (text[m.end():] if m else text)


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
        rows.append([entry["part"] or "Welcome", page_title(text), entry["path"].relative_to(ROOT).as_posix(),
                     minutes, questions])
    return rows


def facilitator_notes_are_behind_the_instructor_view(html: str) -> bool:
    """In the default edition facilitator notes exist only inside the instructor view (hidden until
    the facilitator turns it on; docs/decisions/0010-workshop-kit.md); the participant edition has
    none at all (tests/test_workshop*.py)."""
    tags = re.findall(r'<[^>]*class="[^"]*\btt-facilitator\b[^"]*"[^>]*>', html)
    return all("tt-instructor-only" in tag for tag in tags)
