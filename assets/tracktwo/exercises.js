/* Track Two exercise engine: checks answers in the page, with no server and no kernel.
 *
 * Scoring and feedback mirror tracktwo/exercises/scoring.py rule for rule (a browser test feeds
 * the same answers to both and compares); STRINGS is a copy of tracktwo/exercises/messages.py
 * (a test compares them too). Answers are saved only in this browser's localStorage, under
 * "tracktwo:<course version>:exercise:<bank>/<item>". Nothing is ever sent anywhere: this file
 * makes no network request, uses no framework and sets no inline event handler.
 */
(function () {
  "use strict";

  var STRINGS = {
    type_single: "Single choice",
    type_multiple: "Multiple choice",
    type_classification: "Classification",
    type_ordering: "Ordering",
    instr_single: "Choose one answer.",
    instr_multiple: "Choose all the answers that apply.",
    instr_classification: "Choose a category for each item.",
    instr_ordering: "Put the items in order with the Move up and Move down buttons.",
    instr_ordering_form: "Write each item's position in the box next to it (1 = first).",
    objective: "Checks: {objective}",
    hint_label: "Hint:",
    check: "Check",
    hint_show: "Show hint",
    hint_hide: "Hide hint",
    solution: "Show solution",
    retry: "Retry",
    move_up: "Move up",
    move_down: "Move down",
    choose_category: "Choose a category",
    position_label: "Position",
    mark_right: "\u2713 Correct.",
    mark_wrong: "\u2717 Not correct.",
    mark_right_category: "\u2713 Right category.",
    mark_wrong_category: "\u2717 Not this category.",
    mark_blank: "\u2717 Not sorted yet.",
    mark_right_place: "\u2713 In the right place.",
    mark_wrong_place: "\u2717 Not in the right place.",
    solution_correct_option: "\u2713 A correct answer.",
    solution_wrong_option: "\u2717 Not a correct answer.",
    solution_category: "Belongs in: {category}.",
    solution_position: "Belongs at position {position}.",
    score: "Score: {points} of {max}.",
    all_right: "All correct. Well done.",
    some_right: "Partly correct. Change your answer and check again, or show the solution.",
    none_right: "Not correct yet. Change your answer and check again, or show the hint or the solution.",
    solution_shown: "Solution shown next to each item.",
    retry_done: "Cleared. Answer again.",
    moved: "Moved to position {position} of {total}: {item}",
    at_top: "Already first: {item}",
    at_bottom: "Already last: {item}",
    error_prefix: "\u26a0 ",
    empty_single: "Choose an answer before checking.",
    empty_multiple: "Choose at least one answer before checking.",
    empty_classification: "Choose a category for at least one item before checking.",
    empty_ordering: "Put the items in order before checking.",
    unknown_option: "Unknown option '{option}' in the answer to {exercise}.",
    unknown_category: "Unknown category '{category}' for item '{option}' in the answer to {exercise}.",
    duplicate_option: "Option '{option}' appears more than once in the answer to {exercise}.",
    bad_ordering: "The order given for {exercise} must list each of its {total} items exactly once.",
    bad_response: "The answer to {exercise} has the wrong form: expected {expected}.",
    unknown_type: "Exercise {exercise} has an unknown type '{type}'.",
    expected_single: "one option id",
    expected_multiple: "a list of option ids",
    expected_classification: "a mapping from item ids to category ids",
    expected_ordering: "a list of all the item ids",
    saved_unreadable: "Your saved answer to this exercise could not be read, so it was set aside.",
    storage_unavailable: "This browser does not allow saving, so your answers will be lost when you leave the page.",
    page_tools_intro: "Exercises on this page: {count}. Your answers are saved in this browser only and are never sent anywhere.",
    clear: "Clear my answers on this page",
    cleared: "Cleared the answers this browser had saved for the exercises on this page ({count}). Answers on other pages are kept.",
    page_score: "Exercises checked on this page: {checked} of {count}. Points: {points} of {max}.",
    bank_score: "Exercises checked in this bank: {checked} of {count}. Points: {points} of {max}.",
    noscript: "Checking answers needs JavaScript, which is off in this browser. You can still read the exercise and answer it on paper.",
    form_note: "Workshop form: answer on paper or on screen; your facilitator has the answer key.",
    key_note: "Answer key (instructor edition).",
    key_hint: "Hint for learners:",
    key_positions: "Positions, in the order the learner sees the items: {positions}."
  };

  function fmt(key, values) {
    return STRINGS[key].replace(/\{(\w+)\}/g, function (whole, name) {
      return values && Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole;
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

  function optionIds(data) {
    return data.options.map(function (o) { return o.id; });
  }

  function bad(data, kind) {
    return new ExerciseError(fmt("bad_response", { exercise: data.id, expected: STRINGS["expected_" + kind] }));
  }

  function unknown(data, option) {
    return new ExerciseError(fmt("unknown_option", { option: option, exercise: data.id }));
  }

  /* Check a response and return it in canonical form (scoring.normalise). */
  function normalise(data, response) {
    var ids = optionIds(data);
    var i;
    switch (data.type) {
      case "single":
        if (response === null || response === undefined || response === "") throw new ExerciseError(STRINGS.empty_single);
        if (typeof response !== "string") throw bad(data, "single");
        if (ids.indexOf(response) < 0) throw unknown(data, response);
        return response;
      case "multiple":
        if (response === null || response === undefined) throw new ExerciseError(STRINGS.empty_multiple);
        if (!Array.isArray(response)) throw bad(data, "multiple");
        if (response.length === 0) throw new ExerciseError(STRINGS.empty_multiple);
        var seen = [];
        for (i = 0; i < response.length; i++) {
          if (typeof response[i] !== "string") throw bad(data, "multiple");
          if (ids.indexOf(response[i]) < 0) throw unknown(data, response[i]);
          if (seen.indexOf(response[i]) >= 0) throw new ExerciseError(fmt("duplicate_option", { option: response[i], exercise: data.id }));
          seen.push(response[i]);
        }
        return seen;
      case "classification":
        if (response === null || response === undefined) throw new ExerciseError(STRINGS.empty_classification);
        if (!isPlainObject(response)) throw bad(data, "classification");
        var cats = data.categories.map(function (c) { return c.id; });
        var placed = {};
        var any = false;
        Object.keys(response).forEach(function (opt) {
          var cat = response[opt];
          if (cat === null || cat === undefined || cat === "") return;
          if (ids.indexOf(opt) < 0) throw unknown(data, opt);
          if (typeof cat !== "string" || cats.indexOf(cat) < 0) {
            throw new ExerciseError(fmt("unknown_category", { category: cat, option: opt, exercise: data.id }));
          }
          placed[opt] = cat;
          any = true;
        });
        if (!any) throw new ExerciseError(STRINGS.empty_classification);
        return placed;
      case "ordering":
        if (response === null || response === undefined || (Array.isArray(response) && response.length === 0)) {
          throw new ExerciseError(STRINGS.empty_ordering);
        }
        if (!Array.isArray(response)) throw bad(data, "ordering");
        for (i = 0; i < response.length; i++) {
          if (typeof response[i] !== "string") throw bad(data, "ordering");
          if (ids.indexOf(response[i]) < 0) throw unknown(data, response[i]);
        }
        var unique = response.filter(function (x, k) { return response.indexOf(x) === k; });
        if (response.length !== ids.length || unique.length !== response.length) {
          throw new ExerciseError(fmt("bad_ordering", { exercise: data.id, total: ids.length }));
        }
        return response.slice();
      default:
        throw new ExerciseError(fmt("unknown_type", { exercise: data.id, type: data.type }));
    }
  }

  /* Score a response: {points, max, marks, correct} (scoring.score). */
  function score(data, response) {
    var r = normalise(data, response);
    var ids = optionIds(data);
    var marks = {};
    var points = 0;
    var max = 0;
    if (data.type === "single") {
      ids.forEach(function (id) {
        if (id === r) marks[id] = id === data.answer ? "right" : "wrong";
        else marks[id] = id === data.answer ? "missed" : "none";
      });
      points = r === data.answer ? 1 : 0;
      max = 1;
    } else if (data.type === "multiple") {
      var right = 0;
      var wrong = 0;
      ids.forEach(function (id) {
        var chosen = r.indexOf(id) >= 0;
        var correct = data.answer.indexOf(id) >= 0;
        if (chosen) {
          marks[id] = correct ? "right" : "wrong";
          if (correct) right += 1; else wrong += 1;
        } else {
          marks[id] = correct ? "missed" : "none";
        }
      });
      points = Math.max(0, right - wrong);
      max = data.answer.length;
    } else if (data.type === "classification") {
      ids.forEach(function (id) {
        var placed = Object.prototype.hasOwnProperty.call(r, id) ? r[id] : null;
        marks[id] = placed === null ? "blank" : (placed === data.answer[id] ? "right" : "wrong");
        if (marks[id] === "right") points += 1;
      });
      max = ids.length;
    } else {
      r.forEach(function (id, pos) {
        marks[id] = data.answer[pos] === id ? "right" : "wrong";
        if (marks[id] === "right") points += 1;
      });
      max = ids.length;
    }
    return { points: points, max: max, marks: marks, correct: points === max };
  }

  function findBy(list, id) {
    for (var i = 0; i < list.length; i++) if (list[i].id === id) return list[i];
    return null;
  }

  /* Lines under one option: [[kind, text], ...] (scoring.option_feedback). */
  function optionFeedback(data, result, optionId, solutionShown) {
    var lines = [];
    var opt = findBy(data.options, optionId);
    var mark = result ? result.marks[optionId] : undefined;
    if (data.type === "single" || data.type === "multiple") {
      if (mark === "right") lines.push(["right", STRINGS.mark_right]);
      else if (mark === "wrong") lines.push(["wrong", STRINGS.mark_wrong]);
      if (solutionShown) {
        var correct = data.type === "multiple" ? data.answer.indexOf(optionId) >= 0 : data.answer === optionId;
        if (mark !== "right" && mark !== "wrong") {
          lines.push([correct ? "right" : "wrong", STRINGS[correct ? "solution_correct_option" : "solution_wrong_option"]]);
        }
        lines.push(["feedback", opt.feedback]);
      } else if (mark === "right" || mark === "wrong") {
        lines.push(["feedback", opt.feedback]);
      }
      return lines;
    }
    if (data.type === "classification") {
      if (mark === "right") lines.push(["right", STRINGS.mark_right_category]);
      else if (mark === "wrong") lines.push(["wrong", STRINGS.mark_wrong_category]);
      else if (mark === "blank") lines.push(["wrong", STRINGS.mark_blank]);
      if (solutionShown) lines.push(["info", fmt("solution_category", { category: findBy(data.categories, data.answer[optionId]).text })]);
      if (solutionShown || mark === "right") lines.push(["feedback", opt.feedback]);
      return lines;
    }
    if (mark === "right") lines.push(["right", STRINGS.mark_right_place]);
    else if (mark === "wrong") lines.push(["wrong", STRINGS.mark_wrong_place]);
    if (solutionShown) lines.push(["info", fmt("solution_position", { position: data.answer.indexOf(optionId) + 1 })]);
    if (solutionShown || mark === "right") lines.push(["feedback", opt.feedback]);
    return lines;
  }

  /* Lines for the status region (scoring.summary). */
  function summary(result, solutionShown) {
    var lines = [];
    if (result) {
      lines.push(fmt("score", { points: result.points, max: result.max }));
      if (!solutionShown) {
        lines.push(result.correct ? STRINGS.all_right : (result.points > 0 ? STRINGS.some_right : STRINGS.none_right));
      }
    }
    if (solutionShown) lines.push(STRINGS.solution_shown);
    return lines;
  }

  /* ------------------------------------------------------------------ saving in this browser */

  var PREFIX = "tracktwo:";
  var storage = (function () {
    try {
      var s = window.localStorage;
      var probe = PREFIX + "probe";
      s.setItem(probe, "1");
      s.removeItem(probe);
      return s;
    } catch (e) {
      return null;
    }
  })();

  function storageKey(version, id) {
    return PREFIX + version + ":exercise:" + id;
  }

  function load(key) {
    if (!storage) return null;
    var raw = storage.getItem(key);
    if (raw === null) return null;
    try {
      var saved = JSON.parse(raw);
      if (!isPlainObject(saved) || saved.v !== 1) throw new Error("shape");
      return saved;
    } catch (e) {
      return { unreadable: true };
    }
  }

  function save(key, value) {
    if (!storage) return;
    try {
      storage.setItem(key, JSON.stringify(value));
    } catch (e) { /* quota or privacy mode: the page still works, it just forgets */ }
  }

  /* Remove this exercise's answers saved under any course version. */
  function forget(id) {
    if (!storage) return;
    var suffix = ":exercise:" + id;
    var doomed = [];
    for (var i = 0; i < storage.length; i++) {
      var k = storage.key(i);
      if (k && k.indexOf(PREFIX) === 0 && k.slice(-suffix.length) === suffix) doomed.push(k);
    }
    doomed.forEach(function (k) { storage.removeItem(k); });
  }

  /* ------------------------------------------------------------------ one exercise in the page */

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function Exercise(root, page) {
    this.root = root;
    this.page = page;
    this.id = root.getAttribute("data-tt-exercise");
    this.version = root.getAttribute("data-tt-course-version") || "unknown";
    this.key = storageKey(this.version, this.id);
    this.data = JSON.parse(root.querySelector("script.tt-ex-data").textContent);
    this.type = this.data.type;
    this.resultBox = root.querySelector(".tt-ex-result");
    this.list = root.querySelector(".tt-ex-order");
    this.result = null;
    this.solutionShown = false;
    this.initialOrder = optionIds(this.data);
    this.wire();
    this.restore();
  }

  Exercise.prototype.optionItems = function () {
    return Array.prototype.slice.call(this.root.querySelectorAll("li.tt-ex-option"));
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
    root.addEventListener("click", function (event) {
      var button = event.target.closest("button");
      if (!button || !root.contains(button)) return;
      if (button.classList.contains("tt-ex-check")) self.check(true);
      else if (button.classList.contains("tt-ex-solution")) self.showSolution(true);
      else if (button.classList.contains("tt-ex-retry")) self.retry(true);
      else if (button.classList.contains("tt-ex-hint-toggle")) self.toggleHint(button);
      else if (button.classList.contains("tt-ex-up")) self.move(button, -1);
      else if (button.classList.contains("tt-ex-down")) self.move(button, 1);
    });
  };

  Exercise.prototype.toggleHint = function (button) {
    var hint = document.getElementById(button.getAttribute("aria-controls"));
    var open = button.getAttribute("aria-expanded") !== "true";
    button.setAttribute("aria-expanded", open ? "true" : "false");
    button.textContent = open ? STRINGS.hint_hide : STRINGS.hint_show;
    hint.hidden = !open;
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
    var p = el("p", isError ? "tt-ex-error" : "tt-ex-message", (isError ? STRINGS.error_prefix : "") + text);
    box.appendChild(p);
  };

  Exercise.prototype.clearMarks = function () {
    this.optionItems().forEach(function (li) {
      li.classList.remove("tt-ex-option--right", "tt-ex-option--wrong");
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
      if (mark === "right") li.classList.add("tt-ex-option--right");
      else if (mark === "wrong" || mark === "blank") li.classList.add("tt-ex-option--wrong");
    });
    var lines = summary(this.result, this.solutionShown);
    lines.forEach(function (line, i) {
      self.resultBox.appendChild(el("p", i === 0 && self.result ? "tt-ex-score" : "tt-ex-message", line));
    });
  };

  Exercise.prototype.state = function () {
    return {
      v: 1,
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
    if (this.result !== null || this.solutionShown) {
      this.result = null;
      this.solutionShown = false;
      this.clearMarks();
    }
    this.persist();
  };

  Exercise.prototype.check = function (announce) {
    try {
      this.result = score(this.data, this.getResponse());
    } catch (e) {
      this.result = null;
      this.clearMarks();
      this.say(e instanceof ExerciseError ? e.message : String(e && e.message || e), true);
      this.persist();
      return false;
    }
    this.render();
    this.persist();
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
    forget(this.id);
    this.page.update();
    if (moveFocus) {
      this.say(STRINGS.retry_done);
      var first = this.root.querySelector(".tt-ex-body input, .tt-ex-body select, .tt-ex-body button");
      if (first) first.focus();
    }
  };

  Exercise.prototype.restore = function () {
    var saved = load(this.key);
    if (!saved) return;
    if (saved.unreadable) {
      forget(this.id);
      this.say(STRINGS.saved_unreadable, true);
      return;
    }
    try {
      var response = saved.response;
      var empty = response === null || response === undefined ||
        (Array.isArray(response) && response.length === 0) ||
        (isPlainObject(response) && Object.keys(response).length === 0);
      if (!empty) response = normalise(this.data, response);
      this.setResponse(empty ? null : response);
      this.result = saved.checked && !empty ? score(this.data, response) : null;
      this.solutionShown = !!saved.solution;
      if (this.result || this.solutionShown) this.render();
    } catch (e) {
      this.setResponse(null);
      this.result = null;
      this.solutionShown = false;
      forget(this.id);
      this.say(STRINGS.saved_unreadable, true);
    }
  };

  /* ------------------------------------------------------------------ the page: clear + total */

  function Page(roots) {
    var self = this;
    this.exercises = [];
    this.tools = el("div", "tt-ex-page-tools");
    this.tools.appendChild(el("p", "tt-ex-page-intro", fmt("page_tools_intro", { count: roots.length })));
    if (!storage) this.tools.appendChild(el("p", "tt-ex-page-warning", STRINGS.error_prefix + STRINGS.storage_unavailable));
    this.scoreLine = el("p", "tt-ex-page-score");
    this.tools.appendChild(this.scoreLine);
    var clear = el("button", "tt-ex-clear", STRINGS.clear);
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
        var note = el("p", "tt-ex-error", STRINGS.error_prefix + (e && e.message ? e.message : String(e)));
        root.appendChild(note);
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
    ExerciseError: ExerciseError,
    normalise: normalise,
    score: score,
    optionFeedback: optionFeedback,
    summary: summary,
    storageKey: storageKey,
    page: null
  };

  function start() {
    var roots = Array.prototype.slice.call(document.querySelectorAll(".tt-exercise[data-tt-exercise]"));
    if (roots.length) window.TrackTwoExercises.page = new Page(roots);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
