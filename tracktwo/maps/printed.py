"""A conflict map in the course's notation as static SVG, with its text version: for paper (the
kit's sheets) and for any page that shows a map without the map builder's script.

The map is a map in the course's format (:mod:`.learner`) with every actor and issue placed (x, y).
It is drawn from :func:`.learner.to_spec`, so every style comes from the notation's one home,
``data/maps/notation.json``: a node's shape and border (a circle sized by power, a dashed circle for
an outside party, a double circle for ourselves, a box for an issue) and a line's style (solid,
double, dotted, zig-zag, dash-dot; bars across a broken relationship; an arrow). The drawing uses
presentation attributes only, so it needs no stylesheet, and never relies on colour.

The text version names each line by how it is *drawn* ("a double line"), as the notation's
``drawn`` words say, not by what it means: reading the notation stays the reader's task.

>>> svg = map_svg({"format": "tracktwo-learner-map", "version": 2, "title": "T", "viewpoint": "V",
...     "date": "D", "actors": [{"id": "a", "name": "A", "type": "group", "power": 2, "party": "inside",
...     "x": 0, "y": 0}, {"id": "b", "name": "B", "type": "group", "power": 2, "party": "outside",
...     "x": 200, "y": 0}], "relationships": [{"id": "r", "source": "a", "target": "b",
...     "kind": "alliance"}], "issues": []}, "m")
>>> svg.count("<line"), 'stroke-dasharray="4 3"' in svg
(2, True)
"""

from __future__ import annotations

import math
from html import escape
from typing import Any

from . import notation
from .learner import VERSION, map_problems, to_spec

INK = "#111"
STROKE = 1.6
#: Dash patterns for the notation's border and line styles (the printed legend's, in print.css).
DASHES = {"dashed": "4 3", "dotted": "1.5 3.5", "dashdot": "8 3 1.5 3"}
FONT = 14  # label size, in drawing units
PAD = 14
#: A label's attributes: centred, with a white halo so that a line passing behind it stays readable.
_TEXT = f'text-anchor="middle" font-size="{FONT}" fill="{INK}" stroke="#fff" stroke-width="3" paint-order="stroke"'


def _e(text: Any) -> str:
    return escape(str(text), quote=True)


def radius(node: dict[str, Any]) -> float:
    """A circle's radius: relative power 1 to 5 drawn as size."""
    return 12 + 5 * node["weight"]


def _box(node: dict[str, Any]) -> tuple[float, float]:
    """An issue box's half width and half height (one line of text)."""
    return 6 + 3.2 * len(node["label"]), 11


def _edge_point(node: dict[str, Any], toward: tuple[float, float]) -> tuple[float, float]:
    """Where a line toward ``toward`` leaves the node's outline (a circle's rim or a box's side)."""
    x, y = node["x"], node["y"]
    dx, dy = toward[0] - x, toward[1] - y
    dist = math.hypot(dx, dy) or 1.0
    if node["type"] == "issue":
        hw, hh = _box(node)
        scale = min(hw / abs(dx) if dx else math.inf, hh / abs(dy) if dy else math.inf)
        return x + dx * scale, y + dy * scale
    r = radius(node) + (1.5 if node["type"] == "self" else 0)
    return x + dx / dist * r, y + dy / dist * r


def _attrs(dash: str | None = None, width: float = STROKE) -> str:
    out = f'fill="none" stroke="{INK}" stroke-width="{width}"'
    if dash:
        out += f' stroke-dasharray="{DASHES[dash]}"'
        if dash == "dotted":
            out += ' stroke-linecap="round"'
    return out


def _segment(p: tuple[float, float], q: tuple[float, float], attrs: str) -> str:
    return f'<line x1="{p[0]:.1f}" y1="{p[1]:.1f}" x2="{q[0]:.1f}" y2="{q[1]:.1f}" {attrs}/>'


