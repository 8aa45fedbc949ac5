"""What a conflict-map spec and a saved map state must look like.

A *spec* is plain JSON built in Python (:mod:`.table1`, :mod:`.channels`) and drawn by the front
end (``js/src/conflict_map.js``); it holds every word the map shows. A *state* is what the learner
changes: ``{"encoding": id, "positions": {node id: {"x": float, "y": float}}}``.

:func:`state_problems` has a twin in ``js/src/state.js`` (``stateProblems``); the parity test runs
both over the same inputs.
"""

from __future__ import annotations

import math
from typing import Any

LINES = ("solid", "dashed", "dotted", "double", "zigzag", "dashdot")
SHAPES = ("ellipse", "rectangle", "round-rectangle", "diamond", "hexagon", "octagon", "triangle", "barrel")
BORDERS = ("solid", "dashed", "dotted", "double")
LIMIT = 1e6


class MapError(ValueError):
    """A map spec or state that cannot be used; the message names the map and every problem."""

    def __init__(self, where: str, problems: list[str]):
        self.where = where
        self.problems = list(problems)
        shown = "; ".join(self.problems[:6]) + (f" (+{len(self.problems) - 6} more)" if len(self.problems) > 6 else "")
        super().__init__(f"{where}: {shown}")


def _is_text(value: Any) -> bool:
    return isinstance(value, str) and value.strip() != ""


def map_problems(spec: Any) -> list[str]:
    """Every problem with a map spec, as short sentences naming the element and field."""
    if not isinstance(spec, dict):
        return ["the map spec is not an object"]
    problems: list[str] = []
    for field in ("id", "title", "viewpoint", "date"):
        if not _is_text(spec.get(field)):
            problems.append(f"map field {field!r} is missing or empty (every map states its viewpoint and date)")
    encodings = spec.get("encodings")
    if not isinstance(encodings, list) or not encodings:
        problems.append("map has no encodings")
        encodings = []
    enc_ids = [e.get("id") for e in encodings if isinstance(e, dict)]
    for i, e in enumerate(encodings):
        if not isinstance(e, dict) or not _is_text(e.get("id")) or not _is_text(e.get("label")):
            problems.append(f"encoding {i + 1} needs an id and a label")
    kinds = spec.get("kinds") or {}
    if not isinstance(kinds, dict):
        problems.append("kinds is not an object")
        kinds = {}
    for kid, kind in kinds.items():
        if not isinstance(kind, dict) or not _is_text(kind.get("label")):
            problems.append(f"kind {kid!r} needs a label")
            continue
        if kind.get("line") not in LINES:
            problems.append(f"kind {kid!r}: line {kind.get('line')!r} is not one of {', '.join(LINES)}")
        width = kind.get("width", 2)
        if not isinstance(width, (int, float)) or not 0.5 <= width <= 12:
            problems.append(f"kind {kid!r}: width {width!r} is not a number from 0.5 to 12")
    types = spec.get("nodeTypes") or {}
    for tid, t in types.items():
        if t.get("shape") not in SHAPES:
            problems.append(f"node type {tid!r}: shape {t.get('shape')!r} is not one of {', '.join(SHAPES)}")
        if t.get("border", "solid") not in BORDERS:
            problems.append(f"node type {tid!r}: border {t.get('border')!r} is not one of {', '.join(BORDERS)}")
    groups = {g.get("id") for g in spec.get("groups") or [] if isinstance(g, dict)}
    seen: set[str] = set(groups)
    nodes = spec.get("nodes") or []
    for n in nodes:
        nid = n.get("id") if isinstance(n, dict) else None
        if not _is_text(nid):
            problems.append("a node has no id")
            continue
        if nid in seen:
            problems.append(f"id {nid!r} is used twice")
        seen.add(nid)
        if not _is_text(n.get("label")):
            problems.append(f"node {nid!r} has no label")
        if not n.get("decor") and n.get("type") not in types:
            problems.append(f"node {nid!r}: type {n.get('type')!r} is not in nodeTypes")
        if n.get("group") and n["group"] not in groups:
            problems.append(f"node {nid!r}: group {n['group']!r} is not in groups")
        for axis in ("x", "y"):
            if axis in n and not (isinstance(n[axis], (int, float)) and math.isfinite(n[axis])):
                problems.append(f"node {nid!r}: {axis} is not a finite number")
        for enc in n.get("only") or []:
            if enc not in enc_ids:
                problems.append(f"node {nid!r}: 'only' names unknown encoding {enc!r}")
    node_ids = seen
    edge_ids: set[str] = set()
    for e in spec.get("edges") or []:
        eid = e.get("id") if isinstance(e, dict) else None
        if not _is_text(eid):
            problems.append("an edge has no id")
            continue
        if eid in edge_ids or eid in node_ids:
            problems.append(f"id {eid!r} is used twice")
        edge_ids.add(eid)
        for end in ("source", "target"):
            if e.get(end) not in node_ids:
                problems.append(f"edge {eid!r}: {end} {e.get(end)!r} is not a node or group on the map")
        ekinds = e.get("kind") or {}
        if not ekinds:
            problems.append(f"edge {eid!r} has no kind in any encoding")
        for enc, kid in ekinds.items():
            if enc not in enc_ids:
                problems.append(f"edge {eid!r}: unknown encoding {enc!r}")
            if kid not in kinds:
                problems.append(f"edge {eid!r}: kind {kid!r} is not in kinds")
    return problems


def check_map(spec: Any) -> dict:
    """Return the spec if it is usable, else raise :class:`MapError` naming every problem."""
    problems = map_problems(spec)
    if problems:
        name = spec.get("id", "?") if isinstance(spec, dict) else "?"
        raise MapError(f"map {name!r}", problems)
    return spec


def _finite(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value) and abs(value) <= LIMIT


def state_problems(state: Any, spec: dict) -> list[str]:
    """Problems with a saved state for this map; twin of ``stateProblems`` in ``js/src/state.js``."""
    if not isinstance(state, dict):
        return ["the saved state is not an object"]
    problems: list[str] = []
    encodings = [e["id"] for e in spec.get("encodings") or []]
    if "encoding" in state and state["encoding"] not in encodings:
        problems.append(f"encoding {_json(state['encoding'])} is not one of {', '.join(encodings)}")
    if "positions" in state:
        positions = state["positions"]
        if not isinstance(positions, dict):
            problems.append("positions is not an object")
        else:
            ids = {n["id"] for n in spec.get("nodes") or []}
            for nid in sorted(positions):
                p = positions[nid]
                if nid not in ids:
                    problems.append(f"positions names an actor not on this map: {_json(nid)}")
                elif not isinstance(p, dict) or not _finite(p.get("x")) or not _finite(p.get("y")):
                    problems.append(f"position of {_json(nid)} is not a pair of finite numbers x, y")
    for key in sorted(state):
        if key not in ("encoding", "positions"):
            problems.append(f"unknown field {_json(key)}")
    return problems


def _json(value: Any) -> str:
    import json

    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
