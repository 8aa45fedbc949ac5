"""A learner's map in practitioners' tools: GraphML and GEXF (networkx, Gephi, yEd) and Kumu JSON out,
GraphML back in.

Pure functions; the twin is ``js/src/interchange.js`` and ``tests/test_map_interchange.py`` runs both
over the same generated maps: the exports are byte-identical, and the GraphML read back gives the
same map (and the same message for a broken file) in both.

What goes where (decision: docs/decisions/0022-map-interchange.md):

- **GraphML 1.0** (``to_graphml``, read back by ``from_graphml``): every actor and issue box is a
  ``<node>``, every relationship an ``<edge>``, and each issue's link to an actor it concerns an
  edge of kind ``issue`` (source: the issue). ``<data>`` carries the actor's type (and its words),
  power, party, the learner's position (``x``, ``y``) when there is one; the relationship's kind, its
  words, its direction (``one-way`` for influence, ``none`` for the others) and its ``lane`` (which
  of several lines between the same two actors it is). The map's title, viewpoint, date and notes
  are the graph's data. The graph is ``directed`` (source to target as the learner drew it); the
  ``direction`` says which lines have an arrow (networkx refuses a mix of directed and undirected
  edges in one file, so the direction is data, not GraphML's ``directed`` attribute).
- **GEXF 1.3** (``to_gexf``): the same nodes, edges and attributes, each position as
  ``viz:position`` (y turned over: in Gephi y grows upwards, on the course's map downwards) and
  power as ``viz:size``; the map's title, viewpoint and date in ``<meta><description>``; not the notes.
- **Kumu JSON** (``to_kumu``): a Kumu "blueprint", the shape Kumu's import documents
  (docs.kumu.io/guides/import/blueprints: ``{"elements": [{"id", "label", "type", "description",
  "tags", custom keys}], "connections": [{"id", "from", "to", "type", "direction"}]}``, direction
  one of ``directed``, ``undirected``, ``mutual``). A blueprint has no map-level fields, so each
  element carries the map's title, viewpoint and date as custom fields ("Map", "Viewpoint",
  "Map date"); positions are not part of a blueprint and are left out, and so are the lanes and the
  notes. Checked in the tests
  against ``data/maps/kumu-blueprint.schema.json``.

Only GraphML is read back: it is the one format that carries everything the map holds. A file is
read through :func:`tracktwo.data.learner_files.parse_xml` (defusedxml; a DOCTYPE or entity is
refused), and any problem is one :class:`~tracktwo.data.learner_files.LearnerFileError` naming the
file, the element (``node 3 (id "a2")``, ``edge 5 (id "r1")``) and the field.
"""

from __future__ import annotations

import json
import re
from typing import Any

from tracktwo.data.learner_files import LearnerFileError, parse_xml
from tracktwo.data.learner_files import q as _q

from . import learner, notation

GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
GEXF_NS = "http://gexf.net/1.3"
VIZ_NS = "http://gexf.net/1.3/viz"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
#: The course's GraphML keys: (id, for, attr.name, attr.type). Read back by attr.name.
GRAPHML_KEYS = (
    ("g_format", "graph", "format", "string"),
    ("g_version", "graph", "version", "int"),
    ("g_title", "graph", "title", "string"),
    ("g_viewpoint", "graph", "viewpoint", "string"),
    ("g_date", "graph", "date", "string"),
    ("g_notes", "graph", "notes", "string"),
    ("n_label", "node", "label", "string"),
    ("n_kind", "node", "kind", "string"),
    ("n_type", "node", "type", "string"),
    ("n_type_label", "node", "type_label", "string"),
    ("n_power", "node", "power", "int"),
    ("n_party", "node", "party", "string"),
    ("n_x", "node", "x", "double"),
    ("n_y", "node", "y", "double"),
    ("e_kind", "edge", "kind", "string"),
    ("e_label", "edge", "label", "string"),
    ("e_direction", "edge", "direction", "string"),
    ("e_lane", "edge", "lane", "int"),
)
#: GEXF's attribute columns (id = title, type), by class.
GEXF_ATTRIBUTES = {
    "node": (("kind", "string"), ("type", "string"), ("type_label", "string"), ("power", "integer"), ("party", "string")),
    "edge": (("kind", "string"), ("direction", "string"), ("lane", "integer")),
}
ISSUE_LINK = "issue"  # the kind of an issue's link to an actor (notation.json's line "issue")
KUMU_DIRECTION = {"one-way": "directed", "none": "undirected"}

