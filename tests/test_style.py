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
    assert done.returncode == 0, (
        "ruff check found problems (fix them, or run `ruff check --fix .`):\n" + done.stdout + done.stderr
    )


# --- the environment: jsonschema without its slow optional import (scripts/configure_lab.py) --------


def _schema_files() -> list[Path]:
    out = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard", "*.json"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode()
    return [ROOT / n for n in out.split("\0") if n.endswith(".schema.json") or "/schemas/" in n]


def test_no_course_schema_asks_for_the_formats_the_skipped_module_checks():
    """The environment marks rfc3987_syntax absent; it checks only the iri formats. No schema of the
    course may ask for them, or a check would silently stop."""
    import json

    found = []

    def walk(node, where):
        if isinstance(node, dict):
            if node.get("format") in ("iri", "iri-reference"):
                found.append(where)
            for key, value in node.items():
                walk(value, f"{where}/{key}")
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, f"{where}/{i}")

    schemas = _schema_files()
    assert len(schemas) >= 5, schemas
    for path in schemas:
        walk(json.loads(path.read_text(encoding="utf-8")), path.relative_to(ROOT).as_posix())
    assert not found, f"these ask for a format the environment does not check (scripts/configure_lab.py): {found}"


def test_the_environment_skips_the_slow_optional_import():
    """make setup (scripts/configure_lab.py) writes the .pth: importing jsonschema then costs well under
    a second instead of about two (rfc3987_syntax compiles 38 grammars on import)."""
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import configure_lab
    finally:
        sys.path.pop(0)
    import sysconfig

    pth = Path(sysconfig.get_paths()["purelib"]) / configure_lab.SKIP_PTH
    assert pth.exists(), f"{pth} is missing: run `make setup` (scripts/configure_lab.py writes it)"
    code = "import sys, jsonschema; print(sys.modules.get('rfc3987_syntax', 'absent'))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() in {"None", "absent"}, done.stdout + done.stderr


def _configure_lab():
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import configure_lab
    finally:
        sys.path.pop(0)
    return configure_lab


def _deletes_to_trash(prefix: Path) -> bool:
    """What a Jupyter server reading ``prefix``'s config would do with a deleted file."""
    from jupyter_server.services.contents.filemanager import FileContentsManager
    from traitlets.config.loader import JSONFileConfigLoader

    config = JSONFileConfigLoader("jupyter_server_config.json", path=str(prefix / "etc" / "jupyter")).load_config()
    return FileContentsManager(config=config, root_dir=str(prefix)).delete_to_trash


def test_the_course_lab_deletes_a_deleted_file_instead_of_keeping_it_in_the_trash(tmp_path):
    """scripts/configure_lab.py (make setup, postBuild for repo2docker and Binder, TLJH's step 3)
    writes FileContentsManager.delete_to_trash = false into the environment's server config, so a map a
    learner deletes on a hub does not stay in ~/.local/share/Trash (docs/jupyterhub.md)."""
    from jupyter_core.paths import jupyter_config_path

    configure_lab = _configure_lab()
    configure_lab.main(tmp_path)
    assert _deletes_to_trash(tmp_path) is False
    # The file is where a server of that environment looks (its own etc/jupyter, on jupyter --paths).
    here = configure_lab.server_config_path(Path(sys.prefix)).parent
    assert here in [Path(p) for p in jupyter_config_path()]
    # The image route runs the same script.
    assert "python scripts/configure_lab.py" in (ROOT / "postBuild").read_text(encoding="utf-8")
    # Planted: a config that keeps the trash is seen as such (the check can fail).
    configure_lab.merge_json(configure_lab.server_config_path(tmp_path), {"FileContentsManager": {"delete_to_trash": True}})
    assert _deletes_to_trash(tmp_path) is True


def test_ruff_finds_nothing_to_format():
    done = _run("format", "--check", "--no-cache", ".")
    assert done.returncode == 0, "ruff would reformat these files (run `ruff format .`):\n" + done.stdout + done.stderr
