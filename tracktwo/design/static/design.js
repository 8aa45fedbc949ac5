/* Design a dialogue: the static book's form and evaluator (no framework, no request to any host).
 *
 * The rules are embedded in the page at build time (tracktwo/design/html.py) as JSON in
 * <script type="application/json"> inside each div.tt-design. evaluate() mirrors
 * tracktwo/design/rules.py (holds / evaluate) line for line; tests/test_design.py runs both over
 * generated designs in Node and compares the findings.
 *
 * The learner's design is kept in this browser only, through window.TTStorage
 * (assets/tracktwo/storage.js: the key scheme, the keep mode, set aside, "clear everything"), under
 * "<prefix>:design:v1:<id>". A saved value that cannot be used is moved to "<key>:set-aside:<time>"
 * and the learner is told.
 */
(function (root) {
  "use strict";

  var FIELDS = ["track", "participants", "convenor", "aim", "funding", "label"];
  var KINDS = ["caution", "tension", "fit"];
  var KIND_LABELS = { caution: "Caution", tension: "Pulls against another track", fit: "Fits the brief" };
  var FIELD_LABELS = { track: "Track", participants: "Participants", convenor: "Convenor", aim: "Aim",
    funding: "Funding", label: "Label" };
  var BRIEF = "Jones, Min Zaw Oo and Palmiano Federer (2021)";
  var KEY_PREFIX = "design:v1:";

  // ---- the evaluator (mirrors tracktwo/design/rules.py) -----------------------------------------
  function holds(cond, design) {
    var i;
    if (Object.prototype.hasOwnProperty.call(cond, "all")) {
      for (i = 0; i < cond.all.length; i++) { if (!holds(cond.all[i], design)) return false; }
      return true;
    }
    if (Object.prototype.hasOwnProperty.call(cond, "any")) {
      for (i = 0; i < cond.any.length; i++) { if (holds(cond.any[i], design)) return true; }
      return false;
    }
    if (Object.prototype.hasOwnProperty.call(cond, "not")) return !holds(cond.not, design);
    var field = cond.field;
    if (field === "participants") {
      var chosen = design.participants || [];
      if (Object.prototype.hasOwnProperty.call(cond, "includes")) return chosen.indexOf(cond.includes) !== -1;
      for (i = 0; i < cond.includes_any.length; i++) { if (chosen.indexOf(cond.includes_any[i]) !== -1) return true; }
      return false;
    }
    var value = design[field];
    if (value === null || value === undefined) return false;
    if (Object.prototype.hasOwnProperty.call(cond, "equals")) return value === cond.equals;
    return cond["in"].indexOf(value) !== -1;
  }

  var ANSWERS = ["accept", "rebut"];
  var ANSWER_LABELS = { accept: "accepted", rebut: "rebutted" };
  var MAX_REASON = 2000;

  /* mirrors tracktwo/design/responses.py */
  function responsesProblems(responses, ruleIds) {
    if (!responses || typeof responses !== "object" || Array.isArray(responses)) return ["choice 'responses' must map a finding's rule id to an answer"];
    var problems = [];
    Object.keys(responses).forEach(function (rid) {
      var where = "responses '" + String(rid).slice(0, 40) + "'";
      var r = responses[rid];
      if (ruleIds.indexOf(rid) === -1) { problems.push(where + ": not a rule id"); return; }
      if (!r || typeof r !== "object" || Array.isArray(r)) { problems.push(where + ": must be an answer (accept or rebut) and a reason"); return; }
      var unknown = Object.keys(r).filter(function (k) { return k !== "answer" && k !== "reason"; });
      if (unknown.length) problems.push(where + ": unknown field '" + String(unknown[0]).slice(0, 40) + "'");
      if (ANSWERS.indexOf(r.answer) === -1) problems.push(where + ", field 'answer': must be accept or rebut");
      var reason = has(r, "reason") ? r.reason : "";
      if (typeof reason !== "string") problems.push(where + ", field 'reason': must be text");
      else if (reason.length > MAX_REASON) problems.push(where + ", field 'reason': longer than 2,000 characters");
      else if (r.answer === "rebut" && !reason.trim()) problems.push(where + ", field 'reason': a rebuttal needs a reason");
    });
    return problems;
  }

  function has(o, k) { return Object.prototype.hasOwnProperty.call(o, k); }

  function shortSummary(findings, responses) {
    if (!findings.length) return "No rule applies yet: make more choices.";
    var n = { caution: 0, tension: 0, fit: 0 };
    findings.forEach(function (x) { n[x.kind] += 1; });
    var pl = function (k, one, many) { return k + " " + (k === 1 ? one : many); };
    var text = pl(findings.length, "finding", "findings") + ": " + pl(n.caution, "caution", "cautions") + ", " +
      n.tension + " pulling against another track, " + n.fit + " fitting the brief.";
    var answered = findings.map(function (f) { return (responses || {})[f.id]; }).filter(function (a) { return a && ANSWERS.indexOf(a.answer) !== -1; });
    var acc = answered.filter(function (a) { return a.answer === "accept"; }).length;
    return text + " You have answered " + answered.length + " of " + findings.length + " (" + acc + " accepted, " + (answered.length - acc) + " rebutted).";
  }

  function nameNotes(text, successors) {
    return (successors || []).filter(function (r) {
      return new RegExp("(^|[^A-Za-z0-9])" + r.match.replace(/[.*+?^${}()|[\]\\]/g, "\\$&") + "(?![A-Za-z0-9])").test(text);
    });
  }

  function answerText(r) {
    if (!r || ANSWERS.indexOf(r.answer) === -1) return "Your answer: not answered yet.";
    var reason = (r.reason || "").trim();
    return "Your answer: " + ANSWER_LABELS[r.answer] + (reason ? ", because: " + reason : ".");
  }

  function optionIds(book, field) { return book.options[field].map(function (o) { return o.id; }); }

  function designProblems(design, book) {
    if (!design || typeof design !== "object" || Array.isArray(design)) {
      return ["a design is a mapping of choices (track, participants, convenor, aim, funding, label)"];
    }
    var problems = [];
    Object.keys(design).forEach(function (k) {
      if (k === "responses") { problems = problems.concat(responsesProblems(design.responses, book.rules.map(function (r) { return r.id; }))); return; }
      if (FIELDS.indexOf(k) === -1) problems.push("unknown choice " + JSON.stringify(k));
    });
    FIELDS.forEach(function (f) {
      if (f === "participants") return;
      var v = design[f];
      if (v !== null && v !== undefined && optionIds(book, f).indexOf(v) === -1) {
        problems.push("choice '" + f + "': " + JSON.stringify(v) + " is not one of " + optionIds(book, f).join(", "));
      }
    });
    var parts = design.participants;
    if (parts !== null && parts !== undefined) {
      if (!Array.isArray(parts)) { problems.push("choice 'participants' must be a list"); }
      else {
        var allowed = optionIds(book, "participants");
        parts.forEach(function (p) {
          if (allowed.indexOf(p) === -1) problems.push("choice 'participants': " + JSON.stringify(p) + " is not one of " + allowed.join(", "));
        });
        if (new Set(parts.map(String)).size !== parts.length) problems.push("choice 'participants' names the same participant twice");
      }
    }
    return problems;
  }

  function evaluate(design, book) {
    var problems = designProblems(design, book);
    if (problems.length) throw new Error("design: " + problems[0]);
    return book.rules.filter(function (r) { return holds(r.when, design); }).map(function (r) {
      return { id: r.id, kind: r.kind, title: r.title, message: r.message,
        citation: { key: r.citation.key, locator: r.citation.locator, quote: r.citation.quote },
        related_track: r.related_track === undefined ? null : r.related_track };
    });
  }

  function emptyDesign() {
    return { track: null, participants: [], convenor: null, aim: null, funding: null, label: null };
  }

  function optionLabel(book, field, id) {
    var o = book.options[field].filter(function (x) { return x.id === id; })[0];
    return o ? o.label : id;
  }

  function summaryText(design, book) {
    var findings = evaluate(design, book);
    var lines = ["My dialogue design", "", "Choices:"];
    FIELDS.forEach(function (f) {
      var text;
      if (f === "participants") text = (design.participants || []).map(function (p) { return optionLabel(book, f, p); }).join("; ");
      else text = design[f] == null ? "" : optionLabel(book, f, design[f]);
      lines.push("- " + FIELD_LABELS[f] + ": " + (text ? text + nameNotes(text, book.successors).map(function (n) { return " [successor body: " + n.short + "]"; }).join("") : "not chosen yet"));
    });
    lines.push("", "What the brief says (" + findings.length + "):", shortSummary(findings, design.responses));
    findings.forEach(function (x) {
      lines.push("- [" + KIND_LABELS[x.kind] + "] " + x.title + ". " + x.message,
        "  Source: " + BRIEF + ", " + x.citation.locator + ": \u201c" + x.citation.quote + "\u201d");
      nameNotes(x.title + " " + x.message, book.successors).forEach(function (n) { lines.push("  Successor body: " + n.successor + " (" + n.item + ")"); });
      lines.push("  " + answerText((design.responses || {})[x.id]));
    });
    return lines.join("\n");
  }

  // ---- the page ------------------------------------------------------------------------------
  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      var v = attrs[k];
      if (v === null || v === undefined || v === false) return;
      if (k === "text") e.textContent = v;
      else if (k === "class") e.className = v;
      else e.setAttribute(k, v === true ? "" : String(v));
    });
    (children || []).forEach(function (c) { if (c) e.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
    return e;
  }

  /* window.TTStorage, or null (a page without the course's plugin: the design lasts until the page is left). */
  function storage() {
    var s = root.TTStorage;
    return s && s.persistent() ? s : null;
  }

  function keyFor(id) {
    var s = root.TTStorage;
    return s ? s.key("design", "v1", id) : KEY_PREFIX + id;
  }

  function loadSaved(key, book) {
    var s = storage();
    if (!s) return { design: null, message: "This browser does not let the page save your design; it lasts until you leave the page." };
    var raw = s.getRaw(key);
    if (raw === null) return { design: null, message: null };
    var design = null, problems;
    try { design = JSON.parse(raw); problems = designProblems(design, book); }
    catch (e) { problems = ["it is not valid JSON"]; }
    if (!problems.length) return { design: design, message: null };
    var aside = s.setAside(key);
    return { design: null, message: "Your saved design could not be read (" + problems.slice(0, 2).join("; ") +
      "), so it was set aside under \"" + aside + "\" in this browser's storage and the form starts empty. Nothing else you saved was touched." };
  }

  var counter = 0;

  function mount(host) {
    if (host.getAttribute("data-ready")) return;
    var dataEl = host.querySelector('script[type="application/json"]');
    if (!dataEl) return;
    var book;
    try { book = JSON.parse(dataEl.textContent); }
    catch (e) { host.appendChild(el("p", { text: "The design rules could not be read; the worked examples below show what they say." })); return; }
    var id = host.getAttribute("data-design-id") || "main";
    var key = keyFor(id);
    var uid = "ttd" + (++counter);
    var saved = loadSaved(key, book);
    var design = saved.design ? {
      track: saved.design.track == null ? null : saved.design.track,
      participants: (saved.design.participants || []).slice(),
      convenor: saved.design.convenor == null ? null : saved.design.convenor,
      aim: saved.design.aim == null ? null : saved.design.aim,
      funding: saved.design.funding == null ? null : saved.design.funding,
      label: saved.design.label == null ? null : saved.design.label } : emptyDesign();
    var responses = saved.design && saved.design.responses ? JSON.parse(JSON.stringify(saved.design.responses)) : {};

    var notice = host.querySelector(".tt-design-noscript");
    if (notice) notice.hidden = true;
    var form = el("form", { class: "tt-design-form", "aria-label": "Design a dialogue" });
    form.addEventListener("submit", function (ev) { ev.preventDefault(); });
    var legends = { track: "1. Track", participants: "2. Participants (choose any)", convenor: "3. Convenor",
      aim: "4. Aim", funding: "5. Funding route", label: "6. What the meeting is called" };
    FIELDS.forEach(function (f) {
      var fs = el("fieldset", { class: "tt-design-field", "data-field": f }, [el("legend", { text: legends[f] })]);
      book.options[f].forEach(function (o) {
        var inputId = uid + "-" + f + "-" + o.id.replace(/[^a-z0-9]/gi, "_");
        var input = el("input", { type: f === "participants" ? "checkbox" : "radio", name: uid + "-" + f,
          id: inputId, value: o.id });
        if (f === "participants" ? design.participants.indexOf(o.id) !== -1 : design[f] === o.id) input.checked = true;
        input.addEventListener("change", function () {
          if (f === "participants") {
            design.participants = book.options.participants.map(function (x) { return x.id; }).filter(function (pid) {
              var box = document.getElementById(uid + "-participants-" + pid.replace(/[^a-z0-9]/gi, "_"));
              return box && box.checked;
            });
          } else { design[f] = o.id; }
          changed();
        });
        var label = el("label", { for: inputId, text: o.label });
        var notes = nameNotes(o.label, book.successors).map(function (n, k) {
          return el("span", { class: "tt-design-successor-short", id: inputId + "-successor" + k, text: "Successor body: " + n.short });
        });
        if (notes.length) input.setAttribute("aria-describedby", notes.map(function (n) { return n.id; }).join(" "));
        fs.appendChild(el("div", { class: "tt-design-option" }, [input, el("span", {}, [label].concat(notes))]));
      });
      form.appendChild(fs);
    });

    var status = el("p", { class: "tt-design-status", role: "status", "aria-live": "polite" });
    var short = null;
    var results = el("div", { class: "tt-design-results", "aria-live": "polite", "aria-atomic": "false", id: uid + "-results" });
    var printBtn = el("button", { type: "button", class: "tt-design-button", text: "Print summary" });
    var clearBtn = el("button", { type: "button", class: "tt-design-button", text: "Start again (clear this design)" });
    var printView = el("div", { class: "tt-design-print", "aria-hidden": "true" });
    printBtn.addEventListener("click", function () {
      printView.textContent = "";
      printView.appendChild(el("pre", { class: "tt-design-print-text", text: summaryText(withResponses(), book) }));
      document.body.classList.add("tt-design-printing");
      var done = function () { document.body.classList.remove("tt-design-printing"); root.removeEventListener("afterprint", done); };
      root.addEventListener("afterprint", done);
      try { root.print(); } catch (e) { /* no print dialog */ }
      setTimeout(done, 1000);
    });
    clearBtn.addEventListener("click", function () {
      design = emptyDesign();
      responses = {};
      form.querySelectorAll("input").forEach(function (i) { i.checked = false; });
      var s = storage();
      if (s) s.remove(key);
      draw();
      status.textContent = "Design cleared: nothing of it is left in this browser's storage.";
    });
    var controls = el("div", { class: "tt-design-controls" }, [printBtn, clearBtn]);
    var deviceNote = el("p", { class: "tt-design-device" });
    function whereKept() {
      deviceNote.textContent = root.TTStorage && root.TTStorage.mode() === "nothing"
        ? "Your choices are kept in this tab only and forgotten when you close it; nothing is sent anywhere."
        : "Your choices stay in this browser on this device; nothing is sent anywhere.";
    }
    whereKept();
    if (root.TTStorage) root.TTStorage.onModeChange(whereKept);
    host.appendChild(el("div", { class: "tt-design-root" }, [
      deviceNote,
      form, el("h3", { class: "tt-design-results-title", text: "What the brief says about your design" }), status, results, controls, printView]));

    function withResponses() {
      var d = JSON.parse(JSON.stringify(design));
      d.responses = responses;
      return d;
    }

    function answerControls(x) {
      var r = responses[x.id] || {};
      var box = el("fieldset", { class: "tt-design-answer" }, [el("legend", { text: "Your answer to this finding" })]);
      var reasonId = uid + "-reason-" + x.id;
      var note = el("span", { class: "tt-design-answer-note", "aria-live": "polite" });
      var reason = el("textarea", { id: reasonId, rows: "2", maxlength: String(MAX_REASON) });
      reason.value = r.reason || "";
      function record(answer) {
        var cur = responses[x.id] || {};
        var next = { answer: answer || cur.answer, reason: reason.value };
        if (!next.answer) { if (!next.reason.trim()) { delete responses[x.id]; } return keep(); }
        responses[x.id] = next;
        keep();
      }
      function keep() {
        var cur = responses[x.id];
        note.textContent = cur && cur.answer === "rebut" && !cur.reason.trim() ? "A rebuttal needs a reason: say why the finding does not hold for your design." : "";
        if (!cur || responsesProblems(responses, book.rules.map(function (q) { return q.id; })).length === 0) save();
        short.textContent = shortSummary(evaluate(design, book), responses);
      }
      ANSWERS.forEach(function (a) {
        var id = uid + "-answer-" + x.id + "-" + a;
        var input = el("input", { type: "radio", name: uid + "-answer-" + x.id, id: id, value: a });
        if (r.answer === a) input.checked = true;
        input.addEventListener("change", function () { record(a); });
        box.appendChild(el("span", { class: "tt-design-option" }, [input, el("label", { for: id, text: a === "accept" ? "Accept" : "Rebut" })]));
      });
      reason.addEventListener("input", function () { record(null); });
      box.appendChild(el("label", { for: reasonId, class: "tt-design-reason-label", text: "Your reason (needed to rebut)" }));
      box.appendChild(reason);
      box.appendChild(note);
      return box;
    }

    function save() {
      var s = storage();
      var kept = JSON.parse(JSON.stringify(design));
      if (Object.keys(responses).length) kept.responses = responses;
      if (s) s.set(key, kept); /* storage full: the form still works */
    }

    function draw() {
      var findings = evaluate(design, book);
      var wasOpen = results.querySelector("details.tt-design-details");
      wasOpen = wasOpen ? wasOpen.open : false;
      results.textContent = "";
      short = el("p", { class: "tt-design-short", text: shortSummary(findings, responses) });
      results.appendChild(short);
      if (!findings.length) { host.setAttribute("data-findings", ""); return findings; }
      var details = el("details", { class: "tt-design-details" }, [el("summary", { text: "The findings in full, with their sources and your answers" })]);
      details.open = wasOpen;
      results.appendChild(details);
      var outer = results;
      results = details;
      KINDS.forEach(function (kind) {
        var items = findings.filter(function (x) { return x.kind === kind; });
        if (!items.length) return;
        results.appendChild(el("h4", { class: "tt-design-kind", text: KIND_LABELS[kind] + " (" + items.length + ")" }));
        var ul = el("ul", { class: "tt-design-findings tt-design-" + kind });
        items.forEach(function (x) {
          var li = el("li", { "data-rule": x.id }, [el("strong", { text: x.title })]);
          if (kind === "tension" && x.related_track) li.appendChild(el("span", { class: "tt-design-related", text: " (pulls against Track " + x.related_track + ")" }));
          li.appendChild(document.createTextNode(". " + x.message + " "));
          li.appendChild(el("cite", { class: "tt-design-cite", text: BRIEF + ", " + x.citation.locator + ": \u201c" + x.citation.quote + "\u201d" }));
          nameNotes(x.title + " " + x.message, book.successors).forEach(function (n) {
            li.appendChild(el("span", { class: "tt-design-successor" }, [el("em", { text: "Successor body:" }), " " + n.successor + " (" + n.item + ")"]));
          });
          li.appendChild(answerControls(x));
          ul.appendChild(li);
        });
        results.appendChild(ul);
      });
      results = outer;
      host.setAttribute("data-findings", findings.map(function (x) { return x.id; }).join(" "));
      return findings;
    }

    function changed() {
      save();
      draw();
      /* the short summary (in the results' live region) says the counts; the status line is for messages */
      status.textContent = "";
    }

    draw();
    if (saved.message) status.textContent = saved.message;
    host.setAttribute("data-ready", "true");
  }

  function mountAll() {
    var hosts = document.querySelectorAll("div.tt-design[data-tt-design]");
    for (var i = 0; i < hosts.length; i++) mount(hosts[i]);
  }

  var api = { holds: holds, evaluate: evaluate, designProblems: designProblems, emptyDesign: emptyDesign,
    summaryText: summaryText, responsesProblems: responsesProblems, shortSummary: shortSummary, nameNotes: nameNotes, mount: mount, mountAll: mountAll, KEY_PREFIX: KEY_PREFIX };
  if (typeof module !== "undefined" && module.exports) { module.exports = api; }
  else {
    root.TrackTwoDesign = api;
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mountAll);
    else mountAll();
  }
})(typeof window !== "undefined" ? window : globalThis);
