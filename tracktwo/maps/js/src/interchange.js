// A learner's map in practitioners' tools: GraphML and GEXF (networkx, Gephi, yEd) and Kumu JSON out,
// GraphML back in. Twin of tracktwo/maps/interchange.py (the module's doc says what goes where);
// tests/test_map_interchange.py runs both over the same generated maps: the exports are byte-identical,
// and reading GraphML back gives the same map, or the same message, in both. Pure: nothing here runs
// code from a file or fetches anything; files are read through learner_map.js's parseXml.

import NOTATION from "../../../../data/maps/notation.json" with { type: "json" };
import { FORMAT, LearnerMapError, MAX_ACTORS, MAX_ISSUES, MAX_RELATIONSHIPS, TYPE_LABELS, addLanes, emptyMap, mapProblems, parseXml } from "./learner_map.js";

export const GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns";
export const GEXF_NS = "http://gexf.net/1.3";
export const VIZ_NS = "http://gexf.net/1.3/viz";
const XSI_NS = "http://www.w3.org/2001/XMLSchema-instance";
export const GRAPHML_KEYS = [
  ["g_format", "graph", "format", "string"], ["g_version", "graph", "version", "int"], ["g_title", "graph", "title", "string"],
  ["g_viewpoint", "graph", "viewpoint", "string"], ["g_date", "graph", "date", "string"], ["g_notes", "graph", "notes", "string"],
  ["n_label", "node", "label", "string"], ["n_kind", "node", "kind", "string"], ["n_type", "node", "type", "string"],
  ["n_type_label", "node", "type_label", "string"], ["n_power", "node", "power", "int"], ["n_party", "node", "party", "string"],
  ["n_x", "node", "x", "double"], ["n_y", "node", "y", "double"],
  ["e_kind", "edge", "kind", "string"], ["e_label", "edge", "label", "string"], ["e_direction", "edge", "direction", "string"],
  ["e_lane", "edge", "lane", "int"],
];
const GEXF_ATTRIBUTES = {
  node: [["kind", "string"], ["type", "string"], ["type_label", "string"], ["power", "integer"], ["party", "string"]],
  edge: [["kind", "string"], ["direction", "string"], ["lane", "integer"]],
};
const ISSUE_LINK = "issue";
const KUMU_DIRECTION = { "one-way": "directed", none: "undirected" };
const LINES = Object.fromEntries(NOTATION.lines.map((l) => [l.id, l]));
const q = (v) => (v === undefined ? "null" : JSON.stringify(v));

// Text for an XML attribute or element, read back exactly (twin: interchange.esc).
export function esc(text) {
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udfff]/gu, "\ufffd")
    .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;")
    .replace(/\t/g, "&#9;").replace(/\n/g, "&#10;").replace(/\r/g, "&#13;");
}

export const num = (v) => String(v);
const direction = (kind) => (LINES[kind] && LINES[kind].arrow ? "one-way" : "none");

function nodesAndEdges(data) {
  const nodes = [];
  for (const a of data.actors) {
    const attrs = { label: a.name, kind: "actor", type: a.type, type_label: TYPE_LABELS[a.type], power: a.power, party: a.party };
    if ("x" in a && "y" in a) Object.assign(attrs, { x: a.x, y: a.y });
    nodes.push({ id: a.id, attrs });
  }
  for (const s of data.issues) {
    const attrs = { label: s.label, kind: "issue" };
    if ("x" in s && "y" in s) Object.assign(attrs, { x: s.x, y: s.y });
    nodes.push({ id: s.id, attrs });
  }
  const edges = data.relationships.map((r) => ({ id: r.id, source: r.source, target: r.target, kind: r.kind, label: LINES[r.kind] ? LINES[r.kind].label : r.kind }));
  for (const s of data.issues) {
    for (const ref of s.actors || []) edges.push({ id: `${s.id}--${ref}`, source: s.id, target: ref, kind: ISSUE_LINK, label: LINES[ISSUE_LINK].label });
  }
  addLanes(edges);
  for (const e of edges) {
    e.attrs = { kind: e.kind, label: e.label, direction: direction(e.kind) };
    if ("lane" in e) e.attrs.lane = e.lane;
  }
  return [nodes, edges];
}

