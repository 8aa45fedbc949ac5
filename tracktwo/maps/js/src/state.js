// Saved-state rules for a conflict map, shared by both hosts' front end.
// Twin of tracktwo/maps/model.py:state_problems (tests/test_maps_parity.py runs both on the same
// inputs). Holds no course facts.

// Saved maps are keyed "<prefix>:maps:v1:<kind>:<id>" (the prefix and the rest of the scheme:
// assets/tracktwo/storage.js).
export const STORAGE_PARTS = ["maps", "v1"];

function isObject(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

// Problems with a saved state {encoding, positions} for this map spec, as short sentences.
// An empty list means the state can be used.
export function stateProblems(state, spec) {
  const problems = [];
  if (!isObject(state)) return ["the saved state is not an object"];
  const encodings = (spec.encodings || []).map((e) => e.id);
  if ("encoding" in state && !encodings.includes(state.encoding)) {
    problems.push(`encoding ${JSON.stringify(state.encoding)} is not one of ${encodings.join(", ")}`);
  }
  if ("positions" in state) {
    const positions = state.positions;
    if (!isObject(positions)) {
      problems.push("positions is not an object");
    } else {
      const ids = new Set((spec.nodes || []).map((n) => n.id));
      for (const id of Object.keys(positions).sort()) {
        const p = positions[id];
        if (!ids.has(id)) {
          problems.push(`positions names an actor not on this map: ${JSON.stringify(id)}`);
        } else if (!isObject(p) || !Number.isFinite(p.x) || !Number.isFinite(p.y)
                   || Math.abs(p.x) > 1e6 || Math.abs(p.y) > 1e6) {
          problems.push(`position of ${JSON.stringify(id)} is not a pair of finite numbers x, y`);
        }
      }
    }
  }
  for (const key of Object.keys(state).sort()) {
    if (key !== "encoding" && key !== "positions") problems.push(`unknown field ${JSON.stringify(key)}`);
  }
  return problems;
}
