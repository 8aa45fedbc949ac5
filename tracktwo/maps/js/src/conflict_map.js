// The course's conflict-map front end, in anywidget's module form:
//   export default { render({ model, el }) { ... } }
// `model` offers get/set/on/save_changes. In JupyterLab it is anywidget's model (Python validates
// and stores the state); in the static book it is the small shim in static_host.js (window.TTStorage).
// The module draws, handles keyboard and mouse, and reads/writes plain JSON. It holds no course
// facts: everything it shows comes from the map spec built in Python (tracktwo/maps/).
//
// Notation (the conflict-mapping notation of peacebuilding training): line style, width and arrows carry each relationship's kind, never
// colour alone; every map states its viewpoint and date; a table of the same actors and
// relationships goes with the map.

import cytoscape from "cytoscape";
import { reconcile } from "./keyed.js";
import { h, byInput } from "./dom.js";

// The fcose layout (the "Arrange" button, and maps with no positions) is registered by the host:
// anywidget's ESM entry (anywidget_map.js) bundles it; the static book loads it on first use
// (static_host.js), so pages that only show the brief's laid-out maps do not download it.
let fcoseRegistered = false;
let fcoseLoader = null;
export function registerFcose(extension) {
  if (!fcoseRegistered) cytoscape.use(extension);
  fcoseRegistered = true;
}
export function setFcoseLoader(fn) { fcoseLoader = fn; }
async function ensureFcose() {
  if (!fcoseRegistered && fcoseLoader) {
    try { await fcoseLoader(); } catch (err) { /* fall back to cytoscape's own cose layout */ }
  }
  return fcoseRegistered;
}

const INK = "#1f2933";
const PAPER = "#ffffff";
let uid = 0;

// Labels in Burmese (docs/decisions/0020-myanmar-font.md): the course's Myanmar font comes first in
// the labels' stack. The book's course.css declares it as "TT Myanmar" with a unicode-range, so only
// Myanmar characters use it and only a page that has some downloads it; where no stylesheet declares
// it (JupyterLab) the stack goes on to the system's fonts. A canvas draws with the fonts ready at that
// moment and never redraws when one arrives, so when a label needs a face that is not loaded yet the
// labels are drawn again once it is (whenLabelFontReady); el.dataset.labelFont is then "TT Myanmar".
export const LABEL_FONT = '"TT Myanmar", system-ui, sans-serif';
// The same stack with its generic family twice: a new style value is what makes Cytoscape measure and
// draw the labels again (its caches are keyed by the style's values, and it rewrites quotes, so the
// value must differ in more than its quotes).
const LABEL_FONT_AGAIN = '"TT Myanmar", system-ui, sans-serif, sans-serif';
export const MYANMAR_TEXT = /[\u1000-\u109F\uA9E0-\uA9FE\uAA60-\uAA7F]/;

function whenLabelFontReady(cy, el) {
  if (typeof document === "undefined" || !document.fonts || !document.fonts.load) return;
  const wanted = [];
  for (const weight of ["normal", "bold"]) {
    const bold = weight === "bold";
    const text = cy.nodes().filter((n) => n.isParent() === bold || (bold && n.hasClass("decor")))
      .map((n) => String(n.data("label") || "")).join(" ");
    if (MYANMAR_TEXT.test(text)) wanted.push([`${weight} 14px "TT Myanmar"`, text]);
  }
  if (!wanted.length) return;
  // check() is true when every face the text needs is loaded (or none is declared): drawn right already.
  const ready = wanted.every(([font, text]) => document.fonts.check(font, text));
  Promise.all(wanted.map(([font, text]) => document.fonts.load(font, text))).then((faces) => {
    if (cy.destroyed() || !faces.some((f) => f.length)) return; // no such face on this page
    if (!ready) {
      const again = cy.scratch("_ttmFontAgain") !== true;
      cy.scratch("_ttmFontAgain", again);
      cy.style().selector("node").style("font-family", again ? LABEL_FONT_AGAIN : LABEL_FONT)
        .selector("edge.active").style("font-family", again ? LABEL_FONT_AGAIN : LABEL_FONT).update();
    }
    el.dataset.labelFont = "TT Myanmar";
  }, () => { /* the font could not be loaded: the labels keep the system's fonts */ });
}

// Parallel lines: several relationships between the same two actors each come with a `lane` in the
// spec (tracktwo.maps.learner._add_lanes; odd steps of 2 either side of the straight line, in the
// edge's own direction). A lane bends its line (a curve; a zig-zag is shifted) so that neighbouring
// lanes lie LANE pixels apart at their middle, at zoom 1: every line is seen, and each can be clicked.
const LANE = 26;
const ZIGZAG = [8, -8, 8, -8, 8, -8, 8, -8];
export const laneBend = (e) => (Number(e.lane) || 0) * LANE; // a curve's middle lies half way to its control point
const laneShift = (e) => ((Number(e.lane) || 0) * LANE) / 2;
// An issue box is not an actor: the list, the details and the table say "Issue".
const isIssue = (n) => n.type === "issue";


// --- Edge kinds -> cytoscape styles ------------------------------------------------------------

