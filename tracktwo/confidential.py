"""Confidential and key material, marked in the data (docs/decisions/0013-confidential-material.md).

A data file that holds material some editions must leave out says so at its top, in two optional
sections mapping a field path to a kind (:data:`tracktwo.editions.CONFIDENTIAL_KINDS`,
:data:`tracktwo.editions.KEY_KINDS`)::

    confidential:                    # instructor edition and the kit's facilitator folder only
      roles[].confidential: simulation-brief
      script[].steps: simulation-script
    keys:                            # never in the participant edition
      channels[].placing: placing-key

A path is field names joined by dots; ``name[]`` steps into every entry of a list. Everything under
the field (strings in lists and mappings too) is the marked material.

:func:`tracktwo.editions.withholds` is the one rule deciding, per edition, whether marked material
is shown; the renderers ask it. This module finds the material: :func:`marked` for one file's data,
:func:`marked_strings` for every data file (plus the exercise banks' self-check keys, which their
schema marks by field), used by the kit's packing check and by the tests that grep every file of a
built edition. :func:`normalise` puts a text and a built file on the same footing (whitespace, HTML
and JSON escapes, curly quotes) so a secret cannot hide behind an escape.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from collections.abc import Iterable, Iterator

from .data.paths import DATA_DIR
from .editions import CONFIDENTIAL_KINDS, KEY_KINDS

SECTIONS = {"confidential": CONFIDENTIAL_KINDS, "keys": KEY_KINDS}
#: A piece shorter than this is too common to grep for (an id, "1.5", "Manage").
MIN_PIECE = 24


class MarkError(ValueError):
    """A data file's ``confidential`` or ``keys`` section is malformed or names a missing field."""


@dataclass(frozen=True)
class Marked:
    """One marked string: where it is (file, path) and its kind."""

    text: str
    kind: str
    file: str
    path: str


#: The exercise banks' key fields, as their schema (data/exercises/schema.json) names them: the
#: banks' own mark. Optional fields, so a bank item without one is passed over.
BANK_KEY_PATHS = (
    "items[].hint",
    "items[].options[].feedback",
    "items[].options[].clue",
    "items[].accept[].rationale",
    "items[].checklist",
    "items[].model_answer",
)


def _walk(node: Any, parts: list[str], where: str, file: str, lenient: bool = False) -> Iterator[tuple[str, Any]]:
    if not parts:
        yield where, node
        return
    head, rest = parts[0], parts[1:]
    optional = head.endswith("?")  # "field?": an optional field, passed over where an item has none
    head = head.rstrip("?")
    many = head.endswith("[]")
    name = head[:-2] if many else head
    if (lenient or optional) and (not isinstance(node, dict) or name not in node):
        return
    if not isinstance(node, dict) or name not in node:
        raise MarkError(f"{file}: marked path {where + '.' + head if where else head!r}: no field {name!r} there")
    value = node[name]
    here = f"{where}.{name}" if where else name
    if many:
        if not isinstance(value, list):
            raise MarkError(f"{file}: marked path {here}[]: the field is not a list")
        for i, entry in enumerate(value):
            label = entry.get("id") if isinstance(entry, dict) else None
            yield from _walk(entry, rest, f"{here}[{label or i}]", file, lenient)
    else:
        yield from _walk(value, rest, here, file, lenient)


def strings_in(node: Any) -> Iterator[str]:
    """Every string under ``node`` (mapping values and list entries, not mapping keys)."""
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from strings_in(value)
    elif isinstance(node, list):
        for value in node:
            yield from strings_in(value)


def marks(data: Any, file: str = "data") -> dict[str, str]:
    """The file's marks, ``{path: kind}``, checked: each kind is known for its section."""
    out: dict[str, str] = {}
    if not isinstance(data, dict):
        return out
    for section, kinds in SECTIONS.items():
        found = data.get(section)
        if found is None or (section == "confidential" and isinstance(found, str)):
            continue
        if not isinstance(found, dict):
            raise MarkError(f"{file}: section {section!r} must map field paths to kinds")
        for path, kind in found.items():
            if kind not in kinds:
                raise MarkError(f"{file}: {section}.{path}: kind {kind!r} is not one of {', '.join(kinds)}")
            out[str(path)] = kind
    return out


