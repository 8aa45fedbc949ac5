// The perspective timeline's format: checks, CSV, order. Twin of tracktwo/maps/timeline_tool.py
// (the format is described there; tests/test_timeline_tool.py compares the two string for string).
import { LearnerMapError, decode, readCsv } from "./learner_map.js";

export const FORMAT = "tracktwo-timeline";
export const VERSION = 1;
export const CSV_COLUMNS = ["record", "id", "date", "title", "note", "event", "cite", "viewpoint"];
const MAX_EVENTS = 300, MAX_TEXT = 200, MAX_NOTE = 1000;
export const DATE_RE = /^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$/;
const ID_RE = /^[A-Za-z0-9_-]{1,40}$/;
const EVENT_ID_RE = /^[a-z0-9-]{1,80}$/;
const FIELDS = ["format", "version", "title", "viewpoint", "date", "events"];
const EVENT_FIELDS = ["id", "date", "title", "note", "source"];
const isObj = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
const commas = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
// Why a value is not text of 1 to `limit` characters (twin: tracktwo.data.learner_files.text_problem).
const why = (v, limit = MAX_TEXT) => (typeof v === "string" && v.length > limit ? `is ${commas(v.length)} characters long; the most is ${limit}: shorten it`
  : typeof v !== "string" || v.trim() === "" ? "is missing or empty" : null);
const q = (v) => (v === undefined ? "null" : JSON.stringify(v));
const sortedKeys = (o) => Object.keys(o).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

export function timelineProblems(data) {
  if (!isObj(data)) return ["the file is not a timeline (expected an object with title, viewpoint, date, events)"];
  if (data.format !== FORMAT) return [`field 'format' is ${q(data.format)}, not ${q(FORMAT)}: this is not a course timeline file`];
  const problems = [];
  if (data.version !== VERSION) problems.push(`field 'version' is ${q(data.version)}; this course reads version ${VERSION}`);
  for (const f of ["title", "viewpoint", "date"]) {
    if (why(data[f])) problems.push(`field ${q(f)} ${why(data[f])} (every timeline states its title, whose viewpoint, and when it was drawn)`);
  }
  for (const k of sortedKeys(data)) if (!FIELDS.includes(k)) problems.push(`unknown field ${q(k)}`);
  const events = "events" in data ? data.events : [];
  if (!Array.isArray(events)) return [...problems, "field 'events' is not a list"];
  if (events.length > MAX_EVENTS) return [...problems, `field 'events' has ${events.length} items; the most a timeline can hold is ${MAX_EVENTS}`];
  const ids = new Set();
  events.forEach((e, i) => {
    const where = `event ${i + 1}`;
    if (!isObj(e)) { problems.push(`${where} is not an object`); return; }
    if (typeof e.id !== "string" || !ID_RE.test(e.id)) problems.push(`${where} field 'id' is ${q(e.id)}; use 1-40 letters, digits, - or _`);
    else if (ids.has(e.id)) problems.push(`${where} field 'id': ${q(e.id)} is used twice`);
    else ids.add(e.id);
    if (typeof e.date !== "string" || !DATE_RE.test(e.date)) problems.push(`${where} field 'date' is ${q(e.date)}; write YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2021-02-01)`);
    if (why(e.title)) problems.push(`${where} field 'title' ${why(e.title)}`);
    if ("note" in e && !(typeof e.note === "string" && e.note.length <= MAX_NOTE)) problems.push(`${where} field 'note' is not text of at most ${MAX_NOTE} characters`);
    if ("source" in e) {
      const s = e.source;
      if (!isObj(s) || sortedKeys(s).join(",") !== "cite,event") problems.push(`${where} field 'source' is not an object with 'event' and 'cite'`);
      else {
        if (typeof s.event !== "string" || !EVENT_ID_RE.test(s.event)) problems.push(`${where} field 'source': 'event' is ${q(s.event)}, not a course event id`);
        if (why(s.cite, MAX_NOTE)) problems.push(`${where} field 'source': 'cite' ${why(s.cite, MAX_NOTE)}`);
      }
    }
    for (const k of sortedKeys(e)) if (!EVENT_FIELDS.includes(k)) problems.push(`${where} has unknown field ${q(k)}`);
  });
  return problems;
}

export function emptyTimeline(title = "My timeline", viewpoint = "not stated yet", date = "not stated yet") {
  return { format: FORMAT, version: VERSION, title, viewpoint, date, events: [] };
}

// Date order; ties keep the order they were added in (Array.prototype.sort is stable).
export function inOrder(data) {
  return [...data.events].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

function checked(name, data, problemsOf = timelineProblems) {
  const p = problemsOf(data);
  if (p.length) throw new LearnerMapError(`${name}: ${p[0]}${p.length > 1 ? ` (+${p.length - 1} more)` : ""}`);
  return data;
}

export function timelineFromJson(name, bytes) {
  const s = decode(name, bytes);
  let depth = 0, inStr = false, esc = false;
  for (const ch of s) {
    if (inStr) { if (esc) esc = false; else if (ch === "\\") esc = true; else if (ch === '"') inStr = false; }
    else if (ch === '"') inStr = true;
    else if (ch === "[" || ch === "{") { depth += 1; if (depth > 20) throw new LearnerMapError(`${name}: the JSON is nested more than 20 levels deep; it is not a timeline file`); }
    else if (ch === "]" || ch === "}") depth -= 1;
  }
  let data;
  try { data = JSON.parse(s); } catch (err) { throw new LearnerMapError(`${name}: not valid JSON (${err.message})`); }
  return checked(name, data);
}

export function timelineToJson(data) {
  return `${JSON.stringify(data, null, 1)}\n`;
}

const cell = (v) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

export function timelineToCsv(data) {
  const rows = [{ record: "timeline", title: data.title, viewpoint: data.viewpoint, date: data.date }];
  for (const e of data.events) rows.push({ record: "event", id: e.id, date: e.date, title: e.title, note: e.note || "", ...(e.source || {}) });
  const lines = [CSV_COLUMNS.join(",")];
  for (const r of rows) lines.push(CSV_COLUMNS.map((c) => cell(r[c] === undefined ? "" : String(r[c]))).join(","));
  return `${lines.join("\r\n")}\r\n`;
}

export function timelineFromCsv(name, bytes) {
  const [, rows] = readCsv(name, bytes, [CSV_COLUMNS]);
  let data = null, head = 0;
  const where = [];
  for (const [n, c] of rows) {
    if (c.record === "timeline") {
      if (data) throw new LearnerMapError(`${name}: row ${n} field 'record': a second 'timeline' row`);
      data = emptyTimeline(c.title, c.viewpoint, c.date);
      head = n;
    } else if (c.record === "event") {
      if (!data) throw new LearnerMapError(`${name}: row ${n}: the first row must be the 'timeline' row (title, viewpoint, date)`);
      const e = { id: c.id, date: c.date, title: c.title };
      if (c.note) e.note = c.note;
      if (c.event || c.cite) e.source = { event: c.event, cite: c.cite };
      data.events.push(e);
      where.push(n);
    } else {
      throw new LearnerMapError(`${name}: row ${n} field 'record' is ${JSON.stringify(c.record)}, not timeline or event`);
    }
  }
  if (!data) throw new LearnerMapError(`${name}: no 'timeline' row (it holds the title, viewpoint and date)`);
  return checked(name, data, (d) => timelineProblems(d).map((p) => {
    const m = /^event (\d+)(.*)$/s.exec(p);
    return m ? `row ${where[Number(m[1]) - 1]} (event ${m[1]})${m[2]}` : `row ${head} (timeline) ${p}`;
  }));
}
