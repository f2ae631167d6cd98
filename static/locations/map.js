/* The locations map: Leaflet with clustered markers over the region's outline, drawn by
 * static/core/map.js (PortalMap) from the page's map data (public positions only); it
 * works without a tile server. A popup gives the location's municipality and setting,
 * and says when the position is approximate. Without JavaScript the page's list is the
 * library and this script does nothing.
 */
(function () {
  "use strict";

  function start(element) {
    if (!window.L) return;
    PortalMap.drawMarkerMap(element, function (properties) {
      return properties.municipality + " · " + properties.setting +
        (properties.exact ? "" : " · " + element.dataset.mapApproximate);
    });
  }

  PortalMap.whenReady(function () {
    Array.prototype.forEach.call(document.querySelectorAll("[data-location-map]"), start);
  });
})();
