/* The "My work" page: download all the work this browser keeps for the course as one file (under a
 * pseudonym), print a summary, and restore a file on another device. The file's format and its pure
 * parts have a Python twin (tracktwo/data/submissions.py; decision 0017): the same checks, summary
 * and word counts, tested on shared fixtures (tests/js/my-work.test.js, tests/test_submissions.py).
 * Storage goes through window.TTStorage only; the scores by chapter come from progress.js. Nothing
 * is sent anywhere. */
(function (root, factory) {
  "use strict";
  var progress = typeof module === "object" && module.exports ? require("./progress.js") : root.TrackTwoProgress;
  var api = factory(progress);
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.TrackTwoMyWork = api;
  if (typeof document !== "undefined") api.start(document, root);
})(typeof self !== "undefined" ? self : this, function (Progress) {
  "use strict";

  var FORMAT = "course-work";
  var VERSION = 1;
  var MAX_BYTES = 4000000;
  var MAX_ENTRIES = 2000;
  var MAX_PSEUDONYM = 60;
  var MAX_RAW = 512000;
  var HOSTS = ["book", "notebooks"];
  var NOT_WORK = ["keep", "instructor-view"];
  var NOTEBOOK_FILE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,120}\.saved\.json$/;
  var WORD = /[^ \t\n\r\f\v\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+/g;
  var OTHER = { family: "other", label: "Other saved work", pattern: "", host: "book" };

  /* ------------------------------------------------------------------ pure */

  function q(v) { return v === undefined ? "null" : JSON.stringify(v); }
  function shortText(t, limit) { limit = limit || 60; return t.length <= limit ? t : t.slice(0, limit - 3) + "..."; }
  function isObject(v) { return v !== null && typeof v === "object" && !Array.isArray(v); }
  function has(o, k) { return Object.prototype.hasOwnProperty.call(o, k); }
  function get(o, k) { return isObject(o) && has(o, k) ? o[k] : undefined; }

  function wordCount(text) {
    if (typeof text !== "string") return 0;
    var m = text.match(WORD);
    return m ? m.length : 0;
  }

  /* The family (a row of `families`, or OTHER) of a key, or null: outside the prefix, or a setting. */
  function familyOf(key, prefix, families) {
    var start = prefix + ":";
    if (typeof key !== "string" || key.indexOf(start) !== 0) return null;
    var rest = key.slice(start.length);
    if (NOT_WORK.indexOf(rest) >= 0) return null;
    for (var i = 0; i < families.length; i++) {
      if (new RegExp(families[i].pattern).test(rest)) return families[i];
    }
    return OTHER;
  }

  function gather(entries, prefix, families) {
    var out = [];
    (entries || []).forEach(function (pair) {
      var fam = familyOf(pair[0], prefix, families);
      if (fam && typeof pair[1] === "string") out.push({ key: pair[0], family: fam.family, raw: pair[1] });
    });
    return out.sort(function (a, b) { return a.key < b.key ? -1 : a.key > b.key ? 1 : 0; });
  }

  function parse(raw) {
    if (typeof raw !== "string") return raw;
    try { return JSON.parse(raw); } catch (e) { return null; }
  }

  /* Open answers with word counts, scores by chapter (progress.js's summarise) and counts per family. */
  function summarise(work, manifest, prefix, families) {
    var p = Progress.summarise(work.map(function (e) { return [e.key, e.raw]; }), manifest, prefix);
    var version = String(manifest.version || "");
    var saved = {};
    var start = prefix + ":" + version + ":exercise:";
    work.forEach(function (e) { if (e.key.indexOf(start) === 0) saved[e.key.slice(start.length)] = e.raw; });
    var answers = [];
    var seen = {};
    (manifest.chapters || []).forEach(function (ch) {
      (ch.exercises || []).forEach(function (ex) {
        if (seen[ex.id]) return;
        seen[ex.id] = true;
        if (ex.type !== "open" || !has(saved, ex.id)) return;
        var response = get(parse(saved[ex.id]), "response");
        var text = get(response, "text");
        var ticks = get(response, "ticks");
        if (typeof text === "string" && text.trim()) {
          answers.push({ id: ex.id, title: ex.title || ex.id, chapter: ch.title || "", text: text,
            words: wordCount(text), ticks: Array.isArray(ticks) ? ticks.length : 0 });
        }
      });
    });
    var chapters = p.chapters.map(function (c) {
      return { title: c.title || "", total: c.total, checked: c.checked, saved: c.saved, unrecognised: c.unrecognised, points: c.points, max: c.max };
    });
    var counts = [];
    families.concat([OTHER]).forEach(function (f) {
      var n = work.filter(function (e) { return e.family === f.family; }).length;
      if (n) counts.push({ family: f.family, label: f.label, count: n });
    });
    return { answers: answers, chapters: chapters, totals: p.totals, families: counts };
  }

  function build(entries, o) {
    var work = gather(entries, o.prefix, o.families);
    return {
      format: FORMAT, version: VERSION, pseudonym: o.pseudonym.trim(), saved: o.saved, from: "book",
      prefix: o.prefix, course_version: o.courseVersion, entries: work,
      summary: summarise(work, o.manifest || { version: o.courseVersion, chapters: [] }, o.prefix, o.families)
    };
  }

  function fileName(day) { return "work-" + day + ".json"; }

  function exerciseId(key, prefix, version) {
    var start = prefix + ":" + version + ":exercise:";
    if (typeof key !== "string" || key.indexOf(start) !== 0) return null;
    var id = key.slice(start.length);
    return /^[^:/]+\/[^:/]+$/.test(id) ? id : null;
  }

  /* The twin of submissions.problems: sentences naming the item and field; [] when usable. */
  function problems(data, families, knownItems) {
    if (!isObject(data)) return ["the file holds no object at its top: it is not a file of saved work"];
    if (get(data, "format") !== FORMAT) {
      return ['field "format" is ' + shortText(q(get(data, "format"))) + ', not "' + FORMAT + '": it is not a file of saved work from this course'];
    }
    if (get(data, "version") !== VERSION) {
      return ['field "version" is ' + shortText(q(get(data, "version"))) + ": this course reads version " + VERSION + "; save the work again from the course"];
    }
    var out = [];
    var pseudonym = get(data, "pseudonym");
    if (typeof pseudonym !== "string" || !pseudonym.trim()) {
      out.push('field "pseudonym" is missing or empty: type the name you chose for this course (not your real name)');
    } else if (pseudonym.length > MAX_PSEUDONYM) {
      out.push('field "pseudonym" is ' + pseudonym.length + " characters long; the most is " + MAX_PSEUDONYM);
    }
    var prefix = get(data, "prefix");
    if (typeof prefix !== "string" || !/^[a-z][a-z0-9-]{0,30}$/.test(prefix)) {
      out.push('field "prefix" is ' + shortText(q(prefix)) + ": it must be the course's storage prefix");
      return out;
    }
    if (HOSTS.indexOf(get(data, "from")) < 0) out.push('field "from" is ' + shortText(q(get(data, "from"))) + ", not one of " + HOSTS.join(", "));
    var version = get(data, "course_version");
    if (typeof version !== "string" || !version) { out.push('field "course_version" is missing or empty'); version = ""; }
    var day = get(data, "saved");
    if (typeof day !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(day)) out.push('field "saved" must be the day the file was saved, YYYY-MM-DD');
    var entries = get(data, "entries");
    if (!Array.isArray(entries)) { out.push('field "entries" is missing or not a list'); return out; }
    if (entries.length > MAX_ENTRIES) {
      out.push('field "entries" has ' + entries.length.toLocaleString("en") + " entries; the most is " + MAX_ENTRIES.toLocaleString("en"));
      return out;
    }
    var keys = {};
    entries.forEach(function (e, i) {
      var key = get(e, "key");
      var where = "entry " + (i + 1) + (typeof key === "string" ? " (" + shortText(key, 80) + ")" : "");
      if (!isObject(e)) { out.push(where + ": is not an object with a key and its saved text"); return; }
      var raw = get(e, "raw");
      if (typeof key !== "string" || !key) { out.push(where + ', field "key": missing or empty'); return; }
      var fam = familyOf(key, prefix, families);
      if (!fam) { out.push(where + ', field "key": outside the course\'s storage ("' + prefix + ':..."), or a setting of the browser, not work'); return; }
      if (get(e, "family") !== fam.family) out.push(where + ', field "family": is ' + shortText(q(get(e, "family"))) + ', but the key is of the family "' + fam.family + '"');
      if (typeof raw !== "string") out.push(where + ', field "raw": must be the saved text (a string)');
      else if (raw.length > MAX_RAW) out.push(where + ', field "raw": is ' + raw.length.toLocaleString("en") + " characters long; the most is " + MAX_RAW.toLocaleString("en"));
      if (has(keys, key)) out.push(where + ', field "key": appears twice in the file');
      keys[key] = true;
      if (fam.family === "notebook-file") {
        if (!NOTEBOOK_FILE.test(key.slice(prefix.length + ":notebook:".length))) out.push(where + ', field "key": not the name of a notebook\'s saved file (NAME.saved.json)');
        else if (typeof raw === "string" && parse(raw) === null) out.push(where + ', field "raw": a notebook\'s saved file must be JSON');
      }
      var ex = exerciseId(key, prefix, version);
      if (ex && knownItems && knownItems.indexOf(ex) < 0) out.push(where + ": an answer for the exercise " + ex + ", which this course does not have");
    });
    if (!isObject(get(data, "summary"))) out.push('field "summary" is missing or not an object');
    return out;
  }

  /* Text of a file -> {ok, data} or {ok: false, message: "<file>: <what, where>"}; never throws. */
  function read(name, text, families, knownItems) {
    var fail = function (detail) { return { ok: false, message: name + ": " + detail }; };
    if (typeof text !== "string") return fail("the file could not be read");
    if (text.length > MAX_BYTES) return fail("the file is " + text.length + " characters; a file of saved work is at most " + MAX_BYTES + " (is this the right file?)");
    if (!text.trim()) return fail("the file is empty; it is not a file of saved work");
    var data;
    try { data = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text); } catch (e) { return fail("not valid JSON; it is not a file of saved work"); }
    var found = problems(data, families, knownItems);
    if (found.length) return fail(found[0] + (found.length > 1 ? " (+" + (found.length - 1) + " more)" : ""));
    return { ok: true, data: data };
  }

  /* The twin of submissions.plan_restore: add, replace (set aside first), same, elsewhere. */
  function planRestore(data, existing, prefix, host, families) {
    var plan = { add: [], replace: [], same: [], elsewhere: [] };
    var source = data.prefix + ":";
    data.entries.forEach(function (e) {
      var key = prefix + ":" + e.key.slice(source.length);
      var fam = familyOf(key, prefix, families) || OTHER;
      var row = { key: key, family: fam.family, raw: e.raw };
      if (fam.host !== host) plan.elsewhere.push(row);
      else if (!has(existing, key)) plan.add.push(row);
      else if (existing[key] === e.raw) plan.same.push(row);
      else plan.replace.push(row);
    });
    return plan;
  }

  /* ------------------------------------------------------------------ the page (browser only) */

  function el(doc, tag, cls, text) {
    var n = doc.createElement(tag);
    if (cls) n.className = cls;
    if (text !== undefined) n.textContent = text;
    return n;
  }

  function today(win) {
    var d = new win.Date();
    var p = function (n) { return (n < 10 ? "0" : "") + n; };
    return d.getFullYear() + "-" + p(d.getMonth() + 1) + "-" + p(d.getDate());
  }

  /* "Designs (main)"; an exercise by its title (learners never see internal ids). */
  function labelOf(key, prefix, families, titles) {
    var fam = familyOf(key, prefix, families) || OTHER;
    var rest = key.slice(prefix.length + 1);
    var m = fam.pattern ? new RegExp(fam.pattern).exec(rest) : null;
    var detail = m && m.length > 1 ? m.slice(1).join(" ") : rest;
    if (fam.family === "exercise" && titles[m[1]]) detail = titles[m[1]];
    return fam.label + " (" + detail + ")";
  }

  function renderSummary(doc, box, summary, pseudonym, day) {
    box.textContent = "";
    box.appendChild(el(doc, "h2", null, "Summary of my work"));
    box.appendChild(el(doc, "p", "tt-mywork-who", "Pseudonym: " + (pseudonym || "(not given yet)") + ". Made on " + day + "."));
    var t = summary.totals;
    box.appendChild(el(doc, "p", null, t.checked + " of " + t.exercises + " exercises checked, " + t.points + " of " + t.max + " points" +
      (t.saved ? "; " + t.saved + " answered but not checked" : "") + "."));
    if (summary.families.length) {
      var ul = el(doc, "ul", "tt-mywork-families");
      summary.families.forEach(function (f) { ul.appendChild(el(doc, "li", null, f.label + ": " + f.count)); });
      box.appendChild(ul);
    } else {
      box.appendChild(el(doc, "p", null, "Nothing of the course is saved in this browser yet."));
    }
    box.appendChild(el(doc, "h3", null, "Scores by chapter"));
    var table = el(doc, "table", "tt-mywork-scores");
    var head = el(doc, "tr");
    ["Chapter", "Checked", "Points"].forEach(function (h) { head.appendChild(el(doc, "th", null, h)); });
    table.appendChild(head);
    summary.chapters.forEach(function (c) {
      var tr = el(doc, "tr");
      tr.appendChild(el(doc, "td", null, c.title));
      tr.appendChild(el(doc, "td", null, c.checked + " of " + c.total));
      tr.appendChild(el(doc, "td", null, c.max ? c.points + " of " + c.max : "\u2014"));
      table.appendChild(tr);
    });
    box.appendChild(table);
    box.appendChild(el(doc, "h3", null, "Open answers"));
    if (!summary.answers.length) box.appendChild(el(doc, "p", null, "No open answer is saved yet."));
    summary.answers.forEach(function (a) {
      var sec = el(doc, "section", "tt-mywork-answer");
      sec.appendChild(el(doc, "h4", null, a.title + " (" + a.chapter + ")"));
      sec.appendChild(el(doc, "p", "tt-mywork-words", a.words + " word" + (a.words === 1 ? "" : "s") + "; checklist points ticked: " + a.ticks));
      sec.appendChild(el(doc, "p", "tt-mywork-text", a.text));
      box.appendChild(sec);
    });
  }

  function start(doc, win) {
    var node = doc.querySelector("script.tt-mywork-data");
    var box = doc.querySelector(".tt-mywork");
    if (!node || !box) return;
    var page;
    try { page = JSON.parse(node.textContent); } catch (e) { return; }
    var S = win.TTStorage;
    var status = box.querySelector(".tt-mywork-status");
    var message = box.querySelector(".tt-mywork-message");
    var summaryBox = box.querySelector(".tt-mywork-summary");
    var nameInput = box.querySelector(".tt-mywork-pseudonym");
    var confirmBox = box.querySelector(".tt-mywork-confirm");
    var known = [];
    var titles = {};
    (page.manifest.chapters || []).forEach(function (c) { (c.exercises || []).forEach(function (e) { known.push(e.id); titles[e.id] = e.title; }); });
    if (!S) { status.textContent = "This browser does not let the course read what it saved, so there is nothing to download here."; return; }
    var prefix = S.prefix;
    var families = page.families;
    function current() {
      return build(S.entries(), { pseudonym: nameInput.value || "", saved: today(win), prefix: prefix,
        courseVersion: page.manifest.version, families: families, manifest: page.manifest });
    }
    function refresh() {
      var file = current();
      status.textContent = (S.mode() === "nothing" ? "This tab keeps (and forgets when closed): " : "This browser keeps: ") +
        file.entries.length + " item" + (file.entries.length === 1 ? "" : "s") + " of your work.";
      renderSummary(doc, summaryBox, file.summary, nameInput.value.trim(), file.saved);
    }
    nameInput.addEventListener("input", function () { message.textContent = ""; refresh(); });
    box.querySelector(".tt-mywork-download").addEventListener("click", function () {
      var file = current();
      if (!file.pseudonym) { message.textContent = "Type a pseudonym first (any name you choose; not your real name)."; nameInput.focus(); return; }
      if (file.pseudonym.length > MAX_PSEUDONYM) { message.textContent = "The pseudonym is too long: at most " + MAX_PSEUDONYM + " characters."; return; }
      var blob = new win.Blob([JSON.stringify(file, null, 1) + "\n"], { type: "application/json" });
      var a = doc.createElement("a");
      a.href = win.URL.createObjectURL(blob);
      a.download = fileName(file.saved);
      doc.body.appendChild(a);
      a.click();
      a.remove();
      win.setTimeout(function () { win.URL.revokeObjectURL(a.href); }, 1000);
      message.textContent = "Saved " + file.entries.length + " items as " + a.download + ". Nothing was sent anywhere.";
    });
    box.querySelector(".tt-mywork-print").addEventListener("click", function () { refresh(); win.print(); });
    var input = box.querySelector(".tt-mywork-file");
    input.addEventListener("change", function () {
      var f = input.files && input.files[0];
      confirmBox.hidden = true;
      confirmBox.textContent = "";
      if (!f) return;
      if (f.size > MAX_BYTES) { message.textContent = f.name + ": the file is " + f.size + " bytes; a file of saved work is at most " + MAX_BYTES + " (is this the right file?). Nothing was changed."; input.value = ""; return; }
      var reader = new win.FileReader();
      reader.onerror = function () { message.textContent = f.name + ": the file could not be read. Nothing was changed."; };
      reader.onload = function () {
        var got = read(f.name, reader.result, families, known);
        input.value = "";
        if (!got.ok) { message.textContent = got.message + ". Nothing was changed."; return; }
        var existing = {};
        S.entries().forEach(function (p) { existing[p[0]] = p[1]; });
        var plan = planRestore(got.data, existing, prefix, "book", families);
        showPlan(f.name, got.data, plan);
      };
      reader.readAsText(f);
    });
    function showPlan(name, data, plan) {
      confirmBox.textContent = "";
      message.textContent = "";
      confirmBox.appendChild(el(doc, "p", null, name + " holds the work of \u201c" + data.pseudonym + "\u201d saved on " + data.saved + ": " +
        plan.add.length + " new item" + (plan.add.length === 1 ? "" : "s") + " to add, " + plan.replace.length + " to replace, " +
        plan.same.length + " already here" + (plan.elsewhere.length ? ", " + plan.elsewhere.length + " saved in the notebooks (restored in JupyterLab)" : "") + "."));
      if (plan.replace.length) {
        confirmBox.appendChild(el(doc, "p", null, "These hold other work in this browser now. Restoring sets that work aside: it is kept in this browser, not deleted, and not used:"));
        var ul = el(doc, "ul", "tt-mywork-replaced");
        plan.replace.forEach(function (r) { ul.appendChild(el(doc, "li", null, labelOf(r.key, prefix, families, titles))); });
        confirmBox.appendChild(ul);
      }
      var go = el(doc, "button", "tt-mywork-restore", "Restore " + (plan.add.length + plan.replace.length) + " items");
      go.type = "button";
      go.disabled = plan.add.length + plan.replace.length === 0;
      var cancel = el(doc, "button", "tt-mywork-cancel", "Cancel");
      cancel.type = "button";
      cancel.addEventListener("click", function () { confirmBox.hidden = true; confirmBox.textContent = ""; message.textContent = "Nothing was changed."; });
      go.addEventListener("click", function () {
        var written = 0, aside = 0, failed = 0;
        plan.add.concat(plan.replace).forEach(function (r) {
          var done = S.put(r.key, r.raw);
          if (done.written) written += 1; else failed += 1;
          if (done.aside) aside += 1;
        });
        confirmBox.hidden = true;
        confirmBox.textContent = "";
        message.textContent = "Restored " + written + " items" + (aside ? "; " + aside + " set aside" : "") +
          (failed ? "; " + failed + " could not be written (this browser's storage is full or blocked)" : "") + ". Open a chapter to see them.";
        refresh();
      });
      confirmBox.appendChild(go);
      confirmBox.appendChild(cancel);
      confirmBox.hidden = false;
      go.focus();
    }
    refresh();
  }

  return {
    FORMAT: FORMAT, VERSION: VERSION, MAX_BYTES: MAX_BYTES, OTHER: OTHER,
    wordCount: wordCount, familyOf: familyOf, gather: gather, summarise: summarise, build: build,
    fileName: fileName, labelOf: labelOf, problems: problems, read: read, planRestore: planRestore, start: start
  };
});
