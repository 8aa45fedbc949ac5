// Unit tests of the course's one storage module (assets/tracktwo/storage.js), run by
// tests/test_storage.py: node --test. A fake window holds Storage-like maps, caches, a service
// worker and IndexedDB, so the store's logic is checked without a browser.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const S = require("../../assets/tracktwo/storage.js");

function fakeStorage(initial = {}) {
  const d = new Map(Object.entries(initial));
  return {
    get length() { return d.size; },
    key: (i) => [...d.keys()][i] ?? null,
    getItem: (k) => (d.has(k) ? d.get(k) : null),
    setItem: (k, v) => { d.set(k, String(v)); },
    removeItem: (k) => { d.delete(k); },
    dump: () => Object.fromEntries(d),
  };
}

function fakeWindow({ local = {}, session = {}, caches = [], workers = [], dbs = [] } = {}) {
  const cacheNames = new Set(caches);
  const regs = workers.map((scope) => ({ scope, unregister() { regs.splice(regs.indexOf(this), 1); return Promise.resolve(true); } }));
  const databases = [...dbs];
  return {
    localStorage: fakeStorage(local),
    sessionStorage: fakeStorage(session),
    location: { href: "http://127.0.0.1:8000/book/part1/levels.html" },
    document: { documentElement: { getAttribute: () => "../../" } },
    caches: { keys: () => Promise.resolve([...cacheNames]), delete: (n) => Promise.resolve(cacheNames.delete(n)) },
    navigator: { serviceWorker: { getRegistrations: () => Promise.resolve([...regs]) } },
    indexedDB: { databases: () => Promise.resolve(databases.map((name) => ({ name }))),
      deleteDatabase: (name) => { databases.splice(databases.indexOf(name), 1); } },
    state: { cacheNames, regs, databases },
  };
}

const EX = "tracktwo:2026.1:exercise:lv/a";

test("the key scheme is the one the course always used, so saved answers survive", () => {
  const s = S.create(fakeWindow(), { prefix: "tracktwo", version: "2026.1" });
  assert.equal(s.key("2026.1", "exercise", "lv/a"), EX);
  assert.equal(s.key("maps", "v1", "map-builder", "builder"), "tracktwo:maps:v1:map-builder:builder");
  assert.equal(s.key("design", "v1", "main"), "tracktwo:design:v1:main");
  assert.equal(s.key("instructor-view"), "tracktwo:instructor-view");
  const neutral = S.create(fakeWindow(), { prefix: "cn" });
  assert.equal(neutral.key("2026.1", "exercise", "lv/a"), "cn:2026.1:exercise:lv/a");
  assert.deepEqual(S.courseKeys("tracktwo", [EX, "other", "tracktwo:probe", null, "xtracktwo:", "tracktwo-offline-x"]),
    [EX, "tracktwo:probe"]);
});

test("device mode: a saved answer from before is read, JSON round-trips, other sites' keys are left alone", () => {
  const w = fakeWindow({ local: { [EX]: '{"v":2}', "other-site": "keep" } });
  const s = S.create(w, { prefix: "tracktwo", keep: "device" });
  assert.equal(s.mode(), "device");
  assert.deepEqual(s.get(EX), { v: 2 });
  assert.equal(s.get("tracktwo:none"), null);
  s.set("tracktwo:design:v1:main", { track: "2" });
  assert.equal(w.localStorage.getItem("tracktwo:design:v1:main"), '{"track":"2"}');
  assert.deepEqual(s.keys().sort(), [EX, "tracktwo:design:v1:main"]);
  assert.equal(w.sessionStorage.length, 0);
});

test("an unreadable value is set aside byte for byte, never deleted", () => {
  const w = fakeWindow({ local: { "tracktwo:maps:v1:placing:p": "{broken" } });
  const s = S.create(w, { prefix: "tracktwo" });
  assert.equal(s.get("tracktwo:maps:v1:placing:p"), undefined);
  const aside = s.setAside("tracktwo:maps:v1:placing:p");
  assert.match(aside, /^tracktwo:maps:v1:placing:p:set-aside:\d{4}-\d\d-\d\dT/);
  assert.equal(w.localStorage.getItem(aside), "{broken");
  assert.equal(w.localStorage.getItem("tracktwo:maps:v1:placing:p"), null);
  assert.equal(s.setAside("tracktwo:absent"), null);
  assert.equal(s.setAside(EX, "tracktwo:2026.1:set-aside:lv/a"), null);
});

