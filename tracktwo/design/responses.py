"""The learner's answers to the findings, a short summary first, and, beside a body the brief
names, the body that replaced it after the brief (pure functions; ``static/design.js`` mirrors them).

A design may carry ``responses``: for each finding the learner has answered, by rule id,
``{"answer": "accept" | "rebut", "reason": text}``. A rebuttal needs a reason; an acceptance may
have one. Answers to findings that no longer apply (the design changed) are kept, not shown, so a
learner who changes a choice back finds them again.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

ANSWERS = ("accept", "rebut")
ANSWER_LABELS = {"accept": "accepted", "rebut": "rebutted"}
MAX_REASON = 2000


def responses_problems(responses: Any, rule_ids: Sequence[str]) -> list[str]:
    """What is wrong with a design's ``responses`` (empty: it can be kept); each names the rule and field."""
    if not isinstance(responses, Mapping):
        return ["choice 'responses' must map a finding's rule id to an answer"]
    problems = []
    for rid, r in responses.items():
        where = f"responses '{str(rid)[:40]}'"
        if rid not in rule_ids:
            problems.append(f"{where}: not a rule id")
            continue
        if not isinstance(r, Mapping):
            problems.append(f"{where}: must be an answer (accept or rebut) and a reason")
            continue
        unknown = [k for k in r if k not in ("answer", "reason")]
        if unknown:
            problems.append(f"{where}: unknown field '{str(unknown[0])[:40]}'")
        if r.get("answer") not in ANSWERS:
            problems.append(f"{where}, field 'answer': must be accept or rebut")
        reason = r.get("reason", "")
        if not isinstance(reason, str):
            problems.append(f"{where}, field 'reason': must be text")
        elif len(reason) > MAX_REASON:
            problems.append(f"{where}, field 'reason': longer than {MAX_REASON:,} characters")
        elif r.get("answer") == "rebut" and not reason.strip():
            problems.append(f"{where}, field 'reason': a rebuttal needs a reason")
    return problems


def short_summary(findings: Sequence[Mapping[str, Any]], responses: Mapping[str, Any] | None = None) -> str:
    """One or two sentences: how many findings of each kind, and how many the learner has answered."""
    if not findings:
        return "No rule applies yet: make more choices."
    n = {"caution": 0, "tension": 0, "fit": 0}
    for f in findings:
        n[f["kind"]] += 1
    plural = lambda k, one, many: f"{k} {one if k == 1 else many}"  # noqa: E731
    text = (
        f"{plural(len(findings), 'finding', 'findings')}: {plural(n['caution'], 'caution', 'cautions')}, "
        f"{n['tension']} pulling against another track, {n['fit']} fitting the brief."
    )
    answered = [(responses or {}).get(f["id"]) for f in findings]
    answered = [a for a in answered if isinstance(a, Mapping) and a.get("answer") in ANSWERS]
    acc = sum(1 for a in answered if a["answer"] == "accept")
    reb = len(answered) - acc
    text += f" You have answered {len(answered)} of {len(findings)} ({acc} accepted, {reb} rebutted)."
    return text


def name_notes(text: str, successors: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """The bodies replaced after the brief whose name (``match``, a whole word) the text uses."""
    return [r for r in successors if re.search(r"(?<![A-Za-z0-9])" + re.escape(r["match"]) + r"(?![A-Za-z0-9])", text)]


def finding_name_notes(finding: Mapping[str, Any], successors: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """The bodies replaced after the brief that a finding names, in its title or its message."""
    return name_notes(finding["title"] + " " + finding["message"], successors)
