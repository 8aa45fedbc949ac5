/* Track Two: load the conflict-map bundle (about 150 KB gzip) only when the learner is there: after
 * their first touch, scroll, key or pointer move, at once on a page whose tools are its main content
 * (the map builder, the worksheets, the placing exercise: anything but a read-only map), else when a
 * map comes within a screen of view. A chapter whose map sits far down the page costs nothing until
 * the learner gets there (docs/decisions/0012-light-pages.md), and no page runs the bundle while it
 * is still settling on a cheap phone (issue 32). The bundle mounts every map on the page when it
 * arrives. A classic script: works from file:// and from any server. Printing, a link to a map or a
 * browser without IntersectionObserver loads it at once. */
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
    // Nothing before the learner's first touch, scroll, key or pointer move (issue 32: on a cheap phone
    // the bundle held the page for 1.7-2 s before it settled). Then a page of tools loads it at once
    // (before a keyboard user reaches a control), a page of read-only maps when one nears the screen.
    // The learner's own inputs (captured wherever they land) and the page's scrolling (not a
    // scrolling box's: the theme scrolls its sidebar to the current page by itself).
    var EVENTS = ["pointerdown", "pointermove", "touchstart", "keydown", "wheel", "focusin"];
    var io = null;
    var first = function () {
      EVENTS.forEach(function (name) { window.removeEventListener(name, first, true); });
      window.removeEventListener("scroll", first);
      if (tools.length) { load(); return; }
      io = new IntersectionObserver(function (entries) {
        for (var i = 0; i < entries.length; i++) {
          if (entries[i].isIntersecting) { io.disconnect(); load(); return; }
        }
      }, { rootMargin: "100% 0px 100% 0px" });
      for (var j = 0; j < maps.length; j++) io.observe(maps[j]);
    };
    EVENTS.forEach(function (name) { window.addEventListener(name, first, { capture: true, passive: true }); });
    window.addEventListener("scroll", first, { passive: true });
    window.addEventListener("beforeprint", load);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
