"""Random malformed copies (fixed seeds, so a failure can be replayed): whatever is done to a file, its
loader raises the course's own error with a short message, or loads it; never another exception.

Two kinds of damage: bytes (deleted, inserted from a list of troublesome tokens, or overwritten) and
structure (a value in the parsed file replaced by a value of another type, or a key removed).
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
import yaml

from malformed_cases import fresh_copy
from test_malformed import MAX_MESSAGE, run_loader
from tracktwo.data import DEFAULT_DATA_DIR, DataError
from tracktwo.data.content import ContentError
from tracktwo.exercises import ExerciseError

FILES = {
    "periods.csv": "periods",
    "events.csv": "events",
    "actors.csv": "actors",
    "relations.csv": "relations",
    "institutions.csv": "institutions",
    "glossary.csv": "glossary",
    "datapackage.json": "all",
    "references.bib": "bib",
    "part1_levels.yaml": "levels",
    "ripeness_scenarios.yaml": "scenarios",
    "exercises/demo.yaml": "bank:demo",
    "exercises/part1-aims.yaml": "bank:part1-aims",
}
TOKENS = [
    b'"',
    b",",
    b";",
    b"\n",
    b"{",
    b"}",
    b"[",
    b"]",
    b":",
    b"- ",
    b"&a ",
    b"*a",
    b"\x00",
    b"\xe9",
    b"yes",
    b"\t",
    b"@",
    b"#",
    b"null",
    b"\\",
    b"'",
    b"<<: *a",
    b"\r",
    b"\xef\xbb\xbf",
    b"!!binary ",
]
VALUES = [None, 1, True, "", "x", [], {}, [1], {"a": 1}, [[]], "Q" * 5000, -1, 3.5, ["a", "a"]]
STRUCTURED = [name for name in FILES if not name.endswith((".csv", ".bib"))]


def _check(name: str, d: Path) -> None:
    try:
        run_loader(FILES[name], d)
    except (DataError, ContentError, ExerciseError) as err:
        message = str(err)
        assert len(message) <= MAX_MESSAGE and "could not be checked" not in message, message[:1000]


@pytest.mark.parametrize("seed", range(60))
def test_damaged_bytes_give_a_course_error_or_load(seed, tmp_path):
    rnd = random.Random(seed)
    name = rnd.choice(sorted(FILES))
    d = fresh_copy(DEFAULT_DATA_DIR, tmp_path / "data")
    raw = bytearray((d / name).read_bytes())
    for _ in range(rnd.randint(1, 3)):
        pos, op = rnd.randrange(len(raw)), rnd.random()
        if op < 0.33:
            del raw[pos : pos + rnd.randint(1, 40)]
        elif op < 0.66:
            raw[pos:pos] = rnd.choice(TOKENS)
        else:
            raw[pos : pos + 1] = bytes([rnd.randrange(256)])
    (d / name).write_bytes(bytes(raw))
    _check(name, d)


def _paths(obj, path=()):
    yield path
    items = obj.items() if isinstance(obj, dict) else enumerate(obj) if isinstance(obj, list) else ()
    for key, value in items:
        yield from _paths(value, path + (key,))


@pytest.mark.parametrize("seed", range(60))
def test_damaged_structure_gives_a_course_error_or_loads(seed, tmp_path):
    rnd = random.Random(1000 + seed)
    name = rnd.choice(STRUCTURED)
    d = fresh_copy(DEFAULT_DATA_DIR, tmp_path / "data")
    path = d / name
    data = json.loads(path.read_text(encoding="utf-8")) if name.endswith(".json") else yaml.safe_load(path.read_text())
    where = rnd.choice(list(_paths(data)))
    value = rnd.choice(VALUES)
    if not where:
        data = value
    else:
        parent = data
        for step in where[:-1]:
            parent = parent[step]
        if isinstance(parent, dict) and rnd.random() < 0.2:
            del parent[where[-1]]
        else:
            parent[where[-1]] = value
    path.write_text(json.dumps(data) if name.endswith(".json") else yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    _check(name, d)