export function edgeLook(kind) {
  // kind: {line: solid|dashed|dotted|double|zigzag, width, arrow: bool, broken: bool, color}
  const width = Number(kind.width) || 2;
  const look = {
    lineStyle: kind.line === "dashed" || kind.line === "dotted" || kind.line === "dashdot" ? "dashed" : "solid",
    width: kind.line === "double" ? Math.max(4, width) : width,
    color: kind.color || INK,
    classes: [],
  };
  if (kind.line === "double") look.classes.push("double");
  if (kind.line === "zigzag") look.classes.push("zigzag");
  if (kind.line === "dashdot") look.classes.push("dashdot");
  if (kind.line === "dotted") look.classes.push("dotted");
  if (kind.arrow) look.classes.push("arrow");
  if (kind.broken) look.classes.push("broken");
  return look;
}

const SHAPES = new Set(["ellipse", "rectangle", "round-rectangle", "diamond", "hexagon", "octagon", "triangle", "barrel"]);

function nodeLook(spec, node) {
  const type = (spec.nodeTypes || {})[node.type] || {};
  return {
    shape: SHAPES.has(type.shape) ? type.shape : "ellipse",
    borderStyle: ["solid", "dashed", "dotted", "double"].includes(type.border) ? type.border : "solid",
    borderWidth: type.border === "double" ? 6 : (Number(type.borderWidth) || 2),
    fill: type.fill || "#e4e7eb",
    // "right": the label beside the circle, not under it (the multi-track map, whose lines run between
    // rows: a label under a circle would hide the arrow of a line arriving from below).
    labelSide: type.labelSide === "right" ? "right" : "below",
  };
}

function styleSheet() {
  return [
    { selector: "node", style: {
      "label": "data(label)", "text-valign": "bottom", "text-halign": "center", "text-margin-y": 4,
      "font-size": 14, "font-family": LABEL_FONT, "color": INK,
      "text-background-color": PAPER, "text-background-opacity": 0.85, "text-background-padding": 2,
      "text-wrap": "wrap", "text-max-width": 150,
      "width": "data(size)", "height": "data(size)", "shape": "data(shape)",
      "background-color": "data(fill)", "border-color": INK, "border-width": "data(borderWidth)",
      "border-style": "data(borderStyle)",
    } },
    { selector: 'node[labelSide = "right"]', style: {
      "text-valign": "center", "text-halign": "right", "text-margin-x": 6, "text-margin-y": 0, "text-justification": "left",
    } },
    { selector: ":parent", style: {
      "shape": "round-rectangle", "background-color": "#f5f7fa", "background-opacity": 1,
      "border-style": "dashed", "border-width": 2, "border-color": "#52606d",
      "text-valign": "top", "text-halign": "center", "text-margin-y": -4, "font-weight": "bold", "text-wrap": "none",
      "padding": 14,
    } },
    { selector: "node.decor", style: {
      "shape": "round-rectangle", "background-opacity": 0, "border-width": 0, "width": 10, "height": 10,
      "text-valign": "center", "font-weight": "bold", "font-size": 14, "color": "#3e4c59",
      "events": "no", "text-background-opacity": 0,
    } },
    { selector: "edge", style: {
      "width": "data(width)", "line-style": "data(lineStyle)", "line-color": "data(color)",
      "curve-style": "straight", "target-arrow-color": "data(color)", "mid-target-arrow-color": "data(color)",
    } },
    { selector: "edge[bend != 0]", style: {
      "curve-style": "unbundled-bezier", "control-point-distances": "data(bend)", "control-point-weights": 0.5,
    } },
    { selector: "edge.zigzag", style: {
      "curve-style": "segments",
      "segment-distances": ZIGZAG,
      "segment-weights": [0.3, 0.36, 0.42, 0.48, 0.54, 0.6, 0.66, 0.72],
      "edge-distances": "node-position",
    } },
    { selector: "edge.zigzag[bend != 0]", style: { "segment-distances": "data(zig)" } },
    { selector: "edge.double", style: {
      "line-color": PAPER, "line-outline-width": 2.5, "line-outline-color": "data(color)",
    } },
    { selector: "edge.dashdot", style: { "line-dash-pattern": [12, 5, 2, 5] } },
    { selector: "edge.dotted", style: { "line-dash-pattern": [0.1, 7], "line-cap": "round" } },
    { selector: "edge.arrow", style: { "target-arrow-shape": "triangle", "arrow-scale": 1.4 } },
    { selector: "edge.broken", style: { "mid-target-arrow-shape": "tee", "arrow-scale": 2.2 } },
    { selector: "edge.zigzag.broken", style: { "mid-target-arrow-shape": "none", "source-arrow-shape": "tee", "target-arrow-shape": "tee", "source-arrow-color": "data(color)", "arrow-scale": 1.6 } },
    { selector: ".hidden", style: { "display": "none" } },
    { selector: ".active", style: {
      "overlay-color": "#1d4ed8", "overlay-opacity": 0.22, "overlay-padding": 6,
    } },
    { selector: "edge.active", style: { "label": "data(shortLabel)", "font-size": 12, "font-family": LABEL_FONT, "color": INK,
      "text-background-color": PAPER, "text-background-opacity": 1, "text-background-padding": 2 } },
  ];
}

// --- The legend: samples drawn in SVG, one per kind used by the shown encoding -------------------

