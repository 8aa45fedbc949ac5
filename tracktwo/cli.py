"""``python -m tracktwo setup|serve|book|lab|test|kit``: the course's commands without make or bash.

The one home for what those commands run: the Makefile calls this module too (``make book`` runs
``python -m tracktwo book``), so Linux, macOS and Windows (PowerShell or cmd) run the same steps.
Standard library only (argparse, subprocess, shutil, pathlib): ``setup`` runs before anything else is
installed, from the Python that will make the environment.

Each command is first *planned* as a list of :class:`Step` (the argument lists it would run, with the
environment variables it sets) by pure functions that take the operating system's kind (``nt`` for
Windows, else ``posix``) as an argument: the unit tests check the plans for both kinds without
running them. ``--dry-run`` prints a plan instead of running it.

Options mirror the Makefile's variables: ``--venv`` (VENV, default ``.venv``), ``--python`` (PYTHON:
the interpreter that makes the venv; default the one running this), ``--lang`` (TT_LANG), ``--title``
(TITLE, exported as TRACKTWO_TITLE), ``--port`` (PORT), ``--jobs`` (JOBS), ``--wheelhouse``
(WHEELHOUSE: while it holds wheels, installs read only from it, with no network).
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import subprocess
import sys
import sysconfig
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath, PureWindowsPath

#: The oldest Python the course installs on (pyproject.toml's requires-python; Debian 12 has 3.11.2).
MIN_PYTHON = (3, 11)

#: What `setup` installs (the test lock includes the learner lock, requirements.txt, whose last line
#: installs the course package).
LOCK = "requirements-test.txt"
#: Files whose change makes `setup` run again (as the Makefile's stamp depends on them).
SETUP_INPUTS = ("requirements.txt", "requirements-test.txt", "pyproject.toml", "scripts/configure_lab.py")
STAMP = ".installed"

#: pip on some machines reports every local mirror folder it skips: not worth a learner's attention.
PIP_NOISE = "is ignored: it is neither a file nor a directory"

#: The test tiers (docs/decisions/0008-test-tiers.md): pytest's marker expression and paths, and
#: whether whole modules keep their order (loadscope without reordering, as `make test` runs them).
TIERS = {
    "fast": ("not book and not browser and not notebook and not lab and not slow", ["tests"], False),
    "all": ("not slow", [], True),
    "slow": ("slow", ["tests"], True),
}

BUILD = "_build"


class CommandError(Exception):
    """A one-line message for the learner (no traceback): what is wrong and what to do."""


@dataclass(frozen=True)
class Step:
    """One command to run (in the course folder): its arguments, the environment variables it sets
    (None removes one), whether its output is shown only when it fails, and a line printed first."""

    argv: list[str]
    env: dict[str, str | None] = field(default_factory=dict)
    quiet: bool = False
    note: str = ""  # printed before the step runs


@dataclass(frozen=True)
class Options:
    venv: str = ".venv"
    lang: str = "en"
    title: str = ""
    port: int = 8000
    jobs: int = 2
    wheelhouse: str = "wheelhouse"
    #: --no-venv: the Python running this and its own scripts folder (conda, or after `pip install .`),
    #: with no venv and no set-up: (interpreter, scripts folder).
    here: tuple[str, str] | None = None


# --- paths (pure: `nt` is the operating system's kind, os.name) ---------------------------------------


def _path(kind: str, *parts: str) -> str:
    return str((PureWindowsPath if kind == "nt" else PurePosixPath)(*parts))


def venv_python(venv: str, kind: str = os.name) -> str:
    """The venv's interpreter: ``Scripts\\python.exe`` on Windows, ``bin/python`` elsewhere."""
    return _path(kind, venv, "Scripts", "python.exe") if kind == "nt" else _path(kind, venv, "bin", "python")


def venv_script(venv: str, name: str, kind: str = os.name) -> str:
    """A console script the venv installed (``Scripts\\jupyter-book.exe`` or ``bin/jupyter-book``)."""
    return _path(kind, venv, "Scripts", name + ".exe") if kind == "nt" else _path(kind, venv, "bin", name)


