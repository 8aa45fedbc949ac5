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
#: The schema checked once (jsonschema.validate checks the schema again on every call: 7 s for 300 maps).
VALIDATOR = jsonschema.validators.validator_for(SCHEMA)(SCHEMA)
NAMES = [
    "Hill party",
    "River union",
    "Coast front",
    "Town council",
    "Outside donor",
    "Ours, \"quoted\"",
    "Comma, name",
    "Zeile\nzwei",
    "Ünïcode ကခဂ",
    "Elders",
]


def random_map(rng: random.Random, n_actors: int | None = None, n_rel: int | None = None) -> dict:
    n = rng.randint(0, 9) if n_actors is None else n_actors
    m = learner.empty_map(
        rng.choice(["Map A", "Valley, as seen by us", "Karta"]),
        rng.choice(["our team", "Hill party"]),
        rng.choice(["2026-11-28", "March 2027"]),
    )
    m["actors"] = [
        {
            "id": f"a{i}",
            "name": rng.choice(NAMES),
            "type": rng.choice(learner.ACTOR_TYPES),
            "power": rng.randint(1, 5),
            "party": rng.choice(learner.PARTIES),
        }
        for i in range(n)
    ]
    k = rng.randint(0, 2 * n) if n_rel is None else n_rel
    for j in range(k if n > 1 else 0):
        a, b = rng.sample(range(n), 2)
        m["relationships"].append({"id": f"r{j}", "source": f"a{a}", "target": f"a{b}", "kind": rng.choice(learner.KINDS)})
    for j in range(rng.randint(0, 3) if n else 0):
        m["issues"].append(
            {
                "id": f"i{j}",
                "label": rng.choice(["land", "language, schools", "jobs"]),
                "actors": [f"a{x}" for x in rng.sample(range(n), rng.randint(0, min(n, 3)))],
            }
        )
    for item in m["actors"] + m["issues"]:  # positions (version 2): some placed by the learner, some not
        if rng.random() < 0.5:
            item["x"] = rng.choice([rng.randint(-900, 900), rng.randint(-9000, 9000) / 2, 0])
            item["y"] = rng.choice([rng.randint(-900, 900), rng.randint(-9000, 9000) / 10])
    return m


@pytest.fixture(scope="module")
def maps():
    rng = random.Random(13)
    return [random_map(rng) for _ in range(300)]


def test_generated_maps_pass_both_checks_and_round_trip_through_json_and_csv(maps):
    jsonschema.validators.validator_for(SCHEMA).check_schema(SCHEMA)
    for m in maps:
        assert map_problems(m) == []
        VALIDATOR.validate(m)
        assert from_json("m.json", to_json(m)) == m
        assert from_csv("m.csv", to_csv(m)) == m
        assert from_csv("m.csv", to_csv(m).encode("utf-8")) == m
        spec = learner.to_spec(m)
        assert spec_problems(spec) == []
        assert len(spec["edges"]) == len(m["relationships"]) + sum(len(s["actors"]) for s in m["issues"])


def test_positions_are_saved_with_the_map_and_version_1_files_are_still_read():
    placed = json.loads(json.dumps(GOOD))
    placed["actors"][0].update(x=-120, y=40.5)
    placed["issues"] = [{"id": "i1", "label": "land", "actors": ["a1"], "x": 12.5, "y": 0}]
    assert map_problems(placed) == [] and placed["version"] == 2
    jsonschema.validate(placed, SCHEMA)
    for back in (from_json("p.json", to_json(placed)), from_csv("p.csv", to_csv(placed))):
        assert back == placed
        assert back["actors"][0]["x"] == -120 and back["issues"][0]["y"] == 0 and "x" not in back["actors"][1]
    assert to_csv(placed).splitlines()[2].endswith(",-120,40.5")
    nodes = {n["id"]: n for n in learner.to_spec(placed)["nodes"]}
    assert (nodes["a1"]["x"], nodes["a1"]["y"], nodes["i1"]["x"]) == (-120, 40.5, 12.5) and "x" not in nodes["a2"]
    # A version 1 file (before positions) is read, JSON and CSV, and comes back as version 2.
    old = json.loads(json.dumps(GOOD))
    old["version"] = 1
    jsonschema.validate(old, SCHEMA)
    assert from_json("old.json", json.dumps(old)) == GOOD
    old_csv = "\r\n".join(",".join(line.split(",")[:12]) for line in to_csv(GOOD).split("\r\n")[:-1]) + "\r\n"
    assert old_csv.startswith(",".join(learner.CSV_COLUMNS_V1) + "\r\n")
    assert from_csv("old.csv", old_csv) == GOOD
    bad = json.loads(json.dumps(old))
    bad["actors"][0]["x"] = 3
    bad["actors"][0]["y"] = 4
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, SCHEMA)


