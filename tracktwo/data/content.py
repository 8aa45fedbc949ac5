"""The course's YAML content files, each checked against the JSON Schema beside it.

* ``data/part1_levels.yaml`` (schema ``part1_levels.schema.json``): the levels of dialogue drawn in
  Part I -> :func:`load_levels` -> :class:`Levels`.
* ``data/ripeness_scenarios.yaml`` (schema ``ripeness_scenarios.schema.json``): the wording of each
  effort the ripeness model can suggest, and the scenario cards -> :func:`load_scenarios` ->
  :class:`ScenarioBook`.

Each loader reads the file, validates it against its schema, then checks what a schema cannot
(citation keys exist in ``references.bib``, ids are unique, the drift path names levels). Every
problem raises one error (:class:`LevelsError`, :class:`ScenarioError`) whose message names the
file, the item (``level 2 'track-15'``, ``card 3 'kachin-2011'``, ``effort 'manage'``) and the field,
and never repeats a long value.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from collections.abc import Callable, Iterable, Sequence


from .paths import DATA_DIR
from .problems import shorten
from .safe_yaml import YamlDocument
from .yamlfile import (
    check_schema,
    citation_keys,
    read_document,
    short_text,
    load_schema,
)


LEVELS_PATH = DATA_DIR / "part1_levels.yaml"
SCENARIOS_PATH = DATA_DIR / "ripeness_scenarios.yaml"
#: The schemas sit beside the course's own files; a copy of a content file elsewhere (a test's
#: malformed copy, an author's draft) is checked against these same schemas.
LEVELS_SCHEMA = DATA_DIR / "part1_levels.schema.json"
SCENARIOS_SCHEMA = DATA_DIR / "ripeness_scenarios.schema.json"


class ContentError(ValueError):
    """A YAML content file is invalid; the message names the file, the item and the field."""


class LevelsError(ContentError):
    """data/part1_levels.yaml is invalid; the message names the file, the level and the field."""


class ScenarioError(ContentError):
    """data/ripeness_scenarios.yaml is invalid, or a card id is unknown."""


# ------------------------------------------------------------------------------------------------
# Schema checks with messages a course author can act on
# ------------------------------------------------------------------------------------------------


def items_label(top: str, noun: str, raw: Any):
    """A label function for lists of mappings with ids (``levels``, ``scenarios``)."""

    def label(path: Sequence[Any]) -> tuple[str, list]:
        if len(path) >= 2 and path[0] == top and isinstance(path[1], int):
            i = path[1]
            items = raw.get(top) if isinstance(raw, dict) else None
            item = items[i] if isinstance(items, list) and i < len(items) else None
            ident = item.get("id") if isinstance(item, dict) else None
            name = f"{noun} {i + 1}" + (f" {short_text(ident, 40)}" if isinstance(ident, str) else "")
            return name, list(path[2:])
        if len(path) >= 2 and path[0] == "efforts":
            return f"effort {short_text(path[1], 40)}", list(path[2:])
        if path:
            return f"'{path[0]}'", list(path[1:])
        return "", []

    return label


def _check_sources(
    shown: str,
    where: str,
    keys: Iterable[str],
    known: set[str],
    error: type[Exception],
    doc: YamlDocument | None = None,
    path: Sequence[Any] = (),
) -> None:
    for i, key in enumerate(keys):
        if key not in known:
            line = doc.line_of([*path, i]) if doc is not None and doc.node is not None else None
            raise error(
                f"{shown}: {where}, field 'sources': {short_text(key)} is not a key in references.bib"
                + (f" (line {line})" if line else "")
            )


def guarded(load: Callable[..., Any], error: type[Exception]) -> Callable[..., Any]:
    """The last line of defence: an unforeseen fault still becomes ``error`` naming the file."""

    @functools.wraps(load)
    def wrapper(path: Path | str | None = None, *args: Any, **kwargs: Any) -> Any:
        try:
            return load(path, *args, **kwargs)
        except (ContentError, error):
            raise
        except (RecursionError, MemoryError, TypeError, AttributeError, KeyError, IndexError, ValueError) as exc:
            from .problems import DataError

            if isinstance(exc, DataError):
                raise
            name = Path(path).name if path else "the file"
            raise error(
                f"{name}: could not be checked ({type(exc).__name__}: {shorten(str(exc))}); compare it with the course's own copy"
            ) from None

    return wrapper


# ------------------------------------------------------------------------------------------------
# The levels of dialogue
# ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Levels:
    levels: list[dict[str, Any]]
    drift: dict[str, Any]


def _load_levels(path: Path | str | None = None, known_keys: Iterable[str] | None = None) -> Levels:
    path = Path(path) if path else LEVELS_PATH
    shown = path.name
    doc = read_document(path, LevelsError)
    raw = doc.data
    check_schema(doc, path, LEVELS_SCHEMA, items_label("levels", "level", raw), LevelsError)
    known = set(known_keys) if known_keys is not None else resolve_known_keys(path, LevelsError)
    ids: list[str] = []
    for i, lv in enumerate(raw["levels"], 1):
        where = f"level {i} '{lv['id']}'"
        if lv["id"] in ids:
            raise LevelsError(
                f"{shown}: {where}, field 'id': repeated (level {ids.index(lv['id']) + 1} "
                f"has the same id) (line {doc.line_of(['levels', i - 1, 'id'])})"
            )
        _check_sources(shown, where, lv["sources"], known, LevelsError, doc, ["levels", i - 1, "sources"])
        ids.append(lv["id"])
    drift = raw["drift"]
    for j, step in enumerate(drift["path"]):
        if step not in ids:
            raise LevelsError(
                f"{shown}: drift, field 'path': {step!r} is not a level id ({', '.join(ids)}) "
                f"(line {doc.line_of(['drift', 'path', j])})"
            )
    _check_sources(shown, "drift", drift["sources"], known, LevelsError, doc, ["drift", "sources"])
    return Levels(levels=list(raw["levels"]), drift=drift)


def resolve_known_keys(path: Path, error: type[Exception]) -> set[str]:
    from .problems import DataError

    try:
        return citation_keys(path.parent)
    except DataError as exc:
        raise error(
            f"{path.name}: its citation keys cannot be checked, because the bibliography beside it is invalid: {exc}"
        ) from None


load_levels = guarded(_load_levels, LevelsError)
load_levels.__doc__ = "Load and check the levels file (schema, unique ids, citation keys, the drift path)."


# ------------------------------------------------------------------------------------------------
# Ripeness scenario cards and effort wording
# ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Scenario:
    id: str
    title: str
    setting: str
    parties: tuple[str, str]
    summary: str
    points: tuple[str, ...]
    questions: tuple[str, ...]
    sources: tuple[str, ...]
    #: The sourced evidence to judge from (plain dicts; an event indicator carries the timeline's
    #: event under ``"event"``: id, date, title, summary, source, locator, other_sources and note, see
    #: :func:`timeline_events`). Empty: a card to discuss.
    indicators: tuple[dict[str, Any], ...] = ()
    #: The course's reading (a self-check key: never in the participant edition), or None.
    reading: dict[str, Any] | None = None
    #: Set after the brief (its facts from the later fact sheet): the printed kit's scenario cards
    #: leave it out, as their facilitator's sheet gives the brief's points (tracktwo.workshop.cards).
    after_brief: bool = False


@dataclass(frozen=True)
class ScenarioBook:
    efforts: dict[str, dict[str, Any]]
    scenarios: list[Scenario]

    def scenario(self, sid: str) -> Scenario:
        for s in self.scenarios:
            if s.id == sid:
                return s
        raise ScenarioError(
            f"no scenario card with id {short_text(sid)}; the cards are " + ", ".join(s.id for s in self.scenarios)
        )


def effort_ids() -> tuple[str, ...]:
    """The effort ids the scenario schema requires (the model's EFFORTS must equal them)."""
    schema = load_schema(str(SCENARIOS_SCHEMA))
    return tuple(schema["properties"]["efforts"]["required"])


def _text(value: Any) -> str:
    """A CSV cell as text ('' for an empty cell, which pandas reads as NaN)."""
    return value.strip() if isinstance(value, str) else ""


def timeline_events() -> dict[str, dict[str, Any]]:
    """The timeline's events (data/events.csv, read and checked by its loader) by id, as the plain
    text an indicator shows: date, title, summary, source key and locator, the other sources' keys
    (``other_sources``, a tuple) and the row's ``note``, which holds where the sources disagree (the
    fact sheet's DISCREPANCY, both versions); a card shows both, as the timeline does."""
    from .loaders import load_events

    out = {}
    for row in load_events().itertuples():
        date = row.start_text + (f" to {row.end_text}" if isinstance(row.end_text, str) and row.end_text else "")
        out[row.id] = {
            "id": row.id,
            "date": date,
            "title": row.title,
            "summary": row.summary,
            "source": row.source,
            "locator": row.locator,
            "other_sources": tuple(row.other_sources) if isinstance(row.other_sources, list) else (),
            "note": _text(row.note),
        }
    return out


def _indicators(shown: str, where: str, card: dict, i: int, doc: Any, known: set, events: dict) -> tuple[dict, ...]:
    """A card's indicators, checked beyond the schema: unique ids, events that exist, cited keys."""
    out, seen = [], []
    for j, ind in enumerate(card.get("indicators") or []):
        at = ["scenarios", i - 1, "indicators", j]
        label = f"{where}, indicator {j + 1} '{ind['id']}'"
        if ind["id"] in seen:
            raise ScenarioError(f"{shown}: {label}, field 'id': repeated (line {doc.line_of(at + ['id'])})")
        seen.append(ind["id"])
        item = dict(ind)
        if "event" in ind:
            if ind["event"] not in events:
                raise ScenarioError(
                    f"{shown}: {label}, field 'event': {short_text(ind['event'])} is not an event id in "
                    f"data/events.csv (line {doc.line_of(at + ['event'])})"
                )
            item["event"] = dict(events[ind["event"]])
        if "sources" in ind:
            _check_sources(shown, label, ind["sources"], known, ScenarioError, doc, at + ["sources"])
        out.append(item)
    if bool(out) != ("reading" in card):
        field = "reading" if out else "indicators"
        raise ScenarioError(
            f"{shown}: {where}, field '{field}': missing (a card with indicators carries the course's reading, "
            f"and a reading needs indicators) (line {doc.line_of(['scenarios', i - 1, 'id'])})"
        )
    return tuple(out)


def _load_scenarios(
    path: Path | str | None = None, known_keys: Iterable[str] | None = None, events: dict[str, dict] | None = None
) -> ScenarioBook:
    """Load and check the effort wording and the scenario cards.

    ``known_keys`` are the citation keys that exist (by default those in data/references.bib); a
    card or effort citing any other key is an error. ``events`` are the timeline's events by id
    (by default :func:`timeline_events`); an indicator naming any other event is an error. Every
    problem raises :class:`ScenarioError` naming the file, the card (or effort) and the field.
    """
    path = Path(path) if path else SCENARIOS_PATH
    shown = path.name
    doc = read_document(path, ScenarioError)
    raw = doc.data
    check_schema(doc, path, SCENARIOS_SCHEMA, items_label("scenarios", "card", raw), ScenarioError)
    known = set(known_keys) if known_keys is not None else resolve_known_keys(path, ScenarioError)
    for eid, eff in raw["efforts"].items():
        _check_sources(shown, f"effort '{eid}'", eff["sources"], known, ScenarioError, doc, ["efforts", eid, "sources"])
    seen: list[str] = []
    scenarios = []
    for i, card in enumerate(raw["scenarios"], 1):
        where = f"card {i} '{card['id']}'"
        if card["id"] in seen:
            raise ScenarioError(
                f"{shown}: {where}, field 'id': repeated (card {seen.index(card['id']) + 1} "
                f"has the same id) (line {doc.line_of(['scenarios', i - 1, 'id'])})"
            )
        seen.append(card["id"])
        _check_sources(shown, where, card["sources"], known, ScenarioError, doc, ["scenarios", i - 1, "sources"])
        if card.get("indicators") and events is None:
            events = timeline_events()
        indicators = _indicators(shown, where, card, i, doc, known, events or {})
        scenarios.append(
            Scenario(
                id=card["id"],
                title=card["title"],
                setting=card["setting"],
                parties=tuple(card["parties"]),
                summary=card["summary"],
                points=tuple(card["points"]),
                questions=tuple(card["questions"]),
                sources=tuple(card["sources"]),
                indicators=indicators,
                reading=dict(card["reading"]) if "reading" in card else None,
                after_brief=bool(card.get("after_brief", False)),
            )
        )
    return ScenarioBook(efforts=dict(raw["efforts"]), scenarios=scenarios)


load_scenarios = guarded(_load_scenarios, ScenarioError)
load_scenarios.__doc__ = _load_scenarios.__doc__
