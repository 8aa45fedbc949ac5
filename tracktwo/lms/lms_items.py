"""What the LMS export writes: which items, each type mapped to what an LMS has, shared texts.

Every format gets the same items from the same banks (one category or question bank per bank):

============== ============================= ============================= ==============================
course type    Moodle XML                    GIFT                          QTI 1.2 (Canvas)
============== ============================= ============================= ==============================
single         multichoice, one answer       multiple choice (``=``)       multiple_choice_question
multiple       multichoice, several answers  multiple choice (``~%w%``)    multiple_answers_question
classification matching (item -> category)   matching (``->``)             matching_question
ordering       matching (item -> position)   matching (item -> position)   matching_question (positions)
open           essay, no key                 essay (``{}``), no key        essay_question, no key
============== ============================= ============================= ==============================

Moodle's own "ordering" question is a plugin and GIFT and Canvas's classic quizzes have none, so an
ordering item becomes a matching question whose answers are the positions ("Position 1 (first)"):
every LMS scores it, per item in its right position (the course scores pairs in the right relative
order, so one slip costs less in the book). Nothing is skipped unless open items are left out on
request (``include_open=False``); then the count says so.
"""

from __future__ import annotations

import html
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .. import __version__
from ..exercises.bank import Item, all_banks, load_bank
from ..exercises.levels import FIXTURE_BANKS, placed_refs

#: The formats, in the order the report lists them, with the name it prints.
FORMATS = {"moodle": "Moodle XML", "gift": "GIFT", "qti": "QTI 1.2 (Canvas)"}

#: What each course type becomes, per format (the report and README.txt print this).
TARGETS: dict[str, dict[str, str]] = {
    "moodle": {
        "single": "multichoice (one answer)",
        "multiple": "multichoice (several answers)",
        "classification": "matching",
        "ordering": "matching (item -> position)",
        "open": "essay (no key)",
    },
    "gift": {
        "single": "multiple choice",
        "multiple": "multiple choice (weights)",
        "classification": "matching",
        "ordering": "matching (item -> position)",
        "open": "essay (no key)",
    },
    "qti": {
        "single": "multiple_choice_question",
        "multiple": "multiple_answers_question",
        "classification": "matching_question",
        "ordering": "matching_question (item -> position)",
        "open": "essay_question (no key)",
    },
}

TYPES = ("single", "multiple", "classification", "ordering", "open")

#: The grades Moodle accepts for an answer (question_bank::fraction_options_full), as percentages.
#: GIFT refuses any other weight, so a multiple-answer item needs 1 to 10 correct options.
_MOODLE_FRACTIONS = {round(100 / k, 5) for k in range(1, 11)} | {90.0, 83.33333, 80.0, 75.0, 70.0, 66.66667, 60.0, 40.0, 30.0}


class LmsError(ValueError):
    """An item the export cannot write faithfully: the message names the file, the item and the field."""


@dataclass(frozen=True)
class ExportBank:
    id: str
    title: str
    description: str
    path: Path
    items: tuple[Item, ...]


@dataclass
class LmsExport:
    """The banks to write and what was left out (by type), for the report."""

    banks: list[ExportBank]
    left_out: Counter = field(default_factory=Counter)
    include_open: bool = True
    #: Items of the format's fixture bank (``demo``) that no page shows: never exported.
    fixtures_not_shown: int = 0

    @property
    def items(self) -> list[Item]:
        return [i for b in self.banks for i in b.items]

    def counts(self) -> Counter:
        return Counter(i.type for i in self.items)


