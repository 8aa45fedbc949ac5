"""The perspective timeline (tracktwo/maps/timeline_tool.py) and its JavaScript twin
(js/src/timeline_model.js): checks, CSV and JSON round trips, one message for a bad file naming the
row or item and the field, the JSON schema in data/maps/ agreeing with the checks, the JupyterLab
widget saving beside the notebook and setting a bad file aside, and both tiers agreeing string for
string on many generated timelines."""

from __future__ import annotations

import json
import random
import subprocess

import jsonschema
import pytest

from support import ROOT, node_or_skip
from tracktwo.data.learner_files import LearnerFileError
from tracktwo.maps import timeline_tool as T
from tracktwo.maps.html import timeline_tool_html

JS = ROOT / "tracktwo/maps/js/src/timeline_model.js"
SCHEMA = json.loads((ROOT / "data/maps/timeline.schema.json").read_text(encoding="utf-8"))

GOOD = {
    "format": "tracktwo-timeline",
    "version": 1,
    "title": "The dam, as the hill villages tell it",
    "viewpoint": "Hill villages (as our team imagines them)",
    "date": "2026-12-07",
    "events": [
        {"id": "e1", "date": "2021", "title": "Licence for the dam", "note": "Nobody asked us, \"again\"."},
        {"id": "e2", "date": "2020-03", "title": "Survey teams, then silence"},
        {"id": "e3", "date": "2021-02-01", "title": "Coup", "source": {"event": "coup", "cite": "Jones et al. (2021), Sec. 3"}},
    ],
}


def test_a_good_timeline_passes_and_comes_back_through_json_and_csv():
    assert T.timeline_problems(GOOD) == []
    jsonschema.validate(GOOD, SCHEMA)
    assert T.from_json("t.json", T.to_json(GOOD)) == GOOD
    assert T.from_csv("t.csv", T.to_csv(GOOD)) == GOOD
    assert [e["id"] for e in T.in_order(GOOD)] == ["e2", "e1", "e3"]


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda t: t.update(viewpoint=""), "field \"viewpoint\" is missing or empty"),
        (lambda t: t["events"][1].update(date="2020-13"), "event 2 field 'date' is \"2020-13\"; write YYYY"),
        (lambda t: t["events"][0].update(id="e2"), "event 2 field 'id': \"e2\" is used twice"),
        (
            lambda t: t["events"][2].update(source={"event": "coup"}),
            "event 3 field 'source' is not an object with 'event' and 'cite'",
        ),
        (lambda t: t["events"][0].update(colour="red"), "event 1 has unknown field \"colour\""),
        (lambda t: t.update(format="tracktwo-learner-map"), "this is not a course timeline file"),
    ],
)
def test_each_fault_is_named(change, message):
    bad = json.loads(json.dumps(GOOD))
    change(bad)
    problems = T.timeline_problems(bad)
    assert problems and message in problems[0], problems
    if "used twice" not in message:  # the one rule the schema cannot state (its description says so)
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(bad, SCHEMA)


def test_a_bad_file_is_one_message_naming_file_row_and_field():
    text = T.to_csv(GOOD).replace("2020-03", "March 2020")
    with pytest.raises(LearnerFileError) as err:
        T.from_csv("mine.csv", text)
    assert str(err.value).startswith("mine.csv: row 4 (event 2) field 'date' is \"March 2020\"")
    with pytest.raises(LearnerFileError, match=r"^mine.json: not valid JSON"):
        T.from_json("mine.json", b'{"format": "tracktwo-timeline",')
    with pytest.raises(LearnerFileError, match=r"^map.csv: row 1 \(the header\)"):
        T.from_csv("map.csv", "record,id,name\r\nmap,,x\r\n")


def test_the_widget_saves_beside_the_notebook_and_sets_a_bad_file_aside(tmp_path):
    from tracktwo.maps.map_widgets import PerspectiveTimeline

    path = tmp_path / "my-timeline.saved.json"
    w = PerspectiveTimeline(save_to=path)
    w.timeline = GOOD
    assert json.loads(path.read_text(encoding="utf-8")) == {"timeline": GOOD}
    assert PerspectiveTimeline(save_to=path).timeline == GOOD
    path.write_text('{"timeline": {"format": "tracktwo-timeline"}}', encoding="utf-8")
    again = PerspectiveTimeline(save_to=path)
    assert (
        again.timeline["events"] == []
        and "set-aside" in again.messages[0]
        and (tmp_path / "my-timeline.saved.json.set-aside").exists()
    )
    with pytest.raises(Exception, match="timeline: event 1 field 'date'"):
        again.timeline = dict(GOOD, events=[dict(GOOD["events"][0], date="soon")])


def test_the_book_markup_carries_the_course_events_with_their_citations():
    html = timeline_tool_html("my-timeline")
    assert 'data-tt-interactive="timeline"' in html and "Jones et al. (2021), Sec. 2" in html and "independence" in html


def test_picked_events_carry_every_source_and_the_course_note_on_the_date_and_both_versions():
    events = {e["id"]: e for e in T.course_events()}
    # the day of independence is not the brief's: the citation names where it comes from
    ind = events["independence"]["cite"]
    assert ind.startswith("Jones et al. (2021), Sec. 2; also Xinhua") and "the day is from Xinhua" in ind
    assert "xinhua-independence" not in ind  # keys resolved to citations
    # a discrepancy keeps both versions
    purge = events["mi-purge"]["cite"]
    assert "DISCREPANCY" in purge and "2005" in purge and "October 2004" in purge
    for e in events.values():
        assert (
            T.timeline_problems(
                {
                    **T.empty_timeline(),
                    "events": [
                        {
                            "id": "e1",
                            "date": e["date"],
                            "title": e["title"][:200],
                            "source": {"event": e["id"], "cite": e["cite"]},
                        }
                    ],
                }
            )
            == []
        ), e["id"]
        assert "[title not returned" not in e["cite"], e["id"]