def marked(data: Any, file: str = "data") -> list[Marked]:
    """Every marked string in one file's data."""
    out = []
    for path, kind in marks(data, file).items():
        for where, node in _walk(data, path.split("."), "", file):
            out += [Marked(s, kind, file, where) for s in strings_in(node) if s.strip()]
    return out


def without_marks(data: dict[str, Any]) -> dict[str, Any]:
    """The data without its ``confidential`` and ``keys`` sections (for code that reads the rest)."""
    return {k: v for k, v in data.items() if k not in SECTIONS}


def _data_files(data_dir: Path) -> list[Path]:
    return sorted(p for p in Path(data_dir).rglob("*.yaml") if "exercises" not in p.relative_to(data_dir).parts)


def marked_in_data(data_dir: Path | str = DATA_DIR) -> list[Marked]:
    """Every marked string in every YAML data file (exercise banks apart: see :func:`bank_keys`)."""
    from .data.safe_yaml import read_yaml_document

    data_dir = Path(data_dir)
    out: list[Marked] = []
    for path in _data_files(data_dir):
        data = read_yaml_document(path).data
        out += marked(data, path.relative_to(data_dir.parent).as_posix())
    return out


def bank_keys(bank_dir: Path | str | None = None) -> list[Marked]:
    """The exercise banks' self-check keys (feedback, clues, hints, accepted alternatives' reasons,
    open items' checklists and model answers), from the fields their schema gives them
    (:data:`BANK_KEY_PATHS`)."""
    from .data.safe_yaml import read_yaml_document

    bank_dir = Path(bank_dir) if bank_dir else DATA_DIR / "exercises"
    out: list[Marked] = []
    for path in sorted(bank_dir.glob("*.yaml")):
        file = f"data/exercises/{path.name}"
        data = read_yaml_document(path).data
        for key_path in BANK_KEY_PATHS:
            for where, node in _walk(data, key_path.split("."), "", file, lenient=True):
                out += [Marked(s, "self-check-key", file, where) for s in strings_in(node) if s.strip()]
    return out


def marked_strings(
    kinds: tuple[str, ...] | None = None, data_dir: Path | str = DATA_DIR, with_banks: bool = True
) -> list[Marked]:
    """The one collector: every marked string the data holds, of the given kinds (default: all)."""
    found = marked_in_data(data_dir) + (bank_keys(Path(data_dir) / "exercises") if with_banks else [])
    return [m for m in found if kinds is None or m.kind in kinds]


_QUOTES = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-", "\u00a0": " ", "\u2011": "-"}
)
_TOOLTIP = re.compile(r'<span class="tt-tip"[^>]*role="tooltip"[^>]*>[^<]*</span>')
_JSON_ESCAPE = re.compile(r"\\(u[0-9a-fA-F]{4}|[\"\\/bfnrt])")


def _unjson(match: re.Match) -> str:
    code = match.group(1)
    if code[0] == "u":
        return chr(int(code[1:], 16))
    return {"b": " ", "f": " ", "n": " ", "r": " ", "t": " "}.get(code, code)


def normalise(text: str) -> str:
    """Text as a reader would see it: JSON escapes and HTML entities decoded, quotes and dashes
    straightened, runs of whitespace made one space."""
    for _ in range(2):  # JSON inside HTML (or HTML inside JSON)
        text = html.unescape(_JSON_ESCAPE.sub(_unjson, text))
    if "<" in text:
        text = _TOOLTIP.sub(" ", text)  # a glossary term's definition, inserted mid-sentence
        text = re.sub(r"<[^>]{0,200}>", " ", text)
    return re.sub(r"\s+", " ", text.translate(_QUOTES)).strip()


def pieces(text: str) -> list[str]:
    """The sentences of a marked text long enough to grep for, normalised: a sentence pasted
    elsewhere is found even if the rest of the text is not. (Whole sentences, not clauses: a
    marking guide quotes short phrases of the brief that the chapters quote too.)"""
    out = []
    for part in re.split(r"(?<=[.!?])\s+(?=[A-Z\"'(])", normalise(text)):
        part = part.strip(" .;:")
        if len(part) >= MIN_PIECE:
            out.append(part)
    return out


