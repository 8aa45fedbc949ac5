// The multi-track map's format: checks, CSV and the drawing spec. Twin of tracktwo/maps/tracks.py (the
// format is described there; tests/test_tracks_map.py compares the two string for string). The
// levels and the link kinds are given by the caller (the page's spec: the course's data), never here.
import { LearnerMapError, addLanes, decode, readCsv } from "./learner_map.js";

export const FORMAT = "tracktwo-tracks-map";
export const VERSION = 1;
export const CSV_COLUMNS = ["record", "id", "name", "level", "note", "source", "target", "kind", "viewpoint", "date"];
const MAX_INITIATIVES = 80, MAX_LINKS = 200, MAX_TEXT = 200, MAX_NOTE = 1000;
const ID_RE = /^[A-Za-z0-9_-]{1,40}$/;
const FIELDS = ["format", "version", "title", "viewpoint", "date", "initiatives", "links"];
export const ROW = 170, COLUMN = 200, HEAD_X = -260, STAGGER = 70; // twin: tracks.ROW ... STAGGER
const isObj = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
const commas = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
const why = (v, limit = MAX_TEXT) => (typeof v === "string" && v.length > limit ? `is ${commas(v.length)} characters long; the most is ${limit}: shorten it`
  : typeof v !== "string" || v.trim() === "" ? "is missing or empty" : null);
const q = (v) => (v === undefined ? "null" : JSON.stringify(v));
const sortedKeys = (o) => Object.keys(o).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

export function tracksProblems(data, levelIds, kinds) {
  if (!isObj(data)) return ["the file is not a multi-track map (expected an object with title, viewpoint, date, initiatives)"];
  if (data.format !== FORMAT) return [`field 'format' is ${q(data.format)}, not ${q(FORMAT)}: this is not a course multi-track map`];
  const problems = [];
  if (data.version !== VERSION) problems.push(`field 'version' is ${q(data.version)}; this course reads version ${VERSION}`);
  for (const f of ["title", "viewpoint", "date"]) if (why(data[f])) problems.push(`field ${q(f)} ${why(data[f])} (every map states its title, viewpoint and date)`);
  for (const k of sortedKeys(data)) if (!FIELDS.includes(k)) problems.push(`unknown field ${q(k)}`);
  const lists = {};
  for (const [key, limit] of [["initiatives", MAX_INITIATIVES], ["links", MAX_LINKS]]) {
    let value = key in data ? data[key] : [];
    if (!Array.isArray(value)) { problems.push(`field ${q(key)} is not a list`); value = []; }
    else if (value.length > limit) { problems.push(`field ${q(key)} has ${value.length} items; the most a map can hold is ${limit}`); value = []; }
    lists[key] = value;
  }
  const ids = new Set(), found = new Set();
  const checkId = (where, item) => {
    const id = item.id;
    if (typeof id !== "string" || !ID_RE.test(id)) { problems.push(`${where} field 'id' is ${q(id)}; use 1-40 letters, digits, - or _`); return null; }
    if (ids.has(id)) { problems.push(`${where} field 'id': ${q(id)} is used twice`); return null; }
    ids.add(id);
    return id;
  };
  lists.initiatives.forEach((x, i) => {
    const where = `initiative ${i + 1}`;
    if (!isObj(x)) { problems.push(`${where} is not an object`); return; }
    const id = checkId(where, x);
    if (id) found.add(id);
    if (why(x.name)) problems.push(`${where} field 'name' ${why(x.name)}`);
    if (typeof x.level !== "string" || !levelIds.includes(x.level)) problems.push(`${where} field 'level' is ${q(x.level)}, not one of ${levelIds.join(", ")}`);
    if ("note" in x && !(typeof x.note === "string" && x.note.length <= MAX_NOTE)) problems.push(`${where} field 'note' is not text of at most ${MAX_NOTE} characters`);
    for (const k of sortedKeys(x)) if (!["id", "name", "level", "note"].includes(k)) problems.push(`${where} has unknown field ${q(k)}`);
  });
  lists.links.forEach((r, i) => {
    const where = `link ${i + 1}`;
    if (!isObj(r)) { problems.push(`${where} is not an object`); return; }
    checkId(where, r);
    for (const end of ["source", "target"]) if (!(typeof r[end] === "string" && found.has(r[end]))) problems.push(`${where} field ${q(end)}: ${q(r[end])} is not an initiative on this map`);
    if (r.source === r.target && typeof r.source === "string" && found.has(r.source)) problems.push(`${where}: an initiative cannot be linked with itself`);
    if (typeof r.kind !== "string" || !kinds.includes(r.kind)) problems.push(`${where} field 'kind' is ${q(r.kind)}, not one of ${kinds.join(", ")}`);
    for (const k of sortedKeys(r)) if (!["id", "source", "target", "kind"].includes(k)) problems.push(`${where} has unknown field ${q(k)}`);
  });
  return problems;
}

export function emptyTracks(title = "My multi-track map", viewpoint = "not stated yet", date = "not stated yet") {
  return { format: FORMAT, version: VERSION, title, viewpoint, date, initiatives: [], links: [] };
}

