// Article editor: choose the hero image from the media library, upload one, or insert one into the Markdown text.
(function () {
    "use strict";

    document.querySelectorAll("[data-media-picker]").forEach(function (picker) {
        var form = picker.closest("form");
        var actions = picker.querySelector("[data-media-picker-actions]");
        var open = picker.querySelector("[data-media-picker-open]");
        var panel = picker.querySelector("[data-media-picker-panel]");
        var list = picker.querySelector("[data-media-picker-list]");
        var status = picker.querySelector("[data-media-picker-status]");
        var file = picker.querySelector("[data-media-picker-file]");
        var alt = picker.querySelector("[data-media-picker-alt]");
        var body = form.querySelector("textarea.markdown-editor__input");
        function field(name) { return form.querySelector("[name='Form." + name + "']"); }

        function load() {
            return fetch(picker.getAttribute("data-picker-url"), { credentials: "same-origin" })
                .then(function (response) {
                    if (!response.ok) { throw new Error("The library is unavailable right now (" + response.status + ")."); }
                    return response.text();
                })
                .then(function (html) { list.innerHTML = html; })
                .catch(function (error) { status.textContent = error.message; });
        }

        function setIfEmpty(input, value) {
            if (input && value && !input.value) { input.value = value; }
        }

        function insert(url, text) {
            if (!body) { return; }
            var snippet = "![" + text.replace(/[\[\]]/g, "") + "](" + url + "?w=960)";
            var start = body.selectionStart, end = body.selectionEnd, value = body.value;
            var before = value.slice(0, start), after = value.slice(end);
            var lead = before.length === 0 || before.endsWith("\n\n") ? "" : (before.endsWith("\n") ? "\n" : "\n\n");
            body.value = before + lead + snippet + "\n\n" + after;
            var caret = (before + lead + snippet).length;
            body.focus();
            body.setSelectionRange(caret, caret);
            body.dispatchEvent(new Event("input", { bubbles: true }));
        }

        list.addEventListener("click", function (event) {
            var hero = event.target.closest("[data-media-hero]");
            var inserted = event.target.closest("[data-media-insert]");
            if (hero) {
                field("HeroImageUrl").value = hero.getAttribute("data-url");
                field("HeroAlt").value = hero.getAttribute("data-alt");
                setIfEmpty(field("HeroCaption"), hero.getAttribute("data-caption"));
                setIfEmpty(field("HeroCredit"), hero.getAttribute("data-credit"));
                status.textContent = "Hero image set: " + hero.getAttribute("data-alt");
            } else if (inserted) {
                insert(inserted.getAttribute("data-url"), inserted.getAttribute("data-alt"));
                status.textContent = "Image inserted into the text.";
            }
        });

        picker.querySelector("[data-media-picker-upload]").addEventListener("click", function () {
            if (!file.files || file.files.length === 0) { status.textContent = "Choose an image file first."; return; }
            if (!alt.value.trim()) { status.textContent = "Describe the image (alt text) before uploading it."; alt.focus(); return; }
            var data = new FormData();
            data.append("files", file.files[0]);
            data.append("AltText", alt.value);
            data.append("__RequestVerificationToken", form.querySelector("input[name='__RequestVerificationToken']").value);
            status.textContent = "Uploading…";
            fetch(picker.getAttribute("data-upload-url"), { method: "POST", body: data, credentials: "same-origin", headers: { Accept: "application/json" } })
                .then(function (response) {
                    return response.json().catch(function () { return { error: "The upload failed (" + response.status + ")." }; });
                })
                .then(function (result) {
                    if (result.error) { status.textContent = result.error; return; }
                    file.value = "";
                    alt.value = "";
                    status.textContent = "Uploaded. Choose it below.";
                    return load();
                })
                .catch(function () { status.textContent = "The upload failed; try again."; });
        });

        actions.hidden = false;
        open.addEventListener("click", function () {
            var opening = panel.hidden;
            panel.hidden = !opening;
            open.setAttribute("aria-expanded", opening ? "true" : "false");
            if (opening) { load(); }
        });
    });
})();
