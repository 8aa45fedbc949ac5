"""Part IV ("Since the brief, 2021-2026") in the workshop kit: its two data files and its card set.

* ``data/workshop/since.yaml`` (schema ``since.schema.json`` beside it): the text of the handouts
  "The three recommendations then and now" and "Capstone: a support strategy for now (2026)"
  -> :func:`load_since`.
* ``data/workshop/ripeness_since.yaml`` (schema ``ripeness_since.schema.json``): scenario cards set
  after 2021, each fact cited, with the course's reading and what would change it (the key)
  -> :func:`load_ripeness_since` -> :func:`since_card_set` (the card set ``ripeness-since``).

Both are read by the course's one checked-YAML loader; beyond the schema, every citation key must
be in ``data/references.bib`` and card ids must be unique. Any problem raises
:class:`~tracktwo.workshop.WorkshopError` with one message naming the file, the entry and the field.
On paper a source is named by who published it and when (:func:`source_label`), never by its key.

>>> [c.code for c in since_card_set("ripeness-since", "S", "book/part4/still-hold", "Rate.").cards][:2]
['S01', 'S02']
>>> source_label("jones2021myanmar")
'the brief'
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..data.dates import MONTHS
from ..data.paths import DATA_DIR
from .checked_yaml import NOUNS, WorkshopError

SINCE_PATH = DATA_DIR / "workshop" / "since.yaml"
SINCE_SCHEMA = DATA_DIR / "workshop" / "since.schema.json"
RIPENESS_SINCE_PATH = DATA_DIR / "workshop" / "ripeness_since.yaml"
RIPENESS_SINCE_SCHEMA = DATA_DIR / "workshop" / "ripeness_since.schema.json"

#: How entries of these files are named in messages ("card 'lashio-2025', fact 2").
SINCE_NOUNS = {
    **NOUNS,
    "scenarios": "card",
    "facts": "fact",
    "recommendations": "recommendation",
    "since": "fact",
    "channels": "channel",
    "limits": "limit",
    "risks": "risk",
    "design": "design question",
    "questions": "question",
    "would_change": "evidence",
}

BRIEF_KEY = "jones2021myanmar"


def _sourced(data: Any, where: tuple[str, ...] = ()) -> Iterable[tuple[tuple[str, ...], list[str]]]:
    """Every ``sources`` list in the data, with where it is (for the message)."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "sources" and isinstance(value, list):
                yield where, value
            else:
                yield from _sourced(value, (*where, str(key)))
    elif isinstance(data, list):
        for n, value in enumerate(data, 1):
            ident = value.get("id") if isinstance(value, dict) else None
            noun = SINCE_NOUNS.get(where[-1], "entry") if where else "entry"
            yield from _sourced(value, (*where[:-1], f"{noun} '{ident}'" if ident else f"{noun} {n}"))


def _cross(known: set[str], ids: bool = False):
    def check(data: Any) -> list[str]:
        problems = [
            f"{', '.join(where)}, field 'sources': {key!r} is not a key in references.bib"
            for where, keys in _sourced(data)
            for key in keys
            if key not in known
        ]
        if ids:
            seen: set[str] = set()
            for n, card in enumerate(data.get("scenarios", []), 1):
                if card["id"] in seen:
                    problems.append(f"card {n} '{card['id']}', field 'id': the id is used twice")
                seen.add(card["id"])
        if "recommendations" in data:
            numbers = [r["number"] for r in data["recommendations"]]
            if numbers != [1, 2, 3]:
                problems.append(f"recommendations, field 'number': must be 1, 2, 3 in order, not {numbers}")
        return problems[:1]

    return check


def _known_keys(path: Path) -> set[str]:
    from ..data.problems import DataError
    from ..data.yamlfile import citation_keys

    try:
        return citation_keys(DATA_DIR)
    except DataError as exc:
        raise WorkshopError(
            f"{path.name}: its citation keys cannot be checked, because references.bib is invalid: {exc}"
        ) from None


def _load(path: Path | str, schema: Path | str, known_keys: Iterable[str] | None, ids: bool) -> dict[str, Any]:
    from ..data.yamlfile import load_checked

    path = Path(path)
    known = set(known_keys) if known_keys is not None else _known_keys(path)
    return load_checked(path, schema, WorkshopError, nouns=SINCE_NOUNS, cross=_cross(known, ids))


