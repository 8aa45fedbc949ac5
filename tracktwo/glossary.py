"""The glossary as data a page can use: entries, the patterns that find a term in running text,
and the first use of each term in a sequence of text runs.

Pure functions over ``data/glossary.csv`` (loaded by :func:`tracktwo.data.load_glossary`); the
book's plugin (:mod:`tracktwo.sphinxext.glossary_terms`) turns the spans found here into markup.

* Acronyms match case-sensitively, as whole words, with an optional plural ``s`` ("PDFs").
* Theory terms match case-insensitively ("ripeness", "Ripeness").
* Where two forms overlap, the longer wins ("Track Two diplomacy" before "Track Two"), and
  "Track 1" never matches inside "Track 1.5".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from collections.abc import Iterable, Mapping, Sequence

import pandas as pd

KIND_TITLES = {"acronym": "Acronyms and abbreviations", "theory": "Track Two and conflict-resolution terms"}


@dataclass(frozen=True)
class Entry:
    id: str
    term: str
    forms: tuple[str, ...]
    kind: str
    expansion: str
    definition: str
    source: str
    locator: str
    other_sources: tuple[str, ...]
    note: str

    @property
    def meaning(self) -> str:
        """What a tooltip says: the expansion (for an acronym), then the definition."""
        lead = f"{self.expansion}. " if self.expansion else ""
        return lead + self.definition


def _text(value) -> str:
    return "" if value is None or (not isinstance(value, (list, tuple)) and pd.isna(value)) else str(value).strip()


def _list(value) -> tuple[str, ...]:
    if isinstance(value, (list, tuple)):
        return tuple(str(v).strip() for v in value if str(v).strip())
    text = _text(value)
    return tuple(v.strip() for v in text.split(";") if v.strip()) if text else ()


def entries(glossary: pd.DataFrame) -> list[Entry]:
    """One :class:`Entry` per row, in file order; ``forms`` is the term and its aliases."""
    out = []
    for _, row in glossary.iterrows():
        term = _text(row["term"])
        forms = (term,) + tuple(a for a in _list(row.get("aliases")) if a != term)
        out.append(
            Entry(
                id=_text(row["id"]),
                term=term,
                forms=forms,
                kind=_text(row["kind"]),
                expansion=_text(row.get("expansion")),
                definition=_text(row["definition"]),
                source=_text(row["source"]),
                locator=_text(row.get("locator")),
                other_sources=_list(row.get("other_sources")),
                note=_text(row.get("note")),
            )
        )
    return out


def _form_pattern(form: str, kind: str) -> str:
    body = re.escape(form).replace(r"\ ", r"\s+")
    # An optional plural "s" ("PDFs"); not inside a longer word or a number ("Track 1" in "Track 1.5").
    return rf"(?<![\w/-]){body}(?:s)?(?![\w/]|\.\d)"


def compile_patterns(items: Sequence[Entry]) -> list[tuple[Entry, re.Pattern]]:
    """A compiled pattern per entry that matches any of its forms."""
    out = []
    for entry in items:
        forms = sorted(entry.forms, key=len, reverse=True)
        flags = 0 if entry.kind == "acronym" else re.IGNORECASE
        out.append((entry, re.compile("|".join(_form_pattern(f, entry.kind) for f in forms), flags)))
    return out


def first_uses(text: str, patterns: Sequence[tuple[Entry, re.Pattern]], seen: set[str]) -> list[tuple[int, int, Entry]]:
    """Spans ``(start, end, entry)`` in ``text`` of terms not yet in ``seen`` (which is updated).

    Each entry is found at most once (its first match); overlapping matches resolve to the
    earliest, then the longest.
    """
    candidates = []
    for entry, pattern in patterns:
        if entry.id in seen:
            continue
        match = pattern.search(text)
        if match:
            candidates.append((match.start(), -(match.end() - match.start()), match.end(), entry))
    candidates.sort(key=lambda c: (c[0], c[1]))
    spans: list[tuple[int, int, Entry]] = []
    end_of_last = -1
    for start, _, end, entry in candidates:
        if start < end_of_last or entry.id in seen:
            continue
        spans.append((start, end, entry))
        seen.add(entry.id)
        end_of_last = end
    return spans


def grouped(items: Iterable[Entry]) -> list[tuple[str, list[Entry]]]:
    """Entries grouped by kind (acronyms, then theory terms), each group sorted by term."""
    groups = []
    items = list(items)
    for kind, title in KIND_TITLES.items():
        members = sorted((e for e in items if e.kind == kind), key=lambda e: e.term.casefold())
        if members:
            groups.append((title, members))
    return groups


def source_text(entry: Entry, citations: Mapping[str, str]) -> str:
    """'Jones et al. (2021), Acronyms; also Mason (2009)'."""
    text = citations.get(entry.source, entry.source)
    if entry.locator:
        text += f", {entry.locator}"
    if entry.other_sources:
        text += "; also " + "; ".join(citations.get(k, k) for k in entry.other_sources)
    return text
