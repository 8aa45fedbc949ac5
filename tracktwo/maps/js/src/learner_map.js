// A learner's own conflict map: checks, CSV, drawing spec and comparison.
// Twin of tracktwo/maps/learner.py; tests/test_map_builder_parity.py runs both over the same
// generated maps and compares results string for string. Files are parsed as data only: nothing
// here runs code or fetches anything.

import NOTATION from "../../../../data/maps/notation.json" with { type: "json" };

export const FORMAT = "tracktwo-learner-map";
export const VERSION = 2;
export const READS = [1, 2]; // versions this course reads; version 1 has no positions
export const ACTOR_TYPES = ["group", "government", "armed", "community", "organisation", "person", "self"];
export const TYPE_LABELS = { group: "Group or party", government: "Government or authority", armed: "Armed group",
  community: "Community", organisation: "Organisation", person: "Individual (use a code name)",
  self: "Ourselves (your own team)" };
export const PARTIES = ["inside", "outside"];
// The notation (kinds of node and line, their words and styles) has one home, data/maps/notation.json
// (read in Python by tracktwo/maps/notation.py); esbuild inlines it into the bundles.
const RELATIONSHIPS = NOTATION.lines.filter((l) => l.relationship);
export const KINDS = RELATIONSHIPS.map((l) => l.id);
export const KIND_LABELS = Object.fromEntries(RELATIONSHIPS.map((l) => [l.id, l.label]));
export const CSV_COLUMNS_V1 = ["record", "id", "name", "type", "power", "party", "source", "target", "kind", "actors", "viewpoint", "date"];
export const CSV_COLUMNS = [...CSV_COLUMNS_V1, "x", "y"];
export const MAX_COORD = 100000;
const NUMBER_RE = /^-?[0-9]{1,6}(\.[0-9]{1,3})?$/;
export const MAX_BYTES = 512000;
export const MAX_ACTORS = 200, MAX_RELATIONSHIPS = 600, MAX_ISSUES = 100, MAX_TEXT = 200;
const ID_RE = /^[A-Za-z0-9_-]{1,40}$/;
const MAP_FIELDS = ["format", "version", "title", "viewpoint", "date", "notes", "actors", "relationships", "issues"];

export class LearnerMapError extends Error {}

const isObj = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
// Why a value is not text of 1 to MAX_TEXT characters (twin: tracktwo.data.learner_files.text_problem).
const commas = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
const why = (v) => (typeof v === "string" && v.length > MAX_TEXT ? `is ${commas(v.length)} characters long; the most is ${MAX_TEXT}: shorten it`
  : typeof v !== "string" || v.trim() === "" ? "is missing or empty" : null);
// JSON text as Python's json.dumps(ensure_ascii=False, separators=(",", ":")) writes it.
const q = (v) => (v === undefined ? "null" : JSON.stringify(v));
const sortedKeys = (o) => Object.keys(o).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

