// Progressive enhancement of the catalogue: without JavaScript the filter form is a
// plain GET form. With it, a change fetches only the results region and replaces it.
(function () {
  "use strict";
  var root = document.querySelector("[data-catalogue]");
  // Print buttons need JavaScript; without it they stay hidden (the browser's own print works).
  function showPrintButtons() {
    document.querySelectorAll("[data-print]").forEach(function (button) { button.hidden = false; });
  }
  showPrintButtons();
  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-print]")) { window.print(); }
  });
  document.addEventListener("focusin", function (event) {
    if (event.target.matches("[data-select-on-focus]")) { event.target.select(); }
  });
  if (!root) { return; }

  // On a phone the filters fold behind "Filters (n)" and open as a panel whose sticky
  // "Show n results" button closes it; the state survives each reload of the region.
  var status = document.querySelector("[data-catalogue-status]");
  var panelOpen = false;
  function setUpFilters() {
    if (!root.querySelector("[data-filters-toggle]")) { return; }
    showPanel(panelOpen, false);
  }
  function showPanel(open, moveFocus) {
    var toggle = root.querySelector("[data-filters-toggle]");
    var form = root.querySelector("[data-catalogue-form]");
    panelOpen = open;
    root.classList.toggle("catalogue--filters-open", open);
    document.documentElement.classList.toggle("has-panel", open && isPhone());
    if (toggle) { toggle.setAttribute("aria-expanded", open ? "true" : "false"); }
    if (!moveFocus) { return; }
    if (open && form) {
      var first = form.querySelector("input, select, button");
      if (first) { first.focus(); }
    } else if (toggle) {
      toggle.focus();
    }
  }
  function isPhone() { return window.matchMedia("(max-width: 50rem)").matches; }
  setUpFilters();
  root.addEventListener("click", function (event) {
    if (event.target.closest("[data-filters-toggle]")) { showPanel(!panelOpen, true); }
    if (event.target.closest("[data-filters-close]")) { showPanel(false, true); }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && panelOpen) { showPanel(false, true); }
  });

  if (!window.fetch || !window.history.pushState) { return; }

  // After new results arrive: say the count, and on a wide screen bring the results into
  // view when the change left them out of sight.
  function announce() {
    var heading = root.querySelector("#results-heading");
    if (!heading) { return; }
    if (status) { status.textContent = heading.textContent.trim(); }
    if (panelOpen && isPhone()) { return; }
    var top = heading.getBoundingClientRect().top;
    if (top < 0 || top > window.innerHeight - 80) { heading.scrollIntoView({ block: "start" }); }
  }

  function load(url, push) {
    var focusedId = document.activeElement && document.activeElement.id;
    root.setAttribute("aria-busy", "true");
    return fetch(url, { headers: { "X-Catalogue-Partial": "1" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) { throw new Error(response.status); }
        return response.text();
      })
      .then(function (html) {
        root.innerHTML = html;
        showPrintButtons();
        setUpFilters();
        if (push) { window.history.pushState({ catalogue: true }, "", url); }
        var again = focusedId && document.getElementById(focusedId);
        if (again) { again.focus(); }
        announce();
      })
      .catch(function () { window.location.href = url; })
      .finally(function () { root.removeAttribute("aria-busy"); });
  }

  function formUrl(form) {
    var params = new URLSearchParams(new FormData(form));
    params.forEach(function (value, key) { if (value === "") { params.delete(key); } });
    var query = params.toString();
    return form.action + (query ? "?" + query : "");
  }

  var timer;
  root.addEventListener("change", function (event) {
    var form = event.target.closest("[data-catalogue-form]");
    if (form && event.target.name !== "q") { load(formUrl(form), true); }
  });
  root.addEventListener("input", function (event) {
    var form = event.target.closest("[data-catalogue-form]");
    if (!form || event.target.name !== "q") { return; }
    clearTimeout(timer);
    timer = setTimeout(function () { load(formUrl(form), true); }, 400);
  });
  root.addEventListener("submit", function (event) {
    var form = event.target.closest("[data-catalogue-form]");
    if (!form) { return; }
    event.preventDefault();
    var wasOpen = panelOpen;
    if (wasOpen) { showPanel(false, false); }
    load(formUrl(form), true).then(function () {
      if (wasOpen) {
        var heading = root.querySelector("#results-heading");
        if (heading) { heading.focus(); heading.scrollIntoView({ block: "start" }); }
      }
    });
  });
  root.addEventListener("click", function (event) {
    var link = event.target.closest(".pagination a");
    if (!link) { return; }
    event.preventDefault();
    load(link.href, true).then(function () {
      var heading = root.querySelector("#results-heading");
      (heading || root).scrollIntoView();
    });
  });
  window.addEventListener("popstate", function () { load(window.location.href, false); });
})();
