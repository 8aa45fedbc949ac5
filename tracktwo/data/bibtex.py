"""The bibliography ``data/references.bib``: read with pybtex, checked against the course's rules, loaded as a table."""

from __future__ import annotations

import bisect
import re
from pathlib import Path
from typing import Any

import pandas as pd

from .csv_reader import CONTROL, read_file_text
from .limits import MAX_BIB_ENTRIES
from .problems import Problem, raise_if_any
from .package import resolve_data_dir, display_path, resource_of, load_package

# ------------------------------------------------------------------------------------------------
# The bibliography
# ------------------------------------------------------------------------------------------------

_PLAIN_FIELDS_REQUIRED = ("title",)
_YEAR = re.compile(r"\d{4}")
_ENDNOTES = re.compile(r"\d+(\s*,\s*\d+)*")
_URL = re.compile(r"https?://\S+")
_PERSON_FIELDS = ("author", "editor")
_ENTRY_AT = re.compile(r"@\s*[A-Za-z]")


class _BibSyntax(Exception):
    def __init__(self, pos: int, message: str, field: str | None = None, value: str | None = None):
        super().__init__(message)
        self.pos = pos
        self.message = message
        self.field, self.value = field, value


def _parse_bib(text: str) -> list[dict[str, Any]]:
    """The entries of a BibTeX text, parsed by pybtex (the library Sphinx's bibliography extension uses
    to read the same file), with where each entry's key and fields stand, for the messages. Raises
    _BibSyntax (position, message) for the first problem pybtex reports."""
    from pybtex import errors
    from pybtex.database import BibliographyDataError
    from pybtex.database.input import bibtex
    from pybtex.scanner import PybtexSyntaxError

    # Bound the work before pybtex reads anything: a huge file is refused at the entry bound, in time.
    for count, m in enumerate(_ENTRY_AT.finditer(text), 1):
        if count > MAX_BIB_ENTRIES:
            raise _BibSyntax(
                m.start(),
                f"has more than {MAX_BIB_ENTRIES:,} entries, the most a course bibliography may have (is this the right file?)",
            )
    with errors.capture() as reported:
        try:
            data = bibtex.Parser().parse_string(text)
        except (PybtexSyntaxError, BibliographyDataError) as exc:  # not recovered from
            reported.append(exc)
    if reported:
        raise _problem(text, reported[0])
    entries, seen = [], 0
    for key, entry in data.entries.items():
        at = _entry_start(text, key, seen)
        seen = at + 1
        fields = {name.lower(): " ".join(value.split()) for name, value in entry.fields.items()}
        for role in _PERSON_FIELDS:
            people = entry.persons.get(role) or entry.persons.get(role.capitalize())
            if people:
                fields[role] = " and ".join(str(person) for person in people)
        field_pos = {name: _field_start(text, at, name) for name in fields}
        entries.append(
            {"type": entry.type.lower(), "key": key, "pos": at, "key_pos": at, "fields": fields, "field_pos": field_pos}
        )
    return entries


def _entry_start(text: str, key: str, after: int) -> int:
    m = re.compile(r"@\s*\w+\s*[{(]\s*" + re.escape(key) + r"\s*,").search(text, after)
    return m.start() if m else after


def _field_start(text: str, entry_at: int, name: str) -> int:
    nxt = text.find("\n@", entry_at + 1)
    m = re.compile(r"(?<![\w-])" + re.escape(name) + r"\s*=", re.I).search(text, entry_at, nxt if nxt > 0 else len(text))
    return m.start() if m else entry_at


def _problem(text: str, exc: Exception) -> _BibSyntax:
    """pybtex's report as (position, words): its line where it gives one, else the entry's."""
    message = str(exc)
    m = re.match(r"syntax error in line (\d+): (.*)", message, re.S)
    if m and "premature end of file" in m.group(2):  # point at the entry left open, not at the end
        last = max(text.rfind("@"), 0)
        key = re.match(r"@\s*\w+\s*[{(]\s*([^,\s]*)", text[last:])
        name = f" \"{key.group(1)}\"" if key and key.group(1) else ""
        return _BibSyntax(last, f"has an entry{name} that is never closed: the file ends inside it")
    if m:
        line = int(m.group(1))
        pos = 0
        for _ in range(line - 1):
            pos = text.find("\n", pos) + 1
        words = m.group(2).strip()
        entry = re.match(r"@\s*\w+\s*[{(]\s*([^,\s]+)\s*,", text[max(text.rfind("@", 0, pos + 1), 0) :])
        where = f" in entry \"{entry.group(1)}\"" if entry else ""
        hint = " (is a comma missing between two fields?)" if words == "'}' expected" else ""
        return _BibSyntax(pos, f"has a syntax error{where}: {words}{hint}")
    undefined = re.match(r"undefined string in line (\d+): (\S+)", message)
    if undefined:
        line, name = int(undefined.group(1)), undefined.group(2)
        pos = 0
        for _ in range(line - 1):
            pos = text.find("\n", pos) + 1
        return _BibSyntax(pos, f"uses the undefined @string macro \"{name}\": put the value in braces, e.g. {{{name}}}")
    dup = re.match(r"repeated bibliography entry: (.+)", message)
    if dup:
        key = dup.group(1).strip()
        first = _entry_start(text, key, 0)
        second = _entry_start(text, key, first + 1)
        line = text.count("\n", 0, first) + 1
        return _BibSyntax(second, f"is a duplicate citation key: line {line} has the same key", "key", key)
    field = re.match(r"entry with key (\S+) has a duplicate (\S+) field", message)
    if field:
        key, name = field.groups()
        at = _entry_start(text, key, 0)
        return _BibSyntax(at, f"entry \"{key}\" has the field \"{name.lower()}\" twice")
    return _BibSyntax(0, message)


