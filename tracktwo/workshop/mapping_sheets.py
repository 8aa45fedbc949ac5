"""The kit's mapping sheets: the practice case for participants and its worked example for the
facilitator, blank templates of the companion tools, and blank map frames with the legend.

Built from the data the map builder uses, never a copy of it: the practice case
(``data/maps/practice-*.yaml``, :mod:`tracktwo.maps.practice`), the companion tools' fields
(:data:`tracktwo.maps.worksheet.TOOLS`), the action step's columns
(:data:`tracktwo.maps.practice.ACTION_FIELDS`) and the notation (``data/maps/notation.json``,
:mod:`tracktwo.maps.notation`; the printed symbols are :func:`tracktwo.workshop.sheets._legend_symbol`).

The course's mapping sequence is practice case, then the brief's Table 1, then the participants'
own context with code names: the templates and frames serve all three. The participant sheet of the
case carries no worked map, worksheet, action or model answer (the data marks them as keys); they
are on the facilitator sheet ``practice-case-key``. A blank template names nothing; the sheet says
that once it is filled in, it stays in the room.
"""

from __future__ import annotations

import math
from typing import Any

import html

from ..i18n.catalog import Text, t
from .sheets import HANDOUT_TITLES, Sheet, legend_text, notation_source, page_title
from .sheets import attr_text as _ta
from .sheets import escape_html as _e
from .sheets import legend_symbol as _legend_symbol
from .sheets import lower_text as _lower
from .sheets import source_note as _source
from .sheets import source_note_html as _source_html
from .sheets import svg_text as _ts
from .sheets import text_html as _tt
from .sheets import filled_html as _tf
from .sheets import wrap_fallback as _wrap_fallback

#: The practice case the kit prints (``data/maps/practice-<id>.yaml``).
PRACTICE_CASE = "sanu-valley"
#: The page that teaches the case and the tools.
CHAPTER = "book/mapping/build-a-map"
#: Printed at the foot of every template and frame (the carry mark says the same at the top).
TEMPLATE_FOOT = (
    "Use code names or broad categories: never the real names of people or of small groups. "
    "Blank, this sheet names nothing. Filled in, it stays in the room: do not photograph it; "
    "the facilitator collects it at the end."
)
#: The ids of the blank templates and frames (participant sheets, ``template=True``).
TEMPLATE_IDS = (
    "template-tree",
    "template-onion",
    "template-abc",
    "template-grid",
    "template-actions",
    "map-frame-a3",
    "map-frame-a4",
)
BLANK = "______________________"


def _case() -> dict[str, Any]:
    from ..maps.practice import load_practice, practice_path

    return load_practice(practice_path(PRACTICE_CASE))


def _chapter() -> str:
    return f"\u201c{page_title(CHAPTER)}\u201d"


def _tool_text(tool: str, field: str, english: str) -> Text:
    """A companion tool's name (``field`` "label") or one of its fields, translated (shared by the
    templates; the tools' English is :data:`tracktwo.maps.worksheet.TOOLS`)."""
    return t(f"sheet:tools:{tool}:{field}", english)


def _fields(first: str = "Situation (code names only)") -> str:
    return (
        f'<p class="tt-fields tt-tpl-fields">{_e(t("sheet:templates:situation", first))}: {BLANK} &nbsp; '
        f"{_tt('sheet:templates:seen-by', 'Seen by (whose point of view)')}: "
        f"{BLANK} &nbsp; {_tt('sheet:templates:date', 'Date:')} ____________</p>"
    )


def _figure(svg_id: str, title: object, body: str, view: str, twin: object, cls: str) -> str:
    """A drawn template: the SVG (named by its title) and its text version in words."""
    return (
        f'<figure class="tt-template {cls}"><svg viewBox="{view}" role="img" aria-labelledby="{svg_id}">'
        f'<title id="{svg_id}">{html.escape(str(title), quote=True)}</title>{body}</svg>'
        f'<figcaption class="tt-twin">{_tt("sheet:templates:text-version", "Text version:")} {_e(twin)}</figcaption></figure>'
    )


def _foot() -> str:
    return f'<p class="tt-tpl-foot">{_e(t("sheet:templates:foot", TEMPLATE_FOOT))}</p>'


