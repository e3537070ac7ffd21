#!/usr/bin/env bash
# The topology of docker/compose.scale.yml without containers, on loopback, for tests and benchmarks:
# its own PostgreSQL cluster and redis-server, N app replicas of the Release build and nginx in front
# with docker/nginx.conf (rendered: the same file, loopback addresses and state-dir paths put in).
#
#   docker/local-cluster.sh start          start what is not running yet (idempotent), wait until every replica is ready
#   docker/local-cluster.sh stop           stop everything it started (PID files in the state dir)
#   docker/local-cluster.sh status         what runs where; exit 0 when everything runs, 3 otherwise
#   docker/local-cluster.sh render FILE [on]   write the rendered nginx.conf to FILE (no server is started; on: with Brotli)
#   docker/local-cluster.sh env N          the environment replica N runs with, one VAR=value a line
#
# Environment (defaults in brackets):
#   LOCAL_CLUSTER_DIR       state: databases, media, logs, PID files   [/tmp/newsportal-cluster]
#   LOCAL_CLUSTER_PROVIDER  postgres | sqlite (one shared WAL file; for comparisons, not a deployment)   [postgres]
#   LOCAL_CLUSTER_REDIS     on | off: off shares the data-protection keys through a folder and turns the app's
#                           own page cache off (one replica could not evict another's)   [on]
#                           (the defaults are compose.scale.yml's wiring)
#   LOCAL_CLUSTER_REPLICAS  1 … 9                                       [2]
#   LOCAL_CLUSTER_FIRST_PORT  replica 1's port; replica n listens on FIRST_PORT + n - 1   [5401]
#   LOCAL_CLUSTER_PORT      nginx                                      [8480]
#   LOCAL_CLUSTER_PG_PORT   PostgreSQL (also a unix socket in the state dir)   [55432]
#   LOCAL_CLUSTER_REDIS_PORT                                           [56379]
#   LOCAL_CLUSTER_APP       the app  [src/NewsPortal.Web/bin/Release/net10.0/NewsPortal.Web.dll; build it first]
#   LOCAL_CLUSTER_WWWROOT   static files nginx serves   [src/NewsPortal.Web/wwwroot]
#   LOCAL_CLUSTER_ADMIN_EMAIL / LOCAL_CLUSTER_ADMIN_PASSWORD   the Admin created when the database has no user
#                           [editor@cluster.test / Cluster-editor-pass-1]
#   LOCAL_CLUSTER_BROTLI    auto | off: auto installs Debian's nginx Brotli modules (apt) and turns the "# @brotli"
#                           lines of nginx.conf on when nginx loads them; gzip only otherwise   [auto]
#   LOCAL_CLUSTER_TIMEOUT   seconds to wait for each replica's /healthz/ready   [180]
#   LOCAL_CLUSTER_APP_ENV   more configuration for the replicas, "KEY=value KEY2=value" (for keys bash cannot
#                           export, e.g. Serilog__MinimumLevel__Override__Serilog.AspNetCore.RequestLoggingMiddleware=Warning)
# Any other variable in the environment of "start" (Comments__PermitLimit=…, OutputCache__Seconds=…) reaches
# the replicas as configuration, as -e does for a container.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
STATE=${LOCAL_CLUSTER_DIR:-/tmp/newsportal-cluster}
PROVIDER=${LOCAL_CLUSTER_PROVIDER:-postgres}
REDIS=${LOCAL_CLUSTER_REDIS:-on}
REPLICAS=${LOCAL_CLUSTER_REPLICAS:-2}
FIRST_PORT=${LOCAL_CLUSTER_FIRST_PORT:-5401}
NGINX_PORT=${LOCAL_CLUSTER_PORT:-8480}
PG_PORT=${LOCAL_CLUSTER_PG_PORT:-55432}
REDIS_PORT=${LOCAL_CLUSTER_REDIS_PORT:-56379}
APP=${LOCAL_CLUSTER_APP:-$ROOT/src/NewsPortal.Web/bin/Release/net10.0/NewsPortal.Web.dll}
WWWROOT=${LOCAL_CLUSTER_WWWROOT:-$ROOT/src/NewsPortal.Web/wwwroot}
ADMIN_EMAIL=${LOCAL_CLUSTER_ADMIN_EMAIL:-editor@cluster.test}
ADMIN_PASSWORD=${LOCAL_CLUSTER_ADMIN_PASSWORD:-Cluster-editor-pass-1}
TIMEOUT=${LOCAL_CLUSTER_TIMEOUT:-180}
BROTLI=${LOCAL_CLUSTER_BROTLI:-auto}
# The database password of the "newsportal" role; only loopback and the state dir's socket reach the server.
PG_PASSWORD=newsportal-local
NGINX_CONF_SOURCE=$ROOT/docker/nginx.conf
NGINX_DIR=$STATE/nginx

