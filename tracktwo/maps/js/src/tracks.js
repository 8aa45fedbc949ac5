// The multi-track map: a learner places their own initiatives on the course's levels of dialogue
// (Track One, 1.5, Two, Three) and links them, in the mapping notation. anywidget module form: the
// same module runs in the static book (the host's shim keeps the state through window.TTStorage under
// <prefix>:maps:v1:tracks-map:<id>) and in JupyterLab (tracktwo.maps.map_widgets.TracksMap saves it
// beside the notebook). The levels come in the spec (from data/part1_levels.yaml); the drawing is the
// conflict map's (conflict_map.js), with its legend and its table. Nothing is sent anywhere.
import conflictMap from "./conflict_map.js";
import { EDGE_KINDS, KINDS, KIND_LABELS, LearnerMapError } from "./learner_map.js";
import { emptyTracks, tracksFromCsv, tracksFromJson, tracksProblems, tracksSpec, tracksToCsv, tracksToJson } from "./tracks_model.js";
import { h, clone } from "./dom.js";
import { courseStorage, exportName, whereKept } from "./host_storage.js";

let uid = 0;

export function nextTrackId(data, prefix) {
  const used = new Set([...data.initiatives, ...data.links].map((x) => x.id));
  let i = 1;
  while (used.has(`${prefix}${i}`)) i += 1;
  return `${prefix}${i}`;
}

