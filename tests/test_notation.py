"""The conflict-mapping notation has one home, data/maps/notation.json, and every consumer agrees with
it: the Python map code (tracktwo.maps.learner), the JavaScript source and the committed bundles
(learner_map.js imports the file; esbuild inlines it), the learner-map schema's kind enum, the
printed mapping legend and the chapter's table. A bad notation file gives one message naming the
file, the item and the field."""

from __future__ import annotations

import html
import json
import re
import subprocess

import pytest

from support import ROOT, node_or_skip
from tracktwo.maps import learner, notation

FILE = ROOT / "data" / "maps" / "notation.json"
#: Every committed bundle that holds the map builder's notation (rebuilt by tracktwo/maps/js/build.mjs).
BUNDLES = [
    ROOT / "assets/tracktwo/maps/conflict-map.iife.js",
    ROOT / "tracktwo/maps/static/builder.esm.js",
    ROOT / "tracktwo/maps/static/worksheet.esm.js",
]
REBUILD = (
    "rebuild the bundles: cd tracktwo/maps/js && npm ci && node build.mjs, "
    "then .venv/bin/python scripts/vendor_assets.py --record-bundles"
)


def _raw() -> dict:
    """The file as plain JSON, read without the module under test."""
    return json.loads(FILE.read_text(encoding="utf-8"))


def _expected() -> dict:
    """What every consumer must show, derived here from the raw file."""
    raw = _raw()
    rel = [line for line in raw["lines"] if line["relationship"]]
    return {
        "KINDS": [line["id"] for line in rel],
        "KIND_LABELS": {line["id"]: line["label"] for line in rel},
        "EDGE_KINDS": {
            line["id"]: {k: line[k] for k in ("label", "line", "width", "broken", "arrow") if k in line} for line in raw["lines"]
        },
        "NODE_TYPES": {n["id"]: {k: n[k] for k in ("label", "shape", "border", "fill")} for n in raw["nodes"]},
        "LEGEND_NOTE": raw["note"],
    }


# --- The file itself ---------------------------------------------------------------------------


def test_the_notation_file_loads_and_every_kind_is_drawn_differently():
    data = notation.load_notation()
    assert data == _raw()
    assert notation.notation_problems(data) == []
    assert len(notation.kinds()) >= 6 and "influence" in notation.kinds()


@pytest.mark.parametrize(
    "fault, words",
    [
        (lambda d: d["lines"][1].update(line="solid", width=2), ["line kind 2 ('alliance')", "drawn like 'close'"]),
        (lambda d: d["nodes"][1].update(id="inside"), ["node kind 2 ('inside')", "'id'", "used twice"]),
        (lambda d: d["lines"][0].update(width="2"), ["notation.json", "line kind 'close'", "width"]),
        (lambda d: d["lines"][3].pop("label"), ["notation.json", "line kind 'discord'", "label"]),
        (lambda d: d["nodes"][0].update(fill="red"), ["notation.json", "node kind 'inside'", "fill"]),
        (lambda d: [x.update(relationship=False) for x in d["lines"]], ["no line has relationship true"]),
    ],
)
def test_a_bad_notation_file_is_named_with_its_item_and_field(tmp_path, fault, words):
    data = _raw()
    fault(data)
    bad = tmp_path / "notation.json"
    bad.write_text(json.dumps(data, indent=1), encoding="utf-8")
    with pytest.raises(notation.NotationError) as err:
        notation.load_notation(bad)
    for word in words:
        assert word in str(err.value), str(err.value)


def test_a_file_that_is_not_json_or_yaml_is_named(tmp_path):
    bad = tmp_path / "notation.json"
    bad.write_text('{"about": "x", "nodes": [', encoding="utf-8")
    with pytest.raises(notation.NotationError, match="notation.json"):
        notation.load_notation(bad)


# --- Python --------------------------------------------------------------------------------------


def test_the_python_map_code_reads_the_table():
    expected = _expected()
    for name, value in expected.items():
        got = getattr(learner, name)
        assert (list(got) if name == "KINDS" else got) == value, name
    spec = learner.to_spec(learner.empty_map("t", "v", "d"))
    assert spec["kinds"] == expected["EDGE_KINDS"] and spec["nodeTypes"] == expected["NODE_TYPES"]
    assert spec["legendNotes"] == [expected["LEGEND_NOTE"]]
    good = learner.empty_map("t", "v", "d")
    good["actors"] = [dict(id=i, name=i, type="group", power=2, party="inside") for i in ("a", "b")]
    for kind in expected["KINDS"]:
        good["relationships"] = [dict(id="r", source="a", target="b", kind=kind)]
        assert learner.map_problems(good) == [], kind
    good["relationships"] = [dict(id="r", source="a", target="b", kind="issue")]  # drawn by the map, not chosen
    assert learner.map_problems(good)


