// The builder's first places for a map's actors and issues (no DOM, no drawing library: Node runs it
// in tests/test_map_score.py against its Python twin).

// The least distance between neighbours on the circle: a label's widest (150, the drawing's
// text-max-width) and a margin, so neighbouring labels cannot overlap side by side (twin: practice.LABEL_GAP).
export const LABEL_GAP = 180;
export function circleRadius(n) {
  const chord = n > 2 ? LABEL_GAP / (2 * Math.sin(Math.PI / n)) : 0;
  return Math.max(140, (n * 70) / (2 * Math.PI), chord);
}

// Deterministic places: actors on a circle (in list order), issues on an inner circle
// (twin: tracktwo.maps.practice.circle_positions).
export function layoutPositions(data) {
  const out = {};
  const n = data.actors.length;
  const r = circleRadius(n);
  data.actors.forEach((a, i) => {
    const t = (2 * Math.PI * i) / Math.max(n, 1) - Math.PI / 2;
    out[a.id] = { x: Math.round(r * Math.cos(t)), y: Math.round(r * Math.sin(t)) };
  });
  const m = data.issues.length;
  const r2 = m > 1 ? r * 0.45 : 0;
  data.issues.forEach((s, i) => {
    const t = (2 * Math.PI * i) / Math.max(m, 1) + Math.PI / 4;
    out[s.id] = { x: Math.round(r2 * Math.cos(t)), y: Math.round(r2 * Math.sin(t)) };
  });
  return out;
}
