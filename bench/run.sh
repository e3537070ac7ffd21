#!/usr/bin/env bash
# NewsPortal benchmark: builds Release, generates (or reuses) a 100,000-article SQLite database with
# its search index and the automatic related picks of the newest articles, starts the portal twice
# (output cache on, then off) on 127.0.0.1 and measures each page, search and feed with wrk.
#
#   bench/run.sh                 run, print the results table, keep it in $BENCH_DIR/results.md
#   bench/run.sh --update-docs   also write the table into docs/performance.md (between the markers)
#   bench/run.sh --only REGEX    only the rows whose "name (mode)" matches REGEX (bash =~, extended), e.g.
#                                --only 'article|static', --only '^article.*\(cached\)'; a portal (cache on, cache off)
#                                is started only when one of its rows is wanted; results go to $BENCH_DIR/results-only.md
#                                and never into docs/performance.md (the table there is one whole run)
#
# Environment: ARTICLES (100000), RELATED_NEWEST (500: articles that get automatic related picks),
#              DURATION (10s per page), WARMUP (3s), CONNECTIONS (32), THREADS (2),
#              BENCH_DIR (/var/tmp/newsportal-bench), PORT (5187).
# The per-request log line is lowered to Warning for the run (the reverse proxy logs access in production);
# everything else runs as deployed: Production environment, JSON logs, WAL, pooled connections.
#   bench/run.sh --cluster       the cluster rows instead (nginx, replicas, PostgreSQL/SQLite): bench/cluster.sh
set -euo pipefail
[[ "${1:-}" == "--cluster" ]] && { shift; exec "$(dirname "$0")/cluster.sh" "$@"; }

ARTICLES=${ARTICLES:-100000}
RELATED_NEWEST=${RELATED_NEWEST:-500}
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-3s}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
BENCH_DIR=${BENCH_DIR:-/var/tmp/newsportal-bench}
PORT=${PORT:-5187}
UPDATE_DOCS=false
ONLY=""
while (( $# > 0 )); do
    case "$1" in
        --update-docs) UPDATE_DOCS=true ;;
        --only) ONLY=${2:?"--only needs a regular expression"}; shift ;;
        --only=*) ONLY=${1#--only=} ;;
        *) echo "unknown option: $1 (see the head of $0)" >&2; exit 2 ;;
    esac
    shift
done
if [[ -n "$ONLY" ]] && $UPDATE_DOCS; then
    echo "--only measures some rows; docs/performance.md keeps the table of a whole run, so --update-docs is refused" >&2
    exit 2
fi

ROOT=$(cd "$(dirname "$0")/.." && pwd)
APP_DIR="$BENCH_DIR/app"
STATIC_DIR="$BENCH_DIR/static"
RESULTS="$BENCH_DIR/results.md"
[[ -n "$ONLY" ]] && RESULTS="$BENCH_DIR/results-only.md"
BASE="http://127.0.0.1:$PORT"
STARTED=$(date +%s)
SERVER_PID=""

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

cleanup() {
    if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
}
trap cleanup EXIT

# --only: is the row "$1 ($2)" wanted? While PLANNING (a dry pass over a portal's rows), a wanted row only marks
# the portal as needed (PHASE_WANTED) and measures nothing.
PLANNING=false
PHASE_WANTED=false
wanted() {
    [[ -z "$ONLY" || "$1 ($2)" =~ $ONLY ]]
}
skip_row() { # name mode: 0 (skip) when the row is not wanted, or when planning (after noting the portal is needed)
    wanted "$1" "$2" || return 0
    if $PLANNING; then
        PHASE_WANTED=true
        return 0
    fi
    return 1
}

if ! command -v wrk >/dev/null; then
    log "installing wrk"
    apt-get -o DPkg::Lock::Timeout=600 install -y -qq wrk >/dev/null || { apt-get -o DPkg::Lock::Timeout=600 update -qq && apt-get -o DPkg::Lock::Timeout=600 install -y -qq wrk >/dev/null; }
fi
command -v python3 >/dev/null || { echo "python3 is needed to read the database and parse results" >&2; exit 1; }
mkdir -p "$BENCH_DIR" "$STATIC_DIR"

log "publishing Release build"
rm -rf "$APP_DIR"
dotnet publish "$ROOT/src/NewsPortal.Web" -c Release -o "$APP_DIR" --nologo -v quiet >/dev/null

