"""The translation layer (docs/decisions/0021-translations.md): one home for every language job.

* :mod:`.languages`: the languages the course knows, and ``TT_LANG`` (checked once, in
  :mod:`tracktwo.editions`).
* :mod:`.catalog`: the course's own catalogs (``locale/<lang>/course/<domain>.po``: the kit's sheets,
  the glossary, the interface), keyed by id (``msgctxt``), read with Babel; :func:`.catalog.translator`
  gives ``t(id, english)``, which falls back to English visibly and records every string's status.
* :mod:`.checks`: what a translation must keep (figures, acronyms, placeholders, tags) and how its
  status is marked (``fuzzy`` = draft; ``# reviewed: YYYY-MM-DD`` = reviewed).
* :mod:`.status`: ``make i18n-status`` (per language and catalog: strings, translated, reviewed).
* :mod:`.extract`: ``make i18n-update`` (new English strings into every catalog; old translations
  kept, changed sources marked draft).
* :mod:`.fonts`: the Myanmar font and the no-missing-glyph check.

The book's pages are translated by Sphinx itself (``locale/<lang>/LC_MESSAGES/<page>.po``, made with
the gettext builder and sphinx-intl); :mod:`tracktwo.sphinxext.translations` marks drafts and English
fallbacks on each page, and adds the language switch.
"""