_BAD_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_NUMBER = re.compile(r"^-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?$")


# --- Writing ----------------------------------------------------------------------------------------


def esc(text: str) -> str:
    """Text for an XML attribute or element, read back exactly: the five specials and tab, line feed
    and carriage return as references; a character XML 1.0 cannot hold becomes U+FFFD (twin: ``esc``)."""
    text = _BAD_CHARS.sub("\ufffd", text)
    for a, b in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ('"', "&quot;"), ("\t", "&#9;"), ("\n", "&#10;"), ("\r", "&#13;")):
        text = text.replace(a, b)
    return text


def num(value: Any) -> str:
    """A number as JavaScript's ``String`` writes it (``4500``, ``-0.5``, ``1e-7``) (twin: ``num``)."""
    if isinstance(value, bool):
        raise TypeError("a yes/no is not a coordinate")
    if isinstance(value, int) or float(value).is_integer() and abs(value) < 1e21:
        return str(int(value))
    text = repr(float(value))
    if "e" in text:
        mantissa, exp = text.split("e")
        power = int(exp)
        if -7 < power < 21:  # JavaScript writes these without an exponent
            from decimal import Decimal

            return format(Decimal(text), "f")
        return f"{mantissa}e{'+' if power > 0 else '-'}{abs(power)}"
    return text


def _direction(kind: str) -> str:
    return "one-way" if notation.edge_kinds().get(kind, {}).get("arrow") else "none"


