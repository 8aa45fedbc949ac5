"""Exercise banks: YAML files under ``data/exercises/``, validated by ``data/exercises/schema.json``.

:func:`load_bank` reads a bank, checks it against the JSON Schema and then checks what a schema
cannot express (answers name existing options, ids are unique, an ordering does not start out
solved...). Any problem raises :class:`~tracktwo.exercises.errors.BankError` whose message names
the file, the item and the field, e.g.::

    data/exercises/demo.yaml: item 'oslo-talks', field 'answer': 'e' is not one of the option ids (a, b, c, d)

The format, field by field: docs/exercise-format.md.

An exercise is referred to as ``bank/item`` (``demo/oslo-talks``); ``bank`` alone means every item.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..data.problems import shorten
from ..data.safe_yaml import YamlDocument, YamlProblem, read_yaml_document, scalar_hint
from .errors import BankError, ExerciseError, Problem, display_path

#: Where the course keeps its banks (the book and the notebooks both read from here).
from ..data.paths import BANK_DIR, ROOT  # noqa: E402,F401

if TYPE_CHECKING:  # imported where a file is checked (jsonschema builds a URL grammar: about 1.5 s)
    import jsonschema

SCHEMA_PATH = BANK_DIR / "schema.json"

TYPES = ("single", "multiple", "classification", "ordering", "open")
#: Types the learner answers by choosing among options (all but ``open``).
CHOICE_TYPES = TYPES[:4]
_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
#: How long an open item's model answer may be, in words, and its ``why`` in sentences.
MODEL_WORDS = (80, 250)
MODEL_WHY_SENTENCES = 3
#: Names a learner must never meet in an item: an id of the course's fact sheets (A1-A205, B1-B48,
#: C1-C18, D1-D40, E1-E23, F0-F53) and a data file's name. Learners cite sources and dates instead.
INTERNAL_ID = re.compile(r"\b[A-F]\d{1,3}\b")
DATA_FILE = re.compile(r"\b[\w.-]+\.(?:ya?ml|csv|json|bib|md|ipynb|py|txt)\b", re.I)
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\u201d\u2019]*\s+(?=[A-Z\"'(\u201c\u2018])")


@dataclass(frozen=True)
class Option:
    id: str
    text: str
    feedback: str
    clue: str = ""


@dataclass(frozen=True)
class Category:
    id: str
    text: str
    description: str = ""


@dataclass(frozen=True)
class Accept:
    """An accepted alternative: choosing ``option`` (classification: placing it in ``category``)
    counts as correct, and ``rationale`` says why it is defensible and why the key chose otherwise."""

    option: str
    rationale: str
    category: str = ""


@dataclass(frozen=True)
class ModelAnswer:
    """An open item's worked answer: ``text``, a strong answer written out; ``why``, why it is strong
    (tied to the checklist); ``sources``, the citation keys it rests on (never shown to learners)."""

    text: str
    why: str
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Item:
    """One exercise. ``answer`` is, by type: an option id (single); a list of option ids
    (multiple); a mapping option id -> category id (classification); the option ids in their
    correct order (ordering); ``None`` for an open item, which has no options but a ``checklist``
    and a ``model_answer`` (shown after the learner has written). ``options`` are in display order;
    ``accept`` lists the accepted alternatives."""

    bank: str
    id: str
    type: str
    title: str
    prompt: str
    objective: str
    objective_id: str
    options: tuple[Option, ...]
    answer: Any
    hint: str = ""
    categories: tuple[Category, ...] = ()
    source: str = ""
    accept: tuple[Accept, ...] = ()
    checklist: tuple[str, ...] = ()
    model_answer: ModelAnswer | None = None
    skill: str = ""  # recall, apply, analyse or evaluate (required by the schema; docs/exercise-format.md)
    sequence: str = ""  # ordering items: "time" (events by date) or "process" (the steps of a process)
    map: dict[str, Any] | None = None  # a conflict map for the prompt; checked and drawn where it is placed

    @property
    def ref(self) -> str:
        """The stable exercise id, ``bank/item``."""
        return f"{self.bank}/{self.id}"

    @property
    def option_ids(self) -> list[str]:
        return [o.id for o in self.options]

    @property
    def category_ids(self) -> list[str]:
        return [c.id for c in self.categories]

    def option(self, option_id: str) -> Option:
        found = next((o for o in self.options if o.id == option_id), None)
        if found is None:
            raise ExerciseError(
                f"{self.ref} has no option {shorten(repr(option_id), 60)} (its options are {', '.join(self.option_ids)})"
            )
        return found

    def category(self, category_id: str) -> Category:
        found = next((c for c in self.categories if c.id == category_id), None)
        if found is None:
            raise ExerciseError(
                f"{self.ref} has no category {shorten(repr(category_id), 60)} (its categories are {', '.join(self.category_ids)})"
            )
        return found

    def to_data(self) -> dict[str, Any]:
        """Everything the page engine needs to check an answer (the learner edition embeds this)."""
        answer = self.answer
        if isinstance(answer, dict):
            answer = dict(answer)
        elif isinstance(answer, (list, tuple)):
            answer = list(answer)
        return {
            "id": self.ref,
            "title": self.title,
            "type": self.type,
            "options": [{"id": o.id, "text": o.text, "feedback": o.feedback, "clue": o.clue} for o in self.options],
            "categories": [{"id": c.id, "text": c.text} for c in self.categories],
            "answer": answer,
            "accept": [{"option": a.option, "category": a.category, "rationale": a.rationale} for a in self.accept],
            "checklist": list(self.checklist),
        }


@dataclass(frozen=True)
class Bank:
    id: str
    title: str
    path: Path
    objectives: dict[str, str]
    items: dict[str, Item] = field(default_factory=dict)
    description: str = ""

    def __getitem__(self, item_id: str) -> Item:
        try:
            return self.items[item_id]
        except KeyError:
            raise BankError(
                self.path,
                item=shorten(str(item_id), 60),
                field=None,
                message=f"no such item in bank '{self.id}' (it has: {', '.join(self.items)})",
            ) from None


@lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def _read_doc(path: Path) -> YamlDocument:
    """The bank's YAML through the course's one safe reader (tracktwo.data.safe_yaml)."""
    try:
        return read_yaml_document(path)
    except FileNotFoundError:
        raise BankError(path, message=f"no such exercise bank (looked for {display_path(path)})") from None
    except YamlProblem as exc:  # worded as every other YAML file of the course (tracktwo.data.yamlfile)
        raise BankError(path, message=str(exc)) from None


def _read_yaml(path: Path) -> Any:
    return _read_doc(path).data


# ---------------------------------------------------------------------------------------------
# Validation


def _item_label(raw: Any, index: int) -> str:
    if isinstance(raw, dict) and isinstance(raw.get("id"), str) and raw["id"]:
        return raw["id"]
    return f"#{index + 1}"


def _field_path(parts: list[Any]) -> str:
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


_REQUIRED = re.compile(r"^'([^']+)' is a required property$")
_EXTRA = re.compile(r"\('([^']+)'(?:, '[^']+')* (?:was|were) unexpected\)")


def _schema_problem(error: jsonschema.ValidationError, data: Any, doc: YamlDocument | None = None) -> Problem:
    path = list(error.absolute_path)
    item = None
    raw = None
    if len(path) >= 2 and path[0] == "items" and isinstance(path[1], int):
        items = data.get("items") if isinstance(data, dict) else None
        raw = items[path[1]] if isinstance(items, list) and path[1] < len(items) else None
        item = _item_label(raw, path[1])
        path = path[2:]
    message = shorten(error.message, 160)
    if error.validator == "required":
        match = _REQUIRED.match(error.message)
        if match:
            path = path + [match.group(1)]
            message = "missing (every item needs it)" if item else "missing"
            if match.group(1) == "categories":
                message = "missing: a classification item needs its categories"
            elif match.group(1) == "checklist":
                message = "missing: an open item needs a checklist of what a strong answer includes (2 or more points)"
            elif match.group(1) == "skill" and item:
                message = f"missing: {_SKILL}"
            elif match.group(1) == "sequence" and item:
                message = (
                    "missing: an ordering item says what it orders: 'time' (events by date) or 'process' "
                    "(the steps of a process a cited source describes); see docs/exercise-format.md"
                )
            elif match.group(1) == "model_answer":
                message = f"missing: {_MODEL_ANSWER}"
            elif path[-2:-1] == ["model_answer"]:
                message = f"missing: {_MODEL_ANSWER}"
            elif match.group(1) in ("options", "answer") and isinstance(raw, dict):
                message = f"missing (every {raw.get('type')} item needs it)"
    elif error.validator == "additionalProperties":
        match = _EXTRA.search(error.message)
        if match:
            path = path + [match.group(1)]
            message = "not a field of the bank format (check the spelling)"
    elif error.validator in ("pattern", "maxLength") and error.schema.get("maxLength") == 60:
        message = (
            f"{shorten(repr(error.instance), 60)} is not a valid id: use lower-case letters, digits "
            "and single hyphens (at most 60 characters), e.g. 'oslo-talks'"
        )
    elif error.validator in ("pattern", "minLength") and isinstance(error.instance, str):
        message = "is empty: write some text"
    elif error.validator == "type" and path[-1:] == ["model_answer"]:
        message = f"is not a set of named fields: {_MODEL_ANSWER}"
    elif error.validator == "type" and error.schema.get("pattern") and not isinstance(error.instance, str):
        source = doc.source_of(list(error.absolute_path)) if doc is not None else None
        message = (
            f"is not a string: {scalar_hint(error.instance, source)}; quote it in the YAML"
            if scalar_hint(error.instance, source)
            else f"{shorten(repr(error.instance), 60)} is not a string: quote it in the YAML"
        )
    elif error.validator == "minItems" and isinstance(error.instance, list):
        what = {"checklist": "points", "options": "options", "categories": "categories", "items": "items"}.get(
            path[-1] if path else "", "entries"
        )
        message = f"has {len(error.instance)} but needs at least {error.validator_value} {what}"
        if path == ["items"] and not error.instance:
            message = (
                "is empty: the bank has no exercises yet; add at least one item under 'items' "
                "(see docs/exercise-format.md, or copy an item from data/exercises/demo.yaml)"
            )
    elif error.validator == "enum" and path[-1:] == ["type"]:
        message = f"unknown type {shorten(repr(error.instance), 60)}: use one of {', '.join(TYPES)}"
    elif error.validator == "not" and error.validator_value == {}:  # a field the item's type forbids
        typ = raw.get("type") if item and isinstance(raw, dict) else None
        message = _FORBIDDEN.get((typ, path[-1] if path else None), f"not a field of {typ or 'this'} items").format(type=typ)
    return Problem(item, _field_path(path) or None, message)


#: What an item's ``skill`` is, said when it is missing (the coding rules: docs/exercise-format.md).
_SKILL = (
    "every item says the cognitive level it asks for: recall (retrieve a fact stated in the material), "
    "apply (use a concept on a new or invented case), analyse (break down, compare, explain relationships "
    "or reasons) or evaluate (judge with criteria); see docs/exercise-format.md"
)
#: What an open item's model answer is, said when it is missing or malformed.
_MODEL_ANSWER = (
    "an open item needs a model_answer with 'text' (a strong answer written out, "
    f"{MODEL_WORDS[0]} to {MODEL_WORDS[1]} words, citing the brief by section) and 'why' (one to three sentences on "
    "why it is strong, tied to the checklist); see docs/exercise-format.md"
)
#: Why a field is not allowed on an item of some type (the schema says only that it is not).
_FORBIDDEN = {
    ("open", "options"): "an open item has no options: the learner writes the answer, and the checklist says "
    "what a strong answer includes (remove 'options')",
    ("open", "answer"): "an open item has no answer key: put what a strong answer includes in 'checklist'",
    ("open", "categories"): "an open item has no categories (only classification items have them)",
    ("open", "accept"): "an open item has no accepted alternatives (it is not scored right or wrong)",
    ("ordering", "accept"): "ordering items cannot have accepted alternatives: they earn partial credit for "
    "every pair of items in the right order instead",
}
for _t in ("single", "multiple", "classification", "open"):
    _FORBIDDEN[(_t, "sequence")] = "only ordering items say what they order (this item is {type})"
for _t in ("single", "multiple", "classification", "ordering"):
    _FORBIDDEN[(_t, "checklist")] = "only open items have a checklist (this item is {type})"
    _FORBIDDEN[(_t, "model_answer")] = (
        "only open items have a model answer (this item is {type}: its options' feedback explains the answer)"
    )


def learner_texts(raw: dict[str, Any]) -> list[tuple[str, str]]:
    """Every text of an item (as parsed from the YAML) that a learner can see in some edition, by
    field path: title, prompt, hint, options, categories, accepted alternatives, checklist and model
    answer. (Citation keys in ``model_answer.sources`` are never shown, so they are not here.)"""
    out = [(f, raw[f]) for f in ("title", "prompt", "hint") if isinstance(raw.get(f), str)]
    for n, o in enumerate(raw.get("options") or []):
        out += [
            (f"options[{n}].{f}", o[f]) for f in ("text", "feedback", "clue") if isinstance(o, dict) and isinstance(o.get(f), str)
        ]
    for n, c in enumerate(raw.get("categories") or []):
        out += [
            (f"categories[{n}].{f}", c[f]) for f in ("text", "description") if isinstance(c, dict) and isinstance(c.get(f), str)
        ]
    for n, a in enumerate(raw.get("accept") or []):
        if isinstance(a, dict) and isinstance(a.get("rationale"), str):
            out.append((f"accept[{n}].rationale", a["rationale"]))
    out += [(f"checklist[{n}]", c) for n, c in enumerate(raw.get("checklist") or []) if isinstance(c, str)]
    model = raw.get("model_answer")
    if isinstance(model, dict):
        out += [(f"model_answer.{f}", model[f]) for f in ("text", "why") if isinstance(model.get(f), str)]
    return out


def _internal_name_problem(fld: str | None, text: str, add) -> None:
    """A learner never meets a fact sheet's id (``D14``) or a data file's name (``facts.md``)."""
    found = INTERNAL_ID.search(text)
    if found:
        add(
            fld,
            f"names {found.group(0)!r}, an id in the course's fact sheets, which learners never see: cite "
            "the source and its date instead (for example 'Xinhua, January 2025'), or the brief's section",
        )
    found = DATA_FILE.search(text)
    if found:
        add(fld, f"names the file {found.group(0)!r}, which learners never see: cite the source and its date instead")


def _model_answer_problems(model: dict[str, Any], add) -> None:
    """A model answer's length: 80-250 words of answer, one to three sentences on why it is strong."""
    words = len(model["text"].split())
    low, high = MODEL_WORDS
    if not low <= words <= high:
        add(
            "model_answer.text",
            f"has {words} words: a model answer is {low} to {high} words ("
            + ("write the strong answer out in full" if words < low else "cut it to what the checklist asks for")
            + ")",
        )
    sentences = len([s for s in _SENTENCE_END.split(" ".join(model["why"].split())) if s.strip()])
    if sentences > MODEL_WHY_SENTENCES:
        add(
            "model_answer.why",
            f"has {sentences} sentences: say why the answer is strong in one to {MODEL_WHY_SENTENCES}, tied to the checklist",
        )