def _template(sid: str, lead: str, middle: str, *, landscape: bool = True, fields: bool = True) -> Sheet:
    title = t(f"sheet:{sid}:title", HANDOUT_TITLES[sid])
    body = (
        f"<h1>{_e(title)}</h1>"
        f'<p class="tt-tpl-lead">{_e(t(f"sheet:{sid}:lead", lead))}</p>' + (_fields() if fields else "") + middle + _foot()
    )
    return Sheet(sid, title, "participant", "form", body, landscape=landscape, template=True)


def _split(label: str) -> tuple[str, str, str]:
    """'Causes (the roots)' -> ('Causes', ' ', '(the roots)'); 'Needs: what we must have' -> ('Needs', ': ', 'what we must have')."""
    for sep in (": ", " ("):
        if sep in label:
            head, tail = label.split(sep, 1)
            return (head, ": ", tail) if sep == ": " else (head, " ", "(" + tail)
    return label, "", ""


def _label(x: float, y: float, label: str, anchor: str = "middle", two_lines: bool = True) -> str:
    head, sep, tail = _split(label)
    # the parts of a translated label keep its status (an English fallback is marked in each part)
    head, tail = (Text(p, label.lang, label.status, label.id) if isinstance(label, Text) else p for p in (head, tail))
    if not tail:
        return f'<text x="{x:.0f}" y="{y:.0f}" text-anchor="{anchor}" class="lbl">{_ts(head)}</text>'
    if not two_lines:
        return (
            f'<text x="{x:.0f}" y="{y:.0f}" text-anchor="{anchor}"><tspan class="lbl">{_ts(_same(head, head + sep.rstrip()))}</tspan> '
            f"{_ts(tail)}</text>"
        )
    return (
        f'<text x="{x:.0f}" y="{y:.0f}" text-anchor="{anchor}" class="lbl">{_ts(_same(head, head + sep.rstrip()))}</text>'
        f'<text x="{x:.0f}" y="{y + 16:.0f}" text-anchor="{anchor}" class="sub">{_ts(tail)}</text>'
    )


def _same(like: object, text: str) -> object:
    """``text`` with the translation status of ``like``."""
    return Text(text, like.lang, like.status, like.id) if isinstance(like, Text) else text


def _tool(tool: str) -> tuple[Text, dict[str, Text], str, dict[str, str]]:
    """A companion tool's name and fields, translated, then the same in English (for the text
    versions, which are translated whole)."""
    from ..maps.worksheet import TOOLS

    fields = dict(TOOLS[tool]["fields"])
    return (
        _tool_text(tool, "label", TOOLS[tool]["label"]),
        {fid: _tool_text(tool, fid, label) for fid, label in fields.items()},
        TOOLS[tool]["label"],
        fields,
    )


# ---------------------------------------------------------------------------------------------
# Companion tools: conflict tree, onion, ABC triangle, stakeholder grid; the action table


def tree_template() -> Sheet:
    name, f, name_en, en = _tool("tree")
    body = (
        '<ellipse cx="300" cy="175" rx="292" ry="165" class="m"/>'
        '<path d="M300 330 L300 250 M300 290 L190 190 M300 280 L420 175 M300 250 L300 150" class="faint"/>'
        '<path d="M235 318 L232 470 M365 318 L368 470" class="l"/>'
        '<line x1="10" y1="470" x2="590" y2="470" class="l dashed"/>'
        '<path d="M245 470 C215 530 120 560 45 610 M275 470 C265 540 225 590 200 640 '
        "M325 470 C335 540 375 590 400 640 M355 470 C385 530 480 560 555 610\" class=\"l\"/>"
        + _label(300, 40, f["effects"])
        + _label(300, 392, f["core"])
        + _label(300, 515, f["causes"])
    )
    twin = t(
        "sheet:template-tree:twin",
        f"a tree. The crown at the top is for the {en['effects'].lower()}; the trunk in the middle for the "
        f"{en['core'].lower()}; the roots below the ground line for the {en['causes'].lower()}.",
    )
    title = t("sheet:template-tree:figure-title", f"Blank {name_en.lower()}")
    figure = _figure("tpl-tree", title, body, "0 0 600 650", twin, "tt-tpl-tree")
    lead = "One idea per line. Agree on the core problem last. Then ask: which effects are also causes?"
    return _template("template-tree", lead, figure, landscape=False)


