// Media library: drag and drop onto the upload form, and the focal point set by clicking the image.
// Progressive: without this file the plain file input and the number inputs do the same.
(function () {
    "use strict";

    document.querySelectorAll("[data-media-drop]").forEach(function (zone) {
        var input = zone.querySelector("input[type=file]");
        var status = zone.querySelector("[data-media-drop-status]");
        if (!input || typeof DataTransfer === "undefined") {
            return;
        }
        zone.classList.add("media-drop--active");
        function show() {
            var count = input.files ? input.files.length : 0;
            status.textContent = count === 0 ? "" : count + (count === 1 ? " file chosen." : " files chosen.");
        }
        ["dragenter", "dragover"].forEach(function (name) {
            zone.addEventListener(name, function (event) {
                event.preventDefault();
                zone.classList.add("media-drop--over");
            });
        });
        ["dragleave", "drop"].forEach(function (name) {
            zone.addEventListener(name, function () { zone.classList.remove("media-drop--over"); });
        });
        zone.addEventListener("drop", function (event) {
            event.preventDefault();
            if (event.dataTransfer && event.dataTransfer.files.length > 0) {
                input.files = event.dataTransfer.files;
                show();
            }
        });
        input.addEventListener("change", show);
    });

    document.querySelectorAll("[data-focal]").forEach(function (box) {
        var image = box.querySelector("[data-focal-image]");
        var marker = box.querySelector("[data-focal-marker]");
        var form = box.closest("form");
        var x = form.querySelector("[data-focal-x]");
        var y = form.querySelector("[data-focal-y]");
        function place() {
            marker.hidden = false;
            marker.style.left = (parseFloat(x.value) || 0) + "%";
            marker.style.top = (parseFloat(y.value) || 0) + "%";
        }
        image.classList.add("focal__image--pickable");
        image.addEventListener("click", function (event) {
            var rect = image.getBoundingClientRect();
            x.value = (Math.round((event.clientX - rect.left) / rect.width * 1000) / 10).toString();
            y.value = (Math.round((event.clientY - rect.top) / rect.height * 1000) / 10).toString();
            place();
        });
        x.addEventListener("input", place);
        y.addEventListener("input", place);
        place();
    });
})();
