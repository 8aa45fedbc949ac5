/* The copy button's scripts (clipboard.min.js + copybutton.js, 6 KB compressed) on a page whose code
 * cells are all hidden in <details> (a notebook's "Show code cell source"): fetched the first time
 * the learner opens one, then sphinx-copybutton adds its buttons as usual. Added only to such pages
 * by tracktwo/sphinxext/page_assets.py; tests/test_theme_controls.py opens a cell and copies.
 */
(function () {
  "use strict";
  var FILES = ["_static/clipboard.min.js", "_static/copybutton.js"];
  var started = false;

  function root() { return document.documentElement.getAttribute("data-content_root") || ""; }

  function load(i) {
    if (i >= FILES.length) { return; }
    var script = document.createElement("script");
    script.src = root() + FILES[i];
    script.onload = function () { load(i + 1); };
    document.head.appendChild(script);
  }

  document.addEventListener("toggle", function (event) {
    var details = event.target;
    if (started || !details.open || !details.querySelector || !details.querySelector("pre")) { return; }
    started = true;
    load(0);
  }, true);
})();
