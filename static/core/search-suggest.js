// Suggestions while typing in a search box (WAI-ARIA 1.2 combobox with a list box).
// Without JavaScript the box is a plain GET form to the search page.
(function () {
  "use strict";
  var DELAY = 250;

  function setUp(form, index) {
    var input = form.querySelector("input[name=q]");
    var url = form.getAttribute("data-search-suggest");
    if (!input || !url || !window.fetch) { return; }
    var list = document.createElement("ul");
    var listId = "search-suggestions-" + index;
    list.id = listId;
    list.setAttribute("role", "listbox");
    list.className = "site-search__suggestions";
    list.hidden = true;
    input.parentNode.appendChild(list);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);
    var timer, active = -1, items = [], asked = "";

    function close() {
      list.hidden = true;
      list.innerHTML = "";
      items = [];
      active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }

    function show(suggestions) {
      list.innerHTML = "";
      items = suggestions;
      active = -1;
      input.removeAttribute("aria-activedescendant");
      if (!suggestions.length) { close(); return; }
      suggestions.forEach(function (item, n) {
        var option = document.createElement("li");
        option.id = listId + "-" + n;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.textContent = item.label;
        option.className = "site-search__option site-search__option--" + item.kind;
        option.addEventListener("mousedown", function (event) {
          event.preventDefault();
          window.location.href = item.url;
        });
        list.appendChild(option);
      });
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    function highlight(n) {
      var options = list.querySelectorAll("[role=option]");
      if (!options.length) { return; }
      active = (n + options.length) % options.length;
      options.forEach(function (option, i) { option.setAttribute("aria-selected", i === active ? "true" : "false"); });
      input.setAttribute("aria-activedescendant", options[active].id);
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      var text = input.value.trim();
      if (text.length < 2) { close(); return; }
      timer = setTimeout(function () {
        asked = text;
        fetch(url + "?q=" + encodeURIComponent(text), { credentials: "same-origin", headers: { Accept: "application/json" } })
          .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
          .then(function (data) { if (asked === input.value.trim()) { show(data.suggestions || []); } })
          .catch(close);
      }, DELAY);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" && items.length) { event.preventDefault(); highlight(active + 1); }
      else if (event.key === "ArrowUp" && items.length) { event.preventDefault(); highlight(active - 1); }
      else if (event.key === "Escape") { close(); }
      else if (event.key === "Enter" && active >= 0 && items[active]) {
        event.preventDefault();
        window.location.href = items[active].url;
      }
    });
    input.addEventListener("blur", function () { setTimeout(close, 150); });
  }

  document.querySelectorAll("[data-search-suggest]").forEach(setUp);
})();
