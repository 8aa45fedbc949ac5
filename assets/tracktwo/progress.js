/* Track Two: your progress, read from what this browser has saved. Nothing leaves the device.
 * Described in docs/decisions/0002-exercise-engine.md ("the progress page script", under Implementation notes). */

(function (root, factory) {
  "use strict";
  var api = factory();
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.TrackTwoProgress = api;
  if (typeof document !== "undefined") api.start(document, root);
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  var PREFIX = "tracktwo";
  var FORMATS = [1, 2];

  function isObject(v) { return v !== null && typeof v === "object" && !Array.isArray(v); }
  function isCount(v) { return typeof v === "number" && isFinite(v) && v >= 0; }

  /* Split a storage key: {version, kind, id} or null when it is not one of the engine's keys. */
  function parseKey(key, prefix) {
    var start = (prefix || PREFIX) + ":";
    if (typeof key !== "string" || key.indexOf(start) !== 0) return null;
    var rest = key.slice(start.length);
    var m = /^([^:]+):(exercise|set-aside):(.+)$/.exec(rest);
    return m ? { version: m[1], kind: m[2], id: m[3] } : null;
  }

  /* One saved value -> {status, points, max}; status is "checked", "saved" or "unrecognised". */
  function readValue(raw) {
    var saved;
    try { saved = typeof raw === "string" ? JSON.parse(raw) : raw; } catch (e) { return { status: "unrecognised" }; }
    if (!isObject(saved) || FORMATS.indexOf(saved.v) < 0) return { status: "unrecognised" };
    if (saved.checked === true) {
      if (!isCount(saved.points) || !isCount(saved.max) || saved.points > saved.max) return { status: "unrecognised" };
      return { status: "checked", points: saved.points, max: saved.max, solution: saved.solution === true };
    }
    return { status: "saved", solution: saved.solution === true };
  }

  /* entries: [[key, value], ...] from storage. manifest: {version, chapters: [{title, url,
   * exercises: [{id, title}]}]}; prefix: the storage prefix (default "tracktwo"). Returns {chapters,
   * notes, totals}; never throws on bad data. */
  function summarise(entries, manifest, prefix) {
    var version = manifest && manifest.version;
    var chapters = (manifest && Array.isArray(manifest.chapters)) ? manifest.chapters : [];
    var known = {};
    chapters.forEach(function (ch) { (ch.exercises || []).forEach(function (ex) { known[ex.id] = ex; }); });
    var found = {};
    var notes = [];
    (entries || []).forEach(function (pair) {
      var key = Array.isArray(pair) ? pair[0] : null;
      var parsed = parseKey(key, prefix);
      if (!parsed) return;
      if (parsed.kind === "set-aside") {
        notes.push({ key: key, id: parsed.id, kind: "set-aside" });
        return;
      }
      if (parsed.version !== version) {
        notes.push({ key: key, id: parsed.id, kind: "other-version", version: parsed.version });
        return;
      }
      if (!known[parsed.id]) {
        notes.push({ key: key, id: parsed.id, kind: "unknown-exercise" });
        return;
      }
      found[parsed.id] = readValue(pair[1]);
    });
    /* Totals count each exercise once, though a review page may place it again. */
    var totals = { exercises: 0, checked: 0, saved: 0, unrecognised: 0, points: 0, max: 0 };
    Object.keys(known).forEach(function (id) {
      var v = found[id] || { status: "none" };
      totals.exercises += 1;
      if (v.status === "checked") { totals.checked += 1; totals.points += v.points; totals.max += v.max; }
      else if (v.status === "saved") totals.saved += 1;
      else if (v.status === "unrecognised") totals.unrecognised += 1;
    });
    var out = chapters.map(function (ch) {
      var row = { title: ch.title, url: ch.url, exercises: [], total: 0, checked: 0, saved: 0, unrecognised: 0, points: 0, max: 0 };
      (ch.exercises || []).forEach(function (ex) {
        var v = found[ex.id] || { status: "none" };
        row.exercises.push({ id: ex.id, title: ex.title, status: v.status, points: v.points, max: v.max });
        row.total += 1;
        if (v.status === "checked") { row.checked += 1; row.points += v.points; row.max += v.max; }
        else if (v.status === "saved") row.saved += 1;
        else if (v.status === "unrecognised") row.unrecognised += 1;
      });
      return row;
    });
    return { chapters: out, notes: notes, totals: totals };
  }

  /* ---------------------------------------------------------------- the page shell (browser only) */

  /* window.TTStorage (storage.js), or null when it is missing or the browser blocks storage. */
  function storageOf(win) {
    var s = win.TTStorage;
    return s && s.persistent() ? s : null;
  }

  function el(doc, tag, cls, text) {
    var n = doc.createElement(tag);
    if (cls) n.className = cls;
    if (text !== undefined) n.textContent = text;
    return n;
  }

  var STATUS = {
    checked: function (e) { return "Checked: " + e.points + " of " + e.max + " points"; },
    saved: function () { return "Answer saved, not yet checked"; },
    unrecognised: function () { return "Saved, format not recognised"; },
    none: function () { return "Not started"; }
  };
  var NOTE = {
    "set-aside": "an answer the exercise could not read was set aside (it is kept, not used)",
    "other-version": "an answer saved under another version of the course; the exercise starts afresh",
    "unknown-exercise": "an answer for an exercise this course no longer has"
  };

  function renderFull(doc, box, summary, storage) {
    var list = box.querySelector(".tt-progress-chapters");
    var status = box.querySelector(".tt-progress-status");
    list.textContent = "";
    var t = summary.totals;
    status.textContent = t.checked + t.saved + t.unrecognised === 0 && summary.notes.length === 0
      ? "Nothing is saved on this device yet. Answer an exercise in any chapter and it will appear here."
      : "On this device: " + t.checked + " of " + t.exercises + " exercises checked, " + t.points + " of " + t.max +
        " points" + (t.saved ? "; " + t.saved + " answered but not checked" : "") +
        (t.unrecognised ? "; " + t.unrecognised + " saved in a format not recognised" : "") + ".";
    summary.chapters.forEach(function (ch) {
      var section = el(doc, "section", "tt-progress-chapter");
      var h = el(doc, "h3", null);
      var a = el(doc, "a", null, ch.title);
      a.href = ch.url;
      h.appendChild(a);
      section.appendChild(h);
      section.appendChild(el(doc, "p", "tt-progress-line", ch.checked + " of " + ch.total + " checked" +
        (ch.max ? ", " + ch.points + " of " + ch.max + " points" : "") + "."));
      var ul = el(doc, "ul", "tt-progress-list");
      ch.exercises.forEach(function (ex) {
        var li = el(doc, "li", "tt-progress-" + ex.status);
        li.appendChild(el(doc, "span", "tt-progress-title", ex.title));
        li.appendChild(doc.createTextNode(" \u2014 "));
        li.appendChild(el(doc, "span", "tt-progress-state", STATUS[ex.status](ex)));
        ul.appendChild(li);
      });
      section.appendChild(ul);
      list.appendChild(section);
    });
    var notes = box.querySelector(".tt-progress-notes");
    notes.textContent = "";
    if (summary.notes.length) {
      notes.appendChild(el(doc, "p", null, "Also saved on this device, set aside and not counted above:"));
      var ul = el(doc, "ul", null);
      summary.notes.forEach(function (n) { ul.appendChild(el(doc, "li", null, n.id + ": " + NOTE[n.kind])); });
      notes.appendChild(ul);
    }
    var clear = box.querySelector(".tt-progress-clear");
    clear.hidden = !storage;
    clear.disabled = !storage || storage.entries().length === 0;
  }

  function start(doc, win) {
    var manifestNode = doc.querySelector("script.tt-progress-data");
    if (!manifestNode) return;
    var manifest;
    try { manifest = JSON.parse(manifestNode.textContent); } catch (e) { return; }
    var storage = storageOf(win);
    var full = doc.querySelector(".tt-progress");
    var mini = doc.querySelector(".tt-progress-mini");
    function refresh() {
      var summary = summarise(storage ? storage.entries() : [], manifest, storage ? storage.prefix : PREFIX);
      if (full) renderFull(doc, full, summary, storage);
      if (mini) {
        var ch = summary.chapters[0];
        var text = mini.querySelector(".tt-progress-mini-text");
        if (ch && text) text.textContent = "Your progress here: " + ch.checked + " of " + ch.total + " exercises checked" +
          (ch.max ? " (" + ch.points + " of " + ch.max + " points)" : "") + (ch.unrecognised ? "; " + ch.unrecognised + " saved in a format not recognised" : "") + ".";
      }
    }
    if (!storage) {
      var where = full || mini;
      if (where) where.insertBefore(el(doc, "p", "tt-progress-warning", "This browser does not let the course read saved answers (private mode or storage turned off), so no progress can be shown."), where.firstChild);
      return;
    }
    refresh();
    win.addEventListener("storage", refresh);
    doc.addEventListener("change", function () { win.setTimeout(refresh, 0); });
    doc.addEventListener("click", function (e) {
      if (e.target && e.target.closest && e.target.closest(".tt-ex-tools, .tt-exercise")) win.setTimeout(refresh, 0);
    });
    var clear = full && full.querySelector(".tt-progress-clear");
    if (clear) {
      clear.addEventListener("click", function () {
        var count = storage.entries().length;
        if (!win.confirm("Remove all " + count + " items the course has saved in this browser? This cannot be undone.")) return;
        storage.clearAll().then(function (done) {
          refresh();
          var msg = full.querySelector(".tt-progress-message");
          if (msg) msg.textContent = "Cleared " + done.items + " saved items" + (done.caches ? " and the offline copy" : "") +
            ". Nothing from this course is stored in this browser now.";
        });
      });
    }
  }

  return { PREFIX: PREFIX, parseKey: parseKey, readValue: readValue, summarise: summarise, start: start };
});
