/* The admin's map picker: a click on the map sets the latitude and longitude fields;
 * typing coordinates moves the marker. Tiles and the region's outline come from
 * static/core/map.js (loaded first by the admin's Media); the outline is drawn fainter
 * than on the public maps and also when tiles cannot be loaded. */
(function () {
  "use strict";

  var OUTLINE_STYLE = { color: "#7a1f2b", weight: 2, fillOpacity: 0.08 };

  function init() {
    var lat = document.getElementById("id_latitude");
    var lng = document.getElementById("id_longitude");
    if (!lat || !lng || !window.L || !window.PortalMap) return;
    var box = document.createElement("div");
    box.className = "admin-map";
    box.setAttribute("role", "application");
    box.setAttribute("aria-label", "Map: click to set the coordinates");
    lng.closest(".form-row, .fieldBox, div").after(box);
    var start = lat.value && lng.value ? [parseFloat(lat.value), parseFloat(lng.value)] : PortalMap.REGION_CENTRE;
    var map = L.map(box).setView(start, lat.value ? 13 : 8);
    // The outline only helps to aim the click: a missing one leaves a working picker.
    if (lat.dataset.mapOutline) {
      PortalMap.addOutline(map, lat.dataset.mapOutline, OUTLINE_STYLE).then(function () {
        box.dataset.outline = "shown";
      }).catch(function () {});
    }
    PortalMap.addTiles(map, lat);
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

  PortalMap.whenReady(init);
})();
