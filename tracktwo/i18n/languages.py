"""The languages the course is written or translated in: one table, read by the edition settings
(``TT_LANG``), the book's plugin, the kit, the status report and the tests.

English is the source language. A translation language has a folder ``locale/<code>/`` (its
catalogs); a missing catalog or string falls back to English, visibly.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..data.paths import ROOT

#: Where the catalogs live: ``locale/<lang>/LC_MESSAGES`` (Sphinx, the book's pages) and
#: ``locale/<lang>/course`` (the course's own catalogs: kit, glossary, interface).
LOCALE_DIR = ROOT / "locale"
SOURCE = "en"
#: The environment variable that picks an edition's language (not LANG, which is the system locale).
LANG_ENV = "TT_LANG"


@dataclass(frozen=True)
class Language:
    code: str  # BCP 47 / gettext code, also the HTML lang attribute
    english_name: str
    native_name: str
    #: The line printed on every sheet and page that shows a draft string, in the language and in English.
    draft_line: str = ""
    #: Said where a passage is shown in English because it has no translation yet.
    fallback_line: str = ""
    #: The label of the switch that leads to this language's edition.
    switch_label: str = ""


DRAFT_LINE_EN = "Draft translation: check with a translator before use."
FALLBACK_LINE_EN = "Passages not yet translated are shown in English."

LANGUAGES: dict[str, Language] = {
    "en": Language("en", "English", "English", switch_label="English"),
    "my": Language(
        "my",
        "Burmese",
        "မြန်မာဘာသာ",
        # The course's draft wording (docs/translation.md): reviewed like every other string.
        draft_line="ဘာသာပြန် မူကြမ်း ဖြစ်သည်။ မသုံးမီ ဘာသာပြန်သူနှင့် စစ်ဆေးပါ။",
        fallback_line="ဘာသာမပြန်ရသေးသော အပိုင်းများကို အင်္ဂလိပ်လို ပြထားသည်။",
        switch_label="မြန်မာ",
    ),
}


def known() -> tuple[str, ...]:
    """Codes of the languages an edition may be built in: English, and every language that has both an
    entry in :data:`LANGUAGES` and a ``locale/<code>/`` folder."""
    return tuple(c for c in LANGUAGES if c == SOURCE or (LOCALE_DIR / c).is_dir())


def language(code: str) -> Language:
    return LANGUAGES[code]