def load_since(path: Path | str = SINCE_PATH, schema: Path | str = SINCE_SCHEMA, known_keys: Iterable[str] | None = None):
    """The handouts' text (recommendations then and now, the worry, the capstone), checked."""
    return _load(path, schema, known_keys, ids=False)


def load_ripeness_since(
    path: Path | str = RIPENESS_SINCE_PATH, schema: Path | str = RIPENESS_SINCE_SCHEMA, known_keys: Iterable[str] | None = None
):
    """The scenario cards set after 2021, checked (schema, citation keys, unique ids)."""
    return _load(path, schema, known_keys, ids=True)


# ---------------------------------------------------------------------------------------------
# Sources on paper: who published it, and when


@functools.cache
def _references() -> dict[str, Any]:
    from ..data import load_all

    return {r.key: r for r in load_all().references.itertuples(index=False)}


def when_published(fields: dict[str, str], year: Any = None) -> str:
    """'June 2022', '2022' or 'undated', from a bibliography entry's fields (the month is enough
    to say when on paper; a fact's own date is in its text)."""
    date = str(fields.get("date", ""))
    if len(date) >= 7 and date[4] == "-" and date[5:7].isdigit():
        return f"{MONTHS[int(date[5:7]) - 1]} {date[:4]}"
    yr = str(fields.get("year") or "").strip()
    if not yr and isinstance(year, (int, float)) and year == year:  # NaN != NaN
        yr = str(int(year))
    month = str(fields.get("month", "")).strip()
    if yr and month:
        return f"{month} {yr}"
    return yr or "undated"


def source_label(key: str) -> str:
    """A source as a reader sees it: 'The Irrawaddy, June 2022'; the brief is 'the brief'."""
    if key == BRIEF_KEY:
        return "the brief"
    ref = _references().get(key)
    if ref is None:
        raise WorkshopError(f"no source {key!r} in references.bib")
    who = ref.authors[0] if ref.authors else str(ref.fields.get("howpublished") or key)
    return f"{who}, {when_published(ref.fields, ref.year)}"


def sources_text(keys: Iterable[str]) -> str:
    """The sources of one fact, for the end of its line: 'The Irrawaddy, June 2022; DVB, undated'."""
    return "; ".join(dict.fromkeys(source_label(k) for k in keys))


def fact_line(fact: dict[str, Any]) -> str:
    """A fact with its sources in brackets (plain text; the sheet escapes it)."""
    return f"{fact['text'].strip()} ({sources_text(fact['sources'])})"


# ---------------------------------------------------------------------------------------------
# The card set


def since_card_set(set_id: str, letter: str, chapter: str, instructions: str):
    """The ``ripeness-since`` card set: one card per scenario (its setting, parties, cited facts,
    what the sources do not say, and questions), sorted under the course's effort headings
    (those of the ripeness scenario cards); the key gives the course's reading and what evidence
    would change it."""
    from ..data.content import load_scenarios
    from .cards import Card, CardSet, KeyLine

    cards, key = [], []
    for n, sc in enumerate(load_ripeness_since()["scenarios"], 1):
        code = f"{letter}{n:02d}"
        facts = tuple(fact_line(f) for f in sc["facts"])
        if sc.get("silent"):
            facts += (f"Where the sources are silent: {sc['silent'].strip()}",)
        cards.append(
            Card(
                code=code,
                text=sc["title"],
                detail=f"{sc['setting']}. Parties: {sc['parties'][0]}; {sc['parties'][1]}.",
                prompts=tuple(sc["questions"]),
                facts=facts,
            )
        )
        key.append(
            KeyLine(
                code=code,
                card=sc["title"],
                answer="A reading, not a verdict",
                reason=sc["reading"].strip(),
                also=("What would change it: " + " ".join(w.strip() for w in sc["would_change"]),),
            )
        )
    headings = tuple(Card(code="", text=e["label"], id=k) for k, e in load_scenarios().efforts.items())
    return CardSet(
        id=set_id,
        title="Ripe or ready after 2021? Scenario cards",
        instructions=instructions,
        source="data/workshop/ripeness_since.yaml",
        chapter=chapter,
        headings=headings,
        cards=tuple(cards),
        key=tuple(key),
        key_title="Facilitator's sheet: the course's reading and what would change it",
        origin="the course's scenarios from events after the brief, each fact with its source",
        key_source="each reason is the course's reading of the cited facts on the card, not a source's",
    )