function checked(name, data, problemsOf) {
  const p = problemsOf(data);
  if (p.length) throw new LearnerMapError(`${name}: ${p[0]}${p.length > 1 ? ` (+${p.length - 1} more)` : ""}`);
  return data;
}

export function tracksFromJson(name, bytes, levelIds, kinds) {
  const s = decode(name, bytes);
  let depth = 0, inStr = false, esc = false;
  for (const ch of s) {
    if (inStr) { if (esc) esc = false; else if (ch === "\\") esc = true; else if (ch === '"') inStr = false; }
    else if (ch === '"') inStr = true;
    else if (ch === "[" || ch === "{") { depth += 1; if (depth > 20) throw new LearnerMapError(`${name}: the JSON is nested more than 20 levels deep; it is not a multi-track map file`); }
    else if (ch === "]" || ch === "}") depth -= 1;
  }
  let data;
  try { data = JSON.parse(s); } catch (err) { throw new LearnerMapError(`${name}: not valid JSON (${err.message})`); }
  return checked(name, data, (d) => tracksProblems(d, levelIds, kinds));
}

export function tracksToJson(data) { return `${JSON.stringify(data, null, 1)}\n`; }

const cell = (v) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

export function tracksToCsv(data) {
  const rows = [{ record: "map", name: data.title, viewpoint: data.viewpoint, date: data.date }];
  for (const x of data.initiatives) rows.push({ record: "initiative", ...x });
  for (const r of data.links) rows.push({ record: "link", ...r });
  const lines = [CSV_COLUMNS.join(",")];
  for (const r of rows) lines.push(CSV_COLUMNS.map((c) => cell(r[c] === undefined ? "" : String(r[c]))).join(","));
  return `${lines.join("\r\n")}\r\n`;
}

export function tracksFromCsv(name, bytes, levelIds, kinds) {
  const [, rows] = readCsv(name, bytes, [CSV_COLUMNS]);
  let data = null, head = 0;
  const where = { initiative: [], link: [] };
  for (const [n, c] of rows) {
    if (c.record === "map") {
      if (data) throw new LearnerMapError(`${name}: row ${n} field 'record': a second 'map' row`);
      data = emptyTracks(c.name, c.viewpoint, c.date); head = n;
    } else if (c.record in where) {
      if (!data) throw new LearnerMapError(`${name}: row ${n}: the first row must be the 'map' row (title, viewpoint, date)`);
      if (c.record === "initiative") {
        const x = { id: c.id, name: c.name, level: c.level };
        if (c.note) x.note = c.note;
        data.initiatives.push(x);
      } else data.links.push({ id: c.id, source: c.source, target: c.target, kind: c.kind });
      where[c.record].push(n);
    } else {
      throw new LearnerMapError(`${name}: row ${n} field 'record' is ${JSON.stringify(c.record)}, not map, initiative or link`);
    }
  }
  if (!data) throw new LearnerMapError(`${name}: no 'map' row (it holds the title, viewpoint and date)`);
  return checked(name, data, (d) => tracksProblems(d, levelIds, kinds).map((p) => {
    const m = /^(initiative|link) (\d+)(.*)$/s.exec(p);
    return m ? `row ${where[m[1]][Number(m[2]) - 1]} (${m[1]} ${m[2]})${m[3]}` : `row ${head} (map) ${p}`;
  }));
}

// The drawing spec (twin: tracks.to_spec): a row per level, official at the top.
export function tracksSpec(data, levels, edgeKinds, specId = "tracks") {
  const rows = Object.fromEntries(levels.map((x, i) => [x.id, i]));
  const nodes = levels.map((x, i) => ({ id: `level-${x.id}`, label: `${x.name}: ${x.short}`, decor: true, x: HEAD_X, y: i * ROW }));
  const across = Object.fromEntries(levels.map((x) => [x.id, 0]));
  const names = Object.fromEntries(levels.map((x) => [x.id, x.name]));
  for (const x of data.initiatives) {
    const col = across[x.level];
    across[x.level] += 1;
    const details = [["Level", names[x.level]], ...(x.note ? [["Note", x.note]] : [])];
    nodes.push({ id: x.id, label: x.name, type: "initiative", weight: 1, details, x: col * COLUMN + rows[x.level] * STAGGER, y: rows[x.level] * ROW });
  }
  const edges = data.links.map((r) => ({ id: r.id, source: r.source, target: r.target, kind: { kind: r.kind } }));
  addLanes(edges);
  return { id: specId, title: data.title, viewpoint: data.viewpoint, date: data.date,
    encodings: [{ id: "kind", label: "Trainers' notation" }], kinds: edgeKinds,
    nodeTypes: { initiative: { label: "An initiative (circle), in the row of its level", shape: "ellipse", border: "solid", fill: "#e4e7eb", labelSide: "right" } },
    groups: [], nodes, edges,
    legendNotes: ["Rows are the course's levels of dialogue, official at the top; the order is not a ranking. A line between two initiatives is drawn in the mapping notation."] };
}
