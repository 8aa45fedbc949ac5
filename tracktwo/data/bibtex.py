"""The bibliography ``data/references.bib``: a small strict BibTeX reader and its loader."""

from __future__ import annotations

import bisect
import re
from pathlib import Path
from typing import Any

import pandas as pd

from .csv_reader import CONTROL, read_file_text
from .limits import MAX_BIB_ENTRIES
from .problems import Problem, _raise_if
from .package import _data_dir, _display, _resource, load_package

# ------------------------------------------------------------------------------------------------
# The bibliography
# ------------------------------------------------------------------------------------------------

_BIB_KEY = re.compile(r"[A-Za-z0-9][A-Za-z0-9_:.-]*")
_BIB_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")
_PLAIN_FIELDS_REQUIRED = ("title",)
_WS = re.compile(r"\s*")
_BRACE = re.compile(r"[{}]")
_BARE = re.compile(r"[A-Za-z0-9]+")
_YEAR = re.compile(r"\d{4}")
_ENDNOTES = re.compile(r"\d+(\s*,\s*\d+)*")
_URL = re.compile(r"https?://\S+")


class _BibSyntax(Exception):
    def __init__(self, pos: int, message: str):
        super().__init__(message)
        self.pos = pos
        self.message = message


def _parse_bib(text: str) -> list[dict[str, Any]]:
    """A small BibTeX reader: @type{key, name = {value} | "value" | number, ...}. Raises _BibSyntax."""
    entries = []
    pos, n = 0, len(text)

    ws = _WS.match
    next_brace = _BRACE.search

    def skip_ws(p: int) -> int:
        return ws(text, p).end()

    def braced(p: int) -> tuple[str, int]:  # text[p] == "{"
        depth, start = 0, p
        while True:
            m = next_brace(text, p)
            if m is None:
                raise _BibSyntax(start, "has a \"{\" that is never closed")
            p = m.start()
            if text[p] == "{":
                depth += 1
            else:
                depth -= 1
                if depth == 0:
                    return text[start + 1: p], p + 1
            p += 1

    while True:
        at = text.find("@", pos)
        if at < 0:
            break
        p = at + 1
        m = _BIB_NAME.match(text, p)
        if not m:
            raise _BibSyntax(at, "has an \"@\" not followed by an entry type")
        etype = m.group(0).lower()
        p = skip_ws(m.end())
        if p >= n or text[p] != "{":
            raise _BibSyntax(p, f"has an @{etype} entry without an opening \"{{\"")
        if etype in ("comment", "preamble"):
            _, pos = braced(p)
            continue
        if etype == "string":
            raise _BibSyntax(at, "uses @string macros, which this project does not allow")
        p = skip_ws(p + 1)
        m = _BIB_KEY.match(text, p)
        if not m:
            raise _BibSyntax(p, "has an entry without a valid citation key")
        entry = {"type": etype, "key": m.group(0), "pos": at, "key_pos": p, "fields": {}, "field_pos": {}}
        p = skip_ws(m.end())
        while True:
            if p < n and text[p] == "}":
                p += 1
                break
            if p >= n or text[p] != ",":
                raise _BibSyntax(p, f"entry \"{entry['key']}\" is missing a comma or a closing \"}}\"")
            p = skip_ws(p + 1)
            if p < n and text[p] == "}":
                p += 1
                break
            m = _BIB_NAME.match(text, p)
            if not m:
                raise _BibSyntax(p, f"entry \"{entry['key']}\" has a field without a valid name")
            fname, fpos = m.group(0).lower(), p
            p = skip_ws(m.end())
            if p >= n or text[p] != "=":
                raise _BibSyntax(p, f"entry \"{entry['key']}\" has a field \"{fname}\" without \"=\"")
            p = skip_ws(p + 1)
            if p < n and text[p] == "{":
                value, p = braced(p)
            elif p < n and text[p] == '"':
                end = text.find('"', p + 1)
                if end < 0:
                    raise _BibSyntax(p, "has a quoted value that is never closed")
                value, p = text[p + 1: end], end + 1
            else:
                m = _BARE.match(text, p)
                if not m:
                    raise _BibSyntax(p, f"entry \"{entry['key']}\" has a field \"{fname}\" without a value")
                value, p = m.group(0), m.end()
            p = skip_ws(p)
            if p < n and text[p] == "#":
                raise _BibSyntax(p, "uses \"#\" concatenation, which this project does not allow")
            if fname in entry["fields"]:
                raise _BibSyntax(fpos, f"entry \"{entry['key']}\" has the field \"{fname}\" twice")
            entry["fields"][fname] = " ".join(value.split())
            entry["field_pos"][fname] = fpos
        entries.append(entry)
        if len(entries) > MAX_BIB_ENTRIES:
            raise _BibSyntax(at, f"has more than {MAX_BIB_ENTRIES:,} entries, the most a course bibliography "
                                 "may have (is this the right file?)")
        pos = p
    return entries


