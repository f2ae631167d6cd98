// A click in the private calendar address selects all of it, ready to copy (a file, not
// an inline handler, so that the page runs under the Content-Security-Policy).
"use strict";
document.querySelectorAll("[data-select-on-click]").forEach(function (field) {
  field.addEventListener("click", function () {
    field.select();
  });
});
