"""Design a dialogue, answered: accept or rebut each finding with a reason, a short summary first,
and the body that replaced one named in the brief, beside it (pure functions, the lab form's file)."""

from __future__ import annotations

import json

import pytest

from tracktwo.design.responses import finding_name_notes, name_notes, responses_problems, short_summary
from tracktwo.design.rules import design_problems, evaluate, load_rules
from tracktwo.design.summary import summary_markdown

BOOK = load_rules()
IDS = [r["id"] for r in BOOK.rules]
DESIGN = {"track": "1.5", "participants": ["sac", "eao-nca"], "convenor": None, "aim": None, "funding": None, "label": None}


@pytest.mark.parametrize(
    "bad, says",
    [
        ([], "must map a finding's rule id"),
        ({"nope": {"answer": "accept"}}, "responses 'nope': not a rule id"),
        ({IDS[0]: "yes"}, f"responses '{IDS[0]}': must be an answer"),
        ({IDS[0]: {"answer": "maybe"}}, "field 'answer': must be accept or rebut"),
        ({IDS[0]: {"answer": "rebut", "reason": "  "}}, "field 'reason': a rebuttal needs a reason"),
        ({IDS[0]: {"answer": "accept", "reason": 3}}, "field 'reason': must be text"),
        ({IDS[0]: {"answer": "accept", "reason": "x" * 2001}}, "longer than 2,000"),
        ({IDS[0]: {"answer": "accept", "why": ""}}, "unknown field 'why'"),
    ],
)
def test_bad_responses_are_named(bad, says):
    problems = responses_problems(bad, IDS)
    assert problems and says in problems[0]
    assert says in " ".join(design_problems(dict(DESIGN, responses=bad), BOOK))


def test_good_responses_pass_and_do_not_change_the_findings():
    good = {IDS[0]: {"answer": "accept", "reason": ""}, IDS[1]: {"answer": "rebut", "reason": "Not here"}}
    assert responses_problems(good, IDS) == []
    assert evaluate(dict(DESIGN, responses=good), BOOK) == evaluate(DESIGN, BOOK)


def test_short_summary_counts_kinds_and_answers():
    findings = evaluate(DESIGN, BOOK)
    n = len(findings)
    assert short_summary([], {}) == "No rule applies yet: make more choices."
    text = short_summary(findings, {findings[0]["id"]: {"answer": "rebut", "reason": "r"}, "other": {"answer": "accept"}})
    assert text.startswith(f"{n} findings: ")
    assert text.endswith(f"You have answered 1 of {n} (0 accepted, 1 rebutted).")


def test_the_sac_gets_the_body_that_replaced_it_both_names_and_a_whole_word_only():
    sac = [r for r in BOOK.successors if r["match"] == "SAC"]
    assert sac and "31 July 2025" in sac[0]["successor"]
    assert (
        "State Security and Peace Commission" in sac[0]["successor"]
        and "National Security and Peace Commission" in sac[0]["successor"]
    )
    assert "D27" in sac[0]["item"]
    assert name_notes("the SAC-EAO talks", BOOK.successors) and not name_notes("SACRED ISAC", BOOK.successors)
    named = [f["id"] for f in evaluate(DESIGN, BOOK) if finding_name_notes(f, BOOK.successors)]
    assert "track-15-sac-eao" in named


def test_summary_prints_answers_and_successor_bodies():
    findings = evaluate(DESIGN, BOOK)
    rid = findings[0]["id"]
    md = summary_markdown(dict(DESIGN, responses={rid: {"answer": "rebut", "reason": "Our partners are public"}}), BOOK)
    assert "Your answer: rebutted, because: Our partners are public" in md
    assert md.count("Your answer: not answered yet.") == len(findings) - 1
    assert "Successor body: " in md and "You have answered 1 of" in md


def test_lab_form_keeps_answers_in_its_file(tmp_path):
    from tracktwo.design.lab_form import DesignForm

    path = tmp_path / "my-design.json"
    form = DesignForm(save_to=path)
    form.set_design(DESIGN)
    first, second = [f["id"] for f in evaluate(DESIGN, BOOK)][:2]
    form.respond(first, "accept")
    with pytest.raises(ValueError, match="a rebuttal needs a reason"):
        form.respond(second, "rebut", "")
    form.respond(second, "rebut", "Not for us")
    saved = json.loads(path.read_text())
    assert saved["responses"] == {first: {"answer": "accept", "reason": ""}, second: {"answer": "rebut", "reason": "Not for us"}}
    again = DesignForm(save_to=path)
    assert again.responses == saved["responses"] and "1 accepted, 1 rebutted" in again.short.value
    assert "rebutted, because: Not for us" in again.summary().data


RUNNER = """
const D = require(%s);
const fs = require("fs");
const input = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const ids = input.book.rules.map((r) => r.id);
process.stdout.write(JSON.stringify({
  problems: input.responses.map((r) => D.responsesProblems(r, ids)),
  summaries: input.cases.map((c) => D.shortSummary(D.evaluate(c.design, input.book), c.responses)),
  notes: input.texts.map((t) => D.nameNotes(t, input.book.successors).map((n) => n.match)),
}));
"""


def test_javascript_twin_agrees_on_answers_summaries_and_names(tmp_path):
    import random
    import subprocess

    from support import ROOT, node_or_skip
    from tracktwo.design.markup import rules_json

    node = node_or_skip("the design answers' parity check")
    rng = random.Random(30)
    answers = [None, "accept", "rebut", "maybe", 3]
    reasons = ["", "  ", "Because", 4, "x" * 2001, None]
    responses, cases = [], []
    for _ in range(400):
        r = {}
        for rid in rng.sample(IDS + ["ghost"], rng.randrange(0, 4)):
            entry = {}
            if rng.random() < 0.9:
                entry["answer"] = rng.choice(answers)
            if rng.random() < 0.8:
                entry["reason"] = rng.choice(reasons)
            if rng.random() < 0.05:
                entry["why"] = 1
            r[rid] = entry if rng.random() < 0.95 else "yes"
        responses.append(r)
        design = {
            "track": rng.choice([None, "1", "1.5", "2", "3"]),
            "participants": rng.sample(BOOK.option_ids("participants"), rng.randrange(0, 4)),
        }
        cases.append({"design": design, "responses": r})
    texts = ["the SAC-EAO talks", "SACRED", "ISAC", "(SAC)", "no body", "SAC"]
    data = {"book": json.loads(rules_json()), "responses": responses + [[], "x"], "cases": cases, "texts": texts}
    (tmp_path / "input.json").write_text(json.dumps(data))
    runner = tmp_path / "runner.cjs"
    runner.write_text(RUNNER % json.dumps(str(ROOT / "tracktwo" / "design" / "static" / "design.js")))
    proc = subprocess.run([node, str(runner), str(tmp_path / "input.json")], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    py_problems = [responses_problems(r, IDS) for r in data["responses"]]
    assert out["problems"] == py_problems
    assert sum(bool(p) for p in py_problems) > 100 and not all(py_problems)
    assert out["summaries"] == [short_summary(evaluate(c["design"], BOOK), c["responses"]) for c in cases]
    assert out["notes"] == [[n["match"] for n in name_notes(t, BOOK.successors)] for t in texts]
    assert out["notes"] == [["SAC"], [], [], ["SAC"], [], ["SAC"]]
