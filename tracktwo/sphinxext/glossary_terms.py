"""The glossary page and the glossary terms on every page, both generated from ``data/glossary.csv``.

* ``{course-glossary}`` (on ``book/glossary.md``) writes every entry, grouped (acronyms, then
  theory terms), each with an anchor ``gl-<id>``, its meaning and its source.
* ``{course-glossary-bilingual} my`` (on ``book/glossary-bilingual.md``) writes every entry in
  English and in that language side by side, each translation with its status
  (:mod:`tracktwo.i18n.bilingual`).
* In a translated edition (``TT_LANG``) the glossary and the tips speak that language where the
  glossary's catalog has a translation, and stay English, marked, where it has none.
* A post-transform marks the **first use of each term on every other page**: the term becomes a
  link to its glossary entry, described (``aria-describedby``) by a short tip that hover, keyboard
  focus or a tap shows (``assets/tracktwo/glossary.css`` and ``glossary.js``). Chapters are never
  edited by hand for this. Nothing is marked inside headings, code, links, raw HTML (the exercise
  widgets, figures) or notebook outputs.
"""

from __future__ import annotations

from functools import lru_cache
from html import escape
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from ..data import DATA_DIR
from .. import glossary as gl

logger = logging.getLogger(__name__)

GLOSSARY_CSS = "tracktwo/glossary.css"
GLOSSARY_JS = "tracktwo/glossary.js"
#: Pages that get no term markup: the glossary itself, and generated reference pages.
UNMARKED_DEFAULT = ("book/glossary", "book/references", "book/sources-since", "book/data")
#: Ancestors inside which a term is never marked.
SKIP_NODES = (
    nodes.title,
    nodes.subtitle,
    nodes.rubric,
    nodes.literal,
    nodes.literal_block,
    nodes.reference,
    nodes.raw,
    nodes.abbreviation,
    nodes.citation,
    nodes.footnote,
    nodes.target,
    nodes.doctest_block,
    nodes.math,
    nodes.math_block,
    nodes.field_name,
    nodes.term,
    nodes.option_string,
    nodes.comment,
)
SKIP_CLASSES = {"cell_output", "output", "tt-minutes", "tt-schedule", "tt-no-terms", "tt-map-twin"}


@lru_cache(maxsize=1)
def _load() -> tuple[list[gl.Entry], list, dict]:
    from ..citations import short_citations
    from ..data import load_glossary, load_references

    items = gl.entries(load_glossary())
    return items, gl.compile_patterns(items), dict(short_citations(load_references()))


def _skipped(node: nodes.Node) -> bool:
    ancestor = node.parent
    while ancestor is not None:
        if isinstance(ancestor, SKIP_NODES):
            return True
        if SKIP_CLASSES.intersection(ancestor.get("classes", []) if isinstance(ancestor, nodes.Element) else []):
            return True
        ancestor = ancestor.parent
    return False


def _tr(app) -> Any:
    """The edition's translator (English: returns its input)."""
    from ..i18n.catalog import translator

    return translator(getattr(app, "tracktwo_lang", "en"))


def translated_entry(entry: gl.Entry, tr) -> gl.Entry:
    """``entry`` with its expansion, definition and (a theory term's) term in ``tr``'s language;
    the fields stay :class:`tracktwo.i18n.catalog.Text`, so a fallback stays marked."""
    from dataclasses import replace

    if tr.source:
        return entry
    return replace(
        entry,
        term=entry.term if entry.kind == "acronym" else tr(f"glossary:{entry.id}:term", entry.term),
        expansion=tr(f"glossary:{entry.id}:expansion", entry.expansion) if entry.expansion else entry.expansion,
        definition=tr(f"glossary:{entry.id}:definition", entry.definition),
    )


def term_html(entry: gl.Entry, text: str, href: str) -> str:
    """The markup for one marked term (the tests and the byte budget measure this)."""
    tip = f"tt-tip-{entry.id}"
    return (
        f'<span class="tt-term"><a class="tt-term-link" href="{escape(href)}" aria-describedby="{tip}">'
        f'{escape(text)}</a><span class="tt-tip" id="{tip}" role="tooltip">{escape(entry.meaning)}</span></span>'
    )


class MarkGlossaryTerms(SphinxPostTransform):
    """Mark the first use of each glossary term on the page (HTML builders only)."""

    default_priority = 900
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        docname = self.env.docname
        config = self.config
        if docname in (config.tracktwo_unmarked_pages or ()) or not config.tracktwo_glossary_doc:
            return
        if config.tracktwo_glossary_doc not in self.env.all_docs:
            return
        try:
            _, patterns, _ = _load()
        except Exception as exc:  # the data checks name file, line and field
            logger.warning("glossary terms not marked: %s", exc, location=docname, type="tracktwo", subtype="glossary")
            return
        base = self.app.builder.get_relative_uri(docname, config.tracktwo_glossary_doc)
        tr = _tr(self.app)
        seen: set[str] = set()
        for text_node in list(self.document.findall(nodes.Text)):
            if text_node.parent is None or _skipped(text_node):
                continue
            text = str(text_node)
            spans = gl.first_uses(text, patterns, seen)
            if not spans:
                continue
            new: list[nodes.Node] = []
            pos = 0
            for start, end, entry in spans:
                if start > pos:
                    new.append(nodes.Text(text[pos:start]))
                shown = translated_entry(entry, tr)
                new.append(nodes.raw("", term_html(shown, text[start:end], f"{base}#gl-{entry.id}"), format="html"))
                pos = end
            if pos < len(text):
                new.append(nodes.Text(text[pos:]))
            text_node.parent.replace(text_node, new)


