// Unit tests of the My work page's pure parts (assets/tracktwo/my-work.js), run by
// tests/test_submissions.py: node --test. tests/fixtures/work/shared.json is read by the Python twin
// (tracktwo/data/submissions.py) too: both must build the same file and give the same messages.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const W = require("../../assets/tracktwo/my-work.js");

const FIX = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "fixtures", "work", "shared.json"), "utf8"));

test("the page builds the same file as the Python twin from the same storage", () => {
  const file = W.build(FIX.storage, { pseudonym: FIX.pseudonym, saved: FIX.saved, prefix: FIX.prefix,
    courseVersion: FIX.course_version, families: FIX.families, manifest: FIX.manifest });
  assert.deepEqual(file, FIX.expected);
});

test("settings, other sites' keys and another prefix's keys are never gathered; unknown families are 'other'", () => {
  const keys = W.gather(FIX.storage, "tracktwo", FIX.families).map((e) => e.key);
  for (const k of ["tracktwo:keep", "tracktwo:instructor-view", "theme-mode", "cn:design:v1:main"]) assert.ok(!keys.includes(k), k);
  assert.equal(W.familyOf("tracktwo:maps:v1:timeline:perspectives", "tracktwo", FIX.families).family, "maps",
    "a new tool under maps:v1 is gathered with no new code");
  assert.equal(W.familyOf("tracktwo:notes:v1:first", "tracktwo", FIX.families).family, "other");
});

test("word counts split on the same whitespace as Python", () => {
  assert.equal(W.wordCount("one\u00a0two\u3000three\tfour\n\nfive"), 5);
  assert.equal(W.wordCount("   "), 0);
  assert.equal(W.wordCount(null), 0);
});

test("every malformed or tampered file gets the Python twin's one message, naming the file, item and field", () => {
  for (const m of FIX.malformed) {
    const got = W.read(m.name, m.text, FIX.families, FIX.known_items);
    assert.equal(got.ok, false, m.name);
    if (m.name === "broken.json") assert.match(got.message, /^broken\.json: not valid JSON/);
    else assert.equal(got.message, m.message);
  }
  assert.equal(W.read("good.json", JSON.stringify(FIX.expected), FIX.families, FIX.known_items).ok, true);
  assert.match(W.read("huge.json", " ".repeat(W.MAX_BYTES + 1), FIX.families, []).message, /^huge\.json: the file is \d+ characters/);
});

test("restoring names what it replaces and adds, moves keys to this edition's prefix, leaves notebooks' files", () => {
  const data = JSON.parse(JSON.stringify(FIX.expected));
  data.entries.push({ key: "tracktwo:notebook:my-onion.saved.json", family: "notebook-file", raw: "{}" });
  const existing = { "cn:design:v1:main": '{"track":"2"}', "cn:maps:v1:map-builder:builder": data.entries.find((e) => e.key === "tracktwo:maps:v1:map-builder:builder").raw };
  const plan = W.planRestore(data, existing, "cn", "book", FIX.families);
  assert.deepEqual(plan.replace.map((r) => r.key), ["cn:design:v1:main"]);
  assert.deepEqual(plan.same.map((r) => r.key), ["cn:maps:v1:map-builder:builder"]);
  assert.deepEqual(plan.elsewhere.map((r) => r.key), ["cn:notebook:my-onion.saved.json"]);
  assert.equal(plan.add.length, data.entries.length - 3);
  assert.ok(plan.add.every((r) => r.key.startsWith("cn:")));
});

test("the file name is neutral", () => {
  assert.equal(W.fileName("2026-12-07"), "work-2026-12-07.json");
});

test("what a restore replaces is named in words, an exercise by its title", () => {
  assert.equal(W.labelOf("cn:design:v1:main", "cn", FIX.families, {}), "Designs (main)");
  assert.equal(W.labelOf("tracktwo:2026.1:exercise:part1-levels/south-africa", "tracktwo", FIX.families, { "part1-levels/south-africa": "South Africa" }),
    "Answers to exercises (South Africa)");
  assert.equal(W.labelOf("tracktwo:notes:v1:first", "tracktwo", FIX.families, {}), "Other saved work (notes:v1:first)");
});