def _semantic_problems(data: dict[str, Any], path: Path, skip: frozenset[int] | set[int] = frozenset()) -> list[Problem]:
    """What a schema cannot check. Items at the indexes in ``skip`` already failed the schema."""
    problems: list[Problem] = []
    if data["bank"] != path.stem:
        problems.append(Problem(None, "bank", f"is {data['bank']!r} but the file is {path.name}: they must match"))
    bank_add = lambda fld, msg: problems.append(Problem(None, fld, msg))  # noqa: E731
    for fld in ("title", "description"):
        if isinstance(data.get(fld), str):
            _internal_name_problem(fld, data[fld], bank_add)
    for oid, text in data["objectives"].items():
        _internal_name_problem(f"objectives.{oid}", text, bank_add)
    seen_items: set[str] = set()
    for index, raw in enumerate(data["items"]):
        if index in skip:
            if isinstance(raw, dict) and isinstance(raw.get("id"), str):
                seen_items.add(raw["id"])
            continue
        iid, typ = raw["id"], raw["type"]
        add = lambda fld, msg, _iid=iid: problems.append(Problem(_iid, fld, msg))  # noqa: E731
        if iid in seen_items:
            add("id", "another item in this bank has the same id")
        seen_items.add(iid)
        if raw["objective"] not in data["objectives"]:
            add("objective", f"{raw['objective']!r} is not one of the bank's objectives ({', '.join(data['objectives'])})")
        for fld, text in learner_texts(raw):
            _internal_name_problem(fld, text, add)
        if typ == "open":
            points = [" ".join(str(c).split()) for c in raw["checklist"]]
            cdupes = sorted({c for c in points if points.count(c) > 1})
            if cdupes:
                add("checklist", f"the same point is listed twice: {cdupes[0]!r}")
            _model_answer_problems(raw["model_answer"], add)
            continue
        options = [o["id"] for o in raw["options"]]
        dupes = sorted({o for o in options if options.count(o) > 1})
        if dupes:
            add("options", f"duplicate option id(s): {', '.join(dupes)}")
        known = ", ".join(options)
        answer = raw["answer"]
        if typ != "classification" and "categories" in raw:
            add("categories", f"only classification items have categories (this item is {typ})")
        if typ == "single":
            if answer not in options:
                add("answer", f"{answer!r} is not one of the option ids ({known})")
        elif typ == "multiple":
            for a in answer:
                if a not in options:
                    add("answer", f"{a!r} is not one of the option ids ({known})")
        elif typ == "classification":
            cats = [c["id"] for c in raw.get("categories", [])]
            cdupes = sorted({c for c in cats if cats.count(c) > 1})
            if cdupes:
                add("categories", f"duplicate category id(s): {', '.join(cdupes)}")
            for opt, cat in answer.items():
                if opt not in options:
                    add(f"answer.{opt}", f"{opt!r} is not one of the option ids ({known})")
                elif cat not in cats:
                    add(f"answer.{opt}", f"{cat!r} is not one of the category ids ({', '.join(cats)})")
            missing = [o for o in options if o not in answer]
            if missing:
                add("answer", f"no category given for option(s) {', '.join(missing)}: every option needs one")
        elif typ == "ordering":
            unknown = [a for a in answer if a not in options]
            for a in unknown:
                add("answer", f"{a!r} is not one of the option ids ({known})")
            missing = [o for o in options if o not in answer]
            if missing:
                add("answer", f"the order leaves out option(s) {', '.join(missing)}: list every option once")
            if not unknown and not missing and list(answer) == options:
                add(
                    "options",
                    "the options are listed in the correct order, so the exercise would start "
                    "solved: list them in a different order from 'answer'",
                )
        _accept_problems(raw, options, add)
    return problems


