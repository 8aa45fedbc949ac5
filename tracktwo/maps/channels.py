"""The dialogue channels after the coup (data/maps/channels.yaml) as a map and a placing exercise.

:func:`load_channels` reads and validates the file (JSON Schema beside it, then cross-references);
:func:`build_channels_map` places each channel on a grid of tracks (columns) and Lederach's levels
(rows), draws the links, and offers a second view with the brief's three recommendations overlaid;
:func:`placing_spec` is the "Placing dialogues" exercise built from the same file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..data.paths import DATA_DIR
from ..confidential import marks
from ..data.yamlfile import load_checked
from .model import check_map


DATA = DATA_DIR / "maps"
CHANNELS = DATA / "channels.yaml"
SCHEMA = DATA / "channels.schema.json"

LINK_KINDS = {
    "feeds-into": {"label": "Feeds into", "line": "solid", "width": 2, "arrow": True, "color": "#1f2933", "lineText": "arrow"},
    "parallel": {"label": "Runs parallel to", "line": "double", "width": 3, "color": "#1f2933", "lineText": "double line"},
    "pulls-against": {"label": "Pulls against", "line": "zigzag", "width": 3, "color": "#9b1c1c", "lineText": "zig-zag"},
    "supports": {
        "label": "Outside support would go to",
        "line": "dashed",
        "width": 2,
        "arrow": True,
        "color": "#1e3a8a",
        "lineText": "dashed arrow",
    },
    "tension": {
        "label": "Tension: managing against transforming",
        "line": "zigzag",
        "width": 5,
        "color": "#9b1c1c",
        "broken": True,
        "lineText": "thick zig-zag, barred at both ends",
    },
}

NODE_TYPES = {
    "channel-brief": {
        "label": "Channel placed by the brief's own words",
        "shape": "round-rectangle",
        "border": "solid",
        "fill": "#e4e7eb",
    },
    "channel-course": {
        "label": "Channel placed by the course's reading (dashed border)",
        "shape": "round-rectangle",
        "border": "dashed",
        "fill": "#f5f7fa",
    },
    "channel-suspended": {
        "label": "Suspended channel (dotted border)",
        "shape": "round-rectangle",
        "border": "dotted",
        "fill": "#ffffff",
    },
    "recommendation": {
        "label": "The brief's recommendation (hexagon)",
        "shape": "hexagon",
        "border": "double",
        "fill": "#dbeafe",
    },
}

X = {"1": 0, "1.5": 260, "2": 520, "3": 780}
Y = {"top": 0, "middle": 400, "grassroots": 800}
STACK = 150
#: Where each recommendation sits, right of the grid: beside the level it mostly supports.
REC_Y = {"rec-1": 0, "rec-3": 400, "rec-2": 800}
REC_X = {"rec-1": 1180, "rec-3": 1010, "rec-2": 1180}


class ChannelsError(ValueError):
    """channels.yaml cannot be used; the message names the file, the element and the field."""


#: How the file's list entries are named in messages (``channel 'nca-jmc', field 'track'``).
NOUNS = {
    "channels": "channel",
    "links": "link",
    "tracks": "track",
    "levels": "level",
    "aims": "aim",
    "actors": "actor",
    "readings": "reading",
}


def load_channels(path: Path | str = CHANNELS) -> dict[str, Any]:
    """channels.yaml, read and checked by the course's one checked-YAML loader, then cross-checked."""
    return load_checked(path, SCHEMA, ChannelsError, nouns=NOUNS, cross=cross_problems)


def cross_problems(data: dict[str, Any]) -> list[str]:
    """What the schema cannot check: ids exist and are unique, placing answers are offered."""
    problems = []
    tracks = {t["id"] for t in data["tracks"]}
    levels = {lv["id"] for lv in data["levels"]}
    aims = {a["id"] for a in data["aims"]}
    ids: set[str] = set()
    for c in data["channels"]:
        if c["id"] in ids:
            problems.append(f"channel {c['id']}: id used twice")
        ids.add(c["id"])
        if c["track"] not in tracks:
            problems.append(f"channel {c['id']}: track {c['track']!r} is not one of {sorted(tracks)}")
        if c["level"] not in levels:
            problems.append(f"channel {c['id']}: level {c['level']!r} is not one of {sorted(levels)}")
        if c["aim"] is not None and c["aim"] not in aims:
            problems.append(f"channel {c['id']}: aim {c['aim']!r} is not one of {sorted(aims)}")
        if c["placing"]:
            for field, allowed in (("track", tracks), ("aim", aims)):
                rule = c["placing"][field]
                for value in [rule["best"], *rule["accept"]]:
                    if value not in allowed:
                        problems.append(f"channel {c['id']}: placing.{field} answer {value!r} is not offered")
                if rule["best"] in rule["accept"]:
                    problems.append(f"channel {c['id']}: placing.{field} best answer is also under accept")
            if c["placing"]["track"]["best"] != c["track"] or c["placing"]["aim"]["best"] != c["aim"]:
                problems.append(f"channel {c['id']}: placing's best answers differ from the channel's track and aim")
    rec_ids = {r["id"] for r in data["recommendations"]}
    for link in data["links"]:
        for end in ("source", "target"):
            if link[end] not in ids:
                problems.append(f"link {link['id']}: {end} {link[end]!r} is not a channel")
    for r in data["recommendations"]:
        for s in r["supports"]:
            if s not in ids:
                problems.append(f"recommendation {r['id']}: supports {s!r}, not a channel")
    t = data["tension"]
    for end in ("source", "target"):
        if t[end] not in rec_ids:
            problems.append(f"tension: {end} {t[end]!r} is not a recommendation")
    return problems


