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

/** A deep copy of plain JSON data. */
export const clone = (x) => JSON.parse(JSON.stringify(x));