def _party_line(ox: float) -> str:
    party = t("sheet:templates:party-line", "Party (code name):")
    return f'<text x="{ox + 20:.0f}" y="22" class="lbl">{_ts(party)} ______________________</text>'


def onion_template() -> Sheet:
    name, f, name_en, en = _tool("onion")
    positions, interests, needs = f["positions"], f["interests"], f["needs"]
    parts = []
    for ox in (0, 440):
        cx = ox + 220
        parts.append(
            _party_line(ox) + f'<ellipse cx="{cx}" cy="218" rx="212" ry="172" class="m"/>'
            f'<ellipse cx="{cx}" cy="236" rx="148" ry="122" class="m"/>'
            f'<ellipse cx="{cx}" cy="258" rx="82" ry="68" class="m"/>'
            + _label(cx, 74, positions, two_lines=False)
            + _label(cx, 140, interests, two_lines=False)
            + _label(cx, 222, needs)
        )
    twin = t(
        "sheet:template-onion:twin",
        f"two onions, one per party, each with a line for the party's code name. Each has three layers: "
        f"outside, {en['positions'].lower()}; in the middle, {en['interests'].lower()}; at the core, {en['needs'].lower()}.",
    )
    title = t("sheet:template-onion:figure-title", f"Blank {name_en.lower()} for two parties")
    figure = _figure("tpl-onion", title, "".join(parts), "0 0 880 395", twin, "tt-tpl-wide")
    lead = (
        "One onion per party. Peel from the outside in. Then look for interests and needs that the "
        "parties share even when their positions clash."
    )
    return _template("template-onion", lead, figure)


def abc_template() -> Sheet:
    name, f, name_en, en = _tool("abc")
    a, b, c = f["attitudes"], f["behaviour"], f["context"]
    parts = []
    for ox in (0, 440):
        top, left, right = (ox + 220, 64), (ox + 30, 350), (ox + 410, 350)
        parts.append(
            _party_line(ox) + f'<polygon points="{top[0]},{top[1]} {left[0]},{left[1]} {right[0]},{right[1]}" class="m"/>'
            f'<text x="{top[0]}" y="{top[1] + 40}" text-anchor="middle" class="big">B</text>'
            f'<text x="{left[0] + 34}" y="{left[1] - 12}" text-anchor="middle" class="big">A</text>'
            f'<text x="{right[0] - 34}" y="{right[1] - 12}" text-anchor="middle" class="big">C</text>'
            + _label(top[0], 52, b, two_lines=False)
            + _label(left[0] - 10, 374, a, anchor="start")
            + _label(right[0] + 10, 374, c, anchor="end")
        )
    twin = t(
        "sheet:template-abc:twin",
        f"two triangles, one per party, each with a line for the party's code name. Top corner (B): {en['behaviour']}. "
        f"Bottom left (A): {en['attitudes']}. Bottom right (C): {en['context']}.",
    )
    title = t("sheet:template-abc:figure-title", f"Blank {name_en} for two parties")
    figure = _figure("tpl-abc", title, "".join(parts), "0 0 880 395", twin, "tt-tpl-wide")
    lead = (
        "One triangle per party; write near each corner. Then compare the parties: does each explain its "
        "own behaviour by context, and the others' by attitudes?"
    )
    return _template("template-abc", lead, figure)


