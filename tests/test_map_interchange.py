"""A learner's map in practitioners' tools (tracktwo/maps/interchange.py and its JS twin js/src/interchange.js).

- Every export is read by networkx (GraphML, GEXF) and valid against the format's schema: the GraphML 1.0
  and GEXF 1.3 XSDs vendored in tests/schemas/ (checked against SHA256SUMS, never fetched), and the Kumu
  blueprint schema data/maps/kumu-blueprint.schema.json.
- GraphML comes back as the same map; a broken file gives one message naming the file, the element and
  the field, never a traceback; a DOCTYPE or entity is refused.
- The JS twin (run by Node) writes byte-identical GraphML, GEXF and Kumu JSON and reads GraphML back to
  the same map, or the same message (for XML that is not well formed, the same start: the two parsers
  may place the fault differently).
"""

from __future__ import annotations

import copy
import hashlib
import io
import json
import random
import re
import subprocess

import jsonschema
import networkx as nx
import pytest
import xmlschema

from support import ROOT, node_or_skip
from test_map_builder import random_map
from tracktwo.data.learner_files import LearnerFileError
from tracktwo.maps import interchange, learner

SCHEMAS = ROOT / "tests/schemas"
KUMU_SCHEMA = json.loads((ROOT / "data/maps/kumu-blueprint.schema.json").read_text(encoding="utf-8"))
JS = ROOT / "tracktwo/maps/js/src/interchange.js"


def _maps(seed: int = 31, n: int = 120) -> list[dict]:
    rng = random.Random(seed)
    out = [random_map(rng) for _ in range(n)]
    tricky = random_map(random.Random(7), 6, 9)
    tricky["title"] = 'Map "A" & <B>, line\none'
    tricky["notes"] = "Tabs\tand\r\nbreaks; a stray \x01 control; emoji \U0001f600; Burmese \u1019\u103c\u1014\u103a\u1019\u102c"
    tricky["actors"][0].update(name="  spaced  name  ", x=0.1 + 0.2, y=-100000)
    tricky["actors"][1].update(name="Ko &amp; Ma", x=1e-7, y=99999.999)
    out.append(tricky)
    return out


def _expected_back(m: dict) -> dict:
    """What reading a GraphML export back gives: the map, with characters XML 1.0 cannot hold as U+FFFD."""
    text = json.dumps(m)
    return json.loads(re.sub(r"\\u000[0-8]|\\u000[bcef]|\\u001[0-9a-f]", "\\\\ufffd", text))


# --- the vendored schemas -------------------------------------------------------------------------


def test_vendored_schemas_are_the_recorded_files():
    listed = {}
    for line in (SCHEMAS / "SHA256SUMS").read_text(encoding="utf-8").splitlines():
        digest, name = line.split(maxsplit=1)
        listed[name] = digest
    assert set(listed) == {p.relative_to(SCHEMAS).as_posix() for p in SCHEMAS.glob("*/*.xsd")}
    for name, digest in listed.items():
        assert hashlib.sha256((SCHEMAS / name).read_bytes()).hexdigest() == digest, f"{name} changed: record its source and hash"
    readme = (SCHEMAS / "README.md").read_text(encoding="utf-8")
    for word in ("codaco/graphml-schemas", "gephi/gexf", "Creative Commons Attribution 4.0", "31cd747", "ce89bb7"):
        assert word in readme


@pytest.fixture(scope="module")
def graphml_schema():
    return xmlschema.XMLSchema(str(SCHEMAS / "graphml-1.0/graphml.xsd"))


@pytest.fixture(scope="module")
def gexf_schema():
    return xmlschema.XMLSchema(str(SCHEMAS / "gexf-1.3/gexf.xsd"))


def gexf_for_xsd(text: str) -> str:
    """The published GEXF 1.3 XSD declares viz's elements in the GEXF namespace (tests/schemas/README.md):
    the export with its viz: elements moved there, for validation; everything else as written."""
    moved = re.sub(r"<viz:(\w+)", r"<\1", text)
    assert moved.count("<position") == text.count("<viz:position")
    return moved


# --- exports: read by networkx, valid against the schemas ------------------------------------------


