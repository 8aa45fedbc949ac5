/* Keyboard and screen-reader access to plotly's own controls.
 *
 * plotly.js 4.1 draws its update menus (buttons and dropdowns), legend entries and range slider
 * as SVG with mouse handlers only; its modebar buttons are real <button>s already. This script
 * makes each control focusable with a role, a name and its state, and operable from the keyboard:
 *   buttons and menu items: Enter or Space (Escape closes an open menu);
 *   legend entries: checkboxes, Enter or Space shows or hides the category;
 *   range slider: arrow keys pan the visible range, Page Up/Down by a whole window, Home/End.
 * plotly redraws its controls after every change, so this runs again after each redraw and puts
 * the focus back on the control the learner used.
 *
 * Reflow (WCAG 1.4.10): a plotly layout has fixed positions, so on a phone a row of buttons or a
 * title can run off the figure's edge and a legend below the plot can cover the range slider.
 * When that happens (measured, not guessed from the screen size): a row of buttons becomes a
 * dropdown with the same items, a menu moves left, the title shrinks (to 14 px at least) and
 * wraps, and the legend moves to the bottom of a taller figure. A layout that still does not fit keeps a width
 * it fits in and scrolls sideways inside its own (focusable) box, never the page. Each change is
 * undone when the figure is wide enough again.
 *
 * Loaded after figures.js, only on pages with a figure.
 */
