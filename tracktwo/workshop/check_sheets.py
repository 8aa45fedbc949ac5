"""The workshop's knowledge check and its key, from one exercise bank (``KNOWLEDGE_CHECK`` in
:mod:`.sheets`: the bank's id), so the key always matches the questions.

The same sheet serves before and after a workshop. Most items ask participants to apply or analyse
(invented cases to classify with the deciding feature, a small conflict map to read, a scenario to
rate, a disputed figure to report); each item says what it asks in its ``skill``, and
:func:`mix_problems` refuses a check where recall dominates. The participant sheet prints prompts,
options and answer spaces only; the key (facilitator folder) prints the answers, the feedback, the
checklist and the model answer.
"""

from __future__ import annotations


from ..i18n.catalog import t, th
from .sheets import KNOWLEDGE_CHECK, Sheet, source_note
from .sheets import escape_html as _e

#: At most this many items of the check may only ask participants to recall.
MAX_RECALL = 2
LETTERS = "abcdefghij"
#: Options this short (characters) print in two columns.
SHORT = 72


def check_items(bank: str = KNOWLEDGE_CHECK, bank_dir=None) -> list:
    """The check's items, in the bank's order; an item's map that cannot be drawn raises
    WorkshopError naming the file, the item and the field."""
    from ..exercises.bank import load_bank
    from ..maps.printed import placed_map_problems
    from .checked_yaml import WorkshopError, shown

    loaded = load_bank(bank, bank_dir)
    for item in loaded.items.values():
        problems = placed_map_problems(item.map) if item.map is not None else []
        if problems:
            raise WorkshopError(f"{shown(loaded.path)}: item '{item.id}', field 'map': {'; '.join(problems)}")
    return list(loaded.items.values())


def mix_problems(items) -> list[str]:
    """Why a set of items is not an applied check: an item that does not say its skill, more than
    :data:`MAX_RECALL` recall items, or recall items making up half of the check or more."""
    problems = [f"item '{i.id}' does not say its skill (recall, apply, analyse or evaluate)" for i in items if not i.skill]
    recall = [i.id for i in items if i.skill == "recall"]
    if len(recall) > MAX_RECALL:
        problems.append(f"{len(recall)} recall items ({', '.join(recall)}): at most {MAX_RECALL}")
    if items and 2 * len(recall) >= len(items):
        problems.append(f"{len(recall)} of {len(items)} items are recall: most items must apply or analyse")
    return problems


def skill_counts(items) -> dict[str, int]:
    out: dict[str, int] = {}
    for i in items:
        out[i.skill or "unsaid"] = out.get(i.skill or "unsaid", 0) + 1
    return out


# ---------------------------------------------------------------------------------------------
# The participant sheet


_HOW = {
    "single": "Tick one.",
    "multiple": "Tick all that apply.",
    "classification": "Tick one box in each row, and write why in a few words.",
    "ordering": "Number them in order, 1 first.",
    "open": "Write on the lines.",
}


def _tq(item, field: str, english: str) -> str:
    """An item's printed text in the current language: ``check:<item-id>:<field>`` (check.po)."""
    return th(f"check:{item.id}:{field}", english)


def _figure(item, n: int) -> str:
    if not item.map:
        return ""
    from ..maps.printed import map_svg, map_text_keyed

    data = _translated_map(item)
    words = "".join(f"<li>{_tq(item, f'map-text-{key}', s)}</li>" for key, s in map_text_keyed(item.map))
    desc = t("check:sheet:map-desc", "A conflict map in the course's notation; its text version follows the drawing.")
    return (
        f'<figure class="tt-check-map">{map_svg(data, f"check-map-{n}", desc=desc)}'
        f'<figcaption><strong>{th("check:sheet:text-version", "Text version.")}</strong> '
        f'{th("check:sheet:seen-by", "Seen by:")} {_tq(item, "map-viewpoint", item.map["viewpoint"])}. '
        f'<ul class="tt-map-words">{words}</ul></figcaption></figure>'
    )


