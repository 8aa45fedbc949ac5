// The small DOM helpers every map module uses: one copy, imported by conflict_map, builder,
// worksheet and placing (esbuild inlines it into each bundle).

/** An element with attributes ("text" sets textContent, "class" className; null/false are skipped). */
export function h(tag, attrs = {}, children = []) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "text") node.textContent = v;
    else if (k === "class") node.className = v;
    else node.setAttribute(k, v === true ? "" : String(v));
  }
  for (const child of [].concat(children)) if (child) node.append(child);
  return node;
}

/**
 * A hint worded for the input in use: the keyboard wording, and the touch wording ("tap") for a
 * device whose main pointer is a finger (no hover, coarse pointer). Both are in the page; the
 * stylesheet (conflict-map.css, .ttm-keys / .ttm-touch) shows one by CSS media queries as the page
 * is first drawn: no script decides, so nothing moves afterwards and nothing is fetched. Hidden text
 * is not read out, so a screen reader's name for the field is the wording shown.
 */
export function byInput(keys, touch) {
  return h("span", { class: "ttm-by-input" }, [h("span", { class: "ttm-keys", text: keys }), h("span", { class: "ttm-touch", text: touch })]);
}

/** A deep copy of plain JSON data. */
export const clone = (x) => JSON.parse(JSON.stringify(x));