test("keep-nothing as the edition default: work goes to sessionStorage, the device holds nothing, not even the choice", () => {
  const w = fakeWindow();
  const s = S.create(w, { prefix: "tracktwo", keep: "nothing" });
  assert.equal(s.mode(), "nothing");
  s.set(EX, { v: 2 });
  s.setRaw(s.key("instructor-view"), "on");
  assert.equal(w.localStorage.length, 0);
  assert.equal(w.sessionStorage.getItem(EX), '{"v":2}');
  assert.deepEqual(s.get(EX), { v: 2 });
});

test("switching to keep-nothing keeps the flag out of localStorage, copies this tab's work, and removes only when asked", async () => {
  const w = fakeWindow({ local: { [EX]: '{"v":2}' }, caches: ["tracktwo-offline-2026.1-abc", "someone-else"],
    workers: ["http://127.0.0.1:8000/"] });
  const s = S.create(w, { prefix: "tracktwo", keep: "device" });
  const seen = [];
  s.onModeChange((m) => seen.push(m));
  await s.setMode("nothing");
  assert.equal(s.mode(), "nothing");
  assert.deepEqual(seen, ["nothing"]);
  assert.equal(w.localStorage.getItem("tracktwo:keep"), null);
  assert.equal(w.sessionStorage.getItem("tracktwo:keep"), "nothing");
  assert.equal(w.localStorage.getItem(EX), '{"v":2}', "not asked: the device's copy stays");
  assert.deepEqual(s.get(EX), { v: 2 }, "this tab still has the work");
  // the offline copy is off in this mode whatever the learner answered
  assert.deepEqual([...w.state.cacheNames], ["someone-else"]);
  assert.equal(w.state.regs.length, 0);
  // a new answer goes to this tab only
  s.set("tracktwo:design:v1:main", {});
  assert.equal(w.localStorage.getItem("tracktwo:design:v1:main"), null);
  // the same tab, a new page: the mode holds
  assert.equal(S.create(w, { prefix: "tracktwo", keep: "device" }).mode(), "nothing");
});

test("switching to keep-nothing with removal leaves nothing of the course on the device", async () => {
  const w = fakeWindow({ local: { [EX]: "{}", "tracktwo:instructor-view": "on", sphinx_highlight_terms: "dialogue", "other-site": "x" },
    caches: ["tracktwo-offline-2026.1-abc"], dbs: ["tracktwo-extra", "unrelated"] });
  const s = S.create(w, { prefix: "tracktwo" });
  const found = await s.storedOnDevice();
  assert.deepEqual(found, { items: 2, caches: 1 });
  const done = await s.setMode("nothing", { removeStored: true });
  assert.deepEqual(w.localStorage.dump(), { "other-site": "x" });
  assert.equal(done.items, 3); // two of the course's, and the search words Sphinx left
  assert.deepEqual(w.state.databases, ["unrelated"]);
  assert.deepEqual(s.get(EX), {}, "this tab keeps working until it is closed");
});

test("back to device mode moves this tab's work to the device; against a 'nothing' default the choice is kept", async () => {
  const w = fakeWindow();
  const s = S.create(w, { prefix: "tracktwo", keep: "nothing" });
  s.set(EX, { v: 2 });
  await s.setMode("device");
  assert.equal(w.localStorage.getItem(EX), '{"v":2}');
  assert.equal(w.sessionStorage.getItem(EX), null);
  assert.equal(w.localStorage.getItem("tracktwo:keep"), "device");
  assert.equal(S.create(fakeWindow({ local: w.localStorage.dump() }), { prefix: "tracktwo", keep: "nothing" }).mode(), "device");
  // with a device default nothing needs remembering
  const w2 = fakeWindow({ session: { "tracktwo:keep": "nothing" } });
  await S.create(w2, { prefix: "tracktwo", keep: "device" }).setMode("device");
  assert.equal(w2.localStorage.getItem("tracktwo:keep"), null);
  assert.throws(() => s.setMode("sometimes"), /use one of device, nothing/);
});

