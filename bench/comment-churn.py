#!/usr/bin/env python3
"""Posts reader comments on one article and approves them as an editor, until killed.

The load beside the bench's "article, while comments are posted and approved" row:
  comment-churn.py BASE SLUG ADMIN_EMAIL ADMIN_PASSWORD
Needs the portal started with Comments__PermitLimit raised and Comments__MinFillSeconds=0.
"""
import http.cookiejar, re, sys, time, urllib.parse, urllib.request

base, slug, email, password = sys.argv[1:5]

def session():
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), NoRedirect())

class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None

def fetch(opener, path, fields=None):
    data = urllib.parse.urlencode(fields, doseq=True).encode() if fields is not None else None
    try:
        with opener.open(base + path, data=data, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace")

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
        "Name": "Bench reader", "Email": "bench@example.invalid", "Body": f"Bench comment {posted}"})
    posted += status == 302
    if posted % 5 == 0:
        _, queue = fetch(editor, "/admin/comments?status=pending")
        ids = re.findall(r'name="ids" value="(\d+)"', queue)
        if ids:
            status, _ = fetch(editor, "/admin/comments/bulk", {"__RequestVerificationToken": field(queue, "__RequestVerificationToken"),
                "ids": ids, "operation": "approve", "returnUrl": "/admin/comments"})
            approved += len(ids) if status == 302 else 0
        print(f"posted {posted}, approved {approved}", flush=True)
    time.sleep(0.2)  # about 5 posts and one approval batch (one eviction) a second: far busier than any real article
