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

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

import jsonschema

from .paths import DATA_DIR
from .yamlfile import citation_keys, read_yaml

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

@lru_cache(maxsize=None)
def _schema(path: str) -> dict[str, Any]:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def _path_key(raw: Any):
    """Sort errors in document order (YAML keeps key order), an item's own fields before the item."""
    def key(error: jsonschema.ValidationError) -> tuple:
        node, parts = raw, []
        for step in error.absolute_path:
            if isinstance(node, dict):
                keys = list(node)
                parts.append((0, keys.index(step) if step in keys else len(keys)))
                node = node.get(step)
            elif isinstance(node, list) and isinstance(step, int):
                parts.append((0, step))
                node = node[step] if step < len(node) else None
            else:
                parts.append((0, 0))
        return tuple(parts) + ((1, 0),)
    return key


def _short(value: Any, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def schema_message(error: jsonschema.ValidationError, label: Callable[[Sequence[Any]], tuple[str, list]]) -> str:
    """One plain sentence for a schema error: '<item>, field '<name>': <what is wrong>'.

    ``label(path)`` turns the error's path into (item description, remaining path), e.g.
    ``["scenarios", 2, "summary"]`` -> ("card 3 'x'", ["summary"]).
    """
    where, rest = label(list(error.absolute_path))
    custom = error.schema.get("x-message") if isinstance(error.schema, dict) else None
    if error.validator == "required" and custom is None:
        missing = error.message.split("'")[1] if "'" in error.message else "?"
        rest = rest + [missing]
        what = "missing"
    elif error.validator == "additionalProperties" and custom is None:
        allowed = set((error.schema.get("properties") or {}))
        extra = sorted(str(k) for k in error.instance if k not in allowed) if isinstance(error.instance, dict) else []
        what = "unknown field(s) " + ", ".join(_short(e, 40) for e in extra[:5])
    elif custom is not None:
        what = custom
    elif error.validator == "type":
        what = f"must be of type {error.validator_value}, not {type(error.instance).__name__}"
    else:
        what = f"is not allowed ({error.validator} {_short(error.validator_value, 40)})"
    field = ""
    if rest:
        field = "field '" + ".".join(str(p) for p in rest) + "'"
    parts = [p for p in (where, field) if p]
    return (", ".join(parts) + ": " if parts else "") + what


def check_schema(raw: Any, content_path: Path, schema_file: Path, label, error: type[Exception]) -> None:
    """Validate ``raw`` against ``schema_file``; raise ``error`` naming ``content_path`` on the first problem."""
    schema = _schema(str(schema_file))
    validator = jsonschema.Draft202012Validator(schema)
    problems = sorted(validator.iter_errors(raw), key=_path_key(raw))
    if problems:
        raise error(f"{content_path.name}: {schema_message(problems[0], label)}")


def _items_label(top: str, noun: str, raw: Any):
    """A label function for lists of mappings with ids (``levels``, ``scenarios``)."""
    def label(path: Sequence[Any]) -> tuple[str, list]:
        if len(path) >= 2 and path[0] == top and isinstance(path[1], int):
            i = path[1]
            items = raw.get(top) if isinstance(raw, dict) else None
            item = items[i] if isinstance(items, list) and i < len(items) else None
            ident = item.get("id") if isinstance(item, dict) else None
            name = f"{noun} {i + 1}" + (f" {_short(ident, 40)}" if isinstance(ident, str) else "")
            return name, list(path[2:])
        if len(path) >= 2 and path[0] == "efforts":
            return f"effort {_short(path[1], 40)}", list(path[2:])
        if path:
            return f"'{path[0]}'", list(path[1:])
        return "", []
    return label


def _check_sources(shown: str, where: str, keys: Iterable[str], known: set[str], error: type[Exception]) -> None:
    for key in keys:
        if key not in known:
            raise error(f"{shown}: {where}, field 'sources': {_short(key)} is not a key in references.bib")


# ------------------------------------------------------------------------------------------------
# The levels of dialogue
# ------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Levels:
    levels: list[dict[str, Any]]
    drift: dict[str, Any]


def load_levels(path: Path | str | None = None, known_keys: Iterable[str] | None = None) -> Levels:
    """Load and check the levels file (schema, unique ids, citation keys, the drift path)."""
    path = Path(path) if path else LEVELS_PATH
    shown = path.name
    raw = read_yaml(path, LevelsError)
    check_schema(raw, path, LEVELS_SCHEMA, _items_label("levels", "level", raw), LevelsError)
    known = set(known_keys) if known_keys is not None else citation_keys(path.parent)
    ids: list[str] = []
    for i, lv in enumerate(raw["levels"], 1):
        where = f"level {i} '{lv['id']}'"
        if lv["id"] in ids:
            raise LevelsError(f"{shown}: {where}, field 'id': repeated")
        _check_sources(shown, where, lv["sources"], known, LevelsError)
        ids.append(lv["id"])
    drift = raw["drift"]
    for step in drift["path"]:
        if step not in ids:
            raise LevelsError(f"{shown}: drift, field 'path': {step!r} is not a level id ({', '.join(ids)})")
    _check_sources(shown, "drift", drift["sources"], known, LevelsError)
    return Levels(levels=list(raw["levels"]), drift=drift)


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


@dataclass(frozen=True)
class ScenarioBook:
    efforts: dict[str, dict[str, Any]]
    scenarios: list[Scenario]

    def scenario(self, sid: str) -> Scenario:
        for s in self.scenarios:
            if s.id == sid:
                return s
        raise ScenarioError(f"no scenario card with id {sid!r}; the cards are "
                            + ", ".join(s.id for s in self.scenarios))


def effort_ids() -> tuple[str, ...]:
    """The effort ids the scenario schema requires (the model's EFFORTS must equal them)."""
    schema = _schema(str(SCENARIOS_SCHEMA))
    return tuple(schema["properties"]["efforts"]["required"])


def load_scenarios(path: Path | str | None = None, known_keys: Iterable[str] | None = None) -> ScenarioBook:
    """Load and check the effort wording and the scenario cards.

    ``known_keys`` are the citation keys that exist (by default those in data/references.bib); a
    card or effort citing any other key is an error. Every problem raises :class:`ScenarioError`
    naming the file, the card (or effort) and the field.
    """
    path = Path(path) if path else SCENARIOS_PATH
    shown = path.name
    raw = read_yaml(path, ScenarioError)
    check_schema(raw, path, SCENARIOS_SCHEMA, _items_label("scenarios", "card", raw), ScenarioError)
    known = set(known_keys) if known_keys is not None else citation_keys(path.parent)
    for eid, eff in raw["efforts"].items():
        _check_sources(shown, f"effort '{eid}'", eff["sources"], known, ScenarioError)
    seen: set[str] = set()
    scenarios = []
    for i, card in enumerate(raw["scenarios"], 1):
        where = f"card {i} '{card['id']}'"
        if card["id"] in seen:
            raise ScenarioError(f"{shown}: {where}, field 'id': repeated")
        seen.add(card["id"])
        _check_sources(shown, where, card["sources"], known, ScenarioError)
        scenarios.append(Scenario(id=card["id"], title=card["title"], setting=card["setting"],
                                  parties=tuple(card["parties"]), summary=card["summary"],
                                  points=tuple(card["points"]), questions=tuple(card["questions"]),
                                  sources=tuple(card["sources"])))
    return ScenarioBook(efforts=dict(raw["efforts"]), scenarios=scenarios)