def _line(p: tuple[float, float], q: tuple[float, float], style: dict[str, Any]) -> str:
    """One relationship or issue link from p to q, in the notation's style."""
    dx, dy = q[0] - p[0], q[1] - p[1]
    length = math.hypot(dx, dy) or 1.0
    ux, uy = dx / length, dy / length  # along
    nx, ny = -uy, ux  # across
    end = q
    out = []
    if style.get("arrow"):
        end = (q[0] - ux * 9, q[1] - uy * 9)
        tip = (
            f"{q[0]:.1f},{q[1]:.1f} {end[0] + nx * 4.5:.1f},{end[1] + ny * 4.5:.1f} "
            f"{end[0] - nx * 4.5:.1f},{end[1] - ny * 4.5:.1f}"
        )
        out.append(f'<polygon points="{tip}" fill="{INK}"/>')
    kind = style["line"]
    if kind == "double":
        for side in (-2.2, 2.2):
            out.append(
                _segment((p[0] + nx * side, p[1] + ny * side), (end[0] + nx * side, end[1] + ny * side), _attrs(width=1.3))
            )
    elif kind == "zigzag":
        steps = max(4, int(length // 9))
        pts = [p]
        for i in range(1, steps):
            t = i / steps
            amp = 5 if i % 2 else -5
            pts.append((p[0] + dx * t + nx * amp, p[1] + dy * t + ny * amp))
        pts.append(end)
        out.append(f'<polyline points="{" ".join(f"{x:.1f},{y:.1f}" for x, y in pts)}" {_attrs()}/>')
    else:
        dash = kind if kind in DASHES else None
        out.append(_segment(p, end, _attrs(dash, 2.2 if kind == "dotted" else (1.1 if kind == "dashdot" else STROKE))))
    if style.get("broken"):
        mx, my = p[0] + dx / 2, p[1] + dy / 2
        for shift in (-4, 4):
            cx, cy = mx + ux * shift, my + uy * shift
            a = (cx + nx * 8 + ux * 3, cy + ny * 8 + uy * 3)
            b = (cx - nx * 8 - ux * 3, cy - ny * 8 - uy * 3)
            out.append(_segment(a, b, _attrs()))
    return "".join(out)


def _label_lines(text: str, limit: int = 16) -> list[str]:
    """A label in at most two lines, broken at a space near the middle when it is long."""
    if len(text) <= limit or " " not in text:
        return [text]
    spaces = [i for i, ch in enumerate(text) if ch == " "]
    cut = min(spaces, key=lambda i: abs(i - len(text) / 2))
    return [text[:cut], text[cut + 1 :]]


def _node(node: dict[str, Any], style: dict[str, Any]) -> str:
    x, y = node["x"], node["y"]
    if style["shape"] == "rectangle":
        hw, hh = _box(node)
        return (
            f'<rect x="{x - hw:.1f}" y="{y - hh:.1f}" width="{2 * hw:.1f}" height="{2 * hh:.1f}" fill="#fff" '
            f'stroke="{INK}" stroke-width="{STROKE}"/>'
            f'<text x="{x:.1f}" y="{y + 4:.1f}" {_TEXT}>{_e(node["label"])}</text>'
        )
    r = radius(node)
    border = style["border"]
    out = f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="#fff" stroke="{INK}" stroke-width="{STROKE}"'
    out += f' stroke-dasharray="{DASHES["dashed"]}"/>' if border == "dashed" else "/>"
    if border == "double":
        out += f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r - 4:.1f}" {_attrs(width=1.2)}/>'
    lines = _label_lines(node["label"])
    top = y + r + FONT + 1
    out += "".join(f'<text x="{x:.1f}" y="{top + n * (FONT + 1):.1f}" {_TEXT}>{_e(t)}</text>' for n, t in enumerate(lines))
    return out


def _extent(node: dict[str, Any]) -> tuple[float, float, float, float]:
    """The node's drawing, label included: (left, top, right, bottom)."""
    x, y = node["x"], node["y"]
    if node["type"] == "issue":
        hw, hh = _box(node)
        return x - hw, y - hh, x + hw, y + hh
    r = radius(node)
    half = max(r, max(len(t) for t in _label_lines(node["label"])) * FONT * 0.3)
    return x - half, y - r, x + half, y + r + 2 * (FONT + 1) + 2


#: The SVG's short description (its ``desc``), unless a caller gives it in another language.
MAP_DESC = "A conflict map in the course's notation; its text version follows the drawing."


def map_svg(data: dict[str, Any], svg_id: str, *, css_class: str = "tt-map-svg", desc: str = MAP_DESC) -> str:
    """The map as an inline SVG labelled by its title and a short description (``desc``); ``svg_id``
    makes the label ids unique on a page."""
    spec = to_spec(data)
    nodes = {n["id"]: n for n in spec["nodes"]}
    edges = []
    for edge in spec["edges"]:
        a, b = nodes[edge["source"]], nodes[edge["target"]]
        p = _edge_point(a, (b["x"], b["y"]))
        q = _edge_point(b, (a["x"], a["y"]))
        edges.append(_line(p, q, spec["kinds"][edge["kind"]["kind"]]))
    drawn = "".join(_node(n, spec["nodeTypes"][n["type"]]) for n in spec["nodes"])
    boxes = [_extent(n) for n in spec["nodes"]]
    left, top = min(b[0] for b in boxes) - PAD, min(b[1] for b in boxes) - PAD
    width, height = max(b[2] for b in boxes) + PAD - left, max(b[3] for b in boxes) + PAD - top
    return (
        f'<svg viewBox="{left:.0f} {top:.0f} {width:.0f} {height:.0f}" role="img" class="{_e(css_class)}" '
        f'aria-labelledby="{_e(svg_id)}-t" aria-describedby="{_e(svg_id)}-d">'
        f'<title id="{_e(svg_id)}-t">{_e(data["title"])}</title>'
        f'<desc id="{_e(svg_id)}-d">{escape(str(desc), quote=False)}</desc>'
        f"{''.join(edges)}{drawn}</svg>"
    )


def _drawn_words() -> dict[str, str]:
    """How each kind of node and line is drawn, in words (the notation's ``drawn``)."""
    return {f"{r['element']}:{r['id']}": r["drawn"] for r in notation.legend_rows()}


def map_text(data: dict[str, Any]) -> list[str]:
    """The map's text version, one sentence per actor, line and issue, naming what is *drawn*."""
    return [sentence for _, sentence in map_text_keyed(data)]


def map_text_keyed(data: dict[str, Any]) -> list[tuple[str, str]]:
    """:func:`map_text` with each sentence's stable key (``actor-<id>``, ``line-<id>``,
    ``issue-<id>``), for a translated sheet's ids (tracktwo.i18n)."""
    words = _drawn_words()
    spec = to_spec(data)
    names = {n["id"]: n["label"] for n in spec["nodes"]}
    out = []
    for n in spec["nodes"]:
        if n["type"] == "issue":
            continue
        shape = words[f"node:{n['type']}"]
        if n["type"] == "inside":
            shape = f"a circle of size {n['weight']} of 5"
        elif n["type"] == "outside":
            shape = f"{shape} of size {n['weight']} of 5"
        out.append((f"actor-{n['id']}", f"{n['label']}: {shape}."))
    for edge in spec["edges"]:
        kind = edge["kind"]["kind"]
        if kind == "issue":
            continue
        how = words[f"line:{kind}"]
        if spec["kinds"][kind].get("arrow"):
            out.append(
                (
                    f"line-{edge['id']}",
                    f"From {names[edge['source']]} to {names[edge['target']]}: {how}, pointing to {names[edge['target']]}.",
                )
            )
        else:
            out.append((f"line-{edge['id']}", f"Between {names[edge['source']]} and {names[edge['target']]}: {how}."))
    for s in data.get("issues", []):
        linked = ", ".join(names[a] for a in s.get("actors", []))
        out.append(
            (
                f"issue-{s['id']}",
                f"{words['node:issue'].capitalize()} reading \u201c{s['label']}\u201d, joined by {words['line:issue']} to {linked}.",
            )
        )
    return out


def placed_map_problems(data: Any) -> list[str]:
    """Why ``data`` cannot be drawn on paper: it must be a map in the course's format
    (:func:`.learner.map_problems`), of the current version, with every actor and issue placed (x and
    y), since a printed map cannot be rearranged. Used where an exercise's ``map`` is drawn (the
    book's exercise directive, the kit's knowledge check)."""
    problems = map_problems(data)
    if problems or not isinstance(data, dict):
        return problems
    if data.get("version") != VERSION:
        return [f"field 'version' is {data.get('version')!r}: a map to draw is version {VERSION}, with positions"]
    for key, noun in (("actors", "actor"), ("issues", "issue")):
        for n, entry in enumerate(data[key], 1):
            if "x" not in entry:
                problems.append(f"{noun} {n} has no x and y: place every {noun} on a map to draw")
    return problems


def map_figure(data: dict[str, Any], svg_id: str, label: str = "Text version of the map:") -> str:
    """The drawing and its text version as one figure (the book's exercises; the kit lays out its own)."""
    words = "".join(f"<li>{_e(s)}</li>" for s in map_text(data))
    return f'<figure class="tt-ex-map">{map_svg(data, svg_id)}<figcaption>{_e(label)}<ul>{words}</ul></figcaption></figure>'