const value = (v) => (typeof v === "string" ? esc(v) : num(v));

// The map as GraphML 1.0 (twin: interchange.to_graphml); fromGraphml reads it back.
export function toGraphml(data) {
  const [nodes, edges] = nodesAndEdges(data);
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<graphml xmlns="${GRAPHML_NS}" xmlns:xsi="${XSI_NS}" xsi:schemaLocation="${GRAPHML_NS} http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">`,
    "  <desc>A conflict map from the Track Two course's map builder (format tracktwo-learner-map).</desc>",
  ];
  for (const [k, f, n, t] of GRAPHML_KEYS) out.push(`  <key id="${k}" for="${f}" attr.name="${n}" attr.type="${t}"/>`);
  out.push('  <graph id="map" edgedefault="directed">');
  const graph = [["format", data.format], ["version", data.version], ["title", data.title], ["viewpoint", data.viewpoint], ["date", data.date]];
  if ("notes" in data) graph.push(["notes", data.notes]);
  const keyOf = Object.fromEntries(GRAPHML_KEYS.map(([k, f, n]) => [`${f}/${n}`, k]));
  for (const [n, v] of graph) out.push(`    <data key="${keyOf[`graph/${n}`]}">${value(v)}</data>`);
  for (const n of nodes) {
    out.push(`    <node id="${esc(n.id)}">`);
    for (const [k, v] of Object.entries(n.attrs)) out.push(`      <data key="${keyOf[`node/${k}`]}">${value(v)}</data>`);
    out.push("    </node>");
  }
  for (const e of edges) {
    out.push(`    <edge id="${esc(e.id)}" source="${esc(e.source)}" target="${esc(e.target)}">`);
    for (const [k, v] of Object.entries(e.attrs)) out.push(`      <data key="${keyOf[`edge/${k}`]}">${value(v)}</data>`);
    out.push("    </edge>");
  }
  out.push("  </graph>", "</graphml>", "");
  return out.join("\n");
}

export const describe = (data) => `${data.title}. Viewpoint: ${data.viewpoint}. Date: ${data.date}.`;

// The map as GEXF 1.3 (twin: interchange.to_gexf), for Gephi: positions as viz:position (y turned over), power as viz:size.
export function toGexf(data) {
  const [nodes, edges] = nodesAndEdges(data);
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<gexf xmlns="${GEXF_NS}" xmlns:viz="${VIZ_NS}" xmlns:xsi="${XSI_NS}" xsi:schemaLocation="${GEXF_NS} http://gexf.net/1.3/gexf.xsd" version="1.3">`,
    "  <meta>",
    "    <creator>Track Two course map builder</creator>",
    `    <description>${esc(describe(data))}</description>`,
    "  </meta>",
    '  <graph defaultedgetype="directed" mode="static">',
  ];
  for (const [cls, columns] of Object.entries(GEXF_ATTRIBUTES)) {
    out.push(`    <attributes class="${cls}">`);
    for (const [i, t] of columns) out.push(`      <attribute id="${i}" title="${i}" type="${t}"/>`);
    out.push("    </attributes>");
  }
  out.push(`    <nodes count="${nodes.length}">`);
  for (const n of nodes) {
    const a = n.attrs;
    out.push(`      <node id="${esc(n.id)}" label="${esc(a.label)}">`, "        <attvalues>");
    for (const [i] of GEXF_ATTRIBUTES.node) if (i in a) out.push(`          <attvalue for="${i}" value="${value(a[i])}"/>`);
    out.push("        </attvalues>", `        <viz:size value="${"power" in a ? num(4 + 4 * a.power) : "8"}"/>`);
    if ("x" in a) out.push(`        <viz:position x="${num(a.x)}" y="${num(-a.y)}" z="0"/>`);
    out.push("      </node>");
  }
  out.push("    </nodes>", `    <edges count="${edges.length}">`);
  for (const e of edges) {
    const a = e.attrs;
    out.push(`      <edge id="${esc(e.id)}" source="${esc(e.source)}" target="${esc(e.target)}" label="${esc(a.label)}">`, "        <attvalues>");
    for (const [i] of GEXF_ATTRIBUTES.edge) if (i in a) out.push(`          <attvalue for="${i}" value="${value(a[i])}"/>`);
    out.push("        </attvalues>", "      </edge>");
  }
  out.push("    </edges>", "  </graph>", "</gexf>", "");
  return out.join("\n");
}

