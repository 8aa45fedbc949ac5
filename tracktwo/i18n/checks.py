"""What a translation must keep, and how its status must be marked (docs/translation.md).

Each check returns messages naming the catalog file, the line and the entry; an empty list means
the catalog passes. tests/test_i18n.py runs :func:`check_language` on every language, so a
translation that drops a figure or an acronym, or claims to be reviewed without saying when, fails.

* **status**: a translated entry is a draft (``fuzzy``) or reviewed (no ``fuzzy`` and a comment
  ``# reviewed: YYYY-MM-DD``), never neither;
* **figures**: every number of the English is in the translation (Myanmar digits count as the same
  number);
* **acronyms**: every acronym of the glossary that the English uses keeps its English form;
* **markup**: the same ``{placeholders}`` and HTML tags;
* **script**: Unicode Myanmar, NFC, not Zawgyi (a vowel sign E before its consonant gives it away);
  a Burmese translation is written in Myanmar script.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from pathlib import Path

from .catalog import CatalogError, Entry, course_dir, read_po
from .languages import LOCALE_DIR

NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
MYANMAR_DIGITS = str.maketrans("၀၁၂၃၄၅၆၇၈၉", "0123456789")
PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}")
TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*")
MYANMAR = re.compile(r"[\u1000-\u109F\uA9E0-\uA9FF\uAA60-\uAA7F]")


@functools.lru_cache(maxsize=1)
def acronyms() -> tuple[str, ...]:
    """Every form of every acronym in the glossary (AA, ULA, KIA, NCA...), longest first."""
    from ..data import load_all
    from ..glossary import entries

    forms = {
        part
        for e in entries(load_all().glossary)
        if e.kind == "acronym"
        for f in e.forms
        for part in f.split("/")
        if re.fullmatch(r"[A-Z][A-Za-z0-9-]*", part) and sum(ch.isupper() for ch in part) >= 2
    }
    return tuple(sorted(forms, key=len, reverse=True))


def _numbers(text: str) -> Counter:
    return Counter(n.replace(",", "") for n in NUMBER.findall(text.translate(MYANMAR_DIGITS)))


#: Any other acronym: two or more capitals (digits and one "-<digits>" tail allowed: 3BHA, DKBA-5),
#: optionally with a plural "s" (CSOs, MPs). "Lt-Gen", "Ta'ang" and "Sec." are not acronyms.
ACRONYM = re.compile(r"(?<![A-Za-z0-9])([0-9]*[A-Z][A-Z0-9]*[A-Z][A-Z0-9]*(?:-[0-9]+)?)s?(?![A-Za-z0-9])")


def _acronyms_in(text: str) -> set[str]:
    """The glossary's acronyms (KNU/KNLA's parts, NCA-S) and any other capitals-only token in ``text``."""
    found = {a for a in acronyms() if re.search(rf"(?<![A-Za-z-]){re.escape(a)}s?(?![A-Za-z-])", text)}
    return found | set(ACRONYM.findall(text))


def check_text(english: str, text: str, lang: str) -> list[str]:
    """What ``text`` (a translation of ``english`` into ``lang``) fails to keep, as short reasons."""
    out = []
    if unicodedata.normalize("NFC", text) != text:
        out.append("is not in Unicode NFC form")
    missing = _numbers(english) - _numbers(text)
    if missing:
        out.append(f"drops or changes the figure(s) {', '.join(sorted(missing))}")
    lost = sorted(_acronyms_in(english) - _acronyms_in(text))
    if lost:
        out.append(f"drops the acronym(s) {', '.join(lost)} (acronyms keep their English form)")
    if Counter(PLACEHOLDER.findall(english)) != Counter(PLACEHOLDER.findall(text)):
        out.append("changes the {placeholders}")
    if Counter(TAG.findall(english)) != Counter(TAG.findall(text)):
        out.append("changes the HTML tags")
    if lang == "my":
        from ..data.contested import burmese_problem  # the one home of the NFC and Zawgyi test

        problem = burmese_problem(text)
        if problem and "NFC" not in problem:  # NFC is reported above, for every language
            out.append(problem)
        if not MYANMAR.search(text) and text.strip() != english.strip():
            out.append("has no Myanmar script")
    return out


def check_entry(entry: Entry, lang: str) -> list[str]:
    where = f"{entry.path}, line {entry.line}, entry '{entry.id}'"
    if entry.status == "untranslated":
        return []
    out = [f"{where}: {reason}" for reason in check_text(entry.english, entry.text, lang)]
    if entry.unmarked:
        out.append(
            f"{where}: translated but neither a draft nor marked reviewed: flag it fuzzy (a draft) "
            "or add the comment '# reviewed: YYYY-MM-DD' (docs/translation.md)"
        )
    return out


def page_entries(lang: str, root: Path | None = None) -> list[tuple[Path, int, str, str, bool, bool]]:
    """The book's page catalogs as (path, line, english, translation, fuzzy, reviewed) for translated entries."""
    import io

    from babel.messages.pofile import PoFileError, read_po as babel_read

    from .catalog import REVIEWED

    out = []
    folder = (Path(root) if root else LOCALE_DIR) / lang / "LC_MESSAGES"
    from .catalog import syntax_error

    for path in sorted(folder.rglob("*.po")):
        bad = syntax_error(path.read_text(encoding="utf-8", errors="replace"))
        if bad:
            raise CatalogError(f"{path}, line {bad[0]}: not a PO line: {bad[1]!r} (a keyword and a quoted string)")
        try:
            cat = babel_read(io.BytesIO(path.read_bytes()), abort_invalid=True, charset="utf-8")
        except (PoFileError, UnicodeDecodeError, ValueError) as exc:
            raise CatalogError(f"{path}: not a valid PO file: {exc}") from None
        for m in cat:
            if m.id and not isinstance(m.id, tuple) and m.string:
                reviewed = any(REVIEWED.match(c.strip()) for c in m.user_comments)
                out.append((path, m.lineno or 0, m.id, m.string, m.fuzzy, reviewed))
    return out


def check_language(lang: str, root: Path | None = None) -> list[str]:
    """Every problem in ``lang``'s catalogs (course and book pages); [] if none. A catalog that cannot
    be read gives its one message."""
    problems: list[str] = []
    folder = course_dir(lang, root)
    for path in sorted(folder.glob("*.po")) if folder.is_dir() else ():
        try:
            entries = read_po(path)
        except CatalogError as exc:
            problems.append(str(exc))
            continue
        for entry in entries.values():
            problems += check_entry(entry, lang)
    try:
        pages = page_entries(lang, root)
    except CatalogError as exc:
        return problems + [str(exc)]
    for path, line, english, text, fuzzy, reviewed in pages:
        where = f"{path}, line {line}, passage {english[:40]!r}"
        problems += [f"{where}: {r}" for r in check_text(english, text, lang)]
        if not fuzzy and not reviewed:
            problems.append(f"{where}: translated but neither a draft (fuzzy) nor marked '# reviewed: YYYY-MM-DD'")
    return problems
