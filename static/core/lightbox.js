// An accessible lightbox for picture galleries. Markup: a list with data-lightbox (its
// label) and links with data-lightbox-item to the large pictures, each holding an <img>
// whose alt text describes it. Without JavaScript the links open the pictures.
// Keyboard: arrows move, Escape closes, Tab stays inside; focus returns to the link.
// Touch: a horizontal swipe moves.
(function () {
  "use strict";
  if (!window.HTMLDialogElement) { return; }

  function button(className, label, text) {
    var element = document.createElement("button");
    element.type = "button";
    element.className = "lightbox__button " + className;
    element.setAttribute("aria-label", label);
    element.textContent = text;
    return element;
  }

  function setUp(gallery) {
    var links = Array.prototype.slice.call(gallery.querySelectorAll("[data-lightbox-item]"));
    if (!links.length) { return; }
    var dialog = document.createElement("dialog");
    dialog.className = "lightbox";
    dialog.setAttribute("aria-label", gallery.getAttribute("data-lightbox"));
    var figure = document.createElement("figure");
    figure.className = "lightbox__figure";
    var image = document.createElement("img");
    image.className = "lightbox__image";
    var caption = document.createElement("figcaption");
    caption.className = "lightbox__caption";
    caption.setAttribute("aria-live", "polite");
    figure.appendChild(image);
    figure.appendChild(caption);
    var close = button("lightbox__close", gallery.getAttribute("data-lightbox-close"), "×");
    var previous = button("lightbox__previous", gallery.getAttribute("data-lightbox-previous"), "‹");
    var next = button("lightbox__next", gallery.getAttribute("data-lightbox-next"), "›");
    dialog.appendChild(figure);
    dialog.appendChild(previous);
    dialog.appendChild(next);
    dialog.appendChild(close);
    document.body.appendChild(dialog);

    var current = 0;
    var opener = null;

    function show(index) {
      current = (index + links.length) % links.length;
      var link = links[current];
      var thumb = link.querySelector("img");
      image.src = link.href;
      image.alt = thumb ? thumb.alt : "";
      caption.textContent = (thumb ? thumb.alt + " · " : "") + (current + 1) + " / " + links.length;
      previous.hidden = next.hidden = links.length < 2;
    }
    function open(index, link) {
      opener = link;
      show(index);
      dialog.showModal();
      close.focus();
    }
    dialog.addEventListener("close", function () {
      image.removeAttribute("src");
      if (opener) { opener.focus(); }
    });

    links.forEach(function (link, index) {
      link.addEventListener("click", function (event) {
        if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) { return; }
        event.preventDefault();
        open(index, link);
      });
    });
    close.addEventListener("click", function () { dialog.close(); });
    previous.addEventListener("click", function () { show(current - 1); });
    next.addEventListener("click", function () { show(current + 1); });
    // A click on the dark backdrop (the dialog itself, not its picture or buttons) closes.
    dialog.addEventListener("click", function (event) { if (event.target === dialog) { dialog.close(); } });
    dialog.addEventListener("keydown", function (event) {
      if (event.key === "ArrowLeft") { event.preventDefault(); show(current - 1); }
      else if (event.key === "ArrowRight") { event.preventDefault(); show(current + 1); }
      else if (event.key === "Tab") {
        // Keep Tab among the dialog's own buttons, in both directions.
        var controls = [close, previous, next].filter(function (c) { return !c.hidden; });
        var at = controls.indexOf(document.activeElement);
        var to = event.shiftKey ? at - 1 : at + 1;
        event.preventDefault();
        controls[(to + controls.length) % controls.length].focus();
      }
    });
    var startX = null;
    dialog.addEventListener("touchstart", function (event) { startX = event.touches[0].clientX; }, { passive: true });
    dialog.addEventListener("touchend", function (event) {
      if (startX === null) { return; }
      var distance = event.changedTouches[0].clientX - startX;
      startX = null;
      if (Math.abs(distance) > 40) { show(current + (distance < 0 ? 1 : -1)); }
    });
  }

  document.querySelectorAll("[data-lightbox]").forEach(setUp);
})();
