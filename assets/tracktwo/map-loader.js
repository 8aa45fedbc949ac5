/* Track Two: load the conflict-map bundle (about 150 KB gzip) only when a map comes within a screen
 * of view, so a chapter whose map sits far down the page costs its learners nothing until they get
 * there (page weight on slow links: docs/decisions/0012-light-pages.md). The bundle mounts every map
 * on the page when it arrives. A classic script: works from file:// and from any server. Printing,
 * a link to a map, a browser without IntersectionObserver, or a page whose tools are its main content
 * (the map builder, the worksheets, the placing exercise: anything but a read-only map) loads it at
 * once, so keyboard users meet a page whose controls do not change under them. */
(function () {
  "use strict";
  var me = document.currentScript;
  if (!me) return;
  var src = me.src.replace(/map-loader\.js(\?.*)?$/, "maps/conflict-map.iife.js$1");
  var loaded = false;
  function load() {
    if (loaded) return;
    loaded = true;
    var s = document.createElement("script");
    s.src = src;
    document.head.appendChild(s);
  }
  function start() {
    var maps = document.querySelectorAll("[data-tt-interactive]");
    if (!maps.length) return;
    var tools = document.querySelectorAll('[data-tt-interactive]:not([data-tt-interactive="conflict-map"])');
    if (!("IntersectionObserver" in window) || (location.hash && document.querySelector(location.hash + " [data-tt-interactive], [data-tt-interactive]" + location.hash))) {
      load();
      return;
    }
    if (tools.length) {
      // A page of tools: at the learner's first touch, scroll, key or pointer move (issue 32: on a cheap
      // phone the bundle held the page for 1.7 s before it settled), which is before a keyboard user
      // reaches a control.
      var EVENTS = ["pointerdown", "pointermove", "touchstart", "keydown", "wheel", "scroll", "focusin"];
      var first = function () {
        EVENTS.forEach(function (name) { window.removeEventListener(name, first, true); });
        load();
      };
      EVENTS.forEach(function (name) { window.addEventListener(name, first, { capture: true, passive: true }); });
      window.addEventListener("beforeprint", load);
      return;
    }
    var io = new IntersectionObserver(function (entries) {
      for (var i = 0; i < entries.length; i++) {
        if (entries[i].isIntersecting) { io.disconnect(); load(); return; }
      }
    }, { rootMargin: "100% 0px 100% 0px" });
    for (var j = 0; j < maps.length; j++) io.observe(maps[j]);
    window.addEventListener("beforeprint", load);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
