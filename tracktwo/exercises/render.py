"""Static HTML for an exercise, in one of three editions. Pure functions: same input, same output.

* ``learner`` (default, self-study): the controls, plus a JSON block with the answer key, the
  feedback, clues, accepted alternatives and model answer that ``static/exercises.js`` uses to
  check answers in the page (:func:`page_data`: what the page already shows, the title, the
  options' texts and the checklist's points, is not repeated there; the engine reads it back from
  the page). The buttons stay hidden until the script runs, so no control that does nothing is ever
  shown. An open item's checklist is in the page but hidden until the learner has written an answer
  and asked for it; the engine then shows the model answer under it, as a disclosure (a heading
  holding a button) that stays closed until the learner opens it.
* ``participant`` (workshop handout): an answerable, printable form. No answer, feedback, hint,
  clue, rationale, checklist or model answer anywhere in the HTML, not even hidden; the output does
  not depend on the answer at all (a test renders it with different answers and compares).
* ``instructor``: the answer key inline: every option marked right or wrong, with its feedback,
  clue and accepted alternatives; an open item's checklist and model answer.

``heading_level`` is the level of the headings an exercise may hold (the model answer's): one
below the section the exercise is placed in, so the page's outline stays in order.

Learners never see internal ids (``bank/item``); only the instructor edition names them, for
facilitators.

Ids are derived from the bank and item ids (``tt-ex--demo--oslo-talks``), never random, so the
output of a notebook cell or a page is the same on every run.
"""

from __future__ import annotations

import json
from html import escape
from typing import Any

from .bank import Item
from .messages import fmt, msg

EDITIONS = ("learner", "participant", "instructor")

#: Marks an interactive (learner) exercise; the Sphinx plugin loads exercises.js on pages that have it.
INTERACTIVE_MARKER = "data-tt-exercise="
#: Marks any exercise; the plugin loads exercises.css on pages that have it.
EXERCISE_CLASS = "tt-exercise"


def dom_id(item: Item, *parts: str) -> str:
    """A deterministic, page-unique id: ``tt-ex--bank--item[--part...]`` (ids never contain '--')."""
    return "--".join(["tt-ex", item.bank, item.id, *parts])


def _e(text: str) -> str:
    return escape(text, quote=True)


def _script_json(obj: Any) -> str:
    text = json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("</", "<\\/").replace("<!--", "<\\!--")


def _header(item: Item, edition: str) -> str:
    title_id = dom_id(item, "title")
    return (
        f'<p class="tt-ex-kicker"><span class="tt-ex-type">{_e(msg("type_" + item.type))}</span></p>'
        f'<p class="tt-ex-title" id="{title_id}">{_e(item.title)}</p>'
    )


def _objective(item: Item) -> str:
    return f'<p class="tt-ex-objective">{_e(fmt("objective", objective=item.objective))}</p>'


def _categories_list(item: Item) -> str:
    if item.type != "classification":
        return ""
    rows = "".join(
        f'<li><span class="tt-ex-cat-name">{_e(c.text)}</span>' + (f': {_e(c.description)}' if c.description else "") + "</li>"
        for c in item.categories
    )
    return f'<ul class="tt-ex-categories">{rows}</ul>'


def _open(item: Item, edition: str, extra_attrs: str = "") -> str:
    classes = f"{EXERCISE_CLASS} tt-ex-{item.type} tt-ex-edition-{edition}"
    return (
        f'<div class="{classes}" id="{dom_id(item)}" role="group" '
        f'aria-labelledby="{dom_id(item, "title")}" data-tt-edition="{edition}"{extra_attrs}>'
    )


# ---------------------------------------------------------------------------------------------
# Learner edition: controls + answer key as JSON for the page engine.


