#!/usr/bin/env bash
# The Docker stage of ./test.sh: build docker/Dockerfile for real and run the image on 127.0.0.1.
#
#   RESULTS_DIR=/tmp/results bash tests/docker/docker-test.sh
#
# Starts a private Docker engine (tests/docker/engine.sh), uses Microsoft's .NET 10 base images
# when they can be had and local stand-ins otherwise (tests/docker/standin-images.sh), checks
# docker/compose.yml with docker-compose, builds the image, runs it with a named volume on
# --network host and checks: /healthz, readiness, the demo column page, a non-root process, the
# image's own HEALTHCHECK, structured Serilog request logs, and that a sign-in and the data made
# before `docker restart` are still valid after it.
#
# Writes "PASSED FAILED" to $RESULTS_DIR/docker.counts, logs and timings beside it, and exits
# non-zero when a check failed. With CI=true an engine or build that cannot start is a failure;
# without it the stage is skipped (counts "0 0") when no engine can be started.
#
# Environment: RESULTS_DIR, CI, NP_IMAGE (tag to build, default newsportal:test),
# SDK_IMAGE / RUNTIME_IMAGE (force base images), NP_DOCKER_DATA_ROOT (engine data-root, default
# /var/lib/newsportal-docker), NP_KEEP=1 (keep the container and volume for inspection).
set -u -o pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
RESULTS_DIR="${RESULTS_DIR:-$(mktemp -d /tmp/np-docker-results.XXXXXX)}"
mkdir -p "$RESULTS_DIR"
RESULTS_DIR="$(cd "$RESULTS_DIR" && pwd)"
WORK="$(mktemp -d /tmp/np-docker-test.XXXXXX)"
IMAGE="${NP_IMAGE:-newsportal:test}"
CONTAINER="np-test-$$"
VOLUME="np-test-data-$$"
OFFICIAL_SDK=mcr.microsoft.com/dotnet/sdk:10.0
OFFICIAL_RUNTIME=mcr.microsoft.com/dotnet/aspnet:10.0
DEMO_PATH=/articles/pressure-mounts-for-inter-korean-detente
DEMO_TEXT='[Lee Kyong-hee]'
T0=$SECONDS
PASSED=0
FAILED=0
CONTAINER_STARTED=0
FINISHED=0

# shellcheck source=engine.sh
source "$HERE/engine.sh"
# shellcheck source=standin-images.sh
source "$HERE/standin-images.sh"

progress() { printf '[docker %4ss] %s\n' "$((SECONDS - T0))" "$*"; }
pass() { PASSED=$((PASSED + 1)); echo "PASS: $*"; }
fail() { FAILED=$((FAILED + 1)); echo "FAIL: $*"; }
metric() { echo "$1=$2" >> "$RESULTS_DIR/docker-metrics.txt"; }
is_ci() { [ "${CI:-}" = true ] || [ "${CI:-}" = 1 ]; }

cleanup() {
  if [ "$CONTAINER_STARTED" = 1 ] && [ -n "${DOCKER:-}" ]; then
    "$DOCKER" logs "$CONTAINER" > "$RESULTS_DIR/docker-container.log" 2>&1 || true
    if [ "${NP_KEEP:-0}" = 1 ]; then
      echo "NP_KEEP=1: container $CONTAINER and volume $VOLUME kept (DOCKER_HOST=$DOCKER_HOST)"
    else
      "$DOCKER" rm -f "$CONTAINER" >/dev/null 2>&1 || true
      "$DOCKER" volume rm "$VOLUME" >/dev/null 2>&1 || true
    fi
  fi
  if [ -n "${DOCKER:-}" ] && np_engine_up 2>/dev/null; then
    # Keep the tagged image (it holds the layer cache for the next run); drop older untagged ones.
    "$DOCKER" image prune -f >/dev/null 2>&1 || true
  fi
  if [ "${NP_KEEP:-0}" != 1 ]; then np_stop_engine; fi
  rm -rf "$WORK"
}

finish() {
  [ "$FINISHED" = 1 ] && return
  FINISHED=1
  progress "cleaning up"
  cleanup
  echo "$PASSED $FAILED" > "$RESULTS_DIR/docker.counts"
  metric stage_seconds "$((SECONDS - T0))"
  progress "Docker stage done in $((SECONDS - T0)) s"
  echo "docker: $PASSED passed, $FAILED failed"
  if [ "$FAILED" -gt 0 ]; then exit 1; fi
  exit 0
}
trap finish EXIT
trap 'exit 130' INT TERM