def _nodes_and_edges(data: dict[str, Any]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The map as a list of nodes and edges, each with its attributes in the order written."""
    labels = notation.kind_labels()
    nodes = []
    for a in data["actors"]:
        attrs = {
            "label": a["name"],
            "kind": "actor",
            "type": a["type"],
            "type_label": learner.TYPE_LABELS[a["type"]],
            "power": a["power"],
            "party": a["party"],
        }
        if "x" in a and "y" in a:
            attrs.update(x=a["x"], y=a["y"])
        nodes.append({"id": a["id"], "attrs": attrs})
    for s in data["issues"]:
        attrs = {"label": s["label"], "kind": "issue"}
        if "x" in s and "y" in s:
            attrs.update(x=s["x"], y=s["y"])
        nodes.append({"id": s["id"], "attrs": attrs})
    edges = [
        {
            "id": r["id"],
            "source": r["source"],
            "target": r["target"],
            "kind": r["kind"],
            "label": labels.get(r["kind"], r["kind"]),
        }
        for r in data["relationships"]
    ]
    link_label = notation.edge_kinds()[ISSUE_LINK]["label"]
    for s in data["issues"]:
        edges += [
            {"id": f"{s['id']}--{ref}", "source": s["id"], "target": ref, "kind": ISSUE_LINK, "label": link_label}
            for ref in s.get("actors", [])
        ]
    learner.add_lanes(edges)
    for e in edges:
        attrs = {"kind": e["kind"], "label": e["label"], "direction": _direction(e["kind"])}
        if "lane" in e:
            attrs["lane"] = e["lane"]
        e["attrs"] = attrs
    return nodes, edges


def _value(value: Any) -> str:
    return esc(value) if isinstance(value, str) else num(value)


def to_graphml(data: dict[str, Any]) -> str:
    """The map as GraphML 1.0 (twin: ``toGraphml``); :func:`from_graphml` reads it back."""
    nodes, edges = _nodes_and_edges(data)
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<graphml xmlns="{GRAPHML_NS}" xmlns:xsi="{XSI_NS}" '
        f'xsi:schemaLocation="{GRAPHML_NS} http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
        "  <desc>A conflict map from the Track Two course's map builder (format tracktwo-learner-map).</desc>",
    ]
    out += [f'  <key id="{k}" for="{f}" attr.name="{n}" attr.type="{t}"/>' for k, f, n, t in GRAPHML_KEYS]
    out.append('  <graph id="map" edgedefault="directed">')
    graph = {"format": data["format"], "version": data["version"], "title": data["title"], "viewpoint": data["viewpoint"]}
    graph["date"] = data["date"]
    if "notes" in data:
        graph["notes"] = data["notes"]
    key_of = {(f, n): k for k, f, n, _ in GRAPHML_KEYS}
    out += [f'    <data key="{key_of["graph", n]}">{_value(v)}</data>' for n, v in graph.items()]
    for n in nodes:
        out.append(f'    <node id="{esc(n["id"])}">')
        out += [f'      <data key="{key_of["node", k]}">{_value(v)}</data>' for k, v in n["attrs"].items()]
        out.append("    </node>")
    for e in edges:
        out.append(f'    <edge id="{esc(e["id"])}" source="{esc(e["source"])}" target="{esc(e["target"])}">')
        out += [f'      <data key="{key_of["edge", k]}">{_value(v)}</data>' for k, v in e["attrs"].items()]
        out.append("    </edge>")
    out += ["  </graph>", "</graphml>", ""]
    return "\n".join(out)


def describe(data: dict[str, Any]) -> str:
    """The map's title, viewpoint and date in one line (GEXF's description)."""
    return f"{data['title']}. Viewpoint: {data['viewpoint']}. Date: {data['date']}."


def to_gexf(data: dict[str, Any]) -> str:
    """The map as GEXF 1.3 (twin: ``toGexf``), for Gephi: positions as viz:position, power as viz:size."""
    nodes, edges = _nodes_and_edges(data)
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<gexf xmlns="{GEXF_NS}" xmlns:viz="{VIZ_NS}" xmlns:xsi="{XSI_NS}" '
        f'xsi:schemaLocation="{GEXF_NS} http://gexf.net/1.3/gexf.xsd" version="1.3">',
        "  <meta>",
        "    <creator>Track Two course map builder</creator>",
        f"    <description>{esc(describe(data))}</description>",
        "  </meta>",
        '  <graph defaultedgetype="directed" mode="static">',
    ]
    for cls, columns in GEXF_ATTRIBUTES.items():
        out.append(f'    <attributes class="{cls}">')
        out += [f'      <attribute id="{i}" title="{i}" type="{t}"/>' for i, t in columns]
        out.append("    </attributes>")
    out.append(f'    <nodes count="{len(nodes)}">')
    for n in nodes:
        a = n["attrs"]
        out.append(f'      <node id="{esc(n["id"])}" label="{esc(a["label"])}">')
        out.append("        <attvalues>")
        out += [f'          <attvalue for="{i}" value="{_value(a[i])}"/>' for i, _ in GEXF_ATTRIBUTES["node"] if i in a]
        out.append("        </attvalues>")
        out.append(f'        <viz:size value="{num(4 + 4 * a["power"]) if "power" in a else "8"}"/>')
        if "x" in a:
            out.append(f'        <viz:position x="{num(a["x"])}" y="{num(-a["y"])}" z="0"/>')
        out.append("      </node>")
    out += ["    </nodes>", f'    <edges count="{len(edges)}">']
    for e in edges:
        a = e["attrs"]
        out.append(
            f'      <edge id="{esc(e["id"])}" source="{esc(e["source"])}" target="{esc(e["target"])}" label="{esc(a["label"])}">'
        )
        out.append("        <attvalues>")
        out += [f'          <attvalue for="{i}" value="{_value(a[i])}"/>' for i, _ in GEXF_ATTRIBUTES["edge"] if i in a]
        out.append("        </attvalues>")
        out.append("      </edge>")
    out += ["    </edges>", "  </graph>", "</gexf>", ""]
    return "\n".join(out)


def kumu_blueprint(data: dict[str, Any]) -> dict[str, Any]:
    """The map as a Kumu blueprint (a dict; twin: ``kumuBlueprint``)."""
    nodes, edges = _nodes_and_edges(data)
    context = {"Map": data["title"], "Viewpoint": data["viewpoint"], "Map date": data["date"]}
    elements = []
    for n in nodes:
        a = n["attrs"]
        if a["kind"] == "actor":
            el = {"id": n["id"], "label": a["label"], "type": a["type_label"], "tags": ["actor", a["party"]]}
            el.update({"Power": a["power"], "Party": a["party"]})
        else:
            el = {"id": n["id"], "label": a["label"], "type": "Issue", "tags": ["issue"]}
        elements.append({**el, **context})
    connections = [
        {
            "id": e["id"],
            "from": e["source"],
            "to": e["target"],
            "type": e["attrs"]["label"],
            "direction": KUMU_DIRECTION[e["attrs"]["direction"]],
            "tags": [e["kind"]],
        }
        for e in edges
    ]
    return {"elements": elements, "connections": connections}


def to_kumu(data: dict[str, Any]) -> str:
    """The Kumu blueprint as JSON text (twin: ``toKumu``), as the course writes every JSON file."""
    return json.dumps(kumu_blueprint(data), ensure_ascii=False, indent=1) + "\n"


# --- Reading GraphML back ------------------------------------------------------------------------------


def _local(tag: str) -> tuple[str, str]:
    """(namespace, local name) of an ElementTree tag."""
    return tuple(tag[1:].split("}", 1)) if tag.startswith("{") else ("", tag)  # type: ignore[return-value]


def _children(el: Any, name: str) -> list[Any]:
    return [c for c in el if _local(c.tag) == (GRAPHML_NS, name)]


def _text(el: Any) -> str:
    return "".join(el.itertext())


def _typed(kind: str, text: str) -> Any:
    """A data value as its key's attr.type says: int, double (a number when it reads as one), else text."""
    if kind in ("int", "long") and re.fullmatch(r"-?[0-9]{1,9}", text.strip()):
        return int(text.strip())
    if kind in ("double", "float") and _NUMBER.match(text.strip()):
        value = float(text.strip())
        return int(value) if value.is_integer() and "." not in text and "e" not in text.lower() else value
    return text


