#!/usr/bin/env python3
"""Read an HTML page, pick one <form>, fill it in and print it for curl.

    htmlform.py PAGE.html ACTION_SUBSTRING [NAME=VALUE ...] [--fill-text MARKER]

Prints two lines: the form's action (as written in the page) and its body, URL-encoded.
Hidden inputs keep their values (the antiforgery token among them). NAME=VALUE pairs set fields
by name (case-insensitive). With --fill-text, every other empty text-like field is filled in:
e-mail fields with an address, textareas and body/text/comment fields with MARKER, others with
a short name. Exit 3 when no form's action contains ACTION_SUBSTRING.
"""
import html.parser
import sys
import urllib.parse


class Forms(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms = []
        self.cur = None
        self.textarea = None

    def handle_starttag(self, tag, attrs):
        a = {k.lower(): (v if v is not None else "") for k, v in attrs}
        if tag == "form":
            self.cur = {"action": a.get("action", ""), "method": a.get("method", "get").lower(), "fields": []}
            self.forms.append(self.cur)
        elif self.cur is not None and tag == "input" and a.get("name"):
            t = a.get("type", "text").lower()
            if t in ("submit", "button", "image", "reset", "file"):
                return
            if t in ("checkbox", "radio") and "checked" not in a:
                return
            self.cur["fields"].append([a["name"], a.get("value", ""), t])
        elif self.cur is not None and tag == "textarea" and a.get("name"):
            self.textarea = [a["name"], "", "textarea"]
            self.cur["fields"].append(self.textarea)
        elif self.cur is not None and tag == "select" and a.get("name"):
            self.cur["fields"].append([a["name"], "", "select"])

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            self.textarea = None
        elif tag == "form":
            self.cur = None


def main(argv):
    page, want = argv[1], argv[2].lower()
    sets, marker, rest = {}, None, argv[3:]
    i = 0
    while i < len(rest):
        if rest[i] == "--fill-text":
            marker = rest[i + 1]
            i += 2
            continue
        k, _, v = rest[i].partition("=")
        sets[k.lower()] = v
        i += 1
    p = Forms()
    with open(page, encoding="utf-8", errors="replace") as f:
        p.feed(f.read())
    form = next((f for f in p.forms if want in f["action"].lower() and f["method"] == "post"), None)
    if form is None:
        return 3
    seen, pairs = set(), []
    for name, value, kind in form["fields"]:
        key = name.lower()
        if key in sets:
            value = sets[key]
        elif marker is not None and kind in ("text", "email", "textarea", "search", "") and not value:
            n = key
            if kind == "email" or "mail" in n:
                value = "docker-test@example.com"
            elif kind == "textarea" or any(w in n for w in ("body", "text", "comment", "message", "content")):
                value = marker
            else:
                value = "Docker Test"
        seen.add(key)
        pairs.append((name, value))
    for k, v in sets.items():
        if k not in seen:
            pairs.append((k, v))
    print(form["action"])
    print(urllib.parse.urlencode(pairs))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