def grid_template() -> Sheet:
    name, f, name_en, en = _tool("grid")
    boxes = []
    x0, y0, w, h = 62, 8, 404, 172
    for fid, label in f.items():
        influence, interest = fid.split("-")
        x = x0 + (w if interest == "high" else 0)
        y = y0 + (0 if influence == "high" else h)
        boxes.append(f'<rect x="{x}" y="{y}" width="{w}" height="{h}" class="m"/>' + _label(x + 10, y + 22, label, "start"))
    influence_axis = t("sheet:template-grid:axis-influence", "Influence over the situation: low to high")
    interest_axis = t("sheet:template-grid:axis-interest", "Interest in the outcome: low to high")
    axes = (
        f'<line x1="34" y1="{y0 + 2 * h}" x2="34" y2="{y0 + 6}" class="l"/><polygon points="28,{y0 + 12} 34,{y0} 40,{y0 + 12}" class="arrow"/>'
        f'<text x="22" y="{y0 + h}" text-anchor="middle" transform="rotate(-90 22 {y0 + h})" class="lbl">'
        f"{_ts(influence_axis)}</text>"
        f'<line x1="{x0}" y1="{y0 + 2 * h + 18}" x2="{x0 + 2 * w - 6}" y2="{y0 + 2 * h + 18}" class="l"/>'
        f'<polygon points="{x0 + 2 * w - 12},{y0 + 2 * h + 12} {x0 + 2 * w},{y0 + 2 * h + 18} {x0 + 2 * w - 12},{y0 + 2 * h + 24}" class="arrow"/>'
        f'<text x="{x0 + w}" y="{y0 + 2 * h + 40}" text-anchor="middle" class="lbl">{_ts(interest_axis)}</text>'
    )
    order = sorted(f, key=lambda fid: (fid.split("-")[0] != "high", fid.split("-")[1] != "high"))
    twin = t(
        "sheet:template-grid:twin",
        "four boxes; influence rises from bottom to top, interest from left to right. "
        + " ".join(f"{en[fid]}." for fid in order),
    )
    title = t("sheet:template-grid:figure-title", f"Blank {name_en.lower()}")
    figure = _figure("tpl-grid", title, "".join(boxes) + axes, "0 0 880 400", twin, "tt-tpl-wide")
    lead = (
        "Write each actor's code name in one box. Then compare with your map: power on the map and "
        "influence here should tell the same story; if not, you have found a question."
    )
    return _template("template-grid", lead, figure)


def actions_template() -> Sheet:
    from ..maps.practice import ACTION_FIELDS

    heads = "".join(f'<th scope="col">{_e(_tool_text("actions", fid, label))}</th>' for fid, label in ACTION_FIELDS)
    rows = "".join("<tr>" + "<td></td>" * len(ACTION_FIELDS) + "</tr>" for _ in range(7))
    caption = _tt("sheet:template-actions:caption", "What can be done, by whom, when? One action per row.")
    table = (
        f'<table class="tt-table tt-actions"><caption>{caption}</caption>'
        f"<thead><tr>{heads}</tr></thead><tbody>{rows}</tbody></table>"
    )
    lead = "The step that turns a map into action. Before you agree on an action, ask: who could be harmed if it becomes known?"
    return _template("template-actions", lead, table)


# ---------------------------------------------------------------------------------------------
# Blank map frames with the legend strip


def _legend_strip() -> str:
    from ..maps.notation import legend_note, legend_rows

    items = "".join(
        f'<li><svg viewBox="0 0 70 30" width="52" height="22" aria-hidden="true">{_legend_symbol(item)}</svg>'
        f"<span>{_e(legend_text(item, 'name'))}</span></li>"
        for item in legend_rows()
    )
    head = _tt(
        "sheet:notation:strip-head", "Shape and line style, not colour, carry the meaning. Circle size shows relative power."
    )
    return (
        f'<div class="tt-legend-strip"><p class="tt-strip-head"><strong>{_tt("sheet:notation:strip-legend", "Legend.")}</strong> '
        f"{head}</p><ul>{items}</ul>"
        f'<p class="tt-strip-note">{_e(t("sheet:notation:note", legend_note()))}</p></div>'
    )


def map_frame(paper: str) -> Sheet:
    sid = f"map-frame-{paper.lower()}"
    title = t(f"sheet:{sid}:title", HANDOUT_TITLES[sid])
    frame_label = _ta("sheet:templates:frame-label", "Blank frame for drawing a conflict map")
    body = f"""
<h1>{_e(title)}</h1>
<div class="tt-map-frame tt-frame-{paper.lower()}" role="img" aria-label="{frame_label}">
<p class="tt-frame-head">{_tt("sheet:templates:map-of", "Map of:")} {BLANK} &nbsp; {
        _tt("sheet:templates:seen-by", "Seen by (whose point of view)")
    }: {BLANK} &nbsp; {_tt("sheet:templates:date", "Date:")} ____________</p>
<p class="tt-frame-foot">{
        _tt(
            "sheet:map-frame:foot",
            '''On the practice case, place your team (a double circle). On maps of real actors, only
if the group agrees, with a code name; never on Table 1. Draw issues as boxes.''',
        )
    }</p></div>
{_legend_strip()}{_foot()}
{_source_html(_e(notation_source()))}"""
    return Sheet(sid, title, "participant", "form", body, landscape=True, paper=paper, template=True)