: > "$RESULTS_DIR/docker-metrics.txt"

# One Docker stage at a time on a machine: they share the engine and its data-root.
mkdir -p "$NP_DOCKER_RUN_DIR"
exec 9> "$NP_DOCKER_RUN_DIR/stage.lock"
if ! flock -n 9; then
  progress "another Docker stage is running here; waiting for it (at most 15 minutes)"
  flock -w 900 9 || { fail "another Docker stage held $NP_DOCKER_RUN_DIR/stage.lock for 15 minutes"; exit; }
fi

# --- engine -----------------------------------------------------------------------------------
progress "starting the Docker engine"
if ! np_start_engine; then
  if is_ci; then
    fail "Docker engine could not be started (see $NP_DOCKER_LOG)"
  else
    echo "SKIP: no Docker engine could be started here (CI is not true, so the Docker stage is skipped)"
  fi
  exit
fi
export DOCKER_HOST
# The classic builder: no buildx plugin needed, and RUN steps get --network host.
export DOCKER_BUILDKIT=0
np_apt_install curl python3 docker-compose >/dev/null || true
# Debian's python3 (sqlite3 and html.parser are in its standard library).
PY=python3; [ -x /usr/bin/python3 ] && PY=/usr/bin/python3

# --- compose file -----------------------------------------------------------------------------
progress "checking docker/compose.yml with docker-compose config"
if ! command -v docker-compose >/dev/null; then
  fail "compose: docker-compose is not installed"
elif ! (cd "$ROOT" && ADMIN_EMAIL=admin@example.com ADMIN_PASSWORD='Example-Passw0rd!' SITE_BASE_URL=https://news.example.org \
        docker-compose -f docker/compose.yml config > "$RESULTS_DIR/docker-compose-config.yml" 2> "$WORK/compose.err"); then
  fail "compose: docker-compose config rejected docker/compose.yml: $(tr '\n' ' ' < "$WORK/compose.err")"
elif (cd "$ROOT" && env -u ADMIN_PASSWORD ADMIN_EMAIL=admin@example.com SITE_BASE_URL=https://news.example.org \
        docker-compose -f docker/compose.yml config >/dev/null 2>&1); then
  fail "compose: config passes without ADMIN_PASSWORD (the admin password must come from the environment)"
elif ! grep -q '/data' "$RESULTS_DIR/docker-compose-config.yml" || ! grep -q 'restart: unless-stopped' "$RESULTS_DIR/docker-compose-config.yml"; then
  fail "compose: expected a volume at /data and restart: unless-stopped"
else
  pass "compose: docker-compose config accepts docker/compose.yml and requires ADMIN_EMAIL/ADMIN_PASSWORD"
fi

# --- base images ------------------------------------------------------------------------------
progress "choosing base images"
t=$SECONDS
if [ -n "${SDK_IMAGE:-}" ] && [ -n "${RUNTIME_IMAGE:-}" ]; then
  echo "base images given: $SDK_IMAGE, $RUNTIME_IMAGE"
elif "$DOCKER" image inspect "$OFFICIAL_SDK" "$OFFICIAL_RUNTIME" >/dev/null 2>&1 \
  || { timeout 60 "$DOCKER" pull -q "$OFFICIAL_SDK" >/dev/null 2>&1 && timeout 60 "$DOCKER" pull -q "$OFFICIAL_RUNTIME" >/dev/null 2>&1; }; then
  SDK_IMAGE=$OFFICIAL_SDK RUNTIME_IMAGE=$OFFICIAL_RUNTIME
  echo "using Microsoft's images $SDK_IMAGE and $RUNTIME_IMAGE"
else
  echo "Microsoft's images cannot be pulled here; using local stand-ins"
  if np_standin_images; then
    SDK_IMAGE=$NP_STANDIN_SDK_TAG RUNTIME_IMAGE=$NP_STANDIN_RUNTIME_TAG
  else
    fail "base images: neither Microsoft's .NET images nor local stand-ins are available"
    exit
  fi
fi
metric base_images_seconds "$((SECONDS - t))"
progress "base images ready: $SDK_IMAGE, $RUNTIME_IMAGE"