def _python(opts: Options, kind: str) -> str:
    return opts.here[0] if opts.here else venv_python(opts.venv, kind)


def _script(opts: Options, name: str, kind: str) -> str:
    if opts.here:
        return _path(kind, opts.here[1], name + ".exe" if kind == "nt" else name)
    return venv_script(opts.venv, name, kind)


def html_dir(opts: Options, kind: str = os.name) -> str:
    """Where the book is built: a neutral edition never goes into the default edition's folder."""
    return _path(kind, BUILD, "neutral", BUILD, "html") if opts.title else _path(kind, BUILD, "html")


def edition_env(opts: Options) -> dict[str, str | None]:
    """TT_LANG always (as the Makefile exports it), TRACKTWO_TITLE when a neutral title is chosen."""
    env: dict[str, str | None] = {"TT_LANG": opts.lang}
    if opts.title:
        env["TRACKTWO_TITLE"] = opts.title
    return env


# --- checks ---------------------------------------------------------------------------------------------


def python_problem(version: tuple[int, ...] | None, executable: str) -> str | None:
    """The one-line message when this Python is too old for the course (or cannot be run: None), else None."""
    if version is not None and tuple(version[:2]) >= MIN_PYTHON:
        return None
    want = ".".join(map(str, MIN_PYTHON))
    found = "it cannot be run" if version is None else "it is " + ".".join(map(str, version[:3]))
    return (
        f"Track Two needs Python {want} or newer as '{executable}' ({found}): install it "
        f"(Debian/Ubuntu: apt-get install python3; Windows and macOS: python.org or conda) or run it with "
        f"another Python ('py -3.12 -m tracktwo ...', 'make PYTHON=/path/to/python3.11 ...')."
    )


VENV_MISSING = (
    "Python's venv module is missing: install it (Debian/Ubuntu: apt-get install python3-venv) and run the command again."
)


def wheels_in(folder: Path) -> bool:
    return folder.is_dir() and any(folder.glob("*.whl"))


def needs_setup(root: Path, venv: str, kind: str = os.name) -> bool:
    """True when the venv has no interpreter, or its stamp is older than a lock or pyproject.toml."""
    stamp = root / venv / STAMP
    if not (root / venv_python(venv, kind)).exists() or not stamp.exists():
        return True
    made = stamp.stat().st_mtime
    return any((root / name).exists() and (root / name).stat().st_mtime > made for name in SETUP_INPUTS)


# --- plans (pure) ---------------------------------------------------------------------------------------


def plan_setup(opts: Options, base_python: str, *, venv_exists: bool, offline: bool, kind: str = os.name) -> list[Step]:
    """Make the venv (unless it is there) and install the pinned dependencies into it, from the
    wheelhouse alone when it holds wheels; check them (pip check); quiet JupyterLab's news and update
    checks (scripts/configure_lab.py)."""
    py = venv_python(opts.venv, kind)
    steps = [] if venv_exists else [Step([base_python, "-m", "venv", opts.venv])]
    sep = "\\" if kind == "nt" else "/"
    source = f", from {_path(kind, opts.wheelhouse)}{sep} with no network" if offline else ""
    where = ["--no-index", "--find-links", opts.wheelhouse] if offline else []
    steps.append(
        Step(
            [py, "-m", "pip", "install", "-q", *where, "-r", LOCK],
            note=f"Installing the course's pinned dependencies into {opts.venv} (about a minute the first time){source}...",
        )
    )
    steps.append(Step([py, "-m", "pip", "check"], quiet=True))
    steps.append(Step([py, _path(kind, "scripts", "configure_lab.py")]))
    return steps