# --- parity with the JavaScript twin -------------------------------------------------------------

RUNNER = """
import * as M from {module};
import {{ readFileSync }} from "node:fs";
const input = JSON.parse(readFileSync(process.argv[2], "utf8"));
const attempt = (fn) => {{ try {{ return fn(); }} catch (e) {{ return e.message; }} }};
process.stdout.write(JSON.stringify({{
  problems: input.all.map((t) => M.timelineProblems(t)),
  csv: input.good.map((t) => M.timelineToCsv(t)),
  csvBack: input.good.map((t) => M.timelineFromCsv("t.csv", M.timelineToCsv(t))),
  order: input.good.map((t) => M.inOrder(t).map((e) => e.id)),
  pyCsv: input.pyCsv.map((t) => attempt(() => M.timelineFromCsv("t.csv", t))),
  badJson: input.badJson.map((t) => attempt(() => M.timelineFromJson("t.json", t))),
}}));
"""


def random_timeline(rng: random.Random) -> dict:
    t = T.empty_timeline(
        rng.choice(["Mine", "The dam, 2019-21", 'A "quoted" title']),
        rng.choice(["Hill villages", "Our team, in town"]),
        "2026-12-07",
    )
    for i in range(rng.randint(0, 8)):
        e = {
            "id": f"e{i + 1}",
            "date": rng.choice(["2021", "2021-02", "2021-02-01", "1988-08-08", "2020-11"]),
            "title": rng.choice(["Coup", "Talks, again", "Line\nbreak"]),
        }
        if rng.random() < 0.5:
            e["note"] = rng.choice(["", "what it meant", 'said "no"', "a, b"])
            if e["note"] == "":
                del e["note"]
        if rng.random() < 0.3:
            e["source"] = {
                "event": rng.choice(["coup", "independence"]),
                "cite": rng.choice(
                    ["Jones et al. (2021), Sec. 2", "Jones et al. (2021), Sec. 2. The course's note: " + "n" * 900]
                ),
            }
        t["events"].append(e)
    return t


def breakt(rng: random.Random, t: dict) -> dict:
    bad = json.loads(json.dumps(t))
    c = rng.randrange(9)
    if c == 0:
        bad["version"] = rng.choice([2, "1", None, True])
    elif c == 1:
        bad[rng.choice(["title", "viewpoint", "date"])] = rng.choice(["", " ", 3, "x" * 201])
    elif c == 2:
        bad["events"] = rng.choice(["a", {}, None])
    elif c == 3:
        bad["extra"] = 1
    elif c == 4 and bad["events"]:
        rng.choice(bad["events"])["date"] = rng.choice(["21", "2021-00", "2021-02-30x", 2021])
    elif c == 5 and bad["events"]:
        rng.choice(bad["events"])["source"] = rng.choice(
            [{"event": "Coup!", "cite": "x"}, {"event": "coup"}, "coup", {"event": "coup", "cite": "c" * 1001}]
        )
    elif c == 6 and len(bad["events"]) > 1:
        bad["events"][1]["id"] = bad["events"][0]["id"]
    elif c == 7 and bad["events"]:
        rng.choice(bad["events"])["note"] = rng.choice([3, "n" * 1001])
    else:
        bad["events"] = (bad.get("events") or []) + [rng.choice([3, {"id": "bad id", "date": "2021", "title": "t"}])]
    return bad


def test_python_and_javascript_agree_on_generated_timelines(tmp_path):
    node = node_or_skip("the timeline twin's check")
    rng = random.Random(7)
    good = [GOOD] + [random_timeline(rng) for _ in range(150)]
    bad = [breakt(rng, t) for t in good for _ in range(2)]
    bad_json = ["{", "[]", '{"format": "tracktwo-timeline", "version": 1}', "\ufeff" + json.dumps(GOOD), "[" * 30]
    py_csv = [T.to_csv(t) for t in good] + [
        T.to_csv(GOOD).replace("2021-02-01", "1 Feb"),
        T.to_csv(GOOD).replace("timeline,", "time,", 1),
    ]
    data = {"all": good + bad, "good": good, "pyCsv": py_csv, "badJson": bad_json}
    (tmp_path / "in.json").write_text(json.dumps(data), encoding="utf-8")
    runner = tmp_path / "run.mjs"
    runner.write_text(RUNNER.format(module=json.dumps(JS.as_uri())), encoding="utf-8")
    proc = subprocess.run([node, str(runner), str(tmp_path / "in.json")], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    js = json.loads(proc.stdout)
    assert js["problems"] == [T.timeline_problems(t) for t in good + bad]
    assert sum(1 for p in js["problems"] if p) >= len(bad) * 0.8  # the broken ones are mostly caught
    assert js["csv"] == [T.to_csv(t) for t in good]
    assert js["csvBack"] == good
    assert js["order"] == [[e["id"] for e in T.in_order(t)] for t in good]

    def attempt(fn):
        try:
            return fn()
        except LearnerFileError as err:
            return str(err)

    assert js["pyCsv"] == [attempt(lambda t=t: T.from_csv("t.csv", t)) for t in py_csv]
    # JSON parse errors are worded by each language's parser; the checks after parsing agree
    py_json = [attempt(lambda t=t: T.from_json("t.json", t)) for t in bad_json]
    for a, b in zip(py_json, js["badJson"]):
        if isinstance(a, dict) or "not valid JSON" not in a:
            assert a == b
        else:
            assert b.startswith("t.json: not valid JSON")