def _answer_box(item: Item, rows: int, describedby: str) -> str:
    aid = dom_id(item, "answer")
    return (
        f'<label class="tt-ex-answer-label" for="{aid}">{_e(msg("answer_label"))}</label>'
        f'<textarea class="tt-ex-answer" id="{aid}" rows="{rows}" aria-describedby="{describedby}"></textarea>'
    )


def _learner_controls(item: Item) -> str:
    name = dom_id(item)
    out: list[str] = []
    if item.type == "open":
        out.append(_answer_box(item, 6, dom_id(item, "instr")))
    elif item.type in ("single", "multiple"):
        kind = "radio" if item.type == "single" else "checkbox"
        out.append('<ul class="tt-ex-options">')
        for o in item.options:
            cid, fid = dom_id(item, "opt", o.id), dom_id(item, "opt", o.id, "fb")
            out.append(
                f'<li class="tt-ex-option" data-option="{_e(o.id)}">'
                f'<span class="tt-ex-control"><input type="{kind}" name="{name}" id="{cid}" value="{_e(o.id)}" '
                f'aria-describedby="{fid}"><label for="{cid}">{_e(o.text)}</label></span>'
                f'<div class="tt-ex-feedback" id="{fid}"></div></li>'
            )
        out.append("</ul>")
    elif item.type == "classification":
        choices = f'<option value="">{_e(msg("choose_category"))}</option>' + "".join(
            f'<option value="{_e(c.id)}">{_e(c.text)}</option>' for c in item.categories
        )
        out.append('<ul class="tt-ex-options">')
        for o in item.options:
            cid, fid = dom_id(item, "opt", o.id), dom_id(item, "opt", o.id, "fb")
            out.append(
                f'<li class="tt-ex-option" data-option="{_e(o.id)}">'
                f'<label class="tt-ex-item-text" for="{cid}">{_e(o.text)}</label>'
                f'<select id="{cid}" aria-describedby="{fid}">{choices}</select>'
                f'<div class="tt-ex-feedback" id="{fid}"></div></li>'
            )
        out.append("</ul>")
    else:  # ordering
        out.append(f'<ol class="tt-ex-order" id="{dom_id(item, "order")}">')
        for o in item.options:
            tid, fid = dom_id(item, "opt", o.id), dom_id(item, "opt", o.id, "fb")
            out.append(
                f'<li class="tt-ex-option" data-option="{_e(o.id)}">'
                f'<span class="tt-ex-item-text" id="{tid}">{_e(o.text)}</span>'
                f'<span class="tt-ex-move" hidden>'
                f'<button type="button" class="tt-ex-up" aria-describedby="{tid}">'
                f'<span aria-hidden="true">\u2191 </span>{_e(msg("move_up"))}</button>'
                f'<button type="button" class="tt-ex-down" aria-describedby="{tid}">'
                f'<span aria-hidden="true">\u2193 </span>{_e(msg("move_down"))}</button></span>'
                f'<div class="tt-ex-feedback" id="{fid}"></div></li>'
            )
        out.append("</ol>")
    return "".join(out)


def _checklist(item: Item) -> str:
    """The open item's self-check: hidden until the learner has written an answer and asks for it."""
    rows = []
    for n, point in enumerate(item.checklist):
        cid = dom_id(item, "point", str(n))
        rows.append(
            f'<li class="tt-ex-point"><span class="tt-ex-control"><input type="checkbox" class="tt-ex-tick" '
            f'id="{cid}" value="{n}"><label for="{cid}">{_e(point)}</label></span></li>'
        )
    return (
        f'<fieldset class="tt-ex-checklist" id="{dom_id(item, "checklist")}" hidden>'
        f'<legend>{_e(msg("checklist_legend"))}</legend><ul class="tt-ex-points">{"".join(rows)}</ul></fieldset>'
    )


def _heading(level: int) -> int:
    return min(6, max(2, int(level)))


def _model_answer_body(item: Item) -> str:
    model = item.model_answer
    return (
        f'<p class="tt-ex-model-text">{_e(model.text)}</p>'
        f'<p class="tt-ex-model-why"><strong>{_e(msg("model_why"))}</strong> {_e(model.why)}</p>'
    )


