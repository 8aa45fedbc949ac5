"""Reading one CSV table's text and rows, with every problem named by file, line and field.

The first real problem comes first and its knock-on effects are not listed: a file separated by
semicolons gets one message saying so (not a dozen header complaints), a header-only file is "no
rows" (and the tables that refer to it are not then reported as dangling), and a file that cannot
be read at all stops there.
"""

from __future__ import annotations

import csv
import io
import re
import sys
from pathlib import Path
from collections.abc import Sequence

from .limits import MAX_FILE_BYTES, MAX_ROWS
from .problems import Problem, shorten

# A legal cell may be as long as the largest file; the csv module's default limit is 128 KB.
if csv.field_size_limit() < MAX_FILE_BYTES + 1:
    csv.field_size_limit(min(sys.maxsize, MAX_FILE_BYTES + 1))

#: Control characters no cell may hold (NUL and friends); tab, line feed and carriage return are text.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

# ------------------------------------------------------------------------------------------------
# Reading a file's text
# ------------------------------------------------------------------------------------------------


def read_file_text(
    path: Path, shown: str, problems: list[Problem], empty_message: str, empty_field: str | None = None
) -> str | None:
    """The file's UTF-8 text (BOM dropped), or None with one problem appended: missing, a folder,
    unreadable, larger than MAX_FILE_BYTES, empty, or not UTF-8 (naming the line, and the cell
    when ``empty_field`` says this is a table)."""
    try:
        if path.is_dir():
            problems.append(Problem(shown, None, None, None, "is a folder, not a file"))
            return None
        size = path.stat().st_size
    except FileNotFoundError:
        problems.append(Problem(shown, None, None, None, f"is missing (looked in {path.parent})"))
        return None
    except OSError as exc:
        problems.append(Problem(shown, None, None, None, f"cannot be read ({exc.strerror or type(exc).__name__})"))
        return None
    if size > MAX_FILE_BYTES:
        problems.append(
            Problem(
                shown,
                None,
                None,
                None,
                f"is {size:,} bytes; a course data file may be at most {MAX_FILE_BYTES:,} bytes (is this the right file?)",
            )
        )
        return None
    try:
        raw = path.read_bytes()
    except OSError as exc:
        problems.append(Problem(shown, None, None, None, f"cannot be read ({exc.strerror or type(exc).__name__})"))
        return None
    if not raw.strip():
        problems.append(Problem(shown, 1, empty_field, "" if empty_field else None, empty_message))
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        problems.append(_not_utf8(raw, exc, shown, table=empty_field is not None))
        return None
    return text[1:] if text.startswith("\ufeff") else text


def _not_utf8(raw: bytes, exc: UnicodeDecodeError, shown: str, table: bool) -> Problem:
    line_no = raw.count(b"\n", 0, exc.start) + 1
    bad = raw[exc.start : exc.start + 1].hex().upper()
    line_start = raw.rfind(b"\n", 0, exc.start) + 1
    line_end = raw.find(b"\n", exc.start)
    line_bytes = raw[line_start : line_end if line_end >= 0 else len(raw)][:4000]
    shown_line = line_bytes.decode("utf-8", errors="backslashreplace").rstrip("\r")
    field, value = None, shown_line
    guess = " (it looks like Latin-1 or Windows-1252)" if raw[exc.start] >= 0x80 else ""
    if table:
        try:
            first_line = raw[: raw.find(b"\n")] if b"\n" in raw else raw
            header = next(csv.reader(io.StringIO(first_line.decode("utf-8", "replace"))))
            cells = next(csv.reader(io.StringIO(shown_line)))
            for i, cell in enumerate(cells):
                if "\\x" in cell:
                    value = cell
                    field = header[i] if line_no > 1 and i < len(header) else None
                    break
        except (csv.Error, StopIteration):
            pass
    return Problem(shown, line_no, field, value, f"is not valid UTF-8 (byte 0x{bad}){guess}: save the file as UTF-8")


def _columns(columns: list[str]) -> str:
    """The expected columns, each cut short, for a message."""
    return shorten(", ".join(shorten(c, 40) for c in columns), 600)


def read_csv_text(path: Path, shown: str, columns: list[str], problems: list[Problem]) -> str | None:
    """A CSV table's text (see :func:`read_file_text`)."""
    return read_file_text(
        path,
        shown,
        problems,
        "was found where the header row should be: the file is empty "
        f"(expected a header row with the columns {_columns(columns)})",
        empty_field=columns[0],
    )


# ------------------------------------------------------------------------------------------------
# Rows
# ------------------------------------------------------------------------------------------------

_SEPARATORS = ((";", "semicolons (;)"), ("\t", "tabs"), ("|", "vertical bars (|)"))


