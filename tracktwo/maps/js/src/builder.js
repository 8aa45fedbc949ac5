// The map builder: learners make their own conflict maps in trainers' notation.
// anywidget module form (render({ model, el })). The state is one "library" of named maps,
// {current: name, maps: {name: learner map}}, written with model.set("library") + save_changes():
// in the static book the host's shim keeps it through window.TTStorage (assets/tracktwo/storage.js:
// on this device, or in this tab only when the page keeps nothing); in JupyterLab Python writes a
// file beside the notebook. Nothing is sent anywhere. Forms, checks, CSV and drawing
// come from learner_map.js (twin of tracktwo/maps/learner.py) and conflict_map.js.

import conflictMap, { legendSample } from "./conflict_map.js";
import { reconcile } from "./keyed.js";
import { h, clone, byInput } from "./dom.js";
import { courseStorage, exportName, whereKept } from "./host_storage.js";
import { hasWords, scoreMap, words } from "./map_score.js";
import { layoutPositions } from "./layout.js";
import { fromGraphml, toGexf, toGraphml, toKumu } from "./interchange.js";

export { circleRadius, layoutPositions } from "./layout.js";
import {
  ACTOR_TYPES, EDGE_KINDS, KINDS, KIND_LABELS, LearnerMapError, NODE_TYPES, TYPE_LABELS, compareMaps, emptyMap, fromCsv, fromJson,
  LEGEND_NOTE, mapProblems, toCsv, toJson, toSpec, upgrade,
} from "./learner_map.js";

const UNDO_LIMIT = 50;
let uid = 0;

export function libraryProblems(lib) {
  if (!lib || typeof lib !== "object" || Array.isArray(lib)) return ["the saved maps are not an object"];
  if (!lib.maps || typeof lib.maps !== "object" || Array.isArray(lib.maps)) return ["the saved maps have no 'maps' object"];
  const problems = [];
  for (const [name, m] of Object.entries(lib.maps)) {
    const p = mapProblems(m);
    if (p.length) problems.push(`map ${JSON.stringify(name)}: ${p[0]}`);
  }
  if (!(lib.current in lib.maps)) problems.push(`current map ${JSON.stringify(lib.current)} is not among the saved maps`);
  return problems;
}

// Saved maps in the current format version (version 1 maps, saved before positions, still load).
export function upgraded(lib) {
  return { ...lib, maps: Object.fromEntries(Object.entries(lib.maps).map(([k, m]) => [k, upgrade(m)])) };
}

// What the learner reads for each saved map: its title (the name a map is stored under stays as it
// was, so saved maps keep working). Two maps with the same title are told apart: "Valley (2)".
export function mapLabels(lib) {
  const titleOf = (name, m) => (m && typeof m.title === "string" && m.title.trim()) || name;
  const taken = new Set(Object.entries(lib.maps).map(([name, m]) => titleOf(name, m)));
  const used = new Set();
  const out = new Map();
  for (const [name, m] of Object.entries(lib.maps)) {
    let label = titleOf(name, m);
    if (used.has(label)) {
      const title = label;
      for (let i = 2; used.has(label) || taken.has(label); i += 1) label = `${title} (${i})`;
    }
    used.add(label);
    out.set(name, label);
  }
  return out;
}

// A copy's title, "Copy of <title>", with " (2)", " (3)" ... when another map has it; at most
// MAX_TITLE characters (a map's title is at most 200: learner_map.js). Its stored name is the title,
// or the title with a number when that name is taken.
const MAX_TITLE = 200;
export function copyOf(lib, name) {
  const titles = new Set(Object.values(lib.maps).map((m) => m.title));
  const fit = (text, tail = "") => `${text.slice(0, MAX_TITLE - tail.length).trimEnd()}${tail}`;
  const base = fit(`Copy of ${lib.maps[name].title}`);
  let title = base;
  for (let i = 2; titles.has(title); i += 1) title = fit(base, ` (${i})`);
  let key = title;
  for (let i = 2; key in lib.maps; i += 1) key = `${title} (${i})`;
  return { key, title };
}

export function nextId(data, prefix) {
  const used = new Set([...data.actors, ...data.relationships, ...data.issues].map((x) => x.id));
  let i = 1;
  while (used.has(`${prefix}${i}`)) i += 1;
  return `${prefix}${i}`;
}


const today = () => new Date().toISOString().slice(0, 10);

