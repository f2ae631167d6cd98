/* The locations map: Leaflet with clustered markers over the region's outline.
 *
 * The outline (a small bundled GeoJSON) and the markers (the page's map data, public
 * positions only) need no tile server: when tiles cannot be loaded, or none is set, the
 * map still shows where every location is. Markers are keyboard-focusable (Tab, then
 * Enter opens the popup and moves focus to its link; Escape closes it). Without
 * JavaScript the page's list is the library and this script does nothing.
 */
(function () {
  "use strict";

  var REGION_CENTRE = [49.85, 20.2];

  function fetchJson(url) {
    return fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } }).then(function (r) {
      if (!r.ok) throw new Error("map data " + r.status);
      return r.json();
    });
  }

  function popupContent(feature, element) {
    var box = document.createElement("div");
    var link = document.createElement("a");
    link.href = feature.properties.url;
    link.textContent = feature.properties.name;
    var strong = document.createElement("strong");
    strong.appendChild(link);
    box.appendChild(strong);
    var meta = document.createElement("p");
    meta.textContent = feature.properties.municipality + " · " + feature.properties.setting +
      (feature.properties.exact ? "" : " · " + element.dataset.mapApproximate);
    box.appendChild(meta);
    return box;
  }

  // Leaflet's own control titles are English; the page gives them in its language.
  function localiseControls(map, data) {
    L.control.zoom({ zoomInTitle: data.mapZoomIn || "+", zoomOutTitle: data.mapZoomOut || "-" }).addTo(map);
    map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
  }

  function start(element) {
    if (!window.L) return;
    element.textContent = "";
    element.classList.add("location-map--ready");
    var map = L.map(element, { scrollWheelZoom: false, keyboard: true, zoomControl: false }).setView(REGION_CENTRE, 8);
    localiseControls(map, element.dataset);
    map.getContainer().setAttribute("aria-label", element.dataset.mapLabel || "");
    var tiles = element.dataset.mapTiles;
    if (tiles) {
      var failed = 0;
      L.tileLayer(tiles, { maxZoom: 18, attribution: element.dataset.mapAttribution || "" })
        .on("tileerror", function () {
          failed += 1;
          if (failed === 1) element.classList.add("location-map--offline");
        })
        .addTo(map);
    }
    var icon = L.icon({
      iconUrl: element.dataset.mapMarker,
      iconRetinaUrl: element.dataset.mapMarker2x,
      shadowUrl: element.dataset.mapShadow,
      iconSize: [25, 41], iconAnchor: [12, 41], popupAnchor: [1, -34], shadowSize: [41, 41]
    });
    var outline = fetchJson(element.dataset.mapOutline).then(function (data) {
      var layer = L.geoJSON(data, {
        interactive: false,
        style: { color: "#7a1f2b", weight: 2, fillColor: "#c9a24a", fillOpacity: 0.12 }
      }).addTo(map);
      element.dataset.outline = "shown";
      return layer;
    });
    var markers = fetchJson(element.dataset.mapData).then(function (data) {
      var group = L.markerClusterGroup ? L.markerClusterGroup({ showCoverageOnHover: false }) : L.featureGroup();
      data.features.forEach(function (feature) {
        var point = feature.geometry.coordinates;
        var marker = L.marker([point[1], point[0]], {
          icon: icon, title: feature.properties.name, alt: feature.properties.name, keyboard: true
        });
        marker.bindPopup(popupContent(feature, element));
        marker.on("popupopen", function (event) {
          var link = event.popup.getElement().querySelector("a[href]");
          if (link) link.focus();
        });
        group.addLayer(marker);
      });
      group.addTo(map);
      element.dataset.markers = String(data.features.length);
      return { group: group, count: data.features.length };
    });
    Promise.all([outline, markers]).then(function (layers) {
      var found = layers[1];
      if (found.count === 1) {
        map.setView(found.group.getLayers()[0].getLatLng(), 12);
      } else if (found.count > 1) {
        map.fitBounds(found.group.getBounds().pad(0.2));
      } else {
        map.fitBounds(layers[0].getBounds());
      }
    }).catch(function () {
      element.dataset.markers = element.dataset.markers || "error";
    });
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-location-map]"), start);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
