/* The one home for what the course keeps in this browser (window.TTStorage): key scheme, modes
 * ("device" / "nothing"), set aside, clear everything, and the switch on every page. The full
 * description is docs/decisions/0014-browser-storage.md ("Key scheme" and "Two modes"); the pure parts
 * run under Node (tests/js/storage.test.js). Nothing is sent anywhere. */
(function (root, factory) {
  "use strict";
  var api = factory();
  if (typeof module === "object" && module.exports) { module.exports = api; return; }
  var me = typeof document !== "undefined" ? document.currentScript : null;
  var attr = function (name) { return me ? me.getAttribute(name) : null; };
  root.TTStorage = api.create(root, {
    prefix: attr("data-prefix") || api.DEFAULT_PREFIX,
    version: attr("data-course-version") || "",
    keep: attr("data-keep") || "device"
  });
  if (typeof document !== "undefined") api.startSwitch(document, root, root.TTStorage);
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  var DEFAULT_PREFIX = "tracktwo";
  var MODES = ["device", "nothing"];
  var SET_ASIDE = ":set-aside:";
  /* Keys of other software the course's pages cause to be written, removed by "clear everything"
   * (Sphinx's search page leaves the searched words here for its highlighter). */
  var FOREIGN = ["sphinx_highlight_terms"];
  var TEXT = {
    device: "Keeping your work on this device",
    nothing: "Keeping nothing: your work is forgotten when you close this tab",
    toNothing: "Keep nothing",
    toDevice: "Keep my work on this device",
    label: "Where your work is kept",
    offer: "Keeping nothing from now on. This browser already holds {count} item{s} of the course from before " +
      "(answers, maps, designs or the offline copy). Remove {them} now?",
    removed: "Removed {count} item{s} the course had kept on this device.",
    kept: "Items kept from before stay on this device until you clear them (Your progress page, or the map builder).",
    notPersisted: "This browser may delete your work after some days without a visit (Safari: seven). Keep a copy:",
    exportLink: "export my work"
  };

  function fmt(text, values) {
    return text.replace(/\{(\w+)\}/g, function (_, k) { return values[k]; });
  }

  /* ------------------------------------------------------------------ pure: keys and modes */

  function makeKey(prefix, parts) {
    return [prefix].concat(parts).join(":");
  }

  function isCourseKey(prefix, key) {
    return typeof key === "string" && key.indexOf(prefix + ":") === 0;
  }

  function courseKeys(prefix, keys) {
    return (keys || []).filter(function (k) { return isCourseKey(prefix, k); });
  }

  function asideKey(key, now) {
    return key + SET_ASIDE + (now || new Date()).toISOString();
  }

  function isSetAside(key) {
    return typeof key === "string" && key.indexOf(SET_ASIDE) >= 0;
  }

  /* The mode in force: this tab's choice (sessionStorage), else a "device" choice kept on the
   * device (only ever written when the edition's default is "nothing"), else the edition default. */
  function resolveMode(editionDefault, tabChoice, deviceChoice) {
    if (MODES.indexOf(tabChoice) >= 0) return tabChoice;
    if (deviceChoice === "device") return "device";
    return MODES.indexOf(editionDefault) >= 0 ? editionDefault : "device";
  }

  /* JSON text -> {ok: true, value} or {ok: false, problem}; never throws. */
  function parseJSON(raw) {
    if (raw === null || raw === undefined) return { ok: true, value: null };
    try { return { ok: true, value: JSON.parse(raw) }; } catch (e) { return { ok: false, problem: "it is not valid JSON" }; }
  }

  /* A Storage-like object over a plain object: the fallback when the browser blocks storage. */
  function memoryStorage() {
    var data = {};
    return {
      get length() { return Object.keys(data).length; },
      key: function (i) { return Object.keys(data)[i] === undefined ? null : Object.keys(data)[i]; },
      getItem: function (k) { return Object.prototype.hasOwnProperty.call(data, k) ? data[k] : null; },
      setItem: function (k, v) { data[k] = String(v); },
      removeItem: function (k) { delete data[k]; },
      memory: true
    };
  }

  function allKeys(s) {
    var out = [];
    if (!s) return out;
    try { for (var i = 0; i < s.length; i++) { var k = s.key(i); if (k !== null) out.push(k); } } catch (e) { /* blocked */ }
    return out;
  }

  /* A usable Storage from win[name], or null (blocked, private mode, or absent). Read only: a probe
   * that wrote and removed a key would leave the course's prefix in the browser's files on disk
   * (Chromium's LevelDB log keeps deleted keys until it compacts) even when keeping nothing. */
  function probe(win, name, prefix) {
    try {
      var s = win[name];
      if (!s) return null;
      s.getItem(prefix + ":keep");
      return s;
    } catch (e) { return null; }
  }

  /* ------------------------------------------------------------------ the store */

  /* win: an object with localStorage, sessionStorage and optionally caches, navigator, indexedDB,
   * confirm, location (a browser window, or a fake one under Node). opts: {prefix, version, keep}. */
  function create(win, opts) {
    opts = opts || {};
    var prefix = opts.prefix || DEFAULT_PREFIX;
    var version = opts.version || "";
    var editionDefault = MODES.indexOf(opts.keep) >= 0 ? opts.keep : "device";
    var local = probe(win, "localStorage", prefix);
    var session = probe(win, "sessionStorage", prefix);
    var memory = memoryStorage();
    var MODE_KEY = makeKey(prefix, ["keep"]);
    var listeners = [];

    function read(s, k) { try { return s ? s.getItem(k) : null; } catch (e) { return null; } }
    function write(s, k, v) { try { s.setItem(k, v); return true; } catch (e) { return false; } }
    function drop(s, k) { try { if (s) s.removeItem(k); } catch (e) { /* blocked */ } }

    var mode = resolveMode(editionDefault, read(session, MODE_KEY), read(local, MODE_KEY));

    /* Where work goes in the mode in force. */
    function store() {
      if (mode === "nothing") return session || memory;
      return local || memory;
    }

    function entriesOf(s) {
      return courseKeys(prefix, allKeys(s)).filter(function (k) { return k !== MODE_KEY; })
        .map(function (k) { return [k, read(s, k)]; });
    }

    /* Copy the course's entries from one storage to another (and drop them from the first when
     * `moving`); returns how many. */
    function copy(from, to, moving) {
      if (!from || !to || from === to) return 0;
      var n = 0;
      entriesOf(from).forEach(function (pair) {
        if (pair[1] !== null && write(to, pair[0], pair[1])) { if (moving) drop(from, pair[0]); n += 1; }
      });
      return n;
    }

    /* Remove the course's items from the device's storage (localStorage) and Sphinx's left-over
     * search words; returns how many. */
    function clearDeviceItems() {
      var keys = courseKeys(prefix, allKeys(local));
      keys.forEach(function (k) { drop(local, k); });
      var n = keys.length;
      FOREIGN.forEach(function (k) { if (read(local, k) !== null) { drop(local, k); n += 1; } });
      return n;
    }

    function clearTabItems() {
      var keys = courseKeys(prefix, allKeys(session)).filter(function (k) { return k !== MODE_KEY; });
      keys.forEach(function (k) { drop(session, k); });
      courseKeys(prefix, allKeys(memory)).forEach(function (k) { drop(memory, k); });
      FOREIGN.forEach(function (k) { drop(session, k); });
      return keys.length;
    }

    var cachePrefix = prefix + "-offline-";
    function courseCaches() {
      if (!win.caches || typeof win.caches.keys !== "function") return Promise.resolve([]);
      return win.caches.keys().then(function (names) {
        return names.filter(function (n) { return n.indexOf(cachePrefix) === 0; });
      }, function () { return []; });
    }

    function scopeRoot() {
      try {
        var doc = win.document;
        var rootAttr = doc && doc.documentElement ? doc.documentElement.getAttribute("data-content_root") : "";
        return new URL(rootAttr || "./", win.location.href).href;
      } catch (e) { return ""; }
    }

    /* The offline copy: its service worker (under the course's root) and its caches. */
    function clearOfflineCopy() {
      var sw = win.navigator && win.navigator.serviceWorker;
      var rootUrl = scopeRoot();
      var workers = sw && typeof sw.getRegistrations === "function"
        ? sw.getRegistrations().then(function (regs) {
          var ours = regs.filter(function (r) { return !rootUrl || r.scope.indexOf(rootUrl) === 0; });
          return Promise.all(ours.map(function (r) { return r.unregister(); })).then(function () { return ours.length; });
        }, function () { return 0; })
        : Promise.resolve(0);
      var caches = courseCaches().then(function (names) {
        return Promise.all(names.map(function (n) { return win.caches.delete(n); })).then(function () { return names.length; });
      });
      return Promise.all([workers, caches]).then(function (r) { return { workers: r[0], caches: r[1] }; });
    }

    /* The course keeps nothing in IndexedDB today; any database named with its prefix goes too. */
    function clearDatabases() {
      var idb = win.indexedDB;
      if (!idb || typeof idb.databases !== "function") return Promise.resolve(0);
      return idb.databases().then(function (dbs) {
        var ours = dbs.filter(function (d) { return d.name && (d.name === prefix || d.name.indexOf(prefix + ":") === 0 || d.name.indexOf(prefix + "-") === 0); });
        ours.forEach(function (d) { idb.deleteDatabase(d.name); });
        return ours.length;
      }, function () { return 0; });
    }

    /* Everything of the course kept on the device (not this tab's memory): localStorage, the
     * offline copy, IndexedDB. */
    function clearDevice() {
      var items = clearDeviceItems();
      return Promise.all([clearOfflineCopy(), clearDatabases()]).then(function (r) {
        return { items: items, caches: r[0].caches, workers: r[0].workers, databases: r[1] };
      });
    }

    /* Everything of the course in this browser: the device's and this tab's. */
    function clearAll() {
      var tab = clearTabItems();
      return clearDevice().then(function (r) { r.items += tab; return r; });
    }

    /* What clearAll would remove from the device (not this tab's memory): items and caches. */
    function storedOnDevice() {
      var items = courseKeys(prefix, allKeys(local)).filter(function (k) { return k !== MODE_KEY; }).length;
      return courseCaches().then(function (names) { return { items: items, caches: names.length }; });
    }

    function setMode(next, options) {
      options = options || {};
      if (MODES.indexOf(next) < 0) throw new Error("TTStorage.setMode: use one of " + MODES.join(", "));
      var before = mode;
      if (next === "nothing") {
        // This tab keeps working with a copy; what the device holds stays unless the learner asks.
        copy(local, session || memory, false);
        write(session || memory, MODE_KEY, "nothing");
        drop(local, MODE_KEY);
        mode = next;
        var done = clearOfflineCopy();
        if (options.removeStored) done = done.then(function () { return clearDevice(); });
        listeners.forEach(function (fn) { try { fn(mode, before); } catch (e) { /* a listener's bug */ } });
        return done;
      }
      copy(session, local || memory, true);
      copy(memory, local || memory, true);
      drop(session, MODE_KEY);
      if (editionDefault === "nothing") write(local, MODE_KEY, "device");
      mode = next;
      listeners.forEach(function (fn) { try { fn(mode, before); } catch (e) { /* a listener's bug */ } });
      return Promise.resolve(null);
    }

    /* Ask the browser to keep the course's data through storage clean-ups (Safari deletes a site's
     * data after seven days without a visit; other browsers under storage pressure), where it offers
     * this (navigator.storage.persist). Asked once per page, when the device keeps the learner's work
     * and holds some. Resolves to {supported, granted}; never rejects. */
    var asked = null;
    function persist() {
      var st = win.navigator && win.navigator.storage;
      if (!st || typeof st.persist !== "function") return Promise.resolve({ supported: false, granted: false });
      return asked || (asked = st.persist().then(function (g) { return { supported: true, granted: !!g }; },
        function () { return { supported: true, granted: false }; }));
    }

    if (mode === "nothing") {
      // Nothing from this tab may linger on the device: the offline copy is off in this mode.
      // (Nothing is removed from localStorage without asking.)
      clearOfflineCopy();
    }
    holdSearchWords();

    /* Sphinx's search page writes the searched words to localStorage ("sphinx_highlight_terms")
     * for the next page's highlighter, which reads and removes them. Keeping nothing, that one key
     * of Sphinx's is kept in sessionStorage instead, so a search never reaches the device's files
     * (Chromium's LevelDB log keeps even a removed key until it compacts). Storage's methods are
     * wrapped for that key of localStorage only; every other key and store is untouched. */
    function holdSearchWords() {
      var proto = win.Storage && win.Storage.prototype;
      if (!proto || !local || !session || proto.__ttHeld) return;
      var terms = FOREIGN[0];
      var held = function (self, k) { return self === local && k === terms && mode === "nothing"; };
      var get = proto.getItem, set = proto.setItem, remove = proto.removeItem;
      proto.getItem = function (k) { return get.call(held(this, k) ? session : this, k); };
      proto.setItem = function (k, v) { return set.call(held(this, k) ? session : this, k, v); };
      proto.removeItem = function (k) { return remove.call(held(this, k) ? session : this, k); };
      proto.__ttHeld = true;
    }

    return {
      prefix: prefix,
      version: version,
      editionDefault: editionDefault,
      cachePrefix: cachePrefix,
      TEXT: TEXT,
      mode: function () { return mode; },
      /* True when work outlives the page (localStorage or sessionStorage works in this mode). */
      persistent: function () { return !store().memory; },
      key: function () { return makeKey(prefix, Array.prototype.slice.call(arguments)); },
      isCourseKey: function (k) { return isCourseKey(prefix, k); },
      getRaw: function (k) { return read(store(), k); },
      setRaw: function (k, v) { return write(store(), k, String(v)); },
      /* The saved JSON value: null when nothing is saved, undefined when it cannot be parsed. */
      get: function (k) {
        var p = parseJSON(read(store(), k));
        return p.ok ? p.value : undefined;
      },
      set: function (k, value) { return write(store(), k, JSON.stringify(value)); },
      remove: function (k) { drop(store(), k); },
      /* Move an unusable value aside, byte for byte (to `to`, or "<key>:set-aside:<time>"); the
       * aside key, or null when there was nothing to move. Never deletes a learner's work. */
      setAside: function (k, to) {
        var s = store();
        var raw = read(s, k);
        if (raw === null) return null;
        var target = to || asideKey(k);
        if (write(s, target, raw)) drop(s, k);
        return target;
      },
      /* Write `raw` at `k` without losing what is there: a different value already at `k` is set
       * aside first (as setAside does). {written, aside}: aside is the key it went to, or null. */
      put: function (k, raw) {
        var s = store();
        if (!isCourseKey(prefix, k) || typeof raw !== "string") return { written: false, aside: null };
        var before = read(s, k);
        if (before === raw) return { written: true, aside: null };
        var target = null;
        if (before !== null) {
          target = asideKey(k);
          if (!write(s, target, before)) return { written: false, aside: null };
        }
        return { written: write(s, k, raw), aside: target };
      },
      keys: function () { return entriesOf(store()).map(function (p) { return p[0]; }); },
      entries: function () { return entriesOf(store()); },
      /* A key another program wrote (see FOREIGN); read only. */
      readForeign: function (k) { return FOREIGN.indexOf(k) >= 0 ? read(local, k) : null; },
      setMode: setMode,
      onModeChange: function (fn) { listeners.push(fn); },
      clearAll: clearAll,
      clearDevice: clearDevice,
      clearOfflineCopy: clearOfflineCopy,
      courseCaches: courseCaches,
      storedOnDevice: storedOnDevice,
      offlineAllowed: function () { return mode === "device"; },
      persist: persist
    };
  }

  /* ------------------------------------------------------------------ the switch (browser only) */

  function startSwitch(doc, win, S) {
    function build() {
      // The page keeps a slot of the box's height at the top of the article (written at build time
      // by tracktwo/sphinxext/light_chrome.py), so drawing the box moves nothing below it.
      var slot = doc.querySelector(".tt-keep[data-tt-slot]");
      if (doc.querySelector(".tt-keep:not([data-tt-slot])")) return;
      var box = slot || doc.createElement("div");
      box.removeAttribute("data-tt-slot");
      box.className = "tt-keep";
      box.setAttribute("role", "group");
      box.setAttribute("aria-label", TEXT.label);
      var status = doc.createElement("p");
      status.className = "tt-keep-status";
      status.id = "tt-keep-status";
      var button = doc.createElement("button");
      button.type = "button";
      button.className = "tt-keep-button";
      button.setAttribute("aria-describedby", "tt-keep-status");
      var note = doc.createElement("p");
      note.className = "tt-keep-note";
      note.setAttribute("role", "status");
      note.setAttribute("aria-live", "polite");
      box.appendChild(status);
      box.appendChild(button);
      box.appendChild(note);
      function draw() {
        var m = S.mode();
        box.setAttribute("data-mode", m);
        status.textContent = TEXT[m];
        button.textContent = m === "device" ? TEXT.toNothing : TEXT.toDevice;
      }
      button.addEventListener("click", function () {
        note.textContent = "";
        if (S.mode() === "device") {
          S.storedOnDevice().then(function (found) {
            var count = found.items + found.caches;
            var remove = false;
            if (count && typeof win.confirm === "function") {
              remove = win.confirm(fmt(TEXT.offer, { count: count, s: count === 1 ? "" : "s", them: count === 1 ? "it" : "them" }));
            }
            return S.setMode("nothing", { removeStored: remove }).then(function (result) {
              draw();
              if (count) note.textContent = remove ? fmt(TEXT.removed, { count: result ? result.items + result.caches : count, s: count === 1 ? "" : "s" }) : TEXT.kept;
            });
          });
        } else {
          S.setMode("device");
          draw();
        }
      });
      draw();
      // Work kept on this device, and the browser will not promise to keep it: say so, and point to
      // the export page (its address from the page's root, data-content_root on <html>).
      if (S.mode() === "device" && S.keys().length) S.persist().then(function (r) {
        if (r.granted || note.textContent) return;
        note.textContent = TEXT.notPersisted + " ";
        var a = doc.createElement("a");
        a.href = (doc.documentElement.getAttribute("data-content_root") || "") + "book/my-work.html";
        a.textContent = TEXT.exportLink;
        note.appendChild(a);
        box.setAttribute("data-persisted", "no");
      });
      if (slot) return;
      var article = doc.querySelector("article.bd-article") || doc.querySelector("main") || doc.body;
      article.insertBefore(box, article.firstChild);
    }
    if (doc.readyState === "loading") doc.addEventListener("DOMContentLoaded", build);
    else build();
  }

  return {
    DEFAULT_PREFIX: DEFAULT_PREFIX,
    MODES: MODES,
    FOREIGN: FOREIGN,
    TEXT: TEXT,
    makeKey: makeKey,
    isCourseKey: isCourseKey,
    courseKeys: courseKeys,
    asideKey: asideKey,
    isSetAside: isSetAside,
    resolveMode: resolveMode,
    parseJSON: parseJSON,
    memoryStorage: memoryStorage,
    create: create,
    startSwitch: startSwitch
  };
});