def test_the_learner_map_schema_kind_enum_is_the_table():
    schema = json.loads((ROOT / "data/maps/learner-map.schema.json").read_text(encoding="utf-8"))
    kind = schema["properties"]["relationships"]["items"]["properties"]["kind"]
    assert kind["enum"] == _expected()["KINDS"], (
        "learner-map.schema.json: relationships' kind enum differs from data/maps/notation.json "
        "(the lines with relationship true, in order)"
    )


# --- JavaScript: the source and every committed bundle ---------------------------------------------

JS_RUNNER = """
import * as L from {module};
process.stdout.write(JSON.stringify({{KINDS: L.KINDS, KIND_LABELS: L.KIND_LABELS, EDGE_KINDS: L.EDGE_KINDS,
  NODE_TYPES: L.NODE_TYPES, LEGEND_NOTE: L.LEGEND_NOTE}}));
"""


def test_the_javascript_source_reads_the_table(tmp_path):
    node = node_or_skip("the notation's JavaScript check")
    runner = tmp_path / "run.mjs"
    runner.write_text(JS_RUNNER.format(module=json.dumps((ROOT / "tracktwo/maps/js/src/learner_map.js").as_uri())))
    proc = subprocess.run([node, str(runner)], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == _expected()
    source = (ROOT / "tracktwo/maps/js/src/learner_map.js").read_text(encoding="utf-8")
    assert 'from "../../../../data/maps/notation.json"' in source
    for line in _raw()["lines"]:  # no second copy of the words in the source
        assert line["label"] not in source, line["label"]


def _object_at(text: str, start: int) -> str:
    """The JavaScript object literal that opens at ``text[start] == '{'`` (strings skipped)."""
    depth, i, quote = 0, start, None
    while i < len(text):
        ch = text[i]
        if quote:
            if ch == "\\":
                i += 1
            elif ch == quote:
                quote = None
        elif ch in "\"'`":
            quote = ch
        elif ch in "{[":
            depth += 1
        elif ch in "}]":
            depth -= 1
            if depth == 0:
                return text[start : i + 1]
        i += 1
    raise AssertionError("unterminated object literal")


def inlined_notation(bundle_text: str) -> list[str]:
    """Every notation object esbuild inlined into a bundle (it starts ``{about:``)."""
    return [_object_at(bundle_text, m.start()) for m in re.finditer(r"\{about:", bundle_text)]


@pytest.mark.parametrize("bundle", BUNDLES, ids=lambda p: p.name)
def test_every_committed_bundle_holds_the_table_as_it_is_now(tmp_path, bundle):
    node = node_or_skip("reading the notation out of the built bundles")
    found = inlined_notation(bundle.read_text(encoding="utf-8"))
    assert len(found) == 1, f"{bundle.name}: expected the notation inlined once, found {len(found)}; {REBUILD}"
    script = tmp_path / "read.cjs"
    script.write_text(f"process.stdout.write(JSON.stringify(({found[0]})));")
    proc = subprocess.run([node, str(script)], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == _raw(), f"{bundle.name} holds an older notation than data/maps/notation.json; {REBUILD}"


def test_the_bundle_reader_finds_a_stale_copy():
    """The reader above sees a change inside the inlined object (so the bundle test can fail)."""
    text = 'var a=1;var n={about:"x",note:"y}",nodes:[{id:"a"}],lines:[]};var b={c:2};'
    assert inlined_notation(text) == ['{about:"x",note:"y}",nodes:[{id:"a"}],lines:[]}']


# --- The printed legend and the chapter --------------------------------------------------------------


def test_the_printed_legend_is_drawn_from_the_table():
    from tracktwo.workshop.sheets import _legend_symbol, mapping_legend_sheet

    body = mapping_legend_sheet().body
    rows = re.findall(r'<tr><td><svg [^>]*>(.*?)</svg></td><th scope="row">(.*?)</th><td>(.*?)</td><td>(.*?)</td></tr>', body)
    want = notation.legend_rows()
    assert [tuple(html.unescape(x) for x in r[1:]) for r in rows] == [(w["name"], w["drawn"], w["meaning"]) for w in want]
    assert [r[0] for r in rows] == [_legend_symbol(w) for w in want]
    assert len({r[0] for r in rows}) == len(rows), "two elements share one printed symbol"


def test_the_chapter_table_is_drawn_from_the_table():
    chapter = (ROOT / "book/mapping/build-a-map.md").read_text(encoding="utf-8")
    assert "```{notation-table}\n```" in chapter
    for row in notation.legend_rows():  # no hand-written copy of the table left in the chapter
        assert f"| {row['name']} |" not in chapter, row["name"]
    table = notation.notation_table()
    assert table.rows == [[r["name"], r["drawn"], r["meaning"]] for r in notation.legend_rows()]
    assert len(table.row_ids) == len(set(table.row_ids)) == len(table.rows)
