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
import itertools
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Sequence

from .paths import DATA_DIR
from .problems import shorten
from .safe_yaml import YamlDocument, scalar_hint
from .yamlfile import citation_keys, read_document

if TYPE_CHECKING:  # imported where a file is checked (jsonschema builds a URL grammar: about 1.5 s)
    import jsonschema

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


def short_text(value: Any, limit: int = 60) -> str:
    return shorten(value if not isinstance(value, str) else repr(value), limit)


#: The most schema errors collected before the first (in document order) is reported.
_MAX_SCHEMA_ERRORS = 200


def _doc_of(raw: Any) -> YamlDocument:
    return raw if isinstance(raw, YamlDocument) else YamlDocument(raw, None)


def _line_path(e: jsonschema.ValidationError) -> list:
    """The path whose line a schema error is reported at (a stray key's own line, not its mapping's)."""
    path = list(e.absolute_path)
    if e.validator == "additionalProperties" and isinstance(e.instance, dict):
        allowed = set(e.schema.get("properties") or {}) if isinstance(e.schema, dict) else set()
        path += [next((k for k in e.instance if k not in allowed), None)]
    return path


def schema_message(error: jsonschema.ValidationError, label: Callable[[Sequence[Any]], tuple[str, list]],
                   doc: YamlDocument | None = None) -> str:
    """One plain sentence for a schema error: '<item>, field '<name>': <what is wrong> (line N)'.

    ``label(path)`` turns the error's path into (item description, remaining path), e.g.
    ``["scenarios", 2, "summary"]`` -> ("card 3 'x'", ["summary"]). The value is cut to a readable
    length, and a value YAML read as a boolean, number, date or null gets a quoting hint in the
    author's own words (``answer: yes`` -> "yes is read by YAML as the boolean true...").
    """
    path = list(error.absolute_path)
    where, rest = label(path)
    custom = error.schema.get("x-message") if isinstance(error.schema, dict) else None
    instance = error.instance
    hint = doc.hint_at(path, instance) if doc is not None else scalar_hint(instance, None)
    # a quoting hint only where text is wanted (``official: yes`` wants a number, not quotes)
    expects_text = isinstance(error.schema, dict) and (error.schema.get("type") == "string"
                                                       or "pattern" in error.schema or "minLength" in error.schema)
    if error.validator == "required" and custom is None:
        missing = error.message.split("'")[1] if "'" in error.message else "?"
        rest = rest + [missing]
        what = "missing"
    elif error.validator == "additionalProperties" and custom is None:
        allowed = set((error.schema.get("properties") or {}))
        extra = sorted(str(k) for k in instance if k not in allowed) if isinstance(instance, dict) else []
        what = "unknown field(s) " + ", ".join(short_text(e, 40) for e in extra[:5])
    elif hint and expects_text:
        what = (custom + ": " if custom else "must be text: ") + hint
    elif custom is not None:
        what = custom
        if isinstance(instance, (str, int, float)) and not isinstance(instance, bool):
            what += f" (found {short_text(instance)})"
        elif instance is None:
            what += " (found no value)"
        elif isinstance(instance, bool):
            word = (doc.source_of(path) if doc is not None else None) or str(instance).lower()
            what += f" (found {shorten(word, 40)}, which YAML reads as the boolean {str(instance).lower()})"
        elif isinstance(instance, (list, dict)) and error.validator == "type":
            what += f" (found a {'list' if isinstance(instance, list) else 'mapping'})"
    elif error.validator == "type":
        found = {dict: "a mapping", list: "a list", str: "text", type(None): "no value (the file or "
                 "field is empty)", bool: "a boolean", int: "a number", float: "a number"}.get(
                     type(instance), type(instance).__name__)
        expected = error.validator_value
        expected = {"object": "a mapping (key: value lines)", "array": "a list (lines starting with '- ')",
                    "string": "text"}.get(expected, expected) if isinstance(expected, str) else expected
        what = f"must be {expected}, but is {found}"
    else:
        what = constraint_words(error.validator, error.validator_value, instance)
    field = ""
    if rest:
        field = "field '" + ".".join(shorten(str(p), 40) for p in rest) + "'"
    parts = [p for p in (where, field) if p]
    line = doc.line_of(_line_path(error)) if doc is not None and doc.node is not None else None
    return (", ".join(parts) + ": " if parts else "") + what + (f" (line {line})" if line else "")


def constraint_words(validator: str, value: Any, instance: Any) -> str:
    """What a failed JSON Schema keyword means, in words, with the value cut to a readable length."""
    size = len(instance) if isinstance(instance, (str, list, dict)) else None
    words = {
        "minItems": f"must have at least {value} item(s), but has {size}",
        "maxItems": f"must have at most {value} items, but has {size}",
        "minProperties": f"must have at least {value} entries, but has {size}",
        "maxProperties": f"must have at most {value} entries, but has {size}",
        "minLength": f"must be at least {value} character(s) long, but is {size}",
        "maxLength": f"must be at most {value} characters long, but is {size}",
        "minimum": f"must be at least {value}",
        "maximum": f"must be at most {value}",
        "exclusiveMinimum": f"must be more than {value}",
        "exclusiveMaximum": f"must be less than {value}",
        "uniqueItems": "lists the same value twice",
        "enum": f"must be one of {', '.join(map(str, value)) if isinstance(value, list) else value}",
        "const": f"must be {short_text(value, 40)}",
        "pattern": f"does not have the expected form (pattern {short_text(value, 40)})",
    }
    what = words.get(validator, f"is not allowed ({validator} {short_text(value, 40)})")
    if isinstance(instance, (str, int, float)) and not isinstance(instance, bool):
        what += f" (found {short_text(instance)})"
    return what


