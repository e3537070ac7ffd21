#!/usr/bin/env bash
# Start and stop a private Docker engine for the tests (sourced by docker-test.sh).
#
# The engine runs as root with its own sockets, keeps images in a persistent data-root outside
# the repository (so stand-in base images and build cache survive between runs), never creates a
# bridge network and never touches iptables: containers use --network host only.
#
# Settings (environment):
#   NP_DOCKER_DATA_ROOT  persistent data-root   (default /var/lib/newsportal-docker)
#   NP_DOCKER_RUN_DIR    socket/pid directory   (default /tmp/np-docker)
#   NP_DOCKER_EXEC_ROOT  exec-root              (default /tmp/np-docker-exec)

NP_DOCKER_DATA_ROOT="${NP_DOCKER_DATA_ROOT:-/var/lib/newsportal-docker}"
NP_DOCKER_RUN_DIR="${NP_DOCKER_RUN_DIR:-/tmp/np-docker}"
NP_DOCKER_EXEC_ROOT="${NP_DOCKER_EXEC_ROOT:-/tmp/np-docker-exec}"
NP_DOCKER_SOCK="$NP_DOCKER_RUN_DIR/docker.sock"
NP_DOCKER_PIDFILE="$NP_DOCKER_RUN_DIR/dockerd.pid"
NP_DOCKER_LOG="$NP_DOCKER_RUN_DIR/dockerd.log"
NP_ENGINE_STARTED_BY_US=0

# Prefer the Debian client that matches the Debian engine (its `docker build` is the classic
# builder and needs no buildx plugin); fall back to whatever `docker` is on PATH.
np_pick_client() {
  if [ -x /usr/bin/docker ]; then DOCKER=/usr/bin/docker; else DOCKER="$(command -v docker || true)"; fi
}

np_apt_install() {
  # np_apt_install PKG... : install Debian packages that are missing (quietly, with a lock timeout).
  local missing=() p
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" != 0 ]; then echo "engine: need root to install ${missing[*]}" >&2; return 1; fi
  echo "engine: installing ${missing[*]} with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get -o DPkg::Lock::Timeout=600 install -y -q "${missing[@]}" >"$NP_DOCKER_RUN_DIR/apt.log" 2>&1; then
    apt-get -o DPkg::Lock::Timeout=600 update -q >>"$NP_DOCKER_RUN_DIR/apt.log" 2>&1 || true
    apt-get -o DPkg::Lock::Timeout=600 install -y -q "${missing[@]}" >>"$NP_DOCKER_RUN_DIR/apt.log" 2>&1 \
      || { tail -20 "$NP_DOCKER_RUN_DIR/apt.log" >&2; return 1; }
  fi
}

np_engine_up() {
  DOCKER_HOST="unix://$NP_DOCKER_SOCK" "$DOCKER" version --format '{{.Server.Version}}' >/dev/null 2>&1
}

np_start_engine() {
  mkdir -p "$NP_DOCKER_RUN_DIR"
  np_apt_install docker.io || return 1
  np_pick_client
  [ -n "$DOCKER" ] || { echo "engine: no docker client" >&2; return 1; }
  export DOCKER_HOST="unix://$NP_DOCKER_SOCK"
  if np_engine_up; then
    echo "engine: reusing the engine already listening on $NP_DOCKER_SOCK"
    return 0
  fi
  if [ -f "$NP_DOCKER_PIDFILE" ]; then
    local old; old="$(cat "$NP_DOCKER_PIDFILE" 2>/dev/null || true)"
    if [ -n "$old" ] && ! kill -0 "$old" 2>/dev/null; then rm -f "$NP_DOCKER_PIDFILE"; fi
  fi
  command -v dockerd >/dev/null || { echo "engine: dockerd not found" >&2; return 1; }
  if [ "$(id -u)" != 0 ]; then echo "engine: dockerd must run as root" >&2; return 1; fi
  mkdir -p "$NP_DOCKER_DATA_ROOT" "$NP_DOCKER_EXEC_ROOT"
  # setsid: the engine gets its own session, so it is not hit by signals sent to the test's group;
  # fd 9 (the stage lock of docker-test.sh) is not passed on to it.
  setsid dockerd \
    --data-root "$NP_DOCKER_DATA_ROOT" \
    --exec-root "$NP_DOCKER_EXEC_ROOT" \
    -H "unix://$NP_DOCKER_SOCK" \
    --pidfile "$NP_DOCKER_PIDFILE" \
    --bridge=none --iptables=false --ip6tables=false --ip-masq=false \
    >"$NP_DOCKER_LOG" 2>&1 < /dev/null 9>&- &
  local spid=$! i
  for i in $(seq 1 120); do
    if np_engine_up; then
      NP_ENGINE_STARTED_BY_US=1
      echo "engine: dockerd $("$DOCKER" version --format '{{.Server.Version}}') ready (pid $(cat "$NP_DOCKER_PIDFILE" 2>/dev/null || echo "$spid"), data-root $NP_DOCKER_DATA_ROOT)"
      return 0
    fi
    if ! kill -0 "$spid" 2>/dev/null; then break; fi
    sleep 0.5
  done
  echo "engine: dockerd did not become ready; last log lines:" >&2
  tail -20 "$NP_DOCKER_LOG" >&2
  return 1
}

np_stop_engine() {
  [ "$NP_ENGINE_STARTED_BY_US" = 1 ] || return 0
  local pid; pid="$(cat "$NP_DOCKER_PIDFILE" 2>/dev/null || true)"
  [ -n "$pid" ] || return 0
  kill -TERM "$pid" 2>/dev/null || return 0
  local i
  for i in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null || true; fi
  NP_ENGINE_STARTED_BY_US=0
  echo "engine: stopped dockerd (pid $pid)"
}
