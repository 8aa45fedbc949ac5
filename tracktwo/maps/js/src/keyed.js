// Keyed list updates for the map's lists and tables: an item keeps its element while its
// signature is unchanged (an optional `update` patches a reused element in place), and the DOM is
// touched only where the sequence differs. After one edit on a map of 60 actors and 150
// relationships, one row changes instead of several hundred being built again (see
// scripts/bench_map_builder.py).

export function reconcile(parent, items, { key, sig, build, update }) {
  const cache = parent._ttKeyed || new Map();
  const next = new Map();
  const nodes = [];
  for (const item of items) {
    const k = key(item);
    const s = sig(item);
    const old = cache.get(k);
    let node;
    if (old && old.sig === s && !next.has(k)) {
      node = old.node;
      if (update) update(node, item);
    } else node = build(item);
    next.set(k, { sig: s, node });
    nodes.push(node);
  }
  parent._ttKeyed = next;
  // Remove what is gone first, so that a rebuilt row takes its old row's place without moving the rest.
  const keep = new Set(nodes);
  for (let child = parent.firstChild; child;) {
    const after = child.nextSibling;
    if (!keep.has(child)) parent.removeChild(child);
    child = after;
  }
  let child = parent.firstChild;
  for (const node of nodes) {
    if (child === node) { child = child.nextSibling; continue; }
    parent.insertBefore(node, child);
  }
  return nodes;
}
