/* The portal's maps share one way of drawing the region: window.PortalMap.
 *
 * Loaded after Leaflet (and Leaflet.markercluster where a page clusters) and before the
 * page's own map script; it touches Leaflet only when a function is called, so a page
 * may load it without Leaflet. Every map reads its settings from data attributes on its
 * element (data-map-tiles, data-map-attribution, data-map-outline, data-map-data,
 * data-map-marker, data-map-marker-2x, data-map-shadow, data-map-label). The bundled
 * outline and the markers need no tile server: when tiles cannot be loaded, or none is
 * set, the map still shows where everything is. Popups are built as DOM nodes with
 * textContent, never from HTML, since their text is what members typed.
 */
(function () {
  "use strict";

  var REGION_CENTRE = [49.85, 20.2];
  var OUTLINE_STYLE = { color: "#7a1f2b", weight: 2, fillColor: "#c9a24a", fillOpacity: 0.12 };

  function whenReady(init) {
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", init);
    } else {
      init();
    }
  }

  function fetchJson(url) {
    return fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } }).then(function (r) {
      if (!r.ok) throw new Error("map data " + r.status);
      return r.json();
    });
  }

  /* The tile layer named by the element's data-map-tiles, if any; onError (optional) is
   * called on the first tile that fails. */
  function addTiles(map, element, onError) {
    if (!element.dataset.mapTiles) return null;
    var layer = L.tileLayer(element.dataset.mapTiles, { maxZoom: 18, attribution: element.dataset.mapAttribution || "" });
    if (onError) layer.once("tileerror", onError);
    return layer.addTo(map);
  }

  /* The region's outline under everything else; resolves to its layer. */
  function addOutline(map, url, style) {
    return fetchJson(url).then(function (data) {
      return L.geoJSON(data, { interactive: false, style: style || OUTLINE_STYLE }).addTo(map);
    });
  }

  /* A popup's content: the feature's name as a link to its page, then one line of text. */
  function popupContent(properties, text) {
    var box = document.createElement("div");
    var strong = document.createElement("strong");
    var link = document.createElement("a");
    link.href = properties.url;
    link.textContent = properties.name;
    strong.appendChild(link);
    box.appendChild(strong);
    var meta = document.createElement("p");
    meta.textContent = text;
    box.appendChild(meta);
    return box;
  }

  function markerIcon(element) {
    return L.icon({
      iconUrl: element.dataset.mapMarker,
      iconRetinaUrl: element.dataset.mapMarker2x,
      shadowUrl: element.dataset.mapShadow,
      iconSize: [25, 41], iconAnchor: [12, 41], popupAnchor: [1, -34], shadowSize: [41, 41]
    });
  }

  /* Keyboard-focusable markers (Tab, then Enter opens the popup and moves focus to its
   * link; Escape closes it), clustered where Leaflet.markercluster is loaded. */
  function markerGroup(features, icon, describe) {
    var group = L.markerClusterGroup ? L.markerClusterGroup({ showCoverageOnHover: false }) : L.featureGroup();
    features.forEach(function (feature) {
      var point = feature.geometry.coordinates;
      var marker = L.marker([point[1], point[0]], {
        icon: icon, title: feature.properties.name, alt: feature.properties.name, keyboard: true
      });
      marker.bindPopup(popupContent(feature.properties, describe(feature.properties)));
      marker.on("popupopen", function (event) {
        var link = event.popup.getElement().querySelector("a[href]");
        if (link) link.focus();
      });
      group.addLayer(marker);
    });
    return group;
  }

  /* One marker: close in on it; several: all of them; none: the whole region. */
  function fitView(map, group, count, outline) {
    if (count === 1) {
      map.setView(group.getLayers()[0].getLatLng(), 12);
    } else if (count > 1) {
      map.fitBounds(group.getBounds().pad(0.2));
    } else {
      map.fitBounds(outline.getBounds());
    }
  }

  /* A Leaflet map on element whose zoom buttons speak the page's language (Leaflet's own
   * titles are English): data-map-zoom-in / data-map-zoom-out name them. */
  function createMap(element, options, centre, zoom) {
    var settings = { zoomControl: false };
    Object.keys(options || {}).forEach(function (key) { settings[key] = options[key]; });
    var map = L.map(element, settings).setView(centre, zoom);
    L.control.zoom({
      zoomInTitle: element.dataset.mapZoomIn || "+",
      zoomOutTitle: element.dataset.mapZoomOut || "-"
    }).addTo(map);
    map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
    return map;
  }

  /* The map of a GeoJSON list (data-map-data) over the region's outline. describe(properties)
   * gives the popup's line under the name. The element records what it drew, for the page
   * and its tests: data-outline="shown", data-markers="<count>" (or "error"). */
  function drawMarkerMap(element, describe) {
    element.textContent = "";
    element.classList.add("location-map--ready");
    var map = createMap(element, { scrollWheelZoom: false, keyboard: true }, REGION_CENTRE, 8);
    map.getContainer().setAttribute("aria-label", element.dataset.mapLabel || "");
    addTiles(map, element, function () { element.classList.add("location-map--offline"); });
    var icon = markerIcon(element);
    var outline = addOutline(map, element.dataset.mapOutline).then(function (layer) {
      element.dataset.outline = "shown";
      return layer;
    });
    var markers = fetchJson(element.dataset.mapData).then(function (data) {
      var group = markerGroup(data.features, icon, describe).addTo(map);
      element.dataset.markers = String(data.features.length);
      return { group: group, count: data.features.length };
    });
    Promise.all([outline, markers]).then(function (layers) {
      fitView(map, layers[1].group, layers[1].count, layers[0]);
    }).catch(function () {
      element.dataset.markers = element.dataset.markers || "error";
    });
    return map;
  }

  window.PortalMap = {
    REGION_CENTRE: REGION_CENTRE,
    whenReady: whenReady,
    fetchJson: fetchJson,
    addTiles: addTiles,
    addOutline: addOutline,
    createMap: createMap,
    popupContent: popupContent,
    drawMarkerMap: drawMarkerMap
  };
})();
