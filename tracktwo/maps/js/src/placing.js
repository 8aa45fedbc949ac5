// "Placing dialogues": the learner puts each dialogue channel on a track and an aim, then checks.
// anywidget module form; the scoring is placing_score.js (the twin of tracktwo/maps/placing.py).
// Holds no course facts: channels, options and feedback come from the spec built in Python.

import { scorePlacement } from "./placing_score.js";
import { h } from "./dom.js";

let uid = 0;


const VERDICT = { best: "Right", accepted: "Accepted", wrong: "Not this one", missing: "Not answered" };

function render({ model, el }) {
  const spec = model.get("spec");
  const base = `ttp-${spec.id || "placing"}-${++uid}`;
  const labels = { track: new Map(spec.tracks.map((t) => [t.id, t.label])), aim: new Map(spec.aims.map((a) => [a.id, a.label])) };
  el.classList.add("ttp");
  el.innerHTML = "";
  const root = h("div", { class: "ttp-root" });
  el.append(root);
  if (spec.title) root.append(h("p", { class: "ttp-title", text: spec.title }));
  if (spec.intro) root.append(h("p", { class: "ttp-intro", text: spec.intro }));
  const notice = h("p", { class: "ttm-notice", role: "status", hidden: true });
  const messages = (model.get("messages") || []).filter(Boolean);
  if (messages.length) { notice.hidden = false; notice.textContent = messages.join(" "); }
  root.append(notice);

  const answers = () => { const a = model.get("answers"); return a && typeof a === "object" ? a : {}; };
  const selects = [];
  const form = h("div", { class: "ttp-channels" });
  for (const ch of spec.channels) {
    const fs = h("fieldset", { class: "ttp-channel", id: `${base}-${ch.id}` }, [h("legend", { text: ch.label })]);
    if (ch.description) fs.append(h("p", { class: "ttp-desc", text: ch.description }));
    const row = h("div", { class: "ttp-row" });
    for (const [field, options, label] of [["track", spec.tracks, "Track"], ["aim", spec.aims, "Aim"]]) {
      const id = `${base}-${ch.id}-${field}`;
      const select = h("select", { id, "data-channel": ch.id, "data-field": field });
      select.append(h("option", { value: "", text: "Choose..." }));
      for (const o of options) select.append(h("option", { value: o.id, text: o.label }));
      select.value = (answers()[ch.id] || {})[field] || "";
      select.addEventListener("change", () => {
        const next = { ...answers() };
        next[ch.id] = { ...(next[ch.id] || {}), [field]: select.value };
        if (!select.value) delete next[ch.id][field];
        model.set("answers", next);
        model.save_changes();
      });
      selects.push(select);
      row.append(h("span", { class: "ttp-field" }, [h("label", { for: id, text: label }), select]));
    }
    fs.append(row);
    const fb = h("div", { class: "ttp-feedback", id: `${base}-${ch.id}-fb` });
    fs.append(fb);
    form.append(fs);
  }
  root.append(form);
  const result = h("div", { class: "ttp-result", "aria-live": "polite" });
  const check = h("button", { type: "button", class: "ttm-button ttp-check", text: "Check my placements" });
  const clear = h("button", { type: "button", class: "ttm-button ttp-clear", text: "Clear my answers" });
  root.append(h("div", { class: "ttp-actions" }, [check, clear]), result);

  function show() {
    const scored = scorePlacement(spec.key, answers());
    for (const item of scored.items) {
      const fb = root.querySelector(`#${CSS.escape(`${base}-${item.channel}-fb`)}`);
      fb.innerHTML = "";
      const ul = h("ul", { class: "ttp-fb-list" });
      for (const [field, judged] of Object.entries(item.fields)) {
        const chosen = judged.given ? `: ${labels[field].get(judged.given) || judged.given}` : "";
        ul.append(h("li", { class: `ttp-verdict ttp-${judged.verdict}` }, [
          h("strong", { text: `${field === "track" ? "Track" : "Aim"}${chosen}. ${VERDICT[judged.verdict]}. ` }),
          document.createTextNode(judged.feedback)]));
      }
      fb.append(ul);
    }
    result.textContent = `${scored.points} of ${scored.max} placements accepted${scored.complete ? "." : " (some are not answered yet)."}`;
    el.dataset.score = `${scored.points}/${scored.max}`;
  }
  check.addEventListener("click", show);
  clear.addEventListener("click", () => {
    model.set("answers", {});
    model.save_changes();
    for (const s of selects) s.value = "";
    for (const fb of root.querySelectorAll(".ttp-feedback")) fb.innerHTML = "";
    result.textContent = "Answers cleared.";
    delete el.dataset.score;
  });
  model.on("change:answers", () => {
    const a = answers();
    for (const s of selects) s.value = (a[s.dataset.channel] || {})[s.dataset.field] || "";
  });
  el.dataset.ready = "true";
}

export default { render };