# The database depends on the schema, the generator, the search index and the related picks:
# reuse it while all of them are unchanged.
KEY=$( (find "$ROOT"/src/NewsPortal.Web/Data/Migrations "$ROOT"/src/NewsPortal.Web/Operations/Generator \
      "$ROOT"/src/NewsPortal.Web/Features/Search "$ROOT"/src/NewsPortal.Web/Features/Related \
      "$ROOT"/src/NewsPortal.Web/Features/DemoContent -type f | sort | xargs cat; echo "$RELATED_NEWEST") | sha1sum | cut -c1-10)
DB="$BENCH_DIR/newsportal-$ARTICLES-$KEY.db"
GENERATE_SECONDS="reused"
if [[ ! -f "$DB" ]]; then
    log "generating $ARTICLES articles into $DB"
    rm -f "$DB.tmp" "$DB.tmp-wal" "$DB.tmp-shm"
    begin=$(date +%s.%N)
    (cd "$APP_DIR" && ConnectionStrings__Default="Data Source=$DB.tmp" Logging__Json=false \
        dotnet NewsPortal.Web.dll generate --articles "$ARTICLES") >&2
    indexed=$(date +%s.%N)
    log "computing automatic related picks for the newest $RELATED_NEWEST articles"
    (cd "$APP_DIR" && ConnectionStrings__Default="Data Source=$DB.tmp" Logging__Json=false \
        dotnet NewsPortal.Web.dll reindex --only related --newest "$RELATED_NEWEST" | tail -1) >&2
    GENERATE_SECONDS=$(python3 -c "print(f'{$indexed - $begin:.0f} s with the search index, then {$(date +%s.%N) - $indexed:.0f} s for the related picks of the newest $RELATED_NEWEST')")
    python3 - "$DB.tmp" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1]); c.execute("PRAGMA wal_checkpoint(TRUNCATE)"); c.close()
PY
    mv "$DB.tmp" "$DB"
    rm -f "$DB.tmp-wal" "$DB.tmp-shm"
fi

# Pages to measure: a typical article (curated and automatic related links, comments), the busiest tag and author.
read -r ARTICLE TAG AUTHOR SECTION < <(python3 - "$DB" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
article = c.execute("""SELECT Slug FROM Articles a WHERE Status='Published' AND Language='en'
    AND EXISTS (SELECT 1 FROM RelatedLinks r WHERE r.ArticleId=a.Id)
    AND EXISTS (SELECT 1 FROM AutomaticRelatedLinks r WHERE r.ArticleId=a.Id)
    AND EXISTS (SELECT 1 FROM Comments m WHERE m.ArticleId=a.Id AND m.Status='Approved')
    ORDER BY Id DESC LIMIT 1""").fetchone()[0]
tag = c.execute("""SELECT t.Slug FROM Tags t JOIN ArticleTags x ON x.TagId=t.Id GROUP BY t.Id ORDER BY COUNT(*) DESC LIMIT 1""").fetchone()[0]
author = c.execute("""SELECT au.Slug FROM Authors au JOIN Articles a ON a.AuthorId=au.Id GROUP BY au.Id ORDER BY COUNT(*) DESC LIMIT 1""").fetchone()[0]
section = c.execute("""SELECT s.Slug FROM Sections s JOIN Articles a ON a.SectionId=s.Id GROUP BY s.Id ORDER BY COUNT(*) DESC LIMIT 1""").fetchone()[0]
print(article, tag, author, section)
PY
)
COUNTS=$(python3 - "$DB" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
print("%d articles (%d published, %d in the search index), %d article tags, %d curated related links, %d automatic related links, %d comments" % tuple(
    c.execute(q).fetchone()[0] for q in ["SELECT COUNT(*) FROM Articles", "SELECT COUNT(*) FROM Articles WHERE Status='Published'",
    "SELECT COUNT(*) FROM ArticleSearch_docsize", "SELECT COUNT(*) FROM ArticleTags", "SELECT COUNT(*) FROM RelatedLinks",
    "SELECT COUNT(*) FROM AutomaticRelatedLinks", "SELECT COUNT(*) FROM Comments"]))
PY
)

