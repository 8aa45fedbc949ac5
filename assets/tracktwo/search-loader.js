/* The search index only when the learner opens search.
 *
 * The theme used to load searchtools.js, language_data.js and searchindex.js (the index grows with
 * the text: 22 KB compressed today) in the head of every page. The book's search dialog sends the
 * query to search.html, which loads them itself, so a page needs none of them until the learner
 * opens search. The first time the search field gets focus (click, Tab, Ctrl+K or "/"), or a
 * search button is pressed, this asks the browser to prefetch the three files into its cache, so
 * that search.html answers at once. Nothing is fetched before that, and never from another host.
 * Sphinx's highlighter of the searched words is loaded only on a page opened from a result.
 * tests/test_search.py checks both halves: no index on load, the index after the search opens,
 * results for a typed query.
 */
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