def _translated_map(item) -> dict:
    """The item's map with its title and the labels it draws in the current language (in English,
    the same values: the map as it is)."""
    m = item.map
    tr = lambda field, english: str(t(f"check:{item.id}:{field}", english))  # noqa: E731
    return {
        **m,
        "title": tr("map-title", m["title"]),
        "actors": [{**a, "name": tr(f"map-actor-{a['id']}", a["name"])} for a in m.get("actors", [])],
        "issues": [{**i, "label": tr(f"map-issue-{i['id']}", i["label"])} for i in m.get("issues", [])],
    }


def _answer_space(item) -> str:
    box = '<span class="tt-box" aria-hidden="true"></span>'
    if item.type in ("single", "multiple"):
        texts = [t(f"check:{item.id}:option-{o.id}", o.text) for o in item.options]
        opts = "".join(f'<li><span class="tt-row-letter">{LETTERS[k]}.</span> {box} {_e(x)}</li>' for k, x in enumerate(texts))
        two = " tt-opts-2" if max(len(x) for x in texts) <= SHORT else ""
        return f'<ol class="tt-opts{two}" type="a">{opts}</ol>'
    if item.type == "classification":
        head = "".join(f'<th scope="col" class="tt-tick">{_tq(item, f"category-{c.id}", c.text)}</th>' for c in item.categories)
        rows = "".join(
            f'<tr><th scope="row"><span class="tt-row-letter">{LETTERS[k]}.</span> {_tq(item, f"option-{o.id}", o.text)}</th>'
            + "".join(f'<td class="tt-tick">{box}</td>' for _ in item.categories)
            + "<td></td></tr>"
            for k, o in enumerate(item.options)
        )
        return (
            f'<table class="tt-table tt-check-sort"><thead><tr><th scope="col">{th("check:sheet:col-case", "Case")}</th>{head}'
            f'<th scope="col" class="tt-why">{th("check:sheet:col-why", "Why (a few words)")}</th></tr></thead><tbody>{rows}</tbody></table>'
        )
    if item.type == "ordering":
        opts = "".join(
            f'<li><span class="tt-row-letter">{LETTERS[k]}.</span> ____ {_tq(item, f"option-{o.id}", o.text)}</li>'
            for k, o in enumerate(item.options)
        )
        return f'<ol class="tt-opts" type="a">{opts}</ol>'
    return '<div class="tt-lines tt-lines-short"></div>'


def _title(text: str) -> str:
    return text if text[-1:] in "?.!" else text + "."


def knowledge_check_sheet() -> Sheet:
    """The participants' sheet, every printed string through the translation layer (check.po:
    ``check:<item-id>:<field>`` for an item, ``check:sheet:<key>`` for the sheet's own words). The
    key (:func:`knowledge_key_sheet`) is facilitator material and stays English."""
    qs = []
    for n, item in enumerate(check_items(), 1):
        qs.append(
            f'<li class="tt-q tt-q-{item.type}"><p><strong>{_tq(item, "title", _title(item.title))}</strong> {_tq(item, "prompt", item.prompt)} '
            f"<em>{th(f'check:sheet:how-{item.type}', _HOW[item.type])}</em></p>{_figure(item, n)}{_answer_space(item)}</li>"
        )
    title = t("check:sheet:title", "Knowledge check")
    body = f"""
<h1>{_e(title)}</h1>
<p class="tt-lead">{th("check:sheet:before", "Before")} &#9744; &nbsp; {th("check:sheet:after", "After")} &#9744; &nbsp; {th("check:sheet:lead", LEAD)}</p>
<ol class="tt-questions tt-check">{''.join(qs)}</ol>"""
    return Sheet("knowledge-check", title, "participant", "form", body, pages=(1, 2))


