"""The learner's own conflict maps (tracktwo/maps/learner.py): the format's checks, round trips
through JSON and CSV, the drawing spec, comparison, the JSON Schema, and one clear message for
each kind of malformed file (the importer keeps the current map by raising before any change)."""

from __future__ import annotations

import json
import random

import jsonschema
import pytest

from support import ROOT
from tracktwo.maps import learner
from tracktwo.maps.html import builder_html
from tracktwo.maps.learner import LearnerMapError, from_csv, from_json, map_problems, to_csv, to_json
from tracktwo.maps.model import map_problems as spec_problems

SCHEMA = json.loads((ROOT / "data/maps/learner-map.schema.json").read_text(encoding="utf-8"))
NAMES = ["Hill party", "River union", "Coast front", "Town council", "Outside donor", "Ours, \"quoted\"", "Comma, name",
         "Zeile\nzwei", "Ünïcode ကခဂ", "Elders"]


def random_map(rng: random.Random, n_actors: int | None = None, n_rel: int | None = None) -> dict:
    n = rng.randint(0, 9) if n_actors is None else n_actors
    m = learner.empty_map(rng.choice(["Map A", "Valley, as seen by us", "Karta"]), rng.choice(["our team", "Hill party"]),
                          rng.choice(["2026-11-28", "March 2027"]))
    m["actors"] = [{"id": f"a{i}", "name": rng.choice(NAMES), "type": rng.choice(learner.ACTOR_TYPES),
                    "power": rng.randint(1, 5), "party": rng.choice(learner.PARTIES)} for i in range(n)]
    k = rng.randint(0, 2 * n) if n_rel is None else n_rel
    for j in range(k if n > 1 else 0):
        a, b = rng.sample(range(n), 2)
        m["relationships"].append({"id": f"r{j}", "source": f"a{a}", "target": f"a{b}", "kind": rng.choice(learner.KINDS)})
    for j in range(rng.randint(0, 3) if n else 0):
        m["issues"].append({"id": f"i{j}", "label": rng.choice(["land", "language, schools", "jobs"]),
                            "actors": [f"a{x}" for x in rng.sample(range(n), rng.randint(0, min(n, 3)))]})
    return m


@pytest.fixture(scope="module")
def maps():
    rng = random.Random(13)
    return [random_map(rng) for _ in range(300)]


def test_generated_maps_pass_both_checks_and_round_trip_through_json_and_csv(maps):
    for m in maps:
        assert map_problems(m) == []
        jsonschema.validate(m, SCHEMA)
        assert from_json("m.json", to_json(m)) == m
        assert from_csv("m.csv", to_csv(m)) == m
        assert from_csv("m.csv", to_csv(m).encode("utf-8")) == m
        spec = learner.to_spec(m)
        assert spec_problems(spec) == []
        assert len(spec["edges"]) == len(m["relationships"]) + sum(len(s["actors"]) for s in m["issues"])


def test_the_notation_gives_every_relationship_kind_its_own_look():
    looks = {(k["line"], k.get("arrow", False), k.get("broken", False)) for k in learner.EDGE_KINDS.values()}
    assert len(looks) == len(learner.EDGE_KINDS)
    assert learner.EDGE_KINDS["influence"]["arrow"] and learner.EDGE_KINDS["broken"]["broken"]
    assert learner.EDGE_KINDS["alliance"]["line"] == "double" and learner.EDGE_KINDS["discord"]["line"] == "zigzag"


def test_outside_parties_self_and_issues_are_drawn_differently():
    m = learner.empty_map("T", "V", "D")
    m["actors"] = [{"id": "x", "name": "X", "type": "group", "power": 5, "party": "inside"},
                   {"id": "y", "name": "Y", "type": "group", "power": 1, "party": "outside"},
                   {"id": "s", "name": "Us", "type": "self", "power": 2, "party": "inside"}]
    m["issues"] = [{"id": "i", "label": "land", "actors": ["x", "y"]}]
    spec = learner.to_spec(m)
    types = {n["id"]: n["type"] for n in spec["nodes"]}
    assert types == {"x": "inside", "y": "outside", "s": "self", "i": "issue"}
    assert spec["nodeTypes"]["outside"]["border"] == "dashed" and spec["nodeTypes"]["issue"]["shape"] == "rectangle"
    assert {n["id"]: n["weight"] for n in spec["nodes"]}["x"] == 5


def test_schema_and_checks_agree_on_bad_maps(maps):
    rng = random.Random(7)
    breakers = [
        lambda m: m.update(version=2), lambda m: m.update(title=""), lambda m: m.update(extra=1),
        lambda m: m["actors"].append({"id": "a0", "name": "dup", "type": "group", "power": 1, "party": "inside"}),
        lambda m: m["actors"].append({"id": "zz", "name": "n", "type": "alien", "power": 1, "party": "inside"}),
        lambda m: m["actors"].append({"id": "zz", "name": "n", "type": "group", "power": 9, "party": "inside"}),
        lambda m: m["relationships"].append({"id": "rz", "source": "a0", "target": "a0", "kind": "sideways"}),
    ]
    for m in maps[:60]:
        if not m["actors"]:
            continue
        bad = json.loads(json.dumps(m))
        rng.choice(breakers)(bad)
        assert map_problems(bad), bad
        if not any("used twice" in p or "itself" in p for p in map_problems(bad)):
            with pytest.raises(jsonschema.ValidationError):
                jsonschema.validate(bad, SCHEMA)


