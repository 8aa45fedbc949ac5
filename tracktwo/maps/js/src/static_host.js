// The static book's host: finds each map or placing exercise on the page, reads its state from the
// <script type="application/json"> block inside it, and runs the same front-end module anywidget
// runs in JupyterLab, with a small model shim whose save_changes keeps the state through
// window.TTStorage (host_storage.js), or in memory when the page has none.
// Saved state that cannot be used is set aside under its own key (never deleted, never touching
// any other key) and the learner is told.

import conflictMap, { registerFcose, setFcoseLoader } from "./conflict_map.js";
import placing from "./placing.js";
import builder, { libraryProblems } from "./builder.js";
import worksheet from "./worksheet.js";
import timeline from "./timeline.js";
import { timelineProblems } from "./timeline_model.js";
import tracks from "./tracks.js";
import { tracksProblems } from "./tracks_model.js";
import { KINDS } from "./learner_map.js";
import { sheetProblems } from "./worksheet_model.js";
import { STORAGE_PARTS, stateProblems } from "./state.js";
import { courseStorage } from "./host_storage.js";

const MODULES = { "conflict-map": conflictMap, placing, "map-builder": builder, worksheet, timeline, "tracks-map": tracks };

// The fcose layout lives in its own file beside this bundle, loaded with a classic <script>
// (works from file://) the first time a map is arranged automatically.
const HERE = document.currentScript ? document.currentScript.src : "";
let fcosePromise = null;
setFcoseLoader(() => {
  if (!fcosePromise) {
    fcosePromise = new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = new URL("conflict-map-fcose.iife.js", HERE || document.baseURI).href;
      script.onload = resolve;
      script.onerror = reject;
      document.head.append(script);
    });
  }
  return fcosePromise;
});

function storage() {
  const s = courseStorage();
  return s && s.persistent() ? s : null;
}

function answersProblems(state, spec) {
  if (!state || typeof state !== "object" || Array.isArray(state)) return ["the saved answers are not an object"];
  const problems = [];
  const channels = new Set(spec.channels.map((c) => c.id));
  const allowed = { track: new Set(spec.tracks.map((t) => t.id)), aim: new Set(spec.aims.map((a) => a.id)) };
  for (const [ch, entry] of Object.entries(state.answers || {})) {
    if (!channels.has(ch)) { problems.push(`unknown channel ${JSON.stringify(ch)}`); continue; }
    if (!entry || typeof entry !== "object" || Array.isArray(entry)) { problems.push(`answer for ${ch} is not an object`); continue; }
    for (const [field, value] of Object.entries(entry)) {
      if (!allowed[field] || !allowed[field].has(value)) problems.push(`answer ${ch}.${field} = ${JSON.stringify(value)} is not allowed`);
    }
  }
  for (const k of Object.keys(state)) if (k !== "answers") problems.push(`unknown field ${JSON.stringify(k)}`);
  return problems;
}

// A model with anywidget's interface over a plain object; save_changes persists `saved` keys.
export function makeModel(initial, key, savedKeys) {
  const values = { ...initial };
  const listeners = {};
  return {
    get: (name) => values[name],
    set: (name, value) => {
      values[name] = value;
      for (const fn of listeners[`change:${name}`] || []) fn();
    },
    on: (event, fn) => { (listeners[event] = listeners[event] || []).push(fn); },
    off: () => {},
    save_changes: () => {
      const store = storage();
      if (!store) return;
      const out = {};
      for (const k of savedKeys) if (values[k] !== undefined) out[k] = values[k];
      store.set(key, out); // storage full or blocked: the page still works
    },
  };
}

// Read saved state for `key`; if it is unusable, move it aside and say so.
export function loadSaved(key, check) {
  const store = storage();
  if (!store) return { state: null, message: "This browser does not let the page save your changes; they last until you leave the page." };
  const raw = store.getRaw(key);
  if (raw === null) return { state: null, message: null };
  let state = null;
  let problems;
  try {
    state = JSON.parse(raw);
    problems = check(state);
  } catch (err) {
    problems = ["it is not valid JSON"];
  }
  if (!problems.length) return { state, message: null };
  const aside = store.setAside(key);
  return {
    state: null,
    message: `Your saved work for this map could not be read (${problems.slice(0, 2).join("; ")}), so it was set aside under "${aside}" in this browser's storage and the map starts fresh. Nothing else you saved was touched.`,
  };
}

export function mount(el) {
  if (el.dataset.ready) return;
  const kind = el.dataset.ttInteractive;
  const module = MODULES[kind];
  const block = el.querySelector('script[type="application/json"]');
  if (!module || !block) return;
  let initial;
  try {
    initial = JSON.parse(block.textContent);
  } catch (err) {
    el.append(Object.assign(document.createElement("p"), { textContent: "This map's data could not be read." }));
    return;
  }
  const spec = initial.spec;
  const s = courseStorage();
  const key = s ? s.key(...STORAGE_PARTS, kind, spec.id) : [...STORAGE_PARTS, kind, spec.id].join(":");
  const savedKeys = { "conflict-map": ["encoding", "positions"], placing: ["answers"], "map-builder": ["library"], worksheet: ["sheet"], timeline: ["timeline"], "tracks-map": ["tracks"] }[kind];
  const check = { "conflict-map": (s) => stateProblems(s, spec), placing: (s) => answersProblems(s, spec),
    "map-builder": (s) => libraryProblems(s && s.library),
    worksheet: (s) => (s && s.sheet && s.sheet.tool !== spec.id ? ["the saved worksheet is for another tool"] : sheetProblems(s && s.sheet)),
    timeline: (s) => timelineProblems(s && s.timeline),
    "tracks-map": (s) => tracksProblems(s && s.tracks, (spec.levels || []).map((x) => x.id), KINDS) }[kind];
  const { state, message } = loadSaved(key, check);
  const model = makeModel({ ...initial, ...(state || {}), messages: message ? [message] : [] }, key, savedKeys);
  const holder = document.createElement("div");
  holder.className = "tt-interactive-view";
  el.append(holder);
  try {
    module.render({ model, el: holder });
    el.dataset.ready = "true";
  } catch (err) {
    holder.textContent = "This interactive could not be drawn; the table beside it has the same content.";
    console.warn(err); // eslint-disable-line no-console
  }
}

function mountAll() {
  document.querySelectorAll("[data-tt-interactive]").forEach(mount);
}

window.TrackTwoMaps = { mount, mountAll, makeModel, loadSaved, stateProblems, registerFcose };
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mountAll);
else mountAll();
