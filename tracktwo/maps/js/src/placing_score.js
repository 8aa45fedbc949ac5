// Scoring for "Placing dialogues". Twin of tracktwo/maps/placing.py:score_placement, function for
// function; tests/test_maps_placing.py runs both over many generated inputs and compares.

export const FIELDS = ["track", "aim"];
export const MISSING = "Not answered yet.";

function given(answers, channel, field) {
  const entry = answers && typeof answers === "object" && !Array.isArray(answers) ? answers[channel] : null;
  if (!entry || typeof entry !== "object" || Array.isArray(entry)) return null;
  const value = entry[field];
  return typeof value === "string" && value !== "" ? value : null;
}

export function judgeField(rule, value) {
  if (value === null) return { given: null, verdict: "missing", feedback: MISSING, points: 0 };
  if (value === rule.best) return { given: value, verdict: "best", feedback: rule.best_feedback, points: 1 };
  const accept = rule.accept || {};
  if (Object.prototype.hasOwnProperty.call(accept, value)) {
    return { given: value, verdict: "accepted", feedback: accept[value], points: 1 };
  }
  return { given: value, verdict: "wrong", feedback: rule.wrong_feedback, points: 0 };
}

export function scorePlacement(key, answers) {
  const items = [];
  let points = 0;
  let max = 0;
  let complete = true;
  for (const entry of key) {
    const fields = {};
    let itemPoints = 0;
    for (const field of FIELDS) {
      const rule = entry[field];
      if (!rule) continue;
      const judged = judgeField(rule, given(answers, entry.channel, field));
      fields[field] = judged;
      itemPoints += judged.points;
      max += 1;
      if (judged.verdict === "missing") complete = false;
    }
    points += itemPoints;
    items.push({ channel: entry.channel, fields, points: itemPoints });
  }
  return { items, points, max, complete };
}
