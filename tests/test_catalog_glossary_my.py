"""The Burmese glossary catalog, locale/my/course/glossary.po (fast tier, no browser).

Every row of data/glossary.csv has its entries (``glossary:<id>:term`` for non-acronyms,
``glossary:<id>:expansion`` where the row has one, ``glossary:<id>:definition``); each msgid is the
CSV's current English, so a changed English source fails here until it is re-translated; each msgstr
is non-empty Unicode Burmese in NFC (not Zawgyi), keeps every acronym and every number of the English,
and is either a draft (``fuzzy``) or carries a reviewer's ``# reviewed: YYYY-MM-DD`` comment.

The check functions are small and pure (text in, problems out) so that they can move into the shared
``tracktwo/i18n/checks.py``; the planted-fault tests at the end show each check failing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po

from tracktwo.data import load_glossary
from tracktwo.i18n.catalog import REVIEWED
from tracktwo.i18n.checks import ACRONYM, check_text

ROOT = Path(__file__).resolve().parents[1]
CATALOG = ROOT / "locale" / "my" / "course" / "glossary.po"
DOMAIN = "glossary"


def expected_entries(rows: Iterable[Mapping]) -> dict[str, str]:
    """msgctxt -> the English source, for each glossary row (term only where the row is no acronym)."""
    out: dict[str, str] = {}
    for row in rows:
        if row["kind"] != "acronym":
            out[f"{DOMAIN}:{row['id']}:term"] = row["term"]
        if row.get("expansion"):
            out[f"{DOMAIN}:{row['id']}:expansion"] = row["expansion"]
        out[f"{DOMAIN}:{row['id']}:definition"] = row["definition"]
    return out


def check_translation(english: str, burmese: str) -> list[str]:
    """What is wrong with one msgstr against its English source: empty, or what the course's one set
    of checks refuses (tracktwo.i18n.checks: figures, acronyms, markup, NFC, Zawgyi, script)."""
    if not burmese.strip():
        return ["msgstr is empty"]
    return check_text(english, burmese, "my")


def check_status(message: Message) -> list[str]:
    """A translated entry is a draft (fuzzy) or reviewed (``# reviewed: YYYY-MM-DD``), never silently final."""
    reviewed = [c for c in message.user_comments if REVIEWED.match(c.strip())]
    if message.fuzzy or reviewed:
        return []
    return ["entry is neither a draft (fuzzy flag) nor marked '# reviewed: YYYY-MM-DD'"]


def check_catalog(catalog: Catalog, expected: Mapping[str, str], where: str) -> list[str]:
    """Every problem of a catalog against the English sources, each naming the file and the entry."""
    problems: list[str] = []
    found: dict[str, Message] = {}
    for message in catalog:
        if not message.id:
            continue
        ctx = message.context or ""
        if ctx in found:
            problems.append(f"{where}: entry {ctx!r}: appears twice")
        found[ctx] = message
    for ctx, english in expected.items():
        message = found.get(ctx)
        if message is None:
            problems.append(f"{where}: entry {ctx!r}: missing (English: {english[:60]!r})")
            continue
        if message.id != english:
            problems.append(
                f"{where}: entry {ctx!r}: msgid is not the current English of data/glossary.csv "
                f"(re-translate it): msgid {message.id[:60]!r}, English {english[:60]!r}"
            )
        problems += [f"{where}: entry {ctx!r}: {p}" for p in check_translation(english, message.string or "")]
        problems += [f"{where}: entry {ctx!r}: {p}" for p in check_status(message)]
    for ctx in sorted(set(found) - set(expected)):
        problems.append(f"{where}: entry {ctx!r}: no such glossary row and field in data/glossary.csv")
    return problems


def read_catalog(path: Path) -> Catalog:
    with open(path, "rb") as fh:
        return read_po(fh, locale="my", domain=DOMAIN)


@pytest.fixture(scope="module")
def expected() -> dict[str, str]:
    return expected_entries(load_glossary().to_dict("records"))


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return read_catalog(CATALOG)


def test_header(catalog):
    assert str(catalog.locale) == "my"
    assert catalog.charset.upper() == "UTF-8"
    headers = dict(catalog.mime_headers)
    assert headers["Project-Id-Version"] == "Track Two course"
    assert headers["Plural-Forms"] == "nplurals=1; plural=0;"


def test_every_row_has_its_entries(expected):
    rows = load_glossary()
    assert len(rows) == 85
    assert len(expected) == 85 + (rows["kind"] != "acronym").sum() + (rows["expansion"] != "").sum()


def test_catalog_matches_the_glossary(catalog, expected):
    problems = check_catalog(catalog, expected, "locale/my/course/glossary.po")
    assert not problems, "\n".join(problems)


# Planted faults: each check must be able to fail.


def _planted(catalog: Catalog, ctx: str, **changes) -> Catalog:
    copy = Catalog(locale="my", domain=DOMAIN)
    for message in catalog:
        if not message.id:
            continue
        string = message.string
        flags = set(message.flags)
        msgid = message.id
        user_comments = list(message.user_comments)
        if message.context == ctx:
            string = changes.get("string", string)
            msgid = changes.get("msgid", msgid)
            flags = changes.get("flags", flags)
            user_comments = changes.get("user_comments", user_comments)
        if changes.get("drop") and message.context == ctx:
            continue
        copy.add(msgid, string, flags=flags, user_comments=user_comments, context=message.context)
    return copy


def _one(catalog, expected, ctx, **changes) -> list[str]:
    return check_catalog(_planted(catalog, ctx, **changes), expected, "planted.po")


def test_planted_faults_are_caught(catalog, expected):
    ctx = "glossary:ied:definition"
    good = next(m for m in catalog if m.context == ctx).string
    assert not _one(catalog, expected, ctx)
    # a digit changed
    assert any("figure(s) 2390" in p for p in _one(catalog, expected, ctx, string=good.replace("2,390", "2,380")))
    # an acronym dropped (or translated away)
    assert any("acronym(s) SAC" in p for p in _one(catalog, expected, ctx, string=good.replace("SAC", "စစ်ကောင်စီ")))
    # empty, not NFC (a decomposed Latin é stands in for any non-NFC text), Zawgyi-ordered vowel
    assert any("empty" in p for p in _one(catalog, expected, ctx, string=""))
    assert any("NFC" in p for p in _one(catalog, expected, ctx, string=good + " e\u0301"))
    assert any("Zawgyi" in p for p in _one(catalog, expected, ctx, string=good + " \u1031\u1019"))
    # the English source changed since translation
    stale = _one(catalog, expected, ctx, msgid=expected[ctx].replace("2,390", "2,391"))
    assert any("not the current English" in p for p in stale)
    # final without review; reviewed comment accepted; a name in place of a date is not a review mark
    assert any("neither a draft" in p for p in _one(catalog, expected, ctx, flags=set()))
    assert not _one(catalog, expected, ctx, flags=set(), user_comments=["reviewed: 2026-12-07"])
    assert any("neither a draft" in p for p in _one(catalog, expected, ctx, flags=set(), user_comments=["reviewed: A. Person"]))
    # a row's entry missing
    assert any("missing" in p for p in _one(catalog, expected, ctx, drop=True))


def test_the_acronym_finder():
    found = set(ACRONYM.findall("CSOs and CBOs; the NCA's JMC; DKBA-5; 3BHA; Lt-Gen Yar Pyae; Ta'ang; Sec. 3; elected MPs"))
    assert found == {"CSO", "CBO", "NCA", "JMC", "DKBA-5", "3BHA", "MP"}