def test_the_notation_gives_every_relationship_kind_its_own_look():
    looks = {(k["line"], k.get("arrow", False), k.get("broken", False)) for k in learner.EDGE_KINDS.values()}
    assert len(looks) == len(learner.EDGE_KINDS)
    assert learner.EDGE_KINDS["influence"]["arrow"] and learner.EDGE_KINDS["broken"]["broken"]
    assert learner.EDGE_KINDS["alliance"]["line"] == "double" and learner.EDGE_KINDS["discord"]["line"] == "zigzag"


def test_outside_parties_self_and_issues_are_drawn_differently():
    m = learner.empty_map("T", "V", "D")
    m["actors"] = [
        {"id": "x", "name": "X", "type": "group", "power": 5, "party": "inside"},
        {"id": "y", "name": "Y", "type": "group", "power": 1, "party": "outside"},
        {"id": "s", "name": "Us", "type": "self", "power": 2, "party": "inside"},
    ]
    m["issues"] = [{"id": "i", "label": "land", "actors": ["x", "y"]}]
    spec = learner.to_spec(m)
    types = {n["id"]: n["type"] for n in spec["nodes"]}
    assert types == {"x": "inside", "y": "outside", "s": "self", "i": "issue"}
    assert spec["nodeTypes"]["outside"]["border"] == "dashed" and spec["nodeTypes"]["issue"]["shape"] == "rectangle"
    assert {n["id"]: n["weight"] for n in spec["nodes"]}["x"] == 5


