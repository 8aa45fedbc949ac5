"""Placing dialogues: the scoring (tracktwo.maps.placing) and its static-book twin
(tracktwo/maps/js/src/placing_score.js) agree on many generated answers; so do the saved-state
checks (tracktwo.maps.model.state_problems and js/src/state.js)."""

from __future__ import annotations

import json
import random
import subprocess

import pytest

from tracktwo.maps.channels import placing_spec
from tracktwo.maps.model import state_problems
from tracktwo.maps.placing import MISSING, answer_problems, score_placement
from tracktwo.maps.table1 import build_table1_map
from support import ROOT, node_or_skip

JS = ROOT / "tracktwo" / "maps" / "js" / "src"


@pytest.fixture(scope="module")
def spec():
    return placing_spec()


def fields(result, channel):
    return next(i for i in result["items"] if i["channel"] == channel)["fields"]


def test_best_answers_score_full_marks(spec):
    answers = {k["channel"]: {"track": k["track"]["best"], "aim": k["aim"]["best"]} for k in spec["key"]}
    result = score_placement(spec["key"], answers)
    assert result["points"] == result["max"] == 2 * len(spec["key"]) and result["complete"]
    assert all(f["verdict"] == "best" for i in result["items"] for f in i["fields"].values())


def test_yangon_meetings_accept_track_one_and_a_half_and_say_why(spec):
    result = score_placement(spec["key"], {"yangon-meetings": {"track": "1.5", "aim": "manage"}})
    track = fields(result, "yangon-meetings")["track"]
    assert track["verdict"] == "accepted" and track["points"] == 1
    assert "a form of Track Two" in track["feedback"] and "close to the SAC and EAO decision-makers" in track["feedback"]
    best = fields(score_placement(spec["key"], {"yangon-meetings": {"track": "2"}}), "yangon-meetings")["track"]
    assert best["verdict"] == "best" and "a form of Track Two" in best["feedback"]


def test_wrong_and_missing_answers(spec):
    result = score_placement(spec["key"], {"sac-eao-contact": {"track": "3", "aim": "transform"}})
    f = fields(result, "sac-eao-contact")
    assert f["track"]["verdict"] == f["aim"]["verdict"] == "wrong"
    assert "Track 1.5" in f["track"]["feedback"] and "Sec. 2" in f["track"]["feedback"]
    assert fields(result, "nucc")["track"] == {"given": None, "verdict": "missing", "feedback": MISSING, "points": 0}
    assert result["points"] == 0 and not result["complete"]


def test_civil_society_cannot_be_managing(spec):
    f = fields(score_placement(spec["key"], {"civil-society": {"track": "3", "aim": "manage"}}), "civil-society")
    assert f["track"]["verdict"] == "best" and f["aim"]["verdict"] == "wrong"
    assert "transformational" in f["aim"]["feedback"]


def test_junk_answers_score_zero_without_error(spec):
    for junk in (None, [], "answers", {"nucc": "2"}, {"nucc": {"track": 2}}, {"ghost": {"track": "2"}}):
        result = score_placement(spec["key"], junk)
        assert result["points"] == 0 and not result["complete"]


def test_answer_problems(spec):
    assert answer_problems({"nucc": {"track": "2", "aim": "transform"}}, spec) == []
    assert answer_problems({"nucc": {"track": "9"}}, spec) == ['answer nucc.track is "9", not one of 1, 1.5, 2, 3']
    assert answer_problems({"ghost": {}}, spec) == ["unknown channel 'ghost'"]
    assert answer_problems([], spec) == ["the answers are not an object"]


# --- parity with the static book's JavaScript -------------------------------------------------------


def _random_answers(rng, spec):
    channels = [c["id"] for c in spec["channels"]] + ["ghost"]
    values = {
        "track": [t["id"] for t in spec["tracks"]] + ["", "4", 1.5, None],
        "aim": [a["id"] for a in spec["aims"]] + ["", "fix", 0, None],
    }
    roll = rng.random()
    if roll < 0.05:
        return rng.choice([None, [], "text", 3])
    answers = {}
    for ch in rng.sample(channels, rng.randint(0, len(channels))):
        if rng.random() < 0.05:
            answers[ch] = rng.choice(["2", [], None])
            continue
        answers[ch] = {f: rng.choice(values[f]) for f in ("track", "aim") if rng.random() < 0.85}
    return answers


def _random_state(rng, map_spec):
    ids = [n["id"] for n in map_spec["nodes"]][:6] + ["ghost"]
    roll = rng.random()
    if roll < 0.05:
        return rng.choice([None, [], "x", 7])
    state = {}
    if rng.random() < 0.7:
        state["encoding"] = rng.choice(["conflict", "dialogue", "colour", 3, None, ""])
    if rng.random() < 0.8:
        if rng.random() < 0.08:
            state["positions"] = rng.choice([[], "p", None])
        else:
            state["positions"] = {
                i: rng.choice(
                    [
                        {"x": rng.randint(-500, 500), "y": rng.uniform(-9, 9)},
                        {"x": 1},
                        {"x": "1", "y": 2},
                        {"x": True, "y": 0},
                        {"x": 2e6, "y": 0},
                        [],
                        None,
                    ]
                )
                for i in rng.sample(ids, rng.randint(0, len(ids)))
            }
    if rng.random() < 0.1:
        state["zoom"] = 2
    return state


RUNNER = """
import {{ scorePlacement }} from {score};
import {{ stateProblems }} from {state};
import {{ readFileSync }} from "node:fs";
const input = JSON.parse(readFileSync(process.argv[2], "utf8"));
const out = {{
  scores: input.answers.map((a) => scorePlacement(input.key, a)),
  states: input.states.map((s) => stateProblems(s, input.map)),
}};
process.stdout.write(JSON.stringify(out));
"""


def test_javascript_twins_agree_with_python(tmp_path, spec):
    node = node_or_skip("the JS parity check")
    rng = random.Random(20211101)
    map_spec = build_table1_map()
    answers = [_random_answers(rng, spec) for _ in range(600)]
    states = [_random_state(rng, map_spec) for _ in range(600)]
    (tmp_path / "input.json").write_text(json.dumps({"key": spec["key"], "answers": answers, "states": states, "map": map_spec}))
    runner = tmp_path / "runner.mjs"
    runner.write_text(
        RUNNER.format(score=json.dumps((JS / "placing_score.js").as_uri()), state=json.dumps((JS / "state.js").as_uri()))
    )
    proc = subprocess.run([node, str(runner), str(tmp_path / "input.json")], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    py_scores = [score_placement(spec["key"], a) for a in answers]
    assert out["scores"] == py_scores
    py_states = [state_problems(s, map_spec) for s in states]
    assert out["states"] == py_states
    # The generated inputs exercise every verdict and both good and bad states.
    verdicts = {f["verdict"] for r in py_scores for i in r["items"] for f in i["fields"].values()}
    assert verdicts == {"best", "accepted", "wrong", "missing"}
    assert any(p == [] for p in py_states) and sum(bool(p) for p in py_states) > 100
