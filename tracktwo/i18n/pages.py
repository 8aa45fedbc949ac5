"""The book's page catalogs (Sphinx's, ``locale/<lang>/LC_MESSAGES/<page>.po``): each passage's status.

Sphinx does the translating; this module only says, for a page, which of its passages are drafts
(``fuzzy``, or translated but not marked reviewed), reviewed, or untranslated, so the page can say so.
"""

from __future__ import annotations

import functools
from pathlib import Path

from .catalog import REVIEWED, CatalogError
from .languages import LOCALE_DIR


def page_catalog(lang: str, docname: str, root: Path | None = None) -> Path:
    return (Path(root) if root else LOCALE_DIR) / lang / "LC_MESSAGES" / f"{docname}.po"


@functools.lru_cache(maxsize=512)
def _statuses(path: str, stamp: tuple) -> dict[str, str]:
    import io

    from babel.messages.pofile import PoFileError, read_po

    try:
        cat = read_po(io.BytesIO(Path(path).read_bytes()), abort_invalid=True, charset="utf-8")
    except (PoFileError, UnicodeDecodeError, ValueError) as exc:
        raise CatalogError(f"{path}: not a valid PO file: {exc}") from None
    out = {}
    for msg in cat:
        if not msg.id or isinstance(msg.id, tuple):
            continue
        if not (msg.string or "").strip():
            continue  # untranslated: the passage is shown in English
        reviewed = any(REVIEWED.match(c.strip()) for c in msg.user_comments)
        out[msg.id] = "reviewed" if reviewed and not msg.fuzzy else "draft"
    return out


def page_statuses(lang: str, docname: str, root: Path | None = None) -> dict[str, str]:
    """``{english passage: "draft" | "reviewed"}`` for the page's translated passages (none if the
    page has no catalog)."""
    path = page_catalog(lang, docname, root)
    if not path.exists():
        return {}
    st = path.stat()
    return _statuses(str(path), (st.st_mtime_ns, st.st_size))
