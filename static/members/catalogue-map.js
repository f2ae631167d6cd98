/* The catalogue's map view (?view=map): the filtered firms as clustered markers over the
 * region's outline, from the catalogue's map data (public fields only), drawn by
 * static/core/map.js (PortalMap); tiles are an addition. A popup gives the firm's city
 * and services. The filter form gets a hidden view=map, so changing a filter
 * (catalogue.js reloads the results region) keeps the map; the map is started again
 * whenever the region is replaced. Without JavaScript the list is the catalogue.
 */
(function () {
  "use strict";

  function keepView(root) {
    var form = root.querySelector("[data-catalogue-form]");
    if (!form || form.querySelector("input[name=view]")) return;
    var input = document.createElement("input");
    input.type = "hidden";
    input.name = "view";
    input.value = "map";
    form.appendChild(input);
  }

  function start(element) {
    element.dataset.started = "yes";
    if (!window.L) {
      // The region arrived through a partial load on a page without Leaflet: load the page.
      window.location.reload();
      return;
    }
    PortalMap.drawMarkerMap(element, function (properties) {
      return [properties.city].concat(properties.services).join(" · ");
    });
  }

  PortalMap.whenReady(function () {
    var root = document.querySelector("[data-catalogue]");
    if (!root) return;
    function scan() {
      var element = root.querySelector("[data-member-map]:not([data-started])");
      if (!element) return;
      keepView(root);
      start(element);
    }
    scan();
    new MutationObserver(scan).observe(root, { childList: true });
  });
})();
