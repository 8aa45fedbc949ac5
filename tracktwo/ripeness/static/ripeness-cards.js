/* Ripeness with evidence: the judging form on each evidence card (static book; no request to any host).
 *
 * tracktwo/ripeness/evidence_cards.py writes each div.tt-ripeness-card with the card's data as JSON.
 * judgementProblems() and evidenceState() mirror tracktwo/ripeness/evidence.py line for line;
 * tests/test_ripeness_evidence.py runs both over every judgement of every card and compares.
 * The learner's judgements are kept through window.TTStorage only (assets/tracktwo/storage.js), under
 * "<prefix>:ripeness:v1:<card id>"; in keep-nothing mode they last as long as the tab.
 */
(function (root) {
  "use strict";

  var LEVELS = ["absent", "emerging", "present"];
  var INGREDIENTS = ["stalemate", "way_out"];
  var SIDES = ["a", "b"];
  var STATE_LABELS = { "not-ripe": "Not ripe", ripening: "Ripening", ripe: "Ripe" };
  var INGREDIENT_NAMES = { stalemate: "a mutually hurting stalemate", way_out: "a way out" };
  var INGREDIENT_HEADINGS = { stalemate: "A mutually hurting stalemate", way_out: "A perceived way out" };
  var SIDE_NAMES = { a: "side A", b: "side B" };

  function legend(ing, side, parties) {
    return INGREDIENT_HEADINGS[ing] + ", for " + SIDE_NAMES[side] + ": " + parties[side === "a" ? 0 : 1];
  }

  function has(o, k) { return Object.prototype.hasOwnProperty.call(o, k); }
  function isMap(x) { return x !== null && typeof x === "object" && !Array.isArray(x); }

  function judgementProblems(j) {
    if (!isMap(j)) return ["a judgement is a mapping of stalemate and way_out to each side's level"];
    var problems = [];
    Object.keys(j).forEach(function (k) {
      if (INGREDIENTS.indexOf(k) === -1) problems.push("unknown field " + JSON.stringify(String(k).slice(0, 40)) + " (the fields are stalemate, way_out)");
    });
    INGREDIENTS.forEach(function (ing) {
      var sides = j[ing];
      if (sides === null || sides === undefined) return;
      if (!isMap(sides)) { problems.push("field '" + ing + "' must map side a and side b to a level"); return; }
      Object.keys(sides).forEach(function (k) {
        if (SIDES.indexOf(k) === -1) problems.push("field '" + ing + "': unknown side " + JSON.stringify(String(k).slice(0, 40)) + " (the sides are a, b)");
      });
      SIDES.forEach(function (side) {
        var level = sides[side];
        if (level !== null && level !== undefined && LEVELS.indexOf(level) === -1) {
          problems.push("field '" + ing + "." + side + "': " + JSON.stringify(String(level).slice(0, 40)) + " is not a level; use absent, emerging or present");
        }
      });
    });
    return problems;
  }

  function levelOf(j, ing, side) { var s = j[ing]; return s && s[side] ? s[side] : null; }

  function complete(j) {
    if (judgementProblems(j).length) return false;
    for (var i = 0; i < INGREDIENTS.length; i++) for (var k = 0; k < SIDES.length; k++) if (!levelOf(j, INGREDIENTS[i], SIDES[k])) return false;
    return true;
  }

  function bearing(indicators, ing, side) {
    return indicators.filter(function (x) { return x.bears_on === ing && (x.side === side || x.side === "both"); });
  }

  function indicatorLabel(ind) {
    if (isMap(ind.event)) return ind.event.title;
    var text = ind.text || ind.id;
    return text.split(". ")[0].replace(/\.+$/, "");
  }

  function join(items) {
    if (items.length <= 1) return items.join("");
    return items.slice(0, -1).join(", ") + " and " + items[items.length - 1];
  }

  function evidenceState(j, indicators) {
    indicators = indicators || [];
    var problems = judgementProblems(j);
    if (problems.length) throw new Error("judgement: " + problems[0]);
    var pairs = [];
    INGREDIENTS.forEach(function (i) { SIDES.forEach(function (s) { pairs.push([i, s]); }); });
    pairs.forEach(function (p) { if (!levelOf(j, p[0], p[1])) throw new Error("judgement: field '" + p[0] + "." + p[1] + "' is not judged yet"); });
    var values = pairs.map(function (p) { return levelOf(j, p[0], p[1]); });
    var state, weak;
    if (values.indexOf("absent") !== -1) { state = "not-ripe"; weak = "absent"; }
    else if (values.indexOf("emerging") !== -1) { state = "ripening"; weak = "emerging"; }
    else { state = "ripe"; weak = "present"; }
    var names = SIDE_NAMES;
    var limiting = pairs.filter(function (p) { return levelOf(j, p[0], p[1]) === weak; }).map(function (p) { return [p[0], p[1], weak]; });
    var drivers = [];
    limiting.forEach(function (l) {
      bearing(indicators, l[0], l[1]).forEach(function (x) { if (drivers.indexOf(x.id) === -1) drivers.push(x.id); });
    });
    var phrases = limiting.map(function (l) { return INGREDIENT_NAMES[l[0]] + " " + weak + " for " + names[l[1]]; });
    var head = state === "ripe" ? "Ripe, because you judged both ingredients present for both sides"
      : STATE_LABELS[state] + ", because you judged " + join(phrases);
    var byId = {};
    indicators.forEach(function (x) { byId[x.id] = x; });
    var these = limiting.length > 1 ? "these judgements" : "this judgement";
    var evidence = drivers.length
      ? "The indicators that bear on " + these + ": " + drivers.map(function (d) { return indicatorLabel(byId[d]); }).join("; ") + "."
      : "No indicator on this card bears on " + these + ": it rests on your own reading, so name the evidence you used.";
    var would;
    if (state === "not-ripe") {
      would = "It would be ripening if " + join(limiting.map(function (l) { return INGREDIENT_NAMES[l[0]] + " were at least emerging for " + names[l[1]]; })) + ", with nothing else absent.";
    } else if (state === "ripening") {
      would = "It would be ripe if " + join(limiting.map(function (l) { return INGREDIENT_NAMES[l[0]] + " were present for " + names[l[1]]; })) + "; it would be not ripe if any ingredient became absent for either side.";
    } else {
      would = "It would be only ripening if either ingredient weakened to emerging for either side, and not ripe if one became absent.";
    }
    return { state: state, label: STATE_LABELS[state], limiting: limiting, drivers: drivers, because: head + ". " + evidence, would_change: would };
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

  function store() { var s = root.TTStorage; return s && s.persistent() ? s : null; }

  var counter = 0;

  function mount(host) {
    if (host.getAttribute("data-ready")) return;
    var dataEl = host.querySelector('script[type="application/json"]');
    if (!dataEl) return;
    var card;
    try { card = JSON.parse(dataEl.textContent); } catch (e) { return; }
    var uid = "ttr" + (++counter);
    var key = root.TTStorage ? root.TTStorage.key("ripeness", "v1", card.id) : null;
    var judgement = { stalemate: { a: null, b: null }, way_out: { a: null, b: null } };
    var s = store();
    var message = "";
    if (s && key) {
      var raw = s.getRaw(key);
      if (raw !== null) {
        var saved = null, problems;
        try { saved = JSON.parse(raw); problems = judgementProblems(saved); } catch (e) { problems = ["it is not valid JSON"]; }
        if (!problems.length) {
          INGREDIENTS.forEach(function (i) { SIDES.forEach(function (sd) { judgement[i][sd] = levelOf(saved, i, sd); }); });
        } else {
          var aside = s.setAside(key);
          message = "Your saved judgement of this card could not be read (" + problems[0] + "), so it was set aside under \"" + aside + "\" and the form starts empty.";
        }
      }
    }
    var notice = host.querySelector(".tt-rc-noscript");
    if (notice) notice.hidden = true;
    var reading = host.querySelector("details.tt-rc-reading");
    var form = el("form", { class: "tt-rc-form", "aria-label": "Judge this card" });
    form.addEventListener("submit", function (ev) { ev.preventDefault(); });
    INGREDIENTS.forEach(function (ing) {
      SIDES.forEach(function (side) {
        var fs = el("fieldset", { class: "tt-rc-field", "data-judge": ing + "." + side },
          [el("legend", { text: legend(ing, side, card.parties) })]);
        LEVELS.forEach(function (level) {
          var id = uid + "-" + ing + "-" + side + "-" + level;
          var input = el("input", { type: "radio", name: uid + "-" + ing + "-" + side, id: id, value: level });
          if (judgement[ing][side] === level) input.checked = true;
          input.addEventListener("change", function () { judgement[ing][side] = level; changed(); });
          fs.appendChild(el("span", { class: "tt-rc-option" }, [input, el("label", { for: id, text: level })]));
        });
        form.appendChild(fs);
      });
    });
    var result = el("div", { class: "tt-rc-result", role: "status", "aria-live": "polite" });
    var anchor = reading || host.querySelector(".tt-rc-discuss");
    host.insertBefore(form, anchor);
    host.insertBefore(result, anchor);

    function draw() {
      result.textContent = "";
      if (!complete(judgement)) {
        var left = 0;
        INGREDIENTS.forEach(function (i) { SIDES.forEach(function (sd) { if (!judgement[i][sd]) left += 1; }); });
        result.appendChild(el("p", { text: message || ("Judge all four (" + left + " left) to see the state and why.") }));
        if (reading) reading.hidden = true;
        host.setAttribute("data-state", "");
        return;
      }
      var x = evidenceState(judgement, card.indicators);
      result.appendChild(el("p", {}, [el("strong", { text: x.label }), x.because.slice(x.label.length)]));
      result.appendChild(el("p", { text: x.would_change }));
      if (card.reading) {
        var differ = [];
        INGREDIENTS.forEach(function (i) { SIDES.forEach(function (sd) {
          if (card.reading[i][sd] !== judgement[i][sd]) differ.push(INGREDIENT_NAMES[i] + " for " + SIDE_NAMES[sd]);
        }); });
        result.appendChild(el("p", { class: "tt-rc-compare", text: differ.length
          ? "You and the course's reading differ on " + join(differ) + ": open the course's reading below and weigh its argument against yours."
          : "Your levels match the course's reading: open it below and check whether your reasons do too." }));
      }
      if (reading) reading.hidden = false;
      host.setAttribute("data-state", x.state);
    }

    function changed() {
      message = "";
      var st = store();
      if (st && key) st.set(key, judgement);
      draw();
    }

    draw();
    host.setAttribute("data-ready", "true");
  }

  function mountAll() {
    var hosts = document.querySelectorAll("div.tt-ripeness-card[data-tt-ripeness]");
    for (var i = 0; i < hosts.length; i++) mount(hosts[i]);
  }

  var api = { judgementProblems: judgementProblems, evidenceState: evidenceState, legend: legend, complete: complete, mount: mount, mountAll: mountAll };
  if (typeof module !== "undefined" && module.exports) { module.exports = api; }
  else {
    root.TrackTwoRipeness = api;
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mountAll);
    else mountAll();
  }
})(typeof window !== "undefined" ? window : globalThis);