def test_schema_and_checks_agree_on_bad_maps(maps):
    rng = random.Random(7)
    breakers = [
        lambda m: m.update(version=3),
        lambda m: m["actors"][0].update(x="left"),
        lambda m: m["actors"][0].update(x=1, y=200001),
        lambda m: m["actors"][0].update(x=5) or m["actors"][0].pop("y", None),
        lambda m: m.update(version=1) or m["actors"][0].update(x=1, y=2),
        lambda m: m.update(title=""),
        lambda m: m.update(extra=1),
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
GOOD["actors"] = [
    {"id": "a1", "name": "Hill party", "type": "group", "power": 4, "party": "inside"},
    {"id": "a2", "name": "River union", "type": "community", "power": 2, "party": "inside"},
]
GOOD["relationships"] = [{"id": "r1", "source": "a1", "target": "a2", "kind": "discord"}]
HEADER = ",".join(learner.CSV_COLUMNS)


def _bad_json(**change) -> str:
    m = json.loads(json.dumps(GOOD))
    m.update(change)
    return json.dumps(m)


@pytest.mark.parametrize(
    "name, raw, expected",
    [
        ("cols.csv", "record,id,name\r\nmap,,T\r\n", "cols.csv: row 1 (the header)"),
        (
            "kind.csv",
            to_csv(GOOD).replace(",discord,", ",sideways,"),
            "kind.csv: row 5 (relationship 1) field 'kind' is \"sideways\"",
        ),
        (
            "record.csv",
            to_csv(GOOD).replace("relationship,r1", "friendship,r1"),
            "record.csv: row 5 field 'record' is \"friendship\"",
        ),
        ("dup.csv", to_csv(GOOD).replace("actor,a2", "actor,a1"), "dup.csv: row 4 (actor 2) field 'id': \"a1\" is used twice"),
        (
            "dangling.csv",
            to_csv(GOOD).replace(",a1,a2,", ",a1,a9,"),
            "dangling.csv: row 5 (relationship 1) field \"target\": \"a9\" is not an actor",
        ),
        ("short.csv", to_csv(GOOD) + "actor,a3,X\r\n", "short.csv: row 6 has 3 cells; expected 14"),
        ("nomap.csv", HEADER + "\r\nactor,a1,X,group,1,inside,,,,,,,,\r\n", "nomap.csv: no 'map' row"),
        (
            "xy.csv",
            to_csv(GOOD).replace("inside,,,,,,,,", "inside,,,,,,,left,3", 1),
            "xy.csv: row 3 (actor 1) field \"x\" is \"left\", not a number",
        ),
        (
            "half.csv",
            to_csv(GOOD).replace("inside,,,,,,,,", "inside,,,,,,,12,", 1),
            "half.csv: row 3 (actor 1) field \"y\" is \"\", not a number",
        ),
        (
            "v1xy.json",
            _bad_json(version=1, actors=[dict(GOOD["actors"][0], x=1, y=2), GOOD["actors"][1]]),
            "v1xy.json: actor 1 has unknown field \"x\"",
        ),
        ("v3.json", _bad_json(version=3), "v3.json: field 'version' is 3; this course reads versions 1 and 2"),
        ("latin1.csv", to_csv(GOOD).replace("Hill", "Hüll").encode("latin-1"), "latin1.csv: the file is not UTF-8 text"),
        ("huge.json", b" " * (learner.MAX_BYTES + 1), "huge.json: the file is 512001 bytes"),
        ("deep.json", "[" * 5000 + "]" * 5000, "deep.json: the JSON is nested more than 20 levels deep"),
        ("broken.json", '{"format": ', "broken.json: not valid JSON (line 1"),
        ("list.json", "[1, 2, 3]", "list.json: the file is not a map"),
        ("other.json", '{"type": "FeatureCollection"}', "other.json: field 'format' is null"),
        (
            "power.json",
            _bad_json(actors=[dict(GOOD["actors"][0], power="high")]),
            "power.json: actor 1 field 'power' is \"high\"",
        ),
        (
            "dangle.json",
            _bad_json(issues=[{"id": "i1", "label": "land", "actors": ["ghost"]}]),
            "dangle.json: issue 1 field 'actors': \"ghost\" is not an actor",
        ),
        ("noview.json", _bad_json(viewpoint=" "), "noview.json: field \"viewpoint\" is missing or empty"),
        (
            "many.json",
            _bad_json(actors=[dict(GOOD["actors"][0], id=f"x{i}") for i in range(201)]),
            "many.json: field \"actors\" has 201 items",
        ),
    ],
)
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
    after["relationships"] = [
        {"id": "r1", "source": "a1", "target": "a2", "kind": "broken"},
        {"id": "r2", "source": "a3", "target": "a1", "kind": "influence"},
    ]
    assert learner.compare(GOOD, after) == [
        "Date: 2026-11-28 -> 2027-03-01",
        "Actor added: Outside donor",
        "River union: power 2 -> 3",
        "Relationship changed: Hill party and River union: discord -> broken",
        "Relationship added: Hill party and Outside donor (influence)",
    ]
    assert learner.compare(GOOD, GOOD) == []


PAIR = learner.empty_map("Valley", "our team", "2026-11-28")
PAIR["actors"] = GOOD["actors"] + [{"id": "a3", "name": "Outside donor", "type": "organisation", "power": 2, "party": "outside"}]


def _with(*rels) -> dict:
    """PAIR with these relationships: (id, source, target, kind)."""
    m = json.loads(json.dumps(PAIR))
    m["relationships"] = [{"id": i, "source": s, "target": t, "kind": k} for i, s, t, k in rels]
    return m


def test_compare_keeps_two_relationships_between_the_same_pair_apart():
    """Two relationships between the same two actors (an alliance and a weak link, say) are two
    relationships: compare keys them by pair and kind, and never merges them into one."""
    both = _with(("r1", "a1", "a2", "alliance"), ("r2", "a2", "a1", "informal"))
    one = _with(("r1", "a1", "a2", "alliance"))
    assert learner.compare(both, one) == ["Relationship removed: Hill party and River union (informal)"]
    assert learner.compare(one, both) == ["Relationship added: Hill party and River union (informal)"]
    # the same two relationships, listed in another order and drawn the other way round: no difference
    again = _with(("r7", "a1", "a2", "informal"), ("r8", "a2", "a1", "alliance"))
    assert learner.compare(both, again) == []
    # one of the two changes kind: one change, the other relationship is not touched
    changed = _with(("r1", "a1", "a2", "alliance"), ("r2", "a2", "a1", "discord"))
    assert learner.compare(both, changed) == ["Relationship changed: Hill party and River union: informal -> discord"]
    # a second alliance between the same pair is a relationship of its own too
    twice = _with(("r1", "a1", "a2", "alliance"), ("r2", "a2", "a1", "informal"), ("r3", "a1", "a2", "alliance"))
    assert learner.compare(both, twice) == ["Relationship added: Hill party and River union (alliance)"]
    # influence has a direction: a reversed arrow is a change; the other pair's lines are kept apart
    infl = _with(("r1", "a3", "a1", "influence"), ("r2", "a1", "a3", "close"))
    back = _with(("r1", "a1", "a3", "influence"), ("r2", "a1", "a3", "close"))
    assert learner.compare(infl, back) == ["Relationship changed: Hill party and Outside donor: influence -> influence"]


def _lanes(spec: dict) -> dict:
    """Each edge's lane seen from its pair's first actor (ids in order): a side and a distance."""
    return {e["id"]: (e["lane"] if e["source"] < e["target"] else -e["lane"]) for e in spec["edges"] if "lane" in e}


def test_parallel_relationships_get_lanes_of_their_own_in_the_drawing_spec():
    """The spec gives each relationship between the same two actors its own lane (the renderer bends
    it by the lane), on both sides of the straight line, whichever way each is drawn; a pair with one
    relationship keeps the straight line (no lane)."""
    two = learner.to_spec(_with(("r1", "a1", "a2", "alliance"), ("r2", "a2", "a1", "informal"), ("r3", "a1", "a3", "close")))
    assert _lanes(two) == {"r1": -1, "r2": 1}
    assert {e["id"]: e.get("lane") for e in two["edges"]}["r2"] == -1, "the lane is given in the edge's own direction"
    three = learner.to_spec(_with(("r1", "a1", "a2", "alliance"), ("r2", "a1", "a2", "informal"), ("r3", "a2", "a1", "discord")))
    assert _lanes(three) == {"r1": -2, "r2": 0, "r3": 2}
    assert spec_problems(two) == [] and spec_problems(three) == []
    single = learner.to_spec(GOOD)
    assert all("lane" not in e for e in single["edges"])


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
    with pytest.raises(PracticeError, match=r"practice-bad.yaml: action 1, field 'who': missing \(line \d+\)"):
        load_practice(bad)


def random_sheet(rng: random.Random) -> dict:
    from tracktwo.maps import worksheet as W

    tool = rng.choice(list(W.TOOLS))
    s = W.empty_sheet(tool, rng.choice(["", "Tree, \"ours\""]), rng.choice(["us", "Hill"]), "2026")
    n = 1 if not W.TOOLS[tool]["perParty"] else rng.randint(1, 4)
    s["parties"] = [
        {
            "name": f"P{i} {rng.choice(NAMES)}",
            "entries": {f: [rng.choice(NAMES) for _ in range(rng.randint(0, 3))] for f, _ in W.TOOLS[tool]["fields"]},
        }
        for i in range(n)
    ]
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
        (
            "b.csv",
            W.sheet_to_csv(tree) + "entry,,,,,Nobody,causes,x\r\n",
            "b.csv: row 4 field 'party': \"Nobody\" has no 'party' row",
        ),
        ("c.csv", W.sheet_to_csv(tree) + "entry,,,,,The situation,roots,x\r\n", "c.csv: row 4 field 'field' is \"roots\""),
        (
            "d.json",
            json.dumps(dict(tree, parties=[tree["parties"][0]] * 2)),
            "d.json: field 'parties': a conflict tree has exactly one part",
        ),
        ("e.json", json.dumps(learner.empty_map("x", "y", "z")), "e.json: field 'format' is \"tracktwo-learner-map\""),
    ]
    for name, raw, expected in cases:
        with pytest.raises(LearnerMapError) as err:
            (W.sheet_from_csv if name.endswith(".csv") else W.sheet_from_json)(name, raw)
        assert str(err.value).startswith(expected), str(err.value)
    case = __import__("tracktwo.maps.practice", fromlist=["x"]).load_practice(ROOT / "data/maps/practice-sanu-valley.yaml")
    assert {w["tool"] for w in case["worksheets"]} == {"tree", "onion", "grid"}