function download(name, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = h("a", { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function render({ model, el }) {
  const base = `ttb-${++uid}`;
  let lib = model.get("library");
  if (!lib || libraryProblems(lib).length) lib = { current: "My first map", maps: { "My first map": emptyMap("My first map", "not stated yet", today()) } };
  lib = upgraded(lib);
  let undo = [];
  let mapView = null; // cleanup of the drawn map
  let sideViews = []; // cleanups of the two maps drawn side by side

  el.classList.add("ttb");
  el.innerHTML = "";
  const root = h("div", { class: "ttb-root", role: "region", "aria-label": "Map builder" });
  el.append(root);
  const status = h("p", { class: "ttb-status", role: "status", "aria-live": "polite" });
  const messages = (model.get("messages") || []).filter(Boolean);

  const cur = () => lib.maps[lib.current];
  const titleOf = (name) => mapLabels(lib).get(name) || name; // what the learner reads for a saved map
  let fid = 0;
  // label: text, or a list of text and nodes (a hint worded by input: byInput).
  const field = (label, input, hint) => {
    input.id = `${base}-f${++fid}`;
    const hintEl = hint ? h("small", { id: `${input.id}-hint`, text: hint }) : null;
    if (hintEl) input.setAttribute("aria-describedby", hintEl.id);
    return h("div", { class: "ttb-field" }, [h("label", { for: input.id }, [].concat(label)), input, hintEl]);
  };
  const btn = (text, fn, extra = {}) => {
    const b = h("button", { type: "button", class: "ttm-button", text, ...extra });
    b.addEventListener("click", fn);
    return b;
  };
  const select = (options, value) => {
    const s = h("select");
    for (const [v, label] of options) s.append(h("option", { value: v, text: label }));
    if (value !== undefined) s.value = value;
    return s;
  };
  function say(text) { status.textContent = text; }

  // Every change goes through commit(): undo snapshot, check, save, redraw. A move of an actor or
  // an issue box (already shown where the learner dropped it) is saved without a redraw.
  function commit(change, message, { redraw = true } = {}) {
    const before = lib;
    const next = clone(lib);
    change(next);
    const problems = mapProblems(next.maps[next.current]);
    if (problems.length) { say(`Not changed: ${problems[0]}.`); return false; }
    undo.push(before);
    if (undo.length > UNDO_LIMIT) undo.shift();
    lib = next;
    save();
    if (redraw) draw();
    if (message) say(message);
    return true;
  }
  // Positions from the drawing (drag, or Alt + arrow keys): saved with the map, whole units.
  function place(name, moved) {
    if (name !== lib.current) return;
    const ids = Object.keys(moved || {});
    if (!ids.length) {
      commit((l) => { for (const item of [...l.maps[l.current].actors, ...l.maps[l.current].issues]) { delete item.x; delete item.y; } },
        "Layout reset: every actor and issue is back in its first place.");
      return;
    }
    const m = cur();
    const names = [...m.actors.map((a) => [a.id, a.name]), ...m.issues.map((s) => [s.id, s.label])];
    const label = new Map(names);
    commit((l) => {
      for (const item of [...l.maps[l.current].actors, ...l.maps[l.current].issues]) {
        const p = moved[item.id];
        if (p) { item.x = Math.round(p.x); item.y = Math.round(p.y); }
      }
    }, `Moved ${ids.filter((i) => label.has(i)).map((i) => label.get(i)).join(", ")} (saved with the map).`, { redraw: false });
  }
  function save() { model.set("library", clone(lib)); model.save_changes(); }
  function doUndo() {
    if (!undo.length) { say("Nothing to undo."); return; }
    lib = undo.pop();
    save();
    draw();
    say("Undone.");
  }

  // --- Map chooser and the map's title, viewpoint and date ---------------------------------------
  const chooser = select([]);
  const title = h("input", { type: "text", maxlength: 200 });
  const viewpoint = h("input", { type: "text", maxlength: 200, placeholder: "e.g. our team, as we see it" });
  const date = h("input", { type: "text", maxlength: 200, placeholder: "e.g. 2026-11-28" });
  chooser.addEventListener("change", () => { lib = { ...lib, current: chooser.value }; undo = []; save(); draw(); say(`Showing ${titleOf(chooser.value)}.`); });
  const meta = h("fieldset", { class: "ttb-box" }, [h("legend", { text: "Map: title, whose view, date" }),
    h("div", { class: "ttb-row" }, [field("Your maps", chooser),
      btn("New map", () => {
        let name = "Map 1";
        for (let i = 1; name in lib.maps; i += 1) name = `Map ${i}`;
        commit((l) => { l.maps[name] = emptyMap(name, cur().viewpoint || "not stated yet", today()); l.current = name; }, `New map "${name}" started.`);
      }),
      btn("Copy this map", () => {
        const { key, title: copyTitle } = copyOf(lib, lib.current);
        commit((l) => { l.maps[key] = { ...clone(cur()), title: copyTitle }; l.current = key; },
          `Copied to "${copyTitle}": change the viewpoint or the date, then compare.`);
      }),
      btn("Delete this map", () => {
        if (Object.keys(lib.maps).length < 2) { say("This is your only map; clear its actors instead, or make another first."); return; }
        const gone = lib.current, goneTitle = titleOf(gone);
        commit((l) => { delete l.maps[gone]; l.current = Object.keys(l.maps)[0]; }, `Deleted "${goneTitle}" (Undo brings it back).`);
      })]),
    h("div", { class: "ttb-row" }, [field("Title", title), field("Seen by whom (viewpoint)", viewpoint), field("Date", date),
      btn("Save title, viewpoint and date", () => commit((l) => {
        const m = l.maps[l.current];
        m.title = title.value.trim(); m.viewpoint = viewpoint.value.trim(); m.date = date.value.trim();
      }, "Title, viewpoint and date saved."))])]);

  // --- Actors --------------------------------------------------------------------------------
  const aName = h("input", { type: "text", maxlength: 200, placeholder: "a code name, not a real name" });
  const aType = select(ACTOR_TYPES.map((t) => [t, TYPE_LABELS[t]]), "group");
  const aPower = select([1, 2, 3, 4, 5].map((p) => [String(p), `${p}${p === 1 ? " (least)" : p === 5 ? " (most)" : ""}`]), "3");
  const aParty = select([["inside", "Inside party (directly involved)"], ["outside", "Outside party (has influence)"]], "inside");
  let editingActor = null;
  const aSubmit = btn("Add actor", () => {
    const fields = { name: aName.value.trim(), type: aType.value, power: Number(aPower.value), party: aParty.value };
    if (editingActor) {
      const id = editingActor;
      if (commit((l) => Object.assign(l.maps[l.current].actors.find((a) => a.id === id), fields), `Actor ${fields.name} changed.`)) resetActorForm();
    } else if (commit((l) => { const m = l.maps[l.current]; m.actors.push({ id: nextId(m, "a"), ...fields }); }, `Actor ${fields.name} added.`)) {
      resetActorForm();
    }
  }, { class: "ttm-button ttb-primary" });
  const aCancel = btn("Cancel edit", () => resetActorForm(), { hidden: true });
  function resetActorForm() { editingActor = null; aName.value = ""; aSubmit.textContent = "Add actor"; aCancel.hidden = true; aName.focus(); }
  const actorList = h("ul", { class: "ttb-items", "aria-label": "Actors" });
  const actorsBox = h("fieldset", { class: "ttb-box" }, [h("legend", { text: "Actors" }),
    h("div", { class: "ttb-row" }, [field("Name", aName), field("Type", aType), field("Relative power", aPower), field("Inside or outside", aParty), aSubmit, aCancel]),
    actorList]);

  // --- Relationships -------------------------------------------------------------------------
  const rFrom = select([]);
  const rTo = select([]);
  const rKind = select(KINDS.map((k) => [k, KIND_LABELS[k]]), "close");
  const relList = h("ul", { class: "ttb-items", "aria-label": "Relationships" });
  const relBox = h("fieldset", { class: "ttb-box" }, [h("legend", { text: "Relationships" }),
    h("div", { class: "ttb-row" }, [field("From", rFrom), field("Kind", rKind), field("To", rTo, "For influence: from the actor with influence to the one influenced"),
      btn("Add relationship", () => {
        const r = { source: rFrom.value, target: rTo.value, kind: rKind.value };
        commit((l) => { const m = l.maps[l.current]; m.relationships.push({ id: nextId(m, "r"), ...r }); },
          `Relationship added: ${KIND_LABELS[r.kind]}.`);
      }, { class: "ttm-button ttb-primary" })]),
    relList]);

  // --- Issues --------------------------------------------------------------------------------
  const iLabel = h("input", { type: "text", maxlength: 200, placeholder: "e.g. land, language in schools" });
  const iActors = h("select", { multiple: true, size: 4 });
  const issueList = h("ul", { class: "ttb-items", "aria-label": "Issues" });
  let editingIssue = null;
  const iSubmit = btn("Add issue", () => {
    const s = { label: iLabel.value.trim(), actors: [...iActors.selectedOptions].map((o) => o.value) };
    if (editingIssue) {
      const id = editingIssue;
      // Object.assign keeps the box's id and its place on the map.
      if (commit((l) => Object.assign(l.maps[l.current].issues.find((x) => x.id === id), s), `Issue ${s.label} changed.`)) resetIssueForm();
    } else if (commit((l) => { const m = l.maps[l.current]; m.issues.push({ id: nextId(m, "i"), ...s }); }, `Issue ${s.label} added.`)) {
      resetIssueForm();
    }
  }, { class: "ttm-button ttb-primary" });
  const iCancel = btn("Cancel edit", () => resetIssueForm(), { hidden: true });
  function resetIssueForm() {
    editingIssue = null; iLabel.value = ""; for (const o of iActors.options) o.selected = false;
    iSubmit.textContent = "Add issue"; iCancel.hidden = true; iLabel.focus();
  }
  function editIssue(s) {
    editingIssue = s.id; iLabel.value = s.label;
    for (const o of iActors.options) o.selected = (s.actors || []).includes(o.value);
    iSubmit.textContent = "Save issue"; iCancel.hidden = false; iLabel.focus();
    say(`Editing issue ${s.label}: change its text or its linked actors, then Save issue (Escape cancels).`);
  }
  const issueBox = h("fieldset", { class: "ttb-box" }, [h("legend", { text: "Issues (boxes linked to actors)" }),
    h("div", { class: "ttb-row" }, [field("Issue", iLabel), field(["Linked actors ", byInput("(Ctrl/Shift to choose several)", "(tap each one you want: several can be chosen)")], iActors), iSubmit, iCancel]),
    issueList]);
  issueBox.addEventListener("keydown", (ev) => {
    if (ev.key === "Escape" && editingIssue) { ev.preventDefault(); resetIssueForm(); say("Edit cancelled."); }
    else if (ev.key === "Enter" && ev.target === iLabel) { ev.preventDefault(); iSubmit.click(); }
  });
  actorsBox.addEventListener("keydown", (ev) => {
    if (ev.key === "Escape" && editingActor) { ev.preventDefault(); resetActorForm(); say("Edit cancelled."); }
    else if (ev.key === "Enter" && ev.target === aName) { ev.preventDefault(); aSubmit.click(); }
  });

  // --- The scored task (only where the page carries a practice case's task: never in the
  // participant edition). The learner's written reading is the map's notes (saved and exported with
  // it); "Check my map" scores the map shown against the case's worked map and rubric (map_score.js,
  // twin of tracktwo/maps/mapscore.py) and shows each criterion's level and feedback.
  const task = model.get("task") || null;
  const reading = h("textarea", { rows: 4, maxlength: 4000, class: "ttb-reading" });
  let readingSynced = "", readingMap = null;
  const taskOut = h("div", { class: "ttb-task-out", "aria-live": "polite" });
  // The reading is self-assessed: after a check, the course's cues are shown and the learner ticks
  // the ones their reading addresses (kept on the page only, not in the map file).
  let ticked = [];
  function showScore() {
    const m = cur();
    const result = scoreMap(task, m, ticked);
    taskOut.innerHTML = "";
    const keyView = task.key.viewpoint;
    const sameView = words(m.viewpoint || "") === words(keyView) || hasWords(m.viewpoint || "", "our team");
    const cueBoxes = task.reading_cues.map((c, i) => {
      const box = h("input", { type: "checkbox", id: `${base}-cue-${i}` });
      box.checked = ticked.includes(i);
      box.disabled = !(m.notes || "").trim();
      box.addEventListener("change", () => {
        ticked = box.checked ? [...ticked.filter((x) => x !== i), i] : ticked.filter((x) => x !== i);
        showScore();
        const again = taskOut.querySelector(`#${CSS.escape(`${base}-cue-${i}`)}`);
        if (again) again.focus();
      });
      return h("li", {}, [box, h("label", { for: `${base}-cue-${i}`, text: ` ${c.cue}` })]);
    });
    const rows = result.criteria.map((c) => h("tr", {}, [h("th", { scope: "row", text: c.label }), h("td", { "data-label": "Level", text: c.level }),
      h("td", { "data-label": "Points", text: `${c.points} of ${c.max}` }),
      h("td", { "data-label": "Feedback" }, [h("p", { text: c.feedback }), ...c.details.map((d) => h("p", { class: "ttb-task-detail", text: d }))])]));
    taskOut.append(...[h("p", { class: "ttb-task-total", text: `"${titleOf(lib.current)}": ${result.score} of ${result.max} points (your reading's points are your own tick, not the check's).` }),
      sameView ? null : h("p", { class: "ttb-task-view", text: `This check compares your map with the worked example, drawn from one viewpoint: "${keyView}". Your map's viewpoint is "${m.viewpoint || "not stated"}": for a map from another viewpoint, differences in power and relationships are expected; use Compare to set two of your maps side by side instead.` }),
      h("div", { class: "ttm-table-wrap", tabindex: "0", role: "region", "aria-label": "Rubric" }, [h("table", { class: "ttb-rubric" }, [
        h("thead", {}, h("tr", {}, ["Criterion", "Level", "Points", "Feedback"].map((t) => h("th", { scope: "col", text: t })))),
        h("tbody", {}, rows)])]),
      h("fieldset", { class: "ttb-cues" }, [h("legend", { text: "Your reading: tick each point it addresses (the course's reading of what a reading of this map needs; yours may rightly say more or other things)" }),
        (m.notes || "").trim() ? null : h("p", { text: "Write your reading in the box above first." }),
        h("ul", { class: "ttb-cue-list" }, cueBoxes)]),
      h("p", { class: "ttb-task-note", text: "The worked map is one reasonable reading, not the answer: only the relationships the setting states are scored, and where yours differs, say why in your reading." })].filter(Boolean));
    say(`Checked: ${result.score} of ${result.max} points.`);
  }
  const taskBox = !task ? null : h("fieldset", { class: "ttb-box ttb-task" }, [h("legend", { text: `Scored task: ${task.title}` }),
    h("p", { text: "Build your map of the case below, from your team's viewpoint, write your reading of it, then check. The check knows several names for each party; if one of yours is not recognised, the result says so. It compares the map shown with the worked example (a self-check: the worked example is on this page): actors, the relationships the setting states (pair and kind), power and inside or outside, and issues; you then tick which points your reading addresses." }),
    field("Your reading of the map (saved with the map as its notes)", reading, "A few sentences: whose view, where power lies, what a dialogue could build on, what can be done"),
    h("div", { class: "ttb-row" }, [
      btn("Save reading", () => commit((l) => { const m = l.maps[l.current]; const t = reading.value.trim(); if (t) m.notes = t; else delete m.notes; }, "Reading saved with the map."), { class: "ttm-button" }),
      btn("Check my map", () => {
        const t = reading.value.trim();
        if ((cur().notes || "") !== t) { ticked = []; commit((l) => { const m = l.maps[l.current]; if (t) m.notes = t; else delete m.notes; }); }
        showScore();
      }, { class: "ttm-button ttb-primary" })]),
    taskOut]);

  // --- Files, print, compare, device -----------------------------------------------------------
  const fileInput = h("input", { type: "file", accept: ".json,.csv,.graphml,application/json,text/csv,application/graphml+xml", class: "ttb-file", id: `${base}-file`, hidden: true, tabindex: "-1" });
  fileInput.addEventListener("change", async () => {
    const file = fileInput.files && fileInput.files[0];
    fileInput.value = "";
    if (!file) return;
    await importFile(file.name, new Uint8Array(await file.arrayBuffer()));
  });
  async function importFile(name, bytes) {
    let data;
    try {
      data = /\.csv$/i.test(name) ? fromCsv(name, bytes) : /\.(graphml|xml)$/i.test(name) ? fromGraphml(name, bytes) : fromJson(name, bytes);
    } catch (err) {
      say(`Not imported: ${err instanceof LearnerMapError ? err.message : `${name}: the file could not be read`}. Your current map is unchanged.`);
      return false;
    }
    let mapName = data.title;
    for (let i = 2; mapName in lib.maps; i += 1) mapName = `${data.title} (${i})`;
    if (!commit((l) => { l.maps[mapName] = data; l.current = mapName; })) return false;
    say(`Imported ${name} as "${titleOf(mapName)}".`);
    return true;
  }
  // Export for practitioners' tools (js/src/interchange.js): GraphML (Gephi, yEd, networkx), GEXF (Gephi),
  // Kumu's JSON import. What leaving the device means is said before the buttons, in plain words. Kumu's
  // own documentation (kumu/docs: overview/collaboration.md, overview/accounts-and-plans.md) says public
  // projects are the free ones, can be viewed by anyone who has the link, are found by search engines and
  // can be forked by other Kumu users, and that kumu.io stores data across the world; so the note keeps
  // real situations out of Kumu altogether, as the book's Safe mapping rules do (docs/decisions/0022).
  const otherTools = h("details", { class: "ttb-export-tools" }, [
    h("summary", { text: "Export for other tools (GraphML, GEXF, Kumu)" }),
    h("p", { class: "ttb-export-note", text: "A file you export goes wherever you put it. Once you upload it to another tool or website, your map is no longer only on this device, and that site's rules apply. On a free Kumu account every project is public: anyone with the link can see it, search engines can find it, and other Kumu users can copy (fork) it. Import only the practice case or an invented situation. Never put a map of a real situation into Kumu, even with code names. A private (paid) project still puts the map on Kumu's servers." }),
    h("div", { class: "ttb-row" }, [
      btn("Export GraphML (Gephi, yEd, networkx)", () => download(exportName("map", "graphml"), toGraphml(cur()), "application/graphml+xml")),
      btn("Export GEXF (Gephi)", () => download(exportName("map", "gexf"), toGexf(cur()), "application/xml")),
      btn("Export Kumu JSON", () => download(exportName("map", "kumu.json"), toKumu(cur()), "application/json"))]),
  ]);
  const compareWith = select([]);
  const compareOut = h("div", { class: "ttb-compare", "aria-live": "polite" });
  const deviceOut = h("p", { class: "ttb-device" });
  const files = h("fieldset", { class: "ttb-box" }, [h("legend", { text: "Undo, files, print, compare" }),
    h("div", { class: "ttb-row" }, [
      btn("Undo", doUndo, { "aria-keyshortcuts": "Control+Z" }),
      btn("Export JSON", () => download(exportName("map", "json"), toJson(cur()), "application/json")),
      btn("Export CSV", () => download(exportName("map", "csv"), toCsv(cur()), "text/csv")),
      btn("Import JSON, CSV or GraphML…", () => fileInput.click()), fileInput,
      btn("Print this map", () => printMode("ttb-print-map")),
      btn("Print a blank frame", () => printMode("ttb-print-blank"))]),
    otherTools,
    h("div", { class: "ttb-row" }, [field("Compare with", compareWith), btn("Compare", () => {
      const other = lib.maps[compareWith.value];
      compareOut.innerHTML = "";
      if (!other) return;
      const changes = compareMaps(other, cur());
      for (const view of sideViews) { try { view(); } catch (err) { /* gone */ } }
      sideViews = [];
      const sides = h("div", { class: "ttb-sides" });
      compareOut.append(sides); // in the page before drawing, so each drawing fits its box
      const [otherTitle, curTitle] = [titleOf(compareWith.value), titleOf(lib.current)];
      for (const [name, m] of [[otherTitle, other], [curTitle, cur()]]) {
        const holder = h("div", { class: "ttb-side", role: "group", "aria-label": `Map "${name}"` });
        sides.append(holder);
        if (!m.actors.length && !m.issues.length) { holder.append(h("p", { text: `"${name}" is empty.` })); continue; }
        const spec = toSpec(m, `side-${++uid}`);
        const placed = layoutPositions(m);
        for (const n of spec.nodes) if (n.x === undefined) Object.assign(n, placed[n.id]);
        const values = { spec, encoding: "kind", positions: {}, messages: [] };
        sideViews.push(conflictMap.render({ model: { get: (k) => values[k], set: () => {}, on: () => {}, off: () => {}, save_changes: () => {} }, el: holder }));
      }
      compareOut.append(h("p", { text: `From "${otherTitle}" to "${curTitle}": ${changes.length ? `${changes.length} differences` : "no differences"}.` }),
        h("ul", {}, changes.map((c) => h("li", { text: c }))));
    })]), compareOut]);
  const device = h("fieldset", { class: "ttb-box ttb-device-box" }, [h("legend", { text: "Device check" }), deviceOut,
    btn("Clear everything the course saved on this device", () => {
      // eslint-disable-next-line no-alert
      if (typeof window.confirm === "function" && !window.confirm("Remove every map, timeline, multi-track map and answer this course saved in this browser?")) return;
      const store = courseStorage();
      lib = { current: "My first map", maps: { "My first map": emptyMap("My first map", "not stated yet", today()) } };
      undo = [];
      model.set("library", clone(lib)); // not saved: nothing is written back until the next change
      draw();
      if (!store) return;
      store.clearAll().then((done) => {
        draw();
        say(`Cleared ${done.items} saved item${done.items === 1 ? "" : "s"}${done.caches ? " and the offline copy" : ""}. Nothing of this course is left in this browser's storage.`);
      });
    }, { class: "ttm-button ttb-danger" })]);
  // In JupyterLab (no TTStorage) the maps are in a file beside the notebook: no device check.
  if (!courseStorage()) device.hidden = true;

  function deviceText() {
    const store = courseStorage();
    if (!store) return "";
    if (!store.persistent()) return "This browser does not let the course store anything: your maps last until you leave the page.";
    const maps = Object.keys(lib.maps).length;
    if (store.mode() === "nothing") {
      return `This page keeps nothing on this device: your ${maps} map${maps === 1 ? "" : "s"} here, any timeline, multi-track map ` +
        "and answers are kept in this tab only and forgotten when you close it. Nothing is sent anywhere.";
    }
    const n = store.keys().length;
    return `This course keeps ${n} item${n === 1 ? "" : "s"} in this browser's storage on this device ` +
      `(your ${maps} map${maps === 1 ? "" : "s"} here, and any timeline, multi-track map and saved exercise answers). Nothing is sent anywhere. ` +
      "Anyone who uses this browser can open them: clear them before you hand the device on.";
  }

  function printMode(cls) {
    document.body.classList.add(cls);
    if (mapView && drawHost._ttmPrint) drawHost._ttmPrint();
    const done = () => { document.body.classList.remove(cls); window.removeEventListener("afterprint", done); };
    window.addEventListener("afterprint", done);
    window.print();
    setTimeout(done, 1000);
  }

  const blank = h("div", { class: "ttb-blank", "aria-hidden": "true" });
  const drawHost = h("div", { class: "ttb-draw" });
  if (messages.length) status.textContent = messages.join(" ");
  const safeNote = h("p", { class: "ttb-safe" });
  const safeText = () => {
    safeNote.textContent = "Safe mapping: use code names and broad categories, never the real names of people or groups. " +
      (model.get("saved_in") ? `Your maps are saved in the file ${model.get("saved_in")} beside this notebook; nothing is sent anywhere.`
        : (whereKept("Your maps") || "Your maps last until you leave the page unless you export them."));
  };
  safeText();
  if (courseStorage()) courseStorage().onModeChange(() => { safeText(); draw(); });
  root.append(safeNote,
    status, meta, actorsBox, relBox, issueBox, taskBox, files, drawHost, blank, device);
  root.addEventListener("keydown", (ev) => {
    if ((ev.ctrlKey || ev.metaKey) && !ev.shiftKey && ev.key.toLowerCase() === "z" && !(ev.target instanceof HTMLInputElement && ev.target.type === "text")) {
      ev.preventDefault(); doUndo();
    }
  });

  function itemRow(text, actions) {
    return h("li", {}, [h("span", { text }), ...actions]);
  }

  // Redraw everything from `lib` (forms' lists, the drawing, its legend and table twin).
  function draw() {
    const t0 = performance.now();
    const m = cur();
    // Lists and choosers change only where the map changed (keyed updates: see keyed.js).
    const option = (value, text) => h("option", { value, text });
    // The maps are listed by title; each option's value is the name the map is stored under.
    const names = Object.keys(lib.maps);
    const labels = mapLabels(lib);
    const mapOptions = { key: (n) => n, sig: (n) => labels.get(n), build: (n) => option(n, labels.get(n)) };
    const comparing = compareWith.value;
    reconcile(chooser, names, mapOptions);
    reconcile(compareWith, names.filter((n) => n !== lib.current), mapOptions);
    if (chooser.value !== lib.current) chooser.value = lib.current;
    if (comparing in lib.maps && comparing !== lib.current && compareWith.value !== comparing) compareWith.value = comparing;
    for (const [input, v] of [[title, m.title], [viewpoint, m.viewpoint], [date, m.date]]) if (input.value !== v) input.value = v;
    // The reading box follows the map's notes unless the learner has typed in it since (not lost on a redraw).
    if (reading.value === readingSynced || readingMap !== lib.current) { reading.value = m.notes || ""; readingSynced = reading.value; readingMap = lib.current; }
    const byId = new Map(m.actors.map((a) => [a.id, a]));
    const actorOptions = { key: (a) => a.id, sig: (a) => a.name, build: (a) => option(a.id, a.name) };
    for (const s of [rFrom, rTo]) {
      const keep = s.value;
      reconcile(s, m.actors, actorOptions);
      if (byId.has(keep) && s.value !== keep) s.value = keep;
    }
    if (rFrom.value === rTo.value && m.actors.length > 1) rTo.value = m.actors.find((a) => a.id !== rFrom.value).id;
    reconcile(iActors, m.actors, actorOptions);
    reconcile(actorList, m.actors, { key: (a) => a.id, sig: (a) => JSON.stringify([a.name, a.type, a.power, a.party]), build: (a) =>
      itemRow(`${a.name}: ${TYPE_LABELS[a.type]}, power ${a.power}, ${a.party} party`, [
        btn("Edit", () => { editingActor = a.id; aName.value = a.name; aType.value = a.type; aPower.value = String(a.power); aParty.value = a.party; aSubmit.textContent = "Save actor"; aCancel.hidden = false; aName.focus(); }, { "aria-label": `Edit ${a.name}` }),
        btn("Remove", () => commit((l) => {
          const mm = l.maps[l.current];
          mm.actors = mm.actors.filter((x) => x.id !== a.id);
          mm.relationships = mm.relationships.filter((r) => r.source !== a.id && r.target !== a.id);
          for (const s of mm.issues) s.actors = s.actors.filter((x) => x !== a.id);
        }, `Removed ${a.name} and its relationships.`), { "aria-label": `Remove ${a.name}` })]) });
    // A relationship's row is kept while its ends stay the same; a change of kind updates its text
    // and chooser in place (so keyboard focus stays on the chooser).
    const relText = (r, a, b) => (r.kind === "influence" ? `${a} → ${b}: ${KIND_LABELS[r.kind]}` : `${a} – ${b}: ${KIND_LABELS[r.kind]}`);
    reconcile(relList, m.relationships, {
      key: (r) => r.id,
      sig: (r) => JSON.stringify([r.source, r.target, byId.get(r.source).name, byId.get(r.target).name]),
      update: (li, r) => {
        const text = relText(r, byId.get(r.source).name, byId.get(r.target).name);
        if (li.firstChild.textContent !== text) li.firstChild.textContent = text;
        if (li._kindSel.value !== r.kind) li._kindSel.value = r.kind;
      },
      build: (r) => {
        const a = byId.get(r.source).name, b = byId.get(r.target).name;
        const kindSel = select(KINDS.map((k) => [k, KIND_LABELS[k]]), r.kind);
        kindSel.setAttribute("aria-label", `Kind of ${a} – ${b}`);
        kindSel.addEventListener("change", () => commit((l) => { l.maps[l.current].relationships.find((x) => x.id === r.id).kind = kindSel.value; }, "Relationship changed."));
        const li = itemRow(relText(r, a, b), [kindSel,
          btn("Reverse", () => commit((l) => { const x = l.maps[l.current].relationships.find((y) => y.id === r.id); [x.source, x.target] = [x.target, x.source]; }, "Direction reversed."), { "aria-label": `Reverse ${a} – ${b}` }),
          btn("Remove", () => commit((l) => { const mm = l.maps[l.current]; mm.relationships = mm.relationships.filter((x) => x.id !== r.id); }, "Relationship removed."), { "aria-label": `Remove ${a} – ${b}` })]);
        li._kindSel = kindSel;
        return li;
      },
    });
    reconcile(issueList, m.issues, {
      key: (s) => s.id,
      sig: (s) => JSON.stringify([s.label, s.actors.map((x) => byId.get(x).name)]),
      // The Edit button reads the issue as it is now (its place may have changed since the row was built).
      build: (s) => itemRow(`${s.label} (linked to ${s.actors.map((x) => byId.get(x).name).join(", ") || "no actor yet"})`, [
        btn("Edit", () => editIssue(cur().issues.find((x) => x.id === s.id) || s), { "aria-label": `Edit issue ${s.label}` }),
        btn("Remove", () => commit((l) => { const mm = l.maps[l.current]; mm.issues = mm.issues.filter((x) => x.id !== s.id); },
          `Issue ${s.label} removed (Undo brings it back).`), { "aria-label": `Remove issue ${s.label}` })]),
    });
    drawMap(m);
    const device = deviceText();
    if (deviceOut.textContent !== device) deviceOut.textContent = device;
    el.dataset.redrawMs = String(Math.round((performance.now() - t0) * 10) / 10);
    el.dataset.actors = String(m.actors.length);
  }

  // The drawing: rendered once per map; later edits hand the component a new spec, which it
  // applies in place (cheaper than drawing again).
  let drawn = null; // {name, values, listeners}
  function drawMap(m) {
    const spec = toSpec(m, "learner");
    const placed = layoutPositions(m);
    for (const n of spec.nodes) if (n.x === undefined) Object.assign(n, placed[n.id]);
    const empty = !m.actors.length && !m.issues.length;
    if (drawn && drawn.name === lib.current && !empty) {
      drawn.values.spec = spec;
      for (const fn of drawn.listeners["change:spec"] || []) fn();
      return;
    }
    if (mapView) { try { mapView(); } catch (err) { /* already gone */ } }
    mapView = null;
    drawn = null;
    drawHost.innerHTML = "";
    if (empty) {
      drawHost.append(h("p", { class: "ttb-empty", text: "The map is empty: add an actor to start." }));
      return;
    }
    const name = lib.current;
    const values = { spec, encoding: "kind", positions: {}, messages: [] };
    const listeners = {};
    const shim = {
      get: (k) => values[k],
      // Moves are saved in the map itself (version 2 positions), not in the drawing's own state.
      set: (k, v) => { if (k === "positions") place(name, v); else values[k] = v; },
      on: (event, fn) => { (listeners[event] = listeners[event] || []).push(fn); },
      off: () => {}, save_changes: () => {},
    };
    mapView = conflictMap.render({ model: shim, el: drawHost });
    drawn = { name, values, listeners };
  }

  // Blank frame for printing: the header lines and the legend, with room to draw by hand.
  const legendList = h("ul", { class: "ttb-blank-legend" });
  for (const k of [...KINDS, "issue"]) legendList.append(h("li", {}, [legendSample(EDGE_KINDS[k]), h("span", { text: EDGE_KINDS[k].label })]));
  blank.append(h("p", { class: "ttb-blank-line", text: "Title: ______________________________" }),
    h("p", { class: "ttb-blank-line", text: "Seen by whom: ________________________   Date: ____________" }),
    h("div", { class: "ttb-blank-space" }),
    h("p", { class: "ttm-legend-title", text: "Legend" }),
    h("p", { text: `${Object.values(NODE_TYPES).map((t) => t.label).join("; ")}.` }),
    legendList, h("p", { class: "ttm-legend-note", text: LEGEND_NOTE }));

  model.on("change:library", () => { const v = model.get("library"); if (v && !libraryProblems(v).length && JSON.stringify(v) !== JSON.stringify(lib)) { lib = upgraded(clone(v)); draw(); } });
  draw();
  el._ttb = { importFile, commit, doUndo, lib: () => lib, draw, check: task ? showScore : null };
  el.dataset.ready = "true";
  return () => { if (mapView) mapView(); };
}

export default { render };
