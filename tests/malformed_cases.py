"""The course's own malformed set: one defect per case, applied to a fresh copy of ``data/``.

Each :class:`Case` names the defect, how to make it (a mutation of the copy), which loader reads the
copy, and what that loader must say: a regular expression the *first* problem must match (``None``
means the copy must be accepted, for edge cases that are legal). ``tests/test_malformed.py`` runs
them all; ``tests/test_data_frictionless.py`` reuses the CSV and data-package ones to check that the
loaders and the Frictionless validator agree.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from dataclasses import dataclass
from pathlib import Path
from collections.abc import Callable

#: The line the appended row lands on follows the table's last line (the table grows with the course).
_EVENTS_LINES = len((Path(__file__).resolve().parents[1] / "data" / "events.csv").read_text(encoding="utf-8").splitlines())

Mutation = Callable[[Path], None]


@dataclass(frozen=True)
class Case:
    id: str
    mutate: Mutation
    loader: str  # events | periods | ... | all | package | bib | levels | scenarios | bank:<id>
    expect: str | None  # regex for the first problem; None = accepted
    problems: int | None = None  # exact number of problems, where knock-ons must be suppressed


# ------------------------------------------------------------------------------------------------
# Mutations
# ------------------------------------------------------------------------------------------------


def _rows(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def _write_rows(path: Path, rows: list[list[str]]) -> None:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")


def cell(table: str, row_id: str, column: str, value: str) -> Mutation:
    def mutate(d: Path) -> None:
        path = d / f"{table}.csv"
        rows = _rows(path)
        row = next(r for r in rows[1:] if r and r[0] == row_id)
        row[rows[0].index(column)] = value
        _write_rows(path, rows)

    return mutate


def rows_edit(table: str, fn: Callable[[list[list[str]]], list[list[str]]]) -> Mutation:
    def mutate(d: Path) -> None:
        path = d / f"{table}.csv"
        _write_rows(path, fn(_rows(path)))

    return mutate


def sub(name: str, old: str, new: str, count: int = 1) -> Mutation:
    def mutate(d: Path) -> None:
        path = d / name
        text = path.read_text(encoding="utf-8")
        assert old in text, (name, old)
        path.write_text(text.replace(old, new, count), encoding="utf-8")

    return mutate


def sub_bytes(name: str, old: bytes, new: bytes) -> Mutation:
    def mutate(d: Path) -> None:
        path = d / name
        raw = path.read_bytes()
        assert old in raw, (name, old)
        path.write_bytes(raw.replace(old, new, 1))

    return mutate


def put(name: str, content: str | bytes) -> Mutation:
    def mutate(d: Path) -> None:
        path = d / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")

    return mutate


def add(name: str, text: str) -> Mutation:
    def mutate(d: Path) -> None:
        path = d / name
        path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")

    return mutate


def transform(name: str, fn: Callable[[str], str]) -> Mutation:
    def mutate(d: Path) -> None:
        path = d / name
        path.write_text(fn(path.read_text(encoding="utf-8")), encoding="utf-8")

    return mutate


def transform_bytes(name: str, fn: Callable[[bytes], bytes]) -> Mutation:
    def mutate(d: Path) -> None:
        path = d / name
        path.write_bytes(fn(path.read_bytes()))

    return mutate


def folder(name: str) -> Mutation:
    def mutate(d: Path) -> None:
        (d / name).unlink()
        (d / name).mkdir()

    return mutate


def remove(name: str) -> Mutation:
    return lambda d: (d / name).unlink()


def package(fn: Callable[[dict], object], replace: bool = False) -> Mutation:
    """Change the parsed datapackage.json in place (or, with ``replace``, write what ``fn`` returns)."""

    def mutate(d: Path) -> None:
        path = d / "datapackage.json"
        pkg = json.loads(path.read_text(encoding="utf-8"))
        result = fn(pkg)
        path.write_text(json.dumps(result if replace else pkg), encoding="utf-8")

    return mutate


def resource(pkg: dict, name: str) -> dict:
    return next(r for r in pkg["resources"] if r["name"] == name)


def fielddesc(pkg: dict, table: str, name: str) -> dict:
    return next(f for f in resource(pkg, table)["schema"]["fields"] if f["name"] == name)


def constrain(table: str, name: str, **constraints) -> Mutation:
    def fn(pkg: dict) -> None:
        fielddesc(pkg, table, name).setdefault("constraints", {}).update(constraints)

    return package(fn)


def header_only(table: str) -> Mutation:
    return rows_edit(table, lambda rows: rows[:1])


def duplicate_row(table: str, row_id: str) -> Mutation:
    return rows_edit(table, lambda rows: rows + [next(r for r in rows if r[0] == row_id)])


def drop_column(table: str, *columns: str) -> Mutation:
    def fn(rows):
        keep = [i for i, c in enumerate(rows[0]) if c not in columns]
        return [[r[i] for i in keep] for r in rows]

    return rows_edit(table, fn)


def separator(table: str, sep: str) -> Mutation:
    def mutate(d: Path) -> None:
        path = d / f"{table}.csv"
        rows = _rows(path)
        buf = io.StringIO()
        csv.writer(buf, delimiter=sep, lineterminator="\n").writerows(rows)
        path.write_text(buf.getvalue(), encoding="utf-8")

    return mutate


def chain(*mutations: Mutation) -> Mutation:
    def mutate(d: Path) -> None:
        for m in mutations:
            m(d)

    return mutate


def nothing(d: Path) -> None:
    return None


LAUGHS = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f"{x}: &{x} [*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p}]\n" for p, x in zip("abcdefgh", "bcdefghi")
)
DEEP = "x: " + "[" * 20_000 + "\n"
MB = 1_000_000

# ------------------------------------------------------------------------------------------------
# CSV tables
# ------------------------------------------------------------------------------------------------

F = r'field "{}"'

CSV_CASES = [
    # periods.csv: dates, ids, ordering, knock-ons
    Case(
        "periods-impossible-end-date",
        cell("periods", "usdp", "end", "2016-02-30"),
        "periods",
        r'periods\.csv, line \d+, field "end": "2016-02-30" is not a date \(use YYYY-MM-DD\)',
        problems=1,
    ),
    Case(
        "periods-impossible-start-date",
        cell("periods", "nld", "start", "2016-13-30"),
        "periods",
        r'field "start": "2016-13-30" is not a date',
        problems=1,
    ),
    Case(
        "periods-slash-date",
        cell("periods", "usdp", "start", "2011/03/30"),
        "periods",
        r'field "start": "2011/03/30" is not a date',
        problems=1,
    ),
    Case(
        "periods-bad-date-no-knock-on-in-load-all",
        cell("periods", "usdp", "end", "2016-02-30"),
        "all",
        r'periods\.csv, line \d+, field "end": "2016-02-30" is not a date',
        problems=1,
    ),
    Case(
        "periods-duplicated-id",
        duplicate_row("periods", "usdp"),
        "periods",
        r'periods\.csv, line \d+, field "id": "usdp" is a duplicate: line \d+ has the same value',
    ),
    Case("periods-duplicated-id-load-all", duplicate_row("periods", "usdp"), "all", r'field "id": "usdp" is a duplicate'),
    Case(
        "periods-header-only", header_only("periods"), "periods", r"periods\.csv: has a header row but no data rows", problems=1
    ),
    Case(
        "periods-header-only-load-all",
        header_only("periods"),
        "all",
        r"periods\.csv: has a header row but no data rows",
        problems=1,
    ),
    Case(
        "periods-end-before-start",
        cell("periods", "usdp", "end", "2010-01-01"),
        "periods",
        r'field "end": "2010-01-01" is before the start, 2011-03-30',
    ),
    Case(
        "periods-gap",
        cell("periods", "usdp", "start", "2011-04-01"),
        "periods",
        r'field "start": "2011-04-01" does not touch the end of the previous period "junta"',
    ),
    Case(
        "periods-open-in-the-middle",
        cell("periods", "usdp", "end", ""),
        "periods",
        r'field "end": "" is empty, but only the last period may be open',
        problems=1,
    ),
    Case(
        "periods-short-label-too-long",
        cell("periods", "usdp", "short_label", "x" * 17),
        "periods",
        r'field "short_label": "x{17}" is 17 characters long; the data package allows at most 16 \(maxLength\)',
    ),
    Case("periods-short-label-at-max", cell("periods", "usdp", "short_label", "x" * 16), "periods", None),
    Case(
        "periods-id-not-in-enum",
        cell("periods", "usdp", "id", "usdp-era"),
        "periods",
        r'field "id": "usdp-era" is not an allowed value \(allowed: pre1988, junta',
    ),
    Case(
        "periods-semicolon-separated",
        separator("periods", ";"),
        "periods",
        r"periods\.csv, line 1: .* is the header row, and its columns are separated by semicolons \(;\), not "
        r"commas",
        problems=1,
    ),
    Case(
        "periods-iso-datetime",
        cell("periods", "usdp", "start", "2011-03-30T00:00"),
        "periods",
        r'"2011-03-30T00:00" is not a date',
    ),
    # a year that cannot be right (1048 for 1948): a plausible range, said with the limits
    Case(
        "periods-start-in-1048",
        cell("periods", "pre1988", "start", "1048-01-04"),
        "periods",
        r'periods\.csv, line 2, field "start": "1048-01-04" is in the year 1048; a period of this course starts '
        r'and ends between 1900 and 2100 .*check the year',
        problems=1,
    ),
    Case(
        "periods-end-in-2948",
        chain(cell("periods", "nld", "end", "2948-02-01"), cell("periods", "postcoup", "start", "2948-02-01")),
        "periods",
        r'field "end": "2948-02-01" is in the year 2948; .*between 1900 and 2100',
    ),
    Case("periods-start-in-1900-is-legal-range", cell("periods", "pre1988", "start", "1900-01-01"), "periods", None),
    Case("periods-unpadded-date-is-legal", cell("periods", "usdp", "start", "2011-3-30"), "periods", None),
    # events.csv
    Case(
        "events-tab-separated",
        separator("events", "\t"),
        "events",
        r"events\.csv, line 1: .* separated by tabs, not commas",
        problems=1,
    ),
    Case("events-pipe-separated", separator("events", "|"), "events", r"separated by vertical bars"),
    Case("events-header-only", header_only("events"), "events", r"events\.csv: has a header row but no data rows", problems=1),
    Case(
        "events-nul-in-note",
        cell("events", "nca-signed", "note", "a\x00b"),
        "events",
        r'events\.csv, line \d+, field "note": "a\\x00b" contains a NUL byte at character 2',
    ),
    Case(
        "events-bell-in-title",
        cell("events", "nca-signed", "title", "Signed\x07"),
        "events",
        r'field "title": .* contains the control character',
    ),
    Case("events-legal-1mb-note", cell("events", "nca-signed", "note", "n" * MB), "events", None),
    Case(
        "events-1mb-category",
        cell("events", "nca-signed", "category", "c" * MB),
        "events",
        r'field "category": "c{40,}\.\.\.c+" is not an allowed value',
    ),
    Case(
        "events-latin1-summary",
        sub_bytes("events.csv", b"Nationwide", "Nationwid\xe9".encode("latin-1")),
        "events",
        r'events\.csv, line \d+, field "\w+": .*\\xe9.* is not valid UTF-8 \(byte 0xE9\) \(it looks like '
        r'Latin-1',
    ),
    Case(
        "events-cp1252-quote",
        sub_bytes("events.csv", b"Nationwide", b"\x93Nationwide\x94"),
        "events",
        r"not valid UTF-8 \(byte 0x93\)",
    ),
    Case(
        "events-utf16",
        transform_bytes("events.csv", lambda b: b.decode("utf-8").encode("utf-16")),
        "events",
        r"events\.csv, line 1: .*not valid UTF-8 \(byte 0xFF\)",
    ),
    Case("events-utf8-bom-is-legal", transform_bytes("events.csv", lambda b: b"\xef\xbb\xbf" + b), "events", None),
    Case("events-crlf-is-legal", transform_bytes("events.csv", lambda b: b.replace(b"\n", b"\r\n")), "events", None),
    Case("events-is-a-folder", folder("events.csv"), "events", r"events\.csv: is a folder, not a file"),
    Case("events-missing", remove("events.csv"), "events", r"events\.csv: is missing"),
    Case(
        "events-empty",
        put("events.csv", ""),
        "events",
        r"events\.csv, line 1, field \"id\": \"\" was found where "
        r"the header row should be: the file is empty",
    ),
    Case("events-whitespace-only", put("events.csv", "\n\n  \n"), "events", r"the file is empty"),
    Case(
        "events-blank-line",
        transform("events.csv", lambda t: t.replace("\n", "\n\n", 3)),
        "events",
        r"events\.csv, line 2: is a blank line \(and 2 more blank lines\)",
    ),
    Case("events-trailing-blank-lines", add("events.csv", "\n\n"), "events", r"is a blank line"),
    Case("events-comma-only-row", add("events.csv", ",,,,,,,,,,,,,\n"), "events", r"is a blank line"),
    Case(
        "events-unclosed-quote",
        add("events.csv", 'x,"never closed\n'),
        "events",
        rf"events\.csv, line {_EVENTS_LINES + 1}: cannot be read as CSV from this line on .*: unclosed quote: "
        r"a cell on this line opens",
    ),
    Case(
        "events-quote-in-the-middle",
        sub("events.csv", "nca-signed,2015", 'nca-signed,"2015"x'),
        "events",
        r"cannot be read as CSV",
    ),
    Case(
        "events-too-few-cells",
        add("events.csv", "stray,row\n"),
        "events",
        r'events\.csv, line \d+: "stray,row" has 2 cells, but the header has 14 columns',
    ),
    Case(
        "events-too-many-cells",
        rows_edit("events", lambda r: r[:2] + [r[2] + ["extra"]] + r[3:]),
        "events",
        r"has 15 cells, but the header has 14 columns",
    ),
    Case(
        "events-every-row-short",
        rows_edit("events", lambda r: r[:1] + [x[:-1] for x in r[1:]]),
        "events",
        r"has 13 cells",
        problems=4,
    ),
    Case(
        "events-missing-column",
        drop_column("events", "start"),
        "events",
        r'events\.csv, line 1, field "start": "id,end,precision.*" is the header row, and it has no column "start"',
        problems=1,
    ),
    Case(
        "events-two-missing-columns",
        drop_column("events", "start", "title"),
        "events",
        r'has no columns "start", "title"',
        problems=1,
    ),
    Case(
        "events-extra-column",
        rows_edit("events", lambda r: [x + ["red"] for x in r]),
        "events",
        r'field "red": .* "red" is not a column of this table',
    ),
    Case("events-duplicated-column", rows_edit("events", lambda r: [x[:-1] + [x[0]] for x in r]), "events", r'no column "note"'),
    Case(
        "events-column-twice", rows_edit("events", lambda r: [x + [x[0]] for x in r]), "events", r'it has the column "id" twice'
    ),
    Case("events-unnamed-column", rows_edit("events", lambda r: [x + [""] for x in r]), "events", r"column 15 has no name"),
    Case(
        "events-header-capitalised", rows_edit("events", lambda r: [["ID"] + r[0][1:]] + r[1:]), "events", r'has no column "id"'
    ),
    Case(
        "events-unknown-category",
        cell("events", "nca-signed", "category", "treaty"),
        "events",
        r'field "category": "treaty" is not an allowed value \(allowed: coup, election',
    ),
    Case(
        "events-unknown-track",
        cell("events", "nca-signed", "tracks", "1.5;4"),
        "events",
        r'field "tracks": "1.5;4" contains "4", which is not an allowed value',
    ),
    Case("events-track-twice", cell("events", "nca-signed", "tracks", "1;1"), "events", r'"1;1" lists the same item twice'),
    Case("events-list-with-spaces", cell("events", "nca-signed", "tracks", "1; 2"), "events", r'"1; 2" is not a clean list'),
    Case(
        "events-list-with-empty-item",
        cell("events", "nca-signed", "actors", "knu;;rcss"),
        "events",
        r'"knu;;rcss" is not a clean list',
    ),
    Case(
        "events-space-before-value",
        cell("events", "nca-signed", "category", " coup"),
        "events",
        r'" coup" has spaces at the start or end',
    ),
    Case(
        "events-required-empty",
        cell("events", "nca-signed", "summary", ""),
        "events",
        r'field "summary": "" is empty, but this field is required',
    ),
    Case("events-id-upper-case", cell("events", "nca-signed", "id", "NCA-signed"), "events", r"does not have the expected form"),
    Case("events-duplicate-id", duplicate_row("events", "nca-signed"), "events", r'"nca-signed" is a duplicate'),
    Case(
        "events-precision-mismatch",
        cell("events", "nca-signed", "precision", "month"),
        "events",
        r'field "precision": "month" does not match the start "2015-10-15"',
    ),
    Case(
        "events-end-before-start",
        cell("events", "nca-signed", "end", "2014"),
        "events",
        r'field "end": "2014" is before the start, 2015-10-15',
    ),
    Case(
        "events-impossible-day",
        cell("events", "nca-signed", "start", "2015-02-30"),
        "events",
        r'"2015-02-30" is not a date \(use YYYY, YYYY-MM or YYYY-MM-DD\)',
    ),
    Case(
        "events-date-in-words",
        cell("events", "nca-signed", "start", "15 October 2015"),
        "events",
        r'"15 October 2015" is not a date',
    ),
    Case(
        "events-long-bad-value-cut",
        cell("events", "nca-signed", "precision", "y" * 10_000),
        "events",
        r'field "precision": "y{40,}\.\.\.y+" is not an allowed value',
    ),
    Case(
        "events-every-cell-bad",
        rows_edit("events", lambda r: r[:1] + [x[:5] + ["treaty"] + x[6:] for x in r[1:]]),
        "events",
        r'field "category": "treaty" is not an allowed value',
    ),
    Case(
        "events-dangling-period",
        cell("events", "nca-signed", "period", "nld-era"),
        "all",
        r'events\.csv, line \d+, field "period": "nld-era" is not an id in periods\.csv',
    ),
    Case(
        "events-dangling-actor",
        cell("events", "nca-signed", "actors", "knu;nobody"),
        "all",
        r'field "actors": "nobody" is not an id in actors\.csv',
    ),
    Case(
        "events-unknown-source",
        cell("events", "nca-signed", "source", "nosuchkey2020"),
        "all",
        r'field "source": "nosuchkey2020" is not a citation key in references\.bib',
    ),
    Case(
        "events-unknown-other-source",
        cell("events", "coup-1962", "other_sources", "wikipedia-1962-coup;made-up"),
        "all",
        r'field "other_sources": "made-up" is not a citation key',
    ),
    Case(
        "events-outside-period",
        cell("events", "nca-signed", "start", "1995-10-15"),
        "all",
        r'field "start": "1995-10-15" is outside its period "usdp"',
    ),
    Case(
        "events-over-10mb",
        put("events.csv", "x" * 10_000_001),
        "events",
        r"events\.csv: is 10,000,001 bytes; a course data file may be at most 10,000,000 bytes",
    ),
    # actors.csv
    Case(
        "actors-unknown-type",
        cell("actors", "uwsa", "type", "army"),
        "actors",
        r'actors\.csv, line \d+, field "type": "army" is not an allowed value',
    ),
    Case(
        "actors-unknown-membership",
        cell("actors", "uwsa", "memberships", "fpncc;nca:2020"),
        "actors",
        r'contains "nca:2020", which is not an allowed value',
    ),
    Case("actors-id-with-space", cell("actors", "uwsa", "id", "u wsa"), "actors", r'"u wsa" does not have the expected form'),
    Case("actors-duplicate-id", duplicate_row("actors", "uwsa"), "actors", r'field "id": "uwsa" is a duplicate'),
    Case("actors-nul-in-name", cell("actors", "uwsa", "name", "United\x00Wa"), "actors", r"contains a NUL byte"),
    Case(
        "actors-trailing-space-in-name",
        cell("actors", "uwsa", "name", "United Wa State Army "),
        "actors",
        r"has spaces at the start or end",
    ),
    Case("actors-semicolon-separated", separator("actors", ";"), "actors", r"separated by semicolons", problems=1),
    # relations.csv
    Case(
        "relations-row-above-maximum",
        cell("relations", "sac-uwsa", "table_row", "22"),
        "relations",
        r'field "table_row": "22" is more than the maximum, 21',
    ),
    Case(
        "relations-row-below-minimum",
        cell("relations", "sac-uwsa", "table_row", "0"),
        "relations",
        r'"0" is less than the minimum, 1',
    ),
    Case("relations-row-decimal", cell("relations", "sac-uwsa", "table_row", "5.0"), "relations", r'"5.0" is not a whole number'),
    Case("relations-row-words", cell("relations", "sac-uwsa", "table_row", "one"), "relations", r'"one" is not a whole number'),
    Case(
        "relations-row-plus-sign-duplicates-typed",
        cell("relations", "sac-uwsa", "table_row", "+2"),
        "relations",
        r'field "table_row": "2" is a duplicate: line 2 has the same value',
    ),
    Case(
        "relations-row-leading-zero-duplicates",
        cell("relations", "sac-uwsa", "table_row", "02"),
        "relations",
        r'field "table_row": "2" is a duplicate: line 2 has the same value',
    ),
    Case(
        "relations-unknown-fighting",
        cell("relations", "sac-uwsa", "fighting", "heavy"),
        "relations",
        r'field "fighting": "heavy" is not an allowed value',
    ),
    Case(
        "relations-dangling-actor-a",
        cell("relations", "sac-uwsa", "actor_a", "sac-x"),
        "all",
        r'field "actor_a": "sac-x" is not an id in actors\.csv',
    ),
    Case(
        "relations-dangling-actor-b",
        cell("relations", "sac-uwsa", "actor_b", "nobody"),
        "all",
        r'field "actor_b": "nobody" is not an id in actors\.csv',
    ),
    Case(
        "relations-required-empty",
        cell("relations", "sac-uwsa", "dialogue_code", ""),
        "relations",
        r'field "dialogue_code": "" is empty, but this field is required',
    ),
    # institutions.csv
    Case(
        "institutions-bad-established",
        cell("institutions", "jmc", "established", "2015-10-32"),
        "institutions",
        r'field "established": "2015-10-32" is not a date',
    ),
    Case(
        "institutions-unknown-function",
        cell("institutions", "jmc", "functions", "spying"),
        "institutions",
        r'contains "spying", which is not an allowed value',
    ),
    Case(
        "institutions-dangling-period",
        cell("institutions", "jmc", "period", "nld-era"),
        "all",
        r'field "period": "nld-era" is not an id in periods\.csv',
    ),
    Case("institutions-header-only", header_only("institutions"), "institutions", r"no data rows", problems=1),
    # glossary.csv
    Case(
        "glossary-boolean-maybe",
        cell("glossary", "ripeness", "in_brief_acronym_list", "maybe"),
        "glossary",
        r'field "in_brief_acronym_list": "maybe" is not true or false',
    ),
    Case(
        "glossary-boolean-capitalised-is-legal", cell("glossary", "ripeness", "in_brief_acronym_list", "False"), "glossary", None
    ),
    Case("glossary-boolean-digit-is-legal", cell("glossary", "ripeness", "in_brief_acronym_list", "0"), "glossary", None),
    Case(
        "glossary-acronym-without-expansion",
        cell("glossary", "asean", "expansion", ""),
        "glossary",
        r'field "expansion": "" is empty, but an acronym needs its expansion',
    ),
    Case(
        "glossary-unknown-kind",
        cell("glossary", "ripeness", "kind", "idea"),
        "glossary",
        r'field "kind": "idea" is not an allowed value',
    ),
    Case(
        "glossary-vertical-tab",
        cell("glossary", "ripeness", "definition", "a\x0bb"),
        "glossary",
        r"contains the control character '\\x0b'",
    ),
]

# ------------------------------------------------------------------------------------------------
# datapackage.json
# ------------------------------------------------------------------------------------------------


def _drop_resource(name):
    return package(lambda p: p.__setitem__("resources", [r for r in p["resources"] if r["name"] != name]))


PACKAGE_CASES = [
    Case(
        "package-is-a-list",
        package(lambda p: p["resources"], replace=True),
        "package",
        r'datapackage\.json: must be a JSON object with "resources", but is a list',
    ),
    Case("package-is-a-string", put("datapackage.json", '"tables"'), "package", r"must be a JSON object"),
    Case(
        "package-not-json",
        put("datapackage.json", "{ not json"),
        "package",
        r"datapackage\.json, line 1: is not valid JSON: .*\(column 3\)",
    ),
    Case("package-trailing-comma", sub("datapackage.json", '"resources": [', '"resources": [,'), "package", r"is not valid JSON"),
    Case("package-empty", put("datapackage.json", ""), "package", r"datapackage\.json, line 1: is empty"),
    Case("package-missing", remove("datapackage.json"), "package", r"datapackage\.json: is missing"),
    Case("package-is-a-folder", folder("datapackage.json"), "package", r"is a folder, not a file"),
    Case(
        "package-deeply-nested",
        put("datapackage.json", "[" * 100_000),
        "package",
        r"datapackage\.json: (is not usable JSON: it nests too deeply|.*not valid JSON)",
    ),
    Case(
        "package-latin1",
        sub_bytes("datapackage.json", b'"Periods"', b'"P\xe9riodes"'),
        "package",
        r"datapackage\.json, line \d+: .*is not valid UTF-8 \(byte 0xE9\)",
    ),
    Case(
        "package-resources-not-a-list",
        package(lambda p: p.__setitem__("resources", {})),
        "package",
        r'field "resources": must be a list of resources',
    ),
    Case(
        "package-resource-not-an-object",
        package(lambda p: p["resources"].append("x")),
        "package",
        r'field "resources\[\d+\]": must be an object with a "name"',
    ),
    Case("package-missing-table", _drop_resource("glossary"), "package", r"describes no resource named glossary"),
    Case(
        "package-resource-twice",
        package(lambda p: p["resources"].append(dict(p["resources"][0]))),
        "package",
        r'field "resources\[periods\]": is described twice',
    ),
    Case(
        "package-resource-without-schema",
        package(lambda p: resource(p, "events").pop("schema")),
        "package",
        r'field "resources\[events\]\.schema": is missing: a table needs a schema',
    ),
    Case(
        "package-schema-is-a-list",
        package(lambda p: resource(p, "events").__setitem__("schema", [])),
        "package",
        r"schema.: is missing",
    ),
    Case(
        "package-fields-not-a-list",
        package(lambda p: resource(p, "actors")["schema"].__setitem__("fields", {})),
        "package",
        r"fields.: must be a non-empty list of fields",
    ),
    Case(
        "package-field-without-name",
        package(lambda p: resource(p, "actors")["schema"]["fields"][1].pop("name")),
        "package",
        r'fields\[1\]": must be an object with a "name"',
    ),
    Case(
        "package-field-twice",
        package(lambda p: resource(p, "actors")["schema"]["fields"].append(dict(resource(p, "actors")["schema"]["fields"][0]))),
        "package",
        r'fields\[id\]": is declared twice',
    ),
    Case(
        "package-unknown-type",
        package(lambda p: fielddesc(p, "relations", "table_row").__setitem__("type", "number")),
        "package",
        r'fields\[table_row\]\.type": "number" is not a type the loaders read',
    ),
    Case(
        "package-unsupported-format",
        package(lambda p: fielddesc(p, "periods", "start").__setitem__("format", "%d/%m/%Y")),
        "package",
        r'format": "%d/%m/%Y" is not supported',
    ),
    Case(
        "package-unsupported-constraint",
        constrain("actors", "name", jsonSchema={"type": "string"}),
        "package",
        r'constraints\.jsonSchema": is a constraint the loaders do not enforce',
    ),
    Case(
        "package-constraint-wrong-type",
        constrain("periods", "short_label", maxLength="16"),
        "package",
        r'constraints\.maxLength": "16" must be a whole number',
    ),
    Case(
        "package-bad-pattern",
        constrain("actors", "name", pattern="(["),
        "package",
        r'constraints\.pattern": "\(\[" is not a valid regular expression',
    ),
    Case(
        "package-path-escapes",
        package(lambda p: resource(p, "events").__setitem__("path", "../events.csv")),
        "package",
        r'resources\[events\]\.path": "\.\./events\.csv" must be the name of a file in the data folder',
    ),
    Case(
        "package-path-url",
        package(lambda p: resource(p, "events").__setitem__("path", "https://example.org/e.csv")),
        "package",
        r"must be the name of a file in the data folder",
    ),
    Case(
        "package-path-missing",
        package(lambda p: resource(p, "references").pop("path")),
        "package",
        r'resources\[references\]\.path": must be the name of a file',
    ),
    Case(
        "package-primary-key-unknown",
        package(lambda p: resource(p, "actors")["schema"].__setitem__("primaryKey", ["key"])),
        "package",
        r'primaryKey": .* must name fields of this table',
    ),
    Case(
        "package-foreign-key-malformed",
        package(lambda p: resource(p, "events")["schema"]["foreignKeys"][0].pop("reference")),
        "package",
        r'foreignKeys\[0\]": must be one field of this table referring to one field of another table',
    ),
    Case(
        "package-true-values-not-a-list",
        package(lambda p: fielddesc(p, "glossary", "in_brief_acronym_list").__setitem__("trueValues", "yes")),
        "package",
        r"trueValues.: must be a list of strings",
    ),
    Case(
        "package-item-enum-not-a-list",
        package(lambda p: fielddesc(p, "events", "tracks")["tracktwo"].__setitem__("itemEnum", 1)),
        "package",
        r'fields\[tracks\]\.tracktwo\.itemEnum": "1" must be a list of strings',
    ),
    Case(
        "package-endnotes-not-a-number",
        package(lambda p: p["tracktwo"].__setitem__("briefEndnotes", "x")),
        "package",
        r'field "tracktwo\.briefEndnotes": "x" must be a whole number',
    ),
    Case(
        "package-list-reference-unknown-table",
        package(lambda p: fielddesc(p, "events", "actors")["tracktwo"].__setitem__("references", {"resource": "nope"})),
        "package",
        r"tracktwo\.references\": .* must name a table and its field",
    ),
    Case(
        "package-field-renamed",
        package(lambda p: fielddesc(p, "events", "tracks").__setitem__("name", "tracks2")),
        "events",
        r'is the header row, and it has no column "tracks2"',
    ),
    # constraints changed in the package are enforced by the loaders at once
    Case(
        "package-max-length-tightened",
        constrain("periods", "short_label", maxLength=5),
        "periods",
        r'field "short_label": "1948-1988" is 9 characters long; the data package allows at most 5',
    ),
    Case(
        "package-min-length-added",
        constrain("periods", "label", minLength=200),
        "periods",
        r'field "label": .* requires at least 200 \(minLength\)',
    ),
    Case(
        "package-pattern-added",
        constrain("actors", "name", pattern="[A-Z ]+"),
        "actors",
        r'field "name": .* does not have the expected form',
    ),
    Case(
        "package-maximum-lowered",
        constrain("relations", "table_row", maximum=10),
        "relations",
        r'"11" is more than the maximum, 10',
    ),
    Case(
        "package-exclusive-minimum-added",
        constrain("relations", "table_row", exclusiveMinimum=1),
        "relations",
        r'"1" is not more than 1 \(exclusiveMinimum\)',
    ),
    Case(
        "package-enum-narrowed",
        constrain("actors", "type", enum=["state"]),
        "actors",
        r'is not an allowed value \(allowed: state\)',
    ),
    Case(
        "package-unique-added",
        constrain("events", "precision", unique=True),
        "events",
        r'field "precision": "\w+" is a duplicate',
    ),
    Case(
        "package-required-added",
        constrain("events", "note", required=True),
        "events",
        r'field "note": "" is empty, but this field is required',
    ),
    Case(
        "package-true-values-narrowed",
        package(lambda p: fielddesc(p, "glossary", "in_brief_acronym_list").update(trueValues=["yes"], falseValues=["no"])),
        "glossary",
        r'field "in_brief_acronym_list": "(true|false)" is not true or false',
    ),
    Case(
        "package-enum-widened-accepts",
        chain(
            cell("events", "nca-signed", "category", "treaty"),
            package(lambda p: fielddesc(p, "events", "category")["constraints"]["enum"].append("treaty")),
        ),
        "events",
        None,
    ),
]

# ------------------------------------------------------------------------------------------------
# references.bib
# ------------------------------------------------------------------------------------------------

BIB = "references.bib"
BIB_CASES = [
    Case("bib-empty", put(BIB, ""), "bib", r"references\.bib, line 1: is empty: the bibliography needs its entries"),
    Case("bib-whitespace-only", put(BIB, "\n   \n"), "bib", r"is empty: the bibliography"),
    Case("bib-comments-only", put(BIB, "% nothing here\n% at all\n"), "bib", r"references\.bib, line 1: has no entries"),
    Case("bib-is-a-folder", folder(BIB), "bib", r"references\.bib: is a folder, not a file"),
    Case("bib-missing", remove(BIB), "bib", r"references\.bib: is missing"),
    Case(
        "bib-duplicate-key",
        add(BIB, "\n@misc{epfl-8888,\n  title = {Again}\n}\n"),
        "bib",
        r'field "key": "epfl-8888" is a duplicate citation key',
    ),
    Case(
        "bib-unclosed-brace",
        add(BIB, "\n@misc{broken,\n  title = {never closed\n"),
        "bib",
        r'references\.bib, line \d+: is not valid BibTeX: it has an entry "broken" that is never closed',
    ),
    Case(
        "bib-missing-comma",
        sub(BIB, "title     = {Patriotic", "title     = {Patriotic} author = {X}, junk = {"),
        "bib",
        r"is not valid BibTeX: it has a syntax error in entry \"cooper1991patriotic\": .*comma missing",
    ),
    # @string macros and "#" are valid BibTeX, which pybtex reads as Sphinx's bibliography does; an
    # undefined macro is not.
    Case(
        "bib-undefined-macro",
        sub(BIB, "address   = {New York},", "address   = newyork,"),
        "bib",
        r'uses the undefined @string macro "newyork"',
    ),
    Case(
        "bib-concatenation-of-undefined",
        sub(BIB, "address   = {New York},", 'address   = {New} # york,'),
        "bib",
        r'uses the undefined @string macro "york"',
    ),
    Case(
        "bib-latex",
        sub(BIB, "{Patriotic Pacifism", r"{\emph{Patriotic} Pacifism"),
        "bib",
        r'field "title": .* contains a backslash',
    ),
    Case(
        "bib-year-words",
        sub(BIB, "year      = {1991}", "year      = {nineteen}"),
        "bib",
        r'field "year": "nineteen" is not a four-digit year',
    ),
    Case(
        "bib-year-missing",
        sub(BIB, "  year      = {1991},\n", ""),
        "bib",
        r'field "year": "" is missing in @book entry "cooper1991patriotic"',
    ),
    Case(
        "bib-endnote-out-of-range",
        sub(BIB, "endnote   = {1}\n", "endnote   = {1, 39}\n"),
        "bib",
        r'field "endnote": "1, 39" names endnote 39',
    ),
    Case(
        "bib-endnote-words",
        sub(BIB, "endnote   = {1}\n", "endnote   = {one}\n"),
        "bib",
        r'field "endnote": "one" is not a list of endnote numbers',
    ),
    Case(
        "bib-url-not-web",
        add(BIB, "\n@misc{x-url,\n  title = {T},\n  url = {ftp://x}\n}\n"),
        "bib",
        r'field "url": "ftp://x" is not a web address',
    ),
    Case(
        "bib-field-twice",
        sub(BIB, "address   = {New York},", "address   = {New York},\n  address = {Oxford},"),
        "bib",
        r'has the field "address" twice',
    ),
    Case(
        "bib-title-missing",
        add(BIB, "\n@misc{no-title,\n  note = {x}\n}\n"),
        "bib",
        r'field "title": "" is missing or empty in entry "no-title"',
    ),
    Case("bib-bad-key", add(BIB, "\n@misc{,\n  title = {x}\n}\n"), "bib", r"has a syntax error: entry key expected"),
    Case("bib-at-without-type", add(BIB, "\n@ {x}\n"), "bib", r"has a syntax error: a valid name expected"),
    Case(
        "bib-nul-byte",
        sub(BIB, "Patriotic Pacifism", "Patriotic\x00Pacifism"),
        "bib",
        r"references\.bib, line \d+: contains a NUL byte",
    ),
    Case(
        "bib-latin1",
        sub_bytes(BIB, b"Patriotic", b"Patri\xf6tic"),
        "bib",
        r"references\.bib, line \d+: .*not valid UTF-8 \(byte 0xF6\)",
    ),
    Case(
        "bib-removed-entry-dangles",
        lambda d: _remove_bib_entry(d, "wikipedia-1962-coup"),
        "all",
        r'field "other_sources": "wikipedia-1962-coup" is not a citation key in references\.bib',
    ),
]


def _remove_bib_entry(d: Path, key: str) -> None:
    path = d / BIB
    text = path.read_text(encoding="utf-8")
    start = text.index("@misc{" + key + ",")
    end = text.index("\n}\n", start) + 3
    path.write_text(text[:start] + text[end:], encoding="utf-8")


# ------------------------------------------------------------------------------------------------
# YAML: the levels, the scenario cards, the exercise banks
# ------------------------------------------------------------------------------------------------

LV = "part1_levels.yaml"
SC = "ripeness_scenarios.yaml"
DEMO = "exercises/demo.yaml"

YAML_CASES = [
    # the levels of dialogue
    Case(
        "levels-empty-list",
        put(LV, "[]\n"),
        "levels",
        r"part1_levels\.yaml: must be a mapping \(key: value lines\), but is a list \(line 1\)",
    ),
    Case("levels-nested-list", put(LV, "[[1, 2], [3]]\n"), "levels", r"must be a mapping .*but is a list"),
    Case("levels-empty-file", put(LV, ""), "levels", r"part1_levels\.yaml: the file is empty"),
    Case("levels-comments-only", put(LV, "# nothing\n"), "levels", r"the file is empty"),
    Case("levels-scalar", put(LV, "levels\n"), "levels", r"must be a mapping .*but is text"),
    Case(
        "levels-list-where-mapping-belongs",
        transform(LV, lambda t: t[: t.index("drift:")] + "drift: [track-2, track-1]\n"),
        "levels",
        r"'drift': must be a mapping",
    ),
    Case(
        "levels-level-is-a-list",
        sub(LV, "  - id: track-1\n", "  - [track-1]\n  - id: track-x\n"),
        "levels",
        r"level 1: must be a mapping .*but is a list \(line \d+\)",
    ),
    Case(
        "levels-levels-empty",
        sub(LV, "levels:\n", "levels: []\nold:\n"),
        "levels",
        r"'levels': must have at least 2 item\(s\), but has 0",
    ),
    Case(
        "levels-duplicate-top-key",
        add(LV, "\ndrift: {}\n"),
        "levels",
        r"part1_levels\.yaml: line \d+, column 1: duplicate key 'drift' \(first at line 49\)",
    ),
    Case(
        "levels-duplicate-field",
        sub(LV, "    name: Track One\n", "    name: Track One\n    name: DRAFT\n"),
        "levels",
        r"line 10, column 5: duplicate key 'name' \(first at line 9\)",
    ),
    Case(
        "levels-id-upper-case",
        sub(LV, "id: track-1\n", "id: Track-1\n"),
        "levels",
        r"level 1 'Track-1', field 'id': must be an id of lower-case letters.* \(found 'Track-1'\) \(line 8\)",
    ),
    Case(
        "levels-id-yes",
        sub(LV, "id: track-1\n", "id: yes\n"),
        "levels",
        r"level 1, field 'id': must be an id .*: yes is read by YAML as the boolean true: write 'yes' in quotes",
    ),
    Case("levels-id-off", sub(LV, "id: track-1\n", "id: off\n"), "levels", r"off is read by YAML as the boolean false"),
    Case(
        "levels-id-number",
        sub(LV, "id: track-1\n", "id: 1962\n"),
        "levels",
        r"1962 is read by YAML as a number: write '1962' in quotes",
    ),
    Case("levels-id-date", sub(LV, "id: track-1\n", "id: 2021-02-01\n"), "levels", r"2021-02-01 is read by YAML as a date"),
    Case(
        "levels-name-null",
        sub(LV, "name: Track One\n", "name:\n"),
        "levels",
        r"field 'name': must be non-empty text .*read by YAML as 'no value'",
    ),
    Case(
        "levels-official-too-high",
        sub(LV, "official: 3\n", "official: 5\n"),
        "levels",
        r"level 1 'track-1', field 'official': must be a whole number from 0 to 3 \(found 5\)",
    ),
    Case(
        "levels-official-yes",
        sub(LV, "official: 3\n", "official: yes\n"),
        "levels",
        r"field 'official': must be a whole number from 0 to 3 \(found yes, which YAML reads as the boolean true\)",
    ),
    Case(
        "levels-official-words",
        sub(LV, "official: 3\n", "official: high\n"),
        "levels",
        r"field 'official': must be a whole number from 0 to 3 \(found 'high'\)",
    ),
    Case(
        "levels-missing-field",
        sub(LV, "    who: Professional", "    whom: Professional"),
        "levels",
        r"level 1 'track-1', field 'who': missing|unknown field",
    ),
    Case(
        "levels-unknown-field",
        sub(LV, "    name: Track One\n", "    name: Track One\n    colour: red\n"),
        "levels",
        r"level 1 'track-1': unknown field\(s\) 'colour' \(line 10\)",
    ),
    Case(
        "levels-repeated-id",
        sub(LV, "id: track-15\n", "id: track-1\n"),
        "levels",
        r"level 2 'track-1', field 'id': repeated \(level 1 has the same id\)",
    ),
    Case(
        "levels-drift-unknown-level",
        sub(LV, "path: [track-2, track-15, track-1]", "path: [track-2, track-9]"),
        "levels",
        r"drift, field 'path': 'track-9' is not a level id",
    ),
    Case(
        "levels-unknown-source",
        sub(LV, "sources: [jones2021myanmar, wikipedia-track-ii]", "sources: [nobody2099]"),
        "levels",
        r"level 1 'track-1', field 'sources': 'nobody2099' is not a key in references\.bib \(line \d+\)",
    ),
    Case(
        "levels-text-too-long",
        sub(LV, "name: Track One\n", "name: " + "w" * 5000 + "\n"),
        "levels",
        r"field 'name': must be non-empty text \(at most 2,000 characters\) \(found 'w+\.\.\.w+'\)",
    ),
    Case(
        "levels-anchor",
        sub(LV, "name: Track One\n", "name: &n Track One\n"),
        "levels",
        r"line 9, column 11: uses an anchor \(&\): anchors and aliases are not allowed",
    ),
    Case("levels-billion-laughs", put(LV, LAUGHS), "levels", r"uses an anchor"),
    Case("levels-merge-key", put(LV, "a: {x: 1}\nb:\n  <<: {x: 1}\n"), "levels", r"merge key \(<<\)"),
    Case("levels-deep-brackets", put(LV, DEEP), "levels", r"is not valid YAML: exceeded maximum nesting depth|nest"),
    Case(
        "levels-deep-block",
        put(LV, "".join("  " * i + f"k{i}:\n" for i in range(60)) + "  " * 60 + "v: 1\n"),
        "levels",
        r"nests lists or mappings more than 40 levels deep",
    ),
    Case(
        "levels-tab-indent",
        sub(LV, "    name: Track One\n", "\tname: Track One\n"),
        "levels",
        r"line 9, column 1: is not valid YAML: .*use spaces, not tabs",
    ),
    Case(
        "levels-latin1",
        sub_bytes(LV, b"Track One", b"Tr\xe4ck One"),
        "levels",
        r"part1_levels\.yaml: line 9, column 13: byte 0xE4 is not UTF-8 \(it looks like Latin-1",
    ),
    Case(
        "levels-nul-byte",
        sub(LV, "Track One", "Track\x00One"),
        "levels",
        r"line 9, column 16: is not valid YAML: control characters are not allowed",
    ),
    Case(
        "levels-over-1mb",
        put(LV, "# " + "x" * 1_000_000 + "\n"),
        "levels",
        r"part1_levels\.yaml: is 1,000,003 bytes; a course YAML file may be at most 1,000,000 bytes",
    ),
    Case("levels-is-a-folder", folder(LV), "levels", r"part1_levels\.yaml: is a folder"),
    Case("levels-missing", remove(LV), "levels", r"part1_levels\.yaml: file not found"),
    Case(
        "levels-integer-key",
        sub(LV, "    name: Track One\n", "    name: Track One\n    1: x\n"),
        "levels",
        r"line 10, column 5: the key 1 is read by YAML as a number, not as text: write it in quotes, '1'",
    ),
    Case(
        "levels-on-key",
        sub(LV, "    name: Track One\n", "    name: Track One\n    on: x\n"),
        "levels",
        r"the key on is read by YAML as the boolean true, not as text: write it in quotes, 'on'",
    ),
    Case(
        "levels-unquoted-colon",
        sub(LV, "name: Track One\n", "name: Track: One\n"),
        "levels",
        r"line 9, column 16: is not valid YAML: mapping values are not allowed.*must be put in quotes",
    ),
    Case(
        "levels-python-tag",
        sub(LV, "name: Track One\n", "name: !!python/object:os.system x\n"),
        "levels",
        r"is not valid YAML: could not determine a constructor",
    ),
    Case(
        "levels-unclosed-bracket",
        sub(LV, "sources: [jones2021myanmar, wikipedia-track-ii]", "sources: [jones2021myanmar"),
        "levels",
        r"is not valid YAML",
    ),
    Case(
        "levels-bad-bibliography",
        put(BIB, ""),
        "levels",
        r"part1_levels\.yaml: its citation keys cannot be checked, because the bibliography beside it is invalid",
    ),
    # scenario cards
    Case(
        "scenarios-duplicate-key-in-card",
        sub(
            SC,
            "    title: The military regime and the ethnic armed organisations, 2021\n",
            "    title: The military regime and the ethnic armed organisations, 2021\n    title: DRAFT do not publish\n",
        ),
        "scenarios",
        r"ripeness_scenarios\.yaml: line \d+, column 5: duplicate key 'title' \(first at line \d+\)",
    ),
    Case(
        "scenarios-mixed-key-types",
        sub(SC, "efforts:\n", "efforts:\n  1: one\n"),
        "scenarios",
        r"line 21, column 3: the key 1 is read by YAML as a number",
    ),
    Case(
        "scenarios-yes-key",
        sub(SC, "efforts:\n", "efforts:\n  yes: one\n"),
        "scenarios",
        r"the key yes is read by YAML as the boolean true",
    ),
    Case(
        "scenarios-repeated-card-id",
        sub(SC, "id: sac-opposition-2021", "id: sac-eaos-2021"),
        "scenarios",
        r"card 2 'sac-eaos-2021', field 'id': repeated \(card 1 has the same id\) \(line \d+\)",
    ),
    Case(
        "scenarios-card-id-no",
        sub(SC, "id: sac-eaos-2021", "id: no"),
        "scenarios",
        r"card 1, field 'id': .*no is read by YAML as the boolean false: write 'no' in quotes",
    ),
    Case("scenarios-too-few-cards", lambda d: _keep_cards(d, 3), "scenarios", r"'scenarios': must be a list of at least 4 cards"),
    Case(
        "scenarios-is-a-mapping",
        sub(SC, "scenarios:\n", "scenarios:\n  x: 1\nold:\n"),
        "scenarios",
        r"'scenarios': must be a list of at least 4 cards",
    ),
    Case(
        "scenarios-efforts-is-a-list",
        sub(SC, "efforts:\n  formula:", "efforts:\n- formula:"),
        "scenarios",
        r"'efforts': must describe exactly formula",
    ),
    Case("scenarios-effort-missing", lambda d: _drop_effort(d, "manage"), "scenarios", r"'efforts': must describe exactly"),
    Case(
        "scenarios-unknown-source",
        sub(SC, "sources: [jones2021myanmar, zartman2000ripeness]", "sources: [nobody2099]"),
        "scenarios",
        r"effort 'formula', field 'sources': 'nobody2099' is not a key in references\.bib",
    ),
    Case(
        "scenarios-summary-no",
        lambda d: _card_field(d, "summary", "no"),
        "scenarios",
        r"card 1 'sac-eaos-2021', field 'summary': must be non-empty text.*: no is read by YAML as the boolean false",
    ),
    Case(
        "scenarios-parties-three",
        lambda d: _card_field(d, "parties", "[a, b, c]"),
        "scenarios",
        r"field 'parties': must name exactly two parties",
    ),
    Case(
        "scenarios-points-empty",
        lambda d: _card_field(d, "points", "[]"),
        "scenarios",
        r"field 'points': must be a non-empty list of text",
    ),
    Case("scenarios-billion-laughs", put(SC, LAUGHS), "scenarios", r"uses an anchor"),
    Case("scenarios-alias-in-card", lambda d: _card_field(d, "summary", "*x"), "scenarios", r"uses an alias \(\*\)"),
    Case("scenarios-deep-brackets", put(SC, DEEP), "scenarios", r"nesting depth|nest"),
    Case("scenarios-is-a-list", put(SC, "- a\n- b\n"), "scenarios", r"must be a mapping .*but is a list"),
    Case("scenarios-empty", put(SC, ""), "scenarios", r"the file is empty"),
    Case("scenarios-latin1", sub_bytes(SC, b"ethnic armed", b"\xe9thnic armed"), "scenarios", r"line \d+, column \d+: byte 0xE9"),
    Case(
        "scenarios-unknown-card-field",
        lambda d: _card_field(d, "rating", "ripe"),
        "scenarios",
        r"card 1 'sac-eaos-2021': unknown field\(s\) 'rating' \(line \d+\)",
    ),
]


def _keep_cards(d: Path, n: int) -> None:
    path = d / SC
    text = path.read_text(encoding="utf-8")
    head, _, cards = text.partition("\nscenarios:\n")
    parts = cards.split("\n  - id: ")
    path.write_text(head + "\nscenarios:\n" + "\n  - id: ".join(parts[:n]) + "\n", encoding="utf-8")


def _drop_effort(d: Path, effort: str) -> None:
    import yaml

    path = d / SC
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    del data["efforts"][effort]
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")


def _card_field(d: Path, name: str, value: str) -> None:
    """Set a field of the first card to raw YAML text (the first line after its id)."""
    path = d / SC
    text = path.read_text(encoding="utf-8")
    anchor = "  - id: sac-eaos-2021\n"
    lines = text.split(anchor, 1)
    body = lines[1].split("\n")
    body = [ln for ln in body if not ln.startswith(f"    {name}:")] if name in ("summary", "parties", "points") else body
    if name in ("points",):  # drop the old block list that followed
        out, skipping = [], False
        for ln in lines[1].split("\n"):
            if ln.startswith("    points:"):
                skipping = True
                continue
            if skipping and ln.startswith("      "):
                continue
            skipping = False
            out.append(ln)
        body = out
    if name == "summary":  # the summary is a folded block: drop its continuation lines too
        out, skipping = [], False
        for ln in lines[1].split("\n"):
            if ln.startswith("    summary:"):
                skipping = True
                continue
            if skipping and ln.startswith("      "):
                continue
            skipping = False
            out.append(ln)
        body = out
    path.write_text(lines[0] + anchor + f"    {name}: {value}\n" + "\n".join(body), encoding="utf-8")


def _bank_item(old: str, new: str) -> Mutation:
    return sub(DEMO, old, new)


def _bank_items_emptied() -> Mutation:
    """The bank's header kept, its items list emptied."""

    def mutate(d: Path) -> None:
        path = d / DEMO
        text = path.read_text(encoding="utf-8")
        path.write_text(text[: text.index("\nitems:")] + "\nitems: []\n", encoding="utf-8")

    return mutate