# --- build ------------------------------------------------------------------------------------
if [ ! -f "$ROOT/src/NewsPortal.Web/NewsPortal.Web.csproj" ]; then
  fail "build: src/NewsPortal.Web/NewsPortal.Web.csproj is missing"
  exit
fi
progress "building $IMAGE (log: $RESULTS_DIR/docker-build.log)"
t=$SECONDS
# The build stage is built and tagged first: the classic builder keeps a stage's layers (the
# cache of the NuGet restore among them) only while an image refers to them, and the cleanup
# removes untagged images.
build_args=(--network host -f "$ROOT/docker/Dockerfile" --build-arg "SDK_IMAGE=$SDK_IMAGE" --build-arg "RUNTIME_IMAGE=$RUNTIME_IMAGE")
if ! { "$DOCKER" build "${build_args[@]}" --target build -t "$IMAGE-build" "$ROOT" \
       && "$DOCKER" build "${build_args[@]}" -t "$IMAGE" "$ROOT"; } > "$RESULTS_DIR/docker-build.log" 2>&1; then
  tail -40 "$RESULTS_DIR/docker-build.log"
  fail "build: docker build failed after $((SECONDS - t)) s (see $RESULTS_DIR/docker-build.log)"
  exit
fi
BUILD_SECONDS=$((SECONDS - t))
SIZE_BYTES="$("$DOCKER" image inspect --format '{{.Size}}' "$IMAGE")"
SIZE_MB=$((SIZE_BYTES / 1000000))
RESTORE_CACHED=no
grep -m1 -A1 'RUN .*dotnet restore' "$RESULTS_DIR/docker-build.log" | grep -q 'Using cache' && RESTORE_CACHED=yes
metric build_seconds "$BUILD_SECONDS"
metric image_size_mb "$SIZE_MB"
metric build_restore_cached "$RESTORE_CACHED"
pass "build: $IMAGE built in $BUILD_SECONDS s (restore layer cached: $RESTORE_CACHED), image size $SIZE_MB MB"

# --- image metadata ---------------------------------------------------------------------------
cfg_user="$("$DOCKER" image inspect --format '{{.Config.User}}' "$IMAGE")"
cfg_health="$("$DOCKER" image inspect --format '{{if .Config.Healthcheck}}{{join .Config.Healthcheck.Test " "}}{{end}}' "$IMAGE")"
cfg_volumes="$("$DOCKER" image inspect --format '{{range $k, $v := .Config.Volumes}}{{$k}} {{end}}' "$IMAGE")"
cfg_env="$("$DOCKER" image inspect --format '{{range .Config.Env}}{{println .}}{{end}}' "$IMAGE")"
problems=""
case "${cfg_user%%:*}" in ""|0|root) problems+=" USER is '${cfg_user}' (must be a non-root user);" ;; esac
case "$cfg_health" in *"/healthz"*) ;; *) problems+=" no HEALTHCHECK on /healthz;" ;; esac
case " $cfg_volumes" in *" /data "*) ;; *) problems+=" no VOLUME /data;" ;; esac
if grep -qiE '^[^=]*(password|secret|apikey|api_key|token)[^=]*=' <<<"$cfg_env" || grep -qi '^Admin__' <<<"$cfg_env"; then
  problems+=" secrets in the image's ENV;"
fi
if [ -z "$problems" ]; then
  pass "image: runs as user $cfg_user, HEALTHCHECK on /healthz, VOLUME /data, no secrets in ENV"
else
  fail "image:$problems"
fi

