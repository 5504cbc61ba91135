/*
 * Event times in the visitor's own time zone, next to the event's.
 * Progressive enhancement: the page states the times in the event's zone; where the
 * visitor's zone differs, this fills the hidden [data-local-time-output] element that
 * follows the <time data-local-time> elements of the same block, and shows it.
 */
(function () {
  "use strict";

  if (!window.Intl || typeof Intl.DateTimeFormat !== "function") {
    return;
  }
  var visitorZone = new Intl.DateTimeFormat().resolvedOptions().timeZone;
  var locale = document.documentElement.lang || undefined;
  var format = new Intl.DateTimeFormat(locale, {
    year: "numeric",
    month: "long",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
    timeZoneName: "short",
  });

  function formatRange(start, end) {
    if (!end) {
      return format.format(start);
    }
    if (typeof format.formatRange === "function") {
      return format.formatRange(start, end);
    }
    return format.format(start) + " – " + format.format(end);
  }

  document.querySelectorAll("[data-local-time-output]").forEach(function (output) {
    if (!visitorZone || output.getAttribute("data-time-zone") === visitorZone) {
      return;
    }
    var times = output.parentElement.querySelectorAll("time[data-local-time]");
    var dates = Array.prototype.map
      .call(times, function (time) {
        return new Date(time.getAttribute("datetime"));
      })
      .filter(function (date) {
        return !isNaN(date.getTime());
      });
    if (!dates.length) {
      return;
    }
    output.textContent = output.getAttribute("data-label") + " " + formatRange(dates[0], dates[1]);
    output.hidden = false;
  });
})();
