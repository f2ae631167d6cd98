/* "My company": a click on the map sets the firm's latitude and longitude (and clears
 * the town picker, which would otherwise win); typing coordinates moves the marker.
 * The region's outline is drawn even when tiles cannot be loaded. Without JavaScript
 * the town picker and the two number fields do the same job. */
(function () {
  "use strict";

  function init() {
    var box = document.querySelector("[data-company-map]");
    var lat = document.getElementById("id_latitude");
    var lng = document.getElementById("id_longitude");
    var town = document.getElementById("id_town");
    if (!box || !lat || !lng || !window.L) return;
    box.hidden = false;
    box.setAttribute("role", "application");
    box.setAttribute("aria-label", box.dataset.mapLabel || "");
    var known = lat.value && lng.value;
    var start = known ? [parseFloat(lat.value), parseFloat(lng.value)] : [49.85, 20.2];
    var map = L.map(box, { scrollWheelZoom: false, zoomControl: false }).setView(start, known ? 12 : 8);
    // Leaflet's own control titles are English; the page gives them in its language.
    L.control.zoom({ zoomInTitle: box.dataset.mapZoomIn || "+", zoomOutTitle: box.dataset.mapZoomOut || "-" }).addTo(map);
    map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
    fetch(box.dataset.mapOutline).then(function (r) {
      return r.ok ? r.json() : null;
    }).then(function (data) {
      if (data) L.geoJSON(data, { interactive: false, style: { color: "#7a1f2b", weight: 2, fillOpacity: 0.08 } }).addTo(map);
    }).catch(function () {});
    if (box.dataset.mapTiles) {
      L.tileLayer(box.dataset.mapTiles, { maxZoom: 18, attribution: box.dataset.mapAttribution || "" }).addTo(map);
    }
    var marker = L.circleMarker(start, { radius: 8, color: "#7a1f2b", opacity: known ? 1 : 0, fillOpacity: known ? 0.2 : 0 }).addTo(map);
    function show(point) {
      marker.setLatLng(point);
      marker.setStyle({ opacity: 1, fillOpacity: 0.2 });
    }
    map.on("click", function (event) {
      lat.value = event.latlng.lat.toFixed(5);
      lng.value = event.latlng.lng.toFixed(5);
      if (town) town.value = "";
      show(event.latlng);
      box.dataset.picked = "yes";
    });
    [lat, lng].forEach(function (input) {
      input.addEventListener("change", function () {
        var point = [parseFloat(lat.value), parseFloat(lng.value)];
        if (!isNaN(point[0]) && !isNaN(point[1])) {
          show(point);
          map.setView(point);
        }
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