def test_jupyterlab_worksheets_save_beside_the_notebook_and_restore(tmp_path):
    from traitlets import TraitError

    from tracktwo.maps.map_widgets import Worksheet
    from tracktwo.maps.worksheet import TOOLS, empty_sheet, sheet_problems

    assert (ROOT / "tracktwo/maps/static/worksheet.esm.js").stat().st_size > 1000
    for tool in TOOLS:
        path = tmp_path / f"{tool}.json"
        w = Worksheet(tool, save_to=path)
        assert w.sheet == empty_sheet(tool) and w.messages == [] and not path.exists()
        sheet = json.loads(json.dumps(w.sheet))
        field = TOOLS[tool]["fields"][0][0]
        sheet["parties"][0]["entries"][field] = ["Water rules"]
        w.sheet = sheet  # what the front end's save_changes does
        assert json.loads(path.read_text())["sheet"] == sheet
        again = Worksheet(tool, save_to=path)  # the cell runs again after a kernel restart
        assert again.sheet == sheet and again.messages == [] and sheet_problems(again.sheet) == []
        assert again.saved_in == f"{tool}.json"
        html = again._repr_mimebundle_()[0]["text/html"]
        assert f'id="tt-worksheet-{tool}"' in html
    tree = Worksheet("tree", save_to=tmp_path / "tree.json")
    with pytest.raises(TraitError, match="for the onion, not the conflict tree"):
        tree.sheet = empty_sheet("onion")
    with pytest.raises(TraitError, match="worksheet 'tree'"):
        tree.sheet = dict(tree.sheet, version=9)
    assert tree.sheet["parties"][0]["entries"]["causes"] == ["Water rules"]
    # A saved file of another tool, or broken, is set aside (never deleted) and the learner is told.
    (tmp_path / "abc.json").write_text(json.dumps({"sheet": empty_sheet("grid")}))
    fresh = Worksheet("abc", save_to=tmp_path / "abc.json")
    assert "set-aside" in fresh.messages[0] and "for the stakeholder grid" in fresh.messages[0]
    assert (tmp_path / "abc.json.set-aside").exists() and fresh.sheet == empty_sheet("abc")
    with pytest.raises(ValueError, match="not one of tree"):
        Worksheet("forest")


