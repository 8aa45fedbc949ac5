"""The course's own catalogs: every string the kit's sheets, the glossary and the interface show,
keyed by id, in ``locale/<lang>/course/<domain>.po`` (GNU gettext PO, read with Babel).

An entry is keyed by its ``msgctxt`` (the id, e.g. ``sheet:evaluation:lead`` or
``glossary:nca:definition``); its ``msgid`` is the English it translates, so a changed English source
is noticed: the old translation no longer applies and the English is shown, visibly, until a
translator updates it (``make i18n-update`` carries the old translation over as a draft).

Status, per entry (:data:`STATUSES`):

* ``draft``: translated, flagged ``fuzzy`` (gettext's "needs review"); shown, with the sheet's or
  page's "Draft translation: check with a translator before use" line;
* ``reviewed``: translated, not fuzzy, with a translator comment ``# reviewed: YYYY-MM-DD``;
* ``untranslated``: empty ``msgstr``.

A translated entry that is neither fuzzy nor marked reviewed is refused by :mod:`.checks` and
treated as a draft here: a translation is never presented as reviewed by accident.

:func:`translator` gives the function the sheets call, ``t(id, english)``: it returns a
:class:`Text` (a ``str``) that knows its status, and every call is recorded so a sheet can print
its draft line, and ``make i18n-update`` can collect every string the sheets show.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import html
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from .languages import LOCALE_DIR, SOURCE, language

STATUSES = ("draft", "reviewed", "untranslated")
#: Which catalog an id belongs to, by its first part (one catalog a kind of material, so translators
#: can work on them apart); every other prefix (``sheet``, ``sheet-footer``) goes to ``kit``.
DOMAINS = {
    "glossary": "glossary",
    "terms": "glossary",
    "ui": "ui",
    "cards": "cards",
    "check": "check",
    "sim": "simulation",
    "carry": "carry",
}
DEFAULT_DOMAIN = "kit"
REVIEWED = re.compile(r"^reviewed:\s*(\d{4}-\d{2}-\d{2})\b")
ID = re.compile(r"^[a-z0-9][a-z0-9._-]*(:[A-Za-z0-9][A-Za-z0-9_./-]*)+$")


#: A line of a PO file: a keyword and a quoted string, a continued string, a comment, or blank.
#: (Babel reads some broken lines silently, e.g. ``msgstr text`` as an empty translation.)
PO_LINE = re.compile(r'^\s*(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+)?"(?:[^"\\]|\\.)*"\s*$|^\s*(?:#.*)?$')


def syntax_error(text: str) -> tuple[int, str] | None:
    """The first line of ``text`` that is not a PO line, as (line number, the line), or None."""
    for n, line in enumerate(text.splitlines(), 1):
        if not PO_LINE.match(line):
            return n, line.strip()[:60]
    return None


class CatalogError(ValueError):
    """A catalog that cannot be read: the message names the file, the line and the entry."""


@dataclass(frozen=True)
class Entry:
    id: str
    english: str
    text: str
    status: str  # one of STATUSES
    path: Path
    line: int
    reviewed_on: str = ""
    unmarked: bool = False  # translated, neither fuzzy nor marked reviewed (refused by checks)
    comments: tuple[str, ...] = ()


def domain_of(ident: str) -> str:
    return DOMAINS.get(ident.split(":", 1)[0], DEFAULT_DOMAIN)


def course_dir(lang: str, root: Path | None = None) -> Path:
    return (Path(root) if root else LOCALE_DIR) / lang / "course"


def read_po(path: Path | str) -> dict[str, Entry]:
    """Every entry of one course catalog, by id. Refuses, naming the file and line: a file that is
    not UTF-8 or not a PO file, an entry with no id (``msgctxt``), an id given twice, a malformed id."""
    from babel.messages.pofile import PoFileError, read_po as babel_read

    path = Path(path)
    try:
        raw = path.read_bytes()
        raw.decode("utf-8")
    except OSError as exc:
        raise CatalogError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise CatalogError(f"{path}, line {line}: not UTF-8 (catalogs are Unicode UTF-8, never Zawgyi)") from None
    bad = syntax_error(raw.decode("utf-8"))
    if bad:
        raise CatalogError(f"{path}, line {bad[0]}: not a PO line: {bad[1]!r} (a keyword and a quoted string)")
    seen_ids: dict[str, int] = {}
    for n, line in enumerate(raw.decode("utf-8").splitlines(), 1):  # babel merges duplicates silently
        m = re.match(r'^msgctxt\s+"(.*)"\s*$', line)
        if m:
            if m.group(1) in seen_ids:
                raise CatalogError(f"{path}, line {n}: id '{m.group(1)}' is given twice (first at line {seen_ids[m.group(1)]})")
            seen_ids[m.group(1)] = n
    import io

    try:
        cat = babel_read(io.BytesIO(raw), abort_invalid=True, charset="utf-8")
    except PoFileError as exc:
        raise CatalogError(f"{path}: not a valid PO file: {exc}") from None
    except Exception as exc:  # babel raises plain errors on some broken files
        raise CatalogError(f"{path}: not a valid PO file ({type(exc).__name__}: {exc})") from None
    out: dict[str, Entry] = {}
    for msg in cat:
        if not msg.id:
            continue  # the header
        ident = msg.context
        line = msg.lineno or 0
        if not ident:
            raise CatalogError(f"{path}, line {line}: entry {_short(msg.id)!r} has no id (msgctxt)")
        if not ID.match(ident):
            raise CatalogError(f"{path}, line {line}: id {ident!r} is malformed (use e.g. 'sheet:evaluation:lead')")
        if isinstance(msg.id, tuple) or isinstance(msg.string, tuple):
            raise CatalogError(f"{path}, line {line}: entry '{ident}' has plural forms, which the course's catalogs do not use")
        text = unicodedata.normalize("NFC", msg.string or "")
        reviewed = next((m.group(1) for c in msg.user_comments if (m := REVIEWED.match(c.strip()))), "")
        if not text:
            status = "untranslated"
        elif msg.fuzzy or not reviewed:
            status = "draft"
        else:
            status = "reviewed"
        out[ident] = Entry(
            ident,
            msg.id,
            text,
            status,
            path,
            line,
            reviewed_on=reviewed if status == "reviewed" else "",
            unmarked=bool(text) and not msg.fuzzy and not reviewed,
            comments=tuple(msg.user_comments),
        )
    return out


def _short(text: str, n: int = 40) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


@functools.lru_cache(maxsize=16)
def _load(lang: str, root: str, stamp: tuple) -> dict[str, Entry]:
    entries: dict[str, Entry] = {}
    for path in sorted(course_dir(lang, Path(root) if root else None).glob("*.po")):
        for ident, entry in read_po(path).items():
            if ident in entries:
                raise CatalogError(f"{path}, line {entry.line}: id '{ident}' is also in {entries[ident].path.name}")
            entries[ident] = entry
    return entries


def load(lang: str, root: Path | None = None) -> dict[str, Entry]:
    """Every course entry of ``lang`` by id (cached until a catalog file changes). English: none."""
    if lang == SOURCE:
        return {}
    folder = course_dir(lang, root)
    stamp = (
        tuple((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in sorted(folder.glob("*.po"))) if folder.is_dir() else ()
    )
    return _load(lang, str(root or ""), stamp)


class Text(str):
    """A string a translator returned, with its language and status: ``source`` (English, no
    translation asked for), ``reviewed``, ``draft``, or ``fallback`` (English shown because there is no
    usable translation: none, or one made for an older English source)."""

    __slots__ = ("lang", "status", "id")

    def __new__(cls, value: str, lang: str, status: str, ident: str = ""):
        obj = super().__new__(cls, value)
        obj.lang, obj.status, obj.id = lang, status, ident
        return obj

    @property
    def fallback(self) -> bool:
        return self.status == "fallback"


@dataclass
class Use:
    id: str
    english: str
    status: str  # source, reviewed, draft, fallback


@dataclass
class Translator:
    """``t(id, english)`` for one language. Every call is recorded in each open :meth:`collect`."""

    lang: str = SOURCE
    entries: dict[str, Entry] = field(default_factory=dict)
    _open: list[list[Use]] = field(default_factory=list)

    def __call__(self, ident: str, english: str) -> Text:
        if not ID.match(ident):
            raise CatalogError(f"translation id {ident!r} is malformed (use e.g. 'sheet:evaluation:lead')")
        english = str(english)
        if self.lang == SOURCE or not english.strip():
            out = Text(english, SOURCE, "source", ident)
        else:
            entry = self.entries.get(ident)
            if entry and entry.text and entry.english == english:
                out = Text(entry.text, self.lang, "reviewed" if entry.status == "reviewed" else "draft", ident)
            else:
                out = Text(english, SOURCE, "fallback", ident)
        for uses in self._open:
            uses.append(Use(ident, english, out.status))
        return out

    @property
    def source(self) -> bool:
        return self.lang == SOURCE

    @contextlib.contextmanager
    def collect(self):
        """Record every string asked for inside the ``with`` block: ``with t.collect() as uses:``."""
        uses: list[Use] = []
        self._open.append(uses)
        try:
            yield uses
        finally:  # by identity: two open records may hold equal lists
            self._open[:] = [u for u in self._open if u is not uses]

    def html(self, ident: str, english: str) -> str:
        """The string, HTML-escaped; an English fallback in a translated edition is wrapped so it shows
        (``<span lang="en" class="tt-fallback">``)."""
        return escape(self(ident, english))

    def notice_html(self, uses: list[Use]) -> str:
        """The line a sheet or page prints when any string it shows is a draft or an English fallback
        (nothing in English, or when every string is reviewed)."""
        if self.source:
            return ""
        lang = language(self.lang)
        parts = []
        if any(u.status == "draft" for u in uses):
            parts.append(
                f'<p class="tt-i18n-draft" role="note"><strong lang="{lang.code}">{html.escape(lang.draft_line)}</strong>'
                f' <span lang="en">{html.escape(_draft_en())}</span></p>'
            )
        missing = sum(u.status == "fallback" for u in uses)
        if missing:
            parts.append(
                f'<p class="tt-i18n-fallback" role="note"><span lang="{lang.code}">{html.escape(lang.fallback_line)}</span>'
                f' <span lang="en">{html.escape(_fallback_en())} ({missing} of {len(uses)})</span></p>'
            )
        return "".join(parts)


def _draft_en() -> str:
    from .languages import DRAFT_LINE_EN

    return DRAFT_LINE_EN


def _fallback_en() -> str:
    from .languages import FALLBACK_LINE_EN

    return FALLBACK_LINE_EN


def escape(text: object) -> str:
    """HTML-escape ``text``; a :class:`Text` shown in English in place of a translation is wrapped in
    ``<span lang="en" class="tt-fallback">`` (marked on the page, and read in English by a screen reader)."""
    out = html.escape(str(text), quote=True)
    if isinstance(text, Text) and text.fallback:
        return f'<span lang="en" class="tt-fallback">{out}</span>'
    return out


def translator(lang: str = SOURCE, root: Path | None = None) -> Translator:
    """A :class:`Translator` for ``lang`` (its course catalogs loaded and checked once)."""
    return Translator(lang, load(lang, root))


# The translator in use: the sheets (and anything else that renders course strings) call :func:`t`,
# and whoever builds an edition sets the language once with :func:`using`.
_CURRENT: contextvars.ContextVar[Translator | None] = contextvars.ContextVar("tracktwo_translator", default=None)


def current() -> Translator:
    """The translator in use (English, recording nothing, unless :func:`using` set another)."""
    tr = _CURRENT.get()
    if tr is None:
        tr = Translator()
        _CURRENT.set(tr)
    return tr


def set_current(tr: Translator) -> None:
    """Make ``tr`` the translator of this process from now on (a build of a translated edition: the
    book's plugin sets it once, when the configuration is read)."""
    _CURRENT.set(tr)


@contextlib.contextmanager
def using(tr: Translator):
    """``with using(translator("my")):`` every :func:`t` inside speaks Burmese."""
    token = _CURRENT.set(tr)
    try:
        yield tr
    finally:
        _CURRENT.reset(token)


def t(ident: str, english: str) -> Text:
    """The string ``ident`` in the current language: ``t("sheet:evaluation:title", "Evaluation form")``."""
    return current()(ident, english)


def th(ident: str, english: str) -> str:
    """:func:`t`, HTML-escaped, an English fallback marked (:func:`escape`)."""
    return escape(t(ident, english))
