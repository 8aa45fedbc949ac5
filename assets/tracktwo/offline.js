/* "Keep the course on this device": the opt-in offline copy, and the control that removes it.
 * Described in docs/decisions/0012-light-pages.md ("the offline copy's page script", under Implementation notes). */

(function () {
  "use strict";
  var S = window.TTStorage;
  var PREFIX = S ? S.cachePrefix : "tracktwo-offline-";
  var TEXT = {
    title: "Use this course without a connection",
    keep: "Keep the course on this device",
    remove: "Remove the offline copy and my saved answers",
    off: "The course is not stored on this device. Keeping it stores every page and file (about {size}) in this browser, so that you can study with no connection.",
    working: "Storing the course on this device…",
    on: "The course (version {version}, {count} files, {size}) is stored on this device: every page opens without a connection.",
    failed: "The course could not be stored ({error}). Nothing was kept; try again on a steadier connection.",
    confirm: "Remove the offline copy of the course and every answer this browser saved for it?",
    removed: "Removed the offline copy and {answers} saved answers from this browser.",
    nothing: "This page keeps nothing on this device, so the course is not stored for use without a connection. To store it, choose \u201cKeep my work on this device\u201d at the top of the page.",
    file: "You opened the course from a folder on this device: every page already works without a connection. To keep it, keep this folder (the offline kit); to take it to another device, copy the whole folder.",
    unsupported: "This browser cannot store the course from this address. Ask your facilitator for the offline kit (a copy of the course's folder) instead."
  };

  function fmt(text, values) {
    return text.replace(/\{(\w+)\}/g, function (_, key) { return values[key]; });
  }

  function megabytes(bytes) { return (bytes / 1e6).toFixed(1) + " MB"; }

  var script = document.currentScript;
  var version = (script && script.getAttribute("data-course-version")) || "";
  var rootAttr = document.documentElement.getAttribute("data-content_root") || "";
  var root = new URL(rootAttr || "./", window.location.href).href;

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text) { node.textContent = text; }
    return node;
  }

  function build() {
    var host = document.querySelector(".bd-footer-content__inner") || document.querySelector("footer") || document.body;
    var box = el("div", "footer-item tt-offline");
    box.setAttribute("role", "group");
    box.setAttribute("aria-labelledby", "tt-offline-title");
    var title = el("p", "tt-offline-title", TEXT.title);
    title.id = "tt-offline-title";
    var status = el("p", "tt-offline-status");
    status.id = "tt-offline-status";
    status.setAttribute("aria-live", "polite");
    var keep = el("button", "tt-offline-keep", TEXT.keep);
    keep.type = "button";
    var remove = el("button", "tt-offline-remove", TEXT.remove);
    remove.type = "button";
    box.appendChild(title);
    box.appendChild(status);
    box.appendChild(keep);
    box.appendChild(remove);
    host.appendChild(box);
    return { box: box, status: status, keep: keep, remove: remove };
  }

  function courseCaches() {
    return S ? S.courseCaches() : Promise.resolve([]);
  }

  function registration() {
    return navigator.serviceWorker.getRegistration(root).then(function (reg) {
      return reg && reg.scope === root ? reg : null;
    });
  }

  function manifest() {
    return fetch(root + "offline-manifest.json", { cache: "no-cache" }).then(function (r) {
      if (!r.ok) { throw new Error("offline-manifest.json: HTTP " + r.status); }
      return r.json();
    });
  }

  function show(ui) {
    if (S && !S.offlineAllowed()) {
      ui.status.textContent = TEXT.nothing;
      ui.keep.hidden = false;
      ui.keep.disabled = true;
      ui.keep.setAttribute("aria-describedby", "tt-offline-status");
      ui.remove.hidden = true;
      ui.box.dataset.state = "nothing";
      return Promise.resolve();
    }
    return Promise.all([registration(), courseCaches()]).then(function (found) {
      var reg = found[0], keys = found[1];
      if (reg && keys.length) {
        return caches.open(keys[keys.length - 1]).then(function (cache) { return cache.keys(); }).then(function (entries) {
          var name = keys[keys.length - 1];
          var m = name.indexOf(PREFIX) === 0 ? /^(.+)-[0-9a-f]+$/.exec(name.slice(PREFIX.length)) : null;
          ui.status.textContent = fmt(TEXT.on, { version: m ? m[1] : version, count: entries.length, size: ui.box.dataset.size || "?" });
          ui.keep.hidden = true;
          ui.remove.hidden = false;
          ui.box.dataset.state = "on";
        });
      }
      ui.status.textContent = fmt(TEXT.off, { size: ui.box.dataset.size || "a few MB" });
      ui.keep.hidden = false;
      ui.keep.disabled = !S;
      ui.keep.removeAttribute("aria-describedby");
      ui.remove.hidden = !answerKeys().length;
      ui.box.dataset.state = "off";
    });
  }

  function waitActive(reg) {
    return new Promise(function (resolve, reject) {
      var worker = reg.installing || reg.waiting || reg.active;
      if (!worker) { reject(new Error("no service worker")); return; }
      if (worker.state === "activated") { resolve(reg); return; }
      worker.addEventListener("statechange", function () {
        if (worker.state === "activated") { resolve(reg); }
        else if (worker.state === "redundant") { reject(new Error("the files could not all be stored")); }
      });
    });
  }

  function keepCopy(ui) {
    ui.keep.disabled = true;
    ui.status.textContent = TEXT.working;
    ui.box.dataset.state = "working";
    return manifest()
      .then(function (m) {
        ui.box.dataset.size = megabytes(m.bytes);
        return navigator.serviceWorker.register(root + "sw.js", { scope: root });
      })
      .then(waitActive)
      .then(function () { return show(ui); })
      .catch(function (err) {
        ui.status.textContent = fmt(TEXT.failed, { error: err && err.message ? err.message : String(err) });
        ui.box.dataset.state = "failed";
        return removeCopy().then(function () { ui.keep.hidden = false; });
      })
      .then(function () { ui.keep.disabled = false; });
  }

  function answerKeys() {
    return S ? S.keys() : [];
  }

  function removeCopy() {
    return S ? S.clearOfflineCopy() : Promise.resolve(null);
  }

  function removeAll(ui) {
    if (!window.confirm(TEXT.confirm)) { return Promise.resolve(); }
    var answers = 0;
    return S.clearAll().then(function (done) {
      answers = done.items;
      return show(ui);
    }).then(function () {
      ui.status.textContent = fmt(TEXT.removed, { answers: answers });
      ui.box.dataset.state = "removed";
    });
  }

  function start() {
    var ui = build();
    if (window.location.protocol === "file:") {
      ui.status.textContent = TEXT.file;
      ui.keep.hidden = ui.remove.hidden = true;
      ui.box.dataset.state = "file";
      return;
    }
    if (!S || !("serviceWorker" in navigator) || !window.isSecureContext || !window.caches) {
      ui.status.textContent = TEXT.unsupported;
      ui.keep.hidden = ui.remove.hidden = true;
      ui.box.dataset.state = "unsupported";
      return;
    }
    ui.keep.addEventListener("click", function () { if (S && S.offlineAllowed()) { keepCopy(ui); } });
    ui.remove.addEventListener("click", function () { removeAll(ui); });
    if (S) { S.onModeChange(function () { show(ui); }); }
    show(ui);
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); }
  else { start(); }
})();