def page_data(item: Item, heading_level: int = 3) -> dict[str, Any]:
    """What the learner edition's JSON block holds: :meth:`Item.to_data` without what the page
    already shows (the title, the options' texts, the checklist's points: the engine reads them back
    from the page, so each is sent once), plus an open item's model answer and the level of its
    heading. Every byte here is paid on every visit to the page (the page-weight budgets)."""
    data = item.to_data()
    del data["title"]
    data["options"] = [{k: v for k, v in o.items() if k != "text" and v != ""} for o in data["options"]]
    for key in ("options", "categories", "accept"):
        if not data[key]:
            del data[key]
    if item.type == "open":
        data["checklist"] = len(item.checklist)
        del data["answer"]
        if item.model_answer is not None:
            model = item.model_answer
            data["model"] = {"text": model.text, "why": model.why, "level": _heading(heading_level)}
    else:
        del data["checklist"]
    return data


def _learner(item: Item, course_version: str, figure: str = "", heading_level: int = 3) -> str:
    hint_id = dom_id(item, "hint")
    parts = [
        _open(item, "learner", f' data-tt-exercise="{_e(item.ref)}" data-tt-course-version="{_e(course_version)}"'),
        _header(item, "learner"),
        '<fieldset class="tt-ex-body">',
        f'<legend class="tt-ex-prompt">{_e(item.prompt)}</legend>',
        figure,
        f'<p class="tt-ex-instructions" id="{dom_id(item, "instr")}">{_e(msg("instr_" + item.type))}</p>',
        _categories_list(item),
        _learner_controls(item),
        "</fieldset>",
        '<div class="tt-ex-actions" hidden>',
    ]
    if item.type == "open":
        parts.append(
            f'<button type="button" class="tt-ex-reveal" aria-controls="{dom_id(item, "checklist")}">{_e(msg("reveal"))}</button>'
        )
    else:
        parts.append(f'<button type="button" class="tt-ex-check">{_e(msg("check"))}</button>')
    if item.hint:
        parts.append(
            f'<button type="button" class="tt-ex-hint-toggle" aria-expanded="false" '
            f'aria-controls="{hint_id}">{_e(msg("hint_show"))}</button>'
        )
    if item.type != "open":
        parts += [
            f'<button type="button" class="tt-ex-solution">{_e(msg("solution"))}</button>',
            f'<button type="button" class="tt-ex-retry">{_e(msg("retry"))}</button>',
        ]
    parts.append("</div>")
    if item.hint:
        parts.append(
            f'<div class="tt-ex-hint" id="{hint_id}" hidden><p><strong>{_e(msg("hint_label"))}</strong> {_e(item.hint)}</p></div>'
        )
    if item.type == "open":
        parts.append(_checklist(item))
    parts += [
        '<div class="tt-ex-result" role="status" aria-live="polite" aria-atomic="true"></div>',
        _objective(item),
        f'<noscript><p class="tt-ex-noscript">{_e(msg("noscript"))}</p></noscript>',
        f'<script type="application/json" class="tt-ex-data">{_script_json(page_data(item, heading_level))}</script>',
        "</div>",
    ]
    return "".join(parts)


# ---------------------------------------------------------------------------------------------
# Participant edition: an answerable, printable form with no key.


