"""The course's conflict-mapping notation, read from its one home, ``data/maps/notation.json``.

The file lists the kinds of actor (``nodes``: party, outside party, ourselves, issue) and of line
(``lines``: the relationships a learner chooses, and the issue link the map draws), each with its
words and its style. Every consumer reads it from there: :mod:`.learner` (the builder's checks and
drawing spec), :mod:`tracktwo.workshop.sheets` (the printed mapping legend) and, bundled at build
time, ``js/src/learner_map.js`` (it imports the JSON file); the chapter's table comes from
:func:`notation_table` (the ``{notation-table}`` directive). ``tests/test_notation.py`` checks that each
consumer, and the learner-map schema's kind enum, agree with it.

The file is JSON, which is YAML too: it is read by the course's one checked-YAML loader
(:func:`tracktwo.data.yamlfile.load_checked`) against ``notation.schema.json``, then checked for what a
schema cannot say (ids unique; no two kinds drawn alike). A problem raises :class:`NotationError`
naming the file, the item and the field.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from ..data.paths import DATA_DIR

NOTATION = DATA_DIR / "maps" / "notation.json"
SCHEMA = DATA_DIR / "maps" / "notation.schema.json"
#: How the file's list entries are named in messages (``line kind 'broken', field 'width'``).
NOUNS = {"nodes": "node kind", "lines": "line kind"}
#: The style fields a drawing spec carries (the words ``name`` and ``drawn`` are for printed legends).
NODE_STYLE = ("label", "shape", "border", "fill")
LINE_STYLE = ("label", "line", "width", "broken", "arrow")


class NotationError(ValueError):
    """notation.json cannot be used; the message names the file, the item and the field."""


def notation_problems(data: dict[str, Any]) -> list[str]:
    """What the schema cannot check: unique ids, and no two kinds drawn alike (the notation never
    relies on colour, so each kind must differ by shape, border, line style, bars or arrow)."""
    problems: list[str] = []
    for section, look in (("nodes", ("shape", "border")), ("lines", ("line", "broken", "arrow"))):
        seen: dict[str, int] = {}
        drawn: dict[tuple, str] = {}
        for i, item in enumerate(data[section]):
            where = f"{NOUNS[section]} {i + 1} ('{item['id']}')"
            if item["id"] in seen:
                problems.append(f"{where}, field 'id': '{item['id']}' is used twice in {section}")
            seen[item["id"]] = i
            key = tuple(item.get(k, False) for k in look)
            if key in drawn:
                problems.append(
                    f"{where} is drawn like '{drawn[key]}' ({', '.join(look)}); "
                    "every kind must differ by its style, not by colour alone"
                )
            drawn.setdefault(key, item["id"])
    if not any(line["relationship"] for line in data["lines"]):
        problems.append("lines: no line has relationship true, so a learner could draw no relationship")
    return problems


@cache
def load_notation(path: Path | str = NOTATION) -> dict[str, Any]:
    """notation.json, read and checked (see module doc); the result is shared: do not change it."""
    from ..data.yamlfile import load_checked

    return load_checked(path, SCHEMA, NotationError, nouns=NOUNS, cross=notation_problems)


def kinds() -> tuple[str, ...]:
    """The kinds of relationship a learner chooses, in the table's order (saved in map files)."""
    return tuple(line["id"] for line in load_notation()["lines"] if line["relationship"])


def kind_labels() -> dict[str, str]:
    """Each relationship kind's words on the map and in the builder's menus."""
    return {line["id"]: line["label"] for line in load_notation()["lines"] if line["relationship"]}


def edge_kinds() -> dict[str, dict[str, Any]]:
    """Every line (relationships, then the issue link) as the map spec's ``kinds`` draws it."""
    return {line["id"]: {k: line[k] for k in LINE_STYLE if k in line} for line in load_notation()["lines"]}


def node_types() -> dict[str, dict[str, Any]]:
    """Every kind of node as the map spec's ``nodeTypes`` draws it."""
    return {node["id"]: {k: node[k] for k in NODE_STYLE} for node in load_notation()["nodes"]}


def legend_note() -> str:
    """Said wherever the notation's legend is shown."""
    return load_notation()["note"]


def legend_rows() -> list[dict[str, Any]]:
    """Every node, then every line, for a printed legend: each with ``element`` ("node" or "line"),
    ``name``, ``drawn``, ``meaning`` and its style."""
    data = load_notation()
    return [dict(node, element="node") for node in data["nodes"]] + [dict(line, element="line") for line in data["lines"]]


def notation_table():
    """The notation as a :class:`tracktwo.tables.Table` (element, drawn as, meaning), for the chapter."""
    from ..tables import Table

    return Table(
        caption="The conflict-mapping notation",
        columns=["Element", "Drawn as", "Meaning"],
        rows=[[r["name"], r["drawn"], r["meaning"]] for r in legend_rows()],
        row_ids=[f"{r['element']}-{r['id']}" for r in legend_rows()],
    )