# ---------------------------------------------------------------------------------------------
# The practice case: participant sheet and the facilitator's worked example


def practice_case_sheet() -> Sheet:
    """The case as participants get it: the setting, the task, the questions. No worked example."""
    from ..maps.notation import legend_rows
    from ..maps.practice import WORKED_NOTE

    case = _case()
    lines = "; ".join(
        _e(_lower(legend_text(r, "name"))) for r in legend_rows() if r["element"] == "line" and r.get("relationship")
    )
    task = t(
        "sheet:practice-case:task-lines",
        "Join the parties with the lines of the legend ({lines}). Draw each issue as a box, and join it to the parties it concerns.",
    )
    task_lines = _wrap_fallback(task, html.escape(str(task), quote=False).replace("{lines}", lines))
    questions = "".join(
        f"<li>{_e(t(f'sheet:practice-case:question-{n}', q['question']))}</li>" for n, q in enumerate(case["questions"], 1)
    )
    title = t("sheet:practice-case:title", HANDOUT_TITLES["practice-case"])
    chapter = t("sheet:practice-case:chapter", page_title(CHAPTER))
    source = _source_html(
        _tf(
            "sheet:practice-case:source",
            "the course's invented practice case, taught in the chapter \u201c{chapter}\u201d.",
            chapter=chapter,
        )
    )
    body = f"""
<h1>{_e(t("sheet:practice-case:case-title", case["title"]))}</h1>
<p class="tt-note">{_tt("sheet:practice-case:invented", "Invented for practice: the country, the valley and every party are fictional. No real place or group is meant.")}</p>
<h2>{_tt("sheet:practice-case:situation-heading", "The situation")}</h2>
<p>{_e(t("sheet:practice-case:setting", case["setting"]))}</p>
<h2>{_tt("sheet:practice-case:task-heading", "Your task, in groups of three or four")}</h2>
<ol>
<li>{_tt("sheet:practice-case:task-draw", "Draw the valley on a blank map frame, from your team's point of view. Write at the top whose view it is, and when.")}</li>
<li>{_tt("sheet:practice-case:task-circles", "Draw each party as a circle: a bigger circle for more power. Draw outside parties with a dashed circle. Place your own team on the map (a double circle).")}</li>
<li>{task_lines}</li>
<li>{_tt("sheet:practice-case:task-discuss", "Discuss the questions below with your group.")}</li>
<li>{_tt("sheet:practice-case:task-actions", "Fill in an action table: what can be done, by whom, when?")}</li>
</ol>
<p>{_tt("sheet:practice-case:more", "If there is time, take one companion tool on its blank template: the conflict tree, the onion, the ABC triangle or the stakeholder grid.")}</p>
<h2>{_tt("sheet:practice-case:questions-heading", "Questions")}</h2>
<ol class="tt-case-questions">{questions}</ol>
<p class="tt-lines-head">{_tt("sheet:practice-case:notes", "Notes:")}</p><div class="tt-lines"></div>
<p class="tt-note">{_tf("sheet:practice-case:worked-note", "{note} It is one reasonable reading, not the answer.", note=t("sheet:practice-case:worked", WORKED_NOTE))}</p>
{source}"""
    return Sheet("practice-case", title, "participant", "handout", body)


def _wrap(text: str, width: int = 18) -> list[str]:
    words, lines = text.split(), [""]
    for w in words:
        if lines[-1] and len(lines[-1]) + 1 + len(w) > width:
            lines.append(w)
        else:
            lines[-1] = f"{lines[-1]} {w}".strip()
    return lines


