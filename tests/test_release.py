"""Releases and the course folder (issue 31, parts 4 and 7; docs/releasing.md).

* The version in one place (``tracktwo.__version__``) and its copies in ``CITATION.cff`` and
  ``.zenodo.json``; the archive metadata's licences against ``LICENSE`` and ``LICENSE-CONTENT``.
* The course folder (``tracktwo/release.py``): what it holds, and never a confidential string, a
  workshop file or the instructors' grading material.
* On the built book: every page's footer carries the promise and the version; the course folder is
  linked from "How to study" and left out of the offline copy.
* Slow tier: the course folder installed in a fresh virtual environment runs a notebook under nbval.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
import tomllib
import zipfile
from pathlib import Path

import pytest
import yaml

from support import ROOT, html_pages
from tracktwo import COURSE_VERSION, __version__, release
from tracktwo.confidential import CONFIDENTIAL_KINDS, found_in_folder, found_in_zip, leaks_in_folder, marked_strings

CFF = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
ZENODO_PATH = ROOT / ".zenodo.json"
#: Zenodo's upload types (its deposit metadata's ``upload_type``).
UPLOAD_TYPES = {
    "publication",
    "poster",
    "presentation",
    "dataset",
    "image",
    "video",
    "software",
    "lesson",
    "physicalobject",
    "other",
}
#: The licences as the three files name them: SPDX id -> the words that file uses.
LICENCE_WORDS = {"MIT": ("LICENSE", "MIT License"), "CC-BY-4.0": ("LICENSE-CONTENT", "Creative Commons Attribution 4.0")}


# --- the version and the archive metadata (fast) ------------------------------------------------------


def test_the_version_lives_in_one_place_and_its_copies_agree():
    assert re.fullmatch(r"\d+\.\d+\.\d+", __version__)
    assert __version__ != COURSE_VERSION  # the saved answers' key is another thing (CHANGELOG.md)
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["project"]["dynamic"] == ["version"]
    assert pyproject["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "tracktwo.__version__"}
    assert CFF["version"] == __version__
    zen = json.loads(ZENODO_PATH.read_text(encoding="utf-8"))
    assert zen["version"] == __version__
    assert str(CFF["date-released"]) == zen["publication_date"]
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert re.search(rf"^## \[{re.escape(__version__)}\] - {zen['publication_date']}$", changelog, re.M)


def test_zenodo_metadata_says_what_citation_cff_and_the_licence_files_say():
    zen = json.loads(ZENODO_PATH.read_text(encoding="utf-8"))
    for key in ("title", "description", "creators", "keywords", "upload_type", "license", "version"):
        assert zen.get(key), key
    assert zen["title"] == CFF["title"]
    assert zen["upload_type"] in UPLOAD_TYPES
    # Only the names and affiliations CITATION.cff gives.
    people = [{k: a[k] for k in ("name", "affiliation") if k in a} for a in CFF["authors"]]
    assert [{k: c[k] for k in ("name", "affiliation") if k in c} for c in zen["creators"]] == people
    assert all(set(c) <= {"name", "affiliation"} for c in zen["creators"])
    assert zen["keywords"] == CFF["keywords"]
    # Licences: .zenodo.json takes one, the text and data's (LICENSE-CONTENT); its notes name both, each with
    # its file. Together they are CITATION.cff's list, and each is the licence its file states.
    assert zen["license"].upper() == "CC-BY-4.0"
    named = set(re.findall(r"\b(MIT|CC-BY-4\.0)\b", zen["notes"]))
    assert named == set(CFF["license"]) == set(LICENCE_WORDS)
    for spdx, (file, words) in LICENCE_WORDS.items():
        assert words in (ROOT / file).read_text(encoding="utf-8"), (spdx, file)
        assert file in zen["notes"], file
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["project"]["license"] == {"text": "MIT"}  # the package is code


def test_the_release_script_refuses_a_version_that_disagrees(tmp_path):
    import release as release_script  # scripts/release.py

    assert release_script.version_problems() == []
    for name in ("CITATION.cff", ".zenodo.json", "CHANGELOG.md"):
        (tmp_path / name).write_bytes((ROOT / name).read_bytes())
    assert release_script.version_problems(tmp_path) == []
    # Planted: each copy one version behind.
    cff = tmp_path / "CITATION.cff"
    cff.write_text(cff.read_text(encoding="utf-8").replace(f'version: "{__version__}"', 'version: "0.0.9"'), encoding="utf-8")
    zen = tmp_path / ".zenodo.json"
    zen.write_text(zen.read_text(encoding="utf-8").replace(f'"version": "{__version__}"', '"version": "0.0.9"'), encoding="utf-8")
    log = tmp_path / "CHANGELOG.md"
    log.write_text(log.read_text(encoding="utf-8").replace(f"## [{__version__}]", "## [0.0.9]"), encoding="utf-8")
    problems = release_script.version_problems(tmp_path)
    assert [p.split(":")[0] for p in problems] == ["CITATION.cff", ".zenodo.json", "CHANGELOG.md"], problems
    assert "field 'version' is '0.0.9'" in problems[0]


# --- the public release and the facilitators' kit (fast; docs/releasing.md, decision 13) -----------------


def _fake_build(root: Path) -> Path:
    """A small build tree shaped as make book and make kit leave it (English and Burmese kits)."""
    files = {"html/index.html": "<p>The book. Version 0.0.1</p>", "html/my/index.html": "<p>Burmese</p>"}
    for kit, suffix in (("kit", ""), ("kit-my", "-my")):
        files |= {
            f"{kit}/index.html": "<p>What is where: key sheets in facilitator/</p>",
            f"{kit}/participant/book/index.html": "<p>The participant edition.</p>",
            f"{kit}/participant/handout-1.pdf": "%PDF-1.4 handout",
            f"{kit}/facilitator/book/index.html": "<p>The instructor edition.</p>",
            f"{kit}/facilitator/key-sheet-1.pdf": "%PDF-1.4 key",
            f"{kit}/track-two-participant{suffix}.zip": "zip",
            f"{kit}/track-two-facilitator{suffix}.zip": "zip",
        }
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root


def test_the_public_release_holds_no_facilitator_file_and_no_confidential_sentence(tmp_path):
    import release as release_script  # scripts/release.py

    build = _fake_build(tmp_path / "_build")
    public, facilitators = release_script.release_sets(build, "0.0.1", course=False)
    assert sorted(public) == ["tracktwo-participant-0.0.1.zip", "tracktwo-participant-my-0.0.1.zip", "tracktwo-site-0.0.1.zip"]
    assert sorted(facilitators) == ["tracktwo-kit-0.0.1.zip", "tracktwo-kit-my-0.0.1.zip"]
    kit_files = {p.resolve() for kit in ("kit", "kit-my") for p in (build / kit).rglob("*") if p.is_file()}
    participant = {p.resolve() for kit in ("kit", "kit-my") for p in (build / kit / "participant").rglob("*") if p.is_file()}
    published = {path.resolve() for entries in public.values() for _, path in entries}
    assert published & kit_files == participant  # from a kit, its participant folder only
    assert not [p for p in published if "facilitator" in p.relative_to(build.resolve()).as_posix()]
    assert {path.resolve() for entries in facilitators.values() for _, path in entries} == kit_files

    out, kept = tmp_path / "release", tmp_path / "release-facilitators"
    written, kept_files, problems = release_script.write_release(public, facilitators, out, kept, build, "0.0.1")
    assert problems == []
    assert sorted(p.name for p in out.iterdir()) == sorted([*public, "SHA256SUMS"])
    assert [line.split()[1] for line in (out / "SHA256SUMS").read_text(encoding="utf-8").splitlines()] == sorted(public)
    assert sorted(p.name for p in kept.iterdir()) == sorted([*facilitators, "README.txt", "SHA256SUMS"])
    assert "Never upload them to a public archive" in (kept / "README.txt").read_text(encoding="utf-8")
    # The published zips, read back: no facilitator entry, and no confidential sentence in any entry.
    for path in written:
        with zipfile.ZipFile(path) as zf:
            assert not [n for n in zf.namelist() if "facilitator" in n or "key-sheet" in n], path.name
        assert found_in_zip(path, marked_strings(CONFIDENTIAL_KINDS)) == []


def test_the_public_release_guard_fails_on_a_facilitator_file_or_a_confidential_sentence(tmp_path):
    """Planted: a key sheet and a role brief in the public set are each found, and nothing is written."""
    import release as release_script

    build = _fake_build(tmp_path / "_build")
    public, facilitators = release_script.release_sets(build, "0.0.1", course=False)
    # 1. A facilitator file listed in a public zip (as the old recipe zipped the whole kit).
    planted = dict(public)
    planted["tracktwo-participant-0.0.1.zip"] = [
        *public["tracktwo-participant-0.0.1.zip"],
        ("x/key-sheet-1.pdf", build / "kit/facilitator/key-sheet-1.pdf"),
    ]
    zips = {name: release.zip_bytes(entries) for name, entries in planted.items()}
    found = release_script.public_problems(planted, zips, build)
    assert len(found) == 1 and "x/key-sheet-1.pdf: a file of the facilitators' kit" in found[0], found
    # 2. A confidential role brief pasted into a participant page.
    brief = next(m for m in marked_strings(CONFIDENTIAL_KINDS) if m.kind == "simulation-brief")
    (build / "kit-my/participant/book/notes.html").write_text(f"<p>{brief.text}</p>", encoding="utf-8")
    public, facilitators = release_script.release_sets(build, "0.0.1", course=False)
    out, kept = tmp_path / "release", tmp_path / "release-facilitators"
    written, kept_files, problems = release_script.write_release(public, facilitators, out, kept, build, "0.0.1")
    assert written == [] and kept_files == [] and not out.exists() and not kept.exists()
    assert len(problems) == 1 and problems[0].startswith(
        "tracktwo-participant-my-0.0.1.zip: tracktwo-participant-my-0.0.1/book/notes.html: simulation-brief"
    )


# --- the course folder (fast) --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    """The course folder, written and unzipped once."""
    out = tmp_path_factory.mktemp("course-folder")
    zip_path = release.write_bundle(out)
    with zipfile.ZipFile(zip_path) as zf:
        zf.extractall(out / "unzipped")
    return out / "unzipped" / release.bundle_name()


def test_the_course_folder_holds_what_a_learner_runs(folder):
    names = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    for need in (
        "start.py",
        "start.sh",
        "start.bat",
        "START-HERE.txt",
        "requirements.txt",
        "pyproject.toml",
        "README.md",
        "LICENSE",
        "LICENSE-CONTENT",
        "CITATION.cff",
        "CHANGELOG.md",
        "scripts/configure_lab.py",
        "tests/nbval_sanitize.cfg",
        "tracktwo/__init__.py",
        "data/datapackage.json",
        "data/exercises/schema.json",
    ):
        assert need in names, need
    learner_notebooks = {p.name for p in (ROOT / "notebooks").glob("*.ipynb")} - {"grading.ipynb"}
    assert {n.split("/")[-1] for n in names if n.startswith("notebooks/")} == learner_notebooks
    assert (folder / "requirements.txt").read_text(encoding="utf-8").rstrip().endswith("-e .")  # installs the package
    with zipfile.ZipFile(release.write_bundle(folder.parent.parent)) as zf:
        modes = {i.filename.split("/", 1)[1]: (i.external_attr >> 16) & 0o777 for i in zf.infolist()}
    assert modes["start.sh"] == 0o755 and modes["start.py"] == 0o644
    assert release.bundle_bytes() == release.bundle_bytes()  # reproducible
    compile((folder / "start.py").read_text(encoding="utf-8"), "start.py", "exec")


def test_the_course_folder_holds_no_workshop_or_confidential_material(folder):
    names = [p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()]
    assert [n for n in names if n.startswith("data/workshop/") or "grading" in n or "workshop-check" in n] == []
    confidential = marked_strings(CONFIDENTIAL_KINDS)
    assert len(confidential) > 50  # role briefs, script, marking guides, key sheets' answers
    assert leaks_in_folder(folder, confidential) == []
    # The workshop's knowledge check is not in it, keys or items (its bank stays with the kit).
    # (Its model answers' source lists hold bibliography keys, which the folder's references share: only
    # pieces of prose count.)
    check_keys = [m for m in marked_strings() if m.file.endswith("workshop-check.yaml")]
    found = [f"{rel}: {m.path}: {piece[:60]}" for rel, m, piece in found_in_folder(folder, check_keys) if " " in piece]
    assert check_keys and found == []


def test_the_confidential_grep_finds_a_planted_brief(folder, tmp_path):
    """The guard can fail: a role brief pasted into a notebook of a copy of the folder is found."""
    import shutil

    copy = tmp_path / "copy"
    shutil.copytree(folder / "notebooks", copy / "notebooks")
    brief = next(m for m in marked_strings(CONFIDENTIAL_KINDS) if m.kind == "simulation-brief")
    (copy / "notebooks" / "notes.md").write_text(brief.text, encoding="utf-8")
    found = leaks_in_folder(copy, marked_strings(CONFIDENTIAL_KINDS))
    assert found and found[0].startswith("notebooks/notes.md: simulation-brief"), found


def test_the_folder_rules_leave_out_workshop_files_even_when_listed():
    listed = ["data/workshop/simulation.yaml", "notebooks/grading.ipynb", "notebooks/grading-sample/gradebook.csv"]
    listed += ["data/exercises/workshop-check.yaml", "notebooks/.ipynb_checkpoints/x.ipynb", "tracktwo/__pycache__/a.pyc"]
    assert [rel for rel in listed if release.included(rel)] == []
    assert release.included("notebooks/ripeness.ipynb") and release.included("data/exercises/part3.yaml")
    assert not release.included("tests/test_release.py") and not release.included("_build/html/index.html")


# --- the built book ----------------------------------------------------------------------------------

PROMISE = "No page of this course makes a request to any other site. Your answers stay in this browser."
_FOOTER = re.compile(r'<div class="extra_footer">\s*<p class="tt-footer">(.*?)</p>', re.S)


def test_every_page_footer_carries_the_promise_and_the_version(site):
    """The promise must stay true: the tests that keep it so are tests/test_build.py
    (test_no_built_page_or_stylesheet_loads_anything_from_another_host and the -W offline guard,
    test_the_offline_guard_fails_a_build_that_loads_a_cdn_script), tests/test_browser.py
    (test_every_page_draws_its_figures_and_stays_on_the_local_server) and tests/test_offline_scanner.py."""
    pages = html_pages(site)
    assert len(pages) > 50
    bad = []
    for page in pages:
        m = _FOOTER.search(page.read_text(encoding="utf-8"))
        if not m or PROMISE not in m.group(1) or f"Version {__version__}" not in m.group(1):
            bad.append(page.relative_to(site).as_posix())
    assert bad == []


def test_the_footer_check_fails_on_a_page_without_the_footer(site, tmp_path):
    """Planted: the same check on a copy of a page whose footer lost the promise finds it."""
    text = (site / "index.html").read_text(encoding="utf-8")
    stripped = text.replace(PROMISE, "")
    assert stripped != text
    m = _FOOTER.search(stripped)
    assert m is not None and PROMISE not in m.group(1)


def test_how_to_study_links_the_course_folder_and_no_page_loads_it(site):
    page = (site / "book" / "how-to-study.html").read_text(encoding="utf-8")
    m = re.search(r'<a class="tt-course-folder-link" href="([^"]+)" download>', page)
    assert m, "no course-folder link on How to study"
    target = (site / "book" / m.group(1)).resolve()
    assert target.is_file() and target.name == f"{release.bundle_name()}.zip"
    assert release.sha256(target) in page  # the checksum shown is the file's
    with zipfile.ZipFile(target) as zf:
        assert f"{release.bundle_name()}/start.py" in zf.namelist()
    manifest = json.loads((site / "offline-manifest.json").read_text(encoding="utf-8"))
    assert not [f for f in manifest["files"] if f.endswith(".zip")]
    loaders = re.compile(r'<(?:script|link|img|iframe)\b[^>]*?(?:src|href)="[^"]*\.zip"')
    assert [p.name for p in html_pages(site) if loaders.search(p.read_text(encoding="utf-8"))] == []


def test_a_neutral_edition_has_no_course_folder(neutral_site):
    assert not list(neutral_site.rglob("*.zip"))
    page = next(p for p in html_pages(neutral_site) if "tt-course-folder" in p.read_text(encoding="utf-8"))
    assert "tt-course-folder-link" not in page.read_text(encoding="utf-8")


# --- slow tier: the course folder installed and run -----------------------------------------------------

#: The notebook the slow test runs: the smallest that exercises the package (ripeness model, exercise
#: widget, citations, the references loader).
NOTEBOOK = "notebooks/ripeness.ipynb"


def _pin(name: str) -> str:
    m = re.search(rf"^{re.escape(name)}==(\S+)$", (ROOT / "requirements-test.txt").read_text(encoding="utf-8"), re.M)
    return f"{name}=={m.group(1)}" if m else name


@pytest.mark.slow
def test_the_course_folder_installs_in_a_fresh_venv_and_runs_a_notebook(folder, tmp_path, record_property):
    """start.py --install-only makes .venv in the unzipped folder and installs requirements.txt there
    (pip reads its usual configuration: PyPI on a fresh CI machine); then nbval runs one notebook
    with that environment's own Python, from the folder's own package."""
    import shutil

    here = tmp_path / release.bundle_name()
    shutil.copytree(folder, here)
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "VIRTUAL_ENV"} and not k.startswith("TRACKTWO_")}
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "start.py", "--install-only"], cwd=here, env=env, capture_output=True, text=True)
    installed = time.perf_counter() - start
    assert proc.returncode == 0, (proc.stdout + proc.stderr)[-4000:]
    python = here / ".venv" / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    where = subprocess.run(
        [python, "-c", "import tracktwo, tracktwo.data.paths as p; print(tracktwo.__version__, p.ROOT)"],
        cwd=here,
        env=env,
        capture_output=True,
        text=True,
    )
    assert where.stdout.split() == [__version__, str(here)], where.stdout + where.stderr
    tools = subprocess.run(
        [python, "-m", "pip", "install", "-q", _pin("pytest"), _pin("nbval")], cwd=here, env=env, capture_output=True, text=True
    )
    assert tools.returncode == 0, tools.stderr[-3000:]
    start = time.perf_counter()
    run = subprocess.run([python, "-m", "pytest", NOTEBOOK], cwd=here, env=env, capture_output=True, text=True)
    ran = time.perf_counter() - start
    # In the run's "timings" section (tests/conftest.py), which xdist does not hide as it hides print.
    record_property(
        "timing", f"course folder: install {installed:.0f} s (start.py --install-only), {NOTEBOOK} under nbval {ran:.0f} s"
    )
    assert run.returncode == 0, run.stdout[-4000:]
    assert re.search(r"\b\d+ passed\b", run.stdout) and " failed" not in run.stdout, run.stdout[-2000:]