BANK_CASES = [
    Case(
        "bank-billion-laughs-in-text",
        sub(
            DEMO,
            "title: Practice exercises on the brief\n",
            "title: Practice exercises on the brief\nx-laughs:\n" + "".join("  " + ln + "\n" for ln in LAUGHS.splitlines()),
        ),
        "bank:demo",
        r"demo\.yaml: line \d+, column \d+: uses an anchor",
    ),
    Case(
        "bank-laughs-as-prompt",
        sub(DEMO, "title: Practice exercises on the brief\n", "title: &t Practice exercises on the brief\ndescription: *t\n"),
        "bank:demo",
        r"uses an anchor \(&\)",
    ),
    Case("bank-deep-brackets", put(DEMO, DEEP), "bank:demo", r"demo\.yaml: line 1, column \d+: is not valid YAML"),
    Case(
        "bank-answer-yes",
        _bank_item("    answer: two-to-one\n", "    answer: yes\n"),
        "bank:demo",
        r"item 'oslo-talks', field 'answer': is not a string: yes is read by YAML as the boolean true: write "
        r"'yes' in quotes",
    ),
    Case(
        "bank-option-id-no",
        _bank_item("      - id: one-to-two\n", "      - id: no\n"),
        "bank:demo",
        r"field 'options\[0\]\.id': is not a string: no is read by YAML as the boolean false",
    ),
    Case(
        "bank-option-id-number",
        _bank_item("      - id: one-to-two\n", "      - id: 1962\n"),
        "bank:demo",
        r"1962 is read by YAML as a number",
    ),
    # an empty bank, a list or a bare string: said in plain words, with what a bank is (no "type 'object'")
    Case(
        "bank-empty",
        put(DEMO, ""),
        "bank:demo",
        r"demo\.yaml: the file is empty: an exercise bank is a set of named fields, each at the start of a line: "
        r"bank, title, objectives and items \(see docs/exercise-format\.md",
    ),
    Case("bank-comments-only", put(DEMO, "# to do\n"), "bank:demo", r"demo\.yaml: the file is empty: an exercise bank is"),
    Case(
        "bank-list-shaped",
        transform(DEMO, lambda t: "\n".join("- " + json.dumps(ln) for ln in t.splitlines())),
        "bank:demo",
        r"demo\.yaml: the file is a list \(its lines start with \"- \"\), with \d+ entries, not a bank: an exercise bank is",
    ),
    Case(
        "bank-bare-string",
        put(DEMO, "oslo talks and the readiness question\n"),
        "bank:demo",
        r"demo\.yaml: the file holds only the value 'oslo talks and the.*', not a bank: an exercise bank is",
    ),
    Case(
        "bank-no-items",
        _bank_items_emptied(),
        "bank:demo",
        r"demo\.yaml: field 'items': is empty: the bank has no exercises yet; add at least one item under 'items'",
    ),
    Case("bank-bare-number", put(DEMO, "1.5\n"), "bank:demo", r"the file holds only the value 1\.5, not a bank"),
    Case(
        "bank-duplicate-key",
        _bank_item("title: Practice exercises on the brief\n", "title: Practice exercises on the brief\ntitle: DRAFT\n"),
        "bank:demo",
        r"demo\.yaml: line \d+, column 1: duplicate key 'title' \(first at line \d+\)",
    ),
    Case(
        "bank-duplicate-item",
        _bank_item("  - id: readiness\n", "  - id: oslo-talks\n"),
        "bank:demo",
        r"another item in this bank has the same id|same id",
    ),
    Case("bank-id-mismatch", _bank_item("bank: demo\n", "bank: other\n"), "bank:demo", r"field 'bank': is 'other'"),
    Case(
        "bank-latin1",
        sub_bytes(DEMO, b"Practice exercises", b"Pr\xe4ctice exercises"),
        "bank:demo",
        r"demo\.yaml: line \d+, column 10: byte 0xE4 is not UTF-8",
    ),
    Case(
        "bank-tab",
        _bank_item("  - id: oslo-talks\n    type", "  - id: oslo-talks\n\ttype"),
        "bank:demo",
        r"line \d+, column 1: is not valid YAML: .*use spaces, not tabs",
    ),
    Case("bank-over-1mb", put(DEMO, "# " + "x" * 1_100_000), "bank:demo", r"demo\.yaml: is 1,100,002 bytes"),
    Case(
        "bank-long-option-id",
        _bank_item("      - id: one-to-two\n", "      - id: " + "a" * 10_000 + "\n"),
        "bank:demo",
        r"'a{20,}\.\.\.a*' is not a valid id: .*at most 60 characters",
    ),
    Case("bank-unknown-type", _bank_item("    type: single\n", "    type: dragdrop\n"), "bank:demo", r"unknown type 'dragdrop'"),
    Case(
        "bank-unknown-answer",
        _bank_item("    answer: two-to-one\n", "    answer: zz\n"),
        "bank:demo",
        r"'zz' is not one of the option ids",
    ),
    Case(
        "bank-nul-byte",
        _bank_item("Practice exercises", "Practice\x00exercises"),
        "bank:demo",
        r"line \d+, column 16: .*control characters are not allowed",
    ),
    Case(
        "bank-integer-key",
        _bank_item("objectives:\n", "objectives:\n  1962: a year\n"),
        "bank:demo",
        r"the key 1962 is read by YAML as a number",
    ),
    Case("bank-is-a-folder", folder(DEMO), "bank:demo", r"demo\.yaml: is a folder"),
]

