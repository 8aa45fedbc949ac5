"""The multi-track map (tracktwo/maps/tracks.py) and its JavaScript twin (js/src/tracks_model.js):
checks with the course's levels and the notation's kinds, CSV and JSON round trips, one message for a
bad file naming the row or item and the field, the JSON schema agreeing with the checks, the drawing
spec (a row per level, official at the top), the JupyterLab widget, and both tiers agreeing string for
string on many generated maps."""

from __future__ import annotations

import json
import random
import subprocess

import jsonschema
import pytest

from support import ROOT, node_or_skip
from tracktwo.data.learner_files import LearnerFileError
from tracktwo.maps import notation
from tracktwo.maps import tracks as K
from tracktwo.maps.html import tracks_html

JS = ROOT / "tracktwo/maps/js/src/tracks_model.js"
SCHEMA = json.loads((ROOT / "data/maps/tracks-map.schema.json").read_text(encoding="utf-8"))
LEVELS = K.levels()
IDS = [x["id"] for x in LEVELS]
KINDS = list(notation.kinds())

GOOD = {
    "format": "tracktwo-tracks-map",
    "version": 1,
    "title": "Dialogues around the dam",
    "viewpoint": "our team",
    "date": "2026-12-07",
    "initiatives": [
        {"id": "i1", "name": "Elders' closed meeting", "level": "track-2", "note": "farmers and hill villages"},
        {"id": "i2", "name": "Ministry talks", "level": "track-1"},
        {"id": "i3", "name": "Youth radio, \"open\" line", "level": "track-3"},
    ],
    "links": [
        {"id": "l1", "source": "i1", "target": "i2", "kind": "influence"},
        {"id": "l2", "source": "i3", "target": "i1", "kind": "informal"},
    ],
}


def test_the_levels_are_the_courses_in_order():
    assert IDS == ["track-1", "track-15", "track-2", "track-3"] and LEVELS[0]["name"] == "Track One"


def test_a_good_map_passes_round_trips_and_draws_a_row_per_level():
    assert K.map_problems(GOOD) == []
    jsonschema.validate(GOOD, SCHEMA)
    assert K.from_json("m.json", K.to_json(GOOD)) == GOOD and K.from_csv("m.csv", K.to_csv(GOOD)) == GOOD
    spec = K.to_spec(GOOD, LEVELS)
    y = {n["id"]: n["y"] for n in spec["nodes"]}
    assert y["i2"] < y["i1"] < y["i3"]  # Track One above Track Two above Track Three
    assert [n["label"] for n in spec["nodes"] if n.get("decor")][0] == "Track One: officials, on the record"


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda m: m["initiatives"][0].update(level="track-4"), "initiative 1 field 'level' is \"track-4\", not one of track-1"),
        (lambda m: m["links"][0].update(target="i9"), "link 1 field \"target\": \"i9\" is not an initiative on this map"),
        (lambda m: m["links"][0].update(kind="friends"), "link 1 field 'kind' is \"friends\""),
        (lambda m: m["links"][0].update(target="i1"), "link 1: an initiative cannot be linked with itself"),
        (lambda m: m.update(viewpoint=" "), "field \"viewpoint\" is missing or empty"),
    ],
)
def test_each_fault_is_named(change, message):
    bad = json.loads(json.dumps(GOOD))
    change(bad)
    problems = K.map_problems(bad)
    assert problems and message in problems[0], problems


def test_a_bad_csv_is_one_message_naming_the_row_and_field():
    with pytest.raises(LearnerFileError) as err:
        K.from_csv("mine.csv", K.to_csv(GOOD).replace(",track-3,", ",grassroots,"))
    assert str(err.value).startswith("mine.csv: row 5 (initiative 3) field 'level' is \"grassroots\"")


def test_the_widget_saves_and_refuses_a_bad_map(tmp_path):
    from tracktwo.maps.map_widgets import TracksMap

    path = tmp_path / "my-tracks-map.saved.json"
    w = TracksMap(save_to=path)
    w.tracks = GOOD
    assert TracksMap(save_to=path).tracks == GOOD
    with pytest.raises(Exception, match="multi-track map: initiative 1 field 'level'"):
        w.tracks = dict(GOOD, initiatives=[dict(GOOD["initiatives"][0], level="x")])
    assert 'data-tt-interactive="tracks-map"' in tracks_html() and "Track 1.5" in tracks_html()


