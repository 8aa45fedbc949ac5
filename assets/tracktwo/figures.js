/* Draw every plotly figure on the page with the book's local plotly.js.
 * Each figure is a <div class="tt-plotly"> followed by <script type="application/json"
 * class="tt-plotly-data">, written by tracktwo.sphinxext.figure_html. */
(function () {
  "use strict";
  function drawAll() {
    var blocks = document.querySelectorAll("script.tt-plotly-data");
    Array.prototype.forEach.call(blocks, function (block) {
      var target = block.previousElementSibling;
      if (!target || !target.classList.contains("tt-plotly") || target.dataset.ttDrawn) { return; }
      var spec;
      try { spec = JSON.parse(block.textContent); } catch (err) {
        target.textContent = "This chart could not be read; its data table follows.";
        return;
      }
      target.dataset.ttDrawn = "1";
      window.Plotly.newPlot(target, spec.data || [], spec.layout || {}, spec.config || {});
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", drawAll); }
  else { drawAll(); }
})();