def export_banks(bank_dir: str | Path | None = None, *, include_open: bool = True) -> LmsExport:
    """Every bank in ``bank_dir`` (default ``data/exercises/``), loaded and checked by the course's
    loader (a broken bank raises its :class:`~tracktwo.exercises.BankError`), in file-name order.
    The format's fixture bank gives only the items a page shows (its others exist for the tests)."""
    banks, left_out, fixtures = [], Counter(), 0
    shown: set[str] | None = None
    for path in all_banks(bank_dir):
        bank = load_bank(path)
        items = []
        for item in bank.items.values():
            if bank.id in FIXTURE_BANKS:
                shown = placed_refs() if shown is None else shown
                if f"{bank.id}/{item.id}" not in shown:
                    fixtures += 1
                    continue
            if item.type == "open" and not include_open:
                left_out[item.type] += 1
                continue
            check_item(item)
            items.append(item)
        banks.append(ExportBank(bank.id, bank.title, bank.description, bank.path, tuple(items)))
    return LmsExport(banks, left_out, include_open, fixtures)


def _where(item: Item, fld: str) -> str:
    return f"{item.source or item.bank}: item {item.id!r}, field {fld!r}"


def check_item(item: Item) -> None:
    """Refuse what a format could not carry faithfully, naming the file, the item and the field."""
    if item.type == "multiple":
        weights = choice_weights(item)
        bad = [w for w in weights.values() if w and round(abs(w), 5) not in _MOODLE_FRACTIONS]
        if bad:
            raise LmsError(
                f"{_where(item, 'answer')}: gives each correct option {bad[0]:.5g}% of the mark, a weight Moodle "
                "refuses (it accepts 1 to 10 correct options counted for marks)"
            )
    if item.type in ("classification", "ordering"):
        for stem, answer in matching_pairs(item):
            for fld, text in (("options", stem), ("categories", answer)):
                if "->" in text:
                    raise LmsError(f"{_where(item, fld)}: {text!r} holds '->', which GIFT reads as a matching arrow")


def clean(text: str) -> str:
    """Plain text on one line (banks hold plain text; folded YAML may leave line breaks)."""
    return " ".join(str(text).split())


def para(text: str) -> str:
    """Plain text as one HTML paragraph (``<``, ``>`` and ``&`` escaped)."""
    return f"<p>{html.escape(clean(text), quote=False)}</p>"


def esc(text: str) -> str:
    return html.escape(clean(text), quote=False)


def map_lines(item: Item) -> list[str]:
    """The text version of an item's conflict map (the LMS cannot draw it), or nothing."""
    if not item.map:
        return []
    from ..maps.printed import map_text

    head = f"Map: {item.map.get('title', '')} (viewpoint: {item.map.get('viewpoint', '')}; {item.map.get('date', '')})"
    return [head, *map_text(item.map)]


def prompt_html(item: Item) -> str:
    """The question as HTML: the prompt, and an item's map in words."""
    out = para(item.prompt)
    lines = map_lines(item)
    if lines:
        out += para(lines[0]) + "<ul>" + "".join(f"<li>{esc(x)}</li>" for x in lines[1:]) + "</ul>"
    return out


def positions(n: int) -> list[str]:
    """The answers an ordering item is matched to: its positions, first to last."""
    return [f"Position {k}" + (" (first)" if k == 1 else " (last)" if k == n else "") for k in range(1, n + 1)]


def matching_pairs(item: Item) -> list[tuple[str, str]]:
    """(stem, answer) for a classification item (option -> its category) or an ordering item
    (option -> its position), options in display order."""
    if item.type == "classification":
        names = {c.id: c.text for c in item.categories}
        return [(clean(o.text), clean(names[item.answer[o.id]])) for o in item.options]
    if item.type == "ordering":
        where = positions(len(item.answer))
        return [(clean(o.text), where[list(item.answer).index(o.id)]) for o in item.options]
    raise ValueError(f"{item.ref} is a {item.type} item, not a matching one")


def matching_answers(item: Item) -> list[str]:
    """Every answer a matching question offers (classification: every category, even one no option
    is in; ordering: every position), in order."""
    if item.type == "classification":
        return [clean(c.text) for c in item.categories]
    return positions(len(item.answer))


