/* Glossary tips (see glossary.css): Escape hides an open tip (WCAG 1.4.13, dismissable); on a touch
 * screen the first tap on a term shows its meaning and a second tap follows the link. */
(function () {
  "use strict";
  function termOf(node) { return node && node.closest ? node.closest(".tt-term") : null; }
  function closeAll(except) {
    document.querySelectorAll(".tt-term.tt-open").forEach(function (t) { if (t !== except) t.classList.remove("tt-open"); });
  }
  document.addEventListener("keydown", function (e) {
    if (e.key !== "Escape") return;
    document.querySelectorAll(".tt-term").forEach(function (t) {
      if (t.matches(":hover, :focus-within") || t.classList.contains("tt-open")) t.classList.add("tt-dismissed");
      t.classList.remove("tt-open");
    });
  });
  function undismiss(e) { var t = termOf(e.target); if (t) t.classList.remove("tt-dismissed"); }
  document.addEventListener("focusout", undismiss);
  document.addEventListener("mouseout", undismiss);
  var lastPointer = "";
  document.addEventListener("pointerdown", function (e) { lastPointer = e.pointerType; });
  document.addEventListener("click", function (e) {
    var link = e.target.closest ? e.target.closest(".tt-term-link") : null;
    if (!link) { closeAll(null); return; }
    var term = termOf(link);
    if (lastPointer === "touch" && !term.classList.contains("tt-open")) {
      e.preventDefault();
      closeAll(term);
      term.classList.remove("tt-dismissed");
      term.classList.add("tt-open");
    }
  });
})();
