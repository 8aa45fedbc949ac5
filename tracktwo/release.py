"""The course folder a learner downloads from the book, and the release's checksums.

The **course folder** (issue 31, part 4) is a zip a learner can run without the repository or
``make``: the notebooks, the data they read, the ``tracktwo`` package's source, ``requirements.txt``,
``pyproject.toml``, the README, the licences, and a start script per system (``start.py``, with
``start.sh`` and ``start.bat`` calling it) that makes a virtual environment, installs the pinned
requirements and opens JupyterLab on the notebooks. The book builds it (``page_assets.DOWNLOADS``, learner edition only)
and links it from "How to study this course" (the ``{course-folder}`` directive); the release
recipe (docs/releasing.md, ``scripts/release.py``) zips it beside the site and the participant kits
(the public release; the facilitators' kit is packed apart).

It is self-study material, like the learner edition (docs/decisions/0013-confidential-material.md):
the exercise banks keep their self-check keys, which the notebooks' exercises need to mark an
answer, but nothing confidential and no facilitator material is in it: not the workshop files
(``data/workshop/``: simulation briefs and script, marking guides, key sheets' answers, plans), not
the knowledge check a workshop gives before and after (``workshop-check``), not the instructors'
grading notebook and its sample of learners' work. ``tests/test_release.py`` greps the zip for every
confidential string the data marks.

Pure over the files on disk: :func:`bundle_files` lists them, :func:`write_bundle` writes a
reproducible zip (sorted entries, one timestamp: ``SOURCE_DATE_EPOCH`` or 1980-01-01), and
:func:`sha256sums` writes the ``SHA256SUMS`` lines ``sha256sum -c`` reads.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import hashlib
import os
import subprocess
import zipfile
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from . import __version__
from .data.paths import ROOT

#: What goes in, from the repository root: folders (every tracked file under them) and single files.
INCLUDE = (
    "notebooks/",
    "data/",
    "tracktwo/",
    "requirements.txt",
    "pyproject.toml",
    "README.md",
    "LICENSE",
    "LICENSE-CONTENT",
    "CITATION.cff",
    "CHANGELOG.md",
    "scripts/configure_lab.py",
    "tests/nbval_sanitize.cfg",  # the notebooks' check, pytest --nbval notebooks/ (pyproject names it)
)
#: What stays out though it is under an included folder: facilitator and instructor material (see
#: the module's docstring), and files no learner needs (caches, checkpoints, learners' saved files).
EXCLUDE = (
    "data/workshop/*",
    "data/exercises/workshop-check.yaml",
    "notebooks/grading.ipynb",
    "notebooks/grading-sample/*",
    "*/__pycache__/*",
    "*.pyc",
    "*/.ipynb_checkpoints/*",
    "*.saved.json",
    "*/node_modules/*",
)
#: The start scripts and the folder's own first page, kept in the repository here and placed at
#: the folder's top.
START_DIR = ROOT / "scripts" / "start"
START_FILES = ("start.py", "start.sh", "start.bat", "START-HERE.txt")
#: Files a zip marks executable (the shell script).
EXECUTABLE = ("start.sh",)


def bundle_name(version: str = __version__) -> str:
    """The folder's name, and the zip's without ``.zip``: ``tracktwo-course-0.2.0``."""
    return f"tracktwo-course-{version}"


def _tracked(root: Path) -> list[str] | None:
    """The repository's tracked and new (not ignored) files, or None outside a git checkout."""
    try:
        out = subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=root,
            capture_output=True,
            check=True,
            timeout=30,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    return sorted(set(out.decode("utf-8").split("\0")) - {""})


def _walk(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def excluded(rel: str) -> bool:
    """True for a path (relative, POSIX) that stays out of the course folder (pure)."""
    return any(fnmatch.fnmatch(rel, pattern) or fnmatch.fnmatch("/" + rel, pattern) for pattern in EXCLUDE)


def included(rel: str) -> bool:
    """True for a path (relative, POSIX) that goes into the course folder (pure)."""
    wanted = any(rel.startswith(item) if item.endswith("/") else rel == item for item in INCLUDE)
    return wanted and not excluded(rel)


def bundle_files(root: Path | str = ROOT, listed: Iterable[str] | None = None) -> list[tuple[str, Path]]:
    """(name in the zip, file on disk) for every file of the course folder, sorted. ``listed``: the
    repository's files (default: git's list, else every file under ``root``)."""
    root = Path(root)
    names = list(listed) if listed is not None else (_tracked(root) or _walk(root))
    top = PurePosixPath(bundle_name())
    out = [(str(top / rel), root / rel) for rel in sorted(set(names)) if included(rel) and (root / rel).is_file()]
    for name in START_FILES:
        out.append((str(top / name), START_DIR / name))
    missing = [str(path) for _, path in out if not path.is_file()]
    if missing:
        raise FileNotFoundError("the course folder needs these files: " + ", ".join(missing))
    return sorted(out)


def _timestamp(environ=None) -> tuple[int, int, int, int, int, int]:
    environ = os.environ if environ is None else environ
    epoch = str(environ.get("SOURCE_DATE_EPOCH", ""))
    if epoch.isdigit():
        when = dt.datetime.fromtimestamp(max(int(epoch), 315532800), dt.UTC)
        return (when.year, when.month, when.day, when.hour, when.minute, when.second)
    return (1980, 1, 1, 0, 0, 0)


def zip_bytes(entries: Iterable[tuple[str, Path]]) -> bytes:
    """A reproducible zip of ``(name in the zip, file on disk)`` pairs: sorted, one timestamp
    (``SOURCE_DATE_EPOCH`` or 1980-01-01), ``start.sh`` executable."""
    import io

    buffer = io.BytesIO()
    stamp = _timestamp()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, path in sorted(entries):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            mode = 0o755 if PurePosixPath(name).name in EXECUTABLE else 0o644
            info.external_attr = (0o100000 | mode) << 16
            zf.writestr(info, path.read_bytes(), compresslevel=9)
    return buffer.getvalue()


def bundle_bytes(root: Path | str = ROOT, listed: Iterable[str] | None = None) -> bytes:
    """The course folder as a zip (reproducible: the same files give the same bytes)."""
    return zip_bytes(bundle_files(root, listed))


def folder_entries(folder: Path | str, top: str) -> list[tuple[str, Path]]:
    """Every file under ``folder`` as ``(top/relative path, file)`` (a built site or kit, for a
    release zip)."""
    folder = Path(folder)
    return [(f"{top}/{p.relative_to(folder).as_posix()}", p) for p in sorted(folder.rglob("*")) if p.is_file()]


def write_bundle(out_dir: Path | str, root: Path | str = ROOT) -> Path:
    """Write ``<out_dir>/tracktwo-course-<version>.zip`` (left untouched when already the same)."""
    out = Path(out_dir) / f"{bundle_name()}.zip"
    data = bundle_bytes(root)
    out.parent.mkdir(parents=True, exist_ok=True)
    if not out.exists() or out.read_bytes() != data:
        out.write_bytes(data)
    return out


def sha256(path: Path | str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def sha256sums(paths: Iterable[Path | str], out: Path | str) -> str:
    """Write ``SHA256SUMS`` (``<hex>  <file name>`` lines, as ``sha256sum -c`` reads them, in the
    folder of ``out``) for ``paths``; returns its text."""
    text = "".join(f"{sha256(p)}  {Path(p).name}\n" for p in sorted(paths, key=lambda p: Path(p).name))
    Path(out).write_text(text, encoding="utf-8")
    return text
