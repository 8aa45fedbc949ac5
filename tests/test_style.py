"""ruff, lint and format, in the fast tier: the rules are in pyproject.toml ([tool.ruff]).

The linter catches the defects that reach learners as tracebacks (an undefined name, a repeated key
in a literal, a loop variable that shadows the one wanted); the formatter keeps diffs about what
changed. Both run on the whole repository less the map bundles' JavaScript sources.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _ruff() -> list[str]:
    here = Path(sys.executable).with_name("ruff")
    if here.exists():
        return [str(here)]
    found = shutil.which("ruff")
    if found:
        return [found]
    pytest.fail("ruff is not installed: it is pinned in requirements-test.txt (make setup installs it)")


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*_ruff(), *args], cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_ruff_finds_nothing_to_lint():
    done = _run("check", "--output-format", "concise", "--no-cache", ".")
    assert done.returncode == 0, "ruff check found problems (fix them, or run `ruff check --fix .`):\n" + done.stdout + done.stderr