export function mapProblems(data) {
  if (!isObj(data)) return ["the file is not a map (expected an object with title, viewpoint, date, actors)"];
  if (data.format !== FORMAT) return [`field 'format' is ${q(data.format)}, not ${q(FORMAT)}: this is not a course map file`];
  const problems = [];
  const version = data.version;
  if (!READS.includes(version)) problems.push(`field 'version' is ${q(version)}; this course reads versions 1 and 2`);
  const placed = version === VERSION ? ["x", "y"] : [];
  for (const f of ["title", "viewpoint", "date"]) {
    if (why(data[f])) problems.push(`field ${q(f)} ${why(data[f])} (every map states its title, viewpoint and date)`);
  }
  if ("notes" in data && !(typeof data.notes === "string" && data.notes.length <= 4000)) problems.push("field 'notes' is not text of at most 4000 characters");
  for (const k of sortedKeys(data)) if (!MAP_FIELDS.includes(k)) problems.push(`unknown field ${q(k)}`);
  const lists = {};
  for (const [key, limit] of [["actors", MAX_ACTORS], ["relationships", MAX_RELATIONSHIPS], ["issues", MAX_ISSUES]]) {
    let value = key in data ? data[key] : [];
    if (!Array.isArray(value)) { problems.push(`field ${q(key)} is not a list`); value = []; }
    else if (value.length > limit) { problems.push(`field ${q(key)} has ${value.length} items; the most a map can hold is ${limit}`); value = []; }
    lists[key] = value;
  }
  const ids = new Set();
  const actorIds = new Set();
  const checkId = (where, item) => {
    const id = item.id;
    if (typeof id !== "string" || !ID_RE.test(id)) { problems.push(`${where} field 'id' is ${q(id)}; use 1-40 letters, digits, - or _`); return null; }
    if (ids.has(id)) { problems.push(`${where} field 'id': ${q(id)} is used twice`); return null; }
    ids.add(id);
    return id;
  };
  lists.actors.forEach((a, i) => {
    const where = `actor ${i + 1}`;
    if (!isObj(a)) { problems.push(`${where} is not an object`); return; }
    const id = checkId(where, a);
    if (id) actorIds.add(id);
    if (why(a.name)) problems.push(`${where} field 'name' ${why(a.name)}`);
    if (!ACTOR_TYPES.includes(a.type)) problems.push(`${where} field 'type' is ${q(a.type)}, not one of ${ACTOR_TYPES.join(", ")}`);
    if (!Number.isInteger(a.power) || a.power < 1 || a.power > 5) problems.push(`${where} field 'power' is ${q(a.power)}, not a whole number from 1 to 5`);
    if (!PARTIES.includes(a.party)) problems.push(`${where} field 'party' is ${q(a.party)}, not inside or outside`);
    positionProblems(where, a, placed, problems);
    for (const k of sortedKeys(a)) if (![...["id", "name", "type", "power", "party"], ...placed].includes(k)) problems.push(`${where} has unknown field ${q(k)}`);
  });
  lists.relationships.forEach((r, i) => {
    const where = `relationship ${i + 1}`;
    if (!isObj(r)) { problems.push(`${where} is not an object`); return; }
    checkId(where, r);
    for (const end of ["source", "target"]) {
      if (!actorIds.has(r[end])) problems.push(`${where} field ${q(end)}: ${q(r[end])} is not an actor on this map`);
    }
    if (r.source === r.target && actorIds.has(r.source)) problems.push(`${where}: an actor cannot have a relationship with itself`);
    if (!KINDS.includes(r.kind)) problems.push(`${where} field 'kind' is ${q(r.kind)}, not one of ${KINDS.join(", ")}`);
    for (const k of sortedKeys(r)) if (!["id", "source", "target", "kind"].includes(k)) problems.push(`${where} has unknown field ${q(k)}`);
  });
  lists.issues.forEach((s, i) => {
    const where = `issue ${i + 1}`;
    if (!isObj(s)) { problems.push(`${where} is not an object`); return; }
    checkId(where, s);
    if (why(s.label)) problems.push(`${where} field 'label' ${why(s.label)}`);
    const linked = "actors" in s ? s.actors : [];
    if (!Array.isArray(linked)) problems.push(`${where} field 'actors' is not a list`);
    else for (const ref of linked) if (!actorIds.has(ref)) problems.push(`${where} field 'actors': ${q(ref)} is not an actor on this map`);
    positionProblems(where, s, placed, problems);
    for (const k of sortedKeys(s)) if (![...["id", "label", "actors"], ...placed].includes(k)) problems.push(`${where} has unknown field ${q(k)}`);
  });
  return problems;
}

const isNumber = (v) => typeof v === "number" && Number.isFinite(v) && v >= -MAX_COORD && v <= MAX_COORD;

