"""Translated editions of the book (``make book TT_LANG=my``; docs/decisions/0021-translations.md).

Sphinx translates the pages itself, from ``locale/<lang>/LC_MESSAGES/<page>.po`` (one catalog a page:
``gettext_compact`` is off; made by ``make i18n-update`` with the gettext builder and sphinx-intl).
This plugin:

* sets Sphinx's ``language``, ``locale_dirs`` and ``gettext_allow_fuzzy_translations`` from the
  edition's language (:func:`tracktwo.editions.settings`, ``TT_LANG``): drafts (``fuzzy``) are shown;
* before Sphinx translates a page, reads its catalog and marks every passage: one with no
  translation keeps its English, marked ``lang="en"`` and ``tt-fallback`` (a screen reader reads it
  in English; the page shows it is English); a page with any draft passage opens with the line
  "Draft translation: check with a translator before use", a page with English passages says how
  many;
* adds the language switch (a plain link, no script) when the site holds more than one language
  (``TT_LANGS=en,my``, set by ``make book TT_LANG=my``, which builds both: English in
  ``_build/html``, Burmese in ``_build/html/my``). The kit's editions stand alone: no switch.

* translates the table of contents' part captions (and titles given in ``_toc.yml``): the external
  toc inserts its toctrees (priority 100) after Sphinx has translated the page (priority 20), so
  without :class:`TranslateToctrees` the sidebar kept its English captions.

Notebook pages are not translated yet (Sphinx would re-parse a translated cell as a whole
notebook): their passages are marked as English like any untranslated passage.
"""

from __future__ import annotations

import html
import os
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.locale import init as init_locale
from sphinx.transforms import SphinxTransform
from sphinx.util import logging
from sphinx.util.i18n import docname_to_domain
from sphinx.util.nodes import extract_messages

from ..editions import EditionError, settings
from ..i18n.languages import LANGUAGES, LOCALE_DIR, SOURCE, language
from ..i18n.pages import page_statuses

logger = logging.getLogger(__name__)

LANGS_ENV = "TT_LANGS"


def site_languages(config) -> list[str]:
    """The languages this site is built in (``TT_LANGS`` or ``tracktwo_languages``), English first."""
    raw = (os.environ.get(LANGS_ENV) or "").strip() or ",".join(getattr(config, "tracktwo_languages", None) or [])
    langs = [c.strip() for c in raw.split(",") if c.strip()]
    for code in langs:
        if code not in LANGUAGES:
            raise EditionError(f"{LANGS_ENV} names {code!r}: use codes of tracktwo/i18n/languages.py ({', '.join(LANGUAGES)})")
    return ([SOURCE] if SOURCE in langs or langs else []) + [c for c in langs if c != SOURCE]


def _on_config_inited(app: Sphinx, config) -> None:
    lang = settings(config=config).lang
    config.gettext_compact = False  # one catalog a page (the gettext builder and the editions agree)
    config.locale_dirs = [str(LOCALE_DIR)]
    if lang != SOURCE:
        config.language = lang
        config.gettext_allow_fuzzy_translations = True  # drafts are shown, with the page's draft line
    app.tracktwo_lang = lang  # type: ignore[attr-defined]
    from ..i18n.catalog import set_current, translator

    set_current(translator(lang))  # the exercises, sheets and glossary rendered by this build speak it
    app.tracktwo_site_languages = site_languages(config)  # type: ignore[attr-defined]


def switch_href(docname: str, here: str, there: str) -> str:
    """The relative link from page ``docname`` of the ``here`` edition to the same page of ``there``:
    English at the site's root, every other language in ``<root>/<code>/``."""
    up = "../" * docname.count("/") + ("../" if here != SOURCE else "")
    return up + ("" if there == SOURCE else f"{there}/") + docname + ".html"


