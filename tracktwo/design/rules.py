"""The design rules: load and check ``data/design_rules.yaml``, and evaluate a design (pure).

A *design* is a mapping of the learner's choices::

    {"track": "1.5", "participants": ["sac", "eao-nca"], "convenor": "insider",
     "aim": "manage", "funding": "pooled", "label": "informal-meeting"}

Any scalar choice may be ``None`` (not chosen yet) and ``participants`` may be empty: the rules are
evaluated as the learner clicks, and a condition on a choice not yet made is false.

:func:`evaluate` returns the findings of every rule whose condition holds, in the file's order.
``tracktwo/design/static/design.js`` mirrors it line for line; ``tests/test_design.py`` runs both
over generated designs and compares.

Every problem with the file raises :class:`DesignRulesError` whose message names the file, the
rule (``rule 3 'track-one-formal'``) or example, and the field; a bad design (corrupted saved state,
a wrong argument) gets :func:`design_problems` / :class:`DesignError`, naming the choice.
"""

from __future__ import annotations

from dataclasses import dataclass, field as dc_field
from functools import lru_cache
from pathlib import Path
from typing import Any
from collections.abc import Iterable, Mapping, Sequence

from ..data.learner_files import choice_problem
from ..data.content import ContentError, guarded, items_label, resolve_known_keys, short_text, check_schema
from ..data.paths import DATA_DIR
from ..data.yamlfile import read_document

RULES_PATH = DATA_DIR / "design_rules.yaml"
RULES_SCHEMA = DATA_DIR / "design_rules.schema.json"

#: The choices of a design, in the order the form asks them.
FIELDS = ("track", "participants", "convenor", "aim", "funding", "label")
SCALAR_FIELDS = tuple(f for f in FIELDS if f != "participants")
#: The order findings are grouped in for display (evaluate keeps the file's order).
KINDS = ("caution", "tension", "fit")
KIND_LABELS = {"caution": "Caution", "tension": "Pulls against another track", "fit": "Fits the brief"}


class DesignRulesError(ContentError):
    """data/design_rules.yaml is invalid; the message names the file, the rule and the field."""


class DesignError(ValueError):
    """A design is not one the options allow; the message names the choice."""


@dataclass(frozen=True)
class RuleBook:
    """The checked file: option lists, rules and worked examples (plain JSON-ready data)."""

    options: dict[str, list[dict[str, str]]]
    rules: list[dict[str, Any]]
    examples: list[dict[str, Any]]
    #: Bodies dissolved and replaced after the brief: ``match`` (the name as the rules write it),
    #: ``brief``, ``successor`` (the sentence to show beside it: the body that replaced it, with both
    #: names and who uses each), ``short``, ``item`` and ``sources``.
    successors: list[dict[str, Any]] = dc_field(default_factory=list)

    def option_ids(self, field: str) -> list[str]:
        return [o["id"] for o in self.options[field]]

    def option_label(self, field: str, oid: str) -> str:
        for o in self.options[field]:
            if o["id"] == oid:
                return o["label"]
        return oid

    def as_json(self) -> dict[str, Any]:
        """What the static page embeds (the evaluator in design.js reads exactly this)."""
        return {"options": self.options, "rules": self.rules, "examples": self.examples, "successors": self.successors}


# ------------------------------------------------------------------------------------------------
# Conditions
# ------------------------------------------------------------------------------------------------


def holds(cond: Mapping[str, Any], design: Mapping[str, Any]) -> bool:
    """Whether condition ``cond`` holds for ``design`` (the file's condition language)."""
    if "all" in cond:
        return all(holds(c, design) for c in cond["all"])
    if "any" in cond:
        return any(holds(c, design) for c in cond["any"])
    if "not" in cond:
        return not holds(cond["not"], design)
    field = cond["field"]
    if field == "participants":
        chosen = design.get("participants") or []
        if "includes" in cond:
            return cond["includes"] in chosen
        return any(p in chosen for p in cond["includes_any"])
    value = design.get(field)
    if value is None:
        return False
    if "equals" in cond:
        return value == cond["equals"]
    return value in cond["in"]


