"""Merging English strings into every language's catalogs (``make i18n-update``, which runs
``scripts/i18n_update.py``: that script collects the strings from the sheets and the interface, which
the core may not import).

* The book's pages: the gettext builder writes one template a page (``_build/gettext``); sphinx-intl
  merges them into ``locale/<lang>/LC_MESSAGES/<page>.po`` (``--pot``).
* The course's own catalogs (``locale/<lang>/course/<domain>.po``): :func:`course_strings` collects
  every string the kit's sheets ask for (each sheet built in English while a record is open, so what
  is printed is exactly what is extracted) and every glossary entry; :func:`merge` updates each
  language's catalogs the way gettext's msgmerge does: a translation whose English is unchanged is
  kept as it was; one whose English changed is kept as a **draft** (``fuzzy``) with the old English
  beside it (``#| msgid``); a string no longer shown is kept at the end as obsolete (``#~``).

``python scripts/i18n_update.py --check`` changes nothing and exits 1 if a catalog lacks a string or
holds an old English source (tests/test_i18n.py runs it).
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from .catalog import DEFAULT_DOMAIN, course_dir, domain_of
from .languages import LANGUAGES

PROJECT = "Track Two course"
EPOCH = __import__("datetime").datetime(2026, 12, 1, tzinfo=__import__("datetime").timezone.utc)


def glossary_strings() -> dict[str, tuple[str, str]]:
    """The glossary's translatable fields: a theory term, an acronym's expansion, every definition.
    (An acronym itself stays in English, as it is written in both languages.)"""
    from ..data import load_all

    out: dict[str, tuple[str, str]] = {}
    for r in load_all().glossary.itertuples():
        fields = (["term"] if r.kind != "acronym" else []) + ["expansion", "definition"]
        for f in fields:
            value = getattr(r, f)
            if isinstance(value, str) and value.strip():
                out[f"glossary:{r.id}:{f}"] = (value.strip(), f"data/glossary.csv, row {r.id}, field {f}")
    return out


def _read(path: Path):
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import read_po

    from .catalog import read_po as checked_read

    if not path.exists():
        return None
    checked_read(path)  # one clear message for a broken catalog, before Babel's own reading
    with path.open("rb") as fh:
        return read_po(fh, charset="utf-8") if path.stat().st_size else Catalog()


_QUOTED = re.compile(r'"((?:[^"\\]|\\.)*)"')


def split_previous(comments) -> tuple[list[str], str]:
    """A catalog's user comments, and the previous English its ``#| msgid`` lines held.

    Babel writes the previous English (``#| msgid``) but reads those lines back as user comments
    starting with "|", wrapped wherever the writer broke them. Left as comments they would be written
    again as ``# | ...`` and broken further on every update; here they are taken out and the old
    English rebuilt from them (the writer broke the lines at spaces), to be written once more as
    ``#| msgid``.
    """
    keep, old = [], []
    for c in comments:
        (old if c.startswith("|") else keep).append(c)
    text = " ".join(c[1:].strip() for c in old)
    m = re.search(r"\bmsgid\s+(.*)$", text)
    was = "".join(_QUOTED.findall(m.group(1))) if m else ""
    return keep, was.replace('\\"', '"').replace("\\\\", "\\")


def merge(
    lang: str, strings: dict[str, tuple[str, str]], root: Path | None = None, *, write: bool = True
) -> dict[str, list[str]]:
    """Bring ``lang``'s course catalogs up to ``strings``. Returns what changed, per kind:
    ``added``, ``changed`` (English changed: the translation is now a draft), ``obsolete``."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    folder = course_dir(lang, root)
    report: dict[str, list[str]] = {"added": [], "changed": [], "obsolete": []}
    domains = sorted({domain_of(i) for i in strings} | {p.stem for p in folder.glob("*.po")} | {DEFAULT_DOMAIN})
    for domain in domains:
        path = folder / f"{domain}.po"
        old = _read(path)
        old_by_id = {m.context: m for m in old if m.id and m.context} if old is not None else {}
        # A fixed header (no dates, names or addresses): a catalog changes only when its strings do, and
        # names no translator (reviewers may be at risk; docs/translation.md).
        new = Catalog(
            locale=lang,
            project=PROJECT,
            version="",
            fuzzy=False,
            msgid_bugs_address="",
            last_translator="",
            language_team="",
            creation_date=EPOCH,
            revision_date=EPOCH,
        )
        new.header_comment = (
            f"# {PROJECT}: {LANGUAGES[lang].english_name} catalog '{domain}' (docs/translation.md).\n"
            "# Keyed by msgctxt (the id). A draft is flagged fuzzy; a reviewed entry has no fuzzy flag\n"
            "# and a comment '# reviewed: YYYY-MM-DD'. Run make i18n-update after changing English text."
        )
        for ident, (english, where) in strings.items():
            if domain_of(ident) != domain:
                continue
            prev = old_by_id.pop(ident, None)
            flags, comments, string, previous = set(), [], "", None
            if prev is None:
                report["added"].append(ident)
            else:
                comments, was = split_previous(prev.user_comments)
                string, flags = prev.string or "", set(prev.flags)
                if prev.id != english:
                    report["changed"].append(ident)
                    if string:
                        flags.add("fuzzy")  # the English it translated has changed: a draft again
                        comments = [c for c in comments if not c.strip().startswith("reviewed:")]
                    previous = [prev.id]
                elif "fuzzy" in flags and (prev.previous_id or was):
                    previous = list(prev.previous_id) or [was]
            new.add(
                english, string, auto_comments=[where], user_comments=comments, flags=flags, context=ident, previous_id=previous
            )
        for ident, prev in old_by_id.items():  # no longer shown: kept, commented out, for a translator
            if prev.string:
                new.obsolete[(prev.id, ident)] = prev
            report["obsolete"].append(ident)
        if write and (len(new) or path.exists()):
            buf = io.BytesIO()
            write_po(buf, new, width=100, include_previous=True, omit_header=False)
            data = re.sub(
                rb'^"(Report-Msgid-Bugs-To|Last-Translator|Language-Team): [^"]*"\n', b"", buf.getvalue(), flags=re.M
            ).replace(b"Track Two course VERSION", b"Track Two course")
            if not path.exists() or path.read_bytes() != data:
                folder.mkdir(parents=True, exist_ok=True)
                path.write_bytes(data)
    return report
