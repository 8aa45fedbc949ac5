"""The one checked-YAML loader: every YAML file of the course (content, workshop, maps) is read and
checked here, with messages a course author can act on.

* :func:`load_checked` reads a file through :mod:`.safe_yaml` (size, depth, anchors, duplicate and
  non-text keys are checked before any value is built), validates it against its JSON Schema and
  raises the caller's error class on the first problem in document order, naming the file, the item
  (by its id where it has one: ``plan 'half-day', block 3``), the field and the line, in plain words
  (``must be a list``, not ``is not of type 'array'``), with a quoting hint where YAML read a value
  as a number, boolean or date.
* :func:`check_schema` does the schema half for a document already read; :func:`items_label` and
  :func:`id_label` turn a schema error's path into the item's name.
"""

from __future__ import annotations

import itertools
import json
from functools import cache
from pathlib import Path
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from .problems import shorten
from .safe_yaml import YamlDocument, YamlProblem, read_yaml_document, scalar_hint

if TYPE_CHECKING:  # imported where a file is checked (jsonschema builds a URL grammar: about 1.5 s)
    import jsonschema


def read_document(path: Path, error: type[Exception]) -> YamlDocument:
    """The parsed file with its node tree (for line numbers); any problem raises ``error``."""
    path = Path(path)
    shown = path.name
    try:
        return read_yaml_document(path)
    except FileNotFoundError:
        raise error(f"{shown}: file not found ({path})") from None
    except YamlProblem as exc:
        raise error(f"{shown}: {exc}") from None


def read_yaml(path: Path, error: type[Exception]) -> Any:
    """The parsed file; a missing, unreadable or unparsable file raises ``error`` naming the file."""
    return read_document(path, error).data


def read_mapping(path: Path, keys: Iterable[str], error: type[Exception]) -> dict[str, Any]:
    """The file's top-level mapping, which must have exactly ``keys``; any problem raises ``error``
    with a message naming the file."""
    raw = read_yaml(path, error)
    wanted = list(keys)
    if not isinstance(raw, dict) or set(raw) != set(wanted):
        names = ", ".join(f"'{k}'" for k in wanted)
        raise error(f"{path.name}: the file must be a mapping with exactly these keys: {names}")
    return raw


def citation_keys(data_dir: Path) -> set[str]:
    """Every citation key of the bibliography in ``data_dir`` (references.bib)."""
    from .bibtex import load_references

    return set(load_references(data_dir)["key"])


@cache
def load_schema(path: str) -> dict[str, Any]:
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


def schema_message(
    error: jsonschema.ValidationError, label: Callable[[Sequence[Any]], tuple[str, list]], doc: YamlDocument | None = None
) -> str:
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
    expects_text = isinstance(error.schema, dict) and (
        error.schema.get("type") == "string" or "pattern" in error.schema or "minLength" in error.schema
    )
    if error.validator == "required" and custom is None:
        missing = error.message.split("'")[1] if "'" in error.message else "?"
        rest = rest + [missing]
        what = "missing"
    elif error.validator == "additionalProperties" and custom is None:
        allowed = set(error.schema.get("properties") or {})
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
        found = {
            dict: "a mapping",
            list: "a list",
            str: "text",
            type(None): "no value (the file or field is empty)",
            bool: "a boolean",
            int: "a number",
            float: "a number",
        }.get(type(instance), type(instance).__name__)
        expected = error.validator_value
        expected = (
            {"object": "a mapping (key: value lines)", "array": "a list (lines starting with '- ')", "string": "text"}.get(
                expected, expected
            )
            if isinstance(expected, str)
            else expected
        )
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


def check_schema(raw: Any, content_path: Path, schema_file: Path, label, error: type[Exception], *, registry: Any = None) -> None:
    """Validate ``raw`` (data or a YamlDocument) against ``schema_file``; raise ``error`` naming
    ``content_path`` on the first problem in document order."""
    import jsonschema

    doc = _doc_of(raw)
    data = doc.data
    if data is None:
        raise error(f"{content_path.name}: the file is empty (it should be a mapping of key: value lines)")
    schema = load_schema(str(schema_file))
    validator = jsonschema.Draft202012Validator(schema, **({"registry": registry} if registry is not None else {}))
    found = list(itertools.islice(validator.iter_errors(data), _MAX_SCHEMA_ERRORS))
    if not found:
        return

    def order(e: jsonschema.ValidationError) -> tuple:
        line = doc.line_of(_line_path(e)) if doc.node is not None else None
        # document order; at one place, the innermost (most specific) error first
        return (line or 0, -len(e.absolute_path), str(e.validator))

    first = min(found, key=order)
    if first.context:  # oneOf/anyOf: report the branch that nearly fits, not "valid under none"
        first = jsonschema.exceptions.best_match([first])
    raise error(f"{content_path.name}: {schema_message(first, label, doc)}")


def id_label(data: Any, nouns: dict[str, str] | None = None) -> Callable[[Sequence[Any]], tuple[str, list]]:
    """A label function for nested lists of mappings: each list entry is named by its parent key's
    noun and its ``id`` (``plan 'half-day', block 3``); what follows the last list entry is the field."""
    nouns = nouns or {}

    def label(path: Sequence[Any]) -> tuple[str, list]:
        out: list[str] = []
        node, consumed = data, 0
        for i, part in enumerate(path):
            if isinstance(part, int) and isinstance(node, list):
                entry = node[part] if part < len(node) else None
                ident = entry.get("id") if isinstance(entry, dict) else None
                parent = str(path[i - 1]) if i else "entry"
                noun = nouns.get(parent, f"{parent} entry")
                out.append(f"{noun} {short_text(ident, 40)}" if isinstance(ident, str) else f"{noun} {part + 1}")
                node, consumed = entry, i + 1
            else:
                node = node.get(part) if isinstance(node, dict) else None
        return ", ".join(out), list(path[consumed:])

    return label


def load_checked(
    path: Path | str,
    schema_file: Path | str,
    error: type[Exception],
    *,
    label: Callable[[Sequence[Any]], tuple[str, list]] | None = None,
    nouns: dict[str, str] | None = None,
    registry: Any = None,
    cross: Callable[[Any], list[str]] | None = None,
) -> Any:
    """The file's data, read safely and checked against ``schema_file``; the first problem raises
    ``error`` naming the file, the item, the field and the line. ``cross`` checks what a schema cannot
    (ids that must exist or differ, rules across items): its problems, if any, raise ``error`` as one
    message naming the file."""
    path = Path(path)
    doc = read_document(path, error)
    check_schema(doc, path, Path(schema_file), label or id_label(doc.data, nouns), error, registry=registry)
    problems = cross(doc.data) if cross else []
    if problems:
        raise error(f"{path.name}: " + "; ".join(problems))
    return doc.data