CH = "maps/channels.yaml"
WP = "workshop/plans.yaml"
WS = "workshop/simulation.yaml"
NT = "maps/notation.json"

OTHER_YAML_CASES = [
    # the channels map (data/maps/) and the workshop kit (data/workshop/) use the same safe reader
    Case(
        "channels-duplicate-key",
        sub(CH, "id: channels\n", "id: channels\nid: draft\n"),
        "channels",
        r"channels\.yaml: line \d+, column 1: duplicate key 'id' \(first at line \d+\)",
    ),
    Case("channels-billion-laughs", put(CH, LAUGHS), "channels", r"channels\.yaml: line 1, column 4: uses an anchor"),
    Case("channels-deep-brackets", put(CH, DEEP), "channels", r"channels\.yaml: line 1, column \d+: is not valid YAML"),
    Case(
        "channels-latin1",
        sub_bytes(CH, b"Dialogue channels after", b"Dialogue ch\xe4nnels after"),
        "channels",
        r"channels\.yaml: line \d+, column \d+: byte 0xE4 is not UTF-8",
    ),
    Case("channels-empty", put(CH, ""), "channels", r"channels\.yaml: the file is empty"),
    Case(
        "channels-list",
        put(CH, "- a\n- b\n"),
        "channels",
        r"channels\.yaml: must be a mapping \(key: value lines\), but is a list",
    ),
    Case("channels-is-a-folder", folder(CH), "channels", r"channels\.yaml: is a folder"),
    # a number where the schema wants text (track 1.5 for "1.5"): say to quote it
    Case(
        "channels-track-number",
        sub(CH, 'track: "1.5"\n', "track: 1.5\n"),
        "channels",
        r"channels\.yaml: channel '[a-z0-9-]+', field 'track': must be text: 1\.5 is read by YAML as a number: write '1\.5' in quotes",
    ),
    Case(
        "channels-best-number",
        sub(CH, 'best: "1.5"\n', "best: 1.5\n"),
        "channels",
        r"field 'placing\.track\.best': must be text: 1\.5 is read by YAML as a number: write '1\.5' in quotes",
    ),
    Case(
        "channels-integer-key",
        sub(CH, "id: channels\n", "id: channels\n1962: coup\n"),
        "channels",
        r"the key 1962 is read by YAML as a number",
    ),
    Case("channels-over-1mb", put(CH, "# " + "x" * 1_100_000), "channels", r"channels\.yaml: is 1,100,002 bytes"),
    Case(
        "workshop-plans-duplicate-key",
        sub(WP, "plans:\n", "plans: []\nplans:\n"),
        "plans",
        r"plans\.yaml: line \d+, column 1: duplicate key 'plans'",
    ),
    Case("workshop-plans-anchor", sub(WP, "plans:\n", "x: &a 1\nplans:\n"), "plans", r"uses an anchor"),
    Case("workshop-plans-syntax", add(WP, "\n  - [unclosed\n"), "plans", r"plans\.yaml: line \d+, column \d+: is not valid YAML"),
    Case("workshop-plans-nul", sub(WP, "plans:\n", "plans:\n# a\x00b\n"), "plans", r"control characters are not allowed"),
    Case(
        "workshop-simulation-deep",
        put(WS, DEEP),
        "simulation",
        r"simulation\.yaml: line 1, column \d+: is not valid YAML: exceeded maximum nesting depth",
    ),
    Case(
        "workshop-simulation-list",
        put(WS, "- a\n"),
        "simulation",
        r"simulation\.yaml: must be a mapping \(key: value lines\), but is a list \(line 1\)",
    ),
    # the notation (JSON, read by the same checked-YAML loader)
    Case(
        "notation-duplicate-key",
        sub(NT, '"note": ', '"note": "x",\n "note": '),
        "notation",
        r"notation\.json: line \d+, column \d+: duplicate key 'note'",
    ),
    Case(
        "notation-unclosed",
        put(NT, '{"about": "x", "nodes": ['),
        "notation",
        r"notation\.json: line \d+, column \d+: is not valid YAML",
    ),
    Case("notation-empty", put(NT, ""), "notation", r"notation\.json: the file is empty"),
    Case(
        "notation-width-text",
        sub(NT, '"width": 4', '"width": "4"'),
        "notation",
        r"notation\.json: line kind 'alliance', field 'width'",
    ),
    Case(
        "notation-unknown-line",
        sub(NT, '"line": "dotted"', '"line": "wavy"'),
        "notation",
        r"notation\.json: line kind 'informal', field 'line'",
    ),
    Case(
        "notation-drawn-alike",
        sub(NT, '"line": "double", "width": 4', '"line": "solid", "width": 2'),
        "notation",
        r"notation\.json: line kind 2 \('alliance'\) is drawn like 'close'",
    ),
]