def test_every_export_is_valid_and_networkx_reads_it(graphml_schema, gexf_schema):
    maps = _maps()
    kumu = jsonschema.Draft202012Validator(KUMU_SCHEMA)
    jsonschema.Draft202012Validator.check_schema(KUMU_SCHEMA)
    placed = 0
    for m in maps:
        g = interchange.to_graphml(m)
        graphml_schema.validate(g)
        G = nx.read_graphml(io.BytesIO(g.encode("utf-8")))
        links = sum(len(s["actors"]) for s in m["issues"])
        assert G.number_of_nodes() == len(m["actors"]) + len(m["issues"])
        assert G.number_of_edges() == len(m["relationships"]) + links
        assert G.graph["title"] == m["title"].replace("\x01", "\ufffd") and G.graph["date"] == m["date"]
        for a in m["actors"]:
            node = G.nodes[a["id"]]
            assert (node["power"], node["party"], node["type"], node["kind"]) == (a["power"], a["party"], a["type"], "actor")
            if "x" in a:
                assert node["x"] == pytest.approx(a["x"]) and node["y"] == pytest.approx(a["y"])
                placed += 1
        for r in m["relationships"]:
            assert G.has_edge(r["source"], r["target"])
        kinds = {d["kind"] for _, _, d in G.edges(data=True)}
        assert kinds <= set(learner.KINDS) | {"issue"}
        if any(r["kind"] == "influence" for r in m["relationships"]):
            assert any(d["direction"] == "one-way" for _, _, d in G.edges(data=True))

        x = interchange.to_gexf(m)
        gexf_schema.validate(gexf_for_xsd(x))
        H = nx.read_gexf(io.BytesIO(x.encode("utf-8")))
        assert H.number_of_nodes() == G.number_of_nodes() and H.number_of_edges() == G.number_of_edges()
        for a in m["actors"]:
            node = H.nodes[a["id"]]
            assert node["label"] == a["name"].strip() or " " in a["name"]  # GEXF's label is an xs:token
            assert node["power"] == a["power"]
            if "x" in a:
                assert node["viz"]["position"]["x"] == pytest.approx(a["x"])
                assert node["viz"]["position"]["y"] == pytest.approx(-a["y"])  # Gephi's y grows upwards

        k = json.loads(interchange.to_kumu(m))
        kumu.validate(k)
        ids = {e["id"] for e in k["elements"]}
        assert all(c["from"] in ids and c["to"] in ids for c in k["connections"])
        assert all(e["Map"] == m["title"] and e["Viewpoint"] == m["viewpoint"] for e in k["elements"])
        assert len(k["connections"]) == G.number_of_edges()
    assert placed > 50


def test_the_schemas_and_networkx_refuse_a_broken_export(graphml_schema, gexf_schema):
    """The checks above can fail: an edge to a node that is not there, and a node without its id."""
    m = random_map(random.Random(5), 4, 3)
    g = interchange.to_graphml(m).replace(f'target="{m["relationships"][0]["target"]}"', 'target="ghost"', 1)
    with pytest.raises(xmlschema.XMLSchemaValidationError):
        graphml_schema.validate(g)
    x = re.sub(r'<node id="[^"]+"', "<node", interchange.to_gexf(m), count=1)
    with pytest.raises(xmlschema.XMLSchemaValidationError):
        gexf_schema.validate(gexf_for_xsd(x))
    k = json.loads(interchange.to_kumu(m))
    k["connections"][0]["direction"] = "sideways"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(k, KUMU_SCHEMA)


# --- GraphML back -------------------------------------------------------------------------------------


def test_graphml_comes_back_as_the_same_map():
    for m in _maps():
        assert interchange.from_graphml("m.graphml", interchange.to_graphml(m)) == _expected_back(m)
    v1 = learner.empty_map("T", "v", "d")  # a map never placed: no positions either way
    assert interchange.from_graphml("m.graphml", interchange.to_graphml(v1).encode("utf-8")) == v1


