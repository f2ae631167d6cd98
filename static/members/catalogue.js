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
  if (!root || !window.fetch || !window.history.pushState) { return; }

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
        if (push) { window.history.pushState({ catalogue: true }, "", url); }
        var again = focusedId && document.getElementById(focusedId);
        if (again) { again.focus(); }
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
    load(formUrl(form), true);
  });
  root.addEventListener("click", function (event) {
    var link = event.target.closest(".pagination a");
    if (!link) { return; }
    event.preventDefault();
    load(link.href, true).then(function () { root.scrollIntoView(); });
  });
  window.addEventListener("popstate", function () { load(window.location.href, false); });
})();