def test_worksheet_schema_accepts_what_the_checks_accept_and_names_every_field():
    """data/maps/worksheet.schema.json describes the format the worksheet module reads: every sheet the
    checks accept validates, the schema's field names are the tools' fields, and broken sheets fail."""
    from tracktwo.maps import worksheet as W

    schema = json.loads((ROOT / "data/maps/worksheet.schema.json").read_text(encoding="utf-8"))
    fields = {f for tool in W.TOOLS.values() for f, _ in tool["fields"]}
    entries = schema["properties"]["parties"]["items"]["properties"]["entries"]
    assert set(entries["propertyNames"]["enum"]) == fields
    assert set(schema["properties"]["tool"]["enum"]) == set(W.TOOLS)
    assert schema["properties"]["parties"]["maxItems"] == W.MAX_PARTIES
    rng = random.Random(11)
    for _ in range(200):
        s = random_sheet(rng)
        if W.sheet_problems(s) == []:
            jsonschema.validate(s, schema)
    good = W.empty_sheet("onion", "Ours", "us", "2026")
    jsonschema.validate(good, schema)
    for broken in (
        dict(good, tool="forest"),
        dict(good, parties=[]),
        dict(good, extra=1),
        dict(good, parties=[{"name": "A", "entries": {"roots": ["x"]}}]),
        dict(good, title=" "),
    ):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(broken, schema)