def choice_weights(item: Item) -> dict[str, float]:
    """Each option's share of the mark, in percent, for single and multiple choice.

    single: the key and any accepted alternative 100, the rest 0. multiple: as the course scores it
    (correct picks minus wrong picks, never below 0): each correct option +100/n, each wrong one
    -100/n, where n counts the correct options; an option with an ``accept`` entry counts either
    way in the course, so it weighs 0 here (neither choice gains or loses) and is not in n.
    """
    accepted = {a.option for a in item.accept}
    if item.type == "single":
        return {o.id: 100.0 if o.id == item.answer or o.id in accepted else 0.0 for o in item.options}
    if item.type == "multiple":
        counted = [a for a in item.answer if a not in accepted]
        if not counted:
            raise LmsError(f"{_where(item, 'accept')}: every correct option is also accepted left out, so nothing is scored")
        share = 100.0 / len(counted)
        return {o.id: 0.0 if o.id in accepted else (share if o.id in item.answer else -share) for o in item.options}
    raise ValueError(f"{item.ref} is a {item.type} item, not a choice one")


def weight_text(w: float) -> str:
    """A weight as Moodle writes it: ``100``, ``33.33333``, ``-50``."""
    text = f"{w:.5f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def option_feedback(item: Item, option_id: str) -> str:
    """What the learner reads on choosing an option: its feedback, and why an accepted alternative
    is defensible."""
    opt = item.option(option_id)
    text = clean(opt.feedback)
    for a in item.accept:
        if a.option == option_id and item.type == "single":
            text += " Counted as correct: " + clean(a.rationale)
    return text


def general_feedback_html(item: Item) -> str:
    """Feedback shown after an attempt, for what per-answer feedback cannot carry: each item's
    explanation in a matching question (classification, ordering), and accepted alternatives."""
    parts = []
    if item.type == "classification":
        names = {c.id: c.text for c in item.categories}
        parts.append(
            "<ul>"
            + "".join(f"<li>{esc(o.text)} ({esc(names[item.answer[o.id]])}): {esc(o.feedback)}</li>" for o in item.options)
            + "</ul>"
        )
    elif item.type == "ordering":
        parts.append(
            "<ol>"
            + "".join(f"<li>{esc(item.option(a).text)}: {esc(item.option(a).feedback)}</li>" for a in item.answer)
            + "</ol>"
        )
    if item.accept and item.type != "single":
        names = {c.id: c.text for c in item.categories}
        lines = []
        for a in item.accept:
            what = esc(item.option(a.option).text)
            if item.type == "classification":
                what += f" in {esc(names[a.category])}"
            lines.append(f"<li>{what}: {esc(a.rationale)}</li>")
        note = (
            "Also defensible (the course counts it as correct; this quiz marks it wrong, so regrade it by hand):"
            if item.type == "classification"
            else "Either choice counts on this option (it carries no marks here):"
        )
        parts.append(para(note) + "<ul>" + "".join(lines) + "</ul>")
    return "".join(parts)


def grader_info_html(item: Item) -> str:
    """An open item's checklist and model answer, for the grader only (Moodle XML ``graderinfo``)."""
    out = para("What a strong answer includes:") + "<ul>" + "".join(f"<li>{esc(c)}</li>" for c in item.checklist) + "</ul>"
    if item.model_answer:
        out += para("Model answer:") + para(item.model_answer.text) + para("Why it is strong: " + item.model_answer.why)
    return out


