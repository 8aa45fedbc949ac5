// Companion tools as structured forms (conflict tree, onion, ABC triangle), anywidget module form.
// State: {sheet} written with model.set + save_changes (window.TTStorage in the book: assets/tracktwo/storage.js). Undo, JSON/CSV
// export and import (worksheet_model.js, twin of tracktwo/maps/worksheet.py), print, blank template.
import { LearnerMapError } from "./learner_map.js";
import { TOOLS, emptySheet, sheetFromCsv, sheetFromJson, sheetProblems, sheetToCsv } from "./worksheet_model.js";
import { h, clone } from "./dom.js";
import { courseStorage, exportName, whereKept } from "./host_storage.js";

let uid = 0;

function render({ model, el }) {
  const tool = model.get("spec").id;
  const spec = TOOLS[tool];
  const base = `tts-${tool}-${++uid}`;
  let sheet = model.get("sheet");
  if (!sheet || sheetProblems(sheet).length || sheet.tool !== tool) sheet = emptySheet(tool);
  const undo = [];
  el.classList.add("ttb", "tts");
  el.innerHTML = "";
  const root = h("div", { class: "ttb-root tts-root", role: "region", "aria-label": spec.label });
  const status = h("p", { class: "ttb-status", role: "status", "aria-live": "polite" });
  const messages = (model.get("messages") || []).filter(Boolean);
  if (messages.length) status.textContent = messages.join(" ");
  const say = (t) => { status.textContent = t; };
  const btn = (text, fn, extra = {}) => { const b = h("button", { type: "button", class: "ttm-button", text, ...extra }); b.addEventListener("click", fn); return b; };
  let fid = 0;
  const field = (label, input) => { input.id = `${base}-f${++fid}`; return h("div", { class: "ttb-field" }, [h("label", { for: input.id, text: label }), input]); };

  function commit(change, message) {
    const next = clone(sheet);
    change(next);
    const p = sheetProblems(next);
    if (p.length) { say(`Not changed: ${p[0]}.`); return false; }
    undo.push(sheet);
    if (undo.length > 50) undo.shift();
    sheet = next;
    model.set("sheet", clone(sheet));
    model.save_changes();
    draw();
    if (message) say(message);
    return true;
  }
  const title = h("input", { type: "text", maxlength: 300 });
  const viewpoint = h("input", { type: "text", maxlength: 300 });
  const date = h("input", { type: "text", maxlength: 300 });
  const fileInput = h("input", { type: "file", accept: ".json,.csv", class: "ttb-file", id: `${base}-file`, hidden: true, tabindex: "-1" });
  fileInput.addEventListener("change", async () => {
    const file = fileInput.files && fileInput.files[0];
    fileInput.value = "";
    if (file) await importFile(file.name, new Uint8Array(await file.arrayBuffer()));
  });
  async function importFile(name, bytes) {
    let data;
    try { data = /\.csv$/i.test(name) ? sheetFromCsv(name, bytes) : sheetFromJson(name, bytes); } catch (err) {
      say(`Not imported: ${err instanceof LearnerMapError ? err.message : `${name}: the file could not be read`}. Your worksheet is unchanged.`);
      return false;
    }
    if (data.tool !== tool) { say(`Not imported: ${name} is a ${TOOLS[data.tool].label}, not a ${spec.label}. Your worksheet is unchanged.`); return false; }
    return commit((s) => Object.assign(s, data), `Imported ${name}.`);
  }
  const download = (name, text, type) => {
    const url = URL.createObjectURL(new Blob([text], { type }));
    const a = h("a", { href: url, download: name });
    document.body.append(a); a.click(); a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  const printMode = (cls) => {
    document.body.classList.add(cls);
    const done = () => { document.body.classList.remove(cls); window.removeEventListener("afterprint", done); };
    window.addEventListener("afterprint", done);
    window.print();
    setTimeout(done, 1000);
  };
  const partyName = h("input", { type: "text", maxlength: 300, placeholder: "a code name" });
  const head = h("fieldset", { class: "ttb-box" }, [h("legend", { text: `${spec.label}: title, whose view, date` }),
    h("div", { class: "ttb-row" }, [field("Title", title), field("Seen by whom (viewpoint)", viewpoint), field("Date", date),
      btn("Save title, viewpoint and date", () => commit((s) => { s.title = title.value.trim(); s.viewpoint = viewpoint.value.trim(); s.date = date.value.trim(); }, "Saved."))]),
    h("div", { class: "ttb-row" }, [
      spec.perParty ? field("New party", partyName) : null,
      spec.perParty ? btn("Add party", () => { const n = partyName.value.trim(); if (commit((s) => s.parties.push({ name: n, entries: Object.fromEntries(spec.fields.map(([f]) => [f, []])) }), `Party ${n} added.`)) partyName.value = ""; }) : null,
      btn("Undo", () => { if (!undo.length) { say("Nothing to undo."); return; } sheet = undo.pop(); model.set("sheet", clone(sheet)); model.save_changes(); draw(); say("Undone."); }),
      btn("Export JSON", () => download(exportName("worksheet", "json"), `${JSON.stringify(sheet, null, 1)}\n`, "application/json")),
      btn("Export CSV", () => download(exportName("worksheet", "csv"), sheetToCsv(sheet), "text/csv")),
      btn("Import JSON or CSV…", () => fileInput.click()), fileInput,
      btn("Print", () => printMode("tts-print")),
      btn("Print a blank template", () => printMode("tts-print-blank"))])]);
  const body = h("div", { class: "tts-body" });
  const safeNote = h("p", { class: "ttb-safe" });
  const safeText = () => {
    safeNote.textContent = "Safe mapping: code names and broad categories only. " +
      (model.get("saved_in") ? `Saved in the file ${model.get("saved_in")} beside this notebook; nothing is sent anywhere.`
        : (whereKept("Your worksheets") || "Your worksheet lasts until you leave the page unless you export it."));
  };
  safeText();
  if (courseStorage()) courseStorage().onModeChange(safeText);
  root.append(safeNote, status, head, body);
  el.append(root);

  function draw() {
    title.value = sheet.title; viewpoint.value = sheet.viewpoint; date.value = sheet.date;
    body.innerHTML = "";
    body.append(h("div", { class: "tts-print-head" }, [h("p", { class: "ttm-title", text: sheet.title }),
      h("p", { class: "ttm-meta", text: `Seen by: ${sheet.viewpoint}. Date: ${sheet.date}.` })]));
    sheet.parties.forEach((p, pi) => {
      const box = h("fieldset", { class: "ttb-box tts-party" }, [h("legend", { text: spec.perParty ? p.name : spec.label })]);
      if (spec.perParty && sheet.parties.length > 1) box.append(btn(`Remove ${p.name}`, () => commit((s) => { s.parties.splice(pi, 1); }, `Removed ${p.name}.`)));
      for (const [f, label] of spec.fields) {
        const list = h("ul", { class: "ttb-items tts-entries", "aria-label": `${label}${spec.perParty ? `, ${p.name}` : ""}` });
        (p.entries[f] || []).forEach((t, j) => list.append(h("li", {}, [h("span", { text: t }),
          btn("Remove", () => commit((s) => { s.parties[pi].entries[f].splice(j, 1); }, "Removed."), { "aria-label": `Remove ${t}` })])));
        const input = h("input", { type: "text", maxlength: 300 });
        const add = () => { const t = input.value.trim(); if (commit((s) => { (s.parties[pi].entries[f] = s.parties[pi].entries[f] || []).push(t); }, `Added to ${label}.`)) body.querySelector(`[data-field="${pi}-${f}"]`).focus(); };
        input.addEventListener("keydown", (ev) => { if (ev.key === "Enter") { ev.preventDefault(); add(); } });
        input.dataset.field = `${pi}-${f}`;
        box.append(h("div", { class: `tts-field tts-field-${f}` }, [h("p", { class: "ttm-legend-sub", text: label }), list,
          h("div", { class: "ttb-row tts-add" }, [field(`Add to ${label}`, input), btn("Add", add, { "aria-label": `Add to ${label}${spec.perParty ? `, ${p.name}` : ""}` })])]));
      }
      body.append(box);
    });
  }
  draw();
  el._tts = { importFile, commit, sheet: () => sheet };
  el.dataset.ready = "true";
  return () => {};
}

export default { render };
