"""Learners' files, one home: reading, checking, writing and setting aside every file a learner saves or imports.

A learner's file is anything whose bytes the learner made: the state a JupyterLab widget saves beside
the notebook (the map builder, a conflict map, the placing exercise, a worksheet, the design form),
and a map or worksheet the learner imports (JSON or CSV). Every such file goes through this module,
in this order, and any problem becomes one :class:`LearnerFileError` whose message starts with the
file's name and names the row or item and the field:

1. size (:data:`MAX_BYTES`, checked before the file is read into memory),
2. UTF-8 (a byte-order mark is allowed),
3. nesting depth (:data:`MAX_DEPTH`, checked on the text before any parser runs: a deep file is a
   message, never a ``RecursionError``),
4. parse: JSON (a key repeated in one object is named, with where it is), CSV (a spreadsheet's
   ``;`` separators and an unclosed quote are named as such) or XML (GraphML: through defusedxml, and
   a DOCTYPE or entity declaration is refused before any parser runs: nothing is expanded or fetched),
5. the caller's check (``problems_of(data)`` returns sentences; the first is shown, with a count of the rest).

A saved file that fails is set aside (renamed, so its bytes are kept exactly) and never deleted; the
widget starts fresh and says so. Saving writes a temporary file beside the target and renames it over
the target, so a crash never leaves half a file. ``tests/test_layout.py`` checks that no other module
opens, parses or sets aside a learner's file itself. Pure apart from :func:`read_saved`,
:func:`write_saved` and :func:`set_aside`; nothing here runs code or fetches anything.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from .csv_reader import separator_hint
from .limits import MAX_LEARNER_DEPTH, MAX_LEARNER_FILE_BYTES

#: Largest learner file read at all, and deepest nesting of its lists and objects (see .limits).
MAX_BYTES, MAX_DEPTH = MAX_LEARNER_FILE_BYTES, MAX_LEARNER_DEPTH
#: Suffix of a file set aside (``.set-aside-2``, ``-3``... if taken).
ASIDE = ".set-aside"

Problems = Callable[[Any], list[str]]


class LearnerFileError(ValueError):
    """A learner's file that cannot be used. ``str()`` is the one message: ``"<file>: <what is wrong>"``."""

    def __init__(self, file: str, detail: str):
        self.file, self.detail = file, detail
        super().__init__(f"{file}: {detail}")