// An actor's or issue's optional position: both x and y, numbers (version 2 only).
function positionProblems(where, item, placed, problems) {
  if (!placed.length || !("x" in item || "y" in item)) return;
  for (const k of placed) if (!isNumber(item[k])) problems.push(`${where} field ${q(k)} is ${q(item[k])}, not a number from -${MAX_COORD} to ${MAX_COORD}`);
}

// A checked map in the current version (version 1 maps have no positions: only the number changes).
export function upgrade(data) {
  return data.version !== VERSION ? { ...data, version: VERSION } : data;
}

export function emptyMap(title = "My conflict map", viewpoint = "", date = "") {
  return { format: FORMAT, version: VERSION, title, viewpoint, date, actors: [], relationships: [], issues: [] };
}

function checked(name, data) {
  const problems = mapProblems(data);
  if (problems.length) throw new LearnerMapError(`${name}: ${problems[0]}${problems.length > 1 ? ` (+${problems.length - 1} more)` : ""}`);
  return data;
}

function depthOk(s, limit = 20) {
  let depth = 0, inString = false, escaped = false;
  for (const ch of s) {
    if (inString) {
      if (escaped) escaped = false;
      else if (ch === "\\") escaped = true;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === "[" || ch === "{") { depth += 1; if (depth > limit) return false; }
    else if (ch === "]" || ch === "}") depth -= 1;
  }
  return true;
}

// bytes: a Uint8Array (from a File) or a string.
export function decode(name, bytes) {
  if (typeof bytes === "string") bytes = new TextEncoder().encode(bytes);
  if (bytes.length > MAX_BYTES) throw new LearnerMapError(`${name}: the file is ${bytes.length} bytes; a learner's file is at most ${MAX_BYTES} bytes (is this the right file?)`);
  try {
    let s = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
    return s;
  } catch (err) {
    throw new LearnerMapError(`${name}: the file is not UTF-8 text; save it as UTF-8 and try again`);
  }
}

export function fromJson(name, bytes) {
  const s = decode(name, bytes);
  if (!depthOk(s)) throw new LearnerMapError(`${name}: the JSON is nested more than 20 levels deep; it is not a map file`);
  let data;
  try { data = JSON.parse(s); } catch (err) { throw new LearnerMapError(`${name}: not valid JSON (${err.message})`); }
  return upgrade(checked(name, data));
}

export function toJson(data) {
  return `${JSON.stringify(data, null, 1)}\n`;
}

const csvCell = (v) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

const xy = (item) => ("x" in item && "y" in item ? { x: String(item.x), y: String(item.y) } : {});
// A CSV cell for x or y: a number if it reads as one, else the text (the check then names it).
const coord = (t) => (NUMBER_RE.test(t) ? Number(t) : t);

export function toCsv(data) {
  const rows = [{ record: "map", name: data.title, viewpoint: data.viewpoint, date: data.date }];
  for (const a of data.actors) rows.push({ record: "actor", id: a.id, name: a.name, type: a.type, power: String(a.power), party: a.party, ...xy(a) });
  for (const r of data.relationships) rows.push({ record: "relationship", id: r.id, source: r.source, target: r.target, kind: r.kind });
  for (const s of data.issues) rows.push({ record: "issue", id: s.id, name: s.label, actors: (s.actors || []).join(";"), ...xy(s) });
  const lines = [CSV_COLUMNS.join(",")];
  for (const row of rows) lines.push(CSV_COLUMNS.map((c) => csvCell(row[c] === undefined ? "" : row[c])).join(","));
  return `${lines.join("\r\n")}\r\n`;
}

// RFC 4180 reader (quotes, doubled quotes, CR/LF inside quotes).
export function parseCsv(s) {
  const rows = [];
  let row = [], cell = "", i = 0, quoted = false;
  while (i < s.length) {
    const ch = s[i];
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') { cell += '"'; i += 2; continue; }
      if (ch === '"') { quoted = false; i += 1; continue; }
      cell += ch; i += 1; continue;
    }
    if (ch === '"' && cell === "") { quoted = true; i += 1; continue; }
    if (ch === ",") { row.push(cell); cell = ""; i += 1; continue; }
    if (ch === "\r" || ch === "\n") {
      row.push(cell); rows.push(row); row = []; cell = "";
      i += ch === "\r" && s[i + 1] === "\n" ? 2 : 1; continue;
    }
    cell += ch; i += 1;
  }
  if (cell !== "" || row.length) { row.push(cell); rows.push(row); }
  rows.openQuote = quoted;  // the file ended inside a quoted cell
  return rows;
}

