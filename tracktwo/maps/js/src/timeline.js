// The perspective timeline: a learner's own timeline of a situation, from a stated viewpoint.
// anywidget module form (render({ model, el })): the same module runs in the static book (the host's
// shim keeps the state through window.TTStorage under <prefix>:maps:v1:timeline:<id>) and in JupyterLab
// (tracktwo.maps.map_widgets.PerspectiveTimeline saves it to a file beside the notebook).
// State: {timeline} (format: timeline_model.js, twin of tracktwo/maps/timeline_tool.py) and the
// spec {id, events}: the course's events (data/events.csv: id, date, title, citation) a learner may
// pick. Undo, JSON/CSV export and import, print. Nothing is sent anywhere.
import { LearnerMapError } from "./learner_map.js";
import { DATE_RE, emptyTimeline, inOrder, timelineFromCsv, timelineFromJson, timelineProblems, timelineToCsv, timelineToJson } from "./timeline_model.js";
import { h, clone } from "./dom.js";
import { courseStorage, exportName, whereKept } from "./host_storage.js";

let uid = 0;

export function nextEventId(data) {
  const used = new Set(data.events.map((e) => e.id));
  let i = 1;
  while (used.has(`e${i}`)) i += 1;
  return `e${i}`;
}

function render({ model, el }) {
  const spec = model.get("spec") || {};
  const courseEvents = spec.events || [];
  const base = `ttl-${++uid}`;
  let tl = model.get("timeline");
  if (!tl || timelineProblems(tl).length) tl = emptyTimeline();
  const undo = [];
  el.classList.add("ttb", "ttl");
  el.innerHTML = "";
  const root = h("div", { class: "ttb-root ttl-root", role: "region", "aria-label": "Perspective timeline" });
  const status = h("p", { class: "ttb-status", role: "status", "aria-live": "polite" });
  const messages = (model.get("messages") || []).filter(Boolean);
  if (messages.length) status.textContent = messages.join(" ");
  const say = (t) => { status.textContent = t; };
  const btn = (text, fn, extra = {}) => { const b = h("button", { type: "button", class: "ttm-button", text, ...extra }); b.addEventListener("click", fn); return b; };
  let fid = 0;
  const field = (label, input, hint) => {
    input.id = `${base}-f${++fid}`;
    const hintEl = hint ? h("small", { id: `${input.id}-hint`, text: hint }) : null;
    if (hintEl) input.setAttribute("aria-describedby", hintEl.id);
    return h("div", { class: "ttb-field" }, [h("label", { for: input.id, text: label }), input, hintEl]);
  };

  function save() { model.set("timeline", clone(tl)); model.save_changes(); }
  function commit(change, message) {
    const next = clone(tl);
    change(next);
    const p = timelineProblems(next);
    if (p.length) { say(`Not changed: ${p[0]}.`); return false; }
    undo.push(tl);
    if (undo.length > 50) undo.shift();
    tl = next;
    save();
    draw();
    if (message) say(message);
    return true;
  }

  // --- Title, whose viewpoint, when drawn ---------------------------------------------------------
  const title = h("input", { type: "text", maxlength: 200 });
  const viewpoint = h("input", { type: "text", maxlength: 200, placeholder: "e.g. the hill villages of the invented case, as I imagine them" });
  const drawnOn = h("input", { type: "text", maxlength: 200, placeholder: "e.g. 2026-12-07" });
  const head = h("fieldset", { class: "ttb-box" }, [h("legend", { text: "Timeline: title, whose viewpoint, when drawn" }),
    h("div", { class: "ttb-row" }, [field("Title", title), field("Whose viewpoint", viewpoint), field("Drawn on", drawnOn),
      btn("Save title, viewpoint and date", () => commit((t) => { t.title = title.value.trim(); t.viewpoint = viewpoint.value.trim(); t.date = drawnOn.value.trim(); }, "Title, viewpoint and date saved."))])]);

  // --- Add or edit an event ----------------------------------------------------------------------
  const pick = h("select", {}, [h("option", { value: "", text: "(write your own event)" }),
    ...courseEvents.map((e) => h("option", { value: e.id, text: `${e.date}: ${e.title}` }))]);
  const eDate = h("input", { type: "text", maxlength: 10, placeholder: "YYYY, YYYY-MM or YYYY-MM-DD", inputmode: "numeric" });
  const eTitle = h("input", { type: "text", maxlength: 200 });
  const eNote = h("textarea", { rows: 2, maxlength: 1000, placeholder: "what it meant from this viewpoint (not your own position)" });
  const eSource = h("p", { class: "ttl-source-note" });
  let picked = null; // {event, cite} when the event was picked from the course's timeline
  let editing = null;
  function showSource() {
    eSource.textContent = picked ? `From the course's timeline: ${picked.cite} If you change the date or the title, the event is kept as edited by you from the course's event.` : "";
  }
  pick.addEventListener("change", () => {
    const e = courseEvents.find((x) => x.id === pick.value);
    if (!e) { picked = null; showSource(); return; }
    eDate.value = e.date; eTitle.value = e.title; picked = { event: e.id, cite: e.cite };
    showSource();
    say(`Filled in from the course's timeline (${e.cite}); add your note from your viewpoint, then Add event.`);
  });
  const eSubmit = btn("Add event", () => {
    const dateText = eDate.value.trim();
    if (!DATE_RE.test(dateText)) { say(`Not changed: the date "${dateText}" is not YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2021-02-01).`); eDate.focus(); return; }
    const ev = { date: dateText, title: eTitle.value.trim() };
    const note = eNote.value.trim();
    if (note) ev.note = note;
    if (picked && picked.event) {
      // A picked event whose date or title the learner changed is marked as edited: the citation is
      // for the course's event, not for the learner's version of it.
      const c = courseEvents.find((x) => x.id === picked.event);
      ev.source = c && (ev.date !== c.date || ev.title !== c.title)
        ? { event: c.id, cite: `Edited by you from the course's event "${c.title}" (${c.date}); its sources: ${c.cite}`.slice(0, 1000) }
        : { ...(c ? { event: c.id, cite: c.cite } : picked) };
    }
    const ok = editing
      ? commit((t) => { const i = t.events.findIndex((x) => x.id === editing); t.events[i] = { id: editing, ...ev }; }, `Event "${ev.title}" changed.`)
      : commit((t) => { t.events.push({ id: nextEventId(t), ...ev }); }, `Event "${ev.title}" added.`);
    if (ok) resetForm();
  }, { class: "ttm-button ttb-primary" });
  const eCancel = btn("Cancel edit", () => { resetForm(); say("Edit cancelled."); }, { hidden: true });
  function resetForm() {
    editing = null; picked = null; pick.value = ""; eDate.value = ""; eTitle.value = ""; eNote.value = "";
    eSubmit.textContent = "Add event"; eCancel.hidden = true; showSource();
  }
  const addBox = h("fieldset", { class: "ttb-box" }, [h("legend", { text: "Events" }),
    courseEvents.length ? field("Pick from the course's timeline (optional)", pick, "Fills in the date, the title and the source; your note is yours") : null,
    h("div", { class: "ttb-row" }, [field("Date", eDate), field("Title", eTitle)]),
    field("Note (optional)", eNote), eSource,
    h("div", { class: "ttb-row" }, [eSubmit, eCancel])]);
  addBox.addEventListener("keydown", (ev) => {
    if (ev.key === "Escape" && editing) { ev.preventDefault(); resetForm(); say("Edit cancelled."); }
    else if (ev.key === "Enter" && ev.target instanceof HTMLInputElement) { ev.preventDefault(); eSubmit.click(); }
  });

  // --- Files, print -----------------------------------------------------------------------------
  const fileInput = h("input", { type: "file", accept: ".json,.csv,application/json,text/csv", class: "ttb-file", id: `${base}-file`, hidden: true, tabindex: "-1" });
  fileInput.addEventListener("change", async () => {
    const file = fileInput.files && fileInput.files[0];
    fileInput.value = "";
    if (file) await importFile(file.name, new Uint8Array(await file.arrayBuffer()));
  });
  async function importFile(name, bytes) {
    let data;
    try { data = /\.csv$/i.test(name) ? timelineFromCsv(name, bytes) : timelineFromJson(name, bytes); } catch (err) {
      say(`Not imported: ${err instanceof LearnerMapError ? err.message : `${name}: the file could not be read`}. Your timeline is unchanged.`);
      return false;
    }
    return commit((t) => { Object.keys(t).forEach((k) => delete t[k]); Object.assign(t, data); }, `Imported ${name} (Undo brings back the timeline you had).`);
  }
  const download = (name, text, type) => {
    const url = URL.createObjectURL(new Blob([text], { type }));
    const a = h("a", { href: url, download: name });
    document.body.append(a); a.click(); a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  const printMode = () => {
    document.body.classList.add("ttl-print");
    const done = () => { document.body.classList.remove("ttl-print"); window.removeEventListener("afterprint", done); };
    window.addEventListener("afterprint", done);
    window.print();
    setTimeout(done, 1000);
  };
  const files = h("fieldset", { class: "ttb-box" }, [h("legend", { text: "Undo, files, print" }), h("div", { class: "ttb-row" }, [
    btn("Undo", () => { if (!undo.length) { say("Nothing to undo."); return; } tl = undo.pop(); save(); draw(); say("Undone."); }),
    btn("Export JSON", () => download(exportName("timeline", "json"), timelineToJson(tl), "application/json")),
    btn("Export CSV", () => download(exportName("timeline", "csv"), timelineToCsv(tl), "text/csv")),
    btn("Import JSON or CSV…", () => fileInput.click()), fileInput,
    btn("Print", printMode)])]);

  // --- The timeline itself ------------------------------------------------------------------------
  const heading = h("div", { class: "ttl-head" });
  const list = h("ol", { class: "ttl-events", "aria-label": "Events in date order" });
  const view = h("section", { class: "ttl-view", "aria-label": "Your timeline" }, [heading, list]);
  const safeNote = h("p", { class: "ttb-safe" });
  const safeText = () => {
    safeNote.textContent = "Safe practice: an exercise in perspective on the invented case or on events from the course's timeline, " +
      "seen from a stated viewpoint that is not your own; never record your own or your group's position on real events on a device that could be inspected, " +
      "and use code names, never the real names of people or small groups. " +
      (model.get("saved_in") ? `Your timeline is saved in the file ${model.get("saved_in")} beside this notebook; nothing is sent anywhere.`
        : (whereKept("Your timeline and its events") || "Your timeline lasts until you leave the page unless you export it."));
  };
  safeText();
  if (courseStorage()) courseStorage().onModeChange(safeText);
  root.append(safeNote, status, head, addBox, files, view);
  el.append(root);

  function draw() {
    for (const [input, v] of [[title, tl.title], [viewpoint, tl.viewpoint], [drawnOn, tl.date]]) if (input.value !== v) input.value = v;
    heading.innerHTML = "";
    heading.append(h("p", { class: "ttm-title ttl-title", text: tl.title }),
      h("p", { class: "ttm-meta ttl-meta", text: `Seen by: ${tl.viewpoint}. Drawn: ${tl.date}. ${tl.events.length} event${tl.events.length === 1 ? "" : "s"}.` }));
    list.innerHTML = "";
    if (!tl.events.length) list.append(h("li", { class: "ttl-empty", text: "No events yet: add one above, or pick one from the course's timeline." }));
    for (const e of inOrder(tl)) {
      const li = h("li", { class: "ttl-event", "data-id": e.id }, [
        h("p", { class: "ttl-date" }, [h("time", { datetime: e.date, text: e.date })]),
        h("p", { class: "ttl-event-title", text: e.title }),
        e.note ? h("p", { class: "ttl-note", text: e.note }) : null,
        e.source ? h("p", { class: "ttl-cite", text: `From the course's timeline: ${e.source.cite}` }) : null,
        h("div", { class: "ttb-row ttl-actions" }, [
          btn("Edit", () => {
            editing = e.id; eDate.value = e.date; eTitle.value = e.title; eNote.value = e.note || ""; picked = e.source ? { ...e.source } : null;
            pick.value = picked && courseEvents.some((x) => x.id === picked.event) ? picked.event : "";
            showSource(); eSubmit.textContent = "Save event"; eCancel.hidden = false; eDate.focus();
            say(`Editing "${e.title}": change it, then Save event (Escape cancels).`);
          }, { "aria-label": `Edit ${e.title}` }),
          btn("Remove", () => commit((t) => { t.events = t.events.filter((x) => x.id !== e.id); }, `Removed "${e.title}" (Undo brings it back).`), { "aria-label": `Remove ${e.title}` })]),
      ]);
      list.append(li);
    }
    el.dataset.events = String(tl.events.length);
  }
  model.on("change:timeline", () => { const v = model.get("timeline"); if (v && !timelineProblems(v).length && JSON.stringify(v) !== JSON.stringify(tl)) { tl = clone(v); draw(); } });
  draw();
  el._ttl = { importFile, commit, timeline: () => tl };
  el.dataset.ready = "true";
  return () => {};
}

export default { render };
