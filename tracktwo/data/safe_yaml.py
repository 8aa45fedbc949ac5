"""The one YAML reader for every course file (levels, scenario cards, exercise banks, maps).

Plain ``yaml.safe_load`` keeps the last of two equal keys without a word, expands anchors and
aliases without limit (a "billion laughs" file of a few hundred bytes grows to gigabytes), recurses
once per level of nesting (20,000 ``[`` end in ``RecursionError``) and turns ``yes``, ``no``,
``on`` and ``off`` into booleans. This reader:

* refuses a file larger than :data:`MAX_YAML_BYTES` before reading it into memory;
* decodes UTF-8 and names the line and column of the first byte that is not UTF-8;
* scans the tokens (libyaml when installed, so the scan is fast) and refuses anchors and aliases
  and nesting deeper than :data:`MAX_DEPTH`, all *before* building any Python object;
* refuses duplicate keys and keys that are not strings (``yes:`` or ``1962:`` unquoted);
* keeps the parsed node tree, so a caller can name the line of any value and the author's own
  spelling of it (:meth:`YamlDocument.line_of`, :meth:`YamlDocument.source_of`), and explain
  YAML 1.1 words read as booleans (:func:`scalar_hint`).

Every problem raises :class:`YamlProblem` (a ``ValueError``) with ``line``, ``column`` and a message
that never repeats more than :data:`tracktwo.data.problems.SHOWN_CHARS` characters of the file.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from collections.abc import Sequence

import yaml

from .limits import MAX_DEPTH, MAX_YAML_BYTES, MAX_YAML_VALUES
from .problems import shorten

_BASE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

#: Plain words YAML 1.1 reads as booleans or null, which authors usually mean as words.
_YAML11_WORDS = re.compile(r"(?i:y|n|yes|no|on|off|true|false|null|~)")


class YamlProblem(ValueError):
    """A YAML file cannot be read. ``line``/``column`` are 1-based (None when not known)."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None):
        self.line, self.column, self.reason = line, column, message
        where = f"line {line}" + (f", column {column}" if column else "") + ": " if line else ""
        super().__init__(where + message)


# ------------------------------------------------------------------------------------------------
# Reading the bytes
# ------------------------------------------------------------------------------------------------


def read_text_bounded(path: Path, limit: int, what: str = "file") -> str:
    """The file's text (UTF-8, a leading BOM dropped); raises YamlProblem/OSError-free messages.

    Refuses a directory, an unreadable file, one larger than ``limit`` bytes and bytes that are not
    UTF-8 (naming line and column). Raises ``FileNotFoundError`` for a missing file so callers can
    word that case themselves.
    """
    path = Path(path)
    try:
        if path.is_dir():
            raise YamlProblem(f"is a folder, not a {what}")
        size = path.stat().st_size
    except FileNotFoundError:
        raise
    except OSError as exc:
        raise YamlProblem(f"cannot be read ({exc.strerror or type(exc).__name__})") from None
    if size > limit:
        raise YamlProblem(f"is {size:,} bytes; a course {what} may be at most {limit:,} bytes (is this the right file?)")
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise
    except OSError as exc:
        raise YamlProblem(f"cannot be read ({exc.strerror or type(exc).__name__})") from None
    return decode_utf8(raw)


