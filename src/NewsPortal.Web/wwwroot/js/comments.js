// Comment form on the cached article page: the page carries no antiforgery token (it is the same for every
// reader), so on first use fetch one, with the form's protected start time, from the uncached comment page.
// Then post in place: the server answers as it does without JavaScript (redirect to the article, or the form
// again with its messages), and this script puts the answer's comments block or form where the old one was.
// Without this script the post still works: POST → redirect → GET, or the form re-shown, text kept, with a token.
(function () {
    'use strict';

    function parse(html) { return new DOMParser().parseFromString(html, 'text/html'); }

    // Parsed scripts never run, and the block's own script is this one: drop them before inserting.
    function withoutScripts(node) {
        node.querySelectorAll('script').forEach(function (script) { script.remove(); });
        return document.importNode(node, true);
    }

    function say(form, text) {
        var status = form.querySelector('[data-comment-status]');
        if (!status) {
            status = document.createElement('p');
            status.className = 'comment-form__notice';
            status.setAttribute('role', 'status');
            status.setAttribute('data-comment-status', '');
            form.insertBefore(status, form.querySelector('.field'));
        }
        status.textContent = text;
    }

    function setUp(form) {
        var token = form.querySelector('input[name="__RequestVerificationToken"]');
        var started = form.querySelector('input[name="Started"]');
        if (!token || !started) { return; }
        var loading = null;
        var sending = false;

        function load() {
            if (token.value) { return Promise.resolve(); }
            if (!loading) {
                loading = fetch(form.getAttribute('data-token-url'), { credentials: 'same-origin', headers: { 'Accept': 'text/html' } })
                    .then(function (response) {
                        if (!response.ok) { throw new Error('HTTP ' + response.status); }
                        return response.text();
                    })
                    .then(function (html) {
                        var page = parse(html);
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

        // The reader's comment is in the block the redirect's article page shows: replace ours with it.
        function showBlock(page) {
            var fresh = page.querySelector('#comments');
            var current = form.closest('#comments');
            if (!fresh || !current) { return false; }
            var block = withoutScripts(fresh);
            current.replaceWith(block);
            var pending = block.querySelectorAll('.comment--pending');
            var own = pending.length > 0 ? pending[pending.length - 1] : null;
            if (own) {
                history.replaceState(null, '', location.pathname + location.search + '#' + own.id);
                own.setAttribute('tabindex', '-1');
                own.focus();
            }
            var next = block.querySelector('form[data-comment-form]');
            if (next) { setUp(next); }
            return true;
        }

        // The form again, with the server's messages, the reader's text and a fresh token.
        function showForm(page) {
            var fresh = page.querySelector('form[data-comment-form]');
            if (!fresh) { return false; }
            var heading = form.querySelector('#comment-form-title');
            var level = heading ? heading.tagName : 'H3';
            var replacement = withoutScripts(fresh);
            var freshHeading = replacement.querySelector('#comment-form-title');
            if (freshHeading && freshHeading.tagName !== level) {
                var kept = document.createElement(level.toLowerCase());
                kept.id = freshHeading.id;
                kept.textContent = freshHeading.textContent;
                freshHeading.replaceWith(kept);
            }
            form.replaceWith(replacement);
            setUp(replacement);
            var first = replacement.querySelector('.form-errors, .comment-form__notice, [aria-invalid="true"]');
            if (first) {
                if (!first.matches('input, textarea')) { first.setAttribute('tabindex', '-1'); }
                first.focus();
            }
            return true;
        }

        function post() {
            sending = true;
            var button = form.querySelector('button[type="submit"]');
            if (button) { button.disabled = true; }
            say(form, 'Posting your comment…');
            var done = function () { sending = false; if (button) { button.disabled = false; } };
            fetch(form.action, {
                method: 'POST',
                body: new URLSearchParams(new FormData(form)),
                credentials: 'same-origin',
                headers: { 'Accept': 'text/html' }
            })
                .then(function (response) {
                    return response.text().then(function (html) { return { response: response, html: html }; });
                })
                .then(function (answer) {
                    done();
                    var status = answer.response.status;
                    if (status === 429) {
                        say(form, 'You have posted several comments in a short time. Wait a minute, then post again; your text is still here.');
                        return;
                    }
                    var page = parse(answer.html);
                    if (answer.response.ok) {
                        // Stored (or silently dropped): never post again; at worst, open the page the server sent us to.
                        if (!showBlock(page)) { location.assign(answer.response.url); }
                        return;
                    }
                    if (!((status === 400 || status === 403) && showForm(page))) {
                        // Anything else was not stored: let the browser post the form itself, as it would without this script.
                        HTMLFormElement.prototype.submit.call(form);
                    }
                })
                .catch(function () {
                    done();
                    say(form, 'Your comment could not be sent (no connection?). Your text is still here; try again.');
                });
        }

        form.addEventListener('focusin', load);
        form.addEventListener('submit', function (event) {
            event.preventDefault();
            if (sending) { return; }
            Promise.resolve(load()).then(post);
        });
    }

    // Only the article page's form: the uncached comment page already has its token and posts as a plain form.
    var form = document.querySelector('#comments form[data-comment-form]');
    if (form) { setUp(form); }
})();