def _accept_problems(raw: dict[str, Any], options: list[str], add) -> None:
    """``accept`` entries must name this item's options (and, for classification, its categories)
    and must differ from the key, or they would accept nothing new."""
    typ, answer = raw["type"], raw["answer"]
    cats = [c["id"] for c in raw.get("categories", [])] if isinstance(raw.get("categories"), list) else []
    seen: set[tuple[str, str]] = set()
    for n, entry in enumerate(raw.get("accept", [])):
        here = f"accept[{n}]"
        opt, cat = entry["option"], entry.get("category")
        if opt not in options:
            add(f"{here}.option", f"{opt!r} is not one of the option ids ({', '.join(options)})")
            continue
        if typ == "classification":
            if cat is None:
                add(
                    f"{here}.category",
                    "missing: a classification item's accepted alternative names the category the option may also go in",
                )
                continue
            if cat not in cats:
                add(f"{here}.category", f"{cat!r} is not one of the category ids ({', '.join(cats)})")
                continue
            if isinstance(answer, dict) and answer.get(opt) == cat:
                add(
                    f"{here}.category",
                    f"{cat!r} is already the key's category for {opt!r}: an accepted alternative must differ from the key",
                )
                continue
        elif cat is not None:
            add(f"{here}.category", f"only classification items give a category here (this item is {typ})")
            continue
        elif typ == "single" and opt == answer:
            add(f"{here}.option", f"{opt!r} is already the answer: an accepted alternative must differ from the key")
            continue
        if (opt, cat or "") in seen:
            add(here, f"accepts {opt!r}" + (f" in {cat!r}" if cat else "") + " a second time")
        seen.add((opt, cat or ""))