#: The knowledge check's lead, after the before/after boxes (its line breaks as printed).
LEAD = """No names. No one reads your answers: you
mark this sheet yourself when the facilitator reads the key; it stays in the room. The cases, the map
and the scenario are invented."""


# ---------------------------------------------------------------------------------------------
# The key


def _key_rows(n: int, item) -> list[str]:
    kind = f'<br><span class="tt-skill">Asks: {_e(item.skill)}</span>' if item.skill else ""
    first = f"<td>{n}</td><td>{_e(item.title)}{kind}</td>"
    if item.type == "classification":
        rows = []
        for k, o in enumerate(item.options):
            lead = first if k == 0 else "<td></td><td></td>"
            rows.append(
                f"<tr>{lead}<td>{LETTERS[k]}. <strong>{_e(item.category(item.answer[o.id]).text)}</strong></td>"
                f"<td>{_e(o.feedback)}</td></tr>"
            )
        return rows
    if item.type == "open":
        points = "".join(f"<li>{_e(p)}</li>" for p in item.checklist)
        model = f"<strong>Model answer:</strong> {_e(item.model_answer.text)}<br>" if item.model_answer else ""
        return [
            f"<tr>{first}<td>Written answer: one point per item of the checklist</td><td>{model}A strong answer:<ul>{points}</ul></td></tr>"
        ]
    if item.type == "ordering":
        order = ", ".join(LETTERS[item.option_ids.index(a)] for a in item.answer)
        why = " ".join(item.option(a).feedback for a in item.answer)
        return [f"<tr>{first}<td><strong>{_e(order)}</strong></td><td>{_e(why)}</td></tr>"]
    answer = list(item.answer) if isinstance(item.answer, (list, tuple)) else [item.answer]
    letters = ", ".join(LETTERS[item.option_ids.index(a)] for a in answer)
    right = " ".join(item.option(a).feedback for a in answer)
    others = "".join(
        f"<br><span class=\"tt-not\">{LETTERS[k]}: {_e(o.feedback)}</span>"
        for k, o in enumerate(item.options)
        if o.id not in answer
    )
    return [f"<tr>{first}<td><strong>{_e(letters)}</strong></td><td>{_e(right)}{others}</td></tr>"]


#: The key's sources, in words (the bank's comment gives their keys in the course's bibliography).
KEY_SOURCES = (
    "the brief (Jones, Min Zaw Oo and Palmiano Federer, 2021), by section; the mapping notation after Fisher et al., "
    "Working with Conflict (2000), with the course's own additions; Pruitt (2005, 2015) on readiness; Seekins, Historical "
    "Dictionary of Burma, \u201cCease-Fire Groups\u201d. The cases, the map and the scenario are invented."
)


def knowledge_key_sheet() -> Sheet:
    items = check_items()
    rows = [r for n, item in enumerate(items, 1) for r in _key_rows(n, item)]
    counts = skill_counts(items)
    mix = ", ".join(f"{k} {v}" for k, v in counts.items())
    body = f"""
<h1>Knowledge check: key</h1>
<p class="tt-lead">For the facilitator: read the answers aloud; participants mark their own sheets.
One point per row of a table; one for the right tick where a question asks for one; where it says
&ldquo;tick all that apply&rdquo;, one per option judged correctly (ticked or left blank); and one per
point of the written answer. In the tables, the
&ldquo;why&rdquo; matters more than the tick: ask two or three people for the deciding feature they
wrote. What the items ask: {_e(mix)}.</p>
<table class="tt-table tt-small tt-check-key"><thead><tr><th scope="col">#</th><th scope="col">Question</th>
<th scope="col">Key</th><th scope="col">Why</th></tr></thead><tbody>{''.join(rows)}</tbody></table>
{source_note(KEY_SOURCES)}"""
    return Sheet("key-knowledge-check", "Knowledge check: key", "facilitator", "key", body, pages=(1, 3))