// A spreadsheet's separator, named when the header splits on it (twin: tracktwo.data.csv_reader.separator_hint).
const SEPARATORS = [[";", "semicolons (;)"], ["\t", "tabs"], ["|", "vertical bars (|)"]];
function separatorHint(line, columns) {
  for (const [sep, label] of SEPARATORS) {
    const parts = line.split(sep).map((p) => p.trim().replace(/^"+|"+$/g, ""));
    if (parts.length > 1 && parts.filter((p) => columns.includes(p)).length >= Math.max(2, Math.floor(columns.length / 2))) return label;
  }
  return null;
}

// A learner's CSV file: [columns (one of headers), [[row number, {column: cell}], ...]]; an unclosed quote,
// an empty file, a spreadsheet's separators, a wrong header and a row of the wrong length each give one
// message (twin: tracktwo.data.learner_files.read_csv).
export function readCsv(name, bytes, headers) {
  const text = decode(name, bytes);
  const rows = parseCsv(text);
  if (rows.openQuote) {
    const head = rows[0] || [], last = rows[rows.length - 1] || [], column = last.length - 1;
    const field = rows.length > 1 && column >= 0 && column < head.length ? ` field ${JSON.stringify(head[column].trim())}` : "";
    throw new LearnerMapError(`${name}: row ${rows.length}${field}: unclosed quote: the cell opens a quote (") that is never closed; close it, or write a quote inside a cell twice ("")`);
  }
  const expected = headers[0];
  const header = rows.length ? rows[0].map((c) => c.trim()) : [];
  const columns = headers.find((h) => h.join(",") === header.join(",") && h.length === header.length);
  if (!columns) {
    const sep = header.length < expected.length ? separatorHint(text.split("\n", 1)[0].replace(/\r$/, ""), expected) : null;
    if (sep) throw new LearnerMapError(`${name}: row 1 (the header): the columns are separated by ${sep}, not commas, as some spreadsheets save CSV; save it again as "CSV UTF-8 (comma-delimited)" and import that file`);
    if (!rows.some((r) => r.some((c) => c.trim()))) throw new LearnerMapError(`${name}: the file is empty (expected a header row: ${expected.join(",")})`);
    throw new LearnerMapError(`${name}: row 1 (the header) is ${JSON.stringify(rows[0].join(",").slice(0, 120))}; expected ${expected.join(",")}`);
  }
  const out = [];
  for (let k = 1; k < rows.length; k += 1) {
    const n = k + 1, row = rows[k];
    if (!row.some((c) => c.trim())) continue;
    if (row.length !== columns.length) throw new LearnerMapError(`${name}: row ${n} has ${row.length} cells; expected ${columns.length}`);
    out.push([n, Object.fromEntries(columns.map((c, j) => [c, row[j]]))]);
  }
  return [columns, out];
}

// --- XML (GraphML) ------------------------------------------------------------------------------
// A learner's XML file (twin: tracktwo.data.learner_files.parse_xml): decoded and bounded as every learner's
// file, a DOCTYPE or entity declaration refused before anything is parsed, then read by the small strict
// reader below into the plain tree both twins walk: {ns, name, attrs, children, text}. It knows XML's five
// entities and character references only (nothing is expanded, nothing external is read), so a file is read
// the same in the book, in JupyterLab and under Node (the parity test; Node has no DOMParser).
const XML_ENTITIES = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };
const NAME_RE = /[A-Za-z_:\u00c0-\uffff][-A-Za-z0-9_:.\u00b7\u00c0-\uffff]*/y;

