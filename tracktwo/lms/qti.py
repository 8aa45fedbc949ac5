"""A QTI 1.2 package for Canvas ("QTI .zip file" import): ``imsmanifest.xml`` plus one assessment
per bank (``<bank>/<bank>.xml``), so each bank becomes one quiz and one question bank.

The shape follows what Canvas's importer reads (``questestinterop`` > ``assessment`` > ``section``
> ``item``, with Canvas's ``question_type`` and ``points_possible`` in the item's metadata, as
Canvas's own exports and text2qti write them). Texts are HTML (``texttype="text/html"``), escaped
as XML by :mod:`xml.etree.ElementTree`. Mapping and limits: :mod:`.lms_items`.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile
from collections import Counter

from ..exercises.bank import Item
from .lms_items import (
    ExportBank,
    LmsExport,
    choice_weights,
    clean,
    general_feedback_html,
    matching_answers,
    matching_pairs,
    option_feedback,
    para,
    prompt_html,
)

QTI_NS = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
CP_NS = "http://www.imsglobal.org/xsd/imscp_v1p1"
QUESTION_TYPES = {
    "single": "multiple_choice_question",
    "multiple": "multiple_answers_question",
    "classification": "matching_question",
    "ordering": "matching_question",
    "open": "essay_question",
}
#: A fixed date keeps the package the same from one build to the next.
ZIP_DATE = (2020, 1, 1, 0, 0, 0)


def ident(*parts: str) -> str:
    return "tt-" + "-".join(parts)


def _meta(parent: ET.Element, fields: dict[str, str]) -> None:
    md = ET.SubElement(parent, "qtimetadata")
    for label, entry in fields.items():
        f = ET.SubElement(md, "qtimetadatafield")
        ET.SubElement(f, "fieldlabel").text = label
        ET.SubElement(f, "fieldentry").text = entry


def _material(parent: ET.Element, html: str, texttype: str = "text/html") -> None:
    ET.SubElement(ET.SubElement(parent, "material"), "mattext", {"texttype": texttype}).text = html


def _feedback(item_el: ET.Element, fid: str, html: str) -> None:
    fb = ET.SubElement(item_el, "itemfeedback", {"ident": fid})
    _material(ET.SubElement(fb, "flow_mat"), html)


def _condition(
    res: ET.Element, cont: str, test: ET.Element | None, score: tuple[str, str] | None = None, fb: str | None = None
) -> None:
    cond = ET.SubElement(res, "respcondition", {"continue": cont})
    var = ET.SubElement(cond, "conditionvar")
    var.append(test if test is not None else ET.Element("other"))
    if score:
        ET.SubElement(cond, "setvar", {"action": score[0], "varname": "SCORE"}).text = score[1]
    if fb:
        ET.SubElement(cond, "displayfeedback", {"feedbacktype": "Response", "linkrefid": fb})


def _varequal(respident: str, value: str) -> ET.Element:
    el = ET.Element("varequal", {"respident": respident})
    el.text = value
    return el


def item_element(item: Item) -> ET.Element:
    """One exercise as a QTI 1.2 ``item`` in Canvas's dialect."""
    el = ET.Element("item", {"ident": ident(item.bank, item.id), "title": clean(item.title)})
    general = general_feedback_html(item)
    labels: list[str] = []
    pres = ET.Element("presentation")
    _material(pres, prompt_html(item))
    res = ET.Element("resprocessing")
    ET.SubElement(
        ET.SubElement(res, "outcomes"), "decvar", {"maxvalue": "100", "minvalue": "0", "varname": "SCORE", "vartype": "Decimal"}
    )
    if general:
        _condition(res, "Yes", None, fb="general_fb")
    feedbacks: list[tuple[str, str]] = [("general_fb", general)] if general else []
    if item.type in ("single", "multiple"):
        lid = ET.SubElement(
            pres, "response_lid", {"ident": "response1", "rcardinality": "Single" if item.type == "single" else "Multiple"}
        )
        choice = ET.SubElement(lid, "render_choice")
        weights = choice_weights(item)
        for o in item.options:
            labels.append(o.id)
            _material(ET.SubElement(choice, "response_label", {"ident": o.id}), para(o.text))
            _condition(res, "Yes", _varequal("response1", o.id), fb=f"{o.id}_fb")
            feedbacks.append((f"{o.id}_fb", para(option_feedback(item, o.id))))
        if item.type == "single":
            for o in item.options:
                if weights[o.id] == 100:
                    _condition(res, "No", _varequal("response1", o.id), score=("Set", "100"))
        else:
            both = ET.Element("and")
            for o in item.options:
                if weights[o.id] > 0:
                    both.append(_varequal("response1", o.id))
                elif weights[o.id] < 0:
                    ET.SubElement(both, "not").append(_varequal("response1", o.id))
            _condition(res, "No", both, score=("Set", "100"))
    elif item.type in ("classification", "ordering"):
        answers = matching_answers(item)
        answer_ids = {a: f"a{k + 1}" for k, a in enumerate(answers)}
        pairs = matching_pairs(item)
        share = f"{100 / len(pairs):.2f}"
        for o, (stem, answer) in zip(item.options, pairs, strict=True):
            rid = f"response_{o.id}"
            lid = ET.SubElement(pres, "response_lid", {"ident": rid})
            _material(lid, stem, "text/plain")
            choice = ET.SubElement(lid, "render_choice")
            for a in answers:
                _material(ET.SubElement(choice, "response_label", {"ident": answer_ids[a]}), a, "text/plain")
            _condition(res, "No", _varequal(rid, answer_ids[answer]), score=("Add", share))
        labels = list(answer_ids.values())
    elif item.type == "open":
        resp = ET.SubElement(pres, "response_str", {"ident": "response1", "rcardinality": "Single"})
        ET.SubElement(ET.SubElement(resp, "render_fib"), "response_label", {"ident": "answer1", "rshuffle": "No"})
        _condition(res, "No", None)
    else:  # pragma: no cover
        raise ValueError(f"{item.ref}: no QTI mapping for type {item.type!r}")
    meta = ET.SubElement(el, "itemmetadata")
    _meta(
        meta,
        {
            "question_type": QUESTION_TYPES[item.type],
            "points_possible": "1",
            "original_answer_ids": ",".join(labels),
            "assessment_question_identifierref": ident(item.bank, item.id, "ref"),
        },
    )
    el.append(pres)
    el.append(res)
    for fid, html in feedbacks:
        _feedback(el, fid, html)
    return el


