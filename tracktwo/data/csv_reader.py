"""Reading one CSV table's text and rows, with every problem named by file, line and field."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from .problems import Problem

# ------------------------------------------------------------------------------------------------
# Reading a CSV file
# ------------------------------------------------------------------------------------------------

def _read_text(path: Path, shown: str, columns: list[str], problems: list[Problem]) -> str | None:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        problems.append(Problem(shown, None, None, None, f"is missing (looked in {path.parent})"))
        return None
    if not raw.strip():
        problems.append(Problem(shown, 1, columns[0], "",
                                "was found where the header row should be: the file is empty "
                                f"(expected a header row with the columns {', '.join(columns)})"))
        return None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line_no = raw[: exc.start].count(b"\n") + 1
        bad = raw[exc.start: exc.start + 1].hex().upper()
        line_bytes = raw.split(b"\n")[line_no - 1]
        shown_line = line_bytes.decode("utf-8", errors="backslashreplace").rstrip("\r")
        field, value = None, shown_line
        try:
            header = next(csv.reader(io.StringIO(raw.split(b"\n")[0].decode("utf-8", "replace"))))
            cells = next(csv.reader(io.StringIO(shown_line)))
            for i, cell in enumerate(cells):
                if "\\x" in cell:
                    value = cell
                    field = header[i] if line_no > 1 and i < len(header) else None
                    break
        except (csv.Error, StopIteration):
            pass
        problems.append(Problem(shown, line_no, field, value,
                                f"is not valid UTF-8 (byte 0x{bad}): save the file as UTF-8"))
        return None


def _read_rows(text: str, shown: str, columns: list[str],
               problems: list[Problem]) -> list[tuple[int, dict[str, str]]] | None:
    """Parse CSV text into (line number, {column: cell}) pairs, checking the header and cell counts."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    records: list[tuple[int, list[str]]] = []
    line = 1
    try:
        for record in reader:
            records.append((line, record))
            line = reader.line_num + 1
    except csv.Error as exc:
        problems.append(Problem(shown, line, None, None, f"cannot be read as CSV: {exc}"))
        return None
    records = [(n, r) for n, r in records if r and any(c.strip() for c in r)]
    if not records:
        problems.append(Problem(shown, 1, columns[0], "",
                                "was found where the header row should be: the file has no header "
                                f"(expected the columns {', '.join(columns)})"))
        return None
    header_line, header = records[0]
    header_text = ",".join(header)
    before = len(problems)
    for col in columns:
        if col not in header:
            problems.append(Problem(shown, header_line, col, header_text,
                                    f"is the header row, and it has no column \"{col}\" "
                                    f"(expected the columns {', '.join(columns)})"))
    for i, col in enumerate(header):
        if col not in columns:
            problems.append(Problem(shown, header_line, col, header_text,
                                    f"is the header row, and \"{col}\" is not a column of this table "
                                    f"(expected the columns {', '.join(columns)})"))
        elif header.index(col) != i:
            problems.append(Problem(shown, header_line, col, header_text,
                                    f"is the header row, and it has the column \"{col}\" twice"))
    if len(problems) > before:
        return None
    rows = []
    for n, record in records[1:]:
        if len(record) != len(header):
            problems.append(Problem(shown, n, None, ",".join(record),
                                    f"has {len(record)} cells, but the header has {len(header)} columns "
                                    "(check the commas and quotes)"))
            continue
        rows.append((n, dict(zip(header, record))))
    return rows

