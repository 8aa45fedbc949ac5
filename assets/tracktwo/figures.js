/* Draw every plotly figure on the page with the book's local plotly.js.
 * Each figure is a <div class="tt-plotly"> followed by <script type="application/json"
 * class="tt-plotly-data">, written by tracktwo.sphinxext.figure_html.
 *
 * When (issue 32: a cheap phone spent 1-2.5 s running plotly.js before the page settled): the page
 * names plotly.js in a tag no browser runs (script[data-tt-plotly]); this loads it, and draws a
 * figure, when the figure comes within half a screen of view after the learner's first touch,
 * scroll, key or pointer move, or at once when its "Draw the chart" button is pressed, when the
 * address points into the figure (#event-...), or before printing. Until then the figure's box keeps
 * its drawn height (course.css reads the heights written on it), so drawing it moves nothing.
 *
 * Two extras, both driven by the figure's own data (layout.meta.tracktwo):
 * - "narrow": on a screen narrower than narrow.max_width the figure is drawn upright (time down
 *   the page, lanes across, menus as drop-downs, no drag-zoom so the page still scrolls);
 * - "#event-<id>" in the address opens the figure on that event (zoomed, its hover label shown)
 *   and its row of the data table (the row's id is the same). */
(function () {
  "use strict";
  var SWAP = { x: "y", y: "x", xaxis: "yaxis", yaxis: "xaxis", x0: "y0", y0: "x0", x1: "y1", y1: "x1",
               xref: "yref", yref: "xref", xanchor: "yanchor", yanchor: "xanchor" };
  var ANCHOR = { left: "top", right: "bottom", center: "middle", top: "left", bottom: "left", middle: "center" };
  var REF = { x: "y", y: "x" };

  function swapKey(key) {
    if (SWAP[key]) { return SWAP[key]; }
    var m = /^(xaxis|yaxis)(\..*)$/.exec(key);
    return m ? SWAP[m[1]] + m[2] : key;
  }
  function swap(value, key) {
    if (Array.isArray(value)) { return value.map(function (v) { return swap(v, key); }); }
    if (value && typeof value === "object") {
      var out = {};
      Object.keys(value).forEach(function (k) {
        var nk = swapKey(k);
        var v = swap(value[k], k);
        if ((k === "xref" || k === "yref") && REF[v]) { v = REF[v]; }
        if ((k === "xanchor" || k === "yanchor") && ANCHOR[v]) { v = ANCHOR[v]; }
        // Dates now run down the page (a date range is given latest-first) and the first lane is
        // on the left (a lane range is given right-to-left).
        if ((k === "xaxis.range" || k === "yaxis.range") && Array.isArray(v)) { v = v.slice().reverse(); }
        out[nk] = v;
      });
      return out;
    }
    return value;
  }

  function narrowSpec(spec, narrow) {
    var data = swap(spec.data || []);
    var layout = swap(spec.layout || {});
    var height = Math.max(narrow.height || 1200, 1000);
    var top = 200, bottom = 300;
    var plotH = height - top - bottom;
    layout.height = height;
    layout.margin = { l: 10, r: 96, t: top, b: bottom };
    layout.dragmode = false;
    layout.yaxis = Object.assign({}, layout.yaxis || {}, { autorange: "reversed", fixedrange: true, side: "left",
                                                          automargin: true });
    delete layout.yaxis.rangeslider;
    delete layout.yaxis.range;
    layout.xaxis = Object.assign({}, layout.xaxis || {}, { tickangle: -90, side: "bottom", fixedrange: true,
                                                          automargin: true });
    if (Array.isArray(layout.xaxis.range)) { layout.xaxis.range = layout.xaxis.range.slice().reverse(); }
    layout.legend = { orientation: "h", x: 0, xanchor: "left", yref: "container", y: 0, yanchor: "bottom",
                      font: { size: 12 } };
    var title = spec.layout && spec.layout.title;
    var text = title && typeof title === "object" ? title.text : title;
    if (text) {
      layout.title = { text: String(text), x: 0, xref: "paper", xanchor: "left",
                       y: 1, yref: "container", yanchor: "top", pad: { t: 8 }, font: { size: 14 } };
    }
    (layout.updatemenus || []).forEach(function (menu, i) {
      menu.type = "dropdown";
      menu.direction = "down";
      menu.xanchor = "left";
      menu.yanchor = "bottom";
      menu.x = 0;
      menu.y = 1 + (8 + 46 * (2 - Math.min(i, 2))) / plotH; // one menu a row: periods, views, categories
      menu.pad = { r: 0, t: 0, l: 0, b: 0 };
    });
    (layout.annotations || []).forEach(function (a) {
      // Period band labels (above a wide chart) sit in the right margin of an upright one.
      if (a.yref === "y" && a.x >= 1) { a.xanchor = "left"; a.x = 1.01; a.yanchor = "middle"; }
      if (a.name === "cutoff") { a.xanchor = "left"; a.x = 1.01; a.yanchor = "top"; }
    });
    return { data: data, layout: layout, config: Object.assign({}, spec.config || {}, { scrollZoom: false }) };
  }

  function narrowFor(spec) {
    var meta = spec.layout && spec.layout.meta && spec.layout.meta.tracktwo;
    return meta && meta.narrow ? meta.narrow : null;
  }

  function isNarrow(target, narrow) {
    var width = target.clientWidth || window.innerWidth;
    return !!narrow && width < (narrow.max_width || 600);
  }

  function draw(target, spec) {
    var narrow = narrowFor(spec);
    var upright = isNarrow(target, narrow);
    var drawn = upright ? narrowSpec(spec, narrow) : spec;
    target.dataset.ttLayout = upright ? "narrow" : "wide";
    return window.Plotly.newPlot(target, drawn.data || [], drawn.layout || {}, drawn.config || {});
  }

  function focusEvent(target, id) {
    var gd = target;
    var upright = target.dataset.ttLayout === "narrow";
    var time = upright ? "y" : "x", lane = upright ? "x" : "y";
    for (var i = 0; i < gd.data.length; i += 1) {
      var trace = gd.data[i];
      if (trace.mode !== "markers" || !trace.customdata || trace.visible === false) { continue; }
      for (var j = 0; j < trace.customdata.length; j += 1) {
        if (trace.customdata[j][3] === id && trace[lane][j] !== null && trace[lane][j] !== undefined) {
          var day = new Date(trace[time][j]);
          var before = new Date(day), after = new Date(day);
          before.setFullYear(day.getFullYear() - 3);
          after.setFullYear(day.getFullYear() + 3);
          var iso = function (d) { return d.toISOString().slice(0, 10); };
          var update = {};
          update[time + "axis.range"] = upright ? [iso(after), iso(before)] : [iso(before), iso(after)];
          var curve = i, point = j;
          return window.Plotly.relayout(gd, update).then(function () {
            gd.dataset.ttFocus = id;
            if (window.Plotly.Fx) { window.Plotly.Fx.hover(gd, [{ curveNumber: curve, pointNumber: point }]); }
            return true;
          });
        }
      }
    }
    return Promise.resolve(false);
  }

  function focusFromHash(figures) {
    var m = /^#event-([a-z0-9-]+)$/.exec(window.location.hash || "");
    if (!m) { return; }
    var row = document.getElementById("event-" + m[1]);
    if (row) {
      var details = row.closest("details");
      if (details) { details.open = true; }
      row.classList.add("tt-focus-row");
    }
    figures.forEach(function (target) {
      focusEvent(target, m[1]).then(function (found) {
        if (found) { target.scrollIntoView({ block: "start" }); }
      });
    });
  }

  var plotlyLoad = null;
  function loadPlotly() {
    if (window.Plotly) { return Promise.resolve(window.Plotly); }
    if (plotlyLoad) { return plotlyLoad; }
    var tag = document.querySelector("script[data-tt-plotly]");
    plotlyLoad = new Promise(function (resolve, reject) {
      if (!tag) { reject(new Error("no plotly.js on this page")); return; }
      var s = document.createElement("script");
      s.src = tag.src;
      s.onload = function () { resolve(window.Plotly); };
      s.onerror = function () { plotlyLoad = null; reject(new Error("plotly.js did not load")); };
      document.head.appendChild(s);
    });
    return plotlyLoad;
  }

  var figures = [];   // figures with a narrow (upright) form: focusFromHash and resize
  var queue = [];     // figures asked for, drawn one a task so that no task holds the page long

  function drawOne(item) {
    var target = item.target, spec;
    if (target.dataset.ttDrawn) { return Promise.resolve(); }
    var button = target.querySelector(".tt-fig-draw");
    if (button) { button.parentNode.removeChild(button); }
    // The figure's JSON is read only now, not while the page loads (a long task on a cheap phone).
    try { spec = JSON.parse(item.block.textContent); } catch (err) {
      target.textContent = "This chart could not be read; its data table follows.";
      return Promise.resolve();
    }
    target.dataset.ttDrawn = "1";
    if (narrowFor(spec)) {
      figures.push(target);
      var lastMode = null;
      window.addEventListener("resize", function () {
        var mode = isNarrow(target, narrowFor(spec)) ? "narrow" : "wide";
        if (lastMode === null) { lastMode = target.dataset.ttLayout; }
        if (mode !== lastMode) { lastMode = mode; window.Plotly.purge(target); delete target._ttReflow; draw(target, spec); }
      });
    }
    return draw(target, spec);
  }

  function request(item) {
    if (item.target.dataset.ttDrawn || item.asked) { return item.done; }
    item.asked = true;
    item.done = loadPlotly().then(function () {
      return new Promise(function (resolve) {
        queue.push(function () { resolve(drawOne(item)); });
        if (queue.length === 1) { setTimeout(next, 0); }
      });
    }, function () {
      item.target.setAttribute("data-tt-failed", "");
      item.asked = false;
    });
    return item.done;
  }
  function next() {
    var job = queue[0];
    if (!job) { return; }
    var done = job();
    Promise.resolve(done).then(function () { queue.shift(); if (queue.length) { setTimeout(next, 0); } });
  }

  function setUp() {
    var items = [];
    Array.prototype.forEach.call(document.querySelectorAll("script.tt-plotly-data"), function (block) {
      var target = block.previousElementSibling;
      if (!target || !target.classList.contains("tt-plotly") || target.dataset.ttDrawn) { return; }
      var item = { target: target, block: block, asked: false, done: null };
      items.push(item);
      var button = document.createElement("button");
      button.type = "button";
      button.className = "tt-fig-draw";
      button.textContent = "Draw the interactive chart";
      button.addEventListener("click", function () {
        button.disabled = true;
        button.textContent = "Drawing the chart\u2026";
        request(item).then(function () {
          var svg = target.querySelector(".main-svg");
          if (svg) { target.setAttribute("tabindex", "-1"); target.focus({ preventScroll: true }); }
        });
      });
      target.appendChild(button);
    });
    if (!items.length) { return; }

    var all = function () { return Promise.all(items.map(request)); };
    var hashed = /^#event-/.test(window.location.hash || "");
    window.addEventListener("beforeprint", all);
    window.addEventListener("hashchange", function () {
      if (/^#event-/.test(window.location.hash || "")) { all().then(function () { focusFromHash(figures); }); }
    });
    if (hashed || !("IntersectionObserver" in window)) {
      all().then(function () { focusFromHash(figures); });
      return;
    }
    var armed = false;
    var io = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (!entry.isIntersecting) { return; }
        io.unobserve(entry.target);
        items.forEach(function (item) { if (item.target === entry.target) { request(item); } });
      });
    }, { rootMargin: "50% 0px 50% 0px" });
    // The learner's own inputs (captured wherever they land) and the page's scrolling (not a
    // scrolling box's: the theme scrolls its sidebar to the current page by itself).
    var EVENTS = ["pointerdown", "pointermove", "touchstart", "keydown", "wheel"];
    var arm = function () {
      if (armed) { return; }
      armed = true;
      EVENTS.forEach(function (name) { window.removeEventListener(name, arm, true); });
      window.removeEventListener("scroll", arm);
      items.forEach(function (item) { if (!item.target.dataset.ttDrawn) { io.observe(item.target); } });
    };
    EVENTS.forEach(function (name) { window.addEventListener(name, arm, { capture: true, passive: true }); });
    window.addEventListener("scroll", arm, { passive: true });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", setUp); }
  else { setUp(); }
})();