GOOD = learner.empty_map("Valley", "our team", "2026-11-28")
GOOD["actors"] = [{"id": "a1", "name": "Hill party", "type": "group", "power": 4, "party": "inside"},
                  {"id": "a2", "name": "River union", "type": "community", "power": 2, "party": "inside"}]
GOOD["relationships"] = [{"id": "r1", "source": "a1", "target": "a2", "kind": "discord"}]
HEADER = ",".join(learner.CSV_COLUMNS)


def _bad_json(**change) -> str:
    m = json.loads(json.dumps(GOOD))
    m.update(change)
    return json.dumps(m)


@pytest.mark.parametrize("name, raw, expected", [
    ("cols.csv", "record,id,name\r\nmap,,T\r\n", "cols.csv: row 1 (the header)"),
    ("kind.csv", to_csv(GOOD).replace(",discord,", ",sideways,"), "kind.csv: row 5 (relationship 1) field 'kind' is \"sideways\""),
    ("record.csv", to_csv(GOOD).replace("relationship,r1", "friendship,r1"), "record.csv: row 5 field 'record' is \"friendship\""),
    ("dup.csv", to_csv(GOOD).replace("actor,a2", "actor,a1"), "dup.csv: row 4 (actor 2) field 'id': \"a1\" is used twice"),
    ("dangling.csv", to_csv(GOOD).replace(",a1,a2,", ",a1,a9,"), "dangling.csv: row 5 (relationship 1) field \"target\": \"a9\" is not an actor"),
    ("short.csv", to_csv(GOOD) + "actor,a3,X\r\n", "short.csv: row 6 has 3 cells; expected 12"),
    ("nomap.csv", HEADER + "\r\nactor,a1,X,group,1,inside,,,,,,\r\n", "nomap.csv: no 'map' row"),
    ("latin1.csv", to_csv(GOOD).replace("Hill", "Hüll").encode("latin-1"), "latin1.csv: the file is not UTF-8 text"),
    ("huge.json", b" " * (learner.MAX_BYTES + 1), "huge.json: the file is 512001 bytes"),
    ("deep.json", "[" * 5000 + "]" * 5000, "deep.json: the JSON is nested more than 20 levels deep"),
    ("broken.json", '{"format": ', "broken.json: not valid JSON (line 1"),
    ("list.json", "[1, 2, 3]", "list.json: the file is not a map"),
    ("other.json", '{"type": "FeatureCollection"}', "other.json: field 'format' is null"),
    ("power.json", _bad_json(actors=[dict(GOOD["actors"][0], power="high")]), "power.json: actor 1 field 'power' is \"high\""),
    ("dangle.json", _bad_json(issues=[{"id": "i1", "label": "land", "actors": ["ghost"]}]), "dangle.json: issue 1 field 'actors': \"ghost\" is not an actor"),
    ("noview.json", _bad_json(viewpoint=" "), "noview.json: field \"viewpoint\" is missing or empty"),
    ("many.json", _bad_json(actors=[dict(GOOD["actors"][0], id=f"x{i}") for i in range(201)]), "many.json: field \"actors\" has 201 items"),
])
def test_each_malformed_file_gets_one_clear_message(name, raw, expected):
    reader = from_csv if name.endswith(".csv") else from_json
    with pytest.raises(LearnerMapError) as err:
        reader(name, raw)
    message = str(err.value)
    assert message.startswith(expected), message
    assert "\n" not in message and "Traceback" not in message


def test_compare_lists_what_changed_between_two_maps():
    after = json.loads(json.dumps(GOOD))
    after["date"] = "2027-03-01"
    after["actors"][1]["power"] = 3
    after["actors"].append({"id": "a3", "name": "Outside donor", "type": "organisation", "power": 2, "party": "outside"})
    after["relationships"] = [{"id": "r1", "source": "a1", "target": "a2", "kind": "broken"},
                              {"id": "r2", "source": "a3", "target": "a1", "kind": "influence"}]
    assert learner.compare(GOOD, after) == [
        "Date: 2026-11-28 -> 2027-03-01", "Actor added: Outside donor", "River union: power 2 -> 3",
        "Relationship changed: Hill party and River union: discord -> broken",
        "Relationship added: Hill party and Outside donor (influence)"]
    assert learner.compare(GOOD, GOOD) == []


def test_builder_markup_is_inert_and_deterministic():
    html = builder_html("builder")
    assert html == builder_html("builder")
    assert 'data-tt-interactive="map-builder"' in html and "<noscript>" in html and "http" not in html