def _participant(item: Item, figure: str = "") -> str:
    name = dom_id(item)
    out = [
        _open(item, "participant"),
        _header(item, "participant"),
        '<fieldset class="tt-ex-body">',
        f'<legend class="tt-ex-prompt">{_e(item.prompt)}</legend>',
        figure,
        f'<p class="tt-ex-instructions" id="{dom_id(item, "instr")}">'
        f'{_e(msg({"ordering": "instr_ordering_form", "open": "instr_open_form"}.get(item.type, "instr_" + item.type)))}</p>',
        _categories_list(item),
    ]
    if item.type == "open":
        out.append(_answer_box(item, 10, dom_id(item, "instr")))
    elif item.type in ("single", "multiple"):
        kind = "radio" if item.type == "single" else "checkbox"
        out.append('<ul class="tt-ex-options">')
        for o in item.options:
            cid = dom_id(item, "opt", o.id)
            out.append(
                f'<li class="tt-ex-option"><span class="tt-ex-control"><input type="{kind}" name="{name}" '
                f'id="{cid}" value="{_e(o.id)}"><label for="{cid}">{_e(o.text)}</label></span></li>'
            )
        out.append("</ul>")
    elif item.type == "classification":
        out.append('<ul class="tt-ex-options">')
        for o in item.options:
            gid = dom_id(item, "opt", o.id)
            radios = "".join(
                f'<span class="tt-ex-control"><input type="radio" name="{gid}" id="{gid}--{c.id}" value="{_e(c.id)}">'
                f'<label for="{gid}--{c.id}">{_e(c.text)}</label></span>'
                for c in item.categories
            )
            out.append(
                f'<li class="tt-ex-option"><fieldset class="tt-ex-sort" id="{gid}">'
                f'<legend class="tt-ex-item-text">{_e(o.text)}</legend>{radios}</fieldset></li>'
            )
        out.append("</ul>")
    else:
        out.append('<ul class="tt-ex-options tt-ex-order-form">')
        n = len(item.options)
        for o in item.options:
            cid, tid = dom_id(item, "opt", o.id), dom_id(item, "opt", o.id, "text")
            out.append(
                f'<li class="tt-ex-option"><span class="tt-ex-position"><label for="{cid}">'
                f'{_e(msg("position_label"))}</label> <input type="text" inputmode="numeric" '
                f'pattern="[0-9]*" maxlength="2" size="2" id="{cid}" aria-describedby="{tid}" '
                f'title="1 to {n}"></span> <span class="tt-ex-item-text" id="{tid}">{_e(o.text)}</span></li>'
            )
        out.append("</ul>")
    out += [
        "</fieldset>",
        f'<p class="tt-ex-edition-note">{_e(msg("form_note"))}</p>',
        _objective(item),
        "</div>",
    ]
    return "".join(out)


# ---------------------------------------------------------------------------------------------
# Instructor edition: the key inline.


def _key_line(kind: str, text: str) -> str:
    return f'<p class="tt-ex-line tt-ex-line--{kind}">{_e(text)}</p>'


def _extras(item: Item, option_id: str) -> str:
    """An option's clue and accepted alternatives, for the key."""
    out = []
    for a in item.accept:
        if a.option == option_id:
            label = fmt("key_accepted_category", category=item.category(a.category).text) if a.category else msg("key_accepted")
            out.append(_key_line("accepted", label) + _key_line("feedback", a.rationale))
    clue = item.option(option_id).clue
    if clue:
        out.append(f'<p class="tt-ex-line tt-ex-line--clue"><strong>{_e(msg("key_clue"))}</strong> {_e(clue)}</p>')
    return "".join(out)