export function parseXml(name, bytes, what) {
  const text = decode(name, bytes);
  if (!text.trim()) throw new LearnerMapError(`${name}: the file is empty; it is not ${what}`);
  const dtd = /<!(DOCTYPE|ENTITY)/i.exec(text);
  if (dtd) {
    const line = text.slice(0, dtd.index).split("\n").length;
    throw new LearnerMapError(`${name}: line ${line}: the file declares a document type or entities (<!${dtd[1]}); ${what} never needs them, and the course does not read them`);
  }
  let i = 0;
  const where = (at) => { const before = text.slice(0, at); const line = before.split("\n").length; return [line, at - before.lastIndexOf("\n")]; };
  const bad = (at = i) => { const [l, c] = where(at); return new LearnerMapError(`${name}: not well-formed XML (line ${l}, column ${c}); it is not ${what}`); };
  const unescape = (s, at) => s.replace(/&([^;&<]*);|&/g, (m, ref, off) => {
    if (ref === undefined) throw bad(at + off);
    if (ref in XML_ENTITIES) return XML_ENTITIES[ref];
    const num = /^#x([0-9a-fA-F]+)$/.exec(ref) || /^#([0-9]+)$/.exec(ref);
    if (num) {
      const code = parseInt(num[1], ref[1] === "x" ? 16 : 10);
      if (code > 0x10ffff || code === 0) throw bad(at + off);
      return String.fromCodePoint(code);
    }
    if (/^[A-Za-z_][-A-Za-z0-9_.]*$/.test(ref)) throw new LearnerMapError(`${name}: line ${where(at + off)[0]}: the file uses an entity that XML does not define; it is not ${what}`);
    throw bad(at + off);
  });
  const readName = () => { NAME_RE.lastIndex = i; const m = NAME_RE.exec(text); if (!m) throw bad(); i += m[0].length; return m[0]; };
  const skipSpace = () => { while (i < text.length && /[ \t\r\n]/.test(text[i])) i += 1; };
  const XML_DECL = /<\?xml[ \t\r\n]+version[ \t\r\n]*=[ \t\r\n]*(["'])1\.[0-9]+\1([ \t\r\n]+encoding[ \t\r\n]*=[ \t\r\n]*(["'])[A-Za-z][A-Za-z0-9._-]*\3)?([ \t\r\n]+standalone[ \t\r\n]*=[ \t\r\n]*(["'])(yes|no)\5)?[ \t\r\n]*\?>/y;
  const skipPi = () => { // a processing instruction; the XML declaration only at the very start, well formed
    if (/^<\?xml([ \t\r\n?]|$)/i.test(text.slice(i, i + 6))) {
      XML_DECL.lastIndex = i;
      if (i !== 0 || !XML_DECL.exec(text)) throw bad();
      i = XML_DECL.lastIndex;
      return;
    }
    i += 2;
    readName();
    const end = text.indexOf("?>", i);
    if (end < 0) throw bad(text.length);
    i = end + 2;
  };
  const skipComment = () => {
    const end = text.indexOf("-->", i + 4);
    if (end < 0) throw bad(text.length);
    if (text.slice(i + 4, end).includes("--")) throw bad(i + 4 + text.slice(i + 4, end).indexOf("--"));
    i = end + 3;
  };
  const skipMisc = () => { // comments, processing instructions (the XML declaration too) and space
    for (;;) {
      skipSpace();
      if (text.startsWith("<!--", i)) skipComment();
      else if (text.startsWith("<?", i)) skipPi();
      else return;
    }
  };
  const resolve = (qname, scopes, attr) => {
    const k = qname.indexOf(":");
    if (k < 0) return [attr ? "" : scopes.get(""), qname];
    const prefix = qname.slice(0, k);
    if (prefix === "xml") return ["http://www.w3.org/XML/1998/namespace", qname.slice(k + 1)];
    if (!scopes.has(prefix)) throw bad();
    return [scopes.get(prefix), qname.slice(k + 1)];
  };
  function element(parentScopes) {
    if (text[i] !== "<") throw bad();
    i += 1;
    const qname = readName();
    const raw = [];
    for (;;) {
      const before = i;
      skipSpace();
      if (text.startsWith("/>", i) || text[i] === ">") break;
      if (i === before) throw bad();
      const an = readName();
      skipSpace();
      if (text[i] !== "=") throw bad();
      i += 1;
      skipSpace();
      const quote = text[i];
      if (quote !== '"' && quote !== "'") throw bad();
      const end = text.indexOf(quote, i + 1);
      if (end < 0) throw bad(text.length);
      const value = text.slice(i + 1, end);
      if (value.includes("<")) throw bad(i + 1 + value.indexOf("<"));
      if (raw.some(([n]) => n === an)) throw bad(before);
      raw.push([an, unescape(value.replace(/\r\n?/g, "\n").replace(/[\t\n]/g, " "), i + 1)]);
      i = end + 1;
    }
    const scopes = new Map(parentScopes);
    for (const [an, v] of raw) { if (an === "xmlns") scopes.set("", v); else if (an.startsWith("xmlns:")) scopes.set(an.slice(6), v); }
    const [ns, local] = resolve(qname, scopes, false);
    const attrs = {};
    for (const [an, v] of raw) {
      if (an === "xmlns" || an.startsWith("xmlns:")) continue;
      const [ans, alocal] = resolve(an, scopes, true);
      attrs[ans ? `{${ans}}${alocal}` : alocal] = v;
    }
    const node = { ns: ns || "", name: local, attrs, children: [], text: "" };
    if (text.startsWith("/>", i)) { i += 2; return node; }
    i += 1;
    for (;;) {
      if (i >= text.length) throw bad(text.length);
      if (text.startsWith("</", i)) {
        i += 2;
        const closing = readName();
        if (closing !== qname) throw bad(i - closing.length);
        skipSpace();
        if (text[i] !== ">") throw bad();
        i += 1;
        return node;
      }
      if (text.startsWith("<!--", i)) { skipComment(); continue; }
      if (text.startsWith("<?", i)) { skipPi(); continue; }
      if (text.startsWith("<![CDATA[", i)) {
        const end = text.indexOf("]]>", i + 9);
        if (end < 0) throw bad(text.length);
        node.text += text.slice(i + 9, end).replace(/\r\n?/g, "\n");
        i = end + 3; continue;
      }
      if (text[i] === "<") { const child = element(scopes); node.children.push(child); node.text += child.text; continue; }
      let end = text.indexOf("<", i);
      if (end < 0) end = text.length;
      const chunk = text.slice(i, end);
      if (chunk.includes("]]>")) throw bad(i + chunk.indexOf("]]>"));
      node.text += unescape(chunk.replace(/\r\n?/g, "\n"), i);
      i = end;
    }
  }
  skipMisc();
  if (i >= text.length) throw bad(i);
  const root = element(new Map([["", ""]]));
  skipMisc();
  if (i < text.length) throw bad(i);
  return root;
}