start_portal() { # $1 = output cache on/off; sets SERVER_PID and STARTUP (seconds to ready)
    local begin now
    if curl -s -o /dev/null "$BASE/"; then
        echo "something already listens on $BASE; set PORT to a free port" >&2
        exit 1
    fi
    begin=$(date +%s.%N)
    (cd "$APP_DIR" && exec env ASPNETCORE_ENVIRONMENT=Production ConnectionStrings__Default="Data Source=$DB" \
        Seed__DemoContent=false OutputCache__Enabled="$1" Benchmark__StaticFilesPath="$STATIC_DIR" Site__BaseUrl="$BASE" \
        Media__Root="$MEDIA_DIR" \
        Serilog__MinimumLevel__Override__Serilog.AspNetCore.RequestLoggingMiddleware=Warning \
        Admin__Email=bench@newsportal.test Admin__Password=Bench-password-42 Comments__PermitLimit=1000000 Comments__MinFillSeconds=0 \
        dotnet NewsPortal.Web.dll --urls "$BASE" >"$BENCH_DIR/portal-cache-$1.log" 2>&1) &
    SERVER_PID=$!
    until curl -fs -o /dev/null "$BASE/healthz/ready"; do
        kill -0 "$SERVER_PID" 2>/dev/null || { echo "portal failed to start; see $BENCH_DIR/portal-cache-$1.log" >&2; exit 1; }
        sleep 0.05
    done
    now=$(date +%s.%N)
    STARTUP=$(python3 -c "print(f'{$now - $begin:.2f}')")
}

stop_portal() {
    kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""
}

peak_rss_mb() { # the dotnet process itself (the subshell execs into it)
    awk '/VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$SERVER_PID/status"
}