def separator_hint(header_line: str, columns: Sequence[str]) -> str | None:
    """If the header is one long cell that splits on another separator, name that separator (shared with
    :mod:`.learner_files`, for a learner's map or worksheet saved by a spreadsheet)."""
    for sep, name in _SEPARATORS:
        parts = [p.strip().strip('"') for p in header_line.split(sep)]
        if len(parts) > 1 and sum(p in columns for p in parts) >= max(2, len(columns) // 2):
            return name
    return None


def _csv_error_hint(message: str) -> str:
    if "unexpected end of data" in message or "EOF" in message:
        return (
            "unclosed quote: a cell on this line opens a quote that is never closed; close it, or write "
            "each quote inside a cell twice (\"\")"
        )
    if "expected after" in message:
        return (
            "a quote is never closed, or a cell has a quote inside it: put the cell in double quotes "
            "and write each quote inside it twice (\"\")"
        )
    if "NUL" in message or "null byte" in message:
        return "the file contains a NUL byte: delete it"
    return "check the commas and quotes"


def read_rows(text: str, shown: str, columns: list[str], problems: list[Problem]) -> list[tuple[int, dict[str, str]]] | None:
    """Parse CSV text into (line number, {column: cell}) pairs, checking the header and cell counts.

    None (with one problem appended) when the table cannot be used at all.
    """
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    records: list[tuple[int, list[str]]] = []
    line = 1
    try:
        for record in reader:
            records.append((line, record))
            line = reader.line_num + 1
            if len(records) > MAX_ROWS + 1:  # the header and MAX_ROWS rows
                problems.append(
                    Problem(
                        shown,
                        line - 1,
                        None,
                        None,
                        f"is row {MAX_ROWS + 1:,}: a course table may have at most {MAX_ROWS:,} rows (is this the right file?)",
                    )
                )
                return None
    except csv.Error as exc:
        message = str(exc)
        problems.append(
            Problem(
                shown,
                line,
                None,
                None,
                f"cannot be read as CSV from this line on ({shorten(message, 60)}): {_csv_error_hint(message)}",
            )
        )
        return None
    blank = [n for n, r in records if not "".join(r).strip()]
    if blank:
        records = [(n, r) for n, r in records if "".join(r).strip()]
    if not records:
        problems.append(
            Problem(
                shown,
                1,
                columns[0],
                "",
                f"was found where the header row should be: the file has no header (expected the columns {_columns(columns)})",
            )
        )
        return None
    header_line, header = records[0]
    header_text = ",".join(header)
    if len(header) < len(columns):
        sep = separator_hint(text.split("\n", 1)[0].rstrip("\r"), columns)
        if sep:
            problems.append(
                Problem(
                    shown,
                    header_line,
                    None,
                    header_text,
                    f"is the header row, and its columns are separated by {sep}, not commas: "
                    "save the file as comma-separated CSV (UTF-8)",
                )
            )
            return None
    before = len(problems)
    missing = [c for c in columns if c not in header]
    if missing:
        names = shorten(", ".join(f'"{shorten(c, 40)}"' for c in missing), 300)
        problems.append(
            Problem(
                shown,
                header_line,
                missing[0],
                header_text,
                f"is the header row, and it has no column{'s' if len(missing) > 1 else ''} "
                f"{names} (expected the columns {_columns(columns)})",
            )
        )
    for i, col in enumerate(header):
        if col == "":
            problems.append(
                Problem(shown, header_line, None, header_text, f"is the header row, and its column {i + 1} has no name")
            )
        elif col not in columns:
            problems.append(
                Problem(
                    shown,
                    header_line,
                    col,
                    header_text,
                    f"is the header row, and \"{shorten(col, 40)}\" is not a column of this table "
                    f"(expected the columns {_columns(columns)})",
                )
            )
        elif header.index(col) != i:
            problems.append(
                Problem(
                    shown, header_line, col, header_text, f"is the header row, and it has the column \"{shorten(col, 40)}\" twice"
                )
            )
    if len(problems) > before:
        return None
    if len(records) == 1:
        problems.append(Problem(shown, None, None, None, "has a header row but no data rows: the table needs at least one row"))
        return None
    if blank:
        more = f" (and {len(blank) - 1} more blank line{'s' if len(blank) > 2 else ''})" if len(blank) > 1 else ""
        problems.append(
            Problem(
                shown,
                blank[0],
                None,
                None,
                f"is a blank line{more}: delete blank lines (the data package's validator refuses them too)",
            )
        )
    rows = []
    wrong = 0
    for n, record in records[1:]:
        if len(record) != len(header):
            wrong += 1
            if wrong <= 3:
                problems.append(
                    Problem(
                        shown,
                        n,
                        None,
                        ",".join(record),
                        f"has {len(record)} cells, but the header has {len(header)} columns (check the commas and quotes)",
                    )
                )
            continue
        rows.append((n, dict(zip(header, record))))
    if wrong > 3:
        problems.append(
            Problem(shown, None, None, None, f"has {wrong - 3:,} more rows whose number of cells differs from the header")
        )
    return rows