ALL_CASES = CSV_CASES + PACKAGE_CASES + BIB_CASES + YAML_CASES + BANK_CASES + OTHER_YAML_CASES


def fresh_copy(source: Path, target: Path) -> Path:
    shutil.copytree(source, target)
    return target


# ------------------------------------------------------------------------------------------------
# Learners' files: maps and worksheets a learner imports (tracktwo.data.learner_files)
# ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LearnerCase:
    id: str
    kind: str  # map-json | map-csv | sheet-json | sheet-csv | timeline-json | timeline-csv | tracks-json | tracks-csv
    name: str  # the file's name, which the message must start with
    content: bytes | str
    expect: str  # regex the one message must match

    def importer(self):
        from tracktwo.maps import learner, timeline_tool, tracks, worksheet

        return {
            "map-json": learner.from_json,
            "map-csv": learner.from_csv,
            "sheet-json": worksheet.sheet_from_json,
            "sheet-csv": worksheet.sheet_from_csv,
            "timeline-json": timeline_tool.from_json,
            "timeline-csv": timeline_tool.from_csv,
            "tracks-json": tracks.from_json,
            "tracks-csv": tracks.from_csv,
        }[self.kind]


def _good_map() -> dict:
    return {
        "format": "tracktwo-learner-map",
        "version": 2,
        "title": "Valley",
        "viewpoint": "ours",
        "date": "today",
        "actors": [
            {"id": "a1", "name": "Farmers", "type": "group", "power": 2, "party": "inside"},
            {"id": "a2", "name": "Mill owners", "type": "organisation", "power": 4, "party": "inside"},
        ],
        "relationships": [{"id": "r1", "source": "a1", "target": "a2", "kind": "discord"}],
        "issues": [{"id": "s1", "label": "Water", "actors": ["a1", "a2"]}],
    }