log() { printf '[local-cluster %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { printf 'local-cluster: %s\n' "$*" >&2; exit 1; }

case "$PROVIDER" in postgres|sqlite) ;; *) die "LOCAL_CLUSTER_PROVIDER must be postgres or sqlite, not '$PROVIDER'" ;; esac
case "$REDIS" in on|off) ;; *) die "LOCAL_CLUSTER_REDIS must be on or off, not '$REDIS'" ;; esac
case "$BROTLI" in auto|off) ;; *) die "LOCAL_CLUSTER_BROTLI must be auto or off, not '$BROTLI'" ;; esac
[[ "$REPLICAS" =~ ^[1-9]$ ]] || die "LOCAL_CLUSTER_REPLICAS must be 1 to 9, not '$REPLICAS'"

[[ "$FIRST_PORT" =~ ^[0-9]+$ ]] || die "LOCAL_CLUSTER_FIRST_PORT must be a port number"
replica_port() { echo $((FIRST_PORT + $1 - 1)); }

# ---- PID files --------------------------------------------------------------------------------------
alive() { # $1 = pid file; true when it names a running process
    local pid
    [[ -f "$1" ]] && pid=$(cat "$1" 2>/dev/null) && [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null
}

stop_pid() { # $1 = pid file, $2 = name[, $3 = signal: TERM]; the signal, then KILL after 15 s
    local pid i signal=${3:-TERM}
    # Read once: the process may remove its own PID file as it exits (nginx does).
    if alive "$1" && pid=$(cat "$1" 2>/dev/null) && [[ -n "$pid" ]]; then
        kill "-$signal" "$pid" 2>/dev/null || true
        for i in $(seq 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        if kill -0 "$pid" 2>/dev/null; then
            log "$2 ($pid) ignored TERM for 15 s; killing it"
            kill -9 "$pid" 2>/dev/null || true
        fi
        log "stopped $2 ($pid)"
    fi
    rm -f "$1"
}

port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# ---- installation -----------------------------------------------------------------------------------
pg_bin() {
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
    [[ -n "$dir" && -x "$dir/initdb" ]] && echo "$dir"
}

install_missing() {
    local missing=()
    [[ "$PROVIDER" == postgres ]] && ! pg_bin >/dev/null && missing+=(postgresql)
    [[ "$REDIS" == on ]] && ! command -v redis-server >/dev/null && missing+=(redis-server)
    command -v nginx >/dev/null || [[ -x /usr/sbin/nginx ]] || missing+=(nginx)
    command -v curl >/dev/null || missing+=(curl)
    # Debian's Brotli modules (built for Debian's own nginx): wanted, not required (gzip alone still works).
    local optional=()
    if [[ "$BROTLI" == auto ]] && ! brotli_modules >/dev/null \
        && apt-cache show libnginx-mod-http-brotli-filter libnginx-mod-http-brotli-static >/dev/null 2>&1; then
        optional=(libnginx-mod-http-brotli-filter libnginx-mod-http-brotli-static)
    fi
    [[ ${#missing[@]} -eq 0 && ${#optional[@]} -eq 0 ]] && return
    if [[ ${#missing[@]} -eq 0 && $(id -u) -ne 0 ]]; then
        log "nginx has no Brotli modules (apt-get install ${optional[*]}); gzip only"
        return
    fi
    [[ $(id -u) -eq 0 ]] || die "missing ${missing[*]}; install them (apt-get install ${missing[*]}) or run as root"
    log "installing ${missing[*]} ${optional[*]} (apt)"
    export DEBIAN_FRONTEND=noninteractive
    # policy-rc.d keeps apt from starting the system's own services: this script starts its own.
    local policy_created=false
    if [[ ! -e /usr/sbin/policy-rc.d ]]; then
        printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && policy_created=true
    fi
    if [[ ${#missing[@]} -gt 0 ]]; then
        apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}" >&2 \
            || { apt-get -o DPkg::Lock::Timeout=600 update -qq >&2 && apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}" >&2; }
    fi
    if [[ ${#optional[@]} -gt 0 ]]; then
        apt-get -o DPkg::Lock::Timeout=60 install -y -qq --no-install-recommends "${optional[@]}" >&2 \
            || log "could not install ${optional[*]}; nginx offers gzip only"
    fi
    $policy_created && rm -f /usr/sbin/policy-rc.d
    true
}

# The directory holding both Brotli modules (Debian's nginx: /usr/lib/nginx/modules); fails when either is missing.
brotli_modules() {
    local dir=/usr/lib/nginx/modules
    [[ -f "$dir/ngx_http_brotli_filter_module.so" && -f "$dir/ngx_http_brotli_static_module.so" ]] && echo "$dir"
}

NGINX=$(command -v nginx || echo /usr/sbin/nginx)

# ---- PostgreSQL -------------------------------------------------------------------------------------
PGDATA=$STATE/pgdata
PGSOCK=$STATE/pgsock

as_postgres() { # PostgreSQL refuses to run as root
    if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_postgres() {
    local bin
    bin=$(pg_bin) || die "PostgreSQL is not installed"
    if [[ ! -f "$PGDATA/PG_VERSION" ]]; then
        log "initdb $PGDATA"
        rm -rf "$PGDATA"
        mkdir -p "$PGDATA" "$PGSOCK"
        [[ $(id -u) -eq 0 ]] && chown postgres:postgres "$PGDATA" "$PGSOCK"
        chmod 700 "$PGDATA"
        local pwfile
        pwfile=$(mktemp)
        echo "$PG_PASSWORD" >"$pwfile"
        chmod 644 "$pwfile"
        as_postgres "$bin/initdb" -D "$PGDATA" -U newsportal --pwfile="$pwfile" -E UTF8 --locale=C.UTF-8 \
            --auth-local=trust --auth-host=scram-sha-256 >"$STATE/initdb.log" 2>&1 \
            || { rm -f "$pwfile"; cat "$STATE/initdb.log" >&2; die "initdb failed"; }
        rm -f "$pwfile"
        cat >>"$PGDATA/postgresql.conf" <<EOF
# docker/local-cluster.sh
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$PGSOCK'
max_connections = 200
EOF
    fi
    if as_postgres "$bin/pg_ctl" -D "$PGDATA" status >/dev/null 2>&1; then
        return
    fi
    port_taken "$PG_PORT" && die "port $PG_PORT is taken by another program; set LOCAL_CLUSTER_PG_PORT"
    log "starting PostgreSQL on 127.0.0.1:$PG_PORT"
    touch "$STATE/postgres.log"
    [[ $(id -u) -eq 0 ]] && chown postgres:postgres "$STATE/postgres.log"
    as_postgres "$bin/pg_ctl" -D "$PGDATA" -l "$STATE/postgres.log" -w -t 60 start >/dev/null \
        || { tail -20 "$STATE/postgres.log" >&2; die "PostgreSQL did not start"; }
    if ! as_postgres "$bin/psql" -h "$PGSOCK" -p "$PG_PORT" -U newsportal -d postgres -tAc \
        "SELECT 1 FROM pg_database WHERE datname = 'newsportal'" | grep -q 1; then
        as_postgres "$bin/createdb" -h "$PGSOCK" -p "$PG_PORT" -U newsportal newsportal
    fi
}

stop_postgres() {
    local bin
    bin=$(pg_bin) || return 0
    [[ -f "$PGDATA/postmaster.pid" ]] || return 0
    if as_postgres "$bin/pg_ctl" -D "$PGDATA" status >/dev/null 2>&1; then
        as_postgres "$bin/pg_ctl" -D "$PGDATA" -m fast -w stop >/dev/null && log "stopped PostgreSQL"
    fi
}

# ---- Redis ------------------------------------------------------------------------------------------
start_redis() {
    alive "$STATE/redis.pid" && return
    port_taken "$REDIS_PORT" && die "port $REDIS_PORT is taken by another program; set LOCAL_CLUSTER_REDIS_PORT"
    mkdir -p "$STATE/redis"
    log "starting redis-server on 127.0.0.1:$REDIS_PORT"
    # A cache and a key ring for a throwaway cluster: no snapshots (the key ring lives as long as the cluster).
    redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --dir "$STATE/redis" --save '' --appendonly no \
        --daemonize yes --pidfile "$STATE/redis.pid" --logfile "$STATE/redis.log"
    local i
    for i in $(seq 100); do alive "$STATE/redis.pid" && port_taken "$REDIS_PORT" && return; sleep 0.1; done
    die "redis-server did not start; see $STATE/redis.log"
}

# ---- the app ----------------------------------------------------------------------------------------
# The same keys as docker/compose.scale.yml's web service (x-newsportal-env there).
replica_env() { # $1 = replica number (0: the one-off start-up command)
    local port
    port=$(replica_port "${1:-1}")
    echo "ASPNETCORE_ENVIRONMENT=Production"
    echo "ASPNETCORE_URLS=http://127.0.0.1:$port"
    if [[ "$PROVIDER" == postgres ]]; then
        echo "Database__Provider=Postgres"
        echo "ConnectionStrings__Default=Host=127.0.0.1;Port=$PG_PORT;Database=newsportal;Username=newsportal;Password=$PG_PASSWORD"
    else
        echo "Database__Provider=Sqlite"
        echo "ConnectionStrings__Default=Data Source=$STATE/newsportal.db"
    fi
    if [[ "$REDIS" == on ]]; then
        echo "Redis__Configuration=127.0.0.1:$REDIS_PORT"
    else
        echo "DataProtection__KeysPath=$STATE/keys"
        echo "OutputCache__Enabled=false"
    fi
    echo "Media__Root=$STATE/media"
    echo "Site__BaseUrl=http://127.0.0.1:$NGINX_PORT"
    # nginx connects from loopback: only it may set X-Forwarded-For/-Proto.
    echo "ForwardedHeaders__KnownProxies__0=127.0.0.1"
    echo "Seed__DemoContent=${Seed__DemoContent:-true}"
    # The first admin, created at start-up while the database has no user (compose: its init service).
    echo "Admin__Email=$ADMIN_EMAIL"
    echo "Admin__Password=$ADMIN_PASSWORD"
    local extra
    for extra in ${LOCAL_CLUSTER_APP_ENV:-}; do
        [[ "$extra" == *=* ]] || die "LOCAL_CLUSTER_APP_ENV: '$extra' is not KEY=value"
        echo "$extra"
    done
}

run_with_env() { # $1 = replica number, then the command
    local n=$1; shift
    local -a vars=()
    local line
    while IFS= read -r line; do vars+=("$line"); done < <(replica_env "$n")
    (cd "$ROOT/src/NewsPortal.Web" && exec env "${vars[@]}" "$@")
}

start_replica() { # $1 = replica number
    local n=$1 port pidfile line
    local -a vars=()
    port=$(replica_port "$n")
    pidfile=$STATE/replica-$n.pid
    alive "$pidfile" && return
    port_taken "$port" && die "port $port is taken by another program"
    while IFS= read -r line; do vars+=("$line"); done < <(replica_env "$n")
    log "starting replica $n on 127.0.0.1:$port"
    # setsid: its own session, so the caller's process group (a test runner, a terminal's Ctrl-C) is not its own.
    # In a script a background job leads no process group, so setsid does not fork and $! is the app itself.
    (cd "$ROOT/src/NewsPortal.Web" && exec setsid env "${vars[@]}" dotnet "$APP") >>"$STATE/replica-$n.log" 2>&1 </dev/null &
    echo $! >"$pidfile"
}

wait_ready() { # $1 = replica number
    local n=$1 port deadline
    port=$(replica_port "$n")
    deadline=$((SECONDS + TIMEOUT))
    until curl -fs -o /dev/null --max-time 5 "http://127.0.0.1:$port/healthz/ready"; do
        alive "$STATE/replica-$n.pid" || { tail -20 "$STATE/replica-$n.log" >&2; die "replica $n exited; see $STATE/replica-$n.log"; }
        ((SECONDS < deadline)) || die "replica $n not ready after $TIMEOUT s; see $STATE/replica-$n.log"
        sleep 0.2
    done
}

# ---- nginx ------------------------------------------------------------------------------------------
render_nginx() { # $1 = output file, $2 = on: the "# @brotli" lines without their "#" (the modules are installed)
    local out=$1 brotli=${2:-off} upstream="" n params modules=""
    [[ "$brotli" == on ]] && { modules=$(brotli_modules) || die "the nginx Brotli modules are not installed"; }
    mkdir -p "$(dirname "$out")"
    # The replicas' own parameters (max_fails …), without "resolve": loopback addresses need no DNS (and
    # Debian's nginx 1.22 has no "resolve").
    params=$(sed -n 's/^ *server web:8080 \([^;]*\);.*# @replicas$/\1/p' "$NGINX_CONF_SOURCE" | sed 's/ *\bresolve\b//')
    [[ -n "$params" ]] || die "docker/nginx.conf has no 'server web:8080 …; # @replicas' line"
    for n in $(seq "$REPLICAS"); do
        upstream+="        server 127.0.0.1:$(replica_port "$n") $params;\\n"
    done
    awk -v upstream="$upstream" -v listen="        listen 127.0.0.1:$NGINX_PORT default_server;" \
        -v pid="pid $NGINX_DIR/nginx.pid;" -v user="$( [[ $(id -u) -eq 0 ]] && echo "user root;" )" \
        -v wwwroot="$WWWROOT" -v media="$STATE/media" -v cache="$NGINX_DIR/cache/" -v logs="$NGINX_DIR/logs/" \
        -v brotli="$brotli" -v modules="$modules" '
        /# @replicas$/ { gsub(/\\n/, "\n", upstream); printf "%s", upstream; next }
        /# @brotli$/   { if (brotli == "on") { sub(/#/, ""); gsub("/usr/lib/nginx/modules", modules) } print; next }
        /# @listen$/   { print listen; next }
        /# @resolver$/ { next }
        /# @pid$/      { print pid; if (user != "") print user; next }
        { gsub("/srv/newsportal/wwwroot", wwwroot); gsub("/srv/newsportal/media", media);
          gsub("/var/cache/nginx/", cache); gsub("/var/log/nginx/", logs); print }
    ' "$NGINX_CONF_SOURCE" >"$out.tmp"
    # Everything container-specific must have been replaced: the two files cannot drift apart silently.
    if grep -vE '^[[:space:]]*#' "$out.tmp" | grep -E 'web:8080|/srv/newsportal|/var/cache/nginx|/var/log/nginx|/run/nginx' >&2; then
        rm -f "$out.tmp"; die "docker/nginx.conf has container paths local-cluster.sh does not know how to render"
    fi
    mkdir -p "$NGINX_DIR/cache" "$NGINX_DIR/logs" "$STATE/media"
    mv "$out.tmp" "$out"
}

start_nginx() {
    local conf=$NGINX_DIR/nginx.conf
    mkdir -p "$NGINX_DIR"
    local brotli=off
    [[ "$BROTLI" == auto ]] && brotli_modules >/dev/null && brotli=on
    render_nginx "$conf" "$brotli"
    if [[ "$brotli" == on ]] && ! "$NGINX" -t -q -c "$conf" -p "$NGINX_DIR/" 2>"$NGINX_DIR/nginx-t.log"; then
        # Modules built for another nginx (e.g. nginx.org's packages with Debian's modules): gzip only.
        log "nginx refused its Brotli modules ($(head -1 "$NGINX_DIR/nginx-t.log")); gzip only"
        brotli=off
        render_nginx "$conf" off
    fi
    "$NGINX" -t -q -c "$conf" -p "$NGINX_DIR/" 2>"$NGINX_DIR/nginx-t.log" \
        || { cat "$NGINX_DIR/nginx-t.log" >&2; die "nginx -t refused $conf"; }
    echo "$brotli" >"$NGINX_DIR/brotli"
    if alive "$NGINX_DIR/nginx.pid"; then
        kill -HUP "$(cat "$NGINX_DIR/nginx.pid")"   # reload: picks up a changed nginx.conf or replica count
        return
    fi
    port_taken "$NGINX_PORT" && die "port $NGINX_PORT is taken by another program; set LOCAL_CLUSTER_PORT"
    log "starting nginx on 127.0.0.1:$NGINX_PORT"
    "$NGINX" -c "$conf" -p "$NGINX_DIR/"
    local i
    for i in $(seq 50); do port_taken "$NGINX_PORT" && return; sleep 0.1; done
    die "nginx did not start; see $NGINX_DIR/logs/error.log"
}

# ---- commands ---------------------------------------------------------------------------------------
start() {
    [[ -f "$APP" ]] || die "$APP not found; build first: dotnet build NewsPortal.sln -c Release"
    install_missing
    mkdir -p "$STATE" "$STATE/media" "$STATE/keys"
    chmod 755 "$STATE"
    echo "$PROVIDER $REDIS" >"$STATE/mode"
    [[ "$PROVIDER" == postgres ]] && start_postgres
    [[ "$REDIS" == on ]] && start_redis
    local n
    # The first replica alone, until ready: it migrates, loads the demo content, creates the admin and brings
    # derived data up to date (the search index rebuild in PrepareDiscoveryAsync), which replicas starting at
    # once on a fresh database would race for. (compose.scale.yml's init service does the first three.)
    start_replica 1
    wait_ready 1
    for n in $(seq 2 "$REPLICAS"); do start_replica "$n"; done
    for n in $(seq 2 "$REPLICAS"); do wait_ready "$n"; done
    start_nginx
    status
}

stop() {
    local n
    stop_pid "$NGINX_DIR/nginx.pid" nginx QUIT   # QUIT: finish the requests in flight, then exit
    for n in 1 2 3 4 5 6 7 8 9; do stop_pid "$STATE/replica-$n.pid" "replica $n"; done
    stop_pid "$STATE/redis.pid" redis-server
    stop_postgres
}

status() {
    local ok=true n line
    line() { printf '%-12s %-8s %s\n' "$1" "$2" "$3"; }
    echo "state: $STATE ($(cat "$STATE/mode" 2>/dev/null || echo "$PROVIDER $REDIS"): provider, redis)"
    if [[ "$PROVIDER" == postgres ]]; then
        if [[ -f "$PGDATA/postmaster.pid" ]] && kill -0 "$(head -1 "$PGDATA/postmaster.pid")" 2>/dev/null; then
            line postgres "$(head -1 "$PGDATA/postmaster.pid")" "127.0.0.1:$PG_PORT, socket $PGSOCK, database newsportal"
        else line postgres stopped ""; ok=false; fi
    fi
    if [[ "$REDIS" == on ]]; then
        if alive "$STATE/redis.pid"; then line redis "$(cat "$STATE/redis.pid")" "127.0.0.1:$REDIS_PORT"
        else line redis stopped ""; ok=false; fi
    fi
    for n in $(seq "$REPLICAS"); do
        if alive "$STATE/replica-$n.pid"; then
            line "replica-$n" "$(cat "$STATE/replica-$n.pid")" "http://127.0.0.1:$(replica_port "$n") ($(curl -fs --max-time 2 "http://127.0.0.1:$(replica_port "$n")/healthz/ready" || echo "not ready")), log $STATE/replica-$n.log"
        else line "replica-$n" stopped ""; ok=false; fi
    done
    if alive "$NGINX_DIR/nginx.pid"; then line nginx "$(cat "$NGINX_DIR/nginx.pid")" "http://127.0.0.1:$NGINX_PORT, conf $NGINX_DIR/nginx.conf, log $NGINX_DIR/logs/access.log"
    else line nginx stopped ""; ok=false; fi
    $ok
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    status) status || exit 3 ;;
    render) [[ -n "${2:-}" ]] || die "usage: $0 render FILE [on: with Brotli]"; NGINX_DIR=$(dirname "$(realpath -m "$2")"); render_nginx "$2" "${3:-off}" ;;
    env) replica_env "${2:-1}" ;;
    *) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac
