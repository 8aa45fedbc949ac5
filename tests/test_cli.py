"""``python -m tracktwo`` (tracktwo/cli.py): the commands it would run, on Windows and elsewhere,
checked without running them; its one-line messages; and the Makefile calling it (one home)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tracktwo import cli

ROOT = Path(__file__).resolve().parents[1]
OPTS = cli.Options()


def argvs(steps):
    return [s.argv for s in steps]


@pytest.mark.parametrize(
    "kind, python, book",
    [
        ("posix", ".venv/bin/python", ".venv/bin/jupyter-book"),
        ("nt", r".venv\Scripts\python.exe", r".venv\Scripts\jupyter-book.exe"),
    ],
)
def test_venv_paths_per_operating_system(kind, python, book):
    assert cli.venv_python(".venv", kind) == python
    assert cli.venv_script(".venv", "jupyter-book", kind) == book
    steps = cli.plan_book(OPTS, kind)
    assert argvs(steps) == [
        [python, "-m", "tracktwo.editions"],
        [book, "build", ".", "--builder", "html", "-n", "-W", "--keep-going"],
    ]
    assert steps[0].quiet and all(s.env == {"TT_LANG": "en"} for s in steps)


def test_setup_plan_makes_the_venv_installs_the_lock_and_checks_it():
    steps = cli.plan_setup(OPTS, "/usr/bin/python3.11", venv_exists=False, offline=False, kind="posix")
    assert argvs(steps) == [
        ["/usr/bin/python3.11", "-m", "venv", ".venv"],
        [".venv/bin/python", "-m", "pip", "install", "-q", "-r", "requirements-test.txt"],
        [".venv/bin/python", "-m", "pip", "check"],
        [".venv/bin/python", "scripts/configure_lab.py"],
    ]
    assert "into .venv (about a minute the first time)..." in steps[1].note
    # a venv that is there is reused; Windows paths
    steps = cli.plan_setup(OPTS, r"C:\Python312\python.exe", venv_exists=True, offline=False, kind="nt")
    assert steps[0].argv[0] == r".venv\Scripts\python.exe" and steps[-1].argv[1] == r"scripts\configure_lab.py"


@pytest.mark.parametrize("kind, shown", [("posix", "wheelhouse/"), ("nt", "wheelhouse\\")])
def test_setup_plan_offline_reads_only_the_wheelhouse(kind, shown):
    install = cli.plan_setup(OPTS, "python", venv_exists=True, offline=True, kind=kind)[0]
    assert install.argv[4:9] == ["-q", "--no-index", "--find-links", "wheelhouse", "-r"]
    assert install.note.endswith(f"from {shown} with no network...")


def test_book_in_two_languages_and_neutral():
    opts = cli.Options(lang="my", title="Course notes")
    steps = cli.plan_book(opts, "posix")
    assert steps[0].env == {"TT_LANG": "my", "TRACKTWO_TITLE": "Course notes"}
    english, burmese = steps[1:]
    assert english.argv[-2:] == ["--path-output", "_build/neutral"]
    assert english.env["TT_LANG"] == "en" and english.env["TT_LANGS"] == "en,my"
    assert burmese.argv[-2:] == ["--path-output", "_build/lang-my-neutral"]
    assert burmese.env["TT_LANG"] == "my" and burmese.env["TT_LANGS"] == "en,my"
    assert cli.lang_copy(opts, "posix") == ("_build/lang-my-neutral/_build/html", "_build/neutral/_build/html/my")
    assert cli.lang_copy(cli.Options(lang="my"), "nt") == (r"_build\lang-my\_build\html", r"_build\html\my")
    assert cli.lang_copy(OPTS) is None


def test_serve_binds_this_machine_only():
    serve = cli.plan_serve(cli.Options(port=8123, title="Notes"), "nt")[-1]
    assert serve.argv == [
        r".venv\Scripts\python.exe",
        "-m",
        "http.server",
        "8123",
        "--bind",
        "127.0.0.1",
        "--directory",
        r"_build\neutral\_build\html",
    ]
    assert "http://127.0.0.1:8123/" in serve.note


def test_lab_allows_root_only_where_there_is_one():
    assert cli.plan_lab(OPTS, "posix", root_user=True)[0].argv[-1] == "--allow-root"
    assert cli.plan_lab(OPTS, "posix")[0].argv[-1] == "--ServerApp.root_dir=notebooks"
    assert cli.plan_lab(OPTS, "nt", root_user=True)[0].argv[:3] == [r".venv\Scripts\python.exe", "-m", "jupyterlab"]
    assert "--allow-root" not in cli.plan_lab(OPTS, "nt", root_user=True)[0].argv


@pytest.mark.parametrize(
    "tier, jobs, tail",
    [
        ("fast", 2, ["-n", "2", "--dist", "loadscope", "-m", cli.TIERS["fast"][0], "tests"]),
        ("all", 2, ["-n", "2", "--dist", "loadscope", "--no-loadscope-reorder", "-m", "not slow"]),
        ("slow", 0, ["-p", "no:xdist", "-m", "slow", "tests"]),
    ],
)
def test_test_tiers(tier, jobs, tail):
    (step,) = cli.plan_test(cli.Options(jobs=jobs), tier, kind="posix")
    assert step.argv == [".venv/bin/python", "-m", "pytest", *tail]
    assert step.env["PYTHONDONTWRITEBYTECODE"] is None  # removed, as the Makefile's empty value does


def test_test_tier_unknown_is_one_message():
    with pytest.raises(cli.CommandError, match="no tier 'quick' .choose from fast, all, slow."):
        cli.plan_test(OPTS, "quick")


def test_no_venv_uses_this_python_and_its_scripts_folder():
    opts = cli.Options(here=(r"C:\conda\envs\tracktwo\python.exe", r"C:\conda\envs\tracktwo\Scripts"))
    book = cli.plan_book(opts, "nt")[1]
    assert book.argv[0] == r"C:\conda\envs\tracktwo\Scripts\jupyter-book.exe"
    assert cli.plan_kit(opts, "nt")[0].argv == [r"C:\conda\envs\tracktwo\python.exe", r"scripts\build_kit.py"]


def test_python_messages_are_one_line():
    assert cli.python_problem((3, 11, 2), "python3") is None
    old = cli.python_problem((3, 10, 12), "/usr/bin/python3.10")
    assert old.startswith("Track Two needs Python 3.11 or newer as '/usr/bin/python3.10' (it is 3.10.12)")
    gone = cli.python_problem(None, "python3.11")
    assert "(it cannot be run)" in gone
    assert "\n" not in old + gone + cli.VENV_MISSING


def test_setup_refuses_with_one_line(tmp_path, monkeypatch, capsys):
    # another interpreter that cannot be run
    code = cli.main(["--python", str(tmp_path / "no-python"), "--venv", str(tmp_path / "v"), "setup"])
    err = capsys.readouterr().err
    assert code == 1 and err.count("\n") == 1 and "(it cannot be run)" in err
    # no venv module (Debian without python3-venv)
    monkeypatch.setattr(cli, "_has_venv_module", lambda: False)
    code = cli.main(["--venv", str(tmp_path / "v"), "setup"])
    assert code == 1 and capsys.readouterr().err.strip() == cli.VENV_MISSING


def test_the_makefile_stamp_and_the_cli_rerun_set_up_for_the_same_files():
    """Two places say which files make the set-up run again: the Makefile's stamp rule and
    cli.SETUP_INPUTS. They must name the same files, or make and python -m tracktwo disagree."""
    rule = re.search(r"^\$\(STAMP\):(.*)$", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M)
    assert rule and sorted(rule.group(1).split()) == sorted(cli.SETUP_INPUTS)


def test_setup_runs_only_when_the_venv_is_older_than_the_locks(tmp_path):
    for name in cli.SETUP_INPUTS:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    assert cli.needs_setup(tmp_path, "v", "posix")  # no venv
    (tmp_path / "v" / "bin").mkdir(parents=True)
    (tmp_path / "v" / "bin" / "python").write_text("")
    assert cli.needs_setup(tmp_path, "v", "posix")  # no stamp
    stamp = tmp_path / "v" / cli.STAMP
    stamp.write_text("")
    os.utime(tmp_path / "pyproject.toml", (stamp.stat().st_mtime - 10,) * 2)
    for name in ("requirements.txt", "requirements-test.txt"):
        os.utime(tmp_path / name, (stamp.stat().st_mtime - 10,) * 2)
    assert not cli.needs_setup(tmp_path, "v", "posix")
    os.utime(tmp_path / "requirements.txt", (stamp.stat().st_mtime + 10,) * 2)
    assert cli.needs_setup(tmp_path, "v", "posix")


def test_dry_run_prints_the_commands(tmp_path, capsys):
    venv = tmp_path / "v"
    (venv / ("Scripts" if os.name == "nt" else "bin")).mkdir(parents=True)
    Path(cli.venv_python(str(venv))).write_text("")
    (venv / cli.STAMP).write_text("")  # newer than the locks: no set-up
    assert cli.main(["--venv", str(venv), "--dry-run", "test", "fast", "--jobs", "0", "--", "-x"]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert out[-1].endswith(
        "-m pytest -p no:xdist -m 'not book and not browser and not notebook and not lab and not slow' tests -x"
    )


def test_python_m_tracktwo_help():
    done = subprocess.run([sys.executable, "-m", "tracktwo", "--help"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0
    for command in ("setup", "serve", "book", "lab", "test", "kit"):
        assert re.search(rf"^\s+{command}\s", done.stdout, re.M), command


def test_the_makefile_calls_the_cli():
    """One home: make's setup, serve, book, lab, kit and test targets run `python -m tracktwo`, and
    keep their variables (VENV, WHEELHOUSE, PORT, JOBS; TT_LANG and TITLE through the environment)."""
    makefile = (ROOT / "Makefile").read_text()
    recipes = {}
    for m in re.finditer(r"^([\w$().-]+):[^\n=]*\n((?:\t[^\n]*\n)+)", makefile, re.M):
        recipes[m.group(1)] = m.group(2)
    expected = {
        "$(STAMP)": "-m tracktwo --venv $(VENV) --wheelhouse $(WHEELHOUSE) setup",
        "book": "-m tracktwo --venv $(VENV) book",
        "serve": "-m tracktwo --venv $(VENV) serve --port $(PORT)",
        "lab": "-m tracktwo --venv $(VENV) lab",
        "kit": "-m tracktwo --venv $(VENV) kit",
        "test": "-m tracktwo --venv $(VENV) test all --jobs $(JOBS)",
        "test-fast": "-m tracktwo --venv $(VENV) test fast --jobs $(JOBS)",
        "test-slow": "-m tracktwo --venv $(VENV) test slow --jobs $(JOBS)",
    }
    for target, call in expected.items():
        assert call in recipes.get(target, ""), f"make {target} should run python {call}"
        assert "jupyter-book build" not in recipes[target] and "pytest" not in recipes[target]
    assert "export TRACKTWO_TITLE := $(TITLE)" in makefile and "export TT_LANG" in makefile


def test_the_cli_imports_the_standard_library_only():
    """`setup` runs from a bare Python, before the course's dependencies are installed."""
    import ast

    for name in ("cli.py", "__main__.py"):
        tree = ast.parse((ROOT / "tracktwo" / name).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            mods = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom):
                mods = [node.module or ""]
            for mod in mods:
                top = mod.split(".")[0]
                assert top in sys.stdlib_module_names or mod in ("tracktwo.cli", "__future__"), f"{name} imports {mod}"


def test_outside_the_course_folder_is_one_message(tmp_path):
    with pytest.raises(cli.CommandError, match=r"run it in the course folder .*cd there first\.$"):
        cli.course_root(tmp_path)
    assert cli.course_root(ROOT) == ROOT


def test_the_book_skips_every_venv_ci_makes():
    """A second venv in the course folder (CI's .venv-debian) holds thousands of files the book must
    not read as pages (Sphinx would write every package's licence file into the site)."""
    import fnmatch

    import yaml

    patterns = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))["exclude_patterns"]
    venvs = {".venv", cli.Options().venv, *re.findall(r"VENV=(\S+)", (ROOT / ".ci" / "run").read_text())}
    assert ".venv-debian" in venvs
    for venv in venvs:
        assert any(fnmatch.fnmatch(venv, p) for p in patterns), f"_config.yml's exclude_patterns should cover {venv}/"