def _good_sheet() -> dict:
    return {
        "format": "tracktwo-worksheet",
        "version": 1,
        "tool": "onion",
        "title": "Valley",
        "viewpoint": "ours",
        "date": "today",
        "parties": [{"name": "Farmers", "entries": {"positions": ["Keep the river"]}}],
    }


def _good_timeline() -> dict:
    return {
        "format": "tracktwo-timeline",
        "version": 1,
        "title": "Valley",
        "viewpoint": "hill villages",
        "date": "today",
        "events": [{"id": "e1", "date": "2021-02", "title": "Licence", "note": "not asked"}],
    }


def _timeline_csv() -> str:
    from tracktwo.maps.timeline_tool import to_csv

    return to_csv(_good_timeline())


def _good_tracks() -> dict:
    return {
        "format": "tracktwo-tracks-map",
        "version": 1,
        "title": "Valley",
        "viewpoint": "ours",
        "date": "today",
        "initiatives": [{"id": "i1", "name": "Elders", "level": "track-2"}, {"id": "i2", "name": "Ministry", "level": "track-1"}],
        "links": [{"id": "l1", "source": "i1", "target": "i2", "kind": "influence"}],
    }


def _tracks_csv() -> str:
    from tracktwo.maps.tracks import to_csv

    return to_csv(_good_tracks())