export function legendSample(kind) {
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("viewBox", "0 0 64 20");
  svg.setAttribute("width", "64");
  svg.setAttribute("height", "20");
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("focusable", "false");
  const color = kind.color || INK;
  const width = Number(kind.width) || 2;
  const path = (d, extra = {}) => {
    const p = document.createElementNS(ns, "path");
    p.setAttribute("d", d);
    p.setAttribute("fill", "none");
    p.setAttribute("stroke", extra.stroke || color);
    p.setAttribute("stroke-width", String(extra.width || width));
    if (extra.dash) p.setAttribute("stroke-dasharray", extra.dash);
    svg.append(p);
  };
  const end = kind.arrow ? 52 : 60;
  if (kind.line === "zigzag") path(`M4 10 L14 10 L18 4 L24 16 L30 4 L36 16 L42 4 L46 10 L${end} 10`);
  else if (kind.line === "double") { path(`M4 6 L${end} 6`, { width: 2 }); path(`M4 14 L${end} 14`, { width: 2 }); }
  else path(`M4 10 L${end} 10`, { dash: { dashed: "8 5", dotted: `0.1 ${width + 4}`, dashdot: "10 4 2 4" }[kind.line] || null });
  if (kind.line === "dotted") svg.lastChild.setAttribute("stroke-linecap", "round");
  if (kind.broken && kind.line === "zigzag") path("M3 2 L3 18 M59 2 L59 18", { width: 3, stroke: color });
  else if (kind.broken) path("M28 2 L28 18 M34 2 L34 18", { width: 2, stroke: INK });
  if (kind.arrow) {
    const a = document.createElementNS(ns, "path");
    a.setAttribute("d", "M50 4 L62 10 L50 16 Z");
    a.setAttribute("fill", color);
    svg.append(a);
  }
  return svg;
}

function nodeSample(spec, typeId) {
  const look = nodeLook(spec, { type: typeId });
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("viewBox", "0 0 28 28");
  svg.setAttribute("width", "28");
  svg.setAttribute("height", "28");
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("focusable", "false");
  const POLY = { hexagon: "8,4 20,4 26,14 20,24 8,24 2,14", diamond: "14,2 26,14 14,26 2,14",
    octagon: "9,3 19,3 25,9 25,19 19,25 9,25 3,19 3,9", triangle: "14,3 26,25 2,25", barrel: "4,6 24,6 26,14 24,22 4,22 2,14" };
  const shape = document.createElementNS(ns, look.shape === "ellipse" ? "circle" : POLY[look.shape] ? "polygon" : "rect");
  if (look.shape === "ellipse") { shape.setAttribute("cx", "14"); shape.setAttribute("cy", "14"); shape.setAttribute("r", "10"); }
  else if (POLY[look.shape]) shape.setAttribute("points", POLY[look.shape]);
  else { shape.setAttribute("x", "3"); shape.setAttribute("y", "6"); shape.setAttribute("width", "22"); shape.setAttribute("height", "16"); shape.setAttribute("rx", look.shape === "round-rectangle" ? "4" : "0"); }
  shape.setAttribute("fill", look.fill);
  shape.setAttribute("stroke", INK);
  shape.setAttribute("stroke-width", look.borderStyle === "double" ? "3.5" : String(Math.min(look.borderWidth, 3)));
  if (look.borderStyle === "dashed") shape.setAttribute("stroke-dasharray", "4 3");
  if (look.borderStyle === "dotted") shape.setAttribute("stroke-dasharray", "1 3");
  svg.append(shape);
  return svg;
}

// --- Rendering -----------------------------------------------------------------------------------