def q(value: Any) -> str:
    """A value as JSON text, as JavaScript's JSON.stringify writes it (a whole float without ".0")."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e21:
        value = int(value)
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


# --- Checks the schemas share ---------------------------------------------------------------------


def text_problem(value: Any, limit: int) -> str | None:
    """Why ``value`` is not text of 1 to ``limit`` characters ("missing or empty", or too long), or None."""
    if isinstance(value, str) and len(value) > limit:
        return f"is {len(value):,} characters long; the most is {limit}: shorten it"
    if not isinstance(value, str) or value.strip() == "":
        return "is missing or empty"
    return None


def choice_problem(value: Any, allowed: Iterable[str]) -> str | None:
    """Why ``value`` is not one of the strings ``allowed``, in plain words, or None.

    A number or a yes/no where the text "1.5" is wanted says to quote it; a list says to choose one.
    """
    allowed = list(allowed)
    if isinstance(value, str) and value in allowed:
        return None
    names = ", ".join(allowed)
    if isinstance(value, (list, tuple, dict)):
        kind = "an object" if isinstance(value, dict) else "a list"
        return f"is {kind} ({short_text(q(value))}), but it takes one value: choose one of {names}"
    if isinstance(value, (int, float)) and not isinstance(value, bool) and q(value) in allowed:
        return f"is the number {q(value)}, but it must be the text \"{q(value)}\": put it in quotes (\"{q(value)}\")"
    if value is None or value == "":
        return f"is empty: choose one of {names}"
    return f"is {short_text(q(value))}, not one of {names}"


def short_text(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


# --- Bytes to text --------------------------------------------------------------------------------


def decode(name: str, raw: bytes | str, limit: int = MAX_BYTES) -> str:
    """The file's text: at most ``limit`` bytes of UTF-8 (a byte-order mark is dropped)."""
    if isinstance(raw, str):
        raw = raw.encode("utf-8", "surrogatepass")
    if len(raw) > limit:
        raise LearnerFileError(
            name, f"the file is {len(raw)} bytes; a learner's file is at most {limit} bytes (is this the right file?)"
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise LearnerFileError(
            name, f"the file is not UTF-8 text (byte {err.start + 1}); save it as UTF-8 and try again"
        ) from None


def nesting_depth_ok(text: str, limit: int = MAX_DEPTH) -> bool:
    """True if no list or object in the JSON text nests deeper than ``limit`` (strings are skipped)."""
    depth = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > limit:
                return False
        elif ch in "]}":
            depth -= 1
    return True


# --- JSON ----------------------------------------------------------------------------------------


class _Pairs(dict):
    """An object read from JSON, remembering a key that appeared twice in it."""

    repeated: str | None = None


def _object(pairs: list[tuple[str, Any]]) -> dict:
    out = _Pairs()
    for key, value in pairs:
        if key in out and out.repeated is None:
            out.repeated = key
        out[key] = value
    return out


def _repeated_key(data: Any, where: str = "") -> tuple[str, str] | None:
    """(key, where) of the first key repeated in one object, e.g. ("name", "actors, item 2")."""
    if isinstance(data, _Pairs) and data.repeated is not None:
        return data.repeated, where or "the top level"
    children = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else ()
    for key, value in children:
        here = f"item {key + 1}" if isinstance(key, int) else q(key)
        found = _repeated_key(value, f"{where}, {here}" if where else here)
        if found:
            return found
    return None


def _plain(data: Any) -> Any:
    if isinstance(data, dict):
        return {k: _plain(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_plain(v) for v in data]
    return data


def _no_constant(name: str) -> Callable[[str], Any]:
    def refuse(word: str) -> Any:
        raise LearnerFileError(name, f"not valid JSON: {word} is not a JSON number (write a number, or put it in quotes)")

    return refuse


def parse_json(name: str, raw: bytes | str, what: str, limit: int = MAX_BYTES) -> Any:
    """Decode, bound and parse a learner's JSON file (``what`` it should be, e.g. "a map file")."""
    text = decode(name, raw, limit)
    if not nesting_depth_ok(text):
        raise LearnerFileError(name, f"the JSON is nested more than {MAX_DEPTH} levels deep; it is not {what}")
    try:
        data = json.loads(text, object_pairs_hook=_object, parse_constant=_no_constant(name))
    except json.JSONDecodeError as err:
        if not text.strip():
            raise LearnerFileError(name, f"the file is empty; it is not {what}") from None
        if err.pos >= len(text.rstrip()) or err.msg.startswith("Unterminated string"):
            raise LearnerFileError(
                name,
                f"not valid JSON (line {err.lineno}, column {err.colno}): the file ends "
                f"too soon, as if cut short; it is not {what}",
            ) from None
        raise LearnerFileError(name, f"not valid JSON (line {err.lineno}, column {err.colno})") from None
    repeated = _repeated_key(data)
    if repeated:
        key, where = repeated
        raise LearnerFileError(
            name,
            f"the key {q(key)} appears twice in one object (at {where}); JSON keeps only "
            "the last, so delete the one you do not mean",
        )
    return _plain(data)


def checked(name: str, data: Any, problems_of: Problems) -> Any:
    """``data`` if ``problems_of(data)`` finds nothing, else one message: the first problem (+N more)."""
    problems = problems_of(data)
    if problems:
        more = f" (+{len(problems) - 1} more)" if len(problems) > 1 else ""
        raise LearnerFileError(name, f"{problems[0]}{more}")
    return data


def read_json(name: str, raw: bytes | str, problems_of: Problems, what: str) -> Any:
    """Parse and check a learner's JSON file; raise :class:`LearnerFileError` with one message."""
    return checked(name, parse_json(name, raw, what), problems_of)


def to_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


# --- XML (GraphML) --------------------------------------------------------------------------------

#: A document type or entity declaration: refused outright (no entity is expanded, nothing external is read).
_DTD = re.compile(r"<!(DOCTYPE|ENTITY)", re.I)


def _line_col(text: str, pos: int) -> tuple[int, int]:
    line = text.count("\n", 0, pos) + 1
    return line, pos - (text.rfind("\n", 0, pos) + 1) + 1


def parse_xml(name: str, raw: bytes | str, what: str, limit: int = MAX_BYTES) -> Any:
    """Decode, bound and parse a learner's XML file (``what`` it should be, e.g. "a GraphML map file");
    the root element (``xml.etree.ElementTree.Element``). A DOCTYPE or entity declaration, and any
    entity but XML's five and character references, is refused with one message (twin: ``parseXml``
    in js/src/learner_map.js). Parsed by defusedxml, which refuses them too."""
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import ParseError, fromstring

    text = decode(name, raw, limit)
    if not text.strip():
        raise LearnerFileError(name, f"the file is empty; it is not {what}")
    found = _DTD.search(text)
    if found:
        line, _ = _line_col(text, found.start())
        raise LearnerFileError(
            name,
            f"line {line}: the file declares a document type or entities (<!{found.group(1)}); "
            f"{what} never needs them, and the course does not read them",
        )
    try:
        return fromstring(text, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except ParseError as err:
        line, col = err.position
        if "undefined entity" in str(err):
            raise LearnerFileError(
                name, f"line {line}: the file uses an entity that XML does not define; it is not {what}"
            ) from None
        raise LearnerFileError(name, f"not well-formed XML (line {line}, column {col + 1}); it is not {what}") from None
    except DefusedXmlException:
        raise LearnerFileError(name, f"the file declares a document type or entities; {what} never needs them") from None


# --- CSV -----------------------------------------------------------------------------------------


def read_csv(
    name: str, raw: bytes | str, headers: Sequence[Sequence[str]], limit: int = MAX_BYTES
) -> tuple[tuple[str, ...], list[tuple[int, dict[str, str]]]]:
    """A learner's CSV file: (its columns, one of ``headers``; [(row number, {column: cell})]).

    Row 1 is the header; blank rows are skipped. A file a spreadsheet saved with ``;`` (or tab)
    separators, an unclosed quote, a wrong header and a row of the wrong length each give one message.
    """
    text = decode(name, raw, limit)
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    except csv.Error as err:
        if "unexpected end of data" in str(err):
            records = list(csv.reader(io.StringIO(text, newline="")))  # the open quote runs to the end
            header, last = (records[0] if records else []), (records[-1] if records else [])
            column = len(last) - 1
            field = f" field {q(header[column].strip())}" if len(records) > 1 and 0 <= column < len(header) else ""
            raise LearnerFileError(
                name,
                f"row {len(records)}{field}: unclosed quote: the cell opens a quote (\") "
                "that is never closed; close it, or write a quote inside a cell twice "
                "(\"\")",
            ) from None
        rows = list(csv.reader(io.StringIO(text, newline="")))  # a stray quote inside a cell is read as text
    first_line = text.split("\n", 1)[0].rstrip("\r")
    header = tuple(c.strip() for c in rows[0]) if rows else ()
    expected = tuple(headers[0])
    if header not in [tuple(h) for h in headers]:
        sep = separator_hint(first_line, expected) if len(header) < len(expected) else None
        if sep:
            raise LearnerFileError(
                name,
                f"row 1 (the header): the columns are separated by {sep}, not commas, as some "
                "spreadsheets save CSV; save it again as \"CSV UTF-8 (comma-delimited)\" "
                "and import that file",
            )
        if not any(any(c.strip() for c in row) for row in rows):
            raise LearnerFileError(name, f"the file is empty (expected a header row: {','.join(expected)})")
        got = ",".join(rows[0])
        raise LearnerFileError(name, f"row 1 (the header) is {q(got[:120])}; expected {','.join(expected)}")
    columns = next(tuple(h) for h in headers if tuple(h) == header)
    out = []
    for n, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(columns):
            raise LearnerFileError(name, f"row {n} has {len(row)} cells; expected {len(columns)}")
        out.append((n, dict(zip(columns, row))))
    return columns, out


def to_csv(columns: Sequence[str], rows: Iterable[dict[str, str] | Sequence[str]]) -> str:
    """CSV text (CRLF line ends, as the JS twin writes it) with a header row."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([row.get(c, "") for c in columns] if isinstance(row, dict) else row)
    return out.getvalue()


def read_learner_bytes(path: Path, limit: int = MAX_BYTES) -> bytes:
    """A learner's file's bytes, its size checked before it is read: :class:`LearnerFileError` when it
    is larger than ``limit`` (``OSError`` when it cannot be read at all). Nothing is set aside."""
    path = Path(path)
    size = path.stat().st_size
    if size > limit:
        raise LearnerFileError(path.name, f"the file is {size} bytes; a learner's file of this kind is at most {limit} bytes")
    with open(path, "rb") as f:
        return f.read(limit + 1)


def text_of(name: str, raw: bytes) -> str:
    """A learner's file's bytes as text, for keeping byte for byte (undecodable bytes are replaced)."""
    return raw.decode("utf-8-sig", "replace")


def json_or_none(text: Any) -> Any:
    """A saved value (JSON text a page or widget wrote) parsed, or None when it is not JSON; a value
    that is not text is returned as it is. Never raises."""
    if not isinstance(text, str):
        return text
    try:
        return json.loads(text, parse_constant=lambda word: None)
    except (ValueError, RecursionError):
        return None


# --- Saved files beside the notebook --------------------------------------------------------------


def set_aside(path: Path) -> Path:
    """Rename ``path`` to ``<name>.set-aside`` (or ``.set-aside-2``, ``-3``... if taken): its bytes are kept
    exactly, nothing is deleted. Returns the new path."""
    path = Path(path)
    aside = path.with_name(path.name + ASIDE)
    n = 1
    while aside.exists():
        n += 1
        aside = path.with_name(f"{path.name}{ASIDE}-{n}")
    path.rename(aside)
    return aside


def read_saved(path: Path | None, problems_of: Problems, what: str, fresh: str) -> tuple[Any, str]:
    """A widget's saved state from ``path``: (data, "") if it is usable, (None, "") if there is none.

    A file that fails any check is set aside and (None, message) comes back; the message names the file,
    says what is wrong (``what``: "map", "design"...), where the bytes went, and ``fresh`` (what the
    widget does instead, e.g. "the builder starts with a new map").
    """
    if path is None:
        return None, ""
    path = Path(path)
    try:
        if not path.exists():
            return None, ""
        if path.is_dir():
            return None, f"Your saved {what} should be in {path.name}, but that is a folder; {fresh}, and it will not be saved."
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise LearnerFileError(path.name, f"the file is {size} bytes; a learner's file is at most {MAX_BYTES} bytes")
        data = read_json(path.name, path.read_bytes(), problems_of, f"your saved {what}")
        return data, ""
    except LearnerFileError as err:
        detail = err.detail
    except OSError as err:
        return None, (f"Your saved {what} in {path.name} could not be read ({err.strerror or type(err).__name__}); {fresh}.")
    try:
        aside = set_aside(path)
    except OSError as err:
        return None, (
            f"Your saved {what} in {path.name} could not be used ({detail}), and it could not be moved "
            f"aside ({err.strerror or type(err).__name__}); {fresh}. Copy the file somewhere safe."
        )
    return None, (
        f"Your saved {what} in {path.name} could not be used ({detail}); it was moved to {aside.name} "
        f"(nothing was deleted) and {fresh}."
    )


def _write_atomic(path: Path, text: str, newline: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` atomically: a temporary file beside it, flushed to disk,
    then a rename over it, so a crash never leaves half a file where the learner's work was."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "w", encoding="utf-8", newline=newline) as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


def write_export(path: Path, text: str) -> None:
    """Write an exported file (``text``, UTF-8, its line ends as given) to ``path`` atomically."""
    _write_atomic(path, text, newline="")


def write_saved(path: Path, data: Any) -> None:
    """Write ``data`` as JSON to ``path`` atomically: a temporary file beside it, then a rename over it."""
    _write_atomic(path, json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False), newline="\n")
