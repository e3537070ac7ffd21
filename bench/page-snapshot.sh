#!/usr/bin/env bash
# Saves every reader page of the demo content (crawled from the home page, plus feeds and sitemaps)
# into a folder, with the times that depend on the moment of seeding masked, so two builds can be
# compared: run it before and after a refactoring and `diff -r` the two folders.
#
#   bench/page-snapshot.sh OUT_DIR        (PORT defaults to 5189)
set -euo pipefail
OUT=${1:?usage: bench/page-snapshot.sh OUT_DIR}
PORT=${PORT:-5189}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d)
BASE="http://127.0.0.1:$PORT"
trap 'kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; rm -rf "$WORK"' EXIT

dotnet publish "$ROOT/src/NewsPortal.Web" -c Release -o "$WORK/app" --nologo -v quiet >/dev/null
(cd "$WORK/app" && exec env ASPNETCORE_ENVIRONMENT=Production ConnectionStrings__Default="Data Source=$WORK/demo.db" \
    Site__BaseUrl=https://news.example OutputCache__Enabled=false Logging__Json=false \
    dotnet NewsPortal.Web.dll --urls "$BASE" >"$WORK/portal.log" 2>&1) &
PID=$!
until curl -fs -o /dev/null "$BASE/healthz/ready"; do
    kill -0 "$PID" 2>/dev/null || { cat "$WORK/portal.log" >&2; exit 1; }
    sleep 0.2
done
rm -rf "$OUT"; mkdir -p "$OUT"
python3 - "$BASE" "$OUT" <<'PY'
import re, sys, urllib.request, urllib.parse, os
base, out = sys.argv[1], sys.argv[2]
seen, queue = set(), ["/", "/rss.xml", "/atom.xml", "/sitemap.xml", "/sitemap-news.xml", "/robots.txt",
    "/search?q=korea", "/search?q=%EB%B6%81%ED%95%9C", "/columns", "/page-that-does-not-exist", "/?page=2", "/?page=-1"]
iso = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)?")
def normal(text):
    text = iso.sub("<ISO>", text)
    text = re.sub(r"\b(\d+|an?|one) (second|minute|hour|day|week|month|year)s? ago", "<AGO>", text)
    text = re.sub(r"\b(just now|yesterday|tomorrow)\b", "<AGO>", text)
    text = re.sub(r"\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} [\d:]+ [+-]?\w+", "<RFC>", text)
    months = "(January|February|March|April|May|June|July|August|September|October|November|December)"
    text = re.sub(months + r" \d{1,2}, \d{4}( \d{1,2}:\d\d( [AP]M)?)?", "<DATE>", text)
    text = re.sub(r"\b\d{1,2} " + months + r" \d{4}(, \d\d:\d\d UTC)?", "<DATE>", text)
    return text
while queue and len(seen) < 400:
    path = queue.pop(0)
    if path in seen: continue
    seen.add(path)
    try:
        response = urllib.request.urlopen(base + path)
        status, body, kind = response.status, response.read().decode("utf-8", "replace"), response.headers.get("Content-Type", "")
    except urllib.error.HTTPError as error:
        status, body, kind = error.code, error.read().decode("utf-8", "replace"), error.headers.get("Content-Type", "")
    name = urllib.parse.quote(path, safe="") or "root"
    with open(os.path.join(out, name), "w") as f:
        f.write(f"{status} {kind}\n{normal(body)}")
    for link in re.findall(r'(?:href|src|<loc>)="?([^"<\s]+)', body):
        link = link.replace("&amp;", "&").replace("https://news.example", "")
        if link.startswith("/") and not link.startswith("//") and not re.match(r"/(admin|account|css|js|demo|media|favicon|_)", link):
            queue.append(link)
print(f"{len(seen)} pages saved in {out}")
PY