test("clearAll removes the course's items from both storages, its caches, workers and databases, and only those", async () => {
  const w = fakeWindow({ local: { [EX]: "{}", "other-site": "x" }, session: { "tracktwo:design:v1:main": "{}" },
    caches: ["tracktwo-offline-1", "cn-offline-1"], workers: ["http://127.0.0.1:8000/", "http://127.0.0.1:8000/elsewhere/"] });
  const done = await S.create(w, { prefix: "tracktwo" }).clearAll();
  assert.deepEqual(done, { items: 2, caches: 1, workers: 2, databases: 0 });
  assert.deepEqual(w.localStorage.dump(), { "other-site": "x" });
  assert.deepEqual(w.sessionStorage.dump(), {});
  assert.deepEqual([...w.state.cacheNames], ["cn-offline-1"]);
});

test("blocked storage falls back to memory and says so; the mode still resolves", () => {
  const blocked = { getItem() { throw new Error("SecurityError"); }, setItem() { throw new Error("SecurityError"); } };
  const w = { localStorage: blocked, sessionStorage: blocked };
  const s = S.create(w, { prefix: "tracktwo", keep: "nothing" });
  assert.equal(s.persistent(), false);
  s.set(EX, { v: 1 });
  assert.deepEqual(s.get(EX), { v: 1 });
  assert.equal(S.resolveMode("device", null, null), "device");
  assert.equal(S.resolveMode("device", "nothing", "device"), "nothing");
  assert.equal(S.resolveMode("nothing", null, "device"), "device");
  assert.equal(S.resolveMode("nothing", null, "nothing"), "nothing", "only a 'device' choice is ever read from the device");
  assert.equal(S.resolveMode("bogus", null, null), "device");
});

test("keeping nothing, the search words Sphinx writes to localStorage go to this tab's sessionStorage", () => {
  // A Storage class of its own, as in a browser: storage.js wraps its prototype for one key.
  class Storage {
    constructor() { this.d = new Map(); }
    get length() { return this.d.size; }
    key(i) { return [...this.d.keys()][i] ?? null; }
    getItem(k) { return this.d.has(k) ? this.d.get(k) : null; }
    setItem(k, v) { this.d.set(k, String(v)); }
    removeItem(k) { this.d.delete(k); }
  }
  const w = { Storage, localStorage: new Storage(), sessionStorage: new Storage() };
  const s = S.create(w, { prefix: "tracktwo", keep: "nothing" });
  w.localStorage.setItem("sphinx_highlight_terms", "junta"); // what searchtools.js does
  w.localStorage.setItem("theme-mode", "dark"); // any other key is left alone
  assert.deepEqual([...w.localStorage.d.keys()], ["theme-mode"], "nothing of the search on the device");
  assert.equal(w.sessionStorage.d.get("sphinx_highlight_terms"), "junta");
  assert.equal(w.localStorage.getItem("sphinx_highlight_terms"), "junta", "the highlighter still finds the words");
  assert.equal(s.readForeign("sphinx_highlight_terms"), "junta");
  w.localStorage.removeItem("sphinx_highlight_terms"); // what sphinx_highlight.js does
  assert.equal(w.sessionStorage.d.has("sphinx_highlight_terms"), false);
  // Back to keeping work on the device: Sphinx's own behaviour.
  s.setMode("device");
  w.localStorage.setItem("sphinx_highlight_terms", "peace");
  assert.equal(w.localStorage.d.get("sphinx_highlight_terms"), "peace");
});

test("put writes a restored value and sets aside, byte for byte, a different value it replaces", () => {
  const w = fakeWindow({ local: { [EX]: '{"v":2,"response":"a"}' } });
  const s = S.create(w, { prefix: "tracktwo" });
  const same = s.put(EX, '{"v":2,"response":"a"}');
  assert.deepEqual(same, { written: true, aside: null }, "the same value: nothing set aside");
  const r = s.put(EX, '{"v":2,"response":"b"}');
  assert.equal(r.written, true);
  assert.match(r.aside, /^tracktwo:2026\.1:exercise:lv\/a:set-aside:\d{4}-/);
  assert.equal(w.localStorage.getItem(r.aside), '{"v":2,"response":"a"}', "the old work is kept");
  assert.equal(w.localStorage.getItem(EX), '{"v":2,"response":"b"}');
  assert.deepEqual(s.put("tracktwo:design:v1:main", '{"x":1}'), { written: true, aside: null }, "a new key");
  assert.deepEqual(s.put("other:key", "x"), { written: false, aside: null }, "never a key outside the prefix");
  assert.equal(w.localStorage.getItem("other:key"), null);
  // Keeping nothing, the restored work goes to this tab only.
  const n = S.create(fakeWindow(), { prefix: "tracktwo", keep: "nothing" });
  assert.equal(n.put(EX, "1").written, true);
});
