/* "My company": a click on the map sets the firm's latitude and longitude (and clears
 * the town picker, which would otherwise win); typing coordinates moves the marker.
 * The region's outline (static/core/map.js) is drawn even when tiles cannot be loaded.
 * Without JavaScript the town picker and the two number fields do the same job. */
(function () {
  "use strict";

  var OUTLINE_STYLE = { color: "#7a1f2b", weight: 2, fillOpacity: 0.08 };

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
    var start = known ? [parseFloat(lat.value), parseFloat(lng.value)] : PortalMap.REGION_CENTRE;
    var map = PortalMap.createMap(box, { scrollWheelZoom: false }, start, known ? 12 : 8);
    // The outline only helps to aim the click: a missing one leaves a working picker.
    PortalMap.addOutline(map, box.dataset.mapOutline, OUTLINE_STYLE).catch(function () {});
    PortalMap.addTiles(map, box);
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

  PortalMap.whenReady(init);
})();
