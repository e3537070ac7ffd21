// Comment form on the cached article page: the page carries no antiforgery token (it is the same for every
// reader), so on first use fetch one, with the form's protected start time, from the uncached comment page.
// Without this script the post still works: the server re-shows the form, text kept, with a token.
(function () {
    'use strict';
    var form = document.querySelector('form[data-comment-form]');
    if (!form) { return; }
    var token = form.querySelector('input[name="__RequestVerificationToken"]');
    var started = form.querySelector('input[name="Started"]');
    if (!token || !started || token.value) { return; }
    var loading = null;

    function load() {
        if (!loading) {
            loading = fetch(form.getAttribute('data-token-url'), { credentials: 'same-origin', headers: { 'Accept': 'text/html' } })
                .then(function (response) {
                    if (!response.ok) { throw new Error('HTTP ' + response.status); }
                    return response.text();
                })
                .then(function (html) {
                    var page = new DOMParser().parseFromString(html, 'text/html');
                    var freshToken = page.querySelector('form[data-comment-form] input[name="__RequestVerificationToken"]');
                    var freshStarted = page.querySelector('form[data-comment-form] input[name="Started"]');
                    if (freshToken && freshStarted) {
                        token.value = freshToken.value;
                        started.value = freshStarted.value;
                    }
                })
                .catch(function () { loading = null; });
        }
        return loading;
    }

    form.addEventListener('focusin', load);
    form.addEventListener('submit', function (event) {
        if (token.value) { return; }
        event.preventDefault();
        Promise.resolve(load()).then(function () { form.submit(); });
    });
})();
