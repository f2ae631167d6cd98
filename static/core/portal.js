// The layout's few behaviours. Loaded in <head> without defer: the "js" class must be on
// <html> before the first paint, so the phone menu starts closed without a jump.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  function setUpMenu() {
    var toggle = document.querySelector("[data-menu-toggle]");
    var menu = document.querySelector("[data-menu]");
    if (!toggle || !menu) { return; }
    toggle.hidden = false;
    function set(open) {
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      menu.classList.toggle("is-open", open);
    }
    toggle.addEventListener("click", function () {
      set(toggle.getAttribute("aria-expanded") !== "true");
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && toggle.getAttribute("aria-expanded") === "true") {
        set(false);
        toggle.focus();
      }
    });
  }

  // The language switch's links lead to the same page in the other language; following
  // one is a choice, which the language cookie records for the pages outside the
  // /pl/ and /en/ prefix (log in, the admin) and for "/" (core/i18n.py).
  function rememberLanguage(event) {
    var link = event.target.closest ? event.target.closest("a[data-language-cookie]") : null;
    if (!link) { return; }
    var cookie = link.getAttribute("data-language-cookie") + "=" + encodeURIComponent(link.getAttribute("hreflang")) +
      "; path=/; max-age=31536000; samesite=lax" + (location.protocol === "https:" ? "; secure" : "");
    document.cookie = cookie;
  }

  function setUp() {
    setUpMenu();
    document.addEventListener("click", rememberLanguage);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