def _bad_cases() -> list[tuple[str, str, str]]:
    """(file name, text, what its message must say) for broken GraphML files."""
    m = random_map(random.Random(11), 4, 4)
    m["issues"] = [{"id": "i0", "label": "land", "actors": ["a1"]}]
    good = interchange.to_graphml(m)
    first_rel = m["relationships"][0]["id"]
    lines = good.split("\n")
    return [
        ("cut.graphml", good[: len(good) // 2], "not well-formed XML (line"),
        ("tags.graphml", good.replace("</node>", "</nod>", 1), "not well-formed XML (line"),
        ("empty.graphml", "  \n", "the file is empty"),
        (
            "laughs.graphml",
            '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]>\n<graphml>&lol2;</graphml>',
            "line 2: the file declares a document type or entities (<!DOCTYPE)",
        ),
        (
            "external.graphml",
            '<?xml version="1.0"?>\n<!doctype graphml SYSTEM "file:///etc/passwd">\n<graphml/>',
            "line 2: the file declares a document type or entities",
        ),
        ("entity.graphml", good.replace("<desc>A conflict", "<desc>&nbsp;A conflict"), "line 3: the file uses an entity"),
        ("no-id.graphml", good.replace('<node id="a2">', "<node>", 1), "node 3: attribute 'id' is missing"),
        (
            "ghost.graphml",
            good.replace(f'<edge id="{first_rel}" source="', f'<edge id="{first_rel}" source="ghost" x="', 1),
            f'edge 1 (id "{first_rel}") field "source": "ghost" is not a node in this file',
        ),
        (
            "power.graphml",
            re.sub(r'(<node id="a1">(?:(?!</node>).)*<data key="n_power">)\d', r"\g<1>9", good, count=1, flags=re.S),
            'node 2 (id "a1") field \'power\' is 9, not a whole number from 1 to 5',
        ),
        (
            "label.graphml",
            re.sub(r'(<node id="a0">\s*<data key="n_label">)[^<]*', r"\1", good, count=1),
            'node 1 (id "a0") field \'label\' is missing or empty',
        ),
        ("kind.graphml", good.replace('<data key="e_kind">', '<data key="e_kind">x', 1), 'edge 1 (id "'),
        (
            "title.graphml",
            re.sub(r'<data key="g_title">[^<]*', '<data key="g_title">', good),
            'the graph field "title" is missing or empty',
        ),
        (
            "twice.graphml",
            good.replace('<node id="a1">', '<node id="a0">', 1),
            'node 2 (id "a0") field \'id\': "a0" is used twice',
        ),
        (
            "root.graphml",
            '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>',
            "the top element is <{http://www.w3.org/2000/svg}svg>",
        ),
        ("nograph.graphml", "\n".join(lines[:2] + lines[-2:]), "no <graph> element"),
        (
            "key.graphml",
            good.replace('<data key="n_party">', '<data key="zz">', 1),
            'node 1 (id "a0"): <data key="zz"> names no <key>',
        ),
        (
            "link.graphml",
            good.replace('source="i0" target="a1"', 'source="a1" target="i0"', 1),
            'an issue link goes from an issue to an actor, not from "a1" to "i0"',
        ),
        ("binary.graphml", "\udcff", "the file is not UTF-8 text"),
    ]


def test_a_broken_graphml_file_gets_one_message_naming_file_element_and_field():
    for name, text, said in _bad_cases():
        raw = text.encode("utf-8", "surrogateescape")
        with pytest.raises(LearnerFileError) as caught:
            interchange.from_graphml(name, raw)
        message = str(caught.value)
        assert message.startswith(f"{name}: "), message
        assert said in message, (name, message)
        assert "Traceback" not in message and "\n" not in message


def test_no_damage_to_a_graphml_file_escapes_as_anything_but_the_message():
    rng = random.Random(2031)
    good = [interchange.to_graphml(m) for m in _maps(4, 40)]
    for text in good:
        for _ in range(12):
            i = rng.randrange(len(text))
            broken = rng.choice(
                [
                    text[:i],
                    text[:i] + text[i + rng.randint(1, 30) :],
                    text[:i] + rng.choice(["<", ">", "&", '"', "</x>", "<!--", "]]>", "&#0;", "&#x110000;", "<a:b>"]) + text[i:],
                ]
            )
            try:
                interchange.from_graphml("d.graphml", broken)
            except LearnerFileError as err:
                assert str(err).startswith("d.graphml: ")


# --- the JS twin (Node) ------------------------------------------------------------------------------

RUNNER = """
import * as X from {module};
import {{ readFileSync }} from "node:fs";
const input = JSON.parse(readFileSync(process.argv[2], "utf8"));
const attempt = (f) => {{ try {{ return {{ ok: f() }}; }} catch (e) {{ return {{ error: e.message, known: e.name === "Error" && e.constructor.name === "LearnerMapError" }}; }} }};
const out = {{
  graphml: input.maps.map((m) => X.toGraphml(m)),
  gexf: input.maps.map((m) => X.toGexf(m)),
  kumu: input.maps.map((m) => X.toKumu(m)),
  back: input.maps.map((m) => X.fromGraphml("m.graphml", X.toGraphml(m))),
  pyBack: input.pyGraphml.map((t) => X.fromGraphml("m.graphml", t)),
  bad: input.bad.map(([name, text]) => attempt(() => X.fromGraphml(name, text))),
  damaged: input.damaged.map((text) => attempt(() => X.fromGraphml("d.graphml", text))),
}};
process.stdout.write(JSON.stringify(out));
"""


def test_javascript_twin_writes_the_same_bytes_and_reads_the_same_map(tmp_path):
    node = node_or_skip("the interchange parity check")
    maps = _maps()
    bad = [(n, t) for n, t, _ in _bad_cases() if n != "binary.graphml"]
    rng = random.Random(77)
    damaged = []
    for text in [interchange.to_graphml(m) for m in maps[:30]]:
        i = rng.randrange(len(text))
        damaged += [text[:i], text[:i] + text[i + 9 :], text.replace('source="a', 'source="b', 1)]
    data = {"maps": maps, "pyGraphml": [interchange.to_graphml(m) for m in maps], "bad": bad, "damaged": damaged}
    (tmp_path / "input.json").write_text(json.dumps(data), encoding="utf-8")
    runner = tmp_path / "runner.mjs"
    runner.write_text(RUNNER.format(module=json.dumps(JS.as_uri())), encoding="utf-8")
    proc = subprocess.run([node, str(runner), str(tmp_path / "input.json")], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    # byte-identical exports
    assert out["graphml"] == [interchange.to_graphml(m) for m in maps]
    assert out["gexf"] == [interchange.to_gexf(m) for m in maps]
    assert out["kumu"] == [interchange.to_kumu(m) for m in maps]
    # read back: the same map in both, from either twin's file
    expected = [_expected_back(m) for m in maps]
    assert out["back"] == expected and out["pyBack"] == expected

    def py(name, text):
        try:
            return {"ok": interchange.from_graphml(name, text)}
        except LearnerFileError as err:
            return {"error": str(err)}

    def same(js, want):
        if "ok" in want:
            return js == want
        if "not well-formed XML" in want["error"]:  # the two parsers may place the fault differently
            return js.get("error", "").split("(line")[0] == want["error"].split("(line")[0]
        return js.get("error") == want["error"]

    for (name, text), js in zip(bad, out["bad"]):
        assert same(js, py(name, text)), (name, js, py(name, text))
    agree = [same(js, py("d.graphml", t)) for t, js in zip(damaged, out["damaged"])]
    assert all(agree), [(t[-80:], js) for t, js, ok in zip(damaged, out["damaged"], agree) if not ok][:3]
    assert sum("error" in js for js in out["damaged"]) > 40


# --- JupyterLab: the builder widget writes the formats beside the notebook and reads GraphML back -----


def test_the_builder_widget_exports_and_imports(tmp_path):
    from tracktwo.maps.map_widgets import MapBuilder

    w = MapBuilder(save_to=tmp_path / "maps.saved.json")
    m = _maps()[5]
    w.library = {"current": "mine", "maps": {"mine": m}}
    for fmt in MapBuilder.EXPORTS:
        path = w.export(fmt, tmp_path / f"out.{fmt}")
        assert path.read_bytes().decode("utf-8") == MapBuilder.EXPORTS[fmt][1](m)
    name = w.import_file(tmp_path / "out.graphml")
    assert w.library["current"] == name == f"{m['title']}" and w.library["maps"][name] == m
    assert w.import_file(tmp_path / "out.graphml") == f"{m['title']} (2)"
    before = copy.deepcopy(w.library)
    (tmp_path / "bad.graphml").write_text(interchange.to_graphml(m).replace('<node id="a0">', "<node>"), encoding="utf-8")
    with pytest.raises(LearnerFileError, match=r"^bad\.graphml: node 1: attribute 'id' is missing"):
        w.import_file(tmp_path / "bad.graphml")
    assert w.library == before  # the learner's maps are unchanged


def test_each_format_carries_what_the_book_says():
    """Audit 31, M1: the book (build-a-map.md, "Your map in other tools"), the notebook and decision 22
    say GraphML carries everything the map holds, the notes included; GEXF the same without the notes;
    the Kumu file leaves out positions, lanes and notes. A learner decides what leaves the device on that."""
    m = copy.deepcopy(_maps()[-1])
    m["notes"] = "NOTE-31 only in GraphML"
    m["actors"][0].update(x=12.5, y=-7)
    first = m["relationships"][0]
    m["relationships"].append({**first, "id": "r-parallel-31"})  # a second line between the same two actors
    graphml, gexf, kumu = interchange.to_graphml(m), interchange.to_gexf(m), interchange.kumu_blueprint(m)
    G = nx.read_graphml(io.StringIO(graphml))
    assert G.graph["notes"] == m["notes"] and G.nodes[m["actors"][0]["id"]]["x"] == 12.5
    assert {d.get("lane") for *_, d in G.edges(data=True)} - {None}, "GraphML lost the lanes"
    assert "NOTE-31" not in gexf
    H = nx.read_gexf(io.StringIO(gexf))
    assert H.nodes[m["actors"][0]["id"]]["viz"]["position"]["x"] == 12.5
    assert {d.get("lane") for *_, d in H.edges(data=True)} - {None}, "GEXF lost the lanes"
    for item in kumu["elements"] + kumu["connections"]:
        assert not {"x", "y", "lane", "Lane", "notes", "Notes"} & set(item), item
    assert "NOTE-31" not in json.dumps(kumu) and "12.5" not in json.dumps(kumu)