def _edge(p: tuple[float, float], q: tuple[float, float], style: dict[str, Any]) -> str:
    """One line of the map in its notation style (solid, double, dotted, zig-zag, dash-dot; bars; arrow)."""
    (x1, y1), (x2, y2) = p, q
    dx, dy = x2 - x1, y2 - y1
    length = math.hypot(dx, dy) or 1.0
    ux, uy = dx / length, dy / length
    nx, ny = -uy, ux
    line = style.get("line", "solid")
    end = (x2 - ux * 10, y2 - uy * 10) if style.get("arrow") else (x2, y2)
    if line == "zigzag":
        steps = max(4, int(length // 9))
        pts = []
        for i in range(steps + 1):
            t = i / steps
            off = 0 if i in (0, steps) else (5 if i % 2 else -5)
            pts.append(f"{x1 + dx * t + nx * off:.1f},{y1 + dy * t + ny * off:.1f}")
        out = f'<polyline points="{" ".join(pts)}" class="l"/>'
    elif line == "double":
        out = "".join(
            f'<line x1="{x1 + nx * o:.1f}" y1="{y1 + ny * o:.1f}" x2="{end[0] + nx * o:.1f}" y2="{end[1] + ny * o:.1f}" class="l"/>'
            for o in (-2.5, 2.5)
        )
    else:
        extra = {"dotted": " dotted", "dashed": " dashed", "dashdot": " dashdot"}.get(line, "")
        out = f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{end[0]:.1f}" y2="{end[1]:.1f}" class="l{extra}"/>'
    if style.get("broken"):
        mx, my = (x1 + x2) / 2, (y1 + y2) / 2
        for s in (-4, 4):
            cx, cy = mx + ux * s, my + uy * s
            out += (
                f'<line x1="{cx + nx * 9 + ux * 2:.1f}" y1="{cy + ny * 9 + uy * 2:.1f}" '
                f'x2="{cx - nx * 9 - ux * 2:.1f}" y2="{cy - ny * 9 - uy * 2:.1f}" class="l"/>'
            )
    if style.get("arrow"):
        bx, by = x2 - ux * 12, y2 - uy * 12
        out += (
            f'<polygon points="{x2:.1f},{y2:.1f} {bx + nx * 6:.1f},{by + ny * 6:.1f} {bx - nx * 6:.1f},{by - ny * 6:.1f}" '
            'class="arrow"/>'
        )
    return out


def map_svg(m: dict[str, Any], svg_id: str = "worked-map") -> str:
    """A learner map drawn in the notation, for print: actors where the builder first places them
    (:func:`tracktwo.maps.practice.circle_positions`), circles sized by power, issues as boxes. Its
    text version is the tables :func:`worked_example_html` prints beside it."""
    from ..maps.notation import edge_kinds
    from ..maps.practice import circle_positions

    raw = circle_positions(m)
    # the frame holds a circle of radius 217 (the first layout's 140 at 1.55): a larger circle is scaled down to it
    scale = min(1.55, 217 / max((math.hypot(x, y) for x, y in raw.values()), default=1.0))
    places = {k: (x * scale, y * scale) for k, (x, y) in raw.items()}
    radius = {a["id"]: 9 + 5 * a["power"] for a in m["actors"]}
    issue_lines = {s["id"]: _wrap(s["label"], 14) for s in m["issues"]}
    half = {s: (max(len(t) for t in lines) * 4.3 + 8, len(lines) * 8 + 5) for s, lines in issue_lines.items()}
    kinds = edge_kinds()

    def trim(a: str, b: str) -> tuple[tuple[float, float], tuple[float, float]]:
        (x1, y1), (x2, y2) = places[a], places[b]
        d = math.hypot(x2 - x1, y2 - y1) or 1.0
        ux, uy = (x2 - x1) / d, (y2 - y1) / d

        def gap(n: str, sx: float, sy: float) -> float:
            if n in radius:
                return radius[n] + 3
            w, h = half[n]
            return min(w / abs(sx) if sx else 1e9, h / abs(sy) if sy else 1e9) + 3

        g1, g2 = gap(a, ux, uy), gap(b, -ux, -uy)
        return (x1 + ux * g1, y1 + uy * g1), (x2 - ux * g2, y2 - uy * g2)

    edges = [_edge(*trim(r["source"], r["target"]), kinds[r["kind"]]) for r in m["relationships"]]
    edges += [_edge(*trim(s["id"], a), kinds["issue"]) for s in m["issues"] for a in s.get("actors", [])]
    nodes = []
    for a in m["actors"]:
        (x, y), r = places[a["id"]], radius[a["id"]]
        if a["type"] == "self":
            shape = (
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r}" class="m"/><circle cx="{x:.1f}" cy="{y:.1f}" r="{r - 4}" class="m"/>'
            )
        else:
            dashed = " dashed" if a["party"] == "outside" else ""
            shape = f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r}" class="m{dashed}"/>'
        lines = _wrap(a["name"], 14)
        d = math.hypot(x, y) or 1.0
        ux, uy = x / d, y / d  # outward from the centre: lines run inward, labels away from them
        anchor = "start" if ux > 0.35 else "end" if ux < -0.35 else "middle"
        lx, ly = x + ux * (r + 6), y + uy * (r + 8)
        top = ly - (len(lines) - 1) * 15 - 4 if uy < -0.35 else ly + 13 if uy > 0.35 else ly - (len(lines) - 1) * 7.5 + 5
        label = "".join(
            f'<text x="{lx:.1f}" y="{top + 15 * i:.1f}" text-anchor="{anchor}">{_e(t)}</text>' for i, t in enumerate(lines)
        )
        nodes.append(shape + label)
    for s in m["issues"]:
        (x, y), (w, h) = places[s["id"]], half[s["id"]]
        lines = issue_lines[s["id"]]
        nodes.append(
            f'<rect x="{x - w:.1f}" y="{y - h:.1f}" width="{2 * w:.1f}" height="{2 * h:.1f}" class="m"/>'
            + "".join(
                f'<text x="{x:.1f}" y="{y - (len(lines) - 1) * 7.5 + 5 + 15 * i:.1f}" text-anchor="middle">{_e(t)}</text>'
                for i, t in enumerate(lines)
            )
        )
    return (
        f'<svg viewBox="-370 -300 740 600" role="img" aria-labelledby="{svg_id}" class="tt-worked-map">'
        f'<title id="{svg_id}">{_e(m["title"])}: the worked map in the course\'s notation; the tables below say the same in words.</title>'
        f"{''.join(edges)}{''.join(nodes)}</svg>"
    )


