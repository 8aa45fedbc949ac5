"""The package's shape (docs/decisions/0006): unique module names, one-way dependencies, and no
developer tooling in what a learner's notebook or the book imports."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

from support import ROOT

PACKAGE = ROOT / "tracktwo"
MODULES = sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)
#: The package's shape (docs/decisions/0006): the core, feature packages on top of it, and the two
#: outputs that compose features (the book's plugin and the printed kit). scripts/ may import anything.
CORE = {
    "data",
    "figures",
    "citations.py",
    "tables.py",
    "architecture.py",
    "glossary.py",
    "editions.py",
    "confidential.py",
    "brief_quotes.py",
    "release.py",  # the course folder and the release's checksums (issue 31)
    "i18n",  # languages: the Myanmar font and its glyph check (decision 20), the translations
    "__init__.py",
    "cli.py",  # python -m tracktwo: the commands (setup, book, serve, lab, test, kit); standard library only
    "__main__.py",
}
FEATURES = {"exercises", "maps", "design", "timeline", "ripeness"}
OUTPUTS = {"sphinxext", "workshop", "lms", "teaching"}


def _unit(path: Path) -> str:
    """The top-level module or package of the package a file belongs to."""
    return path.relative_to(PACKAGE).parts[0]


def _kind(path: Path) -> str:
    unit = _unit(path)
    return "core" if unit in CORE else "feature" if unit in FEATURES else "output" if unit in OUTPUTS else "unknown"


def _imports(path: Path) -> list[str]:
    """Absolute names of the tracktwo modules (and third-party roots) ``path`` imports."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = ".".join(("tracktwo",) + path.relative_to(PACKAGE).with_suffix("").parts[:-1])
    if path.name == "__init__.py":
        package = ".".join(("tracktwo",) + path.relative_to(PACKAGE).parts[:-1])
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                mod = ".".join(base + ([node.module] if node.module else []))
                names.append(mod)
                if not node.module:
                    names += [f"{mod}.{a.name}" for a in node.names]
            else:
                names.append(node.module or "")
    return names


def _module_path(name: str) -> Path | None:
    rel = Path(*name.split(".")[1:])
    for cand in (PACKAGE / rel.with_suffix(".py"), PACKAGE / rel / "__init__.py"):
        if cand.exists():
            return cand
    return None


def test_no_two_modules_in_the_package_share_a_file_name():
    names = Counter(p.stem for p in MODULES if p.name != "__init__.py")
    packages = {p.parent.name for p in MODULES if p.name == "__init__.py"}
    dupes = {n: c for n, c in names.items() if c > 1}
    assert not dupes, f"module names used twice: {dupes}"
    assert not (set(names) & (packages - {"tracktwo"})), "a module is named like a subpackage"


def _tracktwo_imports(path: Path) -> list[tuple[str, Path]]:
    found = []
    for name in _imports(path):
        if name != "tracktwo" and not name.startswith("tracktwo."):
            continue
        target = _module_path(name) if name != "tracktwo" else PACKAGE / "__init__.py"
        if target is not None and target != path:
            found.append((name, target))
    return found


def test_every_module_has_a_place():
    unplaced = sorted({_unit(p) for p in MODULES if _kind(p) == "unknown"})
    assert not unplaced, f"add these to CORE, FEATURES or OUTPUTS (docs/decisions/0006): {unplaced}"


def test_the_core_imports_nothing_above_it():
    wrong = [
        f"{p.relative_to(ROOT)} imports {name}"
        for p in MODULES
        if _kind(p) == "core"
        for name, target in _tracktwo_imports(p)
        if _kind(target) != "core"
    ]
    assert not wrong, "\n".join(wrong)


def test_features_do_not_import_each_other_or_the_outputs():
    wrong = [
        f"{p.relative_to(ROOT)} ({_unit(p)}) imports {name}"
        for p in MODULES
        if _kind(p) == "feature"
        for name, target in _tracktwo_imports(p)
        if _kind(target) == "output" or (_kind(target) == "feature" and _unit(target) != _unit(p))
    ]
    assert not wrong, "\n".join(wrong)


def test_the_layout_rules_can_fail():
    """The rules see a wrong import: a core module importing a feature, a feature importing another."""
    core = PACKAGE / "citations.py"
    assert _kind(core) == "core" and _kind(PACKAGE / "maps" / "model.py") == "feature"
    assert _kind(PACKAGE / "sphinxext" / "course_figure.py") == "output"
    assert _kind(_module_path("tracktwo.timeline.timeline_chart")) == "feature"