def assessment_xml(bank: ExportBank) -> str:
    root = ET.Element("questestinterop", {"xmlns": QTI_NS})
    test = ET.SubElement(root, "assessment", {"ident": ident(bank.id), "title": clean(bank.title)})
    _meta(test, {"cc_maxattempts": "1"})
    section = ET.SubElement(test, "section", {"ident": "root_section"})
    for item in bank.items:
        section.append(item_element(item))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def manifest_xml(export: LmsExport) -> str:
    root = ET.Element("manifest", {"identifier": ident("manifest"), "xmlns": CP_NS})
    md = ET.SubElement(root, "metadata")
    ET.SubElement(md, "schema").text = "IMS Content"
    ET.SubElement(md, "schemaversion").text = "1.1.3"
    ET.SubElement(root, "organizations")
    resources = ET.SubElement(root, "resources")
    for bank in export.banks:
        res = ET.SubElement(resources, "resource", {"identifier": ident(bank.id), "type": "imsqti_xmlv1p2"})
        ET.SubElement(res, "file", {"href": f"{bank.id}/{bank.id}.xml"})
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def qti_files(export: LmsExport) -> tuple[dict[str, str], Counter]:
    """The package's files (path in the zip -> text), and the count of items per course type."""
    files = {"imsmanifest.xml": manifest_xml(export)}
    written: Counter = Counter()
    for bank in export.banks:
        files[f"{bank.id}/{bank.id}.xml"] = assessment_xml(bank)
        written.update(i.type for i in bank.items)
    return files, written


def qti_zip(files: dict[str, str]) -> bytes:
    """The package as zip bytes (the manifest first, fixed dates: the same input, the same bytes)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in sorted(files, key=lambda n: (n != "imsmanifest.xml", n)):
            zf.writestr(zipfile.ZipInfo(name, ZIP_DATE), files[name].encode("utf-8"), zipfile.ZIP_DEFLATED)
    return buf.getvalue()
