/* Track Two course: the instructor-view toggle (in the manner of the Carpentries' Learner View
 * Described in docs/decisions/0010-workshop-kit.md ("the instructor-view toggle", under Implementation notes). */

(function () {
  "use strict";
  var S = window.TTStorage || null;
  var KEY = S ? S.key("instructor-view") : null;

  function stored() {
    return !!S && S.getRaw(KEY) === "on";
  }
  function store(on) {
    if (!S) { return; } /* no storage: the view still switches for this page */
    if (on) { S.setRaw(KEY, "on"); } else { S.remove(KEY); }
  }
  function label(on, count) {
    return on ? "Instructor view is on: hide the " + count + " facilitator note" + (count === 1 ? "" : "s")
              : "Instructor view: show the " + count + " facilitator note" + (count === 1 ? "" : "s") + " on this page";
  }
  function apply(on, button, count) {
    document.documentElement.classList.toggle("tt-instructor-view", on);
    if (button) {
      button.setAttribute("aria-pressed", on ? "true" : "false");
      button.textContent = label(on, count);
    }
  }

  // Apply the stored choice at once, before the notes are shown or hidden.
  apply(stored(), null, 0);

  function init() {
    var notes = document.querySelectorAll(".tt-instructor-only");
    if (!notes.length) { return; }
    var article = document.querySelector("article") || document.querySelector("main") || document.body;
    // The page keeps the toggle's place under its title (light_chrome.py's slot), so nothing moves.
    var slot = document.querySelector(".tt-instructor-toggle[data-tt-slot]");
    var bar = slot || document.createElement("div");
    bar.removeAttribute("data-tt-slot");
    bar.className = "tt-instructor-toggle";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "tt-instructor-button";
    bar.appendChild(button);
    var heading = article.querySelector("h1");
    if (slot) {
      // already in place
    } else if (heading && heading.parentNode) {
      heading.parentNode.insertBefore(bar, heading.nextSibling);
    } else {
      article.insertBefore(bar, article.firstChild);
    }
    apply(stored(), button, notes.length);
    button.addEventListener("click", function () {
      var on = !document.documentElement.classList.contains("tt-instructor-view");
      store(on);
      apply(on, button, notes.length);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
  window.TrackTwoInstructorView = { KEY: KEY, stored: stored };
})();
