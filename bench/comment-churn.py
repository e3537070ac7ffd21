#!/usr/bin/env python3
"""Posts reader comments on one article and approves them as an editor, until killed.

The load beside the bench's "article, while comments are posted and approved" row:
  comment-churn.py BASE SLUG ADMIN_EMAIL ADMIN_PASSWORD
Needs the portal started with Comments__PermitLimit raised and Comments__MinFillSeconds=0.
The editor approves the comments this script posted (their ids from the post's redirect), one bulk approval a
second, as a desk moderating one busy article does; the queue page is read once, for the form's token.
Every tenth line says what each kind of request took (median ms so far), as seen from here: the cost of a comment
post, of the editor's queue page and of the bulk approval (which evicts the article), beside the readers' load.
"""
import collections, http.cookiejar, re, statistics, sys, time, urllib.parse, urllib.request

base, slug, email, password = sys.argv[1:5]

def session():
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), NoRedirect())

class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None

timings = {"post": [], "queue": [], "approve": []}

def fetch(opener, path, fields=None, kind=None):
    data = urllib.parse.urlencode(fields, doseq=True).encode() if fields is not None else None
    began = time.monotonic()
    try:
        with opener.open(base + path, data=data, timeout=10) as response:
            result = response.status, response.read().decode(), response.headers.get("Location", "")
    except urllib.error.HTTPError as error:
        result = error.code, error.read().decode(errors="replace"), error.headers.get("Location", "")
    if kind is not None:
        timings[kind].append((time.monotonic() - began) * 1000)
    return result

def medians():
    return ", ".join(f"{kind} {statistics.median(ms):.1f} ms" for kind, ms in timings.items() if ms)

def field(html, name):
    return re.search(r'name="%s"[^>]*value="([^"]*)"' % re.escape(name), html).group(1)

reader, editor = session(), session()
_, form, _ = fetch(reader, f"/articles/{slug}/comments")
token, started = field(form, "__RequestVerificationToken"), field(form, "Started")
_, login, _ = fetch(editor, "/account/login")
fetch(editor, "/account/login", {"__RequestVerificationToken": field(login, "__RequestVerificationToken"), "Email": email, "Password": password})
_, queue, _ = fetch(editor, "/admin/comments?status=pending", kind="queue")
editor_token = field(queue, "__RequestVerificationToken")
attempts = approved = 0
mine, statuses = [], collections.Counter()
while True:
    status, _, location = fetch(reader, f"/articles/{slug}/comments", {"__RequestVerificationToken": token, "Started": started,
        "Name": "Bench reader", "Email": "bench@example.invalid", "Body": f"Bench comment {attempts}"}, kind="post")
    attempts += 1
    statuses[status] += 1
    if status == 302 and "#comment-" in location:
        mine.append(location.split("#comment-")[1])
    if attempts % 5 == 0 and mine:
        status, _, _ = fetch(editor, "/admin/comments/bulk", {"__RequestVerificationToken": editor_token,
            "ids": mine, "operation": "approve", "returnUrl": "/admin/comments"}, kind="approve")
        approved += len(mine) if status == 302 else 0
        mine = []
    if attempts % 5 == 0:
        print(f"posted {attempts} ({dict(statuses)}), approved {approved}" + (f"; medians: {medians()}" if attempts % 50 == 0 else ""), flush=True)
    time.sleep(0.2)  # about 5 posts and one approval batch (one eviction) a second: far busier than any real article
