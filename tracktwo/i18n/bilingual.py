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


def field_html(field: Field | None, lang: str, *, status: bool = True) -> str:
    """One translated field: the translation (with its status, on the page), or "not yet translated"."""
    from html import escape

    if field is None:
        return ""
    if field.text is None:
        return '<span class="tt-bi-missing" lang="en">(not yet translated)</span>'
    out = f'<span lang="{lang}">{escape(field.text)}</span>'
    if status:
        out += f' <span class="tt-bi-status tt-bi-{field.status}">{field.status}</span>'
    return out


def entries_html(rs: list[Row], lang: str, *, status: bool = True) -> str:
    """Every entry: the term (and a theory term's translation), the expansion in both languages, the
    definition in English beside its translation. The book's page shows each field's status; the
    handout prints the draft line once instead."""
    from html import escape

    parts = ['<div class="tt-bilingual">']
    for r in rs:
        head = f"<strong>{escape(r.term)}</strong>"
        if r.term_tr is not None:
            head += f" · {field_html(r.term_tr, lang, status=status)}"
        expansion = ""
        if r.expansion is not None:
            expansion = (
                f'<p class="tt-bi-exp"><span lang="en">{escape(r.expansion.english)}</span> · '
                f"{field_html(r.expansion, lang, status=status)}</p>"
            )
        parts.append(
            f'<div class="tt-bi-entry" id="bi-{escape(r.id)}"><p class="tt-bi-term">{head}</p>{expansion}'
            f'<div class="tt-bi-cols"><p lang="en">{escape(r.definition.english)}</p>'
            f"<p>{field_html(r.definition, lang, status=status)}</p></div></div>"
        )
    parts.append("</div>")
    return "".join(parts)


def contested_html(terms: list[dict], *, heading: str = "h2") -> str:
    """The contested names (``data/contested_terms.yaml``): for each, the English forms with who uses
    them, the Burmese forms (each a draft until reviewed) with who uses them, and how the course
    handles it. Nothing is chosen silently: every form is given with its users."""
    from html import escape

    sub = "h3" if heading == "h2" else "h4"
    parts = [f'<{heading} id="contested-terms">Contested names: each form with its users</{heading}>']
    for term in terms:
        eng = "".join(f"<li><strong>{escape(f['form'])}</strong>: {escape(f['users'])}</li>" for f in term["english"])
        mya = "".join(
            f'<li><strong lang="my">{escape(f["form"])}</strong> ({escape(f["gloss"])}; {escape(f["status"])}): {escape(f["users"])}</li>'
            for f in term.get("burmese", [])
        )
        facts = ", ".join(term.get("facts", []))
        parts.append(
            f'<div class="tt-contested" id="ct-{escape(term["id"])}"><{sub}>{escape(term["topic"])}</{sub}>'
            f"<p>In English:</p><ul>{eng}</ul>"
            + (f"<p>In Burmese (the course's draft renderings):</p><ul>{mya}</ul>" if mya else "")
            + f'<p class="tt-contested-course">{escape(term["course"])}</p>'
            + (f'<p class="tt-source">Fact-sheet items: {escape(facts)}.</p>' if facts else "")
            + "</div>"
        )
    return "".join(parts)
