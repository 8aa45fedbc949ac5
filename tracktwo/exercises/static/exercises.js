/* Track Two exercise engine: checks answers in the page, with no server and no kernel.
 * Described in docs/decisions/0002-exercise-engine.md ("the page engine", under Implementation notes). */

(function () {
  "use strict";

  var CONFIG = window.TrackTwoExercisesConfig || null;
  var STRINGS = CONFIG ? CONFIG.strings : {};
  var BANDS = CONFIG ? CONFIG.bands : [];
  var hasOwn = function (obj, key) { return Object.prototype.hasOwnProperty.call(obj, key); };

  /* A message by key (messages.py); a missing key is a bug, reported loudly (console error). */
  function msg(key) {
    if (!hasOwn(STRINGS, key)) throw new Error("Track Two exercises: message '" + key + "' is missing from messages.py");
    return STRINGS[key];
  }

  function fmt(key, values) {
    return msg(key).replace(/\{(\w+)\}/g, function (whole, name) {
      return values && hasOwn(values, name) ? String(values[name]) : whole;
    });
  }

  function ExerciseError(message) {
    this.name = "ExerciseError";
    this.message = message;
  }
  ExerciseError.prototype = Object.create(Error.prototype);
  ExerciseError.prototype.constructor = ExerciseError;

  function isPlainObject(x) {
    return x !== null && typeof x === "object" && !Array.isArray(x);
  }

  function isInt(x) {
    return typeof x === "number" && isFinite(x) && Math.floor(x) === x;
  }

  function optionIds(data) {
    return data.options.map(function (o) { return o.id; });
  }

  function findBy(list, id) {
    for (var i = 0; i < list.length; i++) if (list[i].id === id) return list[i];
    return null;
  }

  function error(data, key, values) {
    var v = { exercise: data.title };
    Object.keys(values || {}).forEach(function (k) { v[k] = values[k]; });
    return new ExerciseError(fmt(key, v));
  }

  function bad(data, kind) {
    return error(data, "bad_response", { expected: msg("expected_" + kind) });
  }

  function unknown(data, option) {
    return error(data, "unknown_option", { option: option });
  }

  function empty(data) {
    return new ExerciseError(msg("empty_" + data.type));
  }

  /* Check a response and return it in canonical form (scoring.normalise). */
  function normalise(data, response) {
    var ids = optionIds(data);
    var i;
    switch (data.type) {
      case "single":
        if (response === null || response === undefined || response === "") throw empty(data);
        if (typeof response !== "string") throw bad(data, "single");
        if (ids.indexOf(response) < 0) throw unknown(data, response);
        return response;
      case "multiple":
        if (response === null || response === undefined) throw empty(data);
        if (!Array.isArray(response)) throw bad(data, "multiple");
        if (response.length === 0) throw empty(data);
        var seen = [];
        for (i = 0; i < response.length; i++) {
          if (typeof response[i] !== "string") throw bad(data, "multiple");
          if (ids.indexOf(response[i]) < 0) throw unknown(data, response[i]);
          if (seen.indexOf(response[i]) >= 0) throw error(data, "duplicate_option", { option: response[i] });
          seen.push(response[i]);
        }
        return seen;
      case "classification":
        if (response === null || response === undefined) throw empty(data);
        if (!isPlainObject(response)) throw bad(data, "classification");
        var cats = data.categories.map(function (c) { return c.id; });
        var placed = {};
        var any = false;
        Object.keys(response).forEach(function (opt) {
          var cat = response[opt];
          if (cat === null || cat === undefined || cat === "") return;
          if (ids.indexOf(opt) < 0) throw unknown(data, opt);
          if (typeof cat !== "string" || cats.indexOf(cat) < 0) {
            throw error(data, "unknown_category", { category: cat, option: opt });
          }
          placed[opt] = cat;
          any = true;
        });
        if (!any) throw empty(data);
        return placed;
      case "ordering":
        if (response === null || response === undefined || (Array.isArray(response) && response.length === 0)) {
          throw empty(data);
        }
        if (!Array.isArray(response)) throw bad(data, "ordering");
        for (i = 0; i < response.length; i++) {
          if (typeof response[i] !== "string") throw bad(data, "ordering");
          if (ids.indexOf(response[i]) < 0) throw unknown(data, response[i]);
        }
        var unique = response.filter(function (x, k) { return response.indexOf(x) === k; });
        if (response.length !== ids.length || unique.length !== response.length) {
          throw error(data, "bad_ordering", { total: ids.length });
        }
        return response.slice();
      case "open":
        if (response === null || response === undefined) return { text: "", ticks: [] };
        if (!isPlainObject(response) || Object.keys(response).some(function (k) { return k !== "text" && k !== "ticks"; })) {
          throw bad(data, "open");
        }
        var text = hasOwn(response, "text") ? response.text : "";
        var ticks = hasOwn(response, "ticks") ? response.ticks : [];
        if (typeof text !== "string" || !Array.isArray(ticks)) throw bad(data, "open");
        var out = [];
        for (i = 0; i < ticks.length; i++) {
          var t = ticks[i];
          if (!isInt(t)) throw bad(data, "open");
          if (t < 0 || t >= data.checklist.length || out.indexOf(t) >= 0) throw error(data, "bad_tick", { tick: t });
          out.push(t);
        }
        return { text: text, ticks: out.sort(function (a, b) { return a - b; }) };
      default:
        throw error(data, "unknown_type", { type: data.type });
    }
  }

  /* Why an open item's checklist cannot be shown yet (scoring.reveal_problem). */
  function revealProblem(data, response) {
    var r = normalise(data, response);
    return r.text.trim() ? null : msg("empty_open");
  }

  /* The rationale if the option (placed in category) is an accepted alternative (scoring.accepted). */
  function accepted(data, optionId, category) {
    var cat = category || "";
    for (var i = 0; i < data.accept.length; i++) {
      var a = data.accept[i];
      if (a.option === optionId && (a.category || "") === cat) return a.rationale;
    }
    return null;
  }

  /* Positions in the longest run already in the right relative order (scoring.in_order). */
  function inOrder(ranks) {
    var n = ranks.length;
    var length = [];
    var prev = [];
    var i, j;
    for (i = 0; i < n; i++) { length.push(1); prev.push(-1); }
    for (i = 0; i < n; i++) {
      for (j = 0; j < i; j++) {
        if (ranks[j] < ranks[i] && length[j] + 1 > length[i]) {
          length[i] = length[j] + 1;
          prev[i] = j;
        }
      }
    }
    var keep = ranks.map(function () { return false; });
    if (n) {
      i = length.indexOf(Math.max.apply(null, length));
      while (i >= 0) {
        keep[i] = true;
        i = prev[i];
      }
    }
    return keep;
  }

  /* Score a response: {points, max, marks, correct, response} (scoring.score). */
  function score(data, response) {
    var r = normalise(data, response);
    var ids = optionIds(data);
    var marks = {};
    var points = 0;
    var max = 0;
    if (data.type === "single") {
      var ok = r === data.answer || accepted(data, r) !== null;
      ids.forEach(function (id) {
        if (id === r) marks[id] = id === data.answer ? "right" : (ok ? "accepted" : "wrong");
        else marks[id] = id === data.answer && !ok ? "missed" : "none";
      });
      points = ok ? 1 : 0;
      max = 1;
    } else if (data.type === "multiple") {
      ids.forEach(function (id) {
        var chosen = r.indexOf(id) >= 0;
        var correct = data.answer.indexOf(id) >= 0;
        var either = accepted(data, id) !== null;
        if (chosen) marks[id] = correct ? "right" : (either ? "accepted" : "wrong");
        else marks[id] = correct ? (either ? "accepted" : "missed") : "none";
        if (marks[id] === "wrong") points -= 1;
        else if (correct && (marks[id] === "right" || marks[id] === "accepted")) points += 1;
      });
      points = Math.max(0, points);
      max = data.answer.length;
    } else if (data.type === "classification") {
      ids.forEach(function (id) {
        var placed = hasOwn(r, id) ? r[id] : null;
        if (placed === null) marks[id] = "blank";
        else if (placed === data.answer[id]) marks[id] = "right";
        else marks[id] = accepted(data, id, placed) !== null ? "accepted" : "wrong";
        if (marks[id] === "right" || marks[id] === "accepted") points += 1;
      });
      max = ids.length;
    } else if (data.type === "open") {
      data.checklist.forEach(function (_, i) { marks[String(i)] = r.ticks.indexOf(i) >= 0 ? "ticked" : "none"; });
      points = r.ticks.length;
      max = data.checklist.length;
    } else {
      var ranks = r.map(function (id) { return data.answer.indexOf(id); });
      for (var i = 0; i < ranks.length; i++) {
        for (var j = i + 1; j < ranks.length; j++) if (ranks[i] < ranks[j]) points += 1;
      }
      var keep = inOrder(ranks);
      r.forEach(function (id, pos) {
        marks[id] = keep[pos] ? (ranks[pos] === pos ? "right" : "shifted") : "wrong";
      });
      max = ids.length * (ids.length - 1) / 2;
    }
    return { points: points, max: max, marks: marks, correct: points === max, response: r };
  }

  /* The score band (scoring.band; thresholds from scoring.BANDS via the build). */
  function band(points, max) {
    if (points === max) return "full";
    if (points === 0) return "none";
    for (var i = 0; i < BANDS.length; i++) {
      if (points * BANDS[i][1] >= max * BANDS[i][0]) return BANDS[i][2];
    }
    return "low";
  }

  /* Lines under one option: [[kind, text], ...] (scoring.option_feedback). */
  function optionFeedback(data, result, optionId, solutionShown) {
    var lines = [];
    var opt = findBy(data.options, optionId);
    var mark = result ? result.marks[optionId] : undefined;
    var rationale;
    if (data.type === "single" || data.type === "multiple") {
      if (mark === "right") lines.push(["right", msg("mark_right")]);
      else if (mark === "accepted") {
        lines.push(["accepted", msg("mark_accepted")]);
        lines.push(["feedback", accepted(data, optionId)]);
      } else if (mark === "wrong") lines.push(["wrong", msg("mark_wrong")]);
      if (solutionShown) {
        var correct = data.type === "multiple" ? data.answer.indexOf(optionId) >= 0 : data.answer === optionId;
        if (mark !== "right" && mark !== "wrong" && mark !== "accepted") {
          lines.push([correct ? "right" : "wrong", msg(correct ? "solution_correct_option" : "solution_wrong_option")]);
        }
        rationale = accepted(data, optionId);
        if (rationale !== null && mark !== "accepted") {
          lines.push(["accepted", msg("solution_accepted_option")]);
          lines.push(["feedback", rationale]);
        }
        lines.push(["feedback", opt.feedback]);
      } else if (mark === "right") {
        lines.push(["feedback", opt.feedback]);
      } else if (mark === "wrong") {
        lines.push(opt.clue ? ["clue", fmt("clue", { clue: opt.clue })] : ["feedback", opt.feedback]);
      }
      return lines;
    }
    if (data.type === "classification") {
      var placed = mark === "accepted" ? result.response[optionId] : null;
      if (mark === "right") lines.push(["right", msg("mark_right_category")]);
      else if (mark === "accepted") {
        lines.push(["accepted", msg("mark_accepted_category")]);
        lines.push(["feedback", accepted(data, optionId, placed)]);
      } else if (mark === "wrong") {
        lines.push(["wrong", msg("mark_wrong_category")]);
        if (opt.clue && !solutionShown) lines.push(["clue", fmt("clue", { clue: opt.clue })]);
      } else if (mark === "blank") lines.push(["wrong", msg("mark_blank")]);
      if (solutionShown) {
        lines.push(["info", fmt("solution_category", { category: findBy(data.categories, data.answer[optionId]).text })]);
        data.accept.forEach(function (a) {
          if (a.option === optionId && a.category !== placed) {
            lines.push(["accepted", fmt("solution_also_accepted", { category: findBy(data.categories, a.category).text })]);
            lines.push(["feedback", a.rationale]);
          }
        });
      }
      if (solutionShown || mark === "right") lines.push(["feedback", opt.feedback]);
      return lines;
    }
    if (mark === "right") lines.push(["right", msg("mark_right_place")]);
    else if (mark === "shifted") lines.push(["right", msg("mark_in_order")]);
    else if (mark === "wrong") {
      lines.push(["wrong", msg("mark_wrong_place")]);
      if (opt.clue && !solutionShown) lines.push(["clue", fmt("clue", { clue: opt.clue })]);
    }
    if (solutionShown) lines.push(["info", fmt("solution_position", { position: data.answer.indexOf(optionId) + 1 })]);
    if (solutionShown || mark === "right" || mark === "shifted") lines.push(["feedback", opt.feedback]);
    return lines;
  }

  /* Lines for the status region (scoring.summary). */
  function summary(data, result, solutionShown) {
    var lines = [];
    if (data.type === "open") {
      if (result) {
        lines.push(fmt("self_check", { points: result.points, max: result.max }));
        var level = band(result.points, result.max);
        lines.push(msg(level === "full" ? "open_full" : (level === "none" ? "open_none" : "open_some")));
      }
      return lines;
    }
    if (result) {
      lines.push(fmt("score", { points: result.points, max: result.max }));
      if (data.type === "ordering") lines.push(fmt("pairs_in_order", { points: result.points, max: result.max }));
      if (!solutionShown) {
        lines.push(msg("band_" + band(result.points, result.max)));
        var anyAccepted = Object.keys(result.marks).some(function (k) { return result.marks[k] === "accepted"; });
        if (anyAccepted) lines.push(msg("accepted_note"));
        if (data.type === "single" || data.type === "multiple") {
          data.options.forEach(function (o) {
            if (result.marks[o.id] === "missed" && o.clue) lines.push(fmt("clue", { clue: o.clue }));
          });
        }
      }
    }
    if (solutionShown) lines.push(msg("solution_shown"));
    return lines;
  }

  /* ------------------------------------------------------------------ saving in this browser */

  /* Storage is window.TTStorage (assets/tracktwo/storage.js, loaded first on every page): it owns
   * the key scheme, the keep mode and set aside. Without it (a page without the course's plugin)
   * answers last until the page is left. */
  var FORMAT = 2;
  var store = window.TTStorage || null;

  function storageKey(version, id) {
    return store ? store.key(version, "exercise", id) : "tracktwo:" + version + ":exercise:" + id;
  }

  function setAsideKey(version, id) {
    return store ? store.key(version, "set-aside", id) : "tracktwo:" + version + ":set-aside:" + id;
  }

  /* A saved value (a string, or null) as {response, checked, solution}; {unreadable: true} when it
   * cannot be used. Format 1 (before accepted alternatives and open items) has the same fields. */
  function readSaved(raw) {
    if (raw === null || raw === undefined) return null;
    var saved;
    try {
      saved = JSON.parse(raw);
    } catch (e) {
      return { unreadable: true };
    }
    if (!isPlainObject(saved) || (saved.v !== 1 && saved.v !== FORMAT)) return { unreadable: true };
    return {
      response: saved.response === undefined ? null : saved.response,
      checked: saved.checked === true,
      solution: saved.solution === true
    };
  }

  function save(key, value) {
    if (store) store.set(key, value); /* quota or privacy mode: the page still works, it just forgets */
  }

  /* Keep an unusable saved value out of the way, but never delete a learner's work. */
  function setAside(version, id) {
    if (store) store.setAside(storageKey(version, id), setAsideKey(version, id));
  }

  /* Remove this exercise's answers (and set-aside values) saved under any course version. */
  function forget(id) {
    if (!store) return;
    var suffixes = [":exercise:" + id, ":set-aside:" + id];
    store.keys().forEach(function (k) {
      if (suffixes.some(function (s) { return k.slice(-s.length) === s; })) store.remove(k);
    });
  }

  /* ------------------------------------------------------------------ one exercise in the page */

  function el(tag, className, text, attrs) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    return node;
  }

  /* The page's JSON leaves out what the page shows (render.page_data: the title, the options' texts,
   * the checklist's points): read it back, so the functions above get the full data. */
  function withPageText(d, root) {
    var text = function (n) { return n ? n.textContent : ""; };
    d.title = text(root.querySelector(".tt-ex-title"));
    d.options = (d.options || []).map(function (o) {
      var li = root.querySelector('[data-option="' + o.id + '"]');
      return { id: o.id, text: text(li && li.querySelector("label, .tt-ex-item-text")), feedback: o.feedback, clue: o.clue || "" };
    });
    d.categories = d.categories || [];
    d.accept = d.accept || [];
    d.checklist = Array.prototype.map.call(root.querySelectorAll(".tt-ex-point label"), text);
    if (!hasOwn(d, "answer")) d.answer = null;
    return d;
  }

  function Exercise(root, page) {
    this.root = root;
    this.page = page;
    this.id = root.getAttribute("data-tt-exercise");
    this.version = root.getAttribute("data-tt-course-version") || "unknown";
    this.key = storageKey(this.version, this.id);
    this.data = withPageText(JSON.parse(root.querySelector("script.tt-ex-data").textContent), root);
    this.type = this.data.type;
    this.resultBox = root.querySelector(".tt-ex-result");
    this.list = root.querySelector(".tt-ex-order");
    this.answerBox = root.querySelector("textarea.tt-ex-answer");
    this.checklist = root.querySelector(".tt-ex-checklist");
    this.model = this.buildModel();
    this.modelToggle = this.model ? this.model.querySelector(".tt-ex-model-toggle") : null;
    this.result = null;
    this.solutionShown = false;
    this.initialOrder = optionIds(this.data);
    this.wire();
    this.restore();
  }

  Exercise.prototype.optionItems = function () {
    return Array.prototype.slice.call(this.root.querySelectorAll("li.tt-ex-option"));
  };

  Exercise.prototype.tickBoxes = function () {
    return Array.prototype.slice.call(this.root.querySelectorAll("input.tt-ex-tick"));
  };

  Exercise.prototype.textOf = function (optionId) {
    var o = findBy(this.data.options, optionId);
    return o ? o.text : optionId;
  };

  Exercise.prototype.getResponse = function () {
    var root = this.root;
    if (this.type === "single") {
      var checked = root.querySelector("input[type=radio]:checked");
      return checked ? checked.value : null;
    }
    if (this.type === "multiple") {
      return Array.prototype.map.call(root.querySelectorAll("input[type=checkbox]:checked"), function (i) { return i.value; });
    }
    if (this.type === "classification") {
      var out = {};
      this.optionItems().forEach(function (li) {
        var v = li.querySelector("select").value;
        if (v) out[li.getAttribute("data-option")] = v;
      });
      return out;
    }
    if (this.type === "open") {
      var ticks = [];
      this.tickBoxes().forEach(function (box) { if (box.checked) ticks.push(Number(box.value)); });
      return { text: this.answerBox.value, ticks: ticks };
    }
    return this.optionItems().map(function (li) { return li.getAttribute("data-option"); });
  };

  /* Put a (validated) response into the controls; null resets them. */
  Exercise.prototype.setResponse = function (response) {
    var self = this;
    if (this.type === "single" || this.type === "multiple") {
      var chosen = response === null ? [] : (this.type === "single" ? [response] : response);
      Array.prototype.forEach.call(this.root.querySelectorAll("input"), function (input) {
        input.checked = chosen.indexOf(input.value) >= 0;
      });
    } else if (this.type === "classification") {
      this.optionItems().forEach(function (li) {
        var v = response && response[li.getAttribute("data-option")];
        li.querySelector("select").value = v || "";
      });
    } else if (this.type === "open") {
      var r = response || { text: "", ticks: [] };
      this.answerBox.value = r.text;
      this.tickBoxes().forEach(function (box) { box.checked = r.ticks.indexOf(Number(box.value)) >= 0; });
    } else {
      var order = response || this.initialOrder;
      var byId = {};
      this.optionItems().forEach(function (li) { byId[li.getAttribute("data-option")] = li; });
      order.forEach(function (id) { self.list.appendChild(byId[id]); });
      this.updateMoveButtons();
    }
  };

  Exercise.prototype.updateMoveButtons = function () {
    var items = this.optionItems();
    items.forEach(function (li, i) {
      li.querySelector(".tt-ex-up").setAttribute("aria-disabled", i === 0 ? "true" : "false");
      li.querySelector(".tt-ex-down").setAttribute("aria-disabled", i === items.length - 1 ? "true" : "false");
    });
  };

  Exercise.prototype.wire = function () {
    var self = this;
    var root = this.root;
    root.querySelector(".tt-ex-actions").hidden = false;
    Array.prototype.forEach.call(root.querySelectorAll(".tt-ex-move"), function (m) { m.hidden = false; });
    if (this.list) this.updateMoveButtons();
    root.addEventListener("change", function (event) {
      if (event.target.matches("input, select")) self.changed();
    });
    root.addEventListener("input", function (event) {
      if (event.target.matches("textarea")) self.changed();
    });
    root.addEventListener("click", function (event) {
      var button = event.target.closest("button");
      if (!button || !root.contains(button)) return;
      if (button.classList.contains("tt-ex-check") || button.classList.contains("tt-ex-reveal")) self.check(true);
      else if (button.classList.contains("tt-ex-solution")) self.showSolution(true);
      else if (button.classList.contains("tt-ex-retry")) self.retry(true);
      else if (button.classList.contains("tt-ex-hint-toggle")) self.toggleHint(button);
      else if (button.classList.contains("tt-ex-model-toggle")) self.showModel(true, button.getAttribute("aria-expanded") !== "true");
      else if (button.classList.contains("tt-ex-up")) self.move(button, -1);
      else if (button.classList.contains("tt-ex-down")) self.move(button, 1);
    });
  };

  Exercise.prototype.toggleHint = function (button) {
    var hint = document.getElementById(button.getAttribute("aria-controls"));
    var open = button.getAttribute("aria-expanded") !== "true";
    button.setAttribute("aria-expanded", open ? "true" : "false");
    button.textContent = msg(open ? "hint_hide" : "hint_show");
    hint.hidden = !open;
  };

  /* An open item's model answer, under its checklist and hidden like it: a closed disclosure, a
   * heading (its level from the page: one below the exercise's section) holding a button that opens
   * it (aria-expanded, aria-controls). Built hidden, so it takes no room until it is shown. */
  Exercise.prototype.buildModel = function () {
    var m = this.data.model;
    if (!m || !this.checklist) return null;
    var id = this.root.id + "--model";
    var section = el("section", "tt-ex-model", undefined, { id: id, "aria-labelledby": id + "--heading", hidden: "" });
    var heading = el("h" + m.level, "tt-ex-model-heading", undefined, { id: id + "--heading" });
    var body = el("div", "tt-ex-model-body", undefined, { id: id + "--body", hidden: "" });
    var why = el("p", "tt-ex-model-why", " " + m.why);
    var attrs = { type: "button", "aria-expanded": "false", "aria-controls": id + "--body" };
    heading.appendChild(el("button", "tt-ex-model-toggle", msg("model_heading"), attrs));
    why.insertBefore(el("strong", null, msg("model_why")), why.firstChild);
    [el("p", "tt-ex-model-note", msg("model_note")), el("p", "tt-ex-model-text", m.text), why].forEach(function (p) {
      body.appendChild(p);
    });
    section.appendChild(heading);
    section.appendChild(body);
    this.checklist.after(section);
    return section;
  };

  /* Shown (closed) only once the learner has written an answer and asked for the checklist; hidden
   * and closed otherwise. ``open`` opens or closes the disclosure while it is shown. */
  Exercise.prototype.showModel = function (show, open) {
    open = !!(show && open);
    this.model.hidden = !show;
    this.modelToggle.setAttribute("aria-expanded", String(open));
    this.model.lastChild.hidden = !open;
  };

  Exercise.prototype.move = function (button, delta) {
    var li = button.closest("li.tt-ex-option");
    var items = this.optionItems();
    var index = items.indexOf(li);
    var target = index + delta;
    var name = this.textOf(li.getAttribute("data-option"));
    if (target < 0 || target >= items.length) {
      this.say(fmt(delta < 0 ? "at_top" : "at_bottom", { item: name }));
      return;
    }
    if (delta < 0) this.list.insertBefore(li, items[target]);
    else this.list.insertBefore(items[target], li);
    this.updateMoveButtons();
    button.focus();
    this.changed();
    this.say(fmt("moved", { item: name, position: target + 1, total: items.length }));
  };

  Exercise.prototype.say = function (text, isError) {
    var box = this.resultBox;
    box.textContent = "";
    box.classList.toggle("tt-ex-result--error", !!isError);
    box.appendChild(el("p", isError ? "tt-ex-error" : "tt-ex-message", (isError ? msg("error_prefix") : "") + text));
  };

  Exercise.prototype.clearMarks = function () {
    this.optionItems().forEach(function (li) {
      li.classList.remove("tt-ex-option--right", "tt-ex-option--wrong", "tt-ex-option--accepted");
      li.querySelector(".tt-ex-feedback").textContent = "";
    });
    this.resultBox.textContent = "";
    this.resultBox.classList.remove("tt-ex-result--error");
  };

  Exercise.prototype.render = function () {
    var self = this;
    this.clearMarks();
    this.optionItems().forEach(function (li) {
      var id = li.getAttribute("data-option");
      var lines = optionFeedback(self.data, self.result, id, self.solutionShown);
      var box = li.querySelector(".tt-ex-feedback");
      lines.forEach(function (line) {
        box.appendChild(el("p", "tt-ex-line tt-ex-line--" + line[0], line[1]));
      });
      var mark = self.result ? self.result.marks[id] : null;
      if (mark === "right" || mark === "shifted") li.classList.add("tt-ex-option--right");
      else if (mark === "accepted") li.classList.add("tt-ex-option--accepted");
      else if (mark === "wrong" || mark === "blank") li.classList.add("tt-ex-option--wrong");
    });
    if (this.checklist) this.checklist.hidden = !this.result;
    if (this.model) {
      this.showModel(!!this.result && this.result.response.text.trim() !== "", this.modelToggle.getAttribute("aria-expanded") === "true");
    }
    summary(this.data, this.result, this.solutionShown).forEach(function (line, i) {
      self.resultBox.appendChild(el("p", i === 0 && self.result ? "tt-ex-score" : "tt-ex-message", line));
    });
  };

  Exercise.prototype.state = function () {
    return {
      v: FORMAT,
      response: this.getResponse(),
      checked: this.result !== null,
      solution: this.solutionShown,
      points: this.result ? this.result.points : null,
      max: this.result ? this.result.max : null
    };
  };

  Exercise.prototype.persist = function () {
    save(this.key, this.state());
    this.page.update();
  };

  Exercise.prototype.changed = function () {
    if (this.type === "open") {
      // A self-check stays open while the learner revises the answer or ticks points.
      if (this.result !== null) {
        this.result = score(this.data, this.getResponse());
        this.render();
      }
    } else if (this.result !== null || this.solutionShown) {
      this.result = null;
      this.solutionShown = false;
      this.clearMarks();
    }
    this.persist();
  };

  Exercise.prototype.check = function (announce) {
    var response = this.getResponse();
    try {
      if (this.type === "open") {
        var problem = revealProblem(this.data, response);
        if (problem) throw new ExerciseError(problem);
      }
      this.result = score(this.data, response);
    } catch (e) {
      this.result = null;
      this.clearMarks();
      if (this.checklist) this.checklist.hidden = true;
      if (this.model) this.showModel(false);
      this.say(e instanceof ExerciseError ? e.message : String(e && e.message || e), true);
      this.persist();
      if (announce && this.answerBox) this.answerBox.focus();
      return false;
    }
    this.render();
    this.persist();
    if (announce && this.type === "open") {
      if (this.model) this.resultBox.insertBefore(el("p", "tt-ex-message", msg("model_shown")), this.resultBox.firstChild);
      this.resultBox.insertBefore(el("p", "tt-ex-message", msg("checklist_shown")), this.resultBox.firstChild);
      var first = this.tickBoxes()[0];
      if (first) first.focus();
    }
    return true;
  };

  Exercise.prototype.showSolution = function () {
    this.solutionShown = true;
    this.render();
    this.persist();
  };

  /* Start again: empty controls (ordering: the first order), no marks, nothing saved. */
  Exercise.prototype.retry = function (moveFocus) {
    this.result = null;
    this.solutionShown = false;
    this.setResponse(null);
    this.clearMarks();
    if (this.checklist) this.checklist.hidden = true;
    if (this.model) this.showModel(false);
    forget(this.id);
    this.page.update();
    if (moveFocus) {
      this.say(msg("retry_done"));
      var first = this.root.querySelector(".tt-ex-body input, .tt-ex-body select, .tt-ex-body button, .tt-ex-body textarea");
      if (first) first.focus();
    }
  };

  Exercise.prototype.restore = function () {
    var saved = store ? readSaved(store.getRaw(this.key)) : null;
    if (!saved) return;
    if (saved.unreadable) {
      setAside(this.version, this.id);
      this.say(msg("saved_unreadable"), true);
      return;
    }
    try {
      var response = saved.response;
      var empty = response === null || response === undefined ||
        (Array.isArray(response) && response.length === 0) ||
        (this.type !== "open" && isPlainObject(response) && Object.keys(response).length === 0);
      if (!empty) response = normalise(this.data, response);
      this.setResponse(empty ? null : response);
      this.result = saved.checked && !empty ? score(this.data, response) : null;
      this.solutionShown = saved.solution && this.type !== "open";
      if (this.result || this.solutionShown) this.render();
    } catch (e) {
      this.setResponse(null);
      this.result = null;
      this.solutionShown = false;
      setAside(this.version, this.id);
      this.say(msg("saved_unreadable"), true);
    }
  };

  /* ------------------------------------------------------------------ the page: clear + total */

  function Page(roots) {
    var self = this;
    this.exercises = [];
    this.tools = el("div", "tt-ex-page-tools");
    this.tools.appendChild(el("p", "tt-ex-page-intro", fmt("page_tools_intro", { count: roots.length })));
    if (!store || !store.persistent()) this.tools.appendChild(el("p", "tt-ex-page-warning", msg("error_prefix") + msg("storage_unavailable")));
    this.scoreLine = el("p", "tt-ex-page-score");
    this.tools.appendChild(this.scoreLine);
    var clear = el("button", "tt-ex-clear", msg("clear"));
    clear.type = "button";
    this.tools.appendChild(clear);
    this.status = el("p", "tt-ex-page-status");
    this.status.setAttribute("role", "status");
    this.status.setAttribute("aria-live", "polite");
    this.tools.appendChild(this.status);
    roots[0].parentNode.insertBefore(this.tools, roots[0]);
    clear.addEventListener("click", function () { self.clearAll(); });
    this.ready = false;
    roots.forEach(function (root) {
      try {
        self.exercises.push(new Exercise(root, self));
      } catch (e) {
        root.appendChild(el("p", "tt-ex-error", msg("error_prefix") + (e && e.message ? e.message : String(e))));
      }
    });
    this.ready = true;
    this.update();
  }

  Page.prototype.update = function () {
    if (!this.ready) return;
    var checked = 0;
    var points = 0;
    var max = 0;
    this.exercises.forEach(function (ex) {
      if (ex.result) {
        checked += 1;
        points += ex.result.points;
        max += ex.result.max;
      }
    });
    this.scoreLine.textContent = fmt("page_score", { checked: checked, count: this.exercises.length, points: points, max: max });
  };

  Page.prototype.clearAll = function () {
    this.exercises.forEach(function (ex) { ex.retry(false); });
    this.update();
    this.status.textContent = fmt("cleared", { count: this.exercises.length });
  };

  /* For the tests (and the curious): the same functions the page uses. */
  window.TrackTwoExercises = {
    STRINGS: STRINGS,
    BANDS: BANDS,
    ExerciseError: ExerciseError,
    normalise: normalise,
    revealProblem: revealProblem,
    accepted: accepted,
    inOrder: inOrder,
    score: score,
    band: band,
    optionFeedback: optionFeedback,
    summary: summary,
    readSaved: readSaved,
    storageKey: storageKey,
    setAsideKey: setAsideKey,
    page: null
  };

  function start() {
    var roots = Array.prototype.slice.call(document.querySelectorAll(".tt-exercise[data-tt-exercise]"));
    if (!roots.length) return;
    if (!CONFIG) {
      // The buttons stay hidden (nothing that does not work is shown); the noscript-like state remains.
      if (window.console) window.console.error("Track Two exercises: exercises-messages.js did not load");
      return;
    }
    window.TrackTwoExercises.page = new Page(roots);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
