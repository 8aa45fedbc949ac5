"""Moodle XML: one ``category`` question per bank, then its items (``quiz`` root).

Built with :mod:`xml.etree.ElementTree`, so every text (plain or HTML) is escaped as XML; HTML
fields carry HTML whose own text is escaped first (:func:`.lms_items.para`). Mapping and
limits: :mod:`.lms_items`.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter

from ..exercises.bank import Item
from .lms_items import (
    ExportBank,
    LmsExport,
    choice_weights,
    clean,
    general_feedback_html,
    grader_info_html,
    matching_answers,
    matching_pairs,
    option_feedback,
    para,
    prompt_html,
    weight_text,
)

#: Where the banks go in a course's question bank.
CATEGORY_ROOT = "$course$/top"


def category_path(bank: ExportBank) -> str:
    """The bank's category; a slash in a title is written ``//`` (Moodle's escape)."""
    return f"{CATEGORY_ROOT}/{clean(bank.title).replace('/', '//')}"


def _text(parent: ET.Element, tag: str, text: str, fmt: str | None = "html", **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, tag, {**({"format": fmt} if fmt else {}), **attrs})
    ET.SubElement(el, "text").text = text
    return el


def _common(q: ET.Element, item: Item, general: str = "") -> None:
    ET.SubElement(ET.SubElement(q, "name"), "text").text = clean(item.title)
    _text(q, "questiontext", prompt_html(item))
    _text(q, "generalfeedback", general)
    ET.SubElement(q, "defaultgrade").text = "1"
    ET.SubElement(q, "penalty").text = "0"
    ET.SubElement(q, "hidden").text = "0"
    ET.SubElement(q, "idnumber").text = item.ref


def _combined(q: ET.Element) -> None:
    for tag in ("correctfeedback", "partiallycorrectfeedback", "incorrectfeedback"):
        _text(q, tag, "")
    ET.SubElement(q, "shownumcorrect")


def _hint(q: ET.Element, item: Item) -> None:
    if item.hint:
        _text(q, "hint", para(item.hint))


def question(item: Item) -> ET.Element:
    """One item as a Moodle ``question`` element."""
    if item.type in ("single", "multiple"):
        q = ET.Element("question", {"type": "multichoice"})
        _common(q, item, general_feedback_html(item))
        ET.SubElement(q, "single").text = "true" if item.type == "single" else "false"
        ET.SubElement(q, "shuffleanswers").text = "false"
        ET.SubElement(q, "answernumbering").text = "abc"
        ET.SubElement(q, "showstandardinstruction").text = "1"
        _combined(q)
        for opt_id, weight in choice_weights(item).items():
            ans = _text(q, "answer", para(item.option(opt_id).text), fraction=weight_text(weight))
            _text(ans, "feedback", para(option_feedback(item, opt_id)))
        _hint(q, item)
    elif item.type in ("classification", "ordering"):
        q = ET.Element("question", {"type": "matching"})
        _common(q, item, general_feedback_html(item))
        ET.SubElement(q, "shuffleanswers").text = "false" if item.type == "ordering" else "true"
        _combined(q)
        pairs = matching_pairs(item)
        for stem, answer in pairs:
            sub = _text(q, "subquestion", para(stem))
            ET.SubElement(ET.SubElement(sub, "answer"), "text").text = answer
        used = {a for _, a in pairs}
        for extra in (a for a in matching_answers(item) if a not in used):
            # a category no item belongs in: an answer with an empty question (Moodle's distractor)
            sub = _text(q, "subquestion", "")
            ET.SubElement(ET.SubElement(sub, "answer"), "text").text = extra
        _hint(q, item)
    elif item.type == "open":
        q = ET.Element("question", {"type": "essay"})
        _common(q, item)
        for tag, value in (
            ("responseformat", "editor"),
            ("responserequired", "1"),
            ("responsefieldlines", "10"),
            ("attachments", "0"),
            ("attachmentsrequired", "0"),
        ):
            ET.SubElement(q, tag).text = value
        _text(q, "graderinfo", grader_info_html(item))
        _text(q, "responsetemplate", "")
        _hint(q, item)
    else:  # pragma: no cover - the loader admits only the five types
        raise ValueError(f"{item.ref}: no Moodle mapping for type {item.type!r}")
    return q


def moodle_xml(export: LmsExport) -> tuple[str, Counter]:
    """The whole export as one Moodle XML file, and the count of items written per course type."""
    root = ET.Element("quiz")
    written: Counter = Counter()
    for bank in export.banks:
        root.append(ET.Comment(f" bank {bank.id}: {len(bank.items)} items "))
        cat = ET.SubElement(root, "question", {"type": "category"})
        _text(cat, "category", category_path(bank), fmt=None)
        _text(cat, "info", para(bank.description) if bank.description else "")
        for item in bank.items:
            root.append(question(item))
            written[item.type] += 1
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n", written
