/* The course's service worker: serves the offline copy the learner asked for.
 *
 * Written to the site root as sw.js when the book is built (tracktwo/sphinxext/offline_copy.py),
 * with the course version and the digest of the files written in below. It is registered only
 * when the learner presses "Keep the course on this device" (tracktwo/offline.js).
 *  - install: stores every file of offline-manifest.json in the cache "<prefix>-offline-VERSION-DIGEST"
 *    (prefix: "tracktwo", or "cn" in a neutral edition);
 *  - activate: deletes the course's older caches (a new version replaces the old copy);
 *  - fetch: answers the site's own GET requests from the cache, else from the network; requests
 *    to any other host are not touched (the course makes none).
 */
"use strict";
var VERSION = "__TRACKTWO_VERSION__";
var DIGEST = "__TRACKTWO_DIGEST__";
var PREFIX = "__TRACKTWO_STORAGE_PREFIX__-offline-"; // the edition's storage prefix (storage.js clears these)
var CACHE = PREFIX + VERSION + "-" + DIGEST;
var MANIFEST = "__TRACKTWO_MANIFEST__";

function scoped(path) { return new URL(path, self.registration.scope).href; }

self.addEventListener("install", function (event) {
  event.waitUntil(
    fetch(scoped(MANIFEST), { cache: "no-store" })
      .then(function (response) {
        if (!response.ok) { throw new Error(MANIFEST + ": HTTP " + response.status); }
        return response.json();
      })
      .then(function (manifest) {
        return caches.open(CACHE).then(function (cache) {
          var files = manifest.files.map(scoped);
          files.push(scoped(MANIFEST));
          return cache.addAll(files);
        });
      })
      .then(function () { return self.skipWaiting(); })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys()
      .then(function (keys) {
        return Promise.all(keys.filter(function (key) { return key.indexOf(PREFIX) === 0 && key !== CACHE; })
          .map(function (key) { return caches.delete(key); }));
      })
      .then(function () { return self.clients.claim(); })
  );
});

self.addEventListener("message", function (event) {
  if (event.data === "offline-status" && event.source) {
    event.source.postMessage({ type: "offline-status", version: VERSION, digest: DIGEST, cache: CACHE });
  }
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) { return; }
  event.respondWith(
    caches.open(CACHE).then(function (cache) {
      var url = new URL(request.url);
      url.search = "";
      url.hash = "";
      if (url.pathname.slice(-1) === "/") { url.pathname += "index.html"; }
      return cache.match(url.href).then(function (hit) {
        return hit || fetch(request);
      });
    })
  );
});