def notice_html(lang: str, counts: dict[str, int], docname: str, site: list[str]) -> str:
    """The top-of-page notice: the language switch, the draft line and the English-passages line."""
    parts = []
    others = [c for c in site if c != lang]
    if others:
        links = " · ".join(
            f'<a href="{html.escape(switch_href(docname, lang, c))}" hreflang="{c}" lang="{c}" rel="alternate">'
            f"{html.escape(language(c).switch_label or language(c).native_name)}</a>"
            for c in others
        )
        parts.append(f'<p class="tt-lang-switch">{links}</p>')
    if lang != SOURCE:
        lng = language(lang)
        if counts.get("draft"):
            parts.append(
                f'<p class="tt-i18n-draft" role="note"><strong>{html.escape(lng.draft_line)}</strong> '
                f'<span lang="en">Draft translation: check with a translator before use.</span></p>'
            )
        missing, total = counts.get("fallback", 0), counts.get("total", 0)
        if missing:
            parts.append(
                f'<p class="tt-i18n-fallback" role="note">{html.escape(lng.fallback_line)} '
                f'<span lang="en">Not yet translated: {missing} of {total} passages on this page are shown in English.</span></p>'
            )
    if not parts:
        return ""
    return f'<div class="tt-i18n-notice">{"".join(parts)}</div>'


class MarkTranslations(SphinxTransform):
    """Before Sphinx's own Locale transform (priority 20): mark each passage by its catalog status and
    put the notice at the top of the page."""

    default_priority = 19

    def apply(self, **kwargs: Any) -> None:
        lang = getattr(self.app, "tracktwo_lang", SOURCE)
        site = getattr(self.app, "tracktwo_site_languages", [])
        docname = self.env.docname
        counts = {"total": 0, "draft": 0, "reviewed": 0, "fallback": 0}
        if lang != SOURCE:
            statuses = page_statuses(lang, docname)
            for node, msg in extract_messages(self.document):
                counts["total"] += 1
                status = statuses.get(msg, "fallback")
                counts[status] += 1
                if status == "fallback":
                    node["classes"] += ["tt-fallback", "language-en"]
            self.env.metadata.setdefault(docname, {})["tracktwo_i18n"] = counts
        block = notice_html(lang, counts, docname, site)
        if not block:
            return
        raw = nodes.raw("", block, format="html")
        section = next(iter(self.document.findall(nodes.section)), None)
        if section is not None:
            title = next((i for i, c in enumerate(section.children) if isinstance(c, nodes.title)), -1)
            section.insert(title + 1, raw)
        else:
            self.document.insert(0, raw)


class TranslateToctrees(SphinxTransform):
    """After sphinx-external-toc inserts the toctrees (priority 100), before the toc collectors run
    (doctree-read): translate their captions and the titles that ``_toc.yml`` gives, from the page's
    catalog (the same compiled catalog Sphinx's Locale transform reads). ``rawentries`` is recorded
    in every edition, so the gettext builder (``make i18n-update``) extracts those titles too."""

    default_priority = 101

    def apply(self, **kwargs: Any) -> None:
        toctrees = list(self.document.findall(addnodes.toctree))
        for node in toctrees:
            if "rawentries" not in node:
                node["rawentries"] = [title for title, _doc in node["entries"] if title]
        lang = getattr(self.app, "tracktwo_lang", SOURCE)
        if lang == SOURCE or not toctrees:
            return
        domain = docname_to_domain(self.env.docname, self.config.gettext_compact)
        dirs = [os.path.join(self.env.srcdir, d) for d in self.config.locale_dirs]
        catalog, has_catalog = init_locale(dirs, self.config.language, domain)
        if not has_catalog:
            return
        for node in toctrees:
            for msg in node.extract_original_messages():
                text = catalog.gettext(msg)
                if text and text != msg:
                    node.apply_translated_message(msg, text)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("tracktwo_lang", "en", "env")
    app.add_config_value("tracktwo_languages", [], "env")
    app.connect("config-inited", _on_config_inited)
    app.add_transform(MarkTranslations)
    app.add_transform(TranslateToctrees)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