function render({ model, el }) {
  const spec = model.get("spec") || {};
  const levels = spec.levels || [];
  const levelIds = levels.map((x) => x.id);
  const problemsOf = (d) => tracksProblems(d, levelIds, KINDS);
  const base = `ttk-${++uid}`;
  let map = model.get("tracks");
  if (!map || problemsOf(map).length) map = emptyTracks();
  const undo = [];
  el.classList.add("ttb", "ttk");
  el.innerHTML = "";
  const root = h("div", { class: "ttb-root ttk-root", role: "region", "aria-label": "Multi-track map" });
  const status = h("p", { class: "ttb-status", role: "status", "aria-live": "polite" });
  const messages = (model.get("messages") || []).filter(Boolean);
  if (messages.length) status.textContent = messages.join(" ");
  const say = (t) => { status.textContent = t; };
  const btn = (text, fn, extra = {}) => { const b = h("button", { type: "button", class: "ttm-button", text, ...extra }); b.addEventListener("click", fn); return b; };
  const select = (options, value) => { const s = h("select"); for (const [v, t] of options) s.append(h("option", { value: v, text: t })); if (value !== undefined) s.value = value; return s; };
  let fid = 0;
  const field = (label, input) => { input.id = `${base}-f${++fid}`; return h("div", { class: "ttb-field" }, [h("label", { for: input.id, text: label }), input]); };

  function save() { model.set("tracks", clone(map)); model.save_changes(); }
  function commit(change, message) {
    const next = clone(map);
    change(next);
    const p = problemsOf(next);
    if (p.length) { say(`Not changed: ${p[0]}.`); return false; }
    undo.push(map);
    if (undo.length > 50) undo.shift();
    map = next;
    save();
    draw();
    if (message) say(message);
    return true;
  }

  const title = h("input", { type: "text", maxlength: 200 });
  const viewpoint = h("input", { type: "text", maxlength: 200, placeholder: "e.g. our team, in the invented case" });
  const date = h("input", { type: "text", maxlength: 200, placeholder: "e.g. 2026-12-07" });
  const head = h("fieldset", { class: "ttb-box" }, [h("legend", { text: "Map: title, whose view, date" }),
    h("div", { class: "ttb-row" }, [field("Title", title), field("Seen by whom (viewpoint)", viewpoint), field("Date", date),
      btn("Save title, viewpoint and date", () => commit((m) => { m.title = title.value.trim(); m.viewpoint = viewpoint.value.trim(); m.date = date.value.trim(); }, "Title, viewpoint and date saved."))])]);

  const iName = h("input", { type: "text", maxlength: 200, placeholder: "a code name for the initiative" });
  const iLevel = select(levels.map((x) => [x.id, `${x.name} (${x.short})`]), levelIds[2] || levelIds[0]);
  const iNote = h("input", { type: "text", maxlength: 1000, placeholder: "optional: its aim (no names)" });
  const initiativeList = h("ul", { class: "ttb-items", "aria-label": "Initiatives" });
  const addInitiative = () => {
    const x = { name: iName.value.trim(), level: iLevel.value };
    if (iNote.value.trim()) x.note = iNote.value.trim();
    if (commit((m) => { m.initiatives.push({ id: nextTrackId(m, "i"), ...x }); }, `Initiative ${x.name} added.`)) { iName.value = ""; iNote.value = ""; iName.focus(); }
  };
  const initiativesBox = h("fieldset", { class: "ttb-box" }, [h("legend", { text: "Initiatives, each on its level" }),
    h("div", { class: "ttb-row" }, [field("Name", iName), field("Level", iLevel), field("Note", iNote),
      btn("Add initiative", addInitiative, { class: "ttm-button ttb-primary" })]), initiativeList]);
  initiativesBox.addEventListener("keydown", (ev) => { if (ev.key === "Enter" && (ev.target === iName || ev.target === iNote)) { ev.preventDefault(); addInitiative(); } });

  const lFrom = select([]), lTo = select([]);
  const lKind = select(KINDS.map((k) => [k, KIND_LABELS[k]]), "close");
  const linkList = h("ul", { class: "ttb-items", "aria-label": "Links" });
  const linksBox = h("fieldset", { class: "ttb-box" }, [h("legend", { text: "Links between initiatives" }),
    h("div", { class: "ttb-row" }, [field("From", lFrom), field("Kind", lKind), field("To", lTo),
      btn("Add link", () => {
        const r = { source: lFrom.value, target: lTo.value, kind: lKind.value };
        commit((m) => { m.links.push({ id: nextTrackId(m, "l"), ...r }); }, `Link added: ${KIND_LABELS[r.kind]}.`);
      }, { class: "ttm-button ttb-primary" })]), linkList]);

  const fileInput = h("input", { type: "file", accept: ".json,.csv,application/json,text/csv", class: "ttb-file", id: `${base}-file`, hidden: true, tabindex: "-1" });
  fileInput.addEventListener("change", async () => {
    const file = fileInput.files && fileInput.files[0];
    fileInput.value = "";
    if (file) await importFile(file.name, new Uint8Array(await file.arrayBuffer()));
  });
  async function importFile(name, bytes) {
    let data;
    try { data = /\.csv$/i.test(name) ? tracksFromCsv(name, bytes, levelIds, KINDS) : tracksFromJson(name, bytes, levelIds, KINDS); } catch (err) {
      say(`Not imported: ${err instanceof LearnerMapError ? err.message : `${name}: the file could not be read`}. Your map is unchanged.`);
      return false;
    }
    return commit((m) => { Object.keys(m).forEach((k) => delete m[k]); Object.assign(m, data); }, `Imported ${name} (Undo brings back the map you had).`);
  }
  const download = (name, text, type) => {
    const url = URL.createObjectURL(new Blob([text], { type }));
    const a = h("a", { href: url, download: name });
    document.body.append(a); a.click(); a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  const drawHost = h("div", { class: "ttb-draw ttk-draw" });
  const printMode = () => {
    document.body.classList.add("ttk-print");
    if (drawHost._ttmPrint) drawHost._ttmPrint();
    const done = () => { document.body.classList.remove("ttk-print"); window.removeEventListener("afterprint", done); };
    window.addEventListener("afterprint", done);
    window.print();
    setTimeout(done, 1000);
  };
  const files = h("fieldset", { class: "ttb-box" }, [h("legend", { text: "Undo, files, print" }), h("div", { class: "ttb-row" }, [
    btn("Undo", () => { if (!undo.length) { say("Nothing to undo."); return; } map = undo.pop(); save(); draw(); say("Undone."); }),
    btn("Export JSON", () => download(exportName("tracks-map", "json"), tracksToJson(map), "application/json")),
    btn("Export CSV", () => download(exportName("tracks-map", "csv"), tracksToCsv(map), "text/csv")),
    btn("Import JSON or CSV…", () => fileInput.click()), fileInput,
    btn("Print this map", printMode)])]);
  const safeNote = h("p", { class: "ttb-safe" });
  const safeText = () => {
    safeNote.textContent = "Safe mapping: use invented initiatives only, with code names and broad categories, never the real names of people or groups; " +
      "map real channels on paper, in the room, never on a device. " +
      (model.get("saved_in") ? `Your map is saved in the file ${model.get("saved_in")} beside this notebook; nothing is sent anywhere.`
        : (whereKept("Your multi-track map and its links") || "Your map lasts until you leave the page unless you export it."));
  };
  safeText();
  if (courseStorage()) courseStorage().onModeChange(safeText);
  root.append(safeNote, status, head, initiativesBox, linksBox, files, drawHost);
  el.append(root);

  let view = null, drawn = null;
  function draw() {
    for (const [input, v] of [[title, map.title], [viewpoint, map.viewpoint], [date, map.date]]) if (input.value !== v) input.value = v;
    const byId = new Map(map.initiatives.map((x) => [x.id, x]));
    const names = Object.fromEntries(levels.map((x) => [x.id, x.name]));
    for (const s of [lFrom, lTo]) {
      const keep = s.value;
      s.innerHTML = "";
      for (const x of map.initiatives) s.append(h("option", { value: x.id, text: x.name }));
      if (byId.has(keep)) s.value = keep;
    }
    if (lFrom.value === lTo.value && map.initiatives.length > 1) lTo.value = map.initiatives.find((x) => x.id !== lFrom.value).id;
    initiativeList.innerHTML = "";
    for (const x of map.initiatives) {
      const level = select(levels.map((lv) => [lv.id, lv.name]), x.level);
      level.setAttribute("aria-label", `Level of ${x.name}`);
      level.addEventListener("change", () => commit((m) => { m.initiatives.find((y) => y.id === x.id).level = level.value; }, `${x.name} moved to ${names[level.value]}.`));
      initiativeList.append(h("li", {}, [h("span", { text: `${x.name}${x.note ? ` (${x.note})` : ""}` }), level,
        btn("Remove", () => commit((m) => { m.initiatives = m.initiatives.filter((y) => y.id !== x.id); m.links = m.links.filter((r) => r.source !== x.id && r.target !== x.id); },
          `Removed ${x.name} and its links (Undo brings them back).`), { "aria-label": `Remove ${x.name}` })]));
    }
    linkList.innerHTML = "";
    for (const r of map.links) {
      const a = byId.get(r.source).name, b = byId.get(r.target).name;
      linkList.append(h("li", {}, [h("span", { text: `${a} ${r.kind === "influence" ? "→" : "–"} ${b}: ${KIND_LABELS[r.kind]}` }),
        btn("Remove", () => commit((m) => { m.links = m.links.filter((y) => y.id !== r.id); }, "Link removed."), { "aria-label": `Remove ${a} – ${b}` })]));
    }
    const s = tracksSpec(map, levels, EDGE_KINDS, "tracks-drawing");
    if (drawn) { drawn.values.spec = s; for (const fn of drawn.listeners["change:spec"] || []) fn(); }
    else {
      const values = { spec: s, encoding: "kind", positions: {}, messages: [] };
      const listeners = {};
      view = conflictMap.render({ model: { get: (k) => values[k], set: (k, v) => { if (k !== "positions") values[k] = v; },
        on: (ev, fn) => { (listeners[ev] = listeners[ev] || []).push(fn); }, off: () => {}, save_changes: () => {} }, el: drawHost });
      drawn = { values, listeners };
    }
    el.dataset.initiatives = String(map.initiatives.length);
  }
  model.on("change:tracks", () => { const v = model.get("tracks"); if (v && !problemsOf(v).length && JSON.stringify(v) !== JSON.stringify(map)) { map = clone(v); draw(); } });
  draw();
  el._ttk = { importFile, commit, tracks: () => map };
  el.dataset.ready = "true";
  return () => { if (view) view(); };
}

export default { render };