def _map_csv() -> str:
    from tracktwo.maps.learner import to_csv

    return to_csv(_good_map())


def _sheet_csv() -> str:
    from tracktwo.maps.worksheet import sheet_to_csv

    return sheet_to_csv(_good_sheet())


def _semicolons(text: str) -> str:
    rows = list(csv.reader(io.StringIO(text, newline="")))
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(rows)
    return out.getvalue()


def _json(data) -> str:
    return json.dumps(data)


def _with(data: dict, path: list, value) -> dict:
    data = json.loads(json.dumps(data))
    node = data
    for p in path[:-1]:
        node = node[p]
    node[path[-1]] = value
    return data


SEMI = "separated by semicolons \\(;\\), not commas, as some spreadsheets save CSV; save it again as \"CSV UTF-8"


def _learner_cases() -> list[LearnerCase]:
    m, s = _good_map(), _good_sheet()
    mc, sc = _map_csv(), _sheet_csv()
    long_name = "N" * 1200
    return [
        # separators: a spreadsheet's ";" (and tabs), said as such with what to do
        LearnerCase(
            "map-csv-semicolons", "map-csv", "valley.csv", _semicolons(mc), "row 1 \\(the header\\): the columns are " + SEMI
        ),
        LearnerCase("map-csv-semicolons-bom", "map-csv", "valley.csv", "\ufeff" + _semicolons(mc), SEMI),
        LearnerCase(
            "sheet-csv-semicolons", "sheet-csv", "onion.csv", _semicolons(sc), "row 1 \\(the header\\): the columns are " + SEMI
        ),
        LearnerCase("map-csv-tabs", "map-csv", "valley.csv", mc.replace(",", "\t"), r"separated by tabs, not commas"),
        # an unclosed quote: said as such, with the row (not a count of cells)
        LearnerCase(
            "map-csv-unclosed-quote",
            "map-csv",
            "valley.csv",
            mc.replace("Mill owners", '"Mill owners'),
            r"^valley\.csv: row 4 field \"name\": unclosed quote: the cell opens a quote \(\"\) that is never closed; close it",
        ),
        LearnerCase(
            "sheet-csv-unclosed-quote",
            "sheet-csv",
            "onion.csv",
            sc + 'entry,,,,,Farmers,needs,"Water\r\n',
            r"^onion\.csv: row 5 field \"text\": unclosed quote",
        ),
        # a key twice in one JSON object: the key and where
        LearnerCase(
            "map-json-repeated-top-key",
            "map-json",
            "valley.json",
            _json(m).replace('"title": "Valley"', '"title": "Valley", "title": "Hill"'),
            r'the key "title" appears twice in one object \(at the top level\)',
        ),
        LearnerCase(
            "map-json-repeated-key-in-actor",
            "map-json",
            "valley.json",
            _json(m).replace('"name": "Farmers"', '"name": "Farmers", "name": "Herders"'),
            r'the key "name" appears twice in one object \(at "actors", item 1\)',
        ),
        LearnerCase(
            "sheet-json-repeated-key",
            "sheet-json",
            "onion.json",
            _json(s).replace('"positions": ["Keep the river"]', '"positions": ["a"], "positions": ["b"]'),
            r'the key "positions" appears twice in one object \(at "parties", item 1, "entries"\)',
        ),
        # a 1,200-character name: too long, with the limit (not "missing")
        LearnerCase(
            "map-json-1200-char-name",
            "map-json",
            "valley.json",
            _json(_with(m, ["actors", 0, "name"], long_name)),
            r"actor 1 field 'name' is 1,200 characters long; the most is 200: shorten it",
        ),
        LearnerCase(
            "map-json-1200-char-title",
            "map-json",
            "valley.json",
            _json(_with(m, ["title"], long_name)),
            r'field "title" is 1,200 characters long; the most is 200',
        ),
        LearnerCase(
            "map-csv-1200-char-name",
            "map-csv",
            "valley.csv",
            mc.replace("Farmers", long_name),
            r"row 3 \(actor 1\) field 'name' is 1,200 characters long; the most is 200",
        ),
        LearnerCase(
            "sheet-json-1200-char-party",
            "sheet-json",
            "onion.json",
            _json(_with(s, ["parties", 0, "name"], long_name)),
            r"party 1 field 'name' is 1,200 characters long; the most is 300",
        ),
        LearnerCase(
            "map-json-empty-name-is-missing",
            "map-json",
            "valley.json",
            _json(_with(m, ["actors", 0, "name"], " ")),
            r"actor 1 field 'name' is missing or empty",
        ),
        # truncated, empty, not JSON, deep, not UTF-8, huge
        LearnerCase("map-json-truncated", "map-json", "valley.json", _json(m)[:150], r"ends too soon, as if cut short"),
        LearnerCase("map-json-empty", "map-json", "valley.json", "", r"the file is empty; it is not a map file"),
        LearnerCase("map-csv-empty", "map-csv", "valley.csv", "", r"the file is empty \(expected a header row: record,id,name,"),
        LearnerCase("map-json-deep", "map-json", "valley.json", "[" * 50_000, r"nested more than 20 levels deep"),
        LearnerCase(
            "sheet-json-latin1",
            "sheet-json",
            "onion.json",
            _json(s).replace("Farmers", "Caf\u00e9").encode("latin-1"),
            r"not UTF-8 text \(byte \d+\); save it as UTF-8",
        ),
        LearnerCase("map-csv-huge", "map-csv", "valley.csv", mc + "x" * 600_000, r"at most 512000 bytes"),
        LearnerCase(
            "map-json-wrong-format",
            "map-json",
            "valley.json",
            _json(_good_sheet()),
            r"field 'format' is \"tracktwo-worksheet\", not \"tracktwo-learner-map\"",
        ),
        LearnerCase("map-json-a-list", "map-json", "valley.json", "[1, 2]", r"the file is not a map"),
        # the perspective timeline and the multi-track map (tracktwo.maps.timeline_tool, tracktwo.maps.tracks)
        LearnerCase(
            "timeline-json-truncated",
            "timeline-json",
            "mine.json",
            _json(_good_timeline())[:60],
            r"ends too soon, as if cut short",
        ),
        LearnerCase(
            "timeline-json-a-map",
            "timeline-json",
            "mine.json",
            _json(m),
            r"field 'format' is \"tracktwo-learner-map\", not \"tracktwo-timeline\"",
        ),
        LearnerCase(
            "timeline-csv-bad-date",
            "timeline-csv",
            "mine.csv",
            _timeline_csv().replace("2021-02", "Feb 2021"),
            r"^mine.csv: row 3 \(event 1\) field 'date' is \"Feb 2021\"; write YYYY, YYYY-MM or YYYY-MM-DD",
        ),
        LearnerCase(
            "timeline-csv-semicolons", "timeline-csv", "mine.csv", _timeline_csv().replace(",", ";"), r"separated by semicolons"
        ),
        LearnerCase(
            "tracks-csv-bad-level",
            "tracks-csv",
            "tracks.csv",
            _tracks_csv().replace(",track-2,", ",track-9,"),
            r"^tracks.csv: row 3 \(initiative 1\) field 'level' is \"track-9\", not one of track-1",
        ),
        LearnerCase(
            "tracks-json-key-twice",
            "tracks-json",
            "tracks.json",
            _json(_good_tracks()).replace('"title": "Valley"', '"title": "Valley", "title": "X"'),
            r"the key \"title\" appears twice",
        ),
        LearnerCase(
            "map-json-nan", "map-json", "valley.json", _json(m).replace('"power": 2', '"power": NaN'), r"NaN is not a JSON number"
        ),
    ]


LEARNER_FILE_CASES = _learner_cases()
