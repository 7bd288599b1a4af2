// Event times are written in Paris time; a reader elsewhere also gets them in their own zone, when scripts run.
(function () {
  'use strict';
  var zone;
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch (error) {
    return;
  }
  if (!zone || zone === 'Europe/Paris') return;
  var lang = document.documentElement.lang || 'fr';
  var full = new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeStyle: 'short', timeZone: zone });
  var hour = new Intl.DateTimeFormat(lang, { timeStyle: 'short', timeZone: zone });
  Array.prototype.forEach.call(document.querySelectorAll('.event-when[data-local-label]'), function (element) {
    var times = element.querySelectorAll('time[datetime]');
    if (times.length < 2) return;
    var start = new Date(times[0].getAttribute('datetime'));
    var end = new Date(times[1].getAttribute('datetime'));
    if (isNaN(start.getTime()) || isNaN(end.getTime())) return;
    var note = document.createElement('span');
    note.className = 'meta event-local-time';
    note.textContent = ' — ' + element.getAttribute('data-local-label').replace('{zone}', zone) + ' ' + full.format(start) + ' – ' + hour.format(end);
    element.appendChild(note);
  });
})();