def tree_of(el: Any) -> dict[str, Any]:
    """An ElementTree element as the plain tree both twins read: {tag, attrs, children, text}."""
    ns, name = _local(el.tag)
    return {
        "ns": ns,
        "name": name,
        "attrs": {k: v for k, v in el.attrib.items()},
        "children": [tree_of(c) for c in el],
        "text": _text(el),
    }


def from_graphml(name: str, raw: bytes | str) -> dict[str, Any]:
    """Read a GraphML map file; :class:`LearnerFileError` with one message naming file, element, field."""
    root = parse_xml(name, raw, "a GraphML map file")
    return map_of_tree(name, tree_of(root))


def map_of_tree(name: str, root: dict[str, Any]) -> dict[str, Any]:
    """The map a parsed GraphML tree holds (twin: ``mapOfTree``); see :func:`from_graphml`."""

    def fail(detail: str) -> LearnerFileError:
        return LearnerFileError(name, detail)

    def kids(el: dict[str, Any], tag: str) -> list[dict[str, Any]]:
        return [c for c in el["children"] if c["ns"] == GRAPHML_NS and c["name"] == tag]

    if (root["ns"], root["name"]) != (GRAPHML_NS, "graphml"):
        shown = f"{{{root['ns']}}}{root['name']}" if root["ns"] else root["name"]
        raise fail(
            f"the top element is <{shown}>, not GraphML's <graphml> (namespace {GRAPHML_NS}); it is not a GraphML map file"
        )
    keys: dict[str, tuple[str, str, str]] = {}
    for i, k in enumerate(kids(root, "key"), 1):
        ident = k["attrs"].get("id")
        if not ident:
            raise fail(f"key {i}: attribute 'id' is missing")
        keys[ident] = (k["attrs"].get("for", "all"), k["attrs"].get("attr.name", ident), k["attrs"].get("attr.type", "string"))
    graphs = kids(root, "graph")
    if not graphs:
        raise fail("no <graph> element: the file holds no map")
    if len(graphs) > 1:
        raise fail(f"{len(graphs)} <graph> elements; a map file holds one map")
    graph = graphs[0]

    def values(el: dict[str, Any], where: str, scope: str) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for d in kids(el, "data"):
            key = d["attrs"].get("key")
            if key not in keys:
                raise fail(f"{where}: <data key={_q(key)}> names no <key> declared in the file")
            scope_of, attr_name, attr_type = keys[key]
            if scope_of not in (scope, "all"):
                raise fail(f"{where} field {_q(attr_name)}: its <key> is declared for {scope_of}, not {scope}")
            out[attr_name] = _typed(attr_type, d["text"])
        return out

    meta = values(graph, "the graph", "graph")
    if meta.get("format", learner.FORMAT) != learner.FORMAT:
        raise fail(
            f"the graph field 'format' is {_q(meta.get('format'))}, not {_q(learner.FORMAT)}: this is not a course map file"
        )
    data: dict[str, Any] = learner.empty_map(meta.get("title", ""), meta.get("viewpoint", ""), meta.get("date", ""))
    if "notes" in meta:
        data["notes"] = meta["notes"]
    where_of: dict[tuple[str, int], str] = {}  # ("actor", 1) -> 'node 3 (id "a1")'
    node_kind: dict[str, str] = {}
    issues: dict[str, dict[str, Any]] = {}
    nodes = kids(graph, "node")
    edges = kids(graph, "edge")
    if len(nodes) > learner.MAX_ACTORS + learner.MAX_ISSUES or len(edges) > learner.MAX_RELATIONSHIPS * 2:
        raise fail(f"{len(nodes)} nodes and {len(edges)} edges: more than a map can hold")
    for i, node in enumerate(nodes, 1):
        ident = node["attrs"].get("id")
        if not ident:
            raise fail(f"node {i}: attribute 'id' is missing (every node needs one)")
        where = f"node {i} (id {_q(ident)})"
        if ident in node_kind:
            raise fail(f"{where} field 'id': {_q(ident)} is used twice")
        v = values(node, where, "node")
        kind = v.get("kind", "actor")
        if kind == "actor":
            actor: dict[str, Any] = {
                "id": ident,
                "name": v.get("label", ""),
                "type": v.get("type", ""),
                "power": v.get("power", ""),
            }
            actor["party"] = v.get("party", "")
            if "x" in v or "y" in v:
                actor.update(x=v.get("x", ""), y=v.get("y", ""))
            data["actors"].append(actor)
            where_of["actor", len(data["actors"])] = where
        elif kind == "issue":
            issue: dict[str, Any] = {"id": ident, "label": v.get("label", ""), "actors": []}
            if "x" in v or "y" in v:
                issue.update(x=v.get("x", ""), y=v.get("y", ""))
            data["issues"].append(issue)
            issues[ident] = issue
            where_of["issue", len(data["issues"])] = where
        else:
            raise fail(f"{where} field 'kind' is {_q(kind)}, not actor or issue")
        node_kind[ident] = kind
    for i, edge in enumerate(edges, 1):
        ident = edge["attrs"].get("id")
        where = f"edge {i} (id {_q(ident)})" if ident else f"edge {i}"
        for end in ("source", "target"):
            ref = edge["attrs"].get(end)
            if not ref:
                raise fail(f"{where}: attribute {_q(end)} is missing")
            if ref not in node_kind:
                raise fail(f"{where} field {_q(end)}: {_q(ref)} is not a node in this file")
        v = values(edge, where, "edge")
        source, target = edge["attrs"]["source"], edge["attrs"]["target"]
        if v.get("kind") == ISSUE_LINK:
            if node_kind[source] != "issue" or node_kind[target] != "actor":
                raise fail(f"{where}: an issue link goes from an issue to an actor, not from {_q(source)} to {_q(target)}")
            issues[source]["actors"].append(target)
            continue
        if not ident:
            raise fail(f"{where}: attribute 'id' is missing (every relationship needs one)")
        data["relationships"].append({"id": ident, "source": source, "target": target, "kind": v.get("kind", "")})
        where_of["relationship", len(data["relationships"])] = where
    problems = learner.map_problems(data)
    if problems:
        first = problems[0]
        m = re.match(r"(actor|relationship|issue) (\d+)(.*)", first, re.S)
        if m and (m.group(1), int(m.group(2))) in where_of:
            rest = m.group(3).replace("field 'name'", "field 'label'")  # an actor's name is its node's label
            first = f"{where_of[m.group(1), int(m.group(2))]}{rest}"
        elif first.startswith("field"):
            first = f"the graph {first}"
        raise fail(first)
    return data
