// Keeps "13 hours ago" texts current on pages served from a cache.
(function () {
    "use strict";
    var units = [
        ["year", 31536000], ["month", 2592000], ["week", 604800],
        ["day", 86400], ["hour", 3600], ["minute", 60]
    ];
    if (typeof Intl === "undefined" || !Intl.RelativeTimeFormat) {
        return;
    }
    var format = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
    var now = Date.now();
    document.querySelectorAll("time[datetime]").forEach(function (el) {
        var then = Date.parse(el.getAttribute("datetime"));
        if (isNaN(then)) {
            return;
        }
        var seconds = Math.round((then - now) / 1000);
        if (Math.abs(seconds) > 604800) {
            return;
        }
        for (var i = 0; i < units.length; i++) {
            if (Math.abs(seconds) >= units[i][1]) {
                el.textContent = format.format(Math.round(seconds / units[i][1]), units[i][0]);
                return;
            }
        }
        el.textContent = "just now";
    });
})();
