// Companion tools (conflict tree, onion, ABC triangle) as structured worksheets: checks and CSV.
// Twin of tracktwo/maps/worksheet.py (tests/test_map_builder_parity.py compares them).
import { LearnerMapError, decode } from "./learner_map.js";

export const FORMAT = "tracktwo-worksheet";
export const VERSION = 1;
export const TOOLS = {
  tree: { label: "Conflict tree", perParty: false,
    fields: [["causes", "Causes (the roots)"], ["core", "Core problem (the trunk)"], ["effects", "Effects (the branches)"]] },
  onion: { label: "Onion", perParty: true,
    fields: [["positions", "Positions: what we say we want"], ["interests", "Interests: what we really want"], ["needs", "Needs: what we must have"]] },
  abc: { label: "ABC triangle", perParty: true,
    fields: [["attitudes", "Attitudes (perceptions, feelings)"], ["behaviour", "Behaviour (visible acts)"], ["context", "Context (structures, background)"]] },
  grid: { label: "Stakeholder grid", perParty: false,
    fields: [["high-high", "High influence, high interest: work closely with them"],
      ["high-low", "High influence, low interest: keep them satisfied"],
      ["low-high", "Low influence, high interest: keep them informed, strengthen their voice"],
      ["low-low", "Low influence, low interest: watch for change"]] },
};
export const CSV_COLUMNS = ["record", "tool", "title", "viewpoint", "date", "party", "field", "text"];
const MAX_PARTIES = 20, MAX_ENTRIES = 60, MAX_TEXT = 300;
const SHEET_FIELDS = ["format", "version", "tool", "title", "viewpoint", "date", "parties"];
const isObj = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
const text = (v) => typeof v === "string" && v.trim() !== "" && v.length <= MAX_TEXT;
// Why a value is not text of 1 to MAX_TEXT characters (twin: tracktwo.data.learner_files.text_problem).
const commas = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
const why = (v) => (typeof v === "string" && v.length > MAX_TEXT ? `is ${commas(v.length)} characters long; the most is ${MAX_TEXT}: shorten it`
  : typeof v !== "string" || v.trim() === "" ? "is missing or empty" : null);
const q = (v) => (v === undefined ? "null" : JSON.stringify(v));
const sortedKeys = (o) => Object.keys(o).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
const has = (o, k) => Object.prototype.hasOwnProperty.call(o, k);

export function sheetProblems(data) {
  if (!isObj(data)) return ["the file is not a worksheet (expected an object with tool, title, parties)"];
  if (data.format !== FORMAT) return [`field 'format' is ${q(data.format)}, not ${q(FORMAT)}: this is not a course worksheet`];
  const problems = [];
  if (data.version !== VERSION) problems.push(`field 'version' is ${q(data.version)}; this course reads version ${VERSION}`);
  const tool = data.tool;
  if (typeof tool !== "string" || !has(TOOLS, tool)) { problems.push(`field 'tool' is ${q(tool)}, not one of ${Object.keys(TOOLS).join(", ")}`); return problems; }
  for (const f of ["title", "viewpoint", "date"]) if (why(data[f])) problems.push(`field ${q(f)} ${why(data[f])} (every worksheet states its title, viewpoint and date)`);
  for (const k of sortedKeys(data)) if (!SHEET_FIELDS.includes(k)) problems.push(`unknown field ${q(k)}`);
  const parties = data.parties;
  if (!Array.isArray(parties) || !parties.length || parties.length > MAX_PARTIES) { problems.push(`field 'parties' is not a list of 1 to ${MAX_PARTIES} parties`); return problems; }
  if (!TOOLS[tool].perParty && parties.length !== 1) problems.push(`field 'parties': a ${TOOLS[tool].label.toLowerCase()} has exactly one part (the situation as a whole)`);
  const fields = TOOLS[tool].fields.map(([f]) => f);
  const names = new Set();
  parties.forEach((p, i) => {
    const where = `party ${i + 1}`;
    if (!isObj(p)) { problems.push(`${where} is not an object`); return; }
    const name = p.name;
    if (why(name)) problems.push(`${where} field 'name' ${why(name)}`);
    else if (names.has(name)) problems.push(`${where} field 'name': ${q(name)} is used twice`);
    else names.add(name);
    const entries = p.entries;
    if (!isObj(entries)) { problems.push(`${where} field 'entries' is not an object`); }
    else {
      for (const key of sortedKeys(entries)) {
        const items = entries[key];
        if (!fields.includes(key)) problems.push(`${where} field 'entries': ${q(key)} is not one of ${fields.join(", ")}`);
        else if (!Array.isArray(items) || items.length > MAX_ENTRIES) problems.push(`${where} entries ${q(key)} is not a list of at most ${MAX_ENTRIES} texts`);
        else items.forEach((t, j) => { if (!text(t)) problems.push(`${where} entries ${q(key)} item ${j + 1} is not text of 1 to ${MAX_TEXT} characters`); });
      }
    }
    if (!isObj(entries)) { for (const k of sortedKeys(p)) if (!["name", "entries"].includes(k)) problems.push(`${where} has unknown field ${q(k)}`); return; }
    for (const k of sortedKeys(p)) if (!["name", "entries"].includes(k)) problems.push(`${where} has unknown field ${q(k)}`);
  });
  return problems;
}