# wrk → "rps p50_ms p99_ms errors"; $2 = connections (default CONNECTIONS; 1 = one reader at a time)
measure() {
    local url=$1 connections=${2:-$CONNECTIONS} threads=$THREADS out
    (( connections < threads )) && threads=$connections
    wrk -t"$threads" -c"$connections" -d"$WARMUP" "$url" >/dev/null 2>&1 || true
    out=$(wrk -t"$threads" -c"$connections" -d"$DURATION" --latency "$url" 2>&1)
    python3 - "$out" <<'PY'
import re, sys
out = sys.argv[1]
def ms(value):
    number, unit = re.match(r"([\d.]+)(us|ms|s)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000}[unit]
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
p50 = ms(re.search(r"\s50%\s+(\S+)", out).group(1))
p99 = ms(re.search(r"\s99%\s+(\S+)", out).group(1))
errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
errors += int(non2xx.group(1)) if non2xx else 0
print(f"{rps:.0f} {p50:.2f} {p99:.2f} {errors}")
PY
}

# Every page once at low concurrency before any measurement, so tiered JIT has compiled the hot
# paths of all of them (a fresh process otherwise pays that inside the first page's numbers).
warm_all() {
    local path
    for path in "/articles/$ARTICLE" "/" "/sections/$SECTION?page=200" "/tags/$TAG" "/authors/$AUTHOR" "/rss.xml" \
        "/atom.xml" "/sitemaps/articles-1.xml" "/sitemap-news.xml" "/search?q=unification" "/search?q=$KO_SHORT"; do
        wrk -t1 -c4 -d3s "$BASE$path" >/dev/null 2>&1 || true
    done
}

# One library image for the media rows: a demo JPEG as its original, its row written straight into the database.
MEDIA_DIR="$BENCH_DIR/media"
seed_media() {
    rm -rf "$MEDIA_DIR"; mkdir -p "$MEDIA_DIR/originals"
    cp "$ROOT/src/NewsPortal.Web/Features/DemoContent/images/politics.jpg" "$MEDIA_DIR/originals/bench.jpg"
    MEDIA_ID=$(python3 - "$DB" "$(stat -c %s "$MEDIA_DIR/originals/bench.jpg")" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("DELETE FROM Media WHERE StoragePath = 'originals/bench.jpg'")
cur = c.execute("INSERT INTO Media (FileName, OriginalName, ContentType, SizeBytes, Width, Height, AltText, FocalX, FocalY, Version, "
    "StoragePath, UploadedAt) VALUES ('bench', 'bench.jpg', 'image/jpeg', ?, 1600, 900, 'Benchmark image', 0.5, 0.5, 1, 'originals/bench.jpg', '2026-01-01 00:00:00')", (int(sys.argv[2]),))
c.commit(); print(cur.lastrowid)
PY
)
}

# Resizes: each request asks for a rendition not made yet (a new quality each time), one at a time.
first_resize_row() { # name
    local times q
    skip_row "$1" "uncached, 1 reader" && return 0
    times=$(for q in $(seq 1 40); do curl -s -o /dev/null -w '%{time_total}\n' "$BASE/media/$MEDIA_ID/bench-v1?w=1280&ar=16x9&q=$q"; done)
    ROWS+=("$(python3 - "$1" "$MEDIA_ID" "$times" <<'PY'
import sys
name, media, times = sys.argv[1], sys.argv[2], sorted(float(t) * 1000 for t in sys.argv[3].split())
p = lambda f: times[min(len(times) - 1, int(f * len(times)))]
print(f"| {name} | `/media/{media}/bench-v1?w=1280&ar=16x9&q=1…40` | uncached, 1 reader | {1000 * len(times) / sum(times):.0f} | {p(0.5):.2f} | {p(0.99):.2f} | 0 |")
PY
)")
    log "$1: done"
}

declare -a ROWS
row() { # name url mode [connections]
    local status result
    skip_row "$1" "$3" && return 0
    status=$(curl -s -o /dev/null -w '%{http_code}' "$BASE$2")
    if [[ "$status" != "200" ]]; then
        ROWS+=("| $1 | \`$2\` | $3 | pending (HTTP $status) | | | |")
        log "$1: HTTP $status, skipped"
        return
    fi
    result=$(measure "$BASE$2" "${4:-}")
    read -r rps p50 p99 errors <<<"$result"
    ROWS+=("| $1 | \`$(python3 -c 'import sys, urllib.parse; print(urllib.parse.unquote(sys.argv[1]))' "$2")\` | $3 | $rps | $p50 | $p99 | $errors |")
    log "$1 ($3): $rps req/s, p50 $p50 ms, p99 $p99 ms, $errors errors"
}

# A row measured while another client loads the portal beside wrk: name url mode log command...
row_beside() {
    local name=$1 url=$2 mode=$3 helper_log=$4 helper
    shift 4
    skip_row "$name" "$mode" && return 0
    "$@" >"$helper_log" 2>&1 &
    helper=$!
    # The helper's first progress line: its sign-in and the first requests of its kind are done (and their code
    # JIT-compiled, which cost the portal ~0.7 s of CPU a second while it lasted), so the row measures the steady load.
    for _ in $(seq 150); do
        [[ -s "$helper_log" ]] && break
        sleep 0.1
    done
    row "$name" "$url" "$mode"
    kill "$helper"; wait "$helper" 2>/dev/null || true
    log "$name: beside it, $(tail -1 "$helper_log" 2>/dev/null || true)"
}

quote() { python3 -c "import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))" "$1"; }
KO_QUERY=$(quote '반도체')
KO_SHORT=$(quote '규제')

cached_rows() {
    row "static file, same size (ceiling)" "/_bench/article.html" "static"
    row "article" "/articles/$ARTICLE" "cached"
    # The same cached article while a reader posts comments on it and an editor approves them (each approval evicts it).
    row_beside "article, while comments are posted and approved" "/articles/$ARTICLE" "cached" "$BENCH_DIR/comment-churn.log" \
        python3 "$ROOT/bench/comment-churn.py" "$BASE" "$ARTICLE" bench@newsportal.test Bench-password-42
    # The same cached article evicted once a second (POST /_bench/evict: the eviction an edit makes, without the save):
    # every second 32 readers find it gone at once; the output cache renders it once for all of them.
    row_beside "article, evicted every second" "/articles/$ARTICLE" "cached" "$BENCH_DIR/evict-every-second.log" \
        python3 "$ROOT/bench/evict-every-second.py" "$BASE" "$ARTICLE"
    row "home" "/" "cached"
    row "section, page 200" "/sections/$SECTION?page=200" "cached"
    row "tag (busiest)" "/tags/$TAG" "cached"
    row "author (busiest)" "/authors/$AUTHOR" "cached"
    row "RSS feed" "/rss.xml" "cached"
    row "Atom feed" "/atom.xml" "cached"
    row "sitemap, 10,000 URLs" "/sitemaps/articles-1.xml" "cached"
    row "news sitemap" "/sitemap-news.xml" "cached"
    row "search, a popular query" "/search?q=unification" "cached"
    first_resize_row "media rendition, first resize (1280w 16:9 JPEG)"
    row "media rendition, cached on disk (640w 16:9 JPEG)" "/media/$MEDIA_ID/bench-v1?w=640&ar=16x9" "cached"
}

uncached_rows() {
    row "article" "/articles/$ARTICLE" "uncached"
    row "home" "/" "uncached"
    row "section, page 200" "/sections/$SECTION?page=200" "uncached"
    row "tag (busiest)" "/tags/$TAG" "uncached"
    row "author (busiest)" "/authors/$AUTHOR" "uncached"
    row "RSS feed" "/rss.xml" "uncached"
    row "Atom feed" "/atom.xml" "uncached"
    row "section RSS feed" "/sections/$SECTION/rss.xml" "uncached"
    row "sitemap, 10,000 URLs" "/sitemaps/articles-1.xml" "uncached"
    row "news sitemap" "/sitemap-news.xml" "uncached"
    # Search: every query below reaches the index (the cache is off). "1 reader" rows send one request
    # at a time, so their p50 is the time one search takes; the others are 32 readers at once.
    for query in "unification" "north+korea" "$KO_QUERY" "$KO_SHORT" "zeppelin"; do
        row "search" "/search?q=$query" "uncached, 1 reader" 1
    done
    row "search, English word" "/search?q=unification" "uncached"
    row "search, Korean word" "/search?q=$KO_QUERY" "uncached"
    row "search, short Korean word" "/search?q=$KO_SHORT" "uncached"
}

phase_wanted() { # rows-function: does any of its rows match --only?
    PLANNING=true; PHASE_WANTED=false
    "$1"
    PLANNING=false
    $PHASE_WANTED
}

seed_media
STARTUP_CACHED="not run"; RSS_CACHED="not run"; STARTUP_UNCACHED="not run"; RSS_UNCACHED="not run"
ARTICLE_BYTES="not run"; ASSET_BYTES="not run"; ASSET_CACHE="not run"
if phase_wanted cached_rows; then
    log "start-up with the output cache on"
    start_portal true
    STARTUP_CACHED=$STARTUP
    warm_all
    curl -fs "$BASE/articles/$ARTICLE" -o "$STATIC_DIR/article.html"
    ARTICLE_BYTES=$(stat -c %s "$STATIC_DIR/article.html")
    ASSET_BYTES=0
    for asset in $(grep -oE '(href|src)="/(css|js)/[^"]+"' "$STATIC_DIR/article.html" | cut -d'"' -f2); do
        bytes=$(curl -fs -H 'Accept-Encoding: br, gzip' "$BASE$asset" | wc -c)
        ASSET_BYTES=$((ASSET_BYTES + bytes))
    done
    ASSET_CACHE=$(curl -fsI "$BASE$(grep -oE 'href="/css/[^"]+"' "$STATIC_DIR/article.html" | head -1 | cut -d'"' -f2)" | tr -d '\r' | awk -F': ' 'tolower($1)=="cache-control" {print $2}')
    cached_rows
    RSS_CACHED=$(peak_rss_mb)
    stop_portal
fi

if phase_wanted uncached_rows; then
    log "start-up with the output cache off"
    start_portal false
    STARTUP_UNCACHED=$STARTUP
    warm_all
    uncached_rows
    RSS_UNCACHED=$(peak_rss_mb)
    stop_portal
fi

CPU=$(lscpu | awk -F': +' '/Model name/ {print $2; exit}')
MEM=$(free -g | awk '/Mem:/ {print $2 " GB"}')
{
    echo "Run $(date -u '+%Y-%m-%d %H:%M UTC'), load average at the end $(cut -d' ' -f1-3 /proc/loadavg), on $(nproc) cores ($CPU), $MEM RAM, $(uname -sr), .NET $(dotnet --version), wrk $(wrk -v 2>&1 | head -1 | awk '{print $2}')."
    echo "Command: \`bench/run.sh${ONLY:+ --only '$ONLY'}\` (wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency after a $WARMUP warm-up, on 127.0.0.1; wrk shares the 2 cores with the portal)."
    echo "Database: $COUNTS; $(du -m "$DB" | cut -f1) MB; generated in $GENERATE_SECONDS."
    echo
    echo "| page | address | mode | requests/s | p50 ms | p99 ms | errors |"
    echo "| --- | --- | --- | ---: | ---: | ---: | ---: |"
    printf '%s\n' "${ROWS[@]}"
    echo
    echo "| measure | value |"
    echo "| --- | --- |"
    echo "| start-up to ready (\`/healthz/ready\`), cache on / off | $STARTUP_CACHED s / $STARTUP_UNCACHED s |"
    echo "| peak RSS (VmHWM), cache on / off | $RSS_CACHED MB / $RSS_UNCACHED MB |"
    echo "| article HTML | $ARTICLE_BYTES bytes |"
    echo "| CSS + JS, Brotli | $ASSET_BYTES bytes; fingerprinted, \`Cache-Control: $ASSET_CACHE\` |"
    echo "| benchmark wall time | $(( $(date +%s) - STARTED )) s |"
} >"$RESULTS"

cat "$RESULTS"
if $UPDATE_DOCS; then
    python3 - "$ROOT/docs/performance.md" "$RESULTS" <<'PY'
import sys, re
doc, results = sys.argv[1], open(sys.argv[2]).read()
text = open(doc).read()
text = re.sub(r"(<!-- bench:start -->\n).*?(<!-- bench:end -->)", lambda m: m.group(1) + results + m.group(2), text, flags=re.S)
open(doc, "w").write(text)
PY
    log "docs/performance.md updated"
fi