def decode_utf8(raw: bytes) -> str:
    """UTF-8 text (BOM dropped) or a YamlProblem naming the line and column of the first bad byte."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        byte = raw[exc.start : exc.start + 1].hex().upper()
        guess = " (it looks like Latin-1 or Windows-1252)" if 0x80 <= raw[exc.start] <= 0xFF else ""
        raise YamlProblem(f"byte 0x{byte} is not UTF-8{guess}: save the file as UTF-8", line, column) from None
    return text[1:] if text.startswith("\ufeff") else text


# ------------------------------------------------------------------------------------------------
# Parsing
# ------------------------------------------------------------------------------------------------


def _mark(mark: Any) -> tuple[int | None, int | None]:
    return (mark.line + 1, mark.column + 1) if mark is not None else (None, None)


_HINTS = (
    ("control characters are not allowed", "the file contains a control character such as a NUL byte: delete it"),
    ("special characters are not allowed", "the file contains a control character such as a NUL byte: delete it"),
    ("exceeded maximum nesting depth", f"lists or mappings may nest at most {MAX_DEPTH} levels deep: is a bracket never closed?"),
    ("mapping values are not allowed", "a value containing ': ' must be put in quotes"),
    ("found unexpected ':'", "a value containing ': ' must be put in quotes"),
    ("could not find expected ':'", "check the indentation, or put a value containing ': ' in quotes"),
    ("found undefined alias", "anchors and aliases (& and *) are not allowed in course files"),
    ("found unknown escape character", "inside double quotes a backslash starts an escape: use single quotes, or write \\\\"),
)


def _syntax(exc: yaml.YAMLError, text: str) -> YamlProblem:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line, column = _mark(mark)
    if isinstance(exc, yaml.reader.ReaderError):
        pos = min(max(exc.position, 0), len(text))
        line = text.count("\n", 0, pos) + 1
        column = pos - (text.rfind("\n", 0, pos) + 1) + 1
        problem = exc.reason
    else:
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    problem = shorten(str(problem), 120)
    hint = next((h for needle, h in _HINTS if needle in problem), None)
    if hint is None and mark is not None and 0 <= mark.index < len(text) and text[mark.index] == "\t":
        hint = "a tab: use spaces, not tabs, to indent"
    return YamlProblem(f"is not valid YAML: {problem}" + (f" ({hint})" if hint else ""), line, column)


def _scan(text: str) -> None:
    """Walk the tokens once: refuse anchors, aliases and deep nesting before anything is built."""
    loader = _BASE_LOADER(text)
    depth = values = 0
    scalar = yaml.ScalarToken
    try:
        while True:
            token = loader.get_token()
            if token is None or isinstance(token, yaml.StreamEndToken):
                break
            if type(token) is scalar:
                values += 1
                if values > MAX_YAML_VALUES:
                    line, column = _mark(token.start_mark)
                    raise YamlProblem(
                        f"has more than {MAX_YAML_VALUES:,} values; a course file has a few "
                        "thousand at most (is this the right file?)",
                        line,
                        column,
                    )
                continue
            if isinstance(token, (yaml.AnchorToken, yaml.AliasToken)):
                line, column = _mark(token.start_mark)
                kind = "an anchor (&)" if isinstance(token, yaml.AnchorToken) else "an alias (*)"
                raise YamlProblem(
                    f"uses {kind}: anchors and aliases are not allowed in course files (write the value out in full)",
                    line,
                    column,
                )
            if isinstance(
                token,
                (
                    yaml.BlockMappingStartToken,
                    yaml.BlockSequenceStartToken,
                    yaml.FlowMappingStartToken,
                    yaml.FlowSequenceStartToken,
                ),
            ):
                depth += 1
                if depth > MAX_DEPTH:
                    line, column = _mark(token.start_mark)
                    raise YamlProblem(
                        f"nests lists or mappings more than {MAX_DEPTH} levels deep (is a bracket never closed?)", line, column
                    )
            elif isinstance(token, (yaml.BlockEndToken, yaml.FlowMappingEndToken, yaml.FlowSequenceEndToken)):
                depth -= 1
    except yaml.YAMLError as exc:
        raise _syntax(exc, text) from None
    finally:
        loader.dispose()


def _key_problem(node: yaml.Node, value: Any) -> YamlProblem:
    line, column = _mark(node.start_mark)
    word = shorten(str(node.value), 40)
    if isinstance(value, bool) or value is None:
        meaning = "an empty value" if value is None else f"the boolean {str(value).lower()}"
        return YamlProblem(
            f"the key {word} is read by YAML as {meaning}, not as text: write it in quotes, '{word}'", line, column
        )
    kind = {int: "a number", float: "a number"}.get(type(value), f"a {type(value).__name__}")
    return YamlProblem(f"the key {word} is read by YAML as {kind}, not as text: write it in quotes, '{word}'", line, column)


class _Loader(_BASE_LOADER):  # type: ignore[misc, valid-type]
    """SafeLoader with duplicate and non-text keys refused."""


def _construct_mapping(loader: _Loader, node: yaml.MappingNode, deep: bool = False) -> dict:
    seen: dict[Any, int] = {}
    for key_node, _ in node.value:
        if key_node.tag == "tag:yaml.org,2002:merge":
            line, column = _mark(key_node.start_mark)
            raise YamlProblem("uses a merge key (<<): not allowed in course files", line, column)
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str):
            raise _key_problem(key_node, key)
        if key in seen:
            line, column = _mark(key_node.start_mark)
            raise YamlProblem(
                f"duplicate key '{shorten(key, 40)}' (first at line {seen[key]}): the same "
                "key twice in one mapping, and YAML would silently keep only the last",
                line,
                column,
            )
        seen[key] = key_node.start_mark.line + 1
    return loader.construct_mapping(node, deep=deep)


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


@dataclass
class YamlDocument:
    """A parsed YAML file: ``data`` (plain Python) and ``node`` (the node tree, for lines)."""

    data: Any
    node: yaml.Node | None

    def _walk(self, path: Sequence[Any]) -> tuple[yaml.Node | None, bool]:
        node = self.node
        for step in path:
            if isinstance(node, yaml.MappingNode):
                nxt = next((v for k, v in node.value if k.value == step), None)
                if nxt is None:
                    return node, False
                node = nxt
            elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
                node = node.value[step]
            else:
                return node, False
        return node, True

    def node_at(self, path: Sequence[Any]) -> yaml.Node | None:
        """The node at a JSON-Schema-style path (keys and list indexes); the nearest parent if absent."""
        return self._walk(path)[0]

    def line_of(self, path: Sequence[Any]) -> int | None:
        node = self.node_at(path)
        return node.start_mark.line + 1 if node is not None else None

    def source_of(self, path: Sequence[Any]) -> str | None:
        """The author's own spelling of the scalar at ``path`` (None for a list or mapping)."""
        node, exact = self._walk(path)
        if exact and isinstance(node, yaml.ScalarNode) and not node.style:
            return node.value
        return None

    def hint_at(self, path: Sequence[Any], value: Any) -> str:
        """Why a value that should be text is not, in the author's own words ('' if no guess)."""
        return scalar_hint(value, self.source_of(path))