(function () {
  "use strict";
  var KEY = "data-tt-key";
  var MIN_PLOT_WIDTH = 100; // px of plot beside the axis labels, below which a figure scrolls instead
  var MIN_SCROLL_WIDTH = 560; // px: the width a figure keeps when it scrolls sideways
  var restore = null; // {gd, key, until}: where focus goes back to after plotly redraws

  function label(el) {
    var t = el.querySelector("text.updatemenu-item-text, text.legendtext");
    return t ? t.textContent.trim() : "";
  }

  function set(el, name, value) {
    if (el.getAttribute(name) !== value) { el.setAttribute(name, value); }
  }

  function control(el, key, role, name) {
    set(el, KEY, key);
    set(el, "tabindex", "0");
    set(el, "role", role);
    set(el, "aria-label", name);
  }

  function click(el) {
    el.dispatchEvent(new MouseEvent("click", { bubbles: true, cancelable: true, view: window }));
  }

  function datum(el) { return el.__data__; } // d3 (which plotly uses) keeps each element's data here

  function toTime(v) {
    return typeof v === "number" ? v : Date.parse(String(v).replace(" ", "T") + (String(v).length > 10 ? "Z" : "T00:00:00Z"));
  }

  function fromTime(ms, like) {
    return typeof like === "number" ? ms : new Date(ms).toISOString().slice(0, 10);
  }

  function yearText(v) { return typeof v === "number" ? String(Math.round(v)) : String(v).slice(0, 10); }

  function dropStale(gd) { // plotly leaves the old type's elements behind when a menu changes type
    Array.prototype.forEach.call(gd.querySelectorAll(".updatemenu-header-group"), function (group) {
      var header = group.querySelector(":scope > .updatemenu-header");
      Array.prototype.forEach.call(group.querySelectorAll(header
        ? ":scope > .updatemenu-button" : ":scope > .updatemenu-header, :scope > .updatemenu-header-arrow"),
      function (stale) { stale.remove(); });
    });
  }

  function enhance(gd) {
    var layout = gd._fullLayout;
    if (!layout) { return; }
    var menus = gd.querySelectorAll(".updatemenu-header-group");
    Array.prototype.forEach.call(menus, function (group, m) {
      var opts = datum(group) || {};
      var index = opts._index !== undefined ? opts._index : m;
      var header = group.querySelector(".updatemenu-header");
      if (header) {
        var open = gd.querySelectorAll(".updatemenu-dropdown-button").length > 0 &&
          String(gd.querySelector(".updatemenu-dropdown-button-group").getAttribute(
            "updatemenu-active-index") || "") === String(index);
        control(header, "m" + index + "h", "button", label(header));
        set(header, "aria-haspopup", "true");
        set(header, "aria-expanded", open ? "true" : "false");
      } else {
        Array.prototype.forEach.call(group.querySelectorAll(".updatemenu-button"), function (button, b) {
          var d = datum(button) || {};
          var i = d._index !== undefined ? d._index : b;
          control(button, "m" + index + "b" + i, "button", label(button));
          set(button, "aria-pressed", opts.showactive !== false && opts.active === i ? "true" : "false");
        });
      }
    });
    var dropdown = gd.querySelector(".updatemenu-dropdown-button-group");
    if (dropdown) {
      var owner = dropdown.getAttribute("updatemenu-active-index");
      var menu = layout.updatemenus && layout.updatemenus[Number(owner)];
      Array.prototype.forEach.call(dropdown.querySelectorAll(".updatemenu-dropdown-button"), function (item, b) {
        var d = datum(item) || {};
        var i = d._index !== undefined ? d._index : b;
        control(item, "m" + owner + "i" + i, "button", label(item));
        set(item, "aria-pressed", menu && menu.active === i ? "true" : "false");
      });
    }
    Array.prototype.forEach.call(gd.querySelectorAll(".legend .traces"), function (entry, n) {
      var d = datum(entry);
      var trace = d && d[0] && d[0].trace;
      var i = trace && trace.index !== undefined ? trace.index : n;
      var visible = gd._fullData[i] ? gd._fullData[i].visible : true;
      control(entry, "l" + i, "checkbox", label(entry));
      set(entry, "aria-checked", visible === true ? "true" : "false");
    });
    var slide = gd.querySelector(".rangeslider-slidebox");
    var axis = layout.xaxis;
    if (slide && axis && axis.range && axis.rangeslider && axis.rangeslider.range) {
      control(slide, "rs", "slider", "Visible range: arrow keys move it");
      set(slide, "aria-orientation", "horizontal");
      set(slide, "aria-valuemin", String(toTime(axis.rangeslider.range[0])));
      set(slide, "aria-valuemax", String(toTime(axis.rangeslider.range[1])));
      set(slide, "aria-valuenow", String(Math.round(toTime(axis.range[0]))));
      set(slide, "aria-valuetext", yearText(axis.range[0]) + " to " + yearText(axis.range[1]));
    }
    if (restore && restore.gd === gd && Date.now() < restore.until) {
      var active = document.activeElement;
      if (!active || active === document.body || !gd.contains(active) || active.getAttribute(KEY) !== restore.key) {
        var target = gd.querySelector("[" + KEY + '="' + restore.key + '"]');
        if (target) { target.focus(); }
      }
    }
  }

  function box(el) { return el ? el.getBoundingClientRect() : null; }

  function overlaps(a, b) {
    return a && b && a.width && b.width && a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  }

  function wrapped(text, maxChars) { // greedy word wrap: lines of at most maxChars
    var lines = [], line = "";
    text.split(" ").forEach(function (word) {
      if (line && (line + " " + word).length > maxChars) { lines.push(line); line = word; }
      else { line = line ? line + " " + word : word; }
    });
    lines.push(line);
    return lines;
  }

  function reflow(gd) {
    var layout = gd._fullLayout, edge = box(gd), width = gd.clientWidth, update = {};
    // Every change is undone at once when the figure is as wide as its widest need; if something
    // still does not fit then, it is changed again (with a larger need), so this settles.
    var state = gd._ttReflow || (gd._ttReflow = { values: {}, needed: 0, shifts: {} });
    dropStale(gd);
    if (Object.keys(state.values).length && width >= state.needed) {
      var undo = state.values;
      gd._ttReflow = { values: {}, needed: 0, shifts: {} };
      if ("height" in undo || "width" in undo) { undo.autosize = true; } // a new size alone fixes the width too
      if (gd.classList.contains("tt-scrolls")) { gd.classList.remove("tt-scrolls"); gd.removeAttribute("tabindex"); }
      window.Plotly.relayout(gd, undo);
      return true;
    }
    if ("width" in state.values) { // scrolling sideways in its own box (below): widen until all fits
      var frame = { left: edge.left - gd.scrollLeft, right: edge.left - gd.scrollLeft + layout.width };
      var more = overflow(gd, frame);
      if (more > 0 && (state.widen = (state.widen || 0) + 1) <= 3) {
        window.Plotly.relayout(gd, { width: layout.width + 2 * more + 8 });
        return true;
      }
      return false;
    }
    function change(key, value, original, needed) {
      if (!(key in state.values)) { state.values[key] = original; }
      state.needed = Math.max(state.needed, Math.ceil(needed));
      update[key] = value;
    }
    var groups = gd.querySelectorAll(".updatemenu-header-group");
    (layout.updatemenus || []).forEach(function (menu, i) {
      var group = groups[i], name = "updatemenus[" + i + "].";
      if (!group) { return; }
      var r = box(group), over = r.right - edge.right;
      if (over <= 0) { return; }
      if (menu.type === "buttons" && menu.direction !== "down" && menu.direction !== "up") {
        change(name + "type", "dropdown", menu.type, width + over + 16);
        change(name + "direction", "down", menu.direction, width + over + 16);
      } else if ((state.shifts[i] = (state.shifts[i] || 0) + 1) <= 3) {
        // move it left, at most to the figure's left edge (a few tries: the plot's margins move too)
        var shift = Math.min(over + 4, r.left - edge.left - 4);
        if (shift > 0) { change(name + "x", menu.x - shift / layout._size.w, menu.x, width + over + 16); }
      }
    });
    var title = gd.querySelector(".gtitle"), text = layout.title && layout.title.text;
    if (title && text && !("title.text" in state.values)) {
      // Shrink the title to fit, down to 14 px (the chart's own text size); wrap it if still too wide.
      var t = box(title), room = edge.right - Math.max(t.left, edge.left) - 8, size = layout.title.font.size;
      if (t.right > edge.right - 4 && room > 0) {
        var need = width + (t.right - edge.right) + 16;
        var fit = Math.max(14, Math.min(size, Math.floor(size * room / t.width)));
        var lines = wrapped(text, Math.max(8, Math.floor(text.length * room / (t.width * fit / size))));
        change("title.text", lines.join("<br>"), text, need);
        change("title.font.size", fit, size, need);
        if (lines.length > 1) { // room above the plot for the extra lines
          var extra = Math.ceil((lines.length - 1) * fit * 1.3);
          change("margin.t", layout.margin.t + extra, layout.margin.t, need);
          change("height", layout.height + extra, layout.height, need);
        }
      }
    } else if (title && ("title.text" in state.values) && !("title.y" in state.values) && box(title).top < edge.top + 2) {
      // plotly puts a multi-line title's first line above a top anchor: move it down into view
      change("title.y", layout.title.y - (edge.top + 6 - box(title).top) / layout.height, layout.title.y, 0);
    }
    var legend = layout.legend, legendBox = box(gd.querySelector(".legend"));
    if (layout.showlegend && legend && legend.yref !== "container" && legend.y < 0 && legendBox &&
        (overlaps(legendBox, box(gd.querySelector(".rangeslider-container"))) ||
         overlaps(legendBox, box(gd.querySelector(".xaxislayer-above"))))) {
      // A legend below the plot that covers the range slider or the axis: put it at the bottom of
      // a figure made taller by the legend's height, so the plot keeps its size.
      var content = gd.querySelector(".legend .scrollbox"); // every entry, even those scrolled away
      var tall = Math.ceil(Math.max(legendBox.height, content ? content.getBBox().height : 0)) + 24;
      var base = update.height !== undefined ? update.height : layout.height;
      change("legend.yref", "container", legend.yref, width + 200);
      change("legend.y", 0, legend.y, width + 200);
      change("legend.yanchor", "bottom", legend.yanchor, width + 200);
      change("height", base + tall, "height" in state.values ? state.values.height : layout.height, width + 200);
    }
    if (!Object.keys(update).length && overflow(gd, edge) > 0) {
      // Last resort, for a layout none of the above can fit (long fixed margins, wide labels): the
      // figure goes back to its own design at a width it fits in, and scrolls sideways inside its
      // own box, never the page.
      var wide = Math.max(state.needed, MIN_SCROLL_WIDTH);
      var back = state.values;
      gd._ttReflow = { values: { width: null }, needed: wide, shifts: {} };
      gd.classList.add("tt-scrolls");
      gd.setAttribute("tabindex", "0"); // so that the keyboard can scroll it too
      back.width = wide;
      back.autosize = false;
      window.Plotly.relayout(gd, back);
      return true;
    }
    if (Object.keys(update).length) {
      if ("height" in update) { update.autosize = true; } // a new height alone would fix the width too
      if ("width" in update) { update.autosize = false; }
      window.Plotly.relayout(gd, update);
      return true;
    }
    return false;
  }

  function overflow(gd, frame) { // px by which the plot is too narrow, or a part sticks out of frame
    var size = gd._fullLayout._size, worst = size ? MIN_PLOT_WIDTH - size.w : 0;
    var parts = gd.querySelectorAll(".g-gtitle, .updatemenu-header-group, .legend, .rangeslider-container, .annotation");
    Array.prototype.forEach.call(parts, function (p) {
      var r = box(p);
      if (r.width > 0) { worst = Math.max(worst, frame.left - r.left - 1, r.right - frame.right - 1); }
    });
    return worst;
  }

  function pan(gd, key) {
    var axis = gd._fullLayout.xaxis;
    var like = axis.range[0];
    var lo = toTime(axis.rangeslider.range[0]), hi = toTime(axis.rangeslider.range[1]);
    var a = toTime(axis.range[0]), z = toTime(axis.range[1]), span = z - a;
    var step = { ArrowLeft: -span / 10, ArrowDown: -span / 10, ArrowRight: span / 10, ArrowUp: span / 10,
                 PageDown: -span, PageUp: span, Home: lo - a, End: hi - z }[key];
    if (step === undefined) { return false; }
    a = Math.max(lo, Math.min(hi - span, a + step));
    window.Plotly.relayout(gd, { "xaxis.range": [fromTime(a, like), fromTime(a + span, like)] });
    return true;
  }

  function onKey(gd, event) {
    var el = event.target.closest ? event.target.closest("[" + KEY + "]") : null;
    if (!el || !gd.contains(el)) { return; }
    var key = el.getAttribute(KEY);
    if (key === "rs") {
      if (pan(gd, event.key)) { event.preventDefault(); restore = { gd: gd, key: key, until: Date.now() + 1500 }; }
      return;
    }
    if (event.key === "Escape") {
      var open = gd.querySelector('.updatemenu-header[aria-expanded="true"]');
      if (open) { event.preventDefault(); restore = { gd: gd, key: open.getAttribute(KEY), until: Date.now() + 1500 }; click(open); }
      return;
    }
    if (event.key !== "Enter" && event.key !== " ") { return; }
    event.preventDefault();
    if (key.charAt(0) === "l") {
      var i = Number(key.slice(1));
      var visible = gd._fullData[i] ? gd._fullData[i].visible : true;
      restore = { gd: gd, key: key, until: Date.now() + 1500 };
      window.Plotly.restyle(gd, { visible: visible === true ? "legendonly" : true }, [i]);
      return;
    }
    // A chosen menu item closes its menu: focus returns to the menu's header.
    var back = key.replace(/i\d+$/, "h");
    restore = { gd: gd, key: back, until: Date.now() + 1500 };
    click(el);
  }

  function watch(gd) {
    if (gd.dataset.ttA11y) { return; }
    gd.dataset.ttA11y = "1";
    var queued = false;
    var run = function () {
      if (queued) { return; }
      queued = true;
      window.requestAnimationFrame(function () {
        queued = false;
        if (!gd._fullLayout) { return; } // not drawn yet (figures.js draws it near the screen)
        if (!reflow(gd)) { enhance(gd); }
      });
    };
    new MutationObserver(run).observe(gd, { childList: true, subtree: true });
    if (window.ResizeObserver) { // plotly resizes on window resizes only; the page can reflow without one
      new ResizeObserver(function () {
        var layout = gd._fullLayout;
        if (layout && layout.autosize && Math.abs(layout.width - gd.clientWidth) > 1) { window.Plotly.Plots.resize(gd); }
      }).observe(gd);
    }
    gd.addEventListener("keydown", function (event) { onKey(gd, event); });
    run();
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("div.tt-plotly"), watch);
    document.addEventListener("focusin", function (event) { // the learner moved on: stop restoring
      if (restore && event.target.getAttribute && event.target.getAttribute(KEY) !== restore.key) { restore = null; }
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); }
  else { start(); }
})();