def _reading(reading: str) -> str:
    return "The brief's own words" if reading == "brief" else "The course's reading of the brief"


def build_channels_map(data: dict[str, Any] | None = None) -> dict[str, Any]:
    data = data or load_channels()
    tracks = {t["id"]: t["label"] for t in data["tracks"]}
    levels = {lv["id"]: lv["label"] for lv in data["levels"]}
    aims = {a["id"]: a["label"] for a in data["aims"]}
    nodes: list[dict[str, Any]] = []
    for tid, label in tracks.items():
        nodes.append({"id": f"axis-track-{tid.replace('.', '-')}", "label": label, "decor": True, "x": X[tid], "y": -110})
    for lid, label in levels.items():
        nodes.append({"id": f"axis-level-{lid}", "label": label, "decor": True, "x": -200, "y": Y[lid]})
    cell_count: dict[tuple[str, str], int] = {}
    for c in data["channels"]:
        cell = (c["track"], c["level"])
        k = cell_count.get(cell, 0)
        cell_count[cell] = k + 1
        kind = "channel-suspended" if c["placing"] is False else f"channel-{c['reading']}"
        nodes.append(
            {
                "id": c["id"],
                "label": c.get("short", c["label"]),
                "name": c["label"],
                "type": kind,
                "x": X[c["track"]],
                "y": Y[c["level"]] + STACK * k,
                "weight": 1,
                "details": [
                    ["What", c["description"]],
                    ["The brief's words", f"\u201c{c['words']}\u201d"],
                    ["Track", tracks[c["track"]]],
                    ["Level", levels[c["level"]]],
                    ["Aim", aims.get(c["aim"], "None stated") if c["aim"] else "None (suspended)"],
                    ["Placed by", _reading(c["reading"])],
                    ["Source", f"The brief, {c['citation']}"],
                ],
            }
        )
    # Recommendations (second view only), to the right of the grid.
    for i, r in enumerate(data["recommendations"]):
        nodes.append(
            {
                "id": r["id"],
                "label": r.get("short", r["label"]),
                "name": r["label"],
                "type": "recommendation",
                "only": ["recommendations"],
                "x": REC_X.get(r["id"], 1180),
                "y": REC_Y.get(r["id"], 400 * i),
                "weight": 1,
                "details": [["What", r["text"]], ["Source", f"The brief, {r['citation']}"], ["Placed by", _reading(r["reading"])]]
                + ([["Note", r["note"]]] if r.get("note") else []),
            }
        )
    edges = []
    for link in data["links"]:
        edges.append(
            {
                "id": link["id"],
                "source": link["source"],
                "target": link["target"],
                "kind": {"links": link["kind"], "recommendations": link["kind"]},
                "details": [
                    ["Link", LINK_KINDS[link["kind"]]["label"]],
                    ["Why", link["note"]],
                    ["Placed by", _reading(link["reading"])],
                    ["Source", f"The brief, {link['citation']}"],
                ],
                "columns": {"why": link["note"], "source": f"{link['citation']} ({_reading(link['reading']).lower()})"},
            }
        )
    for r in data["recommendations"]:
        for s in r["supports"]:
            edges.append(
                {
                    "id": f"{r['id']}-{s}",
                    "source": r["id"],
                    "target": s,
                    "kind": {"recommendations": "supports"},
                    "details": [["Support", r["text"]], ["Source", f"The brief, {r['citation']}"]],
                    "columns": {"why": r["text"], "source": r["citation"]},
                }
            )
    t = data["tension"]
    edges.append(
        {
            "id": t["id"],
            "source": t["source"],
            "target": t["target"],
            "kind": {"recommendations": "tension"},
            "details": [["Tension", t["label"]], ["The brief", t["note"]], ["Source", f"The brief, {t['citation']}"]],
            "columns": {"why": t["note"], "source": t["citation"]},
        }
    )
    spec = {
        "id": data["id"],
        "title": data["title"],
        "viewpoint": data["viewpoint"],
        "date": data["date"],
        "encodingLegend": "Show",
        "encodings": [
            {"id": "links", "label": "Channels and their links"},
            {"id": "recommendations", "label": "With the brief's three recommendations"},
        ],
        "kinds": LINK_KINDS,
        "kindOrder": list(LINK_KINDS),
        "nodeTypes": NODE_TYPES,
        "groups": [],
        "nodes": nodes,
        "edges": edges,
        "edgeColumns": [{"id": "why", "label": "Why"}, {"id": "source", "label": "Source in the brief"}],
        "legendNotes": [
            "Columns are tracks (official to grassroots work); rows are Lederach's levels of leadership.",
            "A dashed border marks a placement that is the course's reading, not the brief's words.",
        ],
    }
    return check_map(spec)


def placing_spec(data: dict[str, Any] | None = None) -> dict[str, Any]:
    """The "Placing dialogues" exercise: channels with a placing key, the options, the key."""
    data = data or load_channels()
    placed = [c for c in data["channels"] if c["placing"]]
    return {
        "id": "placing-channels",
        "title": "Placing dialogues",
        "intro": (
            "Place each channel the brief describes on a track and an aim, then check. "
            "Where the brief's label and the course's definitions point different ways, more than "
            "one answer is accepted, and the feedback says why."
        ),
        "tracks": data["tracks"],
        "aims": data["aims"],
        "channels": [{"id": c["id"], "label": c["label"], "description": c["description"]} for c in placed],
        # The mark in the data (channels.yaml's `keys` section): editions that withhold it get no key.
        "keyKind": marks(data, CHANNELS.name).get("channels[].placing", "placing-key"),
        "key": [{"channel": c["id"], "track": c["placing"]["track"], "aim": c["placing"]["aim"]} for c in placed],
    }
