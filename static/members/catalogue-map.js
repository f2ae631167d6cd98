/* The catalogue's map view (?view=map): the filtered firms as clustered markers over the
 * region's outline, from the catalogue's map data (public fields only). Tiles are an
 * addition: when they cannot be loaded the outline and the markers are still drawn.
 * Markers are keyboard-focusable (Tab, Enter opens the popup and moves focus to the
 * firm's link, Escape closes it). The filter form gets a hidden view=map, so changing a
 * filter (catalogue.js reloads the results region) keeps the map; the map is started
 * again whenever the region is replaced. Without JavaScript the list is the catalogue.
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

  function popupContent(feature) {
    var box = document.createElement("div");
    var strong = document.createElement("strong");
    var link = document.createElement("a");
    link.href = feature.properties.url;
    link.textContent = feature.properties.name;
    strong.appendChild(link);
    box.appendChild(strong);
    var meta = document.createElement("p");
    meta.textContent = [feature.properties.city].concat(feature.properties.services).join(" · ");
    box.appendChild(meta);
    return box;
  }

  function keepView(root) {
    var form = root.querySelector("[data-catalogue-form]");
    if (!form || form.querySelector("input[name=view]")) return;
    var input = document.createElement("input");
    input.type = "hidden";
    input.name = "view";
    input.value = "map";
    form.appendChild(input);
  }

  // Leaflet's own control titles are English; the page gives them in its language.
  function localiseControls(map, data) {
    L.control.zoom({ zoomInTitle: data.mapZoomIn || "+", zoomOutTitle: data.mapZoomOut || "-" }).addTo(map);
    map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
  }

  function start(element) {
    element.dataset.started = "yes";
    if (!window.L) {
      // The region arrived through a partial load on a page without Leaflet: load the page.
      window.location.reload();
      return;
    }
    element.textContent = "";
    element.classList.add("location-map--ready");
    var map = L.map(element, { scrollWheelZoom: false, keyboard: true, zoomControl: false }).setView(REGION_CENTRE, 8);
    localiseControls(map, element.dataset);
    map.getContainer().setAttribute("aria-label", element.dataset.mapLabel || "");
    if (element.dataset.mapTiles) {
      L.tileLayer(element.dataset.mapTiles, { maxZoom: 18, attribution: element.dataset.mapAttribution || "" })
        .once("tileerror", function () { element.classList.add("location-map--offline"); })
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
        marker.bindPopup(popupContent(feature));
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
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