def plan_book(opts: Options, kind: str = os.name) -> list[Step]:
    """The book as `make book` builds it: one build in English; with another language, two builds
    (English at the root, the other language beside it) and the second copied under the first."""
    py = _python(opts, kind)
    jb = _script(opts, "jupyter-book", kind)
    env = edition_env(opts)
    build = [jb, "build", ".", "--builder", "html", "-n", "-W", "--keep-going"]
    neutral = ["--path-output", _path(kind, BUILD, "neutral")] if opts.title else []
    steps = [Step([py, "-m", "tracktwo.editions"], env=env, quiet=True)]
    if opts.lang == "en":
        return steps + [Step(build + neutral, env=env)]
    langs = f"en,{opts.lang}"
    second = _path(kind, BUILD, f"lang-{opts.lang}{'-neutral' if opts.title else ''}")
    return steps + [
        Step(build + neutral, env={**env, "TT_LANG": "en", "TT_LANGS": langs}),
        Step(build + ["--path-output", second], env={**env, "TT_LANGS": langs}),
    ]


def lang_copy(opts: Options, kind: str = os.name) -> tuple[str, str] | None:
    """(from, to): the second language's pages go into the English site's folder."""
    if opts.lang == "en":
        return None
    second = _path(kind, BUILD, f"lang-{opts.lang}{'-neutral' if opts.title else ''}", BUILD, "html")
    return second, _path(kind, html_dir(opts, kind), opts.lang)


def plan_serve(opts: Options, kind: str = os.name) -> list[Step]:
    """Build, then serve the built book on this machine only (127.0.0.1)."""
    html = html_dir(opts, kind)
    serve = Step(
        [_python(opts, kind), "-m", "http.server", str(opts.port), "--bind", "127.0.0.1", "--directory", html],
        note=f"\nThe course is at http://127.0.0.1:{opts.port}/  (Ctrl+C to stop)",
    )
    return plan_book(opts, kind) + [serve]


def plan_lab(opts: Options, kind: str = os.name, *, root_user: bool = False) -> list[Step]:
    """JupyterLab on the notebooks, on this machine only (root needs --allow-root, as in a container)."""
    argv = [_python(opts, kind), "-m", "jupyterlab", "--ServerApp.ip=127.0.0.1", "--ServerApp.root_dir=notebooks"]
    if root_user and kind != "nt":
        argv.append("--allow-root")
    return [Step(argv, note="JupyterLab opens on the notebooks; the widgets work there. Ctrl+C to stop.")]


def plan_test(opts: Options, tier: str = "all", extra: list[str] | None = None, kind: str = os.name) -> list[Step]:
    """One tier of the tests on --jobs processes (0: one process, no pytest-xdist), whole modules
    per process; Python may keep compiled files (PYTHONDONTWRITEBYTECODE removed, as in the Makefile)."""
    if tier not in TIERS:
        raise CommandError(f"python -m tracktwo test: no tier '{tier}' (choose from {', '.join(TIERS)})")
    marks, paths, keep_order = TIERS[tier]
    if opts.jobs:
        spread = ["-n", str(opts.jobs), "--dist", "loadscope"] + (["--no-loadscope-reorder"] if keep_order else [])
    else:
        spread = ["-p", "no:xdist"]
    argv = [_python(opts, kind), "-m", "pytest", *spread, "-m", marks, *paths, *(extra or [])]
    return [Step(argv, env={**edition_env(opts), "PYTHONDONTWRITEBYTECODE": None})]


def plan_kit(opts: Options, kind: str = os.name) -> list[Step]:
    """The workshop kit (scripts/build_kit.py; its PDFs need Chromium)."""
    return [Step([_python(opts, kind), _path(kind, "scripts", "build_kit.py")], env=edition_env(opts))]


# --- running --------------------------------------------------------------------------------------------


def show(step: Step, kind: str = os.name) -> str:
    """A step as one line a learner could type (PowerShell/cmd quoting on Windows, sh elsewhere)."""
    line = subprocess.list2cmdline(step.argv) if kind == "nt" else shlex.join(step.argv)
    sets = [f"{k}={v}" for k, v in step.env.items() if v is not None]
    unsets = [f"-{k}" for k, v in step.env.items() if v is None]
    return (f"[{' '.join(sets + unsets)}] " if step.env else "") + line