export function fromCsv(name, bytes) {
  const [, rows] = readCsv(name, bytes, [CSV_COLUMNS, CSV_COLUMNS_V1]);
  const data = emptyMap("", "", "");
  const where = { map: [], actor: [], relationship: [], issue: [] };
  let seenMap = false;
  for (const [n, cell] of rows) {
    const place = (cell.x || "") !== "" || (cell.y || "") !== "" ? { x: coord(cell.x), y: coord(cell.y) } : {};
    const record = cell.record;
    if (record in where) where[record].push(n);
    if (record === "map") {
      if (seenMap) throw new LearnerMapError(`${name}: row ${n} field 'record': a second 'map' row`);
      seenMap = true;
      Object.assign(data, { title: cell.name, viewpoint: cell.viewpoint, date: cell.date });
    } else if (record === "actor") {
      const power = /^[1-5]$/.test(cell.power) ? Number(cell.power) : cell.power;
      data.actors.push({ id: cell.id, name: cell.name, type: cell.type, power, party: cell.party, ...place });
    } else if (record === "relationship") {
      data.relationships.push({ id: cell.id, source: cell.source, target: cell.target, kind: cell.kind });
    } else if (record === "issue") {
      data.issues.push({ id: cell.id, label: cell.name, actors: cell.actors.split(";").filter(Boolean), ...place });
    } else {
      throw new LearnerMapError(`${name}: row ${n} field 'record' is ${JSON.stringify(record)}, not map, actor, relationship or issue`);
    }
    if (data.actors.length > MAX_ACTORS || data.relationships.length > MAX_RELATIONSHIPS) throw new LearnerMapError(`${name}: row ${n}: more rows than a map can hold`);
  }
  if (!seenMap) throw new LearnerMapError(`${name}: no 'map' row (it holds the title, viewpoint and date)`);
  const problems = mapProblems(data);
  if (problems.length) {
    const p = problems[0];
    const m = /^(actor|relationship|issue) (\d+)(.*)$/s.exec(p);
    let msg = p;
    if (m) msg = `row ${where[m[1]][Number(m[2]) - 1]} (${m[1]} ${m[2]})${m[3]}`;
    else if (p.startsWith("field") && where.map.length) msg = `row ${where.map[0]} (map) ${p}`;
    throw new LearnerMapError(`${name}: ${msg}`);
  }
  return data;
}