def leaks(text: str, found: list[Marked]) -> list[tuple[Marked, str]]:
    """The marked material whose pieces appear in ``text`` (normalised first)."""
    plain = normalise(text)
    out = []
    for m in found:
        for piece in pieces(m.text):
            if piece in plain:
                out.append((m, piece))
                break
    return out


def _readable(data: bytes) -> str | None:
    if b"\0" in data[:4096]:  # images, fonts, zips: no text to leak through a page
        return None
    return data.decode("utf-8", errors="replace")


def page_prose(root: Path | str | None = None) -> str:
    """What every edition may show (normalised): the pages' Markdown, the notebooks' Markdown cells,
    and every string of the data that is not marked (an exercise's options and prompt, a map's
    labels). A key's sentence that these also say (feedback often restates the lesson or an
    option) is not a key there. Confidential material is never in it (a fast test checks)."""
    import json

    from .data.paths import ROOT
    from .data.safe_yaml import read_yaml_document

    root = Path(root) if root else ROOT
    parts = [(root / "index.md").read_text(encoding="utf-8")] if (root / "index.md").exists() else []
    parts += [p.read_text(encoding="utf-8") for p in sorted((root / "book").rglob("*.md"))]
    for nb in sorted((root / "notebooks").glob("*.ipynb")):
        cells = json.loads(nb.read_text(encoding="utf-8")).get("cells", [])
        parts += ["".join(c.get("source", "")) for c in cells if c.get("cell_type") == "markdown"]
    inside = {m.text for m in marked_strings(data_dir=root / "data")}
    for path in sorted((root / "data").rglob("*.yaml")):
        parts += [s for s in strings_in(read_yaml_document(path).data) if s not in inside]
    return normalise("\n".join(parts))


def _found_in_texts(files: Iterable[tuple[str, bytes]], found: list[Marked], prose: str = "") -> list[tuple[str, Marked, str]]:
    """Every (name, marked string, piece) where one of ``files`` (name, bytes) holds a piece of marked
    material; binary files are passed over."""
    wanted = [(piece, m) for m in found for piece in pieces(m.text) if m.kind in CONFIDENTIAL_KINDS or piece not in prose]
    out = []
    for name, data in files:
        text = _readable(data)
        if text is None:
            continue
        plain = normalise(text)
        seen: set[Marked] = set()
        for piece, m in wanted:
            if m not in seen and piece in plain:
                seen.add(m)
                out.append((name, m, piece))
    return out


def found_in_folder(
    folder: Path | str, found: list[Marked], skip: tuple[str, ...] = (), prose: str = ""
) -> list[tuple[str, Marked, str]]:
    """Every (file, marked string, piece) where a file under ``folder`` (HTML, scripts, JSON, the
    search index, sources, notebooks, the offline manifest: any text file) holds a piece of marked
    material. ``skip`` names folders to pass over; a key's piece that ``prose``
    (:func:`page_prose`) also holds is passed over (never a confidential one)."""
    folder = Path(folder)
    files = (
        (path.relative_to(folder).as_posix(), path.read_bytes())
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not any(part in skip for part in path.relative_to(folder).parts)
    )
    return _found_in_texts(files, found, prose)


def found_in_zip(archive: Path | str | bytes, found: list[Marked], prose: str = "") -> list[tuple[str, Marked, str]]:
    """:func:`found_in_folder` for the entries of a zip (a path, or the zip's bytes): a release's
    zips are checked as they will be published."""
    import io
    import zipfile

    source = io.BytesIO(archive) if isinstance(archive, bytes) else archive
    with zipfile.ZipFile(source) as zf:
        files = [(info.filename, zf.read(info)) for info in zf.infolist() if not info.is_dir()]
    return _found_in_texts(files, found, prose)


def leaks_in_folder(folder: Path | str, found: list[Marked], skip: tuple[str, ...] = (), prose: str = "") -> list[str]:
    """:func:`found_in_folder` as messages: ``'file: kind from data file (field): "piece"'``."""
    return [
        f'{rel}: {m.kind} from {m.file} ({m.path}): "{piece[:60]}"'
        for rel, m, piece in found_in_folder(folder, found, skip, prose)
    ]
