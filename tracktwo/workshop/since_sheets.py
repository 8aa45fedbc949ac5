"""The kit's sheets for Part IV ("Since the brief, 2021-2026"): four participant handouts.

* :func:`table1_now_sheet`: the brief's Table 1 then (``data/relations.csv``) and now
  (``data/relations_since.csv``), as a table and as a small map drawn from the same spec as the
  book's map "Table 1 then and now" (:func:`tracktwo.maps.table1_since.build_table1_since_map`);
  the table is the map's text twin.
* :func:`timeline_since_sheet`: the events after September 2021 in ``data/events.csv``.
* :func:`recommendations_now_sheet`: the brief's three recommendations then, and what the sources
  say since (``data/workshop/since.yaml``).
* :func:`capstone_now_sheet`: the capstone as a support strategy for 2026, with the brief's risks.

The card set ``ripeness-since`` and its key are built by :mod:`tracktwo.workshop.since` and printed
by the kit's shared card and key sheets. Every sheet here names its sources by who published them
and when; none prints a key, a file name or an id.
"""

from __future__ import annotations

import math
import re
from typing import Any


from .sheets import BRIEF, RECOMMENDATIONS, Sheet
from .sheets import escape_html as _e
from .sheets import source_note as _source
from .since import fact_line, load_since, source_label, sources_text


SINCE_LEAD = "Events to April 2026, from the sources named; the brief's account ends in September 2021."
BRIEF_PUBLISHED = "the brief (Jones, Min Zaw Oo and Palmiano Federer; published November 2021)"


def _facts(facts: list[dict[str, Any]], cls: str = "") -> str:
    items = "".join(f"<li>{_e(fact_line(f))}</li>" for f in facts)
    return f'<ul class="{cls}">{items}</ul>' if cls else f"<ul>{items}</ul>"


# ---------------------------------------------------------------------------------------------
# Table 1 then and now: the table and its map


#: On paper the book's map spec (about 700 units across) is squeezed upright, to fit two maps on a page.
_SQUEEZE = 0.74
_RY = 16.0  # the ellipses' half height, in map units


#: Labels shortened on paper, where the full name would cover a neighbour (the table gives the name).
_SHORT = {"political-parties": "Parties"}


def _label(node: dict[str, Any]) -> str:
    return _SHORT.get(node["id"], node["label"])


def _pos(spec: dict[str, Any]) -> dict[str, tuple[float, float]]:
    pos = {n["id"]: (n["x"], n["y"] * _SQUEEZE) for n in spec["nodes"]}
    for g in spec["groups"]:  # a relationship with a group (the NUG and the PDFs) ends between them
        members = [pos[n["id"]] for n in spec["nodes"] if n.get("group") == g["id"]]
        if g["id"] == "g-nug-pdfs" and members:
            pos[g["id"]] = (sum(x for x, _ in members) / len(members), members[0][1])
    return pos


def _rx(label: str) -> float:
    return max(28.0, 6.3 * len(label) + 12)