def test_the_package_imports_no_developer_tooling():
    tooling = {"playwright", "axe_playwright_python", "pageweight", "icons", "scripts"}
    found = [f"{p.relative_to(ROOT)}: {n}" for p in MODULES for n in _imports(p) if n.split(".")[0] in tooling]
    assert not found, found
    # and at run time: importing everything a notebook or the book uses pulls in no Playwright
    code = (
        "import sys, importlib, pkgutil, tracktwo\n"
        "for m in pkgutil.walk_packages(tracktwo.__path__, 'tracktwo.'):\n"
        "    importlib.import_module(m.name)\n"
        "bad = sorted(n for n in sys.modules if n.split('.')[0] in ('playwright', 'pageweight', 'icons'))\n"
        "print(bad); sys.exit(1 if bad else 0)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT / "notebooks", capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_data_paths_are_computed_in_one_place():
    offenders = [
        p.relative_to(ROOT).as_posix()
        for p in MODULES
        if p.name != "paths.py"
        and ("parent.parent" in p.read_text(encoding="utf-8") or "parents[" in p.read_text(encoding="utf-8"))
    ]
    assert not offenders, f"compute paths from tracktwo.data.paths instead: {offenders}"


#: An absolute path of somebody's machine: files beside the repository are reached as ../shared/...
MACHINE_PATH = re.compile(r"(?<![\w.])(?:/work/|/home/[a-z_][\w-]*/|/root/|/Users/[\w.-]+/|[A-Za-z]:\\\\Users\\\\)")


def _tracked_text_files() -> list[Path]:
    out = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    files = []
    for name in out.decode().split("\0"):
        path = ROOT / name
        if name and path.is_file() and path.suffix not in {".png", ".svg", ".ico", ".woff2", ".woff", ".pdf", ".zip"}:
            files.append(path)
    return files


def test_no_absolute_path_of_a_machine_in_the_repository():
    """No file names a path on a particular machine (a fresh clone is not in /work/...): the files
    beside the repository are ``../shared/...`` from its root (tests: ``support.SHARED``)."""
    found = []
    for path in _tracked_text_files():
        if path == Path(__file__).resolve():
            continue  # this rule's own examples
        text = path.read_text(encoding="utf-8", errors="replace")
        for n, line in enumerate(text.splitlines(), 1):
            if MACHINE_PATH.search(line):
                found.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()[:100]}")
    assert not found, "absolute paths of a machine:\n" + "\n".join(found)


def test_the_machine_path_rule_catches_what_it_should():
    for line in ("BRIEF = Path('/work/shared/source/brief.txt')", "see /home/ana/notes.md", r"C:\\Users\\ana\\x"):
        assert MACHINE_PATH.search(line), line
    for line in ("../shared/source/brief.txt", "https://example.org/work/x", "tests/work/a.py"):
        assert not MACHINE_PATH.search(line), line


# ------------------------------------------------------------------------------------------------
# Learners' files: one home (tracktwo/data/learner_files.py)
# ------------------------------------------------------------------------------------------------

HOME = PACKAGE / "data" / "learner_files.py"
#: Calls that open, read, write, rename or decode a file, or parse its bytes.
_FILE_CALLS = {
    "open",
    "read_text",
    "read_bytes",
    "write_text",
    "write_bytes",
    "rename",
    "unlink",
    "decode",
    "loads",
    "load",
    "reader",
    "DictReader",
    "fsync",
    "fromstring",
    "XMLParser",
}
#: Course data (not a learner's bytes) read as CSV elsewhere: the data tables and their dictionary.
_COURSE_CSV = {"data/csv_reader.py", "data/dictionary.py"}


def _calls(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            f = node.func
            name = f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else ""
            base = f.value.id if isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name) else ""
            out.append((node.lineno, f"{base}.{name}" if base else name))
    return out


def _learner_facing(path: Path) -> bool:
    """A widget that saves a learner's work (``save_to``) or an importer of a learner's file."""
    text = path.read_text(encoding="utf-8")
    return path != HOME and ("save_to" in text or re.search(r"^def (\w+_)?from_(json|csv|graphml)\(", text, re.M) is not None)


def test_no_module_but_the_one_home_opens_a_learners_file():
    facing = [p for p in MODULES if _learner_facing(p)]
    names = {p.relative_to(PACKAGE).as_posix() for p in facing}
    # every widget that saves work and every importer is found (so the rule cannot pass by finding none)
    assert {
        "maps/map_widgets.py",
        "maps/learner.py",
        "maps/worksheet.py",
        "design/lab_form.py",
        "maps/interchange.py",
    } <= names, names
    offences = []
    for path in facing:
        rel = path.relative_to(PACKAGE).as_posix()
        if "learner_files" not in path.read_text(encoding="utf-8"):
            offences.append(f"{rel} does not use tracktwo.data.learner_files")
        for line, call in _calls(path):
            if call.split(".")[-1] in _FILE_CALLS or call in ("json.loads", "json.load", "csv.reader", "os.replace"):
                offences.append(f"{rel}:{line} calls {call}() itself")
    for path in MODULES:
        if path == HOME:
            continue
        rel = path.relative_to(PACKAGE).as_posix()
        text = path.read_text(encoding="utf-8")
        if re.search(r"^def set_aside\b|['\"]\.set-aside|['\"]\.tmp['\"]", text, re.M):
            offences.append(f"{rel} sets aside or writes a temporary file itself")
        if rel not in _COURSE_CSV and any(c in ("csv.reader", "csv.DictReader") for _, c in _calls(path)):
            offences.append(f"{rel} parses CSV itself")
    assert not offences, "read, check, write and set aside learners' files with tracktwo.data.learner_files:\n" + "\n".join(
        offences
    )


def test_no_private_name_is_imported_from_another_module():
    """A name starting with "_" belongs to its module: another module imports a public name instead."""
    wrong = []
    for path in MODULES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                private = [a.name for a in node.names if a.name.startswith("_") and not a.name.startswith("__")]
                if private:
                    wrong.append(
                        f"{path.relative_to(ROOT)}:{node.lineno}: from {'.' * node.level}{node.module or ''} import {', '.join(private)}"
                    )
    assert not wrong, "private names imported across modules:\n" + "\n".join(wrong)