def _finding(rule: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "id": rule["id"],
        "kind": rule["kind"],
        "title": rule["title"],
        "message": rule["message"],
        "citation": dict(rule["citation"]),
        "related_track": rule.get("related_track"),
    }


def evaluate(design: Mapping[str, Any], book: RuleBook | None = None) -> list[dict[str, Any]]:
    """The findings for ``design``: one per rule whose condition holds, in the file's order.

    Raises :class:`DesignError` naming the choice if the design is not one the options allow.
    """
    book = book or load_rules()
    problems = design_problems(design, book)
    if problems:
        raise DesignError("design: " + problems[0])
    return [_finding(rule) for rule in book.rules if holds(rule["when"], design)]


def design_problems(design: Any, book: RuleBook | None = None) -> list[str]:
    """What is wrong with a design (a saved state, an argument); empty if it can be evaluated."""
    book = book or load_rules()
    if not isinstance(design, Mapping):
        return ["a design is a mapping of choices (track, participants, convenor, aim, funding, label)"]
    problems = []
    for key in design:
        if key == "responses":
            from .responses import responses_problems

            problems += responses_problems(design["responses"], [r["id"] for r in book.rules])
            continue
        if key not in FIELDS:
            problems.append(f"unknown choice {short_text(key, 40)} (the choices are {', '.join(FIELDS)})")
    for field in SCALAR_FIELDS:
        value = design.get(field)
        why = choice_problem(value, book.option_ids(field)) if value is not None else None
        if why:
            problems.append(f"choice '{field}' {why}")
    parts = design.get("participants", [])
    if parts is None:
        parts = []
    if not isinstance(parts, (list, tuple)):
        problems.append("choice 'participants' must be a list")
    else:
        allowed = book.option_ids("participants")
        for p in parts:
            why = choice_problem(p, allowed)
            if why:
                problems.append(f"choice 'participants': an item {why}")
        if len(set(map(str, parts))) != len(parts):
            problems.append("choice 'participants' names the same participant twice")
    return problems


def empty_design() -> dict[str, Any]:
    return {"track": None, "participants": [], "convenor": None, "aim": None, "funding": None, "label": None}


# ------------------------------------------------------------------------------------------------
# Loading
# ------------------------------------------------------------------------------------------------


def _label(raw: Any):
    rules_label = items_label("rules", "rule", raw)
    examples_label = items_label("examples", "example", raw)

    def label(path: Sequence[Any]) -> tuple[str, list]:
        if len(path) >= 2 and path[0] == "examples":
            return examples_label(path)
        if len(path) >= 2 and path[0] == "options":
            return f"options '{path[1]}'", list(path[2:])
        return rules_label(path)

    return label


def _leaves(cond: Mapping[str, Any], path: list) -> Iterable[tuple[Mapping[str, Any], list]]:
    for key in ("all", "any"):
        if key in cond:
            for i, c in enumerate(cond[key]):
                yield from _leaves(c, path + [key, i])
            return
    if "not" in cond:
        yield from _leaves(cond["not"], path + ["not"])
        return
    yield cond, path