def line_svg(x1: float, y1: float, x2: float, y2: float, kind: dict[str, Any], scale: float = 1.0) -> str:
    """One relationship drawn in the course's mapping notation (the lines of the mapping legend):
    the kind's line (solid, dashed, dotted, dash-dot, double or zig-zag), its width, and two bars
    across it for a broken one. Colour only repeats what the line already says."""
    dx, dy = x2 - x1, y2 - y1
    length = math.hypot(dx, dy) or 1.0
    ux, uy = dx / length, dy / length
    px, py = -uy, ux
    width = kind.get("width", 2) * 0.8 * scale
    style = f'style="stroke:{kind.get("color", "#111")};stroke-width:{width:.1f}"'
    line = kind.get("line", "solid")
    if line == "zigzag":
        step, amp = 9.0 * scale, 5.0 * scale
        n = max(2, int(length // step))
        pts = [f"{x1:.1f},{y1:.1f}"]
        for i in range(1, n):
            t = i * length / n
            side = amp if i % 2 else -amp
            pts.append(f"{x1 + ux * t + px * side:.1f},{y1 + uy * t + py * side:.1f}")
        pts.append(f"{x2:.1f},{y2:.1f}")
        out = f'<polyline points="{" ".join(pts)}" class="l" {style}/>'
    elif line == "double":
        off = 2.6 * scale
        out = "".join(
            f'<line x1="{x1 + px * o:.1f}" y1="{y1 + py * o:.1f}" x2="{x2 + px * o:.1f}" y2="{y2 + py * o:.1f}" class="l" {style}/>'
            for o in (off, -off)
        )
    else:
        cls = {"dashed": " dashed", "dotted": " dotted", "dashdot": " dashdot"}.get(line, "")
        out = f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" class="l{cls}" {style}/>'
    if kind.get("broken"):
        mx, my = (x1 + x2) / 2, (y1 + y2) / 2
        a, b = 8.0 * scale, 3.0 * scale
        for shift in (-4.0 * scale, 4.0 * scale):
            cx, cy = mx + ux * shift, my + uy * shift
            out += (
                f'<line x1="{cx + px * a - ux * b:.1f}" y1="{cy + py * a - uy * b:.1f}" '
                f'x2="{cx - px * a + ux * b:.1f}" y2="{cy - py * a + uy * b:.1f}" class="l" '
                f'style="stroke:#111;stroke-width:{1.4 * scale:.1f}"/>'
            )
    return out


def _trim(a: tuple[float, float], b: tuple[float, float], ra: float, rb: float) -> tuple[float, float, float, float]:
    """The segment a-b shortened to start and end at the ellipses' edges."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = math.hypot(dx, dy) or 1.0
    ux, uy = dx / length, dy / length

    def edge(r: float) -> float:  # distance from the centre to the edge of an ellipse (r by _RY)
        return 1.0 / math.sqrt((ux / r) ** 2 + (uy / _RY) ** 2)

    sa, sb = edge(ra), edge(rb)
    return a[0] + ux * sa, a[1] + uy * sa, b[0] - ux * sb, b[1] - uy * sb


#: The two maps of the sheet: the brief's conflict status (then) and the course's coding (now).
MAPS = {
    "conflict": ("Then: the brief's conflict status", "the brief's conflict status column (Table 1, 2021)"),
    "after": ("Now: the course's coding, to April 2026", "the status after September 2021 in the course's coding"),
}


def table1_map_svg(spec: dict[str, Any], encoding: str = "after") -> str:
    """Table 1's relationships drawn by one encoding of the book's map spec ("conflict": the brief's
    conflict status; "after": the course's coding after September 2021), as inline SVG with a title
    and description; all actors the same size (the brief gives no measure of their strength)."""
    pos = _pos(spec)
    rx = {n["id"]: _rx(_label(n)) for n in spec["nodes"]}
    rx["g-nug-pdfs"] = 1.0
    edges = []
    for e in spec["edges"]:
        x1, y1, x2, y2 = _trim(pos[e["source"]], pos[e["target"]], rx[e["source"]], rx[e["target"]])
        edges.append(line_svg(x1, y1, x2, y2, spec["kinds"][e["kind"][encoding]]))
    nodes = "".join(
        f'<ellipse cx="{pos[n["id"]][0]:.1f}" cy="{pos[n["id"]][1]:.1f}" rx="{rx[n["id"]]:.1f}" ry="{_RY:.0f}" class="m"/>'
        f'<text x="{pos[n["id"]][0]:.1f}" y="{pos[n["id"]][1] + 6:.1f}" text-anchor="middle">{_e(_label(n))}</text>'
        for n in spec["nodes"]
    )
    left = min(pos[n["id"]][0] - rx[n["id"]] for n in spec["nodes"]) - 6
    right = max(pos[n["id"]][0] + rx[n["id"]] for n in spec["nodes"]) + 6
    top = min(y for _, y in pos.values()) - _RY - 30
    bottom = max(y for _, y in pos.values()) + _RY + 6
    groups = (
        f'<text x="{left + 4:.0f}" y="{top + 16:.0f}" class="g">FPNCC members: left</text>'
        f'<text x="{right - 4:.0f}" y="{top + 16:.0f}" class="g" text-anchor="end">NCA signatories: right</text>'
    )
    title, drawn = MAPS[encoding]
    desc = (
        f"Each line joins the SAC, in the centre, to an actor in the brief's Table 1, drawn by {drawn}. "
        "The table below gives the same relationships in words."
    )
    return (
        f'<svg viewBox="{left:.0f} {top:.0f} {right - left:.0f} {bottom - top:.0f}" role="img" '
        f'aria-labelledby="t1-{encoding}-t t1-{encoding}-d" class="tt-since-map">'
        f'<title id="t1-{encoding}-t">{_e(title)}</title><desc id="t1-{encoding}-d">{_e(desc)}</desc>'
        f"{''.join(edges)}{nodes}{groups}</svg>"
    )


def _legend(spec: dict[str, Any], encoding: str) -> str:
    used = {e["kind"][encoding] for e in spec["edges"]}
    rows = "".join(
        f'<tr><td><svg viewBox="0 0 64 22" width="58" height="20" aria-hidden="true">'
        f"{line_svg(4, 11, 60, 11, spec['kinds'][k], scale=0.8)}</svg></td>"
        f"<td>{_e(spec['kinds'][k]['label'].replace('After 2021: ', ''))}</td></tr>"
        for k in spec["kindOrder"]
        if k in used
    )
    return f'<table class="tt-since-legend"><tbody>{rows}</tbody></table>'


def _names() -> dict[str, str]:
    from ..data import load_all

    out = {}
    for a in load_all().actors.itertuples(index=False):
        out[a.id] = a.acronym or re.sub(r"\s*\(as a group\)$", "", a.name)
    out["eaos"] = "EAOs (some)"
    return out


def table1_now_sheet() -> Sheet:
    """Two pages, the two sides of one sheet (Sheet.pages = (2, 2)): the two maps with their
    legends, and the table, which is the maps' text twin. On one page the 21 rows in the brief's own
    words and a map left the map's labels below 6 points; the table's words may not be shortened."""
    from ..data import load_all
    from ..maps.table1_since import build_table1_since_map
    from ..tables import STATUS_LABELS, as_of_text

    course = load_all()
    since = {r["id"]: r for r in course.relations_since.to_dict("records")}
    names = _names()
    spec = build_table1_since_map()
    rows = []
    for r in course.relations.sort_values("table_row").itertuples():
        now = since[r.id]
        others = list(r.actor_b) if isinstance(r.actor_b, (list, tuple)) else str(r.actor_b).split(";")
        who = f"{names.get(r.actor_a, r.actor_a)} and {' and '.join(names.get(a, a) for a in others)}"
        when = as_of_text(now.get("as_of_text") or "", now.get("precision") or "")
        more = len(now["other_sources"])
        rows.append(
            f"<tr><td>{_e(who)}</td><td>{_e(r.conflict_status)}</td><td>{_e(r.dialogue_status)}</td>"
            f"<td><strong>{_e(STATUS_LABELS[now['status_after']])}</strong>{' (' + _e(when) + ')' if when else ''}</td>"
            f"<td>{_e(source_label(now['source']))}{f', and {more} more' if more else ''}</td></tr>"
        )
    maps = "".join(
        f'<figure><figcaption class="tt-map-head">{_e(MAPS[enc][0])}</figcaption>{table1_map_svg(spec, enc)}'
        f"{_legend(spec, enc)}</figure>"
        for enc in ("conflict", "after")
    )
    body = f"""
<h1>Table 1 then and now</h1>
<p class="tt-lead"><strong>Then:</strong> {_e(BRIEF_PUBLISHED)}, Table 1, as printed (the table has no date of its own).
<strong>Now:</strong> the course's coding of what its sources report after September 2021, with the date of the latest
fact and the main source: who published it, and when. {_e(SINCE_LEAD)}</p>
<div class="tt-since-maps">{maps}</div>
<p class="tt-note">How to read the maps: each line joins the SAC, in the centre, to one actor or group in Table 1 (21 lines,
one for each row). The left map draws the brief's conflict status; the right map draws the course's coding of the same
relationships now. The line styles are the course's mapping notation (a zig-zag for fighting, bars across a line for a
broken relationship); how each status is drawn is the course's reading. All actors are drawn the same size: the brief gives
no measure of their strength. Text version: the table below.</p>
<p class="tt-note">Labels are their users': "Outlawed" is the brief's word for the NUG and the PDFs; "terrorist" is the
SAC's word for them (its spokesman, April 2022). "SAC" here means the military authorities: from July 2025, the commission
that replaced the SAC, which calls itself the State Security and Peace Commission.</p>
<h2>Look for</h2>
<ul><li>Which lines changed from no fighting to fighting, and which from fighting to a ceasefire?</li>
<li>Which of the brief's groupings (FPNCC members, NCA signatories) stayed together?</li>
<li>Where do the sources say nothing? The table says so.</li></ul>
<p class="tt-table-head">The same 21 relationships in words (text version of the maps)</p>
<table class="tt-table tt-since-table">
<thead><tr><th scope="col">Relationship</th><th scope="col">Then: conflict status (the brief)</th>
<th scope="col">Then: dialogue status (the brief)</th><th scope="col">Now: the course's coding (as of)</th>
<th scope="col">Main source</th></tr></thead><tbody>{"".join(rows)}</tbody></table>
{_source("then: the brief's Table 1 (" + BRIEF + ", Sec. 2); now: the course's fact sheet on events after the brief, sources as named; the SAC's label: " + source_label("fab-d3-dmg") + ".")}"""
    return Sheet("table-1-now", "Table 1 then and now", "participant", "handout", body, pages=(2, 2))


# ---------------------------------------------------------------------------------------------
# Timeline since the brief


def _clean_note(note: str) -> str:
    """An event's note as a participant may read it: no file, key or fact-sheet id."""
    note = re.sub(r"\s*\([^)]*facts-after-brief[^)]*\)", "", note or "")
    sentences = re.split(r"(?<=\.)\s+", note.strip())
    return " ".join(s for s in sentences if s and not re.search(r"fab-|facts-after|the sheet|\.csv|data/", s))


def timeline_since_sheet() -> Sheet:
    from ..data import load_all
    from ..tables import as_of_text

    ev = load_all().events
    ev = ev[ev["period"] == "postbrief"].sort_values("start")

    def when(r) -> str:
        start = as_of_text(r.start_text, r.precision)
        end = (r.end_text or "").strip()
        return f"{start} to {as_of_text(end, 'day' if len(end) == 10 else 'month')}" if end else start

    rows = []
    for r in ev.itertuples():
        note = _clean_note(str(r.note) if isinstance(r.note, str) else "")
        rows.append(
            f'<li><span class="tt-when">{_e(when(r))}</span> {_e(r.title)} '
            f'<span class="tt-where">({_e(source_label(r.source))})</span>'
            + (f' <span class="tt-differ">{_e(note)}</span>' if note else "")
            + "</li>"
        )
    body = f"""
<h1>Timeline since the brief, 2021-2026</h1>
<p class="tt-lead">What happened after {_e(BRIEF_PUBLISHED)}: the course's events after September 2021, in date order,
each with its date and its main source (who published it, and when). Where the sources differ, the note says how.
{_e(SINCE_LEAD)}</p>
<ol class="tt-timeline tt-timeline-since">{"".join(rows)}</ol>
<p class="tt-note">Names are their users': the body that ruled from February 2021 called itself the State Administration
Council (SAC), and from July 2025 the State Security and Peace Commission. Figures are given with who counts them.</p>
{_source("the course's fact sheet on events after the brief (only facts it marks verified; where sources differ, both versions), sources as named.")}"""
    return Sheet("timeline-since", "Timeline since the brief, 2021-2026", "participant", "handout", body)


# ---------------------------------------------------------------------------------------------
# The three recommendations then and now


def recommendations_now_sheet() -> Sheet:
    data = load_since()
    parts = []
    for rec, quote in zip(data["recommendations"], RECOMMENDATIONS):
        parts.append(
            f'<section class="tt-rec-now"><h2>{rec["number"]}. {_e(rec["short"])}</h2>'
            f'<p class="tt-then"><strong>Then (the brief):</strong> &ldquo;{_e(quote.rstrip(";."))}&rdquo;</p>'
            f"<p><strong>Since 2021, the sources report:</strong></p>{_facts(rec['since'])}"
            f'<p><strong>Where the sources are silent:</strong> {_e(rec["silent"].strip())}</p>'
            f'<p class="tt-reading"><strong>The course\'s reading:</strong> {_e(rec["reading"].strip())}</p></section>'
        )
    worry = data["worry"]
    body = f"""
<h1>The three recommendations then and now</h1>
<p class="tt-lead tt-lead-small">Then: the brief's words (recommendations box and Sec. 4). Since: what the course's sources
report, and where they are silent. The course's reading is a judgement to argue, not a fact. {_e(SINCE_LEAD)}</p>
{"".join(parts)}
<p class="tt-note tt-worry">{_e(worry["brief"].strip())} <strong>Since:</strong> {_e(" ".join(fact_line(f) for f in worry["since"]))}</p>
{_source("the brief (Jones, Min Zaw Oo and Palmiano Federer, 2021), box, Sec. 4; since 2021: the course's fact sheet.")}"""
    return Sheet("recommendations-now", "The three recommendations then and now", "participant", "handout", body)


# ---------------------------------------------------------------------------------------------
# Capstone for now


def capstone_now_sheet() -> Sheet:
    data = load_since()
    cap = data["capstone"]
    starts = "".join(f"<li>{_e(r['short'])}</li>" for r in data["recommendations"])
    design = "".join(f"<li>{_e(q)}</li>" for q in cap["design"])
    risks = "".join(
        f'<li><span class="tt-box" aria-hidden="true"></span> {_e(r["text"].strip())}'
        + (
            f' <span class="tt-where">({_e(sources_text([k for k in r["sources"] if k != "jones2021myanmar"]))})</span>'
            if len(r["sources"]) > 1
            else ""
        )
        + "</li>"
        for r in cap["risks"]
    )
    body = f"""
<h1>Capstone: a support strategy for now (2026)</h1>
<p class="tt-lead tt-lead-small">{_e(cap["task"].strip())} {_e(SINCE_LEAD)}</p>
<p class="tt-note tt-invented"><strong>Invented names only</strong>, for your organisation and every partner. Name no real
group or person, and write nothing that could identify anyone in the room. This sheet and your notes stay in the room.</p>
<div class="tt-since-two">
<div><h2>Start from the brief's three recommendations</h2><ol>{starts}</ol>
<h2>Channels the sources report since 2021</h2>{_facts(cap["channels"], "tt-since-facts")}</div>
<div><h2>What makes support harder now</h2>{_facts(cap["limits"], "tt-since-facts")}
<h2>Design your strategy</h2><ol>{design}</ol></div>
</div>
<h2>Risk checklist (the brief, Sec. 4 and Conclusions): tick each risk your strategy answers</h2>
<ul class="tt-risk-list">{risks}</ul>
{_source("the brief (Jones, Min Zaw Oo and Palmiano Federer, 2021), Sec. 4; since 2021: the course's fact sheet.")}"""
    return Sheet("capstone-now", "Capstone: a support strategy for now (2026)", "participant", "handout", body)
