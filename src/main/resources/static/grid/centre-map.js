/*
 * The township centre's map: grid boundaries (GeoJSON) and event points on a plain background. Leaflet is served from
 * our own jar; there is no tile layer, so nothing is fetched from outside (the CSP would refuse it anyway).
 */
(function () {
  'use strict';
  document.addEventListener('DOMContentLoaded', function () {
    var el = document.getElementById('grid-map');
    if (!el || !window.L) { return; }
    fetch(el.getAttribute('data-src'), { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
      .then(function (res) { return res.json(); })
      .then(function (data) {
        var map = L.map(el, { attributionControl: false, zoomSnap: 0.25 });
        var layers = [];
        var shapes = L.geoJSON(data.boundaries, {
          style: function () { return { color: '#b71c1c', weight: 2, fillOpacity: 0.06 }; },
          onEachFeature: function (f, layer) { layer.bindTooltip(f.properties.code + ' ' + f.properties.name); }
        }).addTo(map);
        if (data.boundaries.features.length) { layers.push(shapes); }
        var points = L.featureGroup();
        data.points.forEach(function (p) {
          L.circleMarker([p.lat, p.lon], { radius: 6, weight: 1, color: p.open ? '#a50e0e' : '#137333',
            fillOpacity: 0.8 }).bindTooltip(p.category).addTo(points);
        });
        points.addTo(map);
        if (data.points.length) { layers.push(points); }
        var bounds = null;
        layers.forEach(function (l) { bounds = bounds ? bounds.extend(l.getBounds()) : l.getBounds(); });
        if (bounds && bounds.isValid()) {
          map.fitBounds(bounds.pad(0.1));
        } else {
          map.setView([30.6, 114.3], 10);
        }
        el.setAttribute('data-ready', String(data.boundaries.features.length + ':' + data.points.length));
      })
      .catch(function () { el.setAttribute('data-ready', 'error'); });
  });
})();
