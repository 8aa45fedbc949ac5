"""The bilingual glossary (a page of the book and a handout of the kit): every glossary entry in
English and in a translation language side by side, each translated field with its status.

Pure: the rows come from ``data/glossary.csv`` and the language's glossary catalog
(``locale/<lang>/course/glossary.po``, ids ``glossary:<id>:<field>``); a field with no usable
translation is ``None`` (shown as "not yet translated", never as English passed off as the
translation).
"""

from __future__ import annotations

from dataclasses import dataclass

from .catalog import Translator, translator


@dataclass(frozen=True)
class Field:
    english: str
    text: str | None  # the translation, or None
    status: str  # draft, reviewed, fallback (no usable translation)


@dataclass(frozen=True)
class Row:
    id: str
    kind: str
    term: str  # the term as written in English (an acronym stays as it is)
    term_tr: Field | None  # a theory term's translation (acronyms: None)
    expansion: Field | None
    definition: Field


def _field(tr: Translator, ident: str, english: str) -> Field:
    text = tr(ident, english)
    return Field(english, None if text.fallback else str(text), text.status)


def rows(lang: str, tr: Translator | None = None) -> list[Row]:
    """One :class:`Row` per glossary entry, acronyms first, each group in alphabetical order."""
    from ..data import load_glossary
    from ..glossary import entries, grouped

    tr = tr or translator(lang)
    out = []
    for _title, members in grouped(entries(load_glossary())):
        for e in members:
            out.append(
                Row(
                    e.id,
                    e.kind,
                    e.term,
                    _field(tr, f"glossary:{e.id}:term", e.term) if e.kind != "acronym" else None,
                    _field(tr, f"glossary:{e.id}:expansion", e.expansion) if e.expansion else None,
                    _field(tr, f"glossary:{e.id}:definition", e.definition),
                )
            )
    return out


def counts(rs: list[Row]) -> dict[str, int]:
    """How many translated fields are drafts, reviewed, or missing."""
    out = {"draft": 0, "reviewed": 0, "fallback": 0}
    for r in rs:
        for f in (r.term_tr, r.expansion, r.definition):
            if f is not None:
                out[f.status] += 1
    return out
