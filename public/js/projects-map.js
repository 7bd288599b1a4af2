// Projects on a Leaflet map over the configured tiles, and the location picker of the project form. Enhancements
// only: the list of places says where projects are, the latitude and longitude fields say where this one is, and
// each map stays hidden when scripts, Leaflet or its data are missing.
(function () {
  'use strict';
  var L = window.L;
  if (!L) return;
  var france = { center: [46.6, 2.4], zoom: 5 };

  function tiles(map, element) {
    L.tileLayer(element.getAttribute('data-tiles'), { maxZoom: 18, attribution: element.getAttribute('data-attribution') || '' }).addTo(map);
  }

  function drawProjects(element) {
    var points;
    try {
      points = JSON.parse(element.getAttribute('data-points') || '[]');
    } catch (error) {
      return;
    }
    if (!points.length) return;
    element.hidden = false;
    var map = L.map(element, { scrollWheelZoom: false });
    tiles(map, element);
    var bounds = [];
    points.forEach(function (point) {
      var link = document.createElement('a');
      link.href = point.url;
      link.textContent = point.title;
      L.marker([point.lat, point.lng], { title: point.title, alt: point.title }).addTo(map).bindPopup(link);
      bounds.push([point.lat, point.lng]);
    });
    map.fitBounds(bounds, { maxZoom: 13, padding: [30, 30] });
  }

  // The fields take the page's language: a decimal comma in French (as the server reads it), a point in English.
  var french = /^fr/i.test(document.documentElement.lang || 'fr');

  function readDegrees(input, limit) {
    var text = input.value.replace(/[\s\u00a0\u202f]/g, '');
    text = french ? text.replace(',', '.') : text.replace(/,/g, '');
    if (!/^[-+]?\d+(\.\d+)?$/.test(text)) return null;
    var value = Number(text);
    return Math.abs(value) <= limit ? value : null;
  }

  function writeDegrees(input, value) {
    // Six decimals place a point within about ten centimetres; more would only be noise from the pointer.
    var text = String(Math.round(value * 1e6) / 1e6);
    input.value = french ? text.replace('.', ',') : text;
  }

  function picker(element) {
    var latitude = document.getElementById(element.getAttribute('data-latitude'));
    var longitude = document.getElementById(element.getAttribute('data-longitude'));
    var box = element.querySelector('.projects-map');
    if (!latitude || !longitude || !box) return;
    element.hidden = false;
    var map = L.map(box, { scrollWheelZoom: false });
    tiles(map, element);
    var label = element.getAttribute('data-marker') || '';
    var marker = null;

    function typed() {
      var lat = readDegrees(latitude, 90);
      var lng = readDegrees(longitude, 180);
      return lat === null || lng === null ? null : L.latLng(lat, lng);
    }

    function place(at) {
      if (marker) {
        marker.setLatLng(at);
        return;
      }
      marker = L.marker(at, { draggable: true, title: label, alt: label }).addTo(map);
      marker.on('dragend', function () {
        fill(marker.getLatLng());
      });
    }

    function fill(at) {
      var wrapped = at.wrap();
      writeDegrees(latitude, wrapped.lat);
      writeDegrees(longitude, wrapped.lng);
    }

    var start = typed();
    if (start) {
      place(start);
      map.setView(start, 13);
    } else {
      map.setView(france.center, france.zoom);
    }
    map.on('click', function (event) {
      place(event.latlng);
      fill(event.latlng);
    });
    function follow() {
      var at = typed();
      if (at) {
        place(at);
        map.panTo(at);
      } else if (marker && !latitude.value.trim() && !longitude.value.trim()) {
        map.removeLayer(marker);
        marker = null;
      }
    }
    latitude.addEventListener('input', follow);
    longitude.addEventListener('input', follow);
  }

  var shown = document.getElementById('projects-map');
  if (shown) drawProjects(shown);
  var chooser = document.getElementById('location-picker');
  if (chooser) picker(chooser);
})();