export function emptySheet(tool, title = "", viewpoint = "not stated yet", date = "not stated yet") {
  const first = TOOLS[tool].perParty ? "Party A" : "The situation";
  return { format: FORMAT, version: VERSION, tool, title: title || TOOLS[tool].label, viewpoint, date,
    parties: [{ name: first, entries: Object.fromEntries(TOOLS[tool].fields.map(([f]) => [f, []])) }] };
}

function checked(name, data) {
  const p = sheetProblems(data);
  if (p.length) throw new LearnerMapError(`${name}: ${p[0]}${p.length > 1 ? ` (+${p.length - 1} more)` : ""}`);
  return data;
}

export function sheetFromJson(name, bytes) {
  const s = decode(name, bytes);
  let depth = 0, max = 0, inStr = false, esc = false;
  for (const ch of s) {
    if (inStr) { if (esc) esc = false; else if (ch === "\\") esc = true; else if (ch === '"') inStr = false; }
    else if (ch === '"') inStr = true;
    else if (ch === "[" || ch === "{") { depth += 1; max = Math.max(max, depth); if (max > 20) break; }
    else if (ch === "]" || ch === "}") depth -= 1;
  }
  if (max > 20) throw new LearnerMapError(`${name}: the JSON is nested more than 20 levels deep; it is not a worksheet`);
  let data;
  try { data = JSON.parse(s); } catch (err) { throw new LearnerMapError(`${name}: not valid JSON (${err.message})`); }
  return checked(name, data);
}

const cell = (v) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

export function sheetToCsv(data) {
  const rows = [CSV_COLUMNS, ["sheet", data.tool, data.title, data.viewpoint, data.date, "", "", ""]];
  for (const p of data.parties) {
    rows.push(["party", "", "", "", "", p.name, "", ""]);
    for (const [f] of TOOLS[data.tool].fields) for (const t of p.entries[f] || []) rows.push(["entry", "", "", "", "", p.name, f, t]);
  }
  return `${rows.map((r) => r.map(cell).join(",")).join("\r\n")}\r\n`;
}

export { parseCsv } from "./learner_map.js";
import { readCsv } from "./learner_map.js";

export function sheetFromCsv(name, bytes) {
  const [, rows] = readCsv(name, bytes, [CSV_COLUMNS]);
  let data = null;
  const byName = new Map();
  for (const [n, c] of rows) {
    if (c.record === "sheet") {
      if (data) throw new LearnerMapError(`${name}: row ${n} field 'record': a second 'sheet' row`);
      data = { format: FORMAT, version: VERSION, tool: c.tool, title: c.title, viewpoint: c.viewpoint, date: c.date, parties: [] };
      if (!has(TOOLS, c.tool)) throw new LearnerMapError(`${name}: row ${n} field 'tool' is ${JSON.stringify(c.tool)}, not one of ${Object.keys(TOOLS).join(", ")}`);
    } else if (!data) {
      throw new LearnerMapError(`${name}: row ${n}: the first row must be the 'sheet' row (tool, title, viewpoint, date)`);
    } else if (c.record === "party") {
      if (byName.has(c.party)) throw new LearnerMapError(`${name}: row ${n} field 'party': ${JSON.stringify(c.party)} is used twice`);
      const p = { name: c.party, entries: Object.fromEntries(TOOLS[data.tool].fields.map(([f]) => [f, []])) };
      byName.set(c.party, p);
      data.parties.push(p);
    } else if (c.record === "entry") {
      const p = byName.get(c.party);
      if (!p) throw new LearnerMapError(`${name}: row ${n} field 'party': ${JSON.stringify(c.party)} has no 'party' row above it`);
      if (!has(p.entries, c.field)) throw new LearnerMapError(`${name}: row ${n} field 'field' is ${JSON.stringify(c.field)}, not one of ${Object.keys(p.entries).join(", ")}`);
      p.entries[c.field].push(c.text);
    } else {
      throw new LearnerMapError(`${name}: row ${n} field 'record' is ${JSON.stringify(c.record)}, not sheet, party or entry`);
    }
  }
  if (!data) throw new LearnerMapError(`${name}: no 'sheet' row (it holds the tool, title, viewpoint and date)`);
  return checked(name, data);
}
