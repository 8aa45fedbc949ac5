// The scored mapping task: a learner's map of a practice case against the case's worked map and
// rubric. Twin of tracktwo/maps/mapscore.py (the rules are explained there); tests/test_map_score.py
// runs both over the same generated maps and compares the results field for field. It holds no
// course facts: the task object (worked map, aliases, reading cues, rubric, kind labels) comes from
// the case file, built into the page by Python (tracktwo.maps.mapscore.task_data).

export const CRITERIA = ["actors", "relationships", "power", "issues", "reading"];

// One rule for the ordinary English plural (twin of mapscore.singular).
export function singular(word) {
  if (word.length <= 3) return word;
  if (word.endsWith("ies") && word.length > 4) return `${word.slice(0, -3)}y`;
  if (word.endsWith("sses")) return word.slice(0, -2);
  if (word.endsWith("ss") || word.endsWith("us") || word.endsWith("is")) return word;
  return word.endsWith("s") ? word.slice(0, -1) : word;
}

export function words(text) {
  return ` ${text.toLowerCase().replace(/[^0-9a-z]+/g, " ").split(" ").filter(Boolean).map(singular).join(" ")} `;
}

export function hasWords(text, phrase) {
  const p = words(phrase);
  return p.trim() !== "" && words(text).includes(p);
}

const cmp = (a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2] || a[3] - b[3];

function matches(keys, mine, label, aliases, selfType) {
  const pairs = [];
  keys.forEach((k, ki) => {
    mine.forEach((m, mi) => {
      let best = 0;
      for (const a of aliases[k.id] || []) if (hasWords(m[label], a)) best = Math.max(best, words(a).trim().length);
      if (selfType && k.type === "self" && m.type === "self") best = Math.max(best, 1000);
      if (best) pairs.push([k.type !== undefined && k.type === m.type ? -1 : 0, -best, ki, mi]);
    });
  });
  pairs.sort(cmp);
  const out = {};
  const taken = new Set();
  for (const [, , ki, mi] of pairs) {
    if (!(keys[ki].id in out) && !taken.has(mi)) { out[keys[ki].id] = mine[mi].id; taken.add(mi); }
  }
  return out;
}

// got / total, cut (not rounded) to 3 places: the same float in both tiers.
const share = (got, total) => (total ? Math.floor((got * 1000) / total + 1e-9) / 1000 : 1.0);

function level(criterion, s) {
  let lv = criterion.levels[0];
  for (const x of criterion.levels) if (s >= x.min) lv = x;
  return lv;
}

const sorted2 = (a, b) => (a <= b ? [a, b] : [b, a]);
const ends = (r) => (r.kind === "influence" ? [r.source, r.target] : sorted2(r.source, r.target)).join("\u0000");

// ticked: the indexes of the reading cues the learner ticks as addressed (self-assessment).
export function scoreMap(task, mine, ticked = []) {
  const key = task.key, kind = task.kindLabels, aliases = task.aliases;
  const names = Object.fromEntries(key.actors.map((a) => [a.id, a.name]));
  const actors = matches(key.actors, mine.actors, "name", aliases, true);
  const byId = new Map(mine.actors.map((a) => [a.id, a]));
  const found = {};

  const missing = key.actors.filter((a) => !(a.id in actors)).map((a) => names[a.id]);
  const matched = new Set(Object.values(actors));
  const strange = mine.actors.filter((a) => !matched.has(a.id)).map((a) => a.name);
  const notesA = missing.length ? [`Not found on your map: ${missing.join(", ")}.`] : [];
  if (strange.length) {
    notesA.push(`Not recognised: ${strange.join(", ")}. If one of them is a party of the case, which one? ` +
      "A name closer to the setting's lets the check find it.");
  }
  found.actors = [share(key.actors.length - missing.length, key.actors.length), notesA];

  const rels = mine.relationships;
  const used = new Set();
  let got = 0;
  const relNotes = [], half = [];
  const accept = task.relationships;
  const scored = key.relationships.filter((r) => Object.prototype.hasOwnProperty.call(accept, r.id));
  for (const r of scored) {
    const ok = accept[r.id];
    const a = actors[r.source], b = actors[r.target];
    const who = `${names[r.source]} and ${names[r.target]}`;
    if (a === undefined || b === undefined) { relNotes.push(`${who} (${kind[r.kind]})`); continue; }
    const exact = rels.findIndex((m, i) => !used.has(i) && ok.includes(m.kind) && ends(m) === ends({ source: a, target: b, kind: m.kind }));
    if (exact >= 0) { used.add(exact); got += 1; continue; }
    const pair = sorted2(a, b).join("\u0000");
    const other = rels.findIndex((m, i) => !used.has(i) && sorted2(m.source, m.target).join("\u0000") === pair);
    if (other >= 0) {
      used.add(other);
      got += 0.5;
      half.push(`${who}: yours is ${kind[rels[other].kind]}, the worked map's ${kind[r.kind]}`);
    } else relNotes.push(`${who} (${kind[r.kind]})`);
  }
  const details = [];
  if (relNotes.length) details.push(`Not on your map: ${relNotes.join("; ")}.`);
  if (half.length) details.push(`Another kind: ${half.join("; ")}.`);
  found.relationships = [share(got, scored.length), details];

  const off = [];
  let good = 0, seen = 0;
  for (const k of key.actors) {
    const m = byId.get(actors[k.id]);
    if (!m) continue;
    seen += 1;
    if (Math.abs(m.power - k.power) <= 1 && m.party === k.party) good += 1;
    else off.push(`${m.name} (yours: power ${m.power}, ${m.party}; worked map: power ${k.power}, ${k.party})`);
  }
  found.power = [seen ? share(good, seen) : 0.0, off.length ? [`Differs from the worked map: ${off.join("; ")}.`] : []];

  const issues = matches(key.issues, mine.issues, "label", aliases, false);
  const mineIssues = new Map(mine.issues.map((s) => [s.id, s]));
  got = 0;
  const notes = [];
  for (const s of key.issues) {
    if (!(s.id in issues)) { notes.push(`no box for ${s.label}`); continue; }
    const linked = new Set(mineIssues.get(issues[s.id]).actors || []);
    const want = s.actors;
    const hit = want.filter((x) => linked.has(actors[x]));
    got += 0.5 + 0.5 * (want.length ? hit.length / want.length : 1);
    const gone = want.filter((x) => !hit.includes(x)).map((x) => names[x]);
    if (gone.length) notes.push(`${s.label} is not linked to ${gone.join(", ")}`);
  }
  found.issues = [share(got, key.issues.length), notes.length ? [`Issues: ${notes.join("; ")}.`] : []];

  const reading = (mine.notes || "").trim();
  const cues = task.reading_cues;
  const ticks = [...new Set((ticked || []).filter((i) => Number.isInteger(i) && i >= 0 && i < cues.length))];
  const left = cues.filter((c, i) => !ticks.includes(i)).map((c) => c.cue);
  found.reading = [reading ? share(ticks.length, cues.length) : 0.0,
    left.length && reading ? [`Not ticked (the course's reading of what a reading of this map needs): ${left.join("; ")}.`] : []];

  const out = task.rubric.map((c) => {
    const [s, d] = found[c.id];
    const lv = level(c, s);
    return { id: c.id, label: c.label, level: lv.label, points: lv.points, max: Math.max(...c.levels.map((x) => x.points)),
      share: s, feedback: lv.feedback, details: d };
  });
  return { score: out.reduce((t, c) => t + c.points, 0), max: out.reduce((t, c) => t + c.max, 0), criteria: out };
}