def report_lines(export: LmsExport, counts: dict[str, Counter]) -> list[str]:
    """The per-format, per-type counts ``make lms`` prints (``counts``: format -> Counter of the
    course types each writer wrote)."""
    source = export.counts()
    lines = [f"{len(export.banks)} banks, {sum(source.values())} items exported (one category per bank)."]
    width = max(len(n) for n in FORMATS.values())
    head = f"  {'type':<15}{'in banks':>9}  " + "  ".join(f"{n:>{width}}" for n in FORMATS.values())
    lines.append(head)
    for typ in TYPES:
        row = [counts[f][typ] for f in FORMATS]
        lines.append(f"  {typ:<15}{source[typ] + export.left_out[typ]:>9}  " + "  ".join(f"{c:>{width}}" for c in row))
    total = [sum(counts[f].values()) for f in FORMATS]
    lines.append(
        f"  {'total':<15}{sum(source.values()) + sum(export.left_out.values()):>9}  " + "  ".join(f"{c:>{width}}" for c in total)
    )
    for fmt, name in FORMATS.items():
        lines.append(f"  {name}: " + "; ".join(f"{t} -> {TARGETS[fmt][t]}" for t in TYPES if counts[fmt][t]))
    if export.left_out:
        lines.append("  skipped: " + ", ".join(f"{n} {t} (open items left out on request)" for t, n in export.left_out.items()))
    else:
        lines.append("  skipped: none")
    if export.fixtures_not_shown:
        lines.append(f"  not exported: {export.fixtures_not_shown} items of the format's fixture bank that no page shows")
    return lines


def readme_text(export: LmsExport, counts: dict[str, Counter], base_url: str) -> str:
    """README.txt for _build/lms/: what each file is, how each type was mapped, what differs."""
    open_note = (
        "Open (written) items are essay questions with no key. Their checklist and model answer are only "
        "in the Moodle XML file, as grader information (graderinfo), which Moodle shows to graders, never "
        "to students. The GIFT and QTI files carry no model answer (GIFT has no field for one; Canvas's "
        "essay has no grader-only field that its QTI import keeps)."
        if export.include_open
        else "Open (written) items were left out on request (--no-open): see 'skipped' below."
    )
    lines = [
        f"Track Two: the exercise banks for a learning-management system (made by `make lms`), version {__version__}",
        "",
        "FOR INSTRUCTORS. The question files hold the answer keys and feedback: import them into the LMS",
        "(which keeps keys from students); do not hand them to participants. The chapter links files",
        "(links/) hold no key and may go on a course page.",
        "",
        "Files",
        "  moodle/track-two-questions.xml   Moodle XML: Question bank > Import > Moodle XML format",
        "  gift/track-two-questions.gift.txt GIFT: Question bank > Import > GIFT format",
        "  qti/track-two-qti.zip            QTI 1.2 package (imsmanifest.xml + one assessment per bank):",
        "                                   Canvas: Settings > Import course content > QTI .zip file",
        "  links/chapters.html, links/chapters.md   the chapter links for a course page",
        f"                                   (links: {base_url or 'relative, beside the built book'})",
        "",
        "Each bank is one category (Moodle) or one quiz and question bank (Canvas), named after the bank's title.",
        "",
        "Counts (items per course type, per format):",
        *report_lines(export, counts),
        "",
        "How each type is mapped, and what differs from the book",
        "- single: one correct answer; an accepted alternative (a defensible answer) also gets full marks.",
        "- multiple: each correct option +1/n of the mark, each wrong one -1/n, never below 0: the course's",
        "  rule. An option the course accepts either way carries no marks (0) and is not counted in n.",
        "- classification: a matching question, each item matched to its category. An accepted alternative",
        "  category cannot be scored by a matching question: it is listed in the general feedback, and a",
        "  learner who chose it must be regraded by hand.",
        "- ordering: Moodle's ordering question is a plugin, and GIFT and Canvas's classic quizzes have none,",
        "  so it is a matching question: each item matched to its position (Position 1 (first) ...). The LMS",
        "  scores items in their exact position; the book scores pairs in the right relative order.",
        "- open: " + open_note,
        "- Feedback: each option's feedback is its answer's feedback; the explanations of a matching",
        "  question (and accepted alternatives) are its general feedback. Hints are Moodle hints (shown in",
        "  interactive mode); GIFT and QTI have no hint field, so they carry none. Clues (the book's nudges",
        "  that do not give the answer) are not exported: an LMS shows the feedback after the attempt.",
        "- An item with a conflict map gives the map in words in its question text (an LMS cannot draw it).",
        "",
    ]
    return "\n".join(lines)