#: What a bank is, said when a file is not one at all (no schema words such as "type 'object'").
_A_BANK = (
    "an exercise bank is a set of named fields, each at the start of a line: bank, title, objectives and "
    "items (see docs/exercise-format.md, or copy data/exercises/demo.yaml)"
)


def _not_a_bank(data: Any) -> Problem | None:
    """One plain problem when the file is empty, a list or a bare value instead of a bank."""
    if isinstance(data, dict):
        return None
    if data is None or (isinstance(data, str) and not data.strip()):
        return Problem(None, None, f"the file is empty: {_A_BANK}")
    if isinstance(data, list):
        return Problem(
            None, None, f"the file is a list (its lines start with \"- \"), with {len(data)} entries, not a bank: {_A_BANK}"
        )
    return Problem(None, None, f"the file holds only the value {shorten(repr(data), 40)}, not a bank: {_A_BANK}")


def validate_bank_data(data: Any, path: Path, doc: YamlDocument | None = None) -> list[Problem]:
    """All problems with a bank's parsed YAML (empty when it is valid)."""
    plain = _not_a_bank(data)
    if plain:
        return [plain]
    import jsonschema

    validator = jsonschema.Draft202012Validator(schema())
    errors = sorted(validator.iter_errors(data), key=lambda e: (list(map(str, e.absolute_path)), e.message))
    problems: list[Problem] = []
    seen: set[Problem] = set()
    bad_items: set[int] = set()
    structural = False
    for error in errors:
        parts = list(error.absolute_path)
        if len(parts) >= 2 and parts[0] == "items" and isinstance(parts[1], int):
            bad_items.add(parts[1])
        elif parts[:1] not in (["title"], ["description"]):
            structural = True  # the bank itself is malformed: no further checks make sense
        problem = _schema_problem(error, data, doc)
        if problem not in seen:
            seen.add(problem)
            problems.append(problem)
    if not structural:
        # Items that passed the schema are checked further, so one run reports as much as it can.
        problems += _semantic_problems(data, path, bad_items)
    return problems


