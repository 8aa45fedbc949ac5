/* The theme's controls without Bootstrap's script (81 KB raw, 24 KB compressed, on every page).
 *
 * pydata-sphinx-theme loads all of Bootstrap's JavaScript for three things this book uses:
 * dropdown menus (the article header's download menu), tooltips on the header buttons, and the
 * "back to top" button. This file does those three:
 *  - dropdowns: [data-bs-toggle="dropdown"] opens and closes its .dropdown-menu (click, Enter or
 *    Space; Escape or a click elsewhere closes it and gives focus back; arrow keys move through
 *    the items), with aria-expanded kept current;
 *  - tooltips: the buttons keep their title and aria-label, which the browser shows and reads; a
 *    stand-in window.bootstrap.Tooltip answers the theme script's one call;
 *  - back to top: the same behaviour as the theme's;
 *  - and one fix: the article header's sidebar toggle works on wide screens (see below).
 * Loaded in place of bootstrap.js by the template override tracktwo/sphinxext/templates/static/
 * webpack-macros.html; tests/test_theme_controls.py drives each control in Chromium.
 */
(function () {
  "use strict";

  if (!window.bootstrap) {
    var Tooltip = function () {};
    Tooltip.prototype.show = Tooltip.prototype.hide = Tooltip.prototype.dispose = function () {};
    Tooltip.prototype.setContent = Tooltip.prototype.update = function () {};
    window.bootstrap = { Tooltip: Tooltip };
  }

  var TOGGLE = '[data-bs-toggle="dropdown"]';

  function menuOf(toggle) {
    var parent = toggle.parentElement;
    return parent ? parent.querySelector(".dropdown-menu") : null;
  }

  function items(menu) {
    return Array.prototype.filter.call(
      menu.querySelectorAll(".dropdown-item, a[href], button"),
      function (el) { return !el.disabled && el.offsetParent !== null; });
  }

  function close(toggle, refocus) {
    var menu = menuOf(toggle);
    toggle.classList.remove("show");
    toggle.setAttribute("aria-expanded", "false");
    if (menu) { menu.classList.remove("show"); }
    if (refocus) { toggle.focus(); }
  }

  function closeAll(except) {
    Array.prototype.forEach.call(document.querySelectorAll(TOGGLE + '[aria-expanded="true"]'), function (t) {
      if (t !== except) { close(t, false); }
    });
  }

  function open(toggle) {
    var menu = menuOf(toggle);
    if (!menu) { return; }
    closeAll(toggle);
    toggle.classList.add("show");
    toggle.setAttribute("aria-expanded", "true");
    menu.setAttribute("data-bs-popper", "static");
    menu.classList.add("show");
  }

  function isOpen(toggle) { return toggle.getAttribute("aria-expanded") === "true"; }

  document.addEventListener("click", function (event) {
    var toggle = event.target.closest ? event.target.closest(TOGGLE) : null;
    if (toggle) {
      event.preventDefault();
      if (isOpen(toggle)) { close(toggle, false); } else { open(toggle); }
      return;
    }
    if (!event.target.closest || !event.target.closest(".dropdown-menu")) { closeAll(null); }
  });

  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (!target.closest) { return; }
    var toggle = target.closest(TOGGLE);
    var menu = target.closest(".dropdown-menu");
    if (!toggle && menu) { toggle = menu.parentElement && menu.parentElement.querySelector(TOGGLE); }
    if (!toggle) { return; }
    if (event.key === "Escape") {
      if (isOpen(toggle)) { event.preventDefault(); close(toggle, true); }
      return;
    }
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") { return; }
    event.preventDefault();
    if (!isOpen(toggle)) { open(toggle); }
    var list = items(menuOf(toggle));
    if (!list.length) { return; }
    var at = list.indexOf(document.activeElement);
    var next = event.key === "ArrowDown" ? (at + 1) % list.length : (at <= 0 ? list.length - 1 : at - 1);
    list[next].focus();
  });

  document.addEventListener("focusout", function (event) {
    var dropdown = event.target.closest ? event.target.closest(".dropdown") : null;
    if (!dropdown || (event.relatedTarget && dropdown.contains(event.relatedTarget))) { return; }
    var toggle = dropdown.querySelector(TOGGLE);
    if (toggle && isOpen(toggle) && event.relatedTarget) { close(toggle, false); }
  });

  function backToTop() {
    var btn = document.getElementById("pst-back-to-top");
    var header = document.getElementsByClassName("bd-header")[0];
    if (!btn) { return; }
    btn.addEventListener("click", function () {
      document.body.scrollTop = 0;
      document.documentElement.scrollTop = 0;
    });
    if (!header) { return; }
    var bottom = header.getBoundingClientRect().bottom;
    var last = window.scrollY;
    window.addEventListener("scroll", function () {
      btn.style.display = last > window.scrollY && window.scrollY > bottom ? "block" : "none";
      last = window.scrollY;
    });
  }

  /* sphinx-book-theme hides the navigation on wide screens from its primary toggle, but binds only
   * the first .primary-toggle on the page (the top bar's, hidden on wide screens), so the visible
   * one in the article header did nothing. The same behaviour for the other toggles. */
  function wideSidebarToggles() {
    var sidebar = document.getElementById("pst-primary-sidebar");
    var first = document.querySelector(".primary-toggle");
    if (!sidebar || !document.getElementById("pst-primary-sidebar-modal")) { return; }
    Array.prototype.forEach.call(document.querySelectorAll(".primary-toggle"), function (toggle) {
      if (toggle === first) { return; }
      toggle.addEventListener("click", function (event) {
        if (!window.matchMedia("(min-width: 992px)").matches) { return; }
        event.preventDefault();
        event.stopImmediatePropagation();
        sidebar.classList.toggle("pst-sidebar-hidden");
        toggle.setAttribute("aria-expanded", sidebar.classList.contains("pst-sidebar-hidden") ? "false" : "true");
      }, true);
    });
  }

  function ready() { backToTop(); wideSidebarToggles(); }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", ready); }
  else { ready(); }
})();
