// Unit tests of the progress reader (assets/tracktwo/progress.js), run by tests/test_progress.py: node --test
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const P = require("../../assets/tracktwo/progress.js");

const manifest = {
  version: "2026.1",
  chapters: [
    { title: "Levels", url: "levels.html", exercises: [{ id: "lv/a", title: "A" }, { id: "lv/b", title: "B" }, { id: "lv/c", title: "C" }] },
    { title: "Coup", url: "coup.html", exercises: [{ id: "cp/x", title: "X" }] },
  ],
};
const k = (id, version = "2026.1", kind = "exercise") => `tracktwo:${version}:${kind}:${id}`;
const saved = (o) => JSON.stringify(o);

test("a checked answer counts as done with its score; unchecked is saved; missing is not started", () => {
  const s = P.summarise([
    [k("lv/a"), saved({ v: 1, response: "t2", checked: true, solution: false, points: 1, max: 1 })],
    [k("lv/b"), saved({ v: 2, response: { o: "t1" }, checked: true, solution: false, points: 2, max: 4 })],
    [k("cp/x"), saved({ v: 2, response: ["a"], checked: false, solution: false, points: null, max: null })],
  ], manifest);
  const [lv, cp] = s.chapters;
  assert.deepEqual(lv.exercises.map((e) => e.status), ["checked", "checked", "none"]);
  assert.equal(lv.checked, 2); assert.equal(lv.points, 3); assert.equal(lv.max, 5);
  assert.equal(cp.saved, 1); assert.equal(cp.checked, 0);
  assert.deepEqual(s.totals, { exercises: 4, checked: 2, saved: 1, unrecognised: 0, points: 3, max: 5 });
  assert.deepEqual(s.notes, []);
});

test("unreadable or unknown-format values are counted as 'format not recognised', never scored, never thrown", () => {
  const bad = ["{not json", saved([1, 2]), saved({ v: 9, checked: true, points: 1, max: 1 }),
    saved({ v: 2, checked: true, points: 5, max: 1 }), saved({ v: 1, checked: true, points: "1", max: 1 }), "null", ""];
  for (const raw of bad) {
    const s = P.summarise([[k("lv/a"), raw]], manifest);
    assert.equal(s.chapters[0].exercises[0].status, "unrecognised", raw);
    assert.equal(s.totals.unrecognised, 1, raw);
    assert.equal(s.totals.points, 0, raw);
  }
});

test("set-aside values, other course versions and unknown exercises are listed apart, not counted", () => {
  const s = P.summarise([
    [k("lv/a", "2026.1", "set-aside"), "{bad"],
    [k("lv/b", "2025.9"), saved({ v: 1, checked: true, points: 1, max: 1 })],
    [k("gone/item"), saved({ v: 1, checked: true, points: 1, max: 1 })],
    ["someone-else:key", "x"], ["tracktwo:probe", "1"],
  ], manifest);
  assert.deepEqual(s.notes.map((n) => n.kind).sort(), ["other-version", "set-aside", "unknown-exercise"]);
  assert.equal(s.totals.checked, 0);
  assert.equal(s.totals.unrecognised, 0);
});

test("a missing or malformed manifest or storage list gives an empty summary, not an error", () => {
  assert.deepEqual(P.summarise(null, null).chapters, []);
  assert.deepEqual(P.summarise([[null, null], "x", 3], manifest).totals.checked, 0);
});

test("parseKey reads the engine's key scheme", () => {
  assert.deepEqual(P.parseKey("tracktwo:2026.1:exercise:part1-levels/which-track"),
    { version: "2026.1", kind: "exercise", id: "part1-levels/which-track" });
  assert.deepEqual(P.parseKey("tracktwo:2026.1:set-aside:a/b"), { version: "2026.1", kind: "set-aside", id: "a/b" });
  assert.equal(P.parseKey("tracktwo:probe"), null);
});

test("a neutral edition's prefix is read, and the course's own keys are not counted under it", () => {
  assert.deepEqual(P.parseKey("cn:2026.1:exercise:a/b", "cn"), { version: "2026.1", kind: "exercise", id: "a/b" });
  assert.equal(P.parseKey("tracktwo:2026.1:exercise:a/b", "cn"), null);
  const s = P.summarise([[`cn:2026.1:exercise:lv/a`, saved({ v: 2, checked: true, points: 1, max: 1 })]], manifest, "cn");
  assert.equal(s.totals.checked, 1);
});

test("an exercise placed on two pages shows on both but counts once in the totals", () => {
  const twice = { version: "2026.1", chapters: [manifest.chapters[0],
    { title: "Practice", url: "practice.html", exercises: [{ id: "lv/a", title: "A" }] }] };
  const s = P.summarise([[k("lv/a"), saved({ v: 2, checked: true, points: 1, max: 1 })]], twice);
  assert.equal(s.chapters[1].exercises[0].status, "checked");
  assert.equal(s.totals.exercises, 3);
  assert.equal(s.totals.checked, 1);
  assert.equal(s.totals.points, 1);
});
