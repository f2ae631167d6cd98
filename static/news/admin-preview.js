/* Markdown preview in the news admin: sends the body to the staff-only preview endpoint
   (CSRF token from the form) and shows the sanitised HTML it returns. */
(function () {
  "use strict";
  function previewUrl() {
    return window.location.pathname.replace(/\/(add|\d+\/change)\/?$/, "/preview/");
  }
  function csrfToken(form) {
    var input = form.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }
  function attach(textarea) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button news-preview-button";
    button.textContent = textarea.dataset.previewLabel || "Preview";
    var output = document.createElement("div");
    output.className = "news-preview";
    output.hidden = true;
    output.setAttribute("aria-live", "polite");
    textarea.insertAdjacentElement("afterend", output);
    textarea.insertAdjacentElement("afterend", button);
    button.addEventListener("click", function () {
      var body = new FormData();
      body.append("body", textarea.value);
      fetch(previewUrl(), {
        method: "POST",
        body: body,
        credentials: "same-origin",
        headers: { "X-CSRFToken": csrfToken(textarea.form) }
      })
        .then(function (response) { return response.json(); })
        .then(function (data) {
          output.hidden = false;
          // The endpoint returns HTML already sanitised by nh3 on the server.
          output.innerHTML = data.html || "<p><em>(empty)</em></p>";
        });
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("textarea[name^=body_]").forEach(attach);
  });
})();