def _load_rules(path: Path | str | None = None, known_keys: Iterable[str] | None = None) -> RuleBook:
    """Load and check the rules file: schema, unique ids, condition values among the options,
    citation keys in references.bib, examples that are valid designs."""
    path = Path(path) if path else RULES_PATH
    shown = path.name
    doc = read_document(path, DesignRulesError)
    raw = doc.data
    check_schema(doc, path, RULES_SCHEMA, _label(raw), DesignRulesError)
    options = raw["options"]
    for field, items in options.items():
        seen: list[str] = []
        for j, item in enumerate(items):
            if item["id"] in seen:
                raise DesignRulesError(
                    f"{shown}: options '{field}', option {j + 1} field 'id': "
                    f"{short_text(item['id'])} is listed twice (line {doc.line_of(['options', field, j, 'id'])})"
                )
            seen.append(item["id"])
    known = set(known_keys) if known_keys is not None else resolve_known_keys(path, DesignRulesError)
    ids: list[str] = []
    for i, rule in enumerate(raw["rules"]):
        where = f"rule {i + 1} '{rule['id']}'"
        if rule["id"] in ids:
            raise DesignRulesError(
                f"{shown}: {where}, field 'id': repeated (rule {ids.index(rule['id']) + 1} has the "
                f"same id) (line {doc.line_of(['rules', i, 'id'])})"
            )
        ids.append(rule["id"])
        for leaf, lpath in _leaves(rule["when"], ["rules", i, "when"]):
            field = leaf["field"]
            allowed = [o["id"] for o in options[field]]
            for op in ("equals", "in", "includes", "includes_any"):
                if op not in leaf:
                    continue
                values = leaf[op] if isinstance(leaf[op], list) else [leaf[op]]
                for k, v in enumerate(values):
                    if v not in allowed:
                        vpath = lpath + [op] + ([k] if isinstance(leaf[op], list) else [])
                        shown_path = ".".join(str(p) for p in vpath[2:])
                        raise DesignRulesError(
                            f"{shown}: {where}, field '{shown_path}': {short_text(v)} is not a {field} option "
                            f"({', '.join(allowed)}) (line {doc.line_of(vpath)})"
                        )
        related = rule.get("related_track")
        if related is not None and related not in [o["id"] for o in options["track"]]:
            raise DesignRulesError(
                f"{shown}: {where}, field 'related_track': {short_text(related)} is not a track option "
                f"(line {doc.line_of(['rules', i, 'related_track'])})"
            )
        key = rule["citation"]["key"]
        if key not in known:
            raise DesignRulesError(
                f"{shown}: {where}, field 'citation.key': {short_text(key)} is not a key in "
                f"references.bib (line {doc.line_of(['rules', i, 'citation', 'key'])})"
            )
    book = RuleBook(
        options={k: [dict(o) for o in v] for k, v in options.items()}, rules=[dict(r) for r in raw["rules"]], examples=[]
    )
    eids: list[str] = []
    for i, ex in enumerate(raw["examples"]):
        where = f"example {i + 1} '{ex['id']}'"
        if ex["id"] in eids:
            raise DesignRulesError(f"{shown}: {where}, field 'id': repeated (line {doc.line_of(['examples', i, 'id'])})")
        eids.append(ex["id"])
        problems = design_problems(ex["design"], book)
        if problems:
            raise DesignRulesError(
                f"{shown}: {where}, field 'design': {problems[0]} (line {doc.line_of(['examples', i, 'design'])})"
            )
    for i, item in enumerate(raw.get("successors") or []):
        for k, key in enumerate(item["sources"]):
            if key not in known:
                raise DesignRulesError(
                    f"{shown}: successors {i + 1} '{item['match']}', field 'sources': {short_text(key)} is not a key in "
                    f"references.bib (line {doc.line_of(['successors', i, 'sources', k])})"
                )
    return RuleBook(
        options=book.options,
        rules=book.rules,
        examples=[dict(e) for e in raw["examples"]],
        successors=[dict(r) for r in raw.get("successors") or []],
    )


load_rules_from = guarded(_load_rules, DesignRulesError)
load_rules_from.__doc__ = _load_rules.__doc__


@lru_cache(maxsize=1)
def _default() -> RuleBook:
    return load_rules_from(RULES_PATH)


def load_rules(path: Path | str | None = None) -> RuleBook:
    """The course's rule book (cached), or the one at ``path`` (checked, not cached)."""
    return _default() if path is None else load_rules_from(path)


__all__ = [
    "DesignError",
    "DesignRulesError",
    "FIELDS",
    "KINDS",
    "KIND_LABELS",
    "RuleBook",
    "design_problems",
    "empty_design",
    "evaluate",
    "holds",
    "load_rules",
    "load_rules_from",
]