def check_schema(raw: Any, content_path: Path, schema_file: Path, label, error: type[Exception]) -> None:
    """Validate ``raw`` (data or a YamlDocument) against ``schema_file``; raise ``error`` naming
    ``content_path`` on the first problem in document order."""
    doc = _doc_of(raw)
    data = doc.data
    if data is None:
        raise error(f"{content_path.name}: the file is empty (it should be a mapping of key: value lines)")
    schema = _schema(str(schema_file))
    import jsonschema

    validator = jsonschema.Draft202012Validator(schema)
    found = list(itertools.islice(validator.iter_errors(data), _MAX_SCHEMA_ERRORS))
    if not found:
        return

    def order(e: jsonschema.ValidationError) -> tuple:
        line = doc.line_of(_line_path(e)) if doc.node is not None else None
        # document order; at one place, the innermost (most specific) error first
        return (line or 0, -len(e.absolute_path), str(e.validator))
    first = min(found, key=order)
    raise error(f"{content_path.name}: {schema_message(first, label, doc)}")


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


def _check_sources(shown: str, where: str, keys: Iterable[str], known: set[str], error: type[Exception],
                   doc: YamlDocument | None = None, path: Sequence[Any] = ()) -> None:
    for i, key in enumerate(keys):
        if key not in known:
            line = doc.line_of([*path, i]) if doc is not None and doc.node is not None else None
            raise error(f"{shown}: {where}, field 'sources': {short_text(key)} is not a key in references.bib"
                        + (f" (line {line})" if line else ""))


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
            raise error(f"{name}: could not be checked ({type(exc).__name__}: {shorten(str(exc))}); "
                        "compare it with the course's own copy") from None
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
            raise LevelsError(f"{shown}: {where}, field 'id': repeated (level {ids.index(lv['id']) + 1} "
                              f"has the same id) (line {doc.line_of(['levels', i - 1, 'id'])})")
        _check_sources(shown, where, lv["sources"], known, LevelsError, doc, ["levels", i - 1, "sources"])
        ids.append(lv["id"])
    drift = raw["drift"]
    for j, step in enumerate(drift["path"]):
        if step not in ids:
            raise LevelsError(f"{shown}: drift, field 'path': {step!r} is not a level id ({', '.join(ids)}) "
                              f"(line {doc.line_of(['drift', 'path', j])})")
    _check_sources(shown, "drift", drift["sources"], known, LevelsError, doc, ["drift", "sources"])
    return Levels(levels=list(raw["levels"]), drift=drift)


def resolve_known_keys(path: Path, error: type[Exception]) -> set[str]:
    from .problems import DataError

    try:
        return citation_keys(path.parent)
    except DataError as exc:
        raise error(f"{path.name}: its citation keys cannot be checked, because the bibliography "
                    f"beside it is invalid: {exc}") from None


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


@dataclass(frozen=True)
class ScenarioBook:
    efforts: dict[str, dict[str, Any]]
    scenarios: list[Scenario]

    def scenario(self, sid: str) -> Scenario:
        for s in self.scenarios:
            if s.id == sid:
                return s
        raise ScenarioError(f"no scenario card with id {short_text(sid)}; the cards are "
                            + ", ".join(s.id for s in self.scenarios))


def effort_ids() -> tuple[str, ...]:
    """The effort ids the scenario schema requires (the model's EFFORTS must equal them)."""
    schema = _schema(str(SCENARIOS_SCHEMA))
    return tuple(schema["properties"]["efforts"]["required"])


def _load_scenarios(path: Path | str | None = None, known_keys: Iterable[str] | None = None) -> ScenarioBook:
    """Load and check the effort wording and the scenario cards.

    ``known_keys`` are the citation keys that exist (by default those in data/references.bib); a
    card or effort citing any other key is an error. Every problem raises :class:`ScenarioError`
    naming the file, the card (or effort) and the field.
    """
    path = Path(path) if path else SCENARIOS_PATH
    shown = path.name
    doc = read_document(path, ScenarioError)
    raw = doc.data
    check_schema(doc, path, SCENARIOS_SCHEMA, items_label("scenarios", "card", raw), ScenarioError)
    known = set(known_keys) if known_keys is not None else resolve_known_keys(path, ScenarioError)
    for eid, eff in raw["efforts"].items():
        _check_sources(shown, f"effort '{eid}'", eff["sources"], known, ScenarioError, doc,
                       ["efforts", eid, "sources"])
    seen: list[str] = []
    scenarios = []
    for i, card in enumerate(raw["scenarios"], 1):
        where = f"card {i} '{card['id']}'"
        if card["id"] in seen:
            raise ScenarioError(f"{shown}: {where}, field 'id': repeated (card {seen.index(card['id']) + 1} "
                                f"has the same id) (line {doc.line_of(['scenarios', i - 1, 'id'])})")
        seen.append(card["id"])
        _check_sources(shown, where, card["sources"], known, ScenarioError, doc, ["scenarios", i - 1, "sources"])
        scenarios.append(Scenario(id=card["id"], title=card["title"], setting=card["setting"],
                                  parties=tuple(card["parties"]), summary=card["summary"],
                                  points=tuple(card["points"]), questions=tuple(card["questions"]),
                                  sources=tuple(card["sources"])))
    return ScenarioBook(efforts=dict(raw["efforts"]), scenarios=scenarios)


load_scenarios = guarded(_load_scenarios, ScenarioError)
load_scenarios.__doc__ = _load_scenarios.__doc__