def _instructor(item: Item, figure: str = "", heading_level: int = 3) -> str:
    out = [
        _open(item, "instructor"),
        _header(item, "instructor"),
        f'<p class="tt-ex-prompt">{_e(item.prompt)}</p>',
        figure,
        _categories_list(item),
    ]
    if item.type == "open":
        points = "".join(f"<li>{_e(p)}</li>" for p in item.checklist)
        out.append(
            f'<div class="tt-ex-key"><p class="tt-ex-line tt-ex-line--info">{_e(msg("key_checklist"))}</p>'
            f'<ul class="tt-ex-points">{points}</ul></div>'
        )
        if item.model_answer is not None:
            h = _heading(heading_level)
            out.append(
                f'<section class="tt-ex-key tt-ex-model tt-ex-model--key" aria-labelledby="{dom_id(item, "model", "heading")}">'
                f'<h{h} class="tt-ex-model-heading" id="{dom_id(item, "model", "heading")}">{_e(msg("model_heading"))}</h{h}>'
                f'<p class="tt-ex-line tt-ex-line--info">{_e(msg("key_model"))}</p>'
                f"{_model_answer_body(item)}</section>"
            )
    elif item.type in ("single", "multiple"):
        correct = set(item.answer) if item.type == "multiple" else {item.answer}
        out.append('<ul class="tt-ex-options tt-ex-key">')
        for o in item.options:
            ok = o.id in correct
            mark = msg("solution_correct_option" if ok else "solution_wrong_option")
            out.append(
                f'<li class="tt-ex-option tt-ex-option--{"right" if ok else "wrong"}">'
                f'<p class="tt-ex-item-text">{_e(o.text)}</p>'
                f'<div class="tt-ex-feedback">{_key_line("right" if ok else "wrong", mark)}'
                f'{_key_line("feedback", o.feedback)}{_extras(item, o.id)}</div></li>'
            )
        out.append("</ul>")
    elif item.type == "classification":
        out.append('<ul class="tt-ex-options tt-ex-key">')
        for o in item.options:
            cat = item.category(item.answer[o.id]).text
            out.append(
                f'<li class="tt-ex-option"><p class="tt-ex-item-text">{_e(o.text)}</p>'
                f'<div class="tt-ex-feedback">{_key_line("info", fmt("solution_category", category=cat))}'
                f'{_key_line("feedback", o.feedback)}{_extras(item, o.id)}</div></li>'
            )
        out.append("</ul>")
    elif item.type == "ordering":
        out.append('<ol class="tt-ex-options tt-ex-key">')
        for oid in item.answer:
            o = item.option(oid)
            out.append(
                f'<li class="tt-ex-option"><p class="tt-ex-item-text">{_e(o.text)}</p>'
                f'<div class="tt-ex-feedback">{_key_line("feedback", o.feedback)}{_extras(item, o.id)}</div></li>'
            )
        out.append("</ol>")
        shown = ", ".join(str(list(item.answer).index(oid) + 1) for oid in item.option_ids)
        out.append(_key_line("info", fmt("key_positions", positions=shown)))
    if item.hint:
        out.append(f'<p class="tt-ex-hint-key"><strong>{_e(msg("key_hint"))}</strong> {_e(item.hint)}</p>')
    out += [
        f'<p class="tt-ex-edition-note">{_e(msg("key_note"))} {_e(fmt("key_ref", ref=item.ref))}</p>',
        _objective(item),
        "</div>",
    ]
    return "".join(out)


def render_item(
    item: Item, edition: str = "learner", course_version: str | None = None, figure: str = "", heading_level: int = 3
) -> str:
    """The HTML of one exercise in the given edition. ``figure``: HTML shown after the prompt in
    every edition: an item's ``map``, drawn by the caller (the book's directive, the kit's sheets),
    since this feature does not draw maps (docs/decisions/0006). ``heading_level``: see the module's note."""
    if edition not in EDITIONS:
        raise ValueError(f"unknown edition {edition!r}: use one of {', '.join(EDITIONS)}")
    from ..editions import withholds

    if withholds(edition, "self-check-key"):  # the one rule (docs/decisions/0013): the participant edition
        return _participant(item, figure)
    if edition == "instructor":
        return _instructor(item, figure, heading_level)
    if course_version is None:
        from tracktwo import COURSE_VERSION as course_version  # noqa: N811
    return _learner(item, course_version, figure, heading_level)


def render_items(items: list[Item], edition: str = "learner", course_version: str | None = None, heading_level: int = 3) -> str:
    return "\n".join(render_item(i, edition, course_version, heading_level=heading_level) for i in items)
