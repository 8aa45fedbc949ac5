"""Further reading per chapter, from the brief's own endnotes (``data/further_reading.yaml``).

The file maps a chapter's docname (``book/part1/levels``) to a list of works, each with its
citation key, what the work adds and which point of the chapter it supports. :func:`load_further_reading`
checks it against ``further_reading.schema.json`` and then what a schema cannot:

* the chapter exists (``<docname>.md`` or ``<docname>.ipynb`` in the repository);
* every key is in ``references.bib`` and is one of the brief's endnote works (its ``endnote``
  field is set), since this list is the brief's own reading list, not the course's;
* no work is listed twice for one chapter.

Every problem raises one :class:`FurtherReadingError` naming the file, the chapter, the item and
the field (with the line), never a traceback. The ``{further-reading}`` directive renders a
chapter's list with real citations (:mod:`tracktwo.sphinxext.further_reading`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any
from collections.abc import Iterable, Mapping, Sequence

from .content import ContentError, guarded, short_text, check_schema
from .paths import DATA_DIR, ROOT
from .yamlfile import read_document

FURTHER_READING_PATH = DATA_DIR / "further_reading.yaml"
FURTHER_READING_SCHEMA = DATA_DIR / "further_reading.schema.json"


class FurtherReadingError(ContentError):
    """data/further_reading.yaml is invalid; the message names the file, chapter, item and field."""


@dataclass(frozen=True)
class Reading:
    key: str
    adds: str
    supports: str


def _label(raw: Any):
    def label(path: Sequence[Any]) -> tuple[str, list]:
        if len(path) >= 2 and path[0] == "chapters":
            where = f"chapter '{short_text(path[1], 60)[1:-1]}'"
            if len(path) >= 3 and isinstance(path[2], int):
                items = raw.get("chapters", {}).get(path[1]) if isinstance(raw, dict) else None
                item = items[path[2]] if isinstance(items, list) and path[2] < len(items) else None
                key = item.get("key") if isinstance(item, dict) else None
                where += f", item {path[2] + 1}" + (f" '{short_text(key, 40)[1:-1]}'" if isinstance(key, str) else "")
                return where, list(path[3:])
            return where, list(path[2:])
        if path:
            return f"'{path[0]}'", list(path[1:])
        return "", []

    return label


def endnote_works(data_dir: Path | str | None = None) -> set[str]:
    """The keys of references.bib that are works cited in the brief's endnotes."""
    from .bibtex import load_references

    refs = load_references(data_dir)
    return set(refs.loc[refs["endnotes"].map(len) > 0, "key"])


def _chapter_exists(docname: str, root: Path) -> bool:
    return any((root / f"{docname}{suffix}").is_file() for suffix in (".md", ".ipynb"))


def _load_further_reading(
    path: Path | str | None = None,
    known_keys: Iterable[str] | None = None,
    endnote_keys: Iterable[str] | None = None,
    root: Path | str | None = None,
) -> dict[str, list[Reading]]:
    """Load and check the further-reading lists: chapter docname -> [Reading, ...] in file order.

    ``known_keys`` (default: the keys of references.bib beside the file) and ``endnote_keys``
    (default: those of them cited in the brief's endnotes) can be given for tests; ``root`` is where
    chapters are looked up (default: the repository).
    """
    path = Path(path) if path else FURTHER_READING_PATH
    shown = path.name
    doc = read_document(path, FurtherReadingError)
    raw = doc.data
    check_schema(doc, path, FURTHER_READING_SCHEMA, _label(raw), FurtherReadingError)
    if known_keys is None or endnote_keys is None:
        from .problems import DataError

        try:
            from .bibtex import load_references

            refs = load_references(path.parent)
        except DataError as exc:
            raise FurtherReadingError(
                f"{shown}: its citation keys cannot be checked, because the bibliography beside it is invalid: {exc}"
            ) from None
        known = set(refs["key"]) if known_keys is None else set(known_keys)
        endnotes = set(refs.loc[refs["endnotes"].map(len) > 0, "key"]) if endnote_keys is None else set(endnote_keys)
    else:
        known, endnotes = set(known_keys), set(endnote_keys)
    base = Path(root) if root else ROOT
    out: dict[str, list[Reading]] = {}
    for docname, items in raw["chapters"].items():
        where = f"chapter '{docname}'"
        if not _chapter_exists(docname, base):
            raise FurtherReadingError(
                f"{shown}: {where}: no chapter {docname}.md or {docname}.ipynb "
                f"in the book (line {doc.line_of(['chapters', docname])})"
            )
        seen: list[str] = []
        readings = []
        for i, item in enumerate(items):
            key = item["key"]
            here = f"{where}, item {i + 1} '{key}', field 'key'"
            line = doc.line_of(["chapters", docname, i, "key"])
            if key not in known:
                raise FurtherReadingError(f"{shown}: {here}: not a key in references.bib (line {line})")
            if key not in endnotes:
                raise FurtherReadingError(
                    f"{shown}: {here}: not one of the brief's endnote works "
                    f"(its references.bib entry has no endnote field) (line {line})"
                )
            if key in seen:
                raise FurtherReadingError(
                    f"{shown}: {here}: listed twice for this chapter (also item {seen.index(key) + 1}) (line {line})"
                )
            seen.append(key)
            readings.append(Reading(key=key, adds=item["adds"].strip(), supports=item["supports"].strip()))
        out[docname] = readings
    return out


load_further_reading = guarded(_load_further_reading, FurtherReadingError)
load_further_reading.__doc__ = _load_further_reading.__doc__


def listed_keys(lists: Mapping[str, Sequence[Reading]]) -> set[str]:
    """Every key any chapter's further-reading list names."""
    return {r.key for readings in lists.values() for r in readings}
