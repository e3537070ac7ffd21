// NewsPortal admin: live Markdown preview, confirmations, copy fields. No inline scripts (strict CSP).
(function () {
    "use strict";

    function livePreview(textarea) {
        var target = document.getElementById(textarea.getAttribute("data-preview-target"));
        var url = textarea.getAttribute("data-preview-url");
        var form = textarea.form;
        if (!target || !url || !form) {
            return;
        }
        var timer = null;
        var pending = null;

        function render() {
            var token = form.querySelector("input[name='__RequestVerificationToken']");
            var data = new FormData();
            data.append(textarea.name, textarea.value);
            if (token) {
                data.append("__RequestVerificationToken", token.value);
            }
            if (pending) {
                pending.abort();
            }
            pending = new AbortController();
            fetch(url, { method: "POST", body: data, credentials: "same-origin", signal: pending.signal })
                .then(function (response) {
                    if (response.redirected) {
                        throw new Error("Your session has ended: sign in again in another tab, then keep typing.");
                    }
                    if (!response.ok) {
                        throw new Error("The preview is unavailable right now (" + response.status + "); your text is safe in the editor.");
                    }
                    return response.text();
                })
                .then(function (html) {
                    // The server returns sanitized HTML from the same pipeline as the public page.
                    target.innerHTML = html || "<p class=\"empty\">Nothing to preview yet.</p>";
                })
                .catch(function (error) {
                    if (error.name !== "AbortError") {
                        target.textContent = error.message;
                    }
                });
        }

        textarea.addEventListener("input", function () {
            clearTimeout(timer);
            timer = setTimeout(render, 350);
        });
        if (textarea.value.trim() !== "") {
            render();
        }
    }

    document.querySelectorAll("textarea[data-preview-url]").forEach(livePreview);

    document.querySelectorAll("form[data-confirm]").forEach(function (form) {
        form.addEventListener("submit", function (event) {
            if (!window.confirm(form.getAttribute("data-confirm"))) {
                event.preventDefault();
            }
        });
    });

    document.querySelectorAll(".copy-field").forEach(function (input) {
        input.addEventListener("focus", function () { input.select(); });
    });

    // Warn before leaving the article form with unsaved changes.
    var editor = document.getElementById("article-form");
    if (editor) {
        var dirty = false;
        editor.addEventListener("input", function () { dirty = true; });
        editor.addEventListener("submit", function () { dirty = false; });
        window.addEventListener("beforeunload", function (event) {
            if (dirty) {
                event.preventDefault();
                event.returnValue = "";
            }
        });
    }
})();