// The map as a Kumu blueprint (twin: interchange.kumu_blueprint).
export function kumuBlueprint(data) {
  const [nodes, edges] = nodesAndEdges(data);
  const context = { Map: data.title, Viewpoint: data.viewpoint, "Map date": data.date };
  const elements = nodes.map((n) => {
    const a = n.attrs;
    const el = a.kind === "actor"
      ? { id: n.id, label: a.label, type: a.type_label, tags: ["actor", a.party], Power: a.power, Party: a.party }
      : { id: n.id, label: a.label, type: "Issue", tags: ["issue"] };
    return { ...el, ...context };
  });
  const connections = edges.map((e) => ({ id: e.id, from: e.source, to: e.target, type: e.attrs.label, direction: KUMU_DIRECTION[e.attrs.direction], tags: [e.kind] }));
  return { elements, connections };
}

export const toKumu = (data) => `${JSON.stringify(kumuBlueprint(data), null, 1)}\n`;

// --- Reading GraphML back --------------------------------------------------------------------------

const NUMBER_RE = /^-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?$/;
function typed(kind, text) {
  const t = text.trim();
  if ((kind === "int" || kind === "long") && /^-?[0-9]{1,9}$/.test(t)) return parseInt(t, 10);
  if ((kind === "double" || kind === "float") && NUMBER_RE.test(t)) return Number(t);
  return text;
}

export function fromGraphml(name, bytes) {
  return mapOfTree(name, parseXml(name, bytes, "a GraphML map file"));
}