// --- Drawing -----------------------------------------------------------------------------------

// The drawing spec's styles, field for field as tracktwo.maps.notation (node_types, edge_kinds) gives them.
const pick = (item, fields) => Object.fromEntries(fields.filter((f) => f in item).map((f) => [f, item[f]]));
export const NODE_TYPES = Object.fromEntries(NOTATION.nodes.map((n) => [n.id, pick(n, ["label", "shape", "border", "fill"])]));
export const EDGE_KINDS = Object.fromEntries(NOTATION.lines.map((l) => [l.id, pick(l, ["label", "line", "width", "broken", "arrow"])]));

// Said wherever the notation's legend is shown (the chapter cites the sources: Fisher et al. 2000; RTC handout CA1).
export const LEGEND_NOTE = NOTATION.note;
const place = (item) => ("x" in item && "y" in item ? { x: item.x, y: item.y } : {});

// Each of several edges between the same two nodes gets its own `lane` (twin: learner._add_lanes):
// seen from the pair's first node (ids in order), k edges take lanes -(k-1), -(k-3), ..., k-1 in list
// order; each edge's lane is given in its own direction (source to target). The renderer bends an edge
// by its lane. An edge alone on its pair has no lane (a straight line).
export function addLanes(edges) {
  const pairs = new Map();
  for (const e of edges) {
    const key = [e.source, e.target].sort(cmp).join("\u0000");
    if (!pairs.has(key)) pairs.set(key, []);
    pairs.get(key).push(e);
  }
  for (const group of pairs.values()) {
    if (group.length < 2) continue;
    group.forEach((e, i) => {
      const lane = 2 * i - (group.length - 1);
      e.lane = e.source <= e.target || lane === 0 ? lane : -lane;
    });
  }
  return edges;
}