class CourseGlossary(SphinxDirective):
    """The glossary entries of one kind (``acronym`` or ``theory``), or all of them grouped,
    each with its anchor and source."""

    has_content = False
    optional_arguments = 1

    def run(self) -> list[nodes.Node]:
        self.env.note_dependency(str(Path(DATA_DIR) / "glossary.csv"))
        self.env.note_dependency(str(Path(DATA_DIR) / "references.bib"))
        try:
            items, _, citations = _load()
        except Exception as exc:
            raise self.error(f"{{course-glossary}}: {exc}")
        kind = self.arguments[0].strip() if self.arguments else ""
        if kind and kind not in gl.KIND_TITLES:
            raise self.error(f"{{course-glossary}}: unknown kind {kind!r}; use {' or '.join(gl.KIND_TITLES)}")
        tr = _tr(self.env.app)
        out: list[nodes.Node] = []
        for title, members in gl.grouped(e for e in items if not kind or e.kind == kind):
            section = nodes.container(classes=["tt-glossary-group"])
            if not kind:
                section += nodes.rubric(text=title, classes=["tt-glossary-heading"])
            dl = nodes.definition_list(classes=["tt-glossary"])
            for original in members:
                entry = translated_entry(original, tr)
                item = nodes.definition_list_item()
                term = nodes.term(ids=[f"gl-{entry.id}"])
                term += nodes.strong(text=entry.term)
                if entry.term != original.term:  # a translated theory term keeps its English beside it
                    term += nodes.Text(f" / {original.term}")
                if entry.expansion:
                    term += nodes.Text(f" ({entry.expansion})")
                item += term
                body = nodes.definition()
                body += nodes.paragraph(text=entry.definition, classes=_fallback_classes(entry.definition))
                if entry.note:
                    body += nodes.paragraph(text=f"{tr('ui:glossary:note', 'Note')}: {entry.note}", classes=["tt-glossary-note"])
                body += nodes.paragraph(
                    text=f"{tr('ui:glossary:source', 'Source')}: {gl.source_text(entry, citations)}.",
                    classes=["tt-glossary-source"],
                )
                item += body
                dl += item
            section += dl
            out.append(section)
        return out


def _fallback_classes(text) -> list[str]:
    """Classes for a paragraph that shows English in place of a missing translation (lang="en")."""
    return ["tt-fallback", "language-en"] if getattr(text, "fallback", False) else []


class BilingualGlossary(SphinxDirective):
    """Every glossary entry in English and in one translation language side by side."""

    has_content = False
    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        from ..i18n.bilingual import counts, rows
        from ..i18n.catalog import CatalogError, course_dir
        from ..i18n.languages import LANGUAGES

        lang = self.arguments[0].strip()
        if lang not in LANGUAGES or lang == "en":
            raise self.error(f"{{course-glossary-bilingual}}: {lang!r} is not a translation language ({', '.join(LANGUAGES)})")
        self.env.note_dependency(str(Path(DATA_DIR) / "glossary.csv"))
        for po in sorted(course_dir(lang).glob("*.po")):
            self.env.note_dependency(str(po))
        try:
            rs = rows(lang)
        except (CatalogError, ValueError) as exc:
            raise self.error(f"{{course-glossary-bilingual}}: {exc}")
        from ..data.contested import CONTESTED_PATH, ContestedTermsError, load_contested_terms
        from ..i18n.bilingual import contested_html

        self.env.note_dependency(str(CONTESTED_PATH))
        try:
            terms = load_contested_terms()
        except ContestedTermsError as exc:
            raise self.error(f"{{course-glossary-bilingual}}: {exc}")
        return [nodes.raw("", bilingual_html(rs, lang, counts(rs)) + contested_html(terms), format="html")]


def bilingual_html(rs, lang: str, tally: dict[str, int]) -> str:
    """The bilingual glossary's markup: the tally of statuses, then every entry with each translated
    field marked draft or reviewed (:func:`tracktwo.i18n.bilingual.entries_html`)."""
    from ..i18n.bilingual import entries_html
    from ..i18n.languages import LANGUAGES

    name = LANGUAGES[lang]
    return (
        f'<p class="tt-bi-summary">{name.english_name} ({escape(name.native_name)}): {tally["reviewed"]} fields reviewed, '
        f"{tally['draft']} drafts, {tally['fallback']} not yet translated.</p>" + entries_html(rs, lang)
    )


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("tracktwo_glossary_doc", "book/glossary", "env")
    app.add_config_value("tracktwo_unmarked_pages", list(UNMARKED_DEFAULT), "env")
    app.add_directive("course-glossary", CourseGlossary)
    app.add_directive("course-glossary-bilingual", BilingualGlossary)
    app.add_post_transform(MarkGlossaryTerms)
    return {"parallel_read_safe": True}
