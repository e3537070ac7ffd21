#!/usr/bin/env python3
"""Posts reader comments on one article and approves them as an editor, until killed.

The load beside the bench's "article, while comments are posted and approved" row:
  comment-churn.py BASE SLUG ADMIN_EMAIL ADMIN_PASSWORD
Needs the portal started with Comments__PermitLimit raised and Comments__MinFillSeconds=0.
Every tenth line says what each kind of request took (median ms so far), as seen from here: the cost of a comment
post, of the editor's queue page and of the bulk approval (which evicts the article), beside the readers' load.
"""
import http.cookiejar, re, statistics, sys, time, urllib.parse, urllib.request

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
            result = response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        result = error.code, error.read().decode(errors="replace")
    if kind is not None:
        timings[kind].append((time.monotonic() - began) * 1000)
    return result

def medians():
    return ", ".join(f"{kind} {statistics.median(ms):.1f} ms" for kind, ms in timings.items() if ms)

def field(html, name):
    return re.search(r'name="%s"[^>]*value="([^"]*)"' % re.escape(name), html).group(1)

reader, editor = session(), session()
_, form = fetch(reader, f"/articles/{slug}/comments")
token, started = field(form, "__RequestVerificationToken"), field(form, "Started")
_, login = fetch(editor, "/account/login")
fetch(editor, "/account/login", {"__RequestVerificationToken": field(login, "__RequestVerificationToken"), "Email": email, "Password": password})
posted = approved = 0
while True:
    status, _ = fetch(reader, f"/articles/{slug}/comments", {"__RequestVerificationToken": token, "Started": started,
        "Name": "Bench reader", "Email": "bench@example.invalid", "Body": f"Bench comment {posted}"}, kind="post")
    posted += status == 302
    if posted % 5 == 0:
        _, queue = fetch(editor, "/admin/comments?status=pending", kind="queue")
        ids = re.findall(r'name="ids" value="(\d+)"', queue)
        if ids:
            status, _ = fetch(editor, "/admin/comments/bulk", {"__RequestVerificationToken": field(queue, "__RequestVerificationToken"),
                "ids": ids, "operation": "approve", "returnUrl": "/admin/comments"}, kind="approve")
            approved += len(ids) if status == 302 else 0
        print(f"posted {posted}, approved {approved}" + (f"; medians: {medians()}" if posted % 50 == 0 else ""), flush=True)
    time.sleep(0.2)  # about 5 posts and one approval batch (one eviction) a second: far busier than any real article