function render({ model, el }) {
  let spec = model.get("spec");
  const base = `ttm-${spec.id || "map"}-${++uid}`;
  const encodings = spec.encodings || [];
  let kinds = spec.kinds || {};
  const decor = (n) => n.decor === true;
  let realNodes = (spec.nodes || []).filter((n) => !decor(n));
  let groups = spec.groups || [];
  let encoding = model.get("encoding") || (encodings[0] && encodings[0].id);

  el.classList.add("ttm");
  el.innerHTML = "";
  const titleId = `${base}-title`;
  const root = h("div", { class: "ttm-root", role: "group", "aria-labelledby": titleId });
  el.append(root);

  // Header: title, viewpoint, date (every map states them).
  const titleEl = h("p", { class: "ttm-title", id: titleId, text: spec.title || "Conflict map" });
  const viewText = document.createTextNode(spec.viewpoint || "not stated");
  const dateText = document.createTextNode(spec.date || "not stated");
  root.append(h("div", { class: "ttm-head" }, [
    titleEl,
    h("p", { class: "ttm-meta" }, [h("strong", { text: "Whose view: " }), viewText]),
    h("p", { class: "ttm-meta" }, [h("strong", { text: "Date: " }), dateText]),
  ]));
  const notice = h("p", { class: "ttm-notice", role: "status", hidden: true });
  root.append(notice);
  const messages = (model.get("messages") || []).filter(Boolean);
  if (messages.length) { notice.hidden = false; notice.textContent = messages.join(" "); }

  // Controls.
  const controls = h("div", { class: "ttm-controls" });
  let radios = [];
  if (encodings.length > 1) {
    const fs = h("fieldset", { class: "ttm-encoding" }, [h("legend", { text: spec.encodingLegend || "Show the relationships by" })]);
    for (const enc of encodings) {
      const id = `${base}-enc-${enc.id}`;
      const input = h("input", { type: "radio", name: `${base}-enc`, id, value: enc.id });
      input.checked = enc.id === encoding;
      input.addEventListener("change", () => { if (input.checked) setEncoding(enc.id, true); });
      radios.push(input);
      fs.append(h("span", { class: "ttm-radio" }, [input, h("label", { for: id, text: enc.label })]));
    }
    controls.append(fs);
  }
  const button = (text, title, fn) => {
    const b = h("button", { type: "button", class: "ttm-button", text, title });
    b.addEventListener("click", fn);
    return b;
  };
  const toolbar = h("div", { class: "ttm-toolbar", role: "toolbar", "aria-label": "Map view" });
  controls.append(toolbar);
  root.append(controls);

  // Drawing + legend.
  const body = h("div", { class: "ttm-body" });
  const canvasWrap = h("div", { class: "ttm-canvas-wrap" });
  const canvas = h("div", {
    class: "ttm-canvas", role: "img",
    "aria-label": `${spec.title || "Conflict map"}: a drawing. Every actor and relationship it shows is in the list and the table below.`,
  });
  const printImg = h("img", { class: "ttm-print-img", alt: `${spec.title || "Conflict map"} (printed drawing)` });
  canvasWrap.append(canvas, printImg);
  const legend = h("div", { class: "ttm-legend", role: "region", "aria-label": "Legend" });
  body.append(canvasWrap, legend);
  root.append(body);

  // Keyboard list + details.
  const navWrap = h("div", { class: "ttm-nav" });
  const listId = `${base}-list`;
  const listLabel = h("p", { class: "ttm-nav-label", id: `${listId}-label` },
    [h("strong", { text: "Actors and relationships. " }),
     byInput("Focus the list, then use the arrow keys to move and read each one; Alt + arrow keys move the selected actor.",
       "Tap an actor, an issue or a relationship, in this list or on the map, to read about it; drag an actor on the map to move it.")]);
  const list = h("ul", { class: "ttm-list", role: "listbox", id: listId, tabindex: "0", "aria-labelledby": `${listId}-label` });
  const details = h("div", { class: "ttm-details", "aria-live": "polite" });
  navWrap.append(listLabel, h("div", { class: "ttm-nav-row" }, [list, details]));
  root.append(navWrap);

  // Text twin.
  const twin = h("div", { class: "ttm-twin" });
  root.append(twin);

  // --- cytoscape ---
  let nodeById = new Map((spec.nodes || []).map((n) => [n.id, n]));
  const elements = [];
  for (const g of groups) elements.push({ group: "nodes", data: { id: g.id, label: g.label, fill: "#f5f7fa", size: 10, shape: "round-rectangle", borderWidth: 2, borderStyle: "dashed" }, classes: "group" });
  let weights = realNodes.map((n) => Number(n.weight) || 1);
  let wMin = Math.min(...weights, 1), wMax = Math.max(...weights, 1);
  const sizeOf = (n) => {
    const w = Number(n.weight) || 1;
    return wMax === wMin ? 34 : 26 + (30 * (w - wMin)) / (wMax - wMin);
  };
  for (const n of spec.nodes || []) {
    const look = nodeLook(spec, n);
    elements.push({
      group: "nodes",
      data: { id: n.id, label: n.label, parent: n.group || undefined, size: decor(n) ? 10 : sizeOf(n), ...look },
      position: n.x !== undefined ? { x: n.x, y: n.y } : undefined,
      classes: decor(n) ? "decor" : "",
      selectable: !decor(n), grabbable: !decor(n),
    });
  }
  const edgeData = (e) => ({ id: e.id, source: e.source, target: e.target, width: 2, lineStyle: "solid", color: INK, shortLabel: "", bend: laneBend(e), zig: ZIGZAG });
  for (const e of spec.edges || []) elements.push({ group: "edges", data: edgeData(e) });
  const hasPositions = (spec.nodes || []).every((n) => n.x !== undefined);
  const cy = cytoscape({
    container: canvas, elements, style: styleSheet(),
    layout: { name: "preset" }, minZoom: 0.2, maxZoom: 4,
    boxSelectionEnabled: false, autoungrabify: false,
  });
  el._ttmCy = cy; // for tests and the print hook
  whenLabelFontReady(cy, el);
  // Keep labels legible when a small screen shrinks the whole map: grow them as the zoom drops.
  let labelSize = 14;
  const fitLabels = () => {
    // at least 11 px on screen at any zoom (issue 32: 4-5 px at 390 px, where the map is fitted at a
    // zoom near 0.2), at most 60 px in the map.
    const size = Math.round(Math.min(60, Math.max(14, 11 / cy.zoom())));
    if (size !== labelSize) {
      labelSize = size;
      cy.style().selector("node").style("font-size", size).selector("node.decor").style("font-size", size).update();
    }
  };
  cy.on("zoom", fitLabels);

  function savedPositions() {
    const p = model.get("positions");
    return p && typeof p === "object" ? p : {};
  }
  function applyPositions(runLayout) {
    const saved = savedPositions();
    cy.batch(() => {
      for (const n of spec.nodes || []) {
        const node = cy.getElementById(n.id);
        if (saved[n.id]) node.position({ ...saved[n.id] });
        else if (n.x !== undefined) node.position({ x: n.x, y: n.y });
      }
    });
    if (runLayout) arrange(false);
    else cy.fit(cy.elements(":visible"), 36);
  }
  async function arrange(save) {
    const fcose = await ensureFcose();
    const options = fcose
      ? { name: "fcose", quality: "proof", randomize: false, animate: false, nodeSeparation: 90,
          idealEdgeLength: 120, packComponents: true, fit: true, padding: 24 }
      : { name: "cose", animate: false, randomize: false, fit: true, padding: 24 };
    cy.elements(":visible").layout(options).run();
    el.dataset.layout = options.name;
    if (save) storePositions();
  }
  function storePositions() {
    const out = {};
    for (const n of realNodes) {
      const p = cy.getElementById(n.id).position();
      out[n.id] = { x: Math.round(p.x * 10) / 10, y: Math.round(p.y * 10) / 10 };
    }
    model.set("positions", out);
    model.save_changes();
  }
  cy.on("dragfree", "node", (evt) => {
    const id = evt.target.id();
    if (!nodeById.has(id)) return;
    const moved = { ...savedPositions() };
    for (const n of realNodes) {
      const node = cy.getElementById(n.id);
      if (node.id() === id || node.isParent() || evt.target.descendants().contains(node)) {
        const p = node.position();
        moved[n.id] = { x: Math.round(p.x * 10) / 10, y: Math.round(p.y * 10) / 10 };
      }
    }
    model.set("positions", moved);
    model.save_changes();
  });

  toolbar.append(
    button("Zoom in", "Zoom in", () => cy.zoom({ level: cy.zoom() * 1.25, renderedPosition: { x: canvas.clientWidth / 2, y: canvas.clientHeight / 2 } })),
    button("Zoom out", "Zoom out", () => cy.zoom({ level: cy.zoom() / 1.25, renderedPosition: { x: canvas.clientWidth / 2, y: canvas.clientHeight / 2 } })),
    button("Fit", "Fit the whole map in view", () => cy.fit(cy.elements(":visible"), 24)),
    button("Arrange", "Arrange the actors automatically (force-directed layout)", () => arrange(true)),
    button("Reset layout", "Put every actor back where the map first placed it", () => {
      model.set("positions", {});
      model.save_changes();
      applyPositions(!hasPositions);
      announce("Layout reset.");
    }),
  );

  // --- List items ---
  let items = [];
  function buildItems() {
    items = [];
    for (const n of realNodes) {
      items.push({ id: n.id, el: "node", issue: isIssue(n), text: `${n.label}${n.name && n.name !== n.label ? ` (${n.name})` : ""}`, data: n });
    }
    for (const e of spec.edges || []) {
      const a = nodeById.get(e.source) || groups.find((g) => g.id === e.source) || { label: e.source };
      const b = nodeById.get(e.target) || groups.find((g) => g.id === e.target) || { label: e.target };
      items.push({ id: e.id, el: "edge", text: `${a.label} – ${b.label}`, data: e });
    }
  }
  buildItems();
  const optionEls = new Map();
  function renderList() {
    const shown = items.filter((item) => (item.el === "edge" ? edgeKind(item.data) : !hiddenNode(item.data)));
    const lis = reconcile(list, shown, {
      key: (item) => item.id,
      sig: (item) => `${item.el}|${item.issue}|${item.text}|${item.el === "edge" ? edgeKind(item.data).label : ""}`,
      build: (item) => {
        const kindText = item.el === "edge" ? `: ${edgeKind(item.data).label}` : "";
        const li = h("li", { role: "option", id: `${base}-opt-${item.id}`, "aria-selected": "false", class: `ttm-opt ttm-opt-${item.issue ? "issue" : item.el}` },
          [h("span", { class: "ttm-opt-kind", text: item.el === "edge" ? "Relationship " : item.issue ? "Issue: " : "Actor " }), document.createTextNode(item.text + kindText)]);
        li.addEventListener("click", () => { activate(item.id, true); list.focus(); });
        return li;
      },
    });
    optionEls.clear();
    shown.forEach((item, i) => optionEls.set(item.id, lis[i]));
  }
  function visibleItems() { return items.filter((i) => optionEls.has(i.id) && optionEls.get(i.id).isConnected); }
  let active = null;

  function hiddenNode(n) { return Array.isArray(n.only) && !n.only.includes(encoding); }
  function edgeKind(e) { const k = (e.kind || {})[encoding]; return k ? kinds[k] : null; }

  function detailRows(pairs) {
    const dl = h("dl", { class: "ttm-dl" });
    for (const [k, v] of pairs || []) { if (v) dl.append(h("dt", { text: k }), h("dd", { text: v })); }
    return dl;
  }
  function showDetails(item) {
    details.innerHTML = "";
    if (!item) { details.append(h("p", { text: `Select an actor${realNodes.some(isIssue) ? ", an issue" : ""} or a relationship to read about it.` })); return; }
    const header = `${item.el === "edge" ? "Relationship" : item.issue ? "Issue" : "Actor"}: ${item.text}`;
    details.append(h("p", { class: "ttm-details-title", text: header }));
    const pairs = [];
    if (item.el === "edge") { const k = edgeKind(item.data); if (k) pairs.push(["Drawn as", `${k.label} (${k.lineText || k.line})`]); }
    else {
      const t = (spec.nodeTypes || {})[item.data.type];
      if (t) pairs.push(["Type", t.label]);
      const g = groups.find((x) => x.id === item.data.group);
      if (g) pairs.push(["Group", g.label]);
    }
    details.append(detailRows(pairs.concat(item.data.details || [])));
  }
  function announce(text) { notice.hidden = false; notice.textContent = text; }

  function activate(id, fromList) {
    const item = items.find((i) => i.id === id);
    if (!item) return;
    active = id;
    for (const [oid, li] of optionEls) {
      const value = oid === id ? "true" : "false";
      if (li.getAttribute("aria-selected") !== value) li.setAttribute("aria-selected", value);
    }
    const li = optionEls.get(id);
    if (li) { list.setAttribute("aria-activedescendant", li.id); if (fromList) li.scrollIntoView({ block: "nearest" }); }
    // Only the elements that change: touching every element would restyle the whole drawing.
    cy.$(".active").removeClass("active");
    cy.$(":selected").unselect();
    const ele = cy.getElementById(id);
    ele.addClass("active");
    if (fromList && ele.length && ele.visible()) {
      const bb = ele.renderedBoundingBox();
      if (bb.x1 < 0 || bb.y1 < 0 || bb.x2 > canvas.clientWidth || bb.y2 > canvas.clientHeight) cy.center(ele);
    }
    showDetails(item);
  }
  function hover(id) { const item = items.find((i) => i.id === id); if (item) showDetails(item); }

  cy.on("tap", "node, edge", (evt) => { if (!evt.target.hasClass("decor")) activate(evt.target.id(), false); });
  cy.on("mouseover", "node, edge", (evt) => { if (!evt.target.hasClass("decor")) hover(evt.target.id()); });
  cy.on("mouseout", "node, edge", () => { const item = items.find((i) => i.id === active); showDetails(item || null); });

  list.addEventListener("keydown", (evt) => {
    const vis = visibleItems();
    if (!vis.length) return;
    let idx = vis.findIndex((i) => i.id === active);
    const node = active && cy.getElementById(active);
    if (evt.altKey && node && node.length && node.isNode() && evt.key.startsWith("Arrow")) {
      const step = 20 / cy.zoom();
      const p = { ...node.position() }; // a copy: cytoscape's position() is live
      const d = { ArrowUp: [0, -step], ArrowDown: [0, step], ArrowLeft: [-step, 0], ArrowRight: [step, 0] }[evt.key];
      const to = { x: Math.round((p.x + d[0]) * 10) / 10, y: Math.round((p.y + d[1]) * 10) / 10 };
      node.position(to);
      const moved = { ...savedPositions(), [node.id()]: to };
      model.set("positions", moved);
      model.save_changes();
      evt.preventDefault();
      return;
    }
    if (evt.key === "ArrowDown" || evt.key === "ArrowRight") idx = Math.min(vis.length - 1, idx + 1);
    else if (evt.key === "ArrowUp" || evt.key === "ArrowLeft") idx = Math.max(0, idx < 0 ? 0 : idx - 1);
    else if (evt.key === "Home") idx = 0;
    else if (evt.key === "End") idx = vis.length - 1;
    else return;
    evt.preventDefault();
    activate(vis[idx].id, true);
  });
  list.addEventListener("focus", () => { if (!active) { const vis = visibleItems(); if (vis.length) activate(vis[0].id, true); } });

  // --- Legend and table, per encoding ---
  let legendSig = null;
  function renderLegend() {
    const usedSig = [encoding, ...(spec.edges || []).map((e) => (e.kind || {})[encoding]), ...realNodes.filter((n) => !hiddenNode(n)).map((n) => n.type)];
    const sig = JSON.stringify([[...new Set(usedSig)], groups.map((g) => g.label), spec.legendNotes || []]);
    if (sig === legendSig) return;
    legendSig = sig;
    legend.innerHTML = "";
    legend.append(h("p", { class: "ttm-legend-title", text: "Legend" }));
    const enc = encodings.find((e) => e.id === encoding);
    const used = [];
    for (const e of spec.edges || []) { const k = (e.kind || {})[encoding]; if (k && !used.includes(k)) used.push(k); }
    const order = spec.kindOrder || Object.keys(kinds);
    used.sort((a, b) => order.indexOf(a) - order.indexOf(b));
    const lines = h("ul", { class: "ttm-legend-list" });
    for (const k of used) {
      lines.append(h("li", {}, [legendSample(kinds[k]), h("span", { text: `${kinds[k].label}${kinds[k].lineText ? ` (${kinds[k].lineText})` : ""}` })]));
    }
    if (enc) legend.append(h("p", { class: "ttm-legend-sub", text: enc.label }));
    legend.append(lines);
    const types = [];
    for (const n of realNodes) if (!hiddenNode(n) && !types.includes(n.type)) types.push(n.type);
    if (types.length) {
      const tl = h("ul", { class: "ttm-legend-list" });
      for (const t of types) tl.append(h("li", {}, [nodeSample(spec, t), h("span", { text: ((spec.nodeTypes || {})[t] || {}).label || t })]));
      legend.append(h("p", { class: "ttm-legend-sub", text: "Actors" }), tl);
    }
    if (groups.length) legend.append(h("p", { class: "ttm-legend-note", text: "A dashed box around actors marks a group: " + groups.map((g) => g.label).join("; ") + "." }));
    for (const note of spec.legendNotes || []) legend.append(h("p", { class: "ttm-legend-note", text: note }));
  }

  // The table twin: built once; later calls change only the rows that differ.
  let twinParts = null;
  function renderTwin() {
    const enc = encodings.find((e) => e.id === encoding);
    const cols = spec.edgeColumns || [];
    const headSig = JSON.stringify(cols);
    if (!twinParts || twinParts.headSig !== headSig) {
      twin.innerHTML = "";
      const twinTitle = h("p", { class: "ttm-twin-title" });
      const relCaption = h("caption");
      const table = h("table", { class: "ttm-table" }, [relCaption]);
      const head = h("tr", {}, [h("th", { scope: "col", text: "Between" }), h("th", { scope: "col", text: "Drawn as" })]
        .concat(cols.map((c) => h("th", { scope: "col", text: c.label }))));
      const tb = h("tbody");
      table.append(h("thead", {}, head), tb);
      const actors = h("table", { class: "ttm-table" });
      actors.append(h("caption", { text: "Actors on the map" }));
      actors.append(h("thead", {}, h("tr", {}, [h("th", { scope: "col", text: "Actor" }), h("th", { scope: "col", text: "Type" }), h("th", { scope: "col", text: "Group" })])));
      const ab = h("tbody");
      actors.append(ab);
      // Issue boxes have a table of their own (an issue is not an actor): shown when the map has one.
      const issues = h("table", { class: "ttm-table" }, [h("caption", { text: "Issues on the map" }),
        h("thead", {}, h("tr", {}, [h("th", { scope: "col", text: "Issue" }), h("th", { scope: "col", text: "Linked to" })]))]);
      const ib = h("tbody");
      issues.append(ib);
      const issueWrap = h("div", { class: "ttm-table-wrap", tabindex: "0", role: "region", "aria-label": "Issues table", hidden: true }, issues);
      twin.append(twinTitle, h("div", { class: "ttm-table-wrap", tabindex: "0", role: "region", "aria-label": "Relationships table" }, table),
        h("div", { class: "ttm-table-wrap", tabindex: "0", role: "region", "aria-label": "Actors table" }, actors), issueWrap);
      twinParts = { headSig, twinTitle, relCaption, tb, ab, ib, issueWrap };
    }
    const setText = (node, text) => { if (node.textContent !== text) node.textContent = text; };
    setText(twinParts.twinTitle, `The map as a table${enc ? ` (${enc.label.toLowerCase()})` : ""}`);
    setText(twinParts.relCaption, `Relationships on "${spec.title || "the map"}"`);
    const rows = items.filter((i) => i.el === "edge" && edgeKind(i.data)).map((item) => ({
      id: item.id, cells: [item.text, edgeKind(item.data).label, ...cols.map((c) => (item.data.columns || {})[c.id] || "")],
    }));
    reconcile(twinParts.tb, rows, {
      key: (r) => r.id, sig: (r) => JSON.stringify(r.cells),
      build: (r) => h("tr", {}, [h("th", { scope: "row", text: r.cells[0] }), ...r.cells.slice(1).map((c) => h("td", { text: c }))]),
    });
    const actorRows = realNodes.filter((n) => !hiddenNode(n) && !isIssue(n)).map((n) => {
      const g = groups.find((x) => x.id === n.group);
      return { id: n.id, cells: [n.name && n.name !== n.label ? `${n.label} (${n.name})` : n.label,
        ((spec.nodeTypes || {})[n.type] || {}).label || n.type || "", g ? g.label : ""] };
    });
    reconcile(twinParts.ab, actorRows, {
      key: (r) => r.id, sig: (r) => JSON.stringify(r.cells),
      build: (r) => h("tr", {}, [h("th", { scope: "row", text: r.cells[0] }), h("td", { text: r.cells[1] }), h("td", { text: r.cells[2] })]),
    });
    const label = (id) => (nodeById.get(id) || { label: id }).label;
    const issueRows = realNodes.filter((n) => !hiddenNode(n) && isIssue(n)).map((n) => ({ id: n.id, cells: [n.label,
      (spec.edges || []).filter((e) => edgeKind(e) && (e.source === n.id || e.target === n.id))
        .map((e) => label(e.source === n.id ? e.target : e.source)).join(", ") || "no actor yet"] }));
    if (twinParts.issueWrap.hidden !== !issueRows.length) twinParts.issueWrap.hidden = !issueRows.length;
    reconcile(twinParts.ib, issueRows, {
      key: (r) => r.id, sig: (r) => JSON.stringify(r.cells),
      build: (r) => h("tr", {}, [h("th", { scope: "row", text: r.cells[0] }), h("td", { text: r.cells[1] })]),
    });
  }

  function setEncoding(id, save) {
    if (!encodings.some((e) => e.id === id)) return;
    encoding = id;
    for (const r of radios) r.checked = r.value === id;
    cy.batch(() => {
      for (const e of spec.edges || []) {
        const ele = cy.getElementById(e.id);
        const kind = edgeKind(e);
        // Restyle an edge only when its look changes (restyling all 150 costs a frame).
        const lookSig = kind ? JSON.stringify([kind, laneBend(e)]) : "hidden";
        if (ele.scratch("_ttmLook") === lookSig) continue;
        ele.scratch("_ttmLook", lookSig);
        const wasActive = ele.hasClass("active");
        ele.classes([]);
        if (wasActive) ele.addClass("active");
        if (!kind) { ele.addClass("hidden"); continue; }
        const look = edgeLook(kind);
        ele.data({ width: look.width, lineStyle: look.lineStyle, color: look.color, shortLabel: kind.label, kind: (e.kind || {})[encoding],
          zig: ZIGZAG.map((d) => d + laneShift(e)) });
        for (const c of look.classes) ele.addClass(c);
      }
      for (const n of spec.nodes || []) {
        const ele = cy.getElementById(n.id);
        const hide = hiddenNode(n);
        if (hide !== ele.hasClass("hidden")) { if (hide) ele.addClass("hidden"); else ele.removeClass("hidden"); }
      }
      if (active && !cy.getElementById(active).hasClass("active")) cy.getElementById(active).addClass("active");
    });
    el.dataset.encoding = id;
    if (save && (spec.nodes || []).some((n) => Array.isArray(n.only))) cy.fit(cy.elements(":visible"), 36);
    renderLegend();
    renderList();
    renderTwin();
    if (active && optionEls.has(active)) activate(active, false); else showDetails(null);
    if (save) { model.set("encoding", id); model.save_changes(); }
  }

  setEncoding(encoding, false);
  applyPositions(!hasPositions && !Object.keys(savedPositions()).length);

  model.on("change:encoding", () => { const v = model.get("encoding"); if (v && v !== encoding) setEncoding(v, false); });
  model.on("change:positions", () => applyPositions(false));

  // A new spec for the same map (the builder after an edit): update the drawing in place.
  function replaceSpec(next) {
    spec = next;
    kinds = spec.kinds || {};
    realNodes = (spec.nodes || []).filter((n) => !decor(n));
    groups = spec.groups || [];
    nodeById = new Map((spec.nodes || []).map((n) => [n.id, n]));
    weights = realNodes.map((n) => Number(n.weight) || 1);
    wMin = Math.min(...weights, 1); wMax = Math.max(...weights, 1);
    titleEl.textContent = spec.title || "Conflict map";
    viewText.textContent = spec.viewpoint || "not stated";
    dateText.textContent = spec.date || "not stated";
    const saved = savedPositions();
    const before = cy.nodes().length;
    cy.batch(() => {
      const edgeById = new Map((spec.edges || []).map((e) => [e.id, e]));
      cy.edges().forEach((ele) => {
        const e = edgeById.get(ele.id());
        if (!e || ele.data("source") !== e.source || ele.data("target") !== e.target) ele.remove();
      });
      cy.nodes().forEach((ele) => { if (!nodeById.has(ele.id()) && !groups.some((g) => g.id === ele.id())) ele.remove(); });
      for (const n of spec.nodes || []) {
        const data = { id: n.id, label: n.label, size: decor(n) ? 10 : sizeOf(n), ...nodeLook(spec, n) };
        const place = saved[n.id] || (n.x !== undefined ? { x: n.x, y: n.y } : null);
        const ele = cy.getElementById(n.id);
        if (ele.nonempty()) {
          // Only what changed: a data() call restyles the node even when nothing differs.
          const dataSig = JSON.stringify(data);
          if (ele.scratch("_ttmData") !== dataSig) { ele.scratch("_ttmData", dataSig); ele.data(data); }
          const p = ele.position();
          if (place && (p.x !== place.x || p.y !== place.y)) ele.position({ ...place });
        } else cy.add({ group: "nodes", data, position: place || { x: 0, y: 0 } });
      }
      for (const e of spec.edges || []) {
        const ele = cy.getElementById(e.id);
        if (ele.empty()) cy.add({ group: "edges", data: edgeData(e) });
        else if (ele.data("bend") !== laneBend(e)) ele.data("bend", laneBend(e)); // another line joined or left its pair
      }
    });
    buildItems();
    if (active && !items.some((i) => i.id === active)) active = null;
    setEncoding(encoding, false);
    if (cy.nodes().length !== before) cy.fit(cy.elements(":visible"), 36);
    whenLabelFontReady(cy, el);
  }
  model.on("change:spec", () => replaceSpec(model.get("spec")));

  // Print: swap the canvas for a picture of the whole map (canvases print unreliably).
  const beforePrint = () => {
    try { printImg.src = cy.png({ full: true, scale: 2, bg: PAPER }); } catch (err) { /* keep the canvas */ }
  };
  window.addEventListener("beforeprint", beforePrint);
  el._ttmPrint = beforePrint;
  const ro = typeof ResizeObserver !== "undefined" ? new ResizeObserver(() => cy.resize()) : null;
  if (ro) ro.observe(canvas);
  el.dataset.ready = "true";
  return () => { window.removeEventListener("beforeprint", beforePrint); if (ro) ro.disconnect(); cy.destroy(); };
}

export default { render };