// The map a parsed GraphML tree holds (twin: interchange.map_of_tree).
export function mapOfTree(name, root) {
  const fail = (detail) => new LearnerMapError(`${name}: ${detail}`);
  const kids = (el, tag) => el.children.filter((c) => c.ns === GRAPHML_NS && c.name === tag);
  const attr = (el, k) => (Object.prototype.hasOwnProperty.call(el.attrs, k) ? el.attrs[k] : undefined);
  if (root.ns !== GRAPHML_NS || root.name !== "graphml") {
    const shown = root.ns ? `{${root.ns}}${root.name}` : root.name;
    throw fail(`the top element is <${shown}>, not GraphML's <graphml> (namespace ${GRAPHML_NS}); it is not a GraphML map file`);
  }
  const keys = new Map();
  kids(root, "key").forEach((k, j) => {
    const id = attr(k, "id");
    if (!id) throw fail(`key ${j + 1}: attribute 'id' is missing`);
    keys.set(id, [attr(k, "for") ?? "all", attr(k, "attr.name") ?? id, attr(k, "attr.type") ?? "string"]);
  });
  const graphs = kids(root, "graph");
  if (!graphs.length) throw fail("no <graph> element: the file holds no map");
  if (graphs.length > 1) throw fail(`${graphs.length} <graph> elements; a map file holds one map`);
  const graph = graphs[0];
  const values = (el, where, scope) => {
    const out = {};
    for (const d of kids(el, "data")) {
      const key = attr(d, "key");
      if (!keys.has(key)) throw fail(`${where}: <data key=${q(key)}> names no <key> declared in the file`);
      const [scopeOf, attrName, attrType] = keys.get(key);
      if (scopeOf !== scope && scopeOf !== "all") throw fail(`${where} field ${q(attrName)}: its <key> is declared for ${scopeOf}, not ${scope}`);
      out[attrName] = typed(attrType, d.text);
    }
    return out;
  };
  const has = (o, k) => Object.prototype.hasOwnProperty.call(o, k);
  const get = (o, k, d) => (has(o, k) ? o[k] : d);
  const meta = values(graph, "the graph", "graph");
  if (get(meta, "format", FORMAT) !== FORMAT) throw fail(`the graph field 'format' is ${q(meta.format)}, not ${q(FORMAT)}: this is not a course map file`);
  const data = emptyMap(get(meta, "title", ""), get(meta, "viewpoint", ""), get(meta, "date", ""));
  if (has(meta, "notes")) data.notes = meta.notes;
  const whereOf = new Map();
  const nodeKind = new Map();
  const issues = new Map();
  const nodes = kids(graph, "node");
  const edges = kids(graph, "edge");
  if (nodes.length > MAX_ACTORS + MAX_ISSUES || edges.length > MAX_RELATIONSHIPS * 2) throw fail(`${nodes.length} nodes and ${edges.length} edges: more than a map can hold`);
  nodes.forEach((node, j) => {
    const id = attr(node, "id");
    if (!id) throw fail(`node ${j + 1}: attribute 'id' is missing (every node needs one)`);
    const where = `node ${j + 1} (id ${q(id)})`;
    if (nodeKind.has(id)) throw fail(`${where} field 'id': ${q(id)} is used twice`);
    const v = values(node, where, "node");
    const kind = get(v, "kind", "actor");
    const placed = has(v, "x") || has(v, "y") ? { x: get(v, "x", ""), y: get(v, "y", "") } : {};
    if (kind === "actor") {
      data.actors.push({ id, name: get(v, "label", ""), type: get(v, "type", ""), power: get(v, "power", ""), party: get(v, "party", ""), ...placed });
      whereOf.set(`actor ${data.actors.length}`, where);
    } else if (kind === "issue") {
      const issue = { id, label: get(v, "label", ""), actors: [], ...placed };
      data.issues.push(issue);
      issues.set(id, issue);
      whereOf.set(`issue ${data.issues.length}`, where);
    } else {
      throw fail(`${where} field 'kind' is ${q(kind)}, not actor or issue`);
    }
    nodeKind.set(id, kind);
  });
  edges.forEach((edge, j) => {
    const id = attr(edge, "id");
    const where = id ? `edge ${j + 1} (id ${q(id)})` : `edge ${j + 1}`;
    for (const end of ["source", "target"]) {
      const ref = attr(edge, end);
      if (!ref) throw fail(`${where}: attribute ${q(end)} is missing`);
      if (!nodeKind.has(ref)) throw fail(`${where} field ${q(end)}: ${q(ref)} is not a node in this file`);
    }
    const v = values(edge, where, "edge");
    const source = attr(edge, "source"), target = attr(edge, "target");
    if (get(v, "kind", undefined) === ISSUE_LINK) {
      if (nodeKind.get(source) !== "issue" || nodeKind.get(target) !== "actor") throw fail(`${where}: an issue link goes from an issue to an actor, not from ${q(source)} to ${q(target)}`);
      issues.get(source).actors.push(target);
      return;
    }
    if (!id) throw fail(`${where}: attribute 'id' is missing (every relationship needs one)`);
    data.relationships.push({ id, source, target, kind: get(v, "kind", "") });
    whereOf.set(`relationship ${data.relationships.length}`, where);
  });
  const problems = mapProblems(data);
  if (problems.length) {
    let first = problems[0];
    const m = /^(actor|relationship|issue) (\d+)(.*)$/s.exec(first);
    if (m && whereOf.has(`${m[1]} ${m[2]}`)) first = `${whereOf.get(`${m[1]} ${m[2]}`)}${m[3].replace("field 'name'", "field 'label'")}`;
    else if (first.startsWith("field")) first = `the graph ${first}`;
    throw fail(first);
  }
  return data;
}
