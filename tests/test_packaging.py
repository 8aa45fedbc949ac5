"""What packaging tools read stays in step: pyproject.toml's dependencies and requirements.in (the
same top-level names), the locks (every name pinned, every pin within pyproject's bounds), the conda
environment file, and the lowest Python the README, pyproject, the CLI and the Makefile state."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
import yaml
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name

from tracktwo import cli

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


def top_level(name: str) -> dict[str, Requirement]:
    """The requirements of a .in file by canonical name (comments and blank lines skipped)."""
    out = {}
    for line in (ROOT / name).read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            req = Requirement(line)
            out[canonicalize_name(req.name)] = req
    return out


def declared(requirements: list[str]) -> dict[str, Requirement]:
    return {canonicalize_name(r.name): r for r in map(Requirement, requirements)}


def pins(name: str) -> dict[str, list[tuple[str, Marker | None]]]:
    """A lock's exact pins by canonical name: [(version, marker)] (a name may be pinned per platform)."""
    out: dict[str, list] = {}
    for number, line in enumerate((ROOT / name).read_text().splitlines(), 1):
        if not line.strip() or line.startswith(("#", "-")):
            continue
        req = Requirement(line)
        (spec,) = req.specifier
        assert spec.operator == "==", f"{name}, line {number}: '{line}' is not an exact pin (run make lock)"
        out.setdefault(canonicalize_name(req.name), []).append((spec.version, req.marker))
    return out


@pytest.mark.parametrize(
    "source, listed, where",
    [
        ("requirements.in", PYPROJECT["dependencies"], "[project] dependencies"),
        ("requirements-test.in", PYPROJECT["optional-dependencies"]["test"], "[project.optional-dependencies] test"),
    ],
)
def test_pyproject_names_what_requirements_in_names(source, listed, where):
    wanted, have = set(top_level(source)), set(declared(listed))
    assert wanted == have, (
        f"pyproject.toml's {where} and {source} name different packages: "
        f"only in {source}: {sorted(wanted - have)}; only in pyproject.toml: {sorted(have - wanted)} "
        "(add the same name to both, then run make lock)"
    )


@pytest.mark.parametrize(
    "source, lock, listed",
    [
        ("requirements.in", "requirements.txt", PYPROJECT["dependencies"]),
        ("requirements-test.in", "requirements-test.txt", PYPROJECT["optional-dependencies"]["test"]),
    ],
)
def test_the_lock_pins_every_top_level_package_within_its_bounds(source, lock, listed):
    locked = pins(lock)
    bounds = declared(listed)
    for name, req in top_level(source).items():
        assert name in locked, f"{lock} does not pin {name} ({source} asks for it): run make lock"
        for version, marker in locked[name]:
            for spec, said in ((req.specifier, source), (bounds.get(name, Requirement(name)).specifier, "pyproject.toml")):
                assert version in spec, f"{lock} pins {name}=={version} ({marker or 'everywhere'}), outside {said}'s '{spec}'"


def test_the_locks_agree_and_install_the_course_package():
    learner, test = pins("requirements.txt"), pins("requirements-test.txt")
    for name in set(learner) & set(test):
        assert {v for v, _ in learner[name]} == {v for v, _ in test[name]}, f"the two locks pin {name} differently"
    lines = (ROOT / "requirements.txt").read_text().splitlines()
    assert lines[0].startswith("# Every dependency pinned exactly") and "Binder" in lines[1]
    assert lines[-1] == "-e .", "requirements.txt's last line installs the course package (Binder, repo2docker)"
    assert (ROOT / "requirements-test.txt").read_text().splitlines()[1] == "-r requirements.txt"


def test_lowest_python_is_stated_once_and_honestly():
    low = ".".join(map(str, cli.MIN_PYTHON))
    assert SpecifierSet(PYPROJECT["requires-python"]) == SpecifierSet(f">={low}")
    readme = (ROOT / "README.md").read_text()
    assert f"Python {low} or newer" in readme and "3.11.2" in readme
    # a package pinned per Python (every pin's marker names a Python) has a pin for Debian 12's 3.11.2
    debian = {"python_full_version": "3.11.2", "python_version": "3.11", "sys_platform": "linux", "os_name": "posix"}
    for name, entries in pins("requirements.txt").items():
        markers = [m for _, m in entries]
        if all(m is not None and "python_" in str(m) for m in markers):
            assert any(m.evaluate(debian) for m in markers), f"requirements.txt pins {name} for no Python 3.11.2 (Debian 12)"
    assert "Track Two needs Python 3.11 or newer" in (ROOT / "Makefile").read_text()


def test_conda_environment_installs_the_lock():
    env = yaml.safe_load((ROOT / "conda-environment.yml").read_text())
    assert env["channels"] == ["conda-forge"]
    deps = env["dependencies"]
    python = next(d for d in deps if isinstance(d, str) and d.startswith("python"))
    assert SpecifierSet(python.removeprefix("python")).contains(".".join(map(str, cli.MIN_PYTHON)) + ".0")
    assert "pip" in deps
    (pip,) = [d["pip"] for d in deps if isinstance(d, dict)]
    assert pip == ["-r requirements.txt"], "conda installs the same lock as pip (its last line, the course package)"
    assert not (ROOT / "environment.yml").exists(), "Binder would read environment.yml instead of requirements.txt"