# --- run --------------------------------------------------------------------------------------
pick_port() {
  local i p
  for i in $(seq 1 100); do
    p=$((20000 + RANDOM % 20000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return 0; fi
  done
  return 1
}
PORT="$(pick_port)" || { fail "run: no free port on 127.0.0.1"; exit; }
BASE="http://127.0.0.1:$PORT"
ADMIN_EMAIL="docker-admin@example.com"
ADMIN_PASSWORD="Np-$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')-Aa1!"
JAR="$WORK/cookies.txt"
MARKER="docker-restart-marker-$$-$RANDOM"

# http PATH [curl args...]: prints the status code; the body goes to $WORK/body.
http() {
  local path="$1"; shift
  curl -s -o "$WORK/body" -w '%{http_code}' --max-time 15 "$@" "$BASE$path" 2>/dev/null || true
}

container_running() { [ "$("$DOCKER" inspect --format '{{.State.Running}}' "$CONTAINER" 2>/dev/null)" = true ]; }

# wait_healthy LIMIT_SECONDS: wait until /healthz answers 200; prints the seconds it took.
wait_healthy() {
  local limit="$1" start=$SECONDS code
  while [ $((SECONDS - start)) -lt "$limit" ]; do
    code="$(http /healthz)"
    if [ "$code" = 200 ]; then echo "$((SECONDS - start))"; return 0; fi
    if ! container_running; then sleep 1; container_running || return 1; fi
    sleep 1
  done
  return 1
}

show_logs() { echo "--- last container log lines ---"; "$DOCKER" logs --tail 20 "$CONTAINER" 2>&1 | cut -c1-300; echo "---"; }

# snapshot NAME: copy /data out of the running container and summarise the database.
snapshot() {
  local dir="$WORK/$1"
  rm -rf "$dir"; mkdir -p "$dir"
  "$DOCKER" cp "$CONTAINER:/data/." "$dir/" 2>/dev/null || return 1
  local db="$dir/newsportal.db"
  [ -f "$db" ] || return 1
  "$PY" "$HERE/dbsnap.py" "$db" "$MARKER" > "$WORK/$1.json" 2> "$WORK/$1.err"
}
jget() { "$PY" -c 'import json,sys; d=json.load(open(sys.argv[1])); v=d.get(sys.argv[2]); print(json.dumps(v, sort_keys=True) if not isinstance(v,(int,str)) else v)' "$WORK/$1.json" "$2" 2>/dev/null; }

progress "starting a container on $BASE with volume $VOLUME"
"$DOCKER" volume create "$VOLUME" >/dev/null
# --init, --read-only and a /tmp tmpfs, as docker/compose.yml runs it: the app may write only to /data.
if ! "$DOCKER" run -d --name "$CONTAINER" --network host \
      --init --read-only --tmpfs /tmp \
      -v "$VOLUME:/data" \
      -e "ASPNETCORE_URLS=$BASE" -e "Site__BaseUrl=$BASE" \
      -e "Admin__Email=$ADMIN_EMAIL" -e "Admin__Password=$ADMIN_PASSWORD" \
      --health-interval=2s --health-start-period=120s --health-retries=3 --health-timeout=5s \
      "$IMAGE" > "$WORK/cid" 2> "$WORK/run.err"; then
  fail "run: docker run failed: $(cat "$WORK/run.err")"
  exit
fi
CONTAINER_STARTED=1

if secs="$(wait_healthy 180)"; then
  metric first_start_seconds "$secs"
  body="$(cat "$WORK/body")"
  if [ "$body" = Healthy ]; then
    pass "run: /healthz answers 200 \"Healthy\" ${secs} s after start (migrations and demo seed included)"
  else
    pass "run: /healthz answers 200 ${secs} s after start"
    echo "note: /healthz body is '${body:0:60}', not 'Healthy'"
  fi
else
  show_logs
  fail "run: /healthz did not answer 200 within 180 s (container running: $(container_running && echo yes || echo no))"
  exit
fi

code="$(http /healthz/ready)"
if [ "$code" = 200 ]; then pass "run: /healthz/ready answers 200"; else fail "run: /healthz/ready answered $code"; fi

code="$(http "$DEMO_PATH")"
if [ "$code" = 200 ] && grep -qF "$DEMO_TEXT" "$WORK/body"; then
  pass "run: the demo column page $DEMO_PATH renders with \"$DEMO_TEXT\""
else
  fail "run: $DEMO_PATH answered $code$(grep -qF "$DEMO_TEXT" "$WORK/body" || echo " without \"$DEMO_TEXT\"")"
fi

# Non-root: every process in the container (the init and dotnet) and the user docker exec gets.
exec_uid="$("$DOCKER" exec "$CONTAINER" id -u 2>/dev/null | tr -d '\r')"
"$DOCKER" top "$CONTAINER" -eo uid,pid,args > "$WORK/top" 2>/dev/null || true
dotnet_uid="$(awk 'NR > 1 && $3 == "dotnet" {print $1; exit}' "$WORK/top")"
root_procs="$(awk 'NR > 1 && ($1 == "0" || $1 == "root")' "$WORK/top")"
if [ -n "$exec_uid" ] && [ "$exec_uid" != 0 ] && [ -n "$dotnet_uid" ] && [ "$dotnet_uid" != 0 ] && [ "$dotnet_uid" != root ] && [ -z "$root_procs" ]; then
  pass "security: the app runs as uid $dotnet_uid, no process as root, docker exec gets uid $exec_uid"
else
  fail "security: expected no root process; docker exec uid '$exec_uid', processes: $(tr '\n' ';' < "$WORK/top")"
fi

# The image's own HEALTHCHECK command (run every 2 s here) must report healthy.
health=""
for _ in $(seq 1 30); do
  health="$("$DOCKER" inspect --format '{{if .State.Health}}{{.State.Health.Status}}{{end}}' "$CONTAINER")"
  [ "$health" = healthy ] && break
  sleep 1
done
if [ "$health" = healthy ]; then
  pass "healthcheck: Docker reports the container healthy (the image's HEALTHCHECK works without curl)"
else
  fail "healthcheck: Docker reports '$health': $("$DOCKER" inspect --format '{{if .State.Health}}{{range .State.Health.Log}}[{{.ExitCode}} {{.Output}}]{{end}}{{end}}' "$CONTAINER" | tail -c 300)"
fi

# --- sign in before the restart -----------------------------------------------------------------
progress "signing in as the bootstrap admin"
signed_in=0
code="$(http /account/login -c "$JAR" -b "$JAR")"
if [ "$code" != 200 ]; then
  fail "sign-in: GET /account/login answered $code (the sign-in page is needed to prove that sign-ins survive a restart)"
elif ! "$PY" "$HERE/htmlform.py" "$WORK/body" /account/login "Email=$ADMIN_EMAIL" "Password=$ADMIN_PASSWORD" > "$WORK/login.form"; then
  fail "sign-in: GET /account/login has no POST form to /account/login"
elif ! grep -q '__RequestVerificationToken=' "$WORK/login.form"; then
  fail "sign-in: the sign-in form has no __RequestVerificationToken"
else
  action="$(sed -n 1p "$WORK/login.form")"
  case "$action" in http*) ;; /*) ;; *) action=/account/login ;; esac
  action="${action#"$BASE"}"
  code="$(http "$action" -c "$JAR" -b "$JAR" -H 'Content-Type: application/x-www-form-urlencoded' --data-binary "@-" < <(sed -n 2p "$WORK/login.form" | tr -d '\n'))"
  location="$(curl -s -o /dev/null -w '%{redirect_url}' --max-time 15 -c "$JAR" -b "$JAR" "$BASE/admin" 2>/dev/null)"
  admin_code="$(http /admin -b "$JAR")"
  anon_code="$(http /admin)"
  case "$code" in 30[1278]) redirected=1 ;; *) redirected=0 ;; esac
  if [ "$redirected" = 1 ] && [ "$admin_code" = 200 ] && [ "$anon_code" != 200 ]; then
    signed_in=1
    pass "sign-in: POST /account/login answered $code; /admin answers 200 with the auth cookie ($anon_code without it)"
  else
    fail "sign-in: POST /account/login answered $code, then GET /admin answered $admin_code with the cookie ${location:+(redirect to $location) }and $anon_code without it"
  fi
fi

# --- write data before the restart ------------------------------------------------------------
comment_posted=0
# The comment form's own page carries the antiforgery token and the signed start time (the cached article
# page cannot); a reader takes a few seconds to type (Comments:MinFillSeconds, 3) and leaves the honeypot empty.
code="$(http "$DEMO_PATH/comments" -c "$JAR" -b "$JAR")"
sleep 4
if [ "$code" = 200 ] && "$PY" "$HERE/htmlform.py" "$WORK/body" /comments Website= --fill-text "$MARKER" > "$WORK/comment.form"; then
  action="$(sed -n 1p "$WORK/comment.form")"; action="${action#"$BASE"}"
  code="$(http "$action" -c "$JAR" -b "$JAR" -H 'Content-Type: application/x-www-form-urlencoded' --data-binary "@-" < <(sed -n 2p "$WORK/comment.form" | tr -d '\n'))"
  case "$code" in 2??|3??) comment_posted=1; echo "posted a comment with marker $MARKER (answer $code)" ;;
    *) echo "note: posting a comment answered $code" ;; esac
else
  echo "note: the demo column page has no comment form (yet); the restart check looks for the admin user"
fi

if snapshot before; then
  keys="$(find "$WORK/before/keys" -name '*.xml' 2>/dev/null | wc -l)"
  if [ "$keys" -ge 1 ]; then
    pass "volume: /data holds the SQLite database ($(jget before tables) tables) and $keys data-protection key(s) in /data/keys"
  else
    fail "volume: /data holds the SQLite database but no data-protection key in /data/keys (DataProtection__KeysPath)"
  fi
else
  fail "volume: /data/newsportal.db is missing or unreadable ($(tail -1 "$WORK/before.err" 2>/dev/null))"
fi

# --- restart ----------------------------------------------------------------------------------
progress "docker restart"
t=$SECONDS
"$DOCKER" restart -t 30 "$CONTAINER" >/dev/null
metric restart_command_seconds "$((SECONDS - t))"
if secs="$(wait_healthy 120)"; then
  metric restart_seconds "$secs"
  pass "restart: /healthz answers 200 again ${secs} s after docker restart"
else
  show_logs
  fail "restart: /healthz did not come back within 120 s"
  exit
fi

admin_code="$(http /admin -b "$JAR")"
if [ "$signed_in" = 1 ] && [ "$admin_code" = 200 ]; then
  pass "restart: the sign-in made before the restart is still valid (/admin 200, keys persisted in /data/keys)"
else
  fail "restart: the sign-in made before the restart is not valid after it (signed in before: $signed_in, /admin now $admin_code)"
fi

code="$(http "$DEMO_PATH")"
demo_ok=0
if [ "$code" = 200 ] && grep -qF "$DEMO_TEXT" "$WORK/body"; then demo_ok=1; fi
if snapshot after && [ -f "$WORK/before.json" ]; then
  problems=""
  users_before="$(jget before users)"
  written=""
  if [ -n "$users_before" ] && [ "$users_before" != "[]" ]; then
    if [ "$(jget after users)" = "$users_before" ]; then written="the admin user made at first start"
    else problems+=" the admin users changed ($users_before -> $(jget after users));"; fi
  fi
  if [ "$comment_posted" = 1 ]; then
    if [ "$(jget after marker_cells)" -ge 1 ]; then written="${written:+$written, }the comment posted before the restart"
    else problems+=" the comment posted before the restart is gone;"; fi
  fi
  if [ -z "$written" ] && [ -z "$problems" ]; then
    problems+=" nothing the app wrote before the restart to look for: no user in AspNetUsers (Admin__Email/Admin__Password should create the first admin) and no comment could be posted;"
  fi
  [ "$(jget after content_rows)" = "$(jget before content_rows)" ] || problems+=" content rows changed ($(jget before content_rows) -> $(jget after content_rows));"
  [ "$(jget after content_digest)" = "$(jget before content_digest)" ] || problems+=" the content rows differ (content made anew?);"
  slug_rows="$(jget after demo_slug_rows)"
  [ "$slug_rows" = 1 ] || problems+=" the demo column's slug is in $slug_rows rows (want 1);"
  [ "$demo_ok" = 1 ] || problems+=" the demo column page answered $code;"
  if [ -z "$problems" ]; then
    pass "restart: the data written before the restart is still there ($written; $(jget after content_rows | tr -d '"{} ') rows unchanged; the demo column once and still served)"
  else
    fail "restart: data after the restart:$problems"
  fi
else
  fail "restart: /data/newsportal.db is missing after the restart (or was before it)"
fi

progress "checking the logs"
# --- logs -------------------------------------------------------------------------------------
"$DOCKER" logs "$CONTAINER" > "$WORK/container.log" 2>&1
if "$PY" - "$WORK/container.log" <<'PY'
import json, sys
for line in open(sys.argv[1], encoding="utf-8", errors="replace"):
    line = line.strip()
    if not line.startswith("{"):
        continue
    try:
        d = json.loads(line)
    except ValueError:
        continue
    if isinstance(d, dict) and "RequestPath" in d and "StatusCode" in d:
        sys.exit(0)
sys.exit(1)
PY
then
  pass "logs: docker logs has structured JSON request lines with RequestPath and StatusCode"
else
  fail "logs: no JSON line with RequestPath and StatusCode in docker logs (first lines: $(head -c 300 "$WORK/container.log" | tr '\n' ' '))"
fi

exit
