/*
 * The availability editor's month grid. Without this script the form is a plain one
 * (first day, last day, state); with it, a month grid above the fields: tap (or press
 * Enter/Space on) the first day, then the last, and the date fields follow; the state
 * and the save button stay the form's own. Arrow keys move between days, Page Up/Down
 * between months. Days already marked show their state (from the list of periods).
 */
(function () {
  "use strict";

  function iso(date) {
    var m = String(date.getMonth() + 1).padStart(2, "0");
    var d = String(date.getDate()).padStart(2, "0");
    return date.getFullYear() + "-" + m + "-" + d;
  }

  function parse(value) {
    var parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value || "");
    return parts ? new Date(Number(parts[1]), Number(parts[2]) - 1, Number(parts[3])) : null;
  }

  function marks(root) {
    var found = [];
    root.querySelectorAll("[data-period]").forEach(function (item) {
      found.push({ start: item.dataset.start, end: item.dataset.end, kind: item.dataset.kind });
    });
    return found;
  }

  function kindOn(day, periods) {
    var kinds = periods.filter(function (p) { return p.start <= day && day <= p.end; }).map(function (p) { return p.kind; });
    if (kinds.indexOf("booked") >= 0) { return "booked"; }
    if (kinds.indexOf("hold") >= 0) { return "hold"; }
    return kinds.indexOf("available") >= 0 ? "available" : "";
  }

  function setUp(form) {
    var grid = form.querySelector("[data-calendar-grid]");
    var start = form.querySelector("input[name=start]");
    var end = form.querySelector("input[name=end]");
    if (!grid || !start || !end) { return; }
    var labels = form.dataset;
    var lang = document.documentElement.lang || "en";
    var periods = marks(document);
    var today = new Date();
    var shown = parse(start.value) || new Date(today.getFullYear(), today.getMonth(), 1);
    shown = new Date(shown.getFullYear(), shown.getMonth(), 1);
    var picking = false;
    var focusDay = null;

    grid.hidden = false;
    grid.innerHTML = "";
    var help = document.createElement("p");
    help.className = "calendar-editor__help";
    help.id = form.id ? form.id + "-help" : "calendar-help";
    help.textContent = labels.labelHelp;
    var head = document.createElement("div");
    head.className = "calendar-editor__head";
    var previous = document.createElement("button");
    previous.type = "button";
    previous.className = "button button--secondary";
    previous.textContent = "‹";
    previous.setAttribute("aria-label", labels.labelPrevious);
    var title = document.createElement("p");
    title.className = "calendar-editor__title";
    title.setAttribute("aria-live", "polite");
    var next = document.createElement("button");
    next.type = "button";
    next.className = "button button--secondary";
    next.textContent = "›";
    next.setAttribute("aria-label", labels.labelNext);
    head.append(previous, title, next);
    var days = document.createElement("div");
    days.className = "calendar-editor__days";
    days.setAttribute("role", "group");
    days.setAttribute("aria-describedby", help.id);
    var status = document.createElement("p");
    status.className = "calendar-editor__status";
    status.setAttribute("role", "status");
    grid.append(help, head, days, status);

    var kindLabel = { booked: labels.labelBooked, hold: labels.labelHold, available: labels.labelAvailable };
    var long = new Intl.DateTimeFormat(lang, { day: "numeric", month: "long", year: "numeric" });
    var weekday = new Intl.DateTimeFormat(lang, { weekday: "short" });

    function describe() {
      var a = parse(start.value);
      var b = parse(end.value);
      if (picking && a) {
        status.textContent = labels.labelChosen + " " + long.format(a) + ". " + labels.labelPickEnd;
      } else if (a && b) {
        status.textContent = labels.labelChosen + " " + long.format(a) + " – " + long.format(b);
      } else {
        status.textContent = "";
      }
    }

    function render() {
      title.textContent = new Intl.DateTimeFormat(lang, { month: "long", year: "numeric" }).format(shown);
      days.innerHTML = "";
      // Monday first, as in Poland and most of Europe.
      for (var w = 0; w < 7; w++) {
        var name = document.createElement("span");
        name.className = "calendar-editor__weekday";
        name.setAttribute("aria-hidden", "true");
        name.textContent = weekday.format(new Date(2024, 0, 1 + w));
        days.appendChild(name);
      }
      var offset = (shown.getDay() + 6) % 7;
      for (var i = 0; i < offset; i++) {
        days.appendChild(document.createElement("span"));
      }
      var a = start.value;
      var b = end.value || start.value;
      var last = new Date(shown.getFullYear(), shown.getMonth() + 1, 0).getDate();
      var focusable = null;
      for (var d = 1; d <= last; d++) {
        var date = new Date(shown.getFullYear(), shown.getMonth(), d);
        var value = iso(date);
        var button = document.createElement("button");
        button.type = "button";
        button.className = "calendar-editor__day";
        button.dataset.day = value;
        button.textContent = String(d);
        var kind = kindOn(value, periods);
        var label = long.format(date);
        if (kind) {
          button.classList.add("calendar-editor__day--" + kind);
          label += ", " + kindLabel[kind];
        }
        var chosen = a && value >= a && value <= b;
        button.setAttribute("aria-pressed", chosen ? "true" : "false");
        button.setAttribute("aria-label", label);
        button.tabIndex = -1;
        if (value === focusDay || (!focusable && (value === a || d === 1))) { focusable = button; }
        days.appendChild(button);
      }
      if (focusDay) {
        var wanted = days.querySelector('[data-day="' + focusDay + '"]');
        if (wanted) { focusable = wanted; }
      }
      if (focusable) { focusable.tabIndex = 0; }
      describe();
    }

    function choose(value) {
      if (!picking) {
        start.value = value;
        end.value = value;
        picking = true;
      } else {
        if (value < start.value) {
          end.value = start.value;
          start.value = value;
        } else {
          end.value = value;
        }
        picking = false;
      }
      focusDay = value;
      render();
      var again = days.querySelector('[data-day="' + value + '"]');
      if (again) { again.focus(); }
    }

    function move(from, step) {
      var date = parse(from);
      date.setDate(date.getDate() + step);
      if (date.getMonth() !== shown.getMonth() || date.getFullYear() !== shown.getFullYear()) {
        shown = new Date(date.getFullYear(), date.getMonth(), 1);
      }
      focusDay = iso(date);
      render();
      var target = days.querySelector('[data-day="' + focusDay + '"]');
      if (target) { target.focus(); }
    }

    days.addEventListener("click", function (event) {
      var button = event.target.closest("[data-day]");
      if (button) { choose(button.dataset.day); }
    });
    days.addEventListener("keydown", function (event) {
      var button = event.target.closest("[data-day]");
      if (!button) { return; }
      var steps = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -7, ArrowDown: 7 };
      if (event.key in steps) {
        event.preventDefault();
        move(button.dataset.day, steps[event.key]);
      } else if (event.key === "PageUp" || event.key === "PageDown") {
        event.preventDefault();
        var date = parse(button.dataset.day);
        date.setMonth(date.getMonth() + (event.key === "PageUp" ? -1 : 1));
        move(iso(date), 0);
      }
    });
    previous.addEventListener("click", function () {
      shown = new Date(shown.getFullYear(), shown.getMonth() - 1, 1);
      focusDay = null;
      render();
    });
    next.addEventListener("click", function () {
      shown = new Date(shown.getFullYear(), shown.getMonth() + 1, 1);
      focusDay = null;
      render();
    });
    [start, end].forEach(function (input) {
      input.addEventListener("change", function () {
        picking = false;
        var date = parse(start.value);
        if (date) { shown = new Date(date.getFullYear(), date.getMonth(), 1); }
        render();
      });
    });
    render();
  }

  function init() {
    document.querySelectorAll("[data-calendar-editor]").forEach(setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