RUNNER = """
import * as M from {module};
import {{ readFileSync }} from "node:fs";
const i = JSON.parse(readFileSync(process.argv[2], "utf8"));
const attempt = (fn) => {{ try {{ return fn(); }} catch (e) {{ return e.message; }} }};
process.stdout.write(JSON.stringify({{
  problems: i.all.map((m) => M.tracksProblems(m, i.ids, i.kinds)),
  csv: i.good.map((m) => M.tracksToCsv(m)),
  back: i.csv.map((t) => attempt(() => M.tracksFromCsv("m.csv", t, i.ids, i.kinds))),
  specs: i.good.map((m) => M.tracksSpec(m, i.levels, i.edgeKinds)),
}}));
"""


def random_map(rng: random.Random) -> dict:
    m = K.empty_tracks(rng.choice(["A", "Dialogues, 2026"]), "our team", "2026-12-07")
    for j in range(rng.randint(0, 9)):
        x = {"id": f"i{j + 1}", "name": rng.choice(["Talks", "Radio, \"open\"", "Elders"]), "level": rng.choice(IDS)}
        if rng.random() < 0.3:
            x["note"] = rng.choice(["n", "a, b"])
        m["initiatives"].append(x)
    ids = [x["id"] for x in m["initiatives"]]
    for j in range(rng.randint(0, 6) if len(ids) > 1 else 0):
        a, b = rng.sample(ids, 2)
        m["links"].append({"id": f"l{j + 1}", "source": a, "target": b, "kind": rng.choice(KINDS)})
    return m


def broken(rng: random.Random, m: dict) -> dict:
    bad = json.loads(json.dumps(m))
    c = rng.randrange(7)
    if c == 0:
        bad["version"] = rng.choice([2, "1", None])
    elif c == 1:
        bad[rng.choice(["title", "viewpoint", "date"])] = rng.choice(["", 3, "x" * 201])
    elif c == 2 and bad["initiatives"]:
        rng.choice(bad["initiatives"])["level"] = rng.choice(["track-4", 2, None])
    elif c == 3 and bad["links"]:
        rng.choice(bad["links"])["kind"] = rng.choice(["x", None])
    elif c == 4 and bad["links"]:
        rng.choice(bad["links"])["target"] = "nobody"
    elif c == 5:
        bad["initiatives"] = rng.choice(["a", None, [3]])
    else:
        bad["extra"] = True
    return bad


def test_python_and_javascript_agree_on_generated_maps(tmp_path):
    node = node_or_skip("the multi-track map twin's check")
    rng = random.Random(4)
    good = [GOOD] + [random_map(rng) for _ in range(150)]
    bad = [broken(rng, m) for m in good for _ in range(2)]
    csv = [K.to_csv(m) for m in good] + [K.to_csv(GOOD).replace(",track-3,", ",x,"), K.to_csv(GOOD).replace("map,", "mop,", 1)]
    data = {
        "all": good + bad,
        "good": good,
        "csv": csv,
        "ids": IDS,
        "kinds": KINDS,
        "levels": LEVELS,
        "edgeKinds": notation.edge_kinds(),
    }
    (tmp_path / "in.json").write_text(json.dumps(data), encoding="utf-8")
    runner = tmp_path / "run.mjs"
    runner.write_text(RUNNER.format(module=json.dumps(JS.as_uri())), encoding="utf-8")
    proc = subprocess.run([node, str(runner), str(tmp_path / "in.json")], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    js = json.loads(proc.stdout)
    assert js["problems"] == [K.tracks_problems(m, IDS, KINDS) for m in good + bad]
    assert sum(1 for p in js["problems"][len(good) :] if p) >= len(bad) * 0.8
    assert js["csv"] == [K.to_csv(m) for m in good]

    def attempt(t):
        try:
            return K.from_csv("m.csv", t)
        except LearnerFileError as err:
            return str(err)

    assert js["back"] == [attempt(t) for t in csv]
    assert js["specs"] == [K.to_spec(m, LEVELS) for m in good]
