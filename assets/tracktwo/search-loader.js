/* The search index only when the learner opens search.
 * Described in docs/decisions/0012-light-pages.md ("the search loader", under Implementation notes). */

(function () {
  "use strict";
  var FILES = ["_static/searchtools.js", "_static/language_data.js", "searchindex.js"];
  var done = false;

  function root() {
    var r = document.documentElement.getAttribute("data-content_root");
    return r === null ? "" : r;
  }

  function prefetch() {
    if (done) { return; }
    done = true;
    FILES.forEach(function (file) {
      var link = document.createElement("link");
      link.rel = "prefetch";
      link.href = root() + file;
      link.setAttribute("data-tt-search-prefetch", "");
      document.head.appendChild(link);
    });
  }

  function isSearch(el) {
    return !!(el && el.closest && (el.closest("form.bd-search, .search-button, .search-button-field, #pst-search-dialog")));
  }

  // A page opened from a search result: search.html leaves the words in localStorage
  // ("sphinx_highlight_terms", read through storage.js; older Sphinx put them in ?highlight=);
  // Sphinx's highlighter marks them (and removes the key).
  var terms = (window.TTStorage && window.TTStorage.readForeign("sphinx_highlight_terms")) || "";
  if (terms || /[?&]highlight=/.test(window.location.search)) {
    var script = document.createElement("script");
    script.src = root() + "_static/sphinx_highlight.js";
    document.head.appendChild(script);
  }

  document.addEventListener("focusin", function (event) { if (isSearch(event.target)) { prefetch(); } });
  document.addEventListener("pointerdown", function (event) { if (isSearch(event.target)) { prefetch(); } });
})();