def test_jupyterlab_builder_saves_beside_the_notebook_and_restores(tmp_path):
    from traitlets import TraitError

    from tracktwo.maps.map_widgets import MapBuilder

    path = tmp_path / "maps.json"
    w = MapBuilder(save_to=path)
    lib = json.loads(json.dumps(w.library))
    lib["maps"]["Valley"] = GOOD
    lib["current"] = "Valley"
    w.library = lib
    assert json.loads(path.read_text())["library"]["maps"]["Valley"] == GOOD
    again = MapBuilder(save_to=path)  # the cell runs again after a kernel restart
    assert again.library == lib and again.messages == []
    bad = json.loads(json.dumps(lib))
    bad["maps"]["Valley"]["actors"][0]["power"] = 9
    with pytest.raises(TraitError, match="actor 1 field 'power'"):
        again.library = bad
    assert again.library == lib
    path.write_text('{"library": {"current": "x", "maps": {}}}')
    fresh = MapBuilder(save_to=path)
    assert "set-aside" in fresh.messages[0] and (tmp_path / "maps.json.set-aside").exists()
    assert list(fresh.library["maps"]) == ["My first map"]
    assert 'data-tt-interactive="map-builder"' in fresh._repr_mimebundle_()[0]["text/html"]


def test_practice_case_is_invented_checked_and_complete(tmp_path):
    from tracktwo.maps.practice import PracticeError, load_practice, practice_html, practice_path

    case = load_practice(practice_path("sanu-valley"))
    assert "(invented)" in case["title"]
    m = case["worked_map"]
    assert any(a["type"] == "self" for a in m["actors"]) and any(a["party"] == "outside" for a in m["actors"])
    assert {r["kind"] for r in m["relationships"]} == set(learner.KINDS)
    assert from_csv("w.csv", to_csv(m)) == m
    html = practice_html(case)
    assert html.count("Model answer") == len(case["questions"]) >= 3
    assert html.count("<tr><td>") == len(case["actions"]) and "by whom, when?" in html
    # A broken case names the file, the place and the field.
    bad = tmp_path / "practice-bad.yaml"
    text = practice_path("sanu-valley").read_text(encoding="utf-8")
    bad.write_text(text.replace("source: donor, target: gov", "source: donor, target: nobody"), encoding="utf-8")
    with pytest.raises(PracticeError, match="practice-bad.yaml: worked_map: relationship 1 field \"target\""):
        load_practice(bad)
    bad.write_text(text.replace("    who:", "    whom:", 1), encoding="utf-8")
    with pytest.raises(PracticeError, match=r"practice-bad.yaml: at actions/0"):
        load_practice(bad)


def random_sheet(rng: random.Random) -> dict:
    from tracktwo.maps import worksheet as W

    tool = rng.choice(list(W.TOOLS))
    s = W.empty_sheet(tool, rng.choice(["", "Tree, \"ours\""]), rng.choice(["us", "Hill"]), "2026")
    n = 1 if not W.TOOLS[tool]["perParty"] else rng.randint(1, 4)
    s["parties"] = [{"name": f"P{i} {rng.choice(NAMES)}", "entries": {f: [rng.choice(NAMES) for _ in range(rng.randint(0, 3))]
                                                                      for f, _ in W.TOOLS[tool]["fields"]}} for i in range(n)]
    return s


def test_worksheets_round_trip_and_malformed_files_get_one_message():
    from tracktwo.maps import worksheet as W

    rng = random.Random(5)
    for _ in range(200):
        s = random_sheet(rng)
        assert W.sheet_problems(s) == []
        assert W.sheet_from_csv("s.csv", W.sheet_to_csv(s)) == s
        assert W.sheet_from_json("s.json", json.dumps(s)) == s
    tree = W.empty_sheet("tree")
    cases = [
        ("a.csv", W.sheet_to_csv(tree).replace("sheet,tree", "sheet,forest"), "a.csv: row 2 field 'tool' is \"forest\""),
        ("b.csv", W.sheet_to_csv(tree) + "entry,,,,,Nobody,causes,x\r\n", "b.csv: row 4 field 'party': \"Nobody\" has no 'party' row"),
        ("c.csv", W.sheet_to_csv(tree) + "entry,,,,,The situation,roots,x\r\n", "c.csv: row 4 field 'field' is \"roots\""),
        ("d.json", json.dumps(dict(tree, parties=[tree["parties"][0]] * 2)), "d.json: field 'parties': a conflict tree has exactly one part"),
        ("e.json", json.dumps(learner.empty_map("x", "y", "z")), "e.json: field 'format' is \"tracktwo-learner-map\""),
    ]
    for name, raw, expected in cases:
        with pytest.raises(LearnerMapError) as err:
            (W.sheet_from_csv if name.endswith(".csv") else W.sheet_from_json)(name, raw)
        assert str(err.value).startswith(expected), str(err.value)
    case = __import__("tracktwo.maps.practice", fromlist=["x"]).load_practice(ROOT / "data/maps/practice-sanu-valley.yaml")
    assert {w["tool"] for w in case["worksheets"]} == {"tree", "onion", "grid"}