def course_root(cwd: Path | None = None) -> Path:
    """The course folder, where the commands run: the current folder, if it holds the course."""
    candidate = cwd or Path.cwd()
    if (candidate / "_config.yml").is_file() and (candidate / "tracktwo").is_dir():
        return candidate
    raise CommandError(
        "python -m tracktwo: run it in the course folder (the one with _config.yml and tracktwo/): cd there first."
    )


def run(step: Step, root: Path, *, dry_run: bool = False, pip_filter: bool = False) -> int:
    if step.note:
        print(step.note, flush=True)
    if dry_run:
        print(show(step))
        return 0
    env = dict(os.environ)
    for key, value in step.env.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    if step.quiet or pip_filter:
        done = subprocess.run(
            step.argv, cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, errors="replace"
        )
        kept = [line for line in done.stdout.splitlines() if PIP_NOISE not in line]
        if pip_filter or done.returncode:
            if kept:
                print("\n".join(kept), flush=True)
        return done.returncode
    try:
        return subprocess.run(step.argv, cwd=root, env=env).returncode
    except KeyboardInterrupt:
        return 130
    except FileNotFoundError as exc:
        raise CommandError(
            f"python -m tracktwo: cannot run {step.argv[0]} ({exc.strerror}): run 'python -m tracktwo setup'"
        ) from None


def run_all(steps: list[Step], root: Path, *, dry_run: bool = False) -> None:
    for step in steps:
        code = run(step, root, dry_run=dry_run)
        if code:
            raise SystemExit(code)


def setup(opts: Options, root: Path, base_python: str, *, dry_run: bool = False, force: bool = False) -> None:
    """`make setup`: only when the venv is missing or older than the locks (or --force)."""
    if not force and not needs_setup(root, opts.venv):
        if dry_run:
            print(f"# {opts.venv} is up to date with the locks: nothing to install")
        return
    if base_python == sys.executable:
        problem = python_problem(tuple(sys.version_info), base_python)
        has_venv = _has_venv_module()
    else:
        problem, has_venv = _probe(base_python)
    if problem:
        raise CommandError(problem)
    if not has_venv:
        raise CommandError(VENV_MISSING)
    offline = wheels_in(root / opts.wheelhouse)
    venv_exists = (root / venv_python(opts.venv)).exists()
    for step in plan_setup(opts, base_python, venv_exists=venv_exists, offline=offline):
        code = run(step, root, dry_run=dry_run, pip_filter="install" in step.argv)
        if code and "install" in step.argv and offline:
            raise CommandError(
                f"{opts.wheelhouse}/ lacks a wheel that the pinned requirements need (was it made before they changed?): "
                f"run 'make wheelhouse' with a connection or delete {opts.wheelhouse}/ to install from PyPI."
            )
        if code:
            raise SystemExit(code)
    if not dry_run:
        (root / opts.venv / STAMP).touch()


def _has_venv_module() -> bool:
    import importlib.util

    return all(importlib.util.find_spec(name) is not None for name in ("venv", "ensurepip"))


def _probe(python: str) -> tuple[str | None, bool]:
    """Ask another interpreter (--python) for its version and whether it has venv and ensurepip."""
    code = (
        "import sys, importlib.util as u; "
        "print('.'.join(map(str, sys.version_info[:3])), all(u.find_spec(m) for m in ('venv', 'ensurepip')))"
    )
    try:
        out = subprocess.run([python, "-c", code], capture_output=True, text=True, timeout=60).stdout.split()
    except OSError:
        out = []
    if len(out) != 2:
        return python_problem(None, python), False
    version = tuple(int(p) for p in out[0].split("."))
    return python_problem(version, python), out[1] == "True"


