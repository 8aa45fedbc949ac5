"""The second, independent validator: frictionless checks data/datapackage.json on its own."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from tracktwo.data import DEFAULT_DATA_DIR

frictionless = pytest.importorskip("frictionless")


def _errors(report) -> list[str]:
    return [err.message for task in report.tasks for err in task.errors] + \
           [err.message for err in report.errors]


def test_frictionless_validates_the_data_package():
    report = frictionless.validate(str(DEFAULT_DATA_DIR / "datapackage.json"))
    assert report.valid, _errors(report)
    assert {task.name for task in report.tasks} == {"periods", "events", "actors", "relations",
                                                    "institutions", "glossary", "references"}


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


@pytest.mark.parametrize("table,row_id,field,value,expected", [
    ("events", "nca-signed", "category", "treaty", "constraint"),
    ("events", "nca-signed", "start", "15 October 2015", "constraint"),
    ("events", "nca-signed", "period", "nld-era", "foreign key"),
    ("events", "nca-signed", "tracks", "1;4", "constraint"),
    ("relations", "sac-uwsa", "actor_a", "nobody", "foreign key"),
    ("relations", "sac-uwsa", "table_row", "22", "constraint"),
    ("glossary", "ripeness", "in_brief_acronym_list", "maybe", "type"),
])
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