def _split_names(value: str) -> list[str]:
    return [name.replace("{", "").replace("}", "").strip() for name in value.split(" and ") if name.strip()]


def bib_table(data_dir: Path, package: dict[str, Any], problems: list[Problem]) -> pd.DataFrame | None:
    res = resource_of(package, "references")
    path = data_dir / res["path"]
    shown = display_path(data_dir, res["path"])
    max_note = int(package.get("tracktwo", {}).get("briefEndnotes", 0)) or None
    text = read_file_text(
        path, shown, problems, "is empty: the bibliography needs its entries, e.g. @book{key, title = {...}, year = {2021}}"
    )
    if text is None:
        return None
    control = CONTROL.search(text)
    if control:
        problems.append(
            Problem(
                shown,
                text.count("\n", 0, control.start()) + 1,
                None,
                None,
                f"contains {'a NUL byte' if control.group(0) == chr(0) else 'a control character'}"
                f" ({control.group(0)!r}): delete it",
            )
        )
        return None
    try:
        entries = _parse_bib(text)
    except _BibSyntax as exc:
        plain = exc.message.startswith("has more than") or exc.field
        what = exc.message if plain else f"is not valid BibTeX: it {exc.message}"
        problems.append(Problem(shown, text.count("\n", 0, exc.pos) + 1, exc.field, exc.value, what))
        return None
    if not entries:
        problems.append(
            Problem(
                shown,
                1,
                None,
                None,
                "has no entries: the bibliography needs entries such as @book{key, title = {...}, year = {2021}}",
            )
        )
        return None

    starts = [m.start() for m in re.finditer("\n", text)]

    def line_of(pos: int) -> int:
        return bisect.bisect_left(starts, pos) + 1

    seen: dict[str, int] = {}
    rows = []
    for e in entries:
        key, fields = e["key"], e["fields"]
        key_line = line_of(e["key_pos"])
        if key in seen:
            problems.append(
                Problem(shown, key_line, "key", key, f"is a duplicate citation key: line {seen[key]} has the same key")
            )
        seen.setdefault(key, key_line)
        for fname, value in fields.items():
            fline = line_of(e["field_pos"][fname])
            if "\\" in value:
                problems.append(
                    Problem(shown, fline, fname, value, "contains a backslash (LaTeX markup): keep entries plain text")
                )
            if fname == "title" and ("{" in value or "}" in value):
                problems.append(Problem(shown, fline, fname, value, "contains braces inside the title: keep titles plain"))
        for required in _PLAIN_FIELDS_REQUIRED:
            if not fields.get(required):
                problems.append(Problem(shown, key_line, required, "", f"is missing or empty in entry \"{key}\""))
        year = fields.get("year")
        if year is not None and not _YEAR.fullmatch(year):
            problems.append(Problem(shown, line_of(e["field_pos"]["year"]), "year", year, "is not a four-digit year"))
            year = None
        if year is None and e["type"] != "misc" and "year" not in fields:
            problems.append(
                Problem(shown, key_line, "year", "", f"is missing in @{e['type']} entry \"{key}\" (only @misc may omit it)")
            )
        endnotes: list[int] = []
        if "endnote" in fields:
            raw = fields["endnote"]
            fline = line_of(e["field_pos"]["endnote"])
            if not _ENDNOTES.fullmatch(raw):
                problems.append(Problem(shown, fline, "endnote", raw, "is not a list of endnote numbers such as {5} or {5, 7}"))
            else:
                endnotes = [int(x) for x in raw.split(",")]
                out = [x for x in endnotes if x < 1 or (max_note and x > max_note)]
                if out:
                    problems.append(
                        Problem(
                            shown,
                            fline,
                            "endnote",
                            raw,
                            f"names endnote {out[0]}, but the brief's endnotes run from 1 to {max_note}",
                        )
                    )
        url = fields.get("url")
        if url is not None and not _URL.fullmatch(url):
            problems.append(
                Problem(shown, line_of(e["field_pos"]["url"]), "url", url, "is not a web address (http:// or https://)")
            )
        rows.append(
            {
                "key": key,
                "entry_type": e["type"],
                "title": fields.get("title", ""),
                "authors": _split_names(fields.get("author", "")),
                "editors": _split_names(fields.get("editor", "")),
                "year": int(year) if year else None,
                "endnotes": endnotes,
                "url": url or "",
                "note": fields.get("note", ""),
                "fields": dict(fields),
                "line": key_line,
            }
        )
    frame = pd.DataFrame(rows)
    frame["year"] = frame["year"].astype("Int64")
    return frame


def load_references(data_dir: Path | str | None = None) -> pd.DataFrame:
    """references.bib as a table: key, entry_type, title, authors, editors, year, endnotes (list of
    int), url, note, fields (all raw fields) and line (where the entry's key is)."""
    dd = resolve_data_dir(data_dir)
    package = load_package(dd)
    path = dd / resource_of(package, "references")["path"]
    try:
        stat = path.stat()
        stamp = (str(path.resolve()), stat.st_mtime_ns, stat.st_size)
    except OSError:
        stamp = None
    if stamp is not None and stamp in _PARSED:
        return _PARSED[stamp].copy(deep=True)
    problems: list[Problem] = []
    frame = bib_table(dd, package, problems)
    raise_if_any(problems)
    if stamp is not None:  # a build asks several times (figures, glossary, readings): parse the file once
        _PARSED.clear()
        _PARSED[stamp] = frame.copy(deep=True)
    return frame


#: The last parsed bibliography, by (path, modification time, size): a changed file is read again.
_PARSED: dict[tuple, pd.DataFrame] = {}