def parser() -> argparse.ArgumentParser:
    env = os.environ
    p = argparse.ArgumentParser(
        prog="python -m tracktwo",
        description="The Track Two course's commands (the same steps as make setup/serve/book/lab/test/kit), "
        "on Linux, macOS and Windows.",
        epilog="Each command sets up the environment first when it is missing or older than the locks.",
    )
    p.add_argument("--venv", default=env.get("VENV", ".venv"), help="the virtual environment's folder (default .venv)")
    p.add_argument("--python", default=sys.executable, help="the Python that makes the venv (default: this one)")
    p.add_argument(
        "--lang", default=env.get("TT_LANG", "en") or "en", help="the edition's language: en (default) or my (Burmese)"
    )
    p.add_argument(
        "--title", default=env.get("TRACKTWO_TITLE", ""), help='a neutral title, e.g. "Course notes" (as make TITLE=...)'
    )
    p.add_argument("--wheelhouse", default="wheelhouse", help="install only from this folder of wheels while it holds any")
    p.add_argument(
        "--no-venv",
        action="store_true",
        help="use the Python running this, as it is (conda, or after pip install .): no venv, no set-up",
    )
    p.add_argument("--dry-run", action="store_true", help="print the commands instead of running them")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", required=True)
    s = sub.add_parser("setup", help="make the venv and install the pinned dependencies (make setup)")
    s.add_argument("--force", action="store_true", help="install even when the venv is up to date")
    sub.add_parser("book", help="build the book into _build/html (make book)")
    s = sub.add_parser("serve", help="build the book and serve it at http://127.0.0.1:8000 (make serve)")
    s.add_argument("--port", type=int, default=int(env.get("PORT", "8000")))
    sub.add_parser("lab", help="JupyterLab on the notebooks (make lab)")
    s = sub.add_parser(
        "test",
        help="run the tests: fast, all (the default, as make test) or slow (make test-slow); after --, pytest's own options",
    )
    s.add_argument("tier", nargs="?", default="all", choices=sorted(TIERS))
    s.add_argument("--jobs", type=int, default=int(env.get("JOBS", "2")), help="test processes (0: one, no xdist)")
    sub.add_parser("kit", help="the offline workshop kit in _build/kit (make kit; its PDFs need Chromium)")
    return p


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    extra = argv[argv.index("--") + 1 :] if "--" in argv else []  # pytest's own options (test)
    args = parser().parse_args(argv[: len(argv) - len(extra) - (1 if "--" in argv else 0)])
    opts = Options(
        venv=args.venv,
        lang=args.lang,
        title=args.title,
        port=getattr(args, "port", 8000),
        jobs=getattr(args, "jobs", 2),
        wheelhouse=args.wheelhouse,
        here=(sys.executable, sysconfig.get_path("scripts")) if args.no_venv else None,
    )
    try:
        root = course_root()
        if args.no_venv and args.command == "setup":
            raise CommandError(
                "python -m tracktwo: --no-venv uses this Python as it is: install with pip or conda instead of setup"
            )
        if not args.no_venv:
            setup(opts, root, args.python, dry_run=args.dry_run, force=getattr(args, "force", False))
        if args.command == "setup":
            return 0
        if args.command in ("book", "serve"):
            run_all(plan_book(opts), root, dry_run=args.dry_run)
            copy = lang_copy(opts)
            if copy:
                _copy_tree(root / copy[0], root / copy[1], dry_run=args.dry_run)
                print(f"The {opts.lang} edition is in {copy[1]} (open {Path(copy[1]) / 'index.html'}).")
            if args.command == "serve":
                run_all(plan_serve(opts)[-1:], root, dry_run=args.dry_run)
        elif args.command == "lab":
            run_all(plan_lab(opts, root_user=hasattr(os, "geteuid") and os.geteuid() == 0), root, dry_run=args.dry_run)
        elif args.command == "test":
            run_all(plan_test(opts, args.tier, extra), root, dry_run=args.dry_run)
        elif args.command == "kit":
            run_all(plan_kit(opts), root, dry_run=args.dry_run)
    except CommandError as exc:
        print(exc, file=sys.stderr)
        return 1
    return 0


def _copy_tree(source: Path, target: Path, *, dry_run: bool) -> None:
    if dry_run:
        print(f"# copy {source} to {target}")
        return
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(source, target)