def worked_example_html(case: dict[str, Any]) -> str:
    """The worked map (drawing and tables), the model answers, the worked worksheets and actions."""
    from ..maps.learner import TYPE_LABELS
    from ..maps.notation import kind_labels
    from ..maps.practice import ACTION_FIELDS, sheet_html

    m = case["worked_map"]
    names = {a["id"]: a["name"] for a in m["actors"]}
    kinds = kind_labels()
    actors = "".join(
        f"<tr><td>{_e(a['name'])}</td><td>{_e(TYPE_LABELS[a['type']])}</td><td>{a['power']}</td><td>{_e(a['party'])}</td></tr>"
        for a in m["actors"]
    )
    rels = "".join(
        f"<tr><td>{_e(names[r['source']])}</td><td>{_e(kinds[r['kind']])}</td><td>{_e(names[r['target']])}</td></tr>"
        for r in m["relationships"]
    )
    issues = "".join(
        f"<tr><td>{_e(s['label'])}</td><td>{_e(', '.join(names[a] for a in s.get('actors', [])))}</td></tr>" for s in m["issues"]
    )
    answers = "".join(f"<li><p><strong>{_e(q['question'])}</strong></p><p>{_e(q['answer'])}</p></li>" for q in case["questions"])
    sheets = "".join(sheet_html(w, "tt-table tt-small tt-worked-sheet") for w in case.get("worksheets", []))
    heads = "".join(f'<th scope="col">{_e(label)}</th>' for _, label in ACTION_FIELDS)
    actions = "".join("<tr>" + "".join(f"<td>{_e(a[f])}</td>" for f, _ in ACTION_FIELDS) + "</tr>" for a in case["actions"])
    return f"""
<h2>The worked map: {_e(m['title'])}</h2>
<p>Seen by: {_e(m['viewpoint'])}. When: {_e(m['date'])}.</p>
<figure class="tt-worked">{map_svg(m)}<figcaption>One reasonable reading, drawn in the course's notation. Text version: the tables below.</figcaption></figure>
<table class="tt-table tt-small"><caption>Actors</caption><thead><tr><th scope="col">Actor</th><th scope="col">Type</th>
<th scope="col">Power (1 to 5)</th><th scope="col">Party</th></tr></thead><tbody>{actors}</tbody></table>
<table class="tt-table tt-small"><caption>Relationships</caption><thead><tr><th scope="col">From</th><th scope="col">Relationship</th>
<th scope="col">To</th></tr></thead><tbody>{rels}</tbody></table>
<table class="tt-table tt-small"><caption>Issues</caption><thead><tr><th scope="col">Issue</th><th scope="col">Concerns</th></tr></thead>
<tbody>{issues}</tbody></table>
<h2>Model answers to the questions</h2><ol class="tt-model-answers">{answers}</ol>
<h2>Worked companion tools</h2>{sheets}
<h2>What can be done, by whom, when?</h2>
<table class="tt-table tt-small"><thead><tr>{heads}</tr></thead><tbody>{actions}</tbody></table>
{rubric_html(case)}"""


