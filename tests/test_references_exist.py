"""Drift visible to tests: every repository path and ``tracktwo`` module named in a docstring or
comment, the README, CONTRIBUTING, the data README or a decision record exists (a moved file leaves
no stale pointer behind), and every data file is listed in the data README."""

from __future__ import annotations

import ast
import importlib
import io
import re
import tokenize
from pathlib import Path

import yaml

from support import ROOT

#: A repository path: a top-level folder of the repository, then a path.
PATH = re.compile(r"(?<![\w/.-])((?:book|notebooks|data|tracktwo|tests|scripts|assets|docs|\.ci)/[\w./<>*{}-]*[\w*>}])")
#: A dotted name in the package.
MODULE = re.compile(r"(?<![\w/.-])(tracktwo(?:\.[A-Za-z_]\w*)+)")
#: Names a decision record keeps on purpose, because it says they moved: old -> new (the new must exist).
MOVED = {
    "tracktwo.figures.timeline": "tracktwo.timeline.timeline_chart",
}


def documents() -> list[tuple[Path, str]]:
    """(file, the text in it that talks about the repository): whole prose files, and the docstrings and
    comments of the Python files."""
    found = []
    for path in [
        ROOT / "README.md",
        ROOT / "CONTRIBUTING.md",
        ROOT / "data" / "README.md",
        *sorted((ROOT / "docs" / "decisions").glob("*.md")),
    ]:
        found.append((path, path.read_text(encoding="utf-8")))
    for path in sorted([*ROOT.glob("tracktwo/**/*.py"), *ROOT.glob("scripts/**/*.py"), *ROOT.glob("tests/**/*.py")]):
        source = path.read_text(encoding="utf-8")
        parts = [tok.string for tok in tokenize.generate_tokens(io.StringIO(source).readline) if tok.type == tokenize.COMMENT]
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
                parts.append(ast.get_docstring(node, clean=False) or "")
        found.append((path, "\n".join(parts)))
    return found


def redirected() -> set[str]:
    """Old page names that _config.yml redirects (the old address is meant to be gone)."""
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    return set(config.get("sphinx", {}).get("config", {}).get("tracktwo_redirects") or {})


def path_exists(ref: str) -> bool:
    ref = ref.rstrip(".,")
    if re.search(r"[<>*{}]", ref):  # a pattern: its fixed folder must exist
        return (ROOT / re.split(r"[<>*{}]", ref)[0].rsplit("/", 1)[0]).is_dir()
    path = ROOT / ref
    if path.exists() or any(Path(f"{path}{suffix}").exists() for suffix in (".md", ".ipynb", ".py")):
        return True
    if ref.endswith(".html"):  # a built page: its source
        return any((ROOT / (ref[:-5] + suffix)).exists() for suffix in (".md", ".ipynb"))
    # "docs/decisions/0009": a decision record named by its number
    return any(p.name.startswith(path.name + "-") for p in path.parent.glob("*")) if path.parent.is_dir() else False


def module_exists(ref: str) -> bool:
    parts = ref.split(".")
    for i in range(len(parts), 0, -1):
        base = ROOT.joinpath(*parts[:i])
        if base.with_suffix(".py").exists() or (base / "__init__.py").exists():
            obj = importlib.import_module(".".join(parts[:i]))
            for attribute in parts[i:]:
                if not hasattr(obj, attribute):
                    return False
                obj = getattr(obj, attribute)
            return True
    return False


def stale_references() -> list[str]:
    moved_away = redirected()
    stale = []
    for path, text in documents():
        where = path.relative_to(ROOT).as_posix()
        for m in PATH.finditer(text):
            ref = m.group(1)
            if ref.rsplit(".", 1)[0] in moved_away or ref in moved_away:
                continue
            if not path_exists(ref):
                stale.append(f"{where}: path {ref}")
        for m in MODULE.finditer(text):
            ref = m.group(1).rstrip(".")
            if ref in MOVED:
                continue
            if not module_exists(ref):
                stale.append(f"{where}: module {ref}")
    return stale


def test_every_path_and_module_the_docs_and_comments_name_exists():
    stale = stale_references()
    assert not stale, "named but not in the repository (fix the name, or the file moved):\n" + "\n".join(stale)


def test_what_a_moved_name_became_exists_and_the_old_one_is_gone():
    for old, new in MOVED.items():
        assert module_exists(new), new
        assert not module_exists(old), f"{old} exists again: take it out of MOVED"


def test_the_rule_finds_a_stale_name():
    assert not path_exists("tracktwo/sphinxext/exercises.py") and path_exists("tracktwo/sphinxext/exercise_directive.py")
    assert path_exists("docs/decisions/0009") and not path_exists("docs/decisions/0999")
    assert path_exists("book/part2/coup.html") and path_exists("data/exercises/*.yaml")
    assert module_exists("tracktwo.maps.map_widgets.ConflictMap") and not module_exists("tracktwo.maps.widget.ConflictMap")


def test_every_data_file_is_listed_in_the_data_readme():
    readme = (ROOT / "data" / "README.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"`([^`]+)`", readme))
    missing = []
    for path in sorted((ROOT / "data").rglob("*")):
        rel = path.relative_to(ROOT / "data").as_posix()
        if path.is_dir() or path.name == "README.md":
            continue
        patterns = [p for p in listed if any(c in p for c in "*") and Path(rel).match(p)]
        if rel not in listed and not patterns:
            missing.append(rel)
    assert not missing, "data files the data README does not list: " + ", ".join(missing)