def _build(data: dict[str, Any], path: Path) -> Bank:
    items: dict[str, Item] = {}
    for raw in data["items"]:
        answer = raw.get("answer")
        items[raw["id"]] = Item(
            bank=data["bank"],
            id=raw["id"],
            type=raw["type"],
            title=raw["title"].strip(),
            prompt=raw["prompt"].strip(),
            objective=data["objectives"][raw["objective"]].strip(),
            objective_id=raw["objective"],
            options=tuple(
                Option(o["id"], o["text"].strip(), o["feedback"].strip(), (o.get("clue") or "").strip())
                for o in raw.get("options", [])
            ),
            answer=tuple(answer) if isinstance(answer, list) else (dict(answer) if isinstance(answer, dict) else answer),
            hint=(raw.get("hint") or "").strip(),
            categories=tuple(
                Category(c["id"], c["text"].strip(), (c.get("description") or "").strip()) for c in raw.get("categories", [])
            ),
            source=str(path),
            accept=tuple(Accept(a["option"], a["rationale"].strip(), a.get("category") or "") for a in raw.get("accept", [])),
            checklist=tuple(" ".join(c.split()) for c in raw.get("checklist", [])),
            model_answer=(
                ModelAnswer(
                    " ".join(raw["model_answer"]["text"].split()),
                    " ".join(raw["model_answer"]["why"].split()),
                    tuple(raw["model_answer"].get("sources", ())),
                )
                if raw.get("model_answer")
                else None
            ),
            skill=raw.get("skill") or "",
            sequence=raw.get("sequence") or "",
            map=raw.get("map"),
        )
    return Bank(
        id=data["bank"],
        title=data["title"].strip(),
        path=path,
        objectives=dict(data["objectives"]),
        items=items,
        description=(data.get("description") or "").strip(),
    )


