// The crontab help of django-celery-beat's periodic task form, kept out of inline script
// so that the admin runs under the portal's Content-Security-Policy.
"use strict";
(function () {
  const $ = window.django && window.django.jQuery;
  const script = document.getElementById("periodic-task-overrides");
  const data = document.getElementById("readable-crontabs");
  if (!$ || !script || !data) {
    return;
  }
  const readableCrontabs = JSON.parse(data.textContent);
  const originalHelp = script.dataset.crontabHelp || "";
  $(function () {
    $(".field-crontab_translation").hide();
    $(".field-crontab").on("change", function () {
      const help = $(".field-crontab .help");
      help.text(originalHelp);
      help.append(document.createElement("br"));
      help.append(document.createTextNode("Translation: " + (readableCrontabs[$("#id_crontab").val()] || "")));
    });
  });
})();