def rubric_html(case: dict[str, Any]) -> str:
    """The scored task's rubric, the names it accepts for each party and issue, and the cues of a
    written reading (the builder's "Check my map" applies the same data: tracktwo.maps.mapscore)."""
    from ..maps.notation import kind_labels

    s = case.get("scoring")
    if not s:
        return ""
    names = {x["id"]: x.get("name") or x.get("label") for x in case["worked_map"]["actors"] + case["worked_map"]["issues"]}
    rows = "".join(
        f"<tr><th scope=\"row\">{_e(c['label'])}</th><td><ul>"
        + "".join(
            f"<li>{_e(lv['label'])} (from {lv['min']:g}, {lv['points']} point{'' if lv['points'] == 1 else 's'}): "
            f"{_e(lv['feedback'])}</li>"
            for lv in c["levels"]
        )
        + "</ul></td></tr>"
        for c in s["rubric"]
    )
    aliases = "; ".join(f"{_e(names[k])}: {_e(', '.join(v))}" for k, v in s["aliases"].items())
    cues = "; ".join(_e(c["cue"]) for c in s["reading_cues"])
    kinds = kind_labels()
    lines = {r["id"]: r for r in case["worked_map"]["relationships"]}
    scored = "; ".join(
        f"{_e(names[lines[k]['source']])} and {_e(names[lines[k]['target']])} ({_e(', '.join(kinds[x] for x in ok))})"
        for k, ok in s["relationships"].items()
    )
    own = "; ".join(
        f"{_e(names[r['source']])} and {_e(names[r['target']])} ({_e(kinds[r['kind']])})"
        for r in case["worked_map"]["relationships"]
        if r["id"] not in s["relationships"]
    )
    return f"""
<h2>Scoring a group's map (the builder's scored task)</h2>
<p>Each criterion is a share from 0 to 1: the worked map's actors found; the relationships the setting states, by pair and
an accepted kind (another kind counts half); of the actors found, power within one step and the same party; issues (half
for the box, half for its links); the reading, self-assessed: the share of the course's cues the learner ticks. The
level is the highest whose share is reached.</p>
<p class="tt-small">Relationships scored (the setting states them; kinds accepted): {scored}. The worked map's other
lines are its own reading, not scored: {own}.</p>
<table class="tt-table tt-small"><thead><tr><th scope="col">Criterion</th><th scope="col">Levels and feedback</th></tr></thead>
<tbody>{rows}</tbody></table>
<p class="tt-small">Names accepted for each party and issue (as whole words, singular or plural; an actor of the same type goes first): {aliases}.</p>
<p class="tt-small">The course's cues for a written reading (the learner ticks the ones their reading addresses): {cues}.
The ticks are a prompt, not a mark: you judge a group's reading, and a reading that says other things well is a good
reading.</p>"""


def practice_case_key_sheet() -> Sheet:
    case = _case()
    body = f"""
<h1>Practice case: worked example and model answers</h1>
<p class="tt-lead">For the facilitator. Keep this sheet apart from the participants' sheets until each group
has drawn its own map of the case ({_e(case['title'])}). The worked example is one reasonable reading, not the answer:
ask groups where theirs differs, and why.</p>
{worked_example_html(case)}
{_source("the course's invented practice case, taught in the chapter " + _chapter() + ".")}"""
    return Sheet("practice-case-key", "Practice case: worked example", "facilitator", "key", body, pages=(2, 4))


def mapping_sheet_builders() -> list:
    """The participant sheets' builders, in the order of :data:`tracktwo.workshop.sheets.HANDOUT_TITLES`."""
    import functools

    return [
        practice_case_sheet,
        tree_template,
        onion_template,
        abc_template,
        grid_template,
        actions_template,
        functools.partial(map_frame, "A3"),
        functools.partial(map_frame, "A4"),
    ]


def mapping_sheets() -> list[Sheet]:
    """The participant sheets, in the order of :data:`tracktwo.workshop.sheets.HANDOUT_TITLES`."""
    return [b() for b in mapping_sheet_builders()]