export function toSpec(data, specId = "learner") {
  const nodes = [];
  for (const a of data.actors) {
    nodes.push({ id: a.id, label: a.name, type: a.type === "self" ? "self" : a.party, weight: a.power,
      details: [["Type", TYPE_LABELS[a.type]], ["Power", `${a.power} of 5`], ["Party", a.party === "inside" ? "inside" : "outside"]], ...place(a) });
  }
  for (const s of data.issues) nodes.push({ id: s.id, label: s.label, type: "issue", weight: 1, details: [["Issue", s.label]], ...place(s) });
  const edges = data.relationships.map((r) => ({ id: r.id, source: r.source, target: r.target, kind: { kind: r.kind } }));
  for (const s of data.issues) for (const ref of s.actors || []) edges.push({ id: `${s.id}--${ref}`, source: s.id, target: ref, kind: { kind: "issue" } });
  addLanes(edges);
  return { id: specId, title: data.title, viewpoint: data.viewpoint, date: data.date,
    encodings: [{ id: "kind", label: "Trainers' notation" }], kinds: EDGE_KINDS, nodeTypes: NODE_TYPES, groups: [], nodes, edges,
    legendNotes: [LEGEND_NOTE] };
}

const cap = (s) => s.charAt(0).toUpperCase() + s.slice(1);
const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
const cmpPair = (a, b) => cmp(a[0], b[0]) || cmp(a[1], b[1]);

// What makes two relationships the same one: the pair and the kind (and, for influence, its direction).
const relKey = (r) => [...(r.kind === "influence" ? [r.source, r.target] : [r.source, r.target].sort(cmp)), r.kind].join("\u0000");

// The relationships of `rels` (in list order) that `others` has no match for, key by key (twin: learner._unmatched).
function unmatched(rels, others) {
  const left = new Map();
  for (const r of others) left.set(relKey(r), (left.get(relKey(r)) || 0) + 1);
  const out = [];
  for (const r of rels) {
    if (left.get(relKey(r))) left.set(relKey(r), left.get(relKey(r)) - 1);
    else out.push(r);
  }
  return out;
}

// What changed between two maps (twin: learner.compare). Relationships are matched by pair and kind:
// two lines between the same two actors stay two; per pair, what is left unmatched on both sides is
// told as changed, then removed, then added.
export function compareMaps(before, after) {
  const out = [];
  for (const f of ["viewpoint", "date"]) if (before[f] !== after[f]) out.push(`${cap(f)}: ${before[f]} -> ${after[f]}`);
  const aBy = new Map(before.actors.map((a) => [a.id, a]));
  const bBy = new Map(after.actors.map((a) => [a.id, a]));
  const name = (i) => (bBy.get(i) || aBy.get(i) || { name: i }).name;
  for (const i of [...aBy.keys()].filter((k) => !bBy.has(k)).sort(cmp)) out.push(`Actor removed: ${aBy.get(i).name}`);
  for (const i of [...bBy.keys()].filter((k) => !aBy.has(k)).sort(cmp)) out.push(`Actor added: ${bBy.get(i).name}`);
  for (const i of [...aBy.keys()].filter((k) => bBy.has(k)).sort(cmp)) {
    for (const f of ["name", "type", "power", "party"]) {
      if (aBy.get(i)[f] !== bBy.get(i)[f]) out.push(`${bBy.get(i).name}: ${f} ${aBy.get(i)[f]} -> ${bBy.get(i)[f]}`);
    }
  }
  const pair = (r) => [r.source, r.target].sort(cmp);
  const groups = new Map();
  [before.relationships, after.relationships].forEach((rels, side) => {
    for (const r of rels) {
      const k = pair(r).join("\u0000");
      if (!groups.has(k)) groups.set(k, [pair(r), [], []]);
      groups.get(k)[side + 1].push(r);
    }
  });
  for (const [p, was, now] of [...groups.values()].sort((x, y) => cmpPair(x[0], y[0]))) {
    const who = `${name(p[0])} and ${name(p[1])}`;
    const gone = unmatched(was, now), added = unmatched(now, was);
    for (let i = 0; i < Math.min(gone.length, added.length); i += 1) out.push(`Relationship changed: ${who}: ${gone[i].kind} -> ${added[i].kind}`);
    for (const x of gone.slice(added.length)) out.push(`Relationship removed: ${who} (${x.kind})`);
    for (const y of added.slice(gone.length)) out.push(`Relationship added: ${who} (${y.kind})`);
  }
  return out;
}
