"""``make i18n-status``: per language and catalog, how many strings, how many translated, how many reviewed.

The book's pages (Sphinx's catalogs, ``locale/<lang>/LC_MESSAGES``) count one string a passage; the
course's own catalogs (``locale/<lang>/course``) one string an id.
"""

from __future__ import annotations

import io
import sys
from dataclasses import dataclass
from pathlib import Path

from .catalog import CatalogError, course_dir, read_po
from .languages import LANGUAGES, LOCALE_DIR, SOURCE, known


@dataclass(frozen=True)
class Count:
    catalog: str
    strings: int
    translated: int
    reviewed: int

    @property
    def drafts(self) -> int:
        return self.translated - self.reviewed


def counts(lang: str, root: Path | None = None) -> list[Count]:
    """One :class:`Count` per course catalog, then one for the book's pages together."""
    from babel.messages.pofile import read_po as babel_read

    from .catalog import REVIEWED

    out = []
    folder = course_dir(lang, root)
    for path in sorted(folder.glob("*.po")) if folder.is_dir() else ():
        entries = read_po(path).values()
        out.append(
            Count(
                f"course/{path.stem}",
                len(entries),
                sum(e.status != "untranslated" for e in entries),
                sum(e.status == "reviewed" for e in entries),
            )
        )
    strings = translated = reviewed = 0
    pages = (Path(root) if root else LOCALE_DIR) / lang / "LC_MESSAGES"
    for path in sorted(pages.rglob("*.po")):
        for m in babel_read(io.BytesIO(path.read_bytes()), charset="utf-8"):
            if not m.id:
                continue
            strings += 1
            if m.string:
                translated += 1
                reviewed += (not m.fuzzy) and any(REVIEWED.match(c.strip()) for c in m.user_comments)
    out.append(Count("book pages", strings, translated, reviewed))
    return out


def table(root: Path | None = None) -> str:
    lines = [f"{'language':<10} {'catalog':<16} {'strings':>8} {'translated':>11} {'reviewed':>9} {'drafts':>7}"]
    for lang in known():
        if lang == SOURCE:
            continue
        rows = counts(lang, root)
        for c in rows:
            lines.append(f"{lang:<10} {c.catalog:<16} {c.strings:>8} {c.translated:>11} {c.reviewed:>9} {c.drafts:>7}")
        total = Count("all", *(sum(getattr(c, f) for c in rows) for f in ("strings", "translated", "reviewed")))
        pct = 100 * total.translated / total.strings if total.strings else 0
        lines.append(
            f"{lang:<10} {'all':<16} {total.strings:>8} {total.translated:>11} {total.reviewed:>9} {total.drafts:>7}"
            f"   ({LANGUAGES[lang].english_name}: {pct:.0f}% translated, {total.reviewed} reviewed)"
        )
    return "\n".join(lines)


def main() -> int:
    try:
        print(table())
    except CatalogError as exc:
        print(f"make i18n-status: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