def bank_path(bank_id: str, bank_dir: str | Path | None = None) -> Path:
    return Path(bank_dir or BANK_DIR) / f"{bank_id}.yaml"


def load_bank(bank: str | Path, bank_dir: str | Path | None = None) -> Bank:
    """Load and validate a bank, by id (``"demo"``, looked up in ``bank_dir``) or by path."""
    path = Path(bank)
    if path.suffix not in (".yaml", ".yml"):
        if not isinstance(bank, str) or len(bank) > 60 or not _ID.match(bank):
            raise ExerciseError(
                f"{shorten(repr(bank), 60)} is not a bank id: use lower-case letters, digits "
                "and hyphens (at most 60 characters), e.g. 'demo'"
            )
        path = bank_path(str(bank), bank_dir)
    return _load_cached(path.resolve(), _mtime(path))


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return -1


@lru_cache(maxsize=64)
def _load_cached(path: Path, mtime: float) -> Bank:
    doc = _read_doc(path)
    data = doc.data
    problems = validate_bank_data(data, path, doc)
    if problems:
        raise BankError(path, problems)
    return _build(data, path)


def parse_ref(ref: str) -> tuple[str, str | None]:
    """Split ``"bank/item"`` (or ``"bank"``) and check both ids are well formed."""
    ref = (ref or "").strip() if isinstance(ref, str) or ref is None else ref
    if not isinstance(ref, str) or len(ref) > 121:
        raise ExerciseError(
            f"{shorten(repr(ref), 60)} is not an exercise reference: write bank/item (e.g. demo/oslo-talks) or a bank id alone"
        )
    bank, _, item = ref.partition("/")
    if not _ID.match(bank) or (item and not _ID.match(item)) or ref.count("/") > 1 or (ref.endswith("/")):
        raise ExerciseError(
            f"{shorten(repr(ref), 60)} is not an exercise reference: write bank/item (e.g. demo/oslo-talks) or a bank id alone"
        )
    return bank, item or None


def resolve(ref: str, bank_dir: str | Path | None = None) -> list[Item]:
    """The items a reference names: one item for ``bank/item``, every item for ``bank``."""
    bank_id, item_id = parse_ref(ref)
    bank = load_bank(bank_id, bank_dir)
    return [bank[item_id]] if item_id else list(bank.items.values())


def get_item(ref: str, bank_dir: str | Path | None = None) -> Item:
    """The one item ``bank/item`` names."""
    bank_id, item_id = parse_ref(ref)
    if item_id is None:
        raise ExerciseError(f"{ref!r} names a whole bank; give bank/item for one exercise")
    return load_bank(bank_id, bank_dir)[item_id]


def all_banks(bank_dir: str | Path | None = None) -> list[Path]:
    return sorted(Path(bank_dir or BANK_DIR).glob("*.yaml"))