def _split_names(value: str) -> list[str]:
    if " and " not in value and "{" not in value and "\n" not in value and "\t" not in value:
        return [value.strip()] if value.strip() else []
    names, depth, current = [], 0, []
    tokens = re.split(r"(\{|\}|\s+and\s+)", value)
    for tok in tokens:
        if tok == "{":
            depth += 1
        elif tok == "}":
            depth -= 1
        if depth == 0 and re.fullmatch(r"\s+and\s+", tok or ""):
            names.append("".join(current))
            current = []
        else:
            current.append(tok)
    names.append("".join(current))
    return [n.replace("{", "").replace("}", "").strip() for n in names if n.strip()]


def _bib_table(data_dir: Path, package: dict[str, Any], problems: list[Problem]) -> pd.DataFrame | None:
    res = _resource(package, "references")
    path = data_dir / res["path"]
    shown = _display(data_dir, res["path"])
    max_note = int(package.get("tracktwo", {}).get("briefEndnotes", 0)) or None
    text = read_file_text(path, shown, problems,
                          "is empty: the bibliography needs its entries, e.g. @book{key, title = {...}, "
                          "year = {2021}}")
    if text is None:
        return None
    control = CONTROL.search(text)
    if control:
        problems.append(Problem(shown, text.count("\n", 0, control.start()) + 1, None, None,
                                f"contains {'a NUL byte' if control.group(0) == chr(0) else 'a control character'}"
                                f" ({control.group(0)!r}): delete it"))
        return None
    try:
        entries = _parse_bib(text)
    except _BibSyntax as exc:
        what = exc.message if exc.message.startswith("has more than") else f"is not valid BibTeX: it {exc.message}"
        problems.append(Problem(shown, text.count("\n", 0, exc.pos) + 1, None, None, what))
        return None
    if not entries:
        problems.append(Problem(shown, 1, None, None,
                                "has no entries: the bibliography needs entries such as "
                                "@book{key, title = {...}, year = {2021}}"))
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
            problems.append(Problem(shown, key_line, "key", key,
                                    f"is a duplicate citation key: line {seen[key]} has the same key"))
        seen.setdefault(key, key_line)
        for fname, value in fields.items():
            fline = line_of(e["field_pos"][fname])
            if "\\" in value:
                problems.append(Problem(shown, fline, fname, value,
                                        "contains a backslash (LaTeX markup): keep entries plain text"))
            if fname == "title" and ("{" in value or "}" in value):
                problems.append(Problem(shown, fline, fname, value,
                                        "contains braces inside the title: keep titles plain"))
        for required in _PLAIN_FIELDS_REQUIRED:
            if not fields.get(required):
                problems.append(Problem(shown, key_line, required, "",
                                        f"is missing or empty in entry \"{key}\""))
        year = fields.get("year")
        if year is not None and not _YEAR.fullmatch(year):
            problems.append(Problem(shown, line_of(e["field_pos"]["year"]), "year", year,
                                    "is not a four-digit year"))
            year = None
        if year is None and e["type"] != "misc" and "year" not in fields:
            problems.append(Problem(shown, key_line, "year", "",
                                    f"is missing in @{e['type']} entry \"{key}\" (only @misc may omit it)"))
        endnotes: list[int] = []
        if "endnote" in fields:
            raw = fields["endnote"]
            fline = line_of(e["field_pos"]["endnote"])
            if not _ENDNOTES.fullmatch(raw):
                problems.append(Problem(shown, fline, "endnote", raw,
                                        "is not a list of endnote numbers such as {5} or {5, 7}"))
            else:
                endnotes = [int(x) for x in raw.split(",")]
                out = [x for x in endnotes if x < 1 or (max_note and x > max_note)]
                if out:
                    problems.append(Problem(shown, fline, "endnote", raw,
                                            f"names endnote {out[0]}, but the brief's endnotes run from 1 "
                                            f"to {max_note}"))
        url = fields.get("url")
        if url is not None and not _URL.fullmatch(url):
            problems.append(Problem(shown, line_of(e["field_pos"]["url"]), "url", url,
                                    "is not a web address (http:// or https://)"))
        rows.append({
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
        })
    frame = pd.DataFrame(rows)
    frame["year"] = frame["year"].astype("Int64")
    return frame


def load_references(data_dir: Path | str | None = None) -> pd.DataFrame:
    """references.bib as a table: key, entry_type, title, authors, editors, year, endnotes (list of
    int), url, note, fields (all raw fields) and line (where the entry's key is)."""
    dd = _data_dir(data_dir)
    package = load_package(dd)
    problems: list[Problem] = []
    frame = _bib_table(dd, package, problems)
    _raise_if(problems)
    return frame

