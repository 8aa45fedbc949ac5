"""A printable summary of a design: the choices, then the findings grouped by kind, each with its
citation (pure functions over :func:`tracktwo.design.rules.evaluate`).

* :func:`summary_markdown`: Markdown (reads as plain text too), for printing or pasting.
* :func:`findings_html`: the same content as HTML, for the JupyterLab form and the worked
  examples in the book (static: they need no script).
"""

from __future__ import annotations

from html import escape
from typing import Any
from collections.abc import Mapping

from .responses import ANSWER_LABELS, ANSWERS, finding_name_notes, name_notes, short_summary
from .rules import FIELDS, KIND_LABELS, KINDS, RuleBook, evaluate, load_rules

FIELD_LABELS = {
    "track": "Track",
    "participants": "Participants",
    "convenor": "Convenor",
    "aim": "Aim",
    "funding": "Funding",
    "label": "Label",
}
BRIEF = "Jones, Min Zaw Oo and Palmiano Federer (2021)"
NOT_CHOSEN = "not chosen yet"


def choice_lines(design: Mapping[str, Any], book: RuleBook) -> list[tuple[str, str]]:
    """(field label, chosen option labels) for each choice, in the form's order."""
    out = []
    for field in FIELDS:
        if field == "participants":
            chosen = design.get("participants") or []
            text = "; ".join(book.option_label(field, p) for p in chosen) or NOT_CHOSEN
        else:
            value = design.get(field)
            text = book.option_label(field, value) if value is not None else NOT_CHOSEN
        notes = name_notes(text, book.successors) if text != NOT_CHOSEN else []
        text += "".join(f" [successor body: {n['short']}]" for n in notes)
        out.append((FIELD_LABELS[field], text))
    return out


def grouped(findings: list[dict[str, Any]]) -> list[tuple[str, list[dict[str, Any]]]]:
    """Findings grouped by kind (caution, tension, fit), keeping the rules' order within a kind."""
    return [(k, [f for f in findings if f["kind"] == k]) for k in KINDS if any(f["kind"] == k for f in findings)]


def cite(finding: Mapping[str, Any]) -> str:
    """The finding's source: the brief, the locator and the short quote or paraphrase."""
    c = finding["citation"]
    return f"{BRIEF}, {c['locator']}: \u201c{c['quote']}\u201d"


def summary_markdown(design: Mapping[str, Any], book: RuleBook | None = None, title: str = "My dialogue design") -> str:
    """The printable summary as Markdown."""
    book = book or load_rules()
    findings = evaluate(design, book)
    lines = [f"# {title}", "", "## Choices", ""]
    lines += [f"- **{name}:** {text}" for name, text in choice_lines(design, book)]
    responses = design.get("responses") or {}
    lines += ["", f"## What the brief says about this design ({len(findings)} finding{'s' if len(findings) != 1 else ''})", ""]
    lines += [short_summary(findings, responses), ""]
    for kind, items in grouped(findings):
        lines += [f"### {KIND_LABELS[kind]} ({len(items)})", ""]
        for f in items:
            related = f" (related: Track {f['related_track']})" if f.get("related_track") else ""
            lines += [f"- **{f['title']}**{related}. {f['message']}", f"  Source: {cite(f)}."]
            lines += [f"  Successor body: {n['successor']} ({n['item']})" for n in finding_name_notes(f, book.successors)]
            lines.append("  " + answer_text(responses.get(f["id"])))
        lines.append("")
    lines += [
        "",
        "Source: Jones, P., Min Zaw Oo and J. Palmiano Federer, \"The Crisis in Myanmar: Are there "
        "Roles for Track Two Diplomacy?\", Ottawa Dialogue Policy Brief No. 3, November 2021. "
        "The rules are the course's reading of the brief; they are prompts for judgement, not verdicts.",
    ]
    return "\n".join(lines).rstrip() + "\n"


def answer_text(response: Mapping[str, Any] | None) -> str:
    """The learner's answer to one finding, as a line of the summary."""
    if not isinstance(response, Mapping) or response.get("answer") not in ANSWERS:
        return "Your answer: not answered yet."
    reason = (response.get("reason") or "").strip()
    return f"Your answer: {ANSWER_LABELS[response['answer']]}" + (f", because: {reason}" if reason else ".")


def findings_html(findings: list[dict[str, Any]], heading_level: int = 4, successors: list[dict[str, Any]] | None = None) -> str:
    """The findings as HTML (grouped by kind, each with its citation). No script, no styles needed."""
    if not findings:
        return '<p class="tt-design-none">No rule applies yet: make more choices.</p>'
    h = f"h{heading_level}"
    parts = []
    for kind, items in grouped(findings):
        parts.append(f'<{h} class="tt-design-kind">{escape(KIND_LABELS[kind])} ({len(items)})</{h}>')
        parts.append(f'<ul class="tt-design-findings tt-design-{kind}">')
        for f in items:
            related = (
                f' <span class="tt-design-related">(pulls against Track {escape(f["related_track"])})</span>'
                if f.get("related_track") and kind == "tension"
                else ""
            )
            c = f["citation"]
            parts.append(
                f'<li data-rule="{escape(f["id"])}"><strong>{escape(f["title"])}</strong>{related}. '
                f'{escape(f["message"])} <cite class="tt-design-cite">{escape(BRIEF)}, {escape(c["locator"])}: '
                f'\u201c{escape(c["quote"])}\u201d</cite>'
                + "".join(
                    f'<span class="tt-design-successor"><em>Successor body:</em> {escape(n["successor"])} ({escape(n["item"])})</span>'
                    for n in finding_name_notes(f, successors or [])
                )
                + "</li>"
            )
        parts.append("</ul>")
    return "\n".join(parts)


def design_html(design: Mapping[str, Any], book: RuleBook | None = None, heading_level: int = 4) -> str:
    """Choices and findings as HTML (the worked examples; the lab form's findings pane)."""
    book = book or load_rules()
    findings = evaluate(design, book)
    rows = "".join(f"<li><strong>{escape(n)}:</strong> {escape(t)}</li>" for n, t in choice_lines(design, book))
    return f'<ul class="tt-design-choices">{rows}</ul>\n' + findings_html(findings, heading_level, book.successors)


def examples_html(book: RuleBook | None = None) -> str:
    """The worked examples (one per role of the brief's Section Four), with their findings."""
    book = book or load_rules()
    parts = ['<div class="tt-design-examples">']
    for ex in book.examples:
        parts.append(
            f'<section class="tt-design-example" id="design-example-{escape(ex["id"])}">'
            f'<h3>{escape(ex["title"])}</h3>{design_html(ex["design"], book, 4)}</section>'
        )
    parts.append("</div>")
    return "\n".join(parts)
