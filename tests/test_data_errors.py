"""Malformed copies of the data: each fault gives one clear DataError naming file, line, field and value."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest

from tracktwo.data import (
    DEFAULT_DATA_DIR,
    DataError,
    Problem,
    load_actors,
    load_all,
    load_events,
    load_package,
    load_periods,
    load_references,
)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A fresh copy of data/ to corrupt (the real data is never touched)."""
    target = tmp_path / "data"
    shutil.copytree(DEFAULT_DATA_DIR, target)
    return target


def read_table(path: Path) -> tuple[list[str], list[list[str]]]:
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


def write_table(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def set_cell(data_dir: Path, table: str, row_id: str, field: str, value: str) -> int:
    """Change one cell; return the line number of that row in the file (header = line 1)."""
    path = data_dir / f"{table}.csv"
    header, rows = read_table(path)
    assert not any("\n" in cell for row in rows for cell in row), "line numbers assume one line per row"
    index = [r[0] for r in rows].index(row_id)
    rows[index][header.index(field)] = value
    write_table(path, header, rows)
    return index + 2


def assert_names(err: DataError, *parts: str) -> None:
    message = str(err)
    for part in parts:
        assert part in message, f"{part!r} not in message:\n{message}"


# --- the faults the brief for the loaders lists ---------------------------------------------------


def test_missing_column(data_dir):
    path = data_dir / "events.csv"
    header, rows = read_table(path)
    i = header.index("start")
    write_table(path, header[:i] + header[i + 1 :], [r[:i] + r[i + 1 :] for r in rows])
    with pytest.raises(DataError) as info:
        load_events(data_dir)
    err = info.value
    assert (err.file, err.row, err.field) == ("data/events.csv", 1, "start")
    assert err.value.startswith("id,end,precision")
    assert_names(err, "data/events.csv", "line 1", 'field "start"', '"id,end,precision', 'no column "start"')


def test_bad_date(data_dir):
    line = set_cell(data_dir, "events", "nca-signed", "start", "2015-13-01")
    with pytest.raises(DataError) as info:
        load_events(data_dir)
    assert str(info.value) == (
        f'data/events.csv, line {line}, field "start": "2015-13-01" is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)'
    )
    assert (info.value.row, info.value.line, info.value.field, info.value.value) == (line, line, "start", "2015-13-01")


def test_impossible_calendar_day(data_dir):
    line = set_cell(data_dir, "events", "nca-signed", "start", "2015-02-30")
    with pytest.raises(DataError) as info:
        load_all(data_dir)
    assert_names(info.value, "data/events.csv", f"line {line}", 'field "start"', '"2015-02-30"', "is not a date")


def test_date_outside_its_period(data_dir):
    line = set_cell(data_dir, "events", "nca-signed", "start", "1995-10-15")
    load_events(data_dir)  # fine on its own: the period check needs periods.csv
    with pytest.raises(DataError) as info:
        load_all(data_dir)
    assert_names(
        info.value,
        "data/events.csv",
        f"line {line}",
        'field "start"',
        '"1995-10-15"',
        'outside its period "usdp" (2011-03-30 to 2016-03-30)',
    )


def test_year_precision_event_in_a_boundary_year_is_inside_either_period(data_dir):
    set_cell(data_dir, "events", "usdp-track-one-point-five", "period", "junta")  # start "2011"
    assert len(load_all(data_dir).events) > 0
    line = set_cell(data_dir, "events", "usdp-track-one-point-five", "period", "nld")
    with pytest.raises(DataError) as info:
        load_all(data_dir)
    assert_names(info.value, f"line {line}", 'field "start"', '"2011"', 'outside its period "nld"')


def test_unknown_category(data_dir):
    line = set_cell(data_dir, "events", "nca-signed", "category", "treaty")
    with pytest.raises(DataError) as info:
        load_all(data_dir)
    assert_names(
        info.value,
        "data/events.csv",
        f"line {line}",
        'field "category"',
        '"treaty"',
        "is not an allowed value (allowed: coup, election",
    )


def test_unknown_code_in_a_list(data_dir):
    line = set_cell(data_dir, "institutions", "jmc", "tracks", "1.5;4")
    with pytest.raises(DataError) as info:
        load_all(data_dir)
    assert_names(
        info.value,
        "data/institutions.csv",
        f"line {line}",
        'field "tracks"',
        '"1.5;4"',
        'contains "4", which is not an allowed value',
    )


def test_dangling_actor_id_in_a_list(data_dir):
    line = set_cell(data_dir, "events", "nca-signed", "actors", "knu;nobody")
    with pytest.raises(DataError) as info:
        load_all(data_dir)
    assert_names(info.value, "data/events.csv", f"line {line}", 'field "actors"', '"nobody"', "is not an id in actors.csv")


def test_dangling_actor_id_in_a_foreign_key(data_dir):
    line = set_cell(data_dir, "relations", "sac-uwsa", "actor_a", "sac-x")
    with pytest.raises(DataError) as info:
        load_all(data_dir)
    assert_names(info.value, "data/relations.csv", f"line {line}", 'field "actor_a"', '"sac-x"', "is not an id in actors.csv")


def test_dangling_period_id(data_dir):
    line = set_cell(data_dir, "institutions", "upc", "period", "nld-era")
    with pytest.raises(DataError) as info:
        load_all(data_dir)
    assert_names(
        info.value, "data/institutions.csv", f"line {line}", 'field "period"', '"nld-era"', "is not an id in periods.csv"
    )


def test_duplicate_id(data_dir):
    path = data_dir / "actors.csv"
    header, rows = read_table(path)
    first = [r[0] for r in rows].index("uwsa") + 2
    write_table(path, header, rows + [rows[first - 2]])
    with pytest.raises(DataError) as info:
        load_actors(data_dir)
    assert_names(
        info.value,
        "data/actors.csv",
        f"line {len(rows) + 2}",
        'field "id"',
        '"uwsa"',
        f"is a duplicate: line {first} has the same value",
    )


def test_unknown_source_key(data_dir):
    line = set_cell(data_dir, "glossary", "ripeness", "source", "nosuchkey2020")
    with pytest.raises(DataError) as info:
        load_all(data_dir)
    assert_names(
        info.value,
        "data/glossary.csv",
        f"line {line}",
        'field "source"',
        '"nosuchkey2020"',
        "is not a citation key in references.bib",
    )


def test_unknown_key_in_other_sources(data_dir):
    line = set_cell(data_dir, "events", "coup-1962", "other_sources", "wikipedia-1962-coup;made-up-2099")
    with pytest.raises(DataError) as info:
        load_all(data_dir)
    assert_names(info.value, "data/events.csv", f"line {line}", 'field "other_sources"', '"made-up-2099"')


def test_empty_file(data_dir):
    (data_dir / "periods.csv").write_bytes(b"")
    with pytest.raises(DataError) as info:
        load_periods(data_dir)
    err = info.value
    assert (err.file, err.row, err.field, err.value) == ("data/periods.csv", 1, "id", "")
    assert_names(err, "data/periods.csv", "line 1", 'field "id"', '""', "the file is empty")


def test_header_only_file_is_refused_without_knock_on_problems(data_dir):
    path = data_dir / "periods.csv"
    header, _ = read_table(path)
    write_table(path, header, [])
    with pytest.raises(DataError) as info:
        load_periods(data_dir)
    assert str(info.value) == "data/periods.csv: has a header row but no data rows: the table needs at least one row"
    with pytest.raises(DataError) as info:
        load_all(data_dir)
    assert len(info.value.problems) == 1  # not one per event or institution naming a period


def test_non_utf8_file(data_dir):
    path = data_dir / "events.csv"
    header, rows = read_table(path)
    index = [r[0] for r in rows].index("coup-1962")
    summary_col = header.index("summary")
    raw = path.read_bytes()
    old = rows[index][summary_col].encode("utf-8")
    assert raw.count(old) == 1
    path.write_bytes(raw.replace(old, "Café ".encode("latin-1") + old))
    with pytest.raises(DataError) as info:
        load_all(data_dir)
    err = info.value
    assert (err.file, err.row, err.field) == ("data/events.csv", index + 2, "summary")
    assert_names(err, "data/events.csv", f"line {index + 2}", 'field "summary"', "Caf\\xe9", "0xE9", "not valid UTF-8")


# --- more faults ---------------------------------------------------------------------------------


def test_precision_must_match_the_start(data_dir):
    line = set_cell(data_dir, "events", "bgf-scheme", "precision", "day")
    with pytest.raises(DataError) as info:
        load_events(data_dir)
    assert_names(info.value, f"line {line}", 'field "precision"', '"day"', 'given to the month (use "month")')


def test_end_before_start(data_dir):
    line = set_cell(data_dir, "events", "junta-ceasefire-network", "end", "1988")
    with pytest.raises(DataError) as info:
        load_events(data_dir)
    assert_names(info.value, f"line {line}", 'field "end"', '"1988"', "is before the start, 1989")


def test_required_field_empty(data_dir):
    line = set_cell(data_dir, "events", "nca-signed", "summary", "")
    with pytest.raises(DataError) as info:
        load_events(data_dir)
    assert_names(info.value, f"line {line}", 'field "summary"', '""', "is empty, but this field is required")


def test_spaces_around_a_value(data_dir):
    line = set_cell(data_dir, "actors", "uwsa", "type", " eao")
    with pytest.raises(DataError) as info:
        load_actors(data_dir)
    assert_names(info.value, f"line {line}", 'field "type"', '" eao"', "spaces at the start or end")


def test_unexpected_column(data_dir):
    path = data_dir / "actors.csv"
    header, rows = read_table(path)
    write_table(path, header + ["colour"], [r + ["red"] for r in rows])
    with pytest.raises(DataError) as info:
        load_actors(data_dir)
    assert_names(info.value, "data/actors.csv", "line 1", 'field "colour"', 'is not a column of this table')


def test_row_with_too_few_cells(data_dir):
    path = data_dir / "actors.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines.insert(3, "stray,row\n")
    path.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_actors(data_dir)
    assert_names(info.value, "data/actors.csv", "line 4", '"stray,row"', "has 2 cells")


def test_unclosed_quote(data_dir):
    path = data_dir / "periods.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + 'extra,"never closed\n', encoding="utf-8")
    added = len(text.splitlines()) + 1  # the line the unclosed quote starts on
    with pytest.raises(DataError) as info:
        load_periods(data_dir)
    assert_names(info.value, "data/periods.csv", f"line {added}", "cannot be read as CSV")


def test_periods_must_touch(data_dir):
    line = set_cell(data_dir, "periods", "usdp", "start", "2011-04-01")
    with pytest.raises(DataError) as info:
        load_periods(data_dir)
    assert_names(info.value, f"line {line}", 'field "start"', '"2011-04-01"', "does not touch the end")


def test_missing_file(data_dir):
    (data_dir / "glossary.csv").unlink()
    with pytest.raises(DataError) as info:
        load_all(data_dir)
    assert_names(info.value, "data/glossary.csv", "is missing")


def test_missing_or_broken_datapackage(data_dir):
    (data_dir / "datapackage.json").write_text("{ not json", encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_package(data_dir)
    assert_names(info.value, "data/datapackage.json", "line 1", "is not valid JSON")
    (data_dir / "datapackage.json").unlink()
    with pytest.raises(DataError) as info:
        load_all(data_dir)
    assert_names(info.value, "data/datapackage.json", "is missing")


def test_allowed_values_come_from_the_package(data_dir):
    """Widen the enum in datapackage.json and the loader accepts the new value: one source of truth."""
    set_cell(data_dir, "events", "nca-signed", "category", "treaty")
    path = data_dir / "datapackage.json"
    package = json.loads(path.read_text(encoding="utf-8"))
    events = next(r for r in package["resources"] if r["name"] == "events")
    field = next(f for f in events["schema"]["fields"] if f["name"] == "category")
    field["constraints"]["enum"].append("treaty")
    path.write_text(json.dumps(package), encoding="utf-8")
    assert "treaty" in set(load_all(data_dir).events["category"])


def test_every_problem_is_reported_at_once(data_dir):
    l1 = set_cell(data_dir, "events", "nca-signed", "category", "treaty")
    l2 = set_cell(data_dir, "actors", "uwsa", "type", "army")
    l3 = set_cell(data_dir, "glossary", "ripeness", "source", "nosuchkey2020")
    with pytest.raises(DataError) as info:
        load_all(data_dir)
    err = info.value
    assert len(err.problems) == 3
    assert str(err).startswith("3 problems in the course data:")
    assert_names(err, f"data/events.csv, line {l1}", f"data/actors.csv, line {l2}", f"data/glossary.csv, line {l3}")
    assert (err.file, err.row, err.field, err.value) == ("data/events.csv", l1, "category", "treaty")


def test_data_error_is_a_value_error_with_plain_attributes():
    err = DataError([Problem("data/x.csv", 3, "id", "A B", "is not kebab-case")])
    assert isinstance(err, ValueError)
    assert str(err) == 'data/x.csv, line 3, field "id": "A B" is not kebab-case'
    with pytest.raises(ValueError):
        DataError([])


# --- the bibliography ----------------------------------------------------------------------------


def _bib(data_dir: Path) -> Path:
    return data_dir / "references.bib"


def _bib_line(path: Path, needle: str) -> int:
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return n
    raise AssertionError(needle)


def test_bib_duplicate_key(data_dir):
    path = _bib(data_dir)
    path.write_text(path.read_text(encoding="utf-8") + "\n@misc{epfl-8888,\n  title = {Again}\n}\n", encoding="utf-8")
    first = _bib_line(path, "@misc{epfl-8888,")
    with pytest.raises(DataError) as info:
        load_references(data_dir)
    assert_names(
        info.value,
        "data/references.bib",
        'field "key"',
        '"epfl-8888"',
        f"is a duplicate citation key: line {first} has the same key",
    )


def test_bib_latex_in_a_title(data_dir):
    path = _bib(data_dir)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("title        = {8888 Uprising}", r"title        = {The \TeX book}"), encoding="utf-8")
    line = _bib_line(path, r"The \TeX book")
    with pytest.raises(DataError) as info:
        load_references(data_dir)
    assert_names(info.value, "data/references.bib", f"line {line}", 'field "title"', "contains a backslash")


def test_bib_syntax_error(data_dir):
    path = _bib(data_dir)
    path.write_text(path.read_text(encoding="utf-8") + "\n@misc{broken,\n  title = {never closed\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_references(data_dir)
    assert_names(info.value, "data/references.bib", "is not valid BibTeX", "never closed")


def test_bib_endnote_out_of_range(data_dir):
    path = _bib(data_dir)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("endnote   = {1}\n", "endnote   = {1, 39}\n", 1), encoding="utf-8")
    line = _bib_line(path, "{1, 39}")
    with pytest.raises(DataError) as info:
        load_references(data_dir)
    assert_names(info.value, f"line {line}", 'field "endnote"', '"1, 39"', "run from 1 to 38")


def test_bib_removed_entry_leaves_a_dangling_source(data_dir):
    path = _bib(data_dir)
    text = path.read_text(encoding="utf-8")
    start = text.index("@misc{wikipedia-1962-coup,")
    end = text.index("}\n", text.index("howpublished", start)) + 2
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_all(data_dir)
    assert_names(
        info.value, "data/events.csv", 'field "other_sources"', '"wikipedia-1962-coup"', "is not a citation key in references.bib"
    )
