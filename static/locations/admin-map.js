/* The admin's map picker: a click on the map sets the latitude and longitude fields;
 * typing coordinates moves the marker. Works without tiles (the outline is drawn). */
(function () {
  "use strict";
  function init() {
    var lat = document.getElementById("id_latitude");
    var lng = document.getElementById("id_longitude");
    if (!lat || !lng || !window.L) return;
    var box = document.createElement("div");
    box.className = "admin-map";
    box.setAttribute("role", "application");
    box.setAttribute("aria-label", "Map: click to set the coordinates");
    lng.closest(".form-row, .fieldBox, div").after(box);
    var start = lat.value && lng.value ? [parseFloat(lat.value), parseFloat(lng.value)] : [49.85, 20.2];
    var map = L.map(box).setView(start, lat.value ? 13 : 8);
    if (lat.dataset.mapOutline) {
      fetch(lat.dataset.mapOutline).then(function (r) {
        return r.ok ? r.json() : null;
      }).then(function (data) {
        if (data) L.geoJSON(data, { interactive: false, style: { color: "#7a1f2b", weight: 2, fillOpacity: 0.08 } }).addTo(map);
      }).catch(function () {});
    }
    if (lat.dataset.mapTiles) {
      L.tileLayer(lat.dataset.mapTiles, { maxZoom: 18, attribution: lat.dataset.mapAttribution || "" }).addTo(map);
    }
    var marker = L.circleMarker(start, { radius: 8, color: "#7a1f2b" }).addTo(map);
    map.on("click", function (event) {
      lat.value = event.latlng.lat.toFixed(6);
      lng.value = event.latlng.lng.toFixed(6);
      marker.setLatLng(event.latlng);
    });
    [lat, lng].forEach(function (input) {
      input.addEventListener("change", function () {
        var point = [parseFloat(lat.value), parseFloat(lng.value)];
        if (!isNaN(point[0]) && !isNaN(point[1])) { marker.setLatLng(point); map.setView(point); }
      });
    });
  }
  document.addEventListener("DOMContentLoaded", init);
})();
