#!/usr/bin/env bash
# Installs the servers the integration tests start for themselves: PostgreSQL (the tests run against it as well as
# SQLite), Redis (output cache, data-protection keys and limits shared by replicas) and nginx with its Brotli modules
# (the cluster tests).
# Each test starts its own instance on a loopback port; nothing here starts a service. curl: the load test's reader.
set -euo pipefail
missing=()
[ -x /usr/lib/postgresql/15/bin/postgres ] || compgen -G "/usr/lib/postgresql/*/bin/postgres" >/dev/null || missing+=(postgresql)
command -v redis-server >/dev/null || missing+=(redis-server)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx)
# The load test's well-behaved reader.
command -v curl >/dev/null || missing+=(curl)
# Brotli for what nginx serves itself (docker/nginx.conf's "# @brotli" lines): Debian's modules, for Debian's nginx.
[ -f /usr/lib/nginx/modules/ngx_http_brotli_filter_module.so ] && [ -f /usr/lib/nginx/modules/ngx_http_brotli_static_module.so ] \
    || missing+=(libnginx-mod-http-brotli-filter libnginx-mod-http-brotli-static)
if [ "${#missing[@]}" -gt 0 ]; then
    echo "Installing ${missing[*]} (apt)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get -o DPkg::Lock::Timeout=600 update -qq || true
    # --no-install-recommends keeps apt from enabling extra services; policy-rc.d keeps it from starting them.
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
    trap 'rm -f /usr/sbin/policy-rc.d' EXIT
    apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}"
fi
echo "PostgreSQL: $(ls /usr/lib/postgresql/ | tr '\n' ' ')Redis: $(redis-server --version | cut -d' ' -f3) nginx: $(/usr/sbin/nginx -v 2>&1 | cut -d/ -f2) (Brotli: $(ls /usr/lib/nginx/modules/ | grep -c brotli) modules)"
