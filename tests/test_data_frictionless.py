"""The second, independent validator: frictionless checks data/datapackage.json on its own."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from tracktwo.data import DEFAULT_DATA_DIR

frictionless = pytest.importorskip("frictionless")


def _errors(report) -> list[str]:
    return [err.message for task in report.tasks for err in task.errors] + [err.message for err in report.errors]


def test_frictionless_validates_the_data_package():
    report = frictionless.validate(str(DEFAULT_DATA_DIR / "datapackage.json"))
    assert report.valid, _errors(report)
    assert {task.name for task in report.tasks} == {
        "periods",
        "events",
        "actors",
        "relations",
        "relations_since",
        "institutions",
        "glossary",
        "references",
    }


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DEFAULT_DATA_DIR, target)
    return target


def _set(path: Path, row_id: str, field: str, value: str) -> None:
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    header = rows[0]
    row = next(r for r in rows[1:] if r[0] == row_id)
    row[header.index(field)] = value
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)


@pytest.mark.parametrize(
    "table,row_id,field,value,expected",
    [
        ("events", "nca-signed", "category", "treaty", "constraint"),
        ("events", "nca-signed", "start", "15 October 2015", "constraint"),
        ("events", "nca-signed", "period", "nld-era", "foreign key"),
        ("events", "nca-signed", "tracks", "1;4", "constraint"),
        ("relations", "sac-uwsa", "actor_a", "nobody", "foreign key"),
        ("relations", "sac-uwsa", "table_row", "22", "constraint"),
        ("glossary", "ripeness", "in_brief_acronym_list", "maybe", "type"),
    ],
)
def test_frictionless_fails_on_a_corrupted_copy(data_dir, table, row_id, field, value, expected):
    _set(data_dir / f"{table}.csv", row_id, field, value)
    report = frictionless.validate(str(data_dir / "datapackage.json"))
    assert not report.valid
    messages = " ".join(_errors(report))
    assert value in messages and expected in messages.lower()


def test_frictionless_fails_on_a_duplicate_id(data_dir):
    path = data_dir / "actors.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(lines + [lines[1]]), encoding="utf-8")
    report = frictionless.validate(str(data_dir / "datapackage.json"))
    assert not report.valid
    assert "unique" in " ".join(_errors(report)).lower() or "primary" in " ".join(_errors(report)).lower()


# ------------------------------------------------------------------------------------------------
# The loaders and Frictionless on the same malformed copies (issue 20)
# ------------------------------------------------------------------------------------------------

from malformed_cases import BIB_CASES, CSV_CASES, PACKAGE_CASES, fresh_copy  # noqa: E402

from tracktwo.data import DataError  # noqa: E402

#: The cases where the loaders refuse what Frictionless accepts, each with the course rule that a
#: data package cannot express. Everything Frictionless refuses, the loaders refuse too (no case may
#: be missing from this list or listed without cause: the test checks both ways).
LOADER_ONLY = {
    # a table must have rows (Frictionless accepts a header alone)
    "periods-header-only": "rows",
    "events-header-only": "rows",
    "institutions-header-only": "rows",
    # comma-separated only (Frictionless sniffs the separator)
    "periods-semicolon-separated": "separator",
    "events-tab-separated": "separator",
    "events-pipe-separated": "separator",
    "actors-semicolon-separated": "separator",
    # no control characters, no spaces around free text
    "events-nul-in-note": "clean text",
    "events-bell-in-title": "clean text",
    "actors-nul-in-name": "clean text",
    "glossary-vertical-tab": "clean text",
    "actors-trailing-space-in-name": "clean text",
    # lists hold each item once; partial dates are real calendar dates (a pattern cannot count days)
    "events-track-twice": "clean list",
    "events-impossible-day": "calendar",
    # checks across rows and tables (list-valued references and citation keys are not foreign keys)
    "periods-start-in-1048": "periods",
    "periods-end-in-2948": "periods",
    "periods-end-before-start": "periods",
    "periods-gap": "periods",
    "periods-open-in-the-middle": "periods",
    "events-precision-mismatch": "events",
    "events-end-before-start": "events",
    "glossary-acronym-without-expansion": "glossary",
    "events-dangling-actor": "list reference",
    "relations-dangling-actor-b": "list reference",
    "events-outside-period": "date in period",
    "events-unknown-source": "citation key",
    "events-unknown-other-source": "citation key",
    "bib-removed-entry-dangles": "citation key",
    # the package must describe every table with a schema of types the loaders read
    "package-missing-table": "package shape",
    "package-resource-without-schema": "package shape",
    "package-unknown-type": "package shape",
    # the course's own extension ("tracktwo" keys) is not part of the Frictionless standard
    "package-item-enum-not-a-list": "course extension",
    "package-endnotes-not-a-number": "course extension",
    "package-list-reference-unknown-table": "course extension",
}
#: references.bib is a plain file to Frictionless (it checks neither its syntax nor its entries).
LOADER_ONLY.update(
    {c.id: "bibtex" for c in BIB_CASES if c.loader == "bib" and c.id != "bib-missing" and c.id != "bib-is-a-folder"}
)

_TABLES = ("periods", "events", "actors", "relations", "institutions", "glossary")
#: Cases Frictionless cannot be run on here (it would try to fetch a web address).
_OFFLINE_ONLY = {"package-path-url"}
AGREEMENT_CASES = [c for c in CSV_CASES + PACKAGE_CASES + BIB_CASES if c.id not in _OFFLINE_ONLY]


def _frictionless_accepts(d: Path, loader: str) -> bool:
    """Frictionless's verdict on the copy: one table's resource where a case concerns one table,
    else the whole package. An exception while reading counts as a refusal."""
    try:
        if loader in _TABLES:
            report = frictionless.Package(str(d / "datapackage.json")).get_resource(loader).validate()
        elif loader == "bib":
            report = frictionless.Package(str(d / "datapackage.json")).get_resource("references").validate()
        else:
            report = frictionless.validate(str(d / "datapackage.json"))
        return bool(report.valid)
    except Exception:  # noqa: BLE001 - frictionless raises on descriptors it cannot read
        return False


@pytest.mark.parametrize("case", AGREEMENT_CASES, ids=[c.id for c in AGREEMENT_CASES])
def test_the_loaders_and_frictionless_agree(case, tmp_path):
    from test_malformed import run_loader

    d = fresh_copy(DEFAULT_DATA_DIR, tmp_path / "data")
    case.mutate(d)
    try:
        run_loader(case.loader, d)
        loader_accepts = True
    except DataError:
        loader_accepts = False
    fl_accepts = _frictionless_accepts(d, case.loader)
    assert not (loader_accepts and not fl_accepts), f"{case.id}: Frictionless refuses what the loaders accept"
    if case.id in LOADER_ONLY:
        assert not loader_accepts and fl_accepts, f"{case.id} is listed as loader-only, but both give the same verdict"
    else:
        assert loader_accepts == fl_accepts, f"{case.id}: the loaders refuse what Frictionless accepts"


def test_every_loader_only_rule_names_a_real_case():
    ids = {c.id for c in AGREEMENT_CASES}
    assert set(LOADER_ONLY) <= ids