def scalar_hint(value: Any, source: str | None) -> str:
    """``yes`` -> "yes is read by YAML as the boolean true: write 'yes' in quotes if you mean the word"."""
    if isinstance(value, str) or isinstance(value, (list, dict)):
        return ""
    word = shorten(source if source is not None else str(value), 40)
    if isinstance(value, bool):
        return f"{word} is read by YAML as the boolean {str(value).lower()}: write '{word}' in quotes if you mean the word"
    if value is None:
        return f"{word or 'an empty value'} is read by YAML as 'no value': write some text, or put it in quotes"
    if isinstance(value, (int, float)):
        return f"{word} is read by YAML as a number: write '{word}' in quotes if you mean text"
    if isinstance(value, (_dt.date, _dt.datetime)):
        return f"{word} is read by YAML as a date: write '{word}' in quotes if you mean text"
    return ""


def parse_yaml(text: str) -> YamlDocument:
    """Parse YAML text safely (see the module docstring); raises YamlProblem."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_YAML_BYTES:
        raise YamlProblem(f"is more than {MAX_YAML_BYTES:,} bytes long; a course file may be at most that")
    _scan(text)
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except YamlProblem:
        raise
    except yaml.YAMLError as exc:
        raise _syntax(exc, text) from None
    except RecursionError:  # belt and braces: _scan bounds the depth first
        raise YamlProblem(f"nests lists or mappings too deeply (at most {MAX_DEPTH} levels)") from None
    finally:
        loader.dispose()
    return YamlDocument(data, node)


def read_yaml_document(path: Path | str) -> YamlDocument:
    """Read and parse a YAML file; raises FileNotFoundError (missing) or YamlProblem (anything else)."""
    return parse_yaml(read_text_bounded(Path(path), MAX_YAML_BYTES, "YAML file"))
