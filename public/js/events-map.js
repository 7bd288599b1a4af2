// The agenda's map of in-person events, drawn with Leaflet over the configured tiles. An enhancement only: the list of
// venues beside it says the same, and the map stays hidden when scripts, Leaflet or the points are missing.
(function () {
  'use strict';
  var element = document.getElementById('events-map');
  if (!element || !window.L) return;
  var points;
  try {
    points = JSON.parse(element.getAttribute('data-points') || '[]');
  } catch (error) {
    return;
  }
  if (!points.length) return;
  element.hidden = false;
  var map = window.L.map(element, { scrollWheelZoom: false });
  window.L.tileLayer(element.getAttribute('data-tiles'), { maxZoom: 18, attribution: element.getAttribute('data-attribution') || '' }).addTo(map);
  var bounds = [];
  points.forEach(function (point) {
    var link = document.createElement('a');
    link.href = point.url;
    link.textContent = point.title;
    window.L.marker([point.lat, point.lng], { title: point.title, alt: point.title }).addTo(map).bindPopup(link);
    bounds.push([point.lat, point.lng]);
  });
  map.fitBounds(bounds, { maxZoom: 12, padding: [30, 30] });
})();
