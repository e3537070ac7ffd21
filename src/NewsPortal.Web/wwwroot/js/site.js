// Keeps "13 hours ago" texts current on pages served from a cache. English words written here rather
// than Intl.RelativeTimeFormat: its first use loads locale data, a long task on a phone's first paint.
(function () {
    "use strict";
    var units = [["week", 604800], ["day", 86400], ["hour", 3600], ["minute", 60]];

    function phrase(value, unit) {
        var count = Math.abs(value);
        if (count === 1 && unit === "day") {
            return value < 0 ? "yesterday" : "tomorrow";
        }
        if (count === 1 && unit === "week") {
            return value < 0 ? "last week" : "next week";
        }
        var words = count + " " + unit + (count === 1 ? "" : "s");
        return value < 0 ? words + " ago" : "in " + words;
    }

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
                el.textContent = phrase(Math.round(seconds / units[i][1]), units[i][0]);
                return;
            }
        }
        el.textContent = "just now";
    });
})();
