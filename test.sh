#!/usr/bin/env bash
# Runs every test of NewsPortal: unit + integration (on SQLite, then again on PostgreSQL), browser (Chromium),
# and the Docker image.
# Installs what the tests need that is missing. Last line: "N passed, N failed[, N skipped]".
set -uo pipefail
cd "$(dirname "$0")"

results="$PWD/TestResults"
rm -rf "$results"
mkdir -p "$results"
passed=0; failed=0; skipped=0; status=0

log() { printf '\n== %s (%s)\n' "$1" "$(date +%H:%M:%S)"; }

# Adds one stage's counts to the totals.
add_counts() { passed=$((passed + $1)); failed=$((failed + $2)); skipped=$((skipped + ${3:-0})); }

log "Build (Release)"
if ! dotnet build NewsPortal.sln -c Release -nologo -v quiet; then
    echo "Build failed."
    echo "0 passed, 1 failed"
    exit 1
fi

for setup in tests/*/install-deps.sh; do
    [ -f "$setup" ] || continue
    log "Dependencies: $setup"
    if ! bash "$setup"; then
        echo "FAIL: $setup could not install what its tests need"
        add_counts 0 1
        status=1
    fi
done

# Runs one test project (extra dotnet-test arguments after the first two) into its own trx file and adds its
# counts. A stage that reports no tests at all counts as a failure: a filter that matches nothing, or a server
# that never started, must not pass as "0 failed".
run_tests() {
    local stage="$1" project="$2"
    shift 2
    log "Tests: $stage"
    if ! dotnet test "$project" -c Release --no-build --nologo \
        --logger "trx;LogFileName=$stage.trx" --logger "console;verbosity=normal" \
        --results-directory "$results" "$@"; then
        status=1
    fi
    local trx="$results/$stage.trx"
    if [ ! -f "$trx" ]; then
        echo "FAIL: $stage produced no results (crashed before reporting)"
        add_counts 0 1
        status=1
        return
    fi
    local counters total ok bad
    counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
    read_counter() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
    total=$(read_counter total); ok=$(read_counter passed); bad=$(read_counter failed)
    bad=$((${bad:-0} + $(read_counter error || echo 0) + 0))
    if [ "${total:-0}" -eq 0 ]; then
        echo "FAIL: $stage ran no tests"
        add_counts 0 1
        status=1
        return
    fi
    add_counts "${ok:-0}" "$bad" $(( ${total:-0} - ${ok:-0} - bad ))
}

for project in tests/*/*.csproj; do
    name=$(basename "$project" .csproj)
    if [ "$name" = NewsPortal.Tests ]; then
        # Tests about PostgreSQL itself (replicas sharing one server) run in the PostgreSQL pass below.
        run_tests "$name" "$project" --filter "Database!=Postgres"
    else
        run_tests "$name" "$project"
    fi
done

# The same integration tests again, on PostgreSQL (a private cluster the tests start; see
# tests/NewsPortal.Tests/TestSupport/TestProvider.cs). Left out: the tests about SQLite itself (WAL, busy
# timeouts, its files) and the pure unit tests that never open a database, which the first run covered
# (the traits are explained in TestProvider.cs; Architecture/DatabaseTraitTests keeps "None" honest).
# PostgreSQL missing fails every test here, with or without CI: nothing is skipped for want of a server.
# The mixed-load test runs 20 s here instead of 60 (NEWSPORTAL_LOAD_SECONDS): the SQLite pass above runs the issue's
# 60-second acceptance load in full; here the same test (same 64 connections, same assertions: no 5xx, no socket
# error, no logged error, an editor save, the p99 bound) checks the PostgreSQL provider under that load, which it
# reaches within seconds, and the 40 s saved keep CI inside issue 16's 20-minute budget.
NEWSPORTAL_TEST_DATABASE=postgres NEWSPORTAL_LOAD_SECONDS=20 run_tests "NewsPortal.Tests.Postgres" tests/NewsPortal.Tests/NewsPortal.Tests.csproj \
    --filter "Database!=Sqlite&Database!=None"

log "Supply chain: dotnet list package --vulnerable --include-transitive"
# One check: passes with no known vulnerability in any direct or transitive package, fails on any
# finding. When the advisory data cannot be fetched (an offline machine), it is neither: it counts
# as skipped, says why, and does not fail the run.
audit=$(dotnet list NewsPortal.sln package --vulnerable --include-transitive --no-restore --format json 2>&1)
audit_rc=$?
if [ "$audit_rc" -eq 0 ] && ! grep -q '"vulnerabilities"' <<<"$audit"; then
    echo "No vulnerable packages (advisories from: $(grep -A2 '"sources"' <<<"$audit" | grep -o 'https[^"]*' | paste -sd ' '))."
    add_counts 1 0
elif [ "$audit_rc" -eq 0 ]; then
    echo "FAIL: vulnerable packages:"
    grep -E '"(id|resolvedVersion|severity|advisoryurl)"' <<<"$audit" | sed 's/^ */  /'
    add_counts 0 1
    status=1
elif grep -qiE 'Unable to load the service index|Connection refused|Name or service not known|No such host|timed out' <<<"$audit"; then
    echo "SKIPPED: the vulnerability data could not be fetched (no network to the package source?), so nothing was checked:"
    grep -iE 'error' <<<"$audit" | head -n 3 | sed 's/^/  /'
    add_counts 0 0 1
else
    echo "FAIL: the vulnerable-package check could not run:"
    tail -n 5 <<<"$audit" | sed 's/^/  /'
    add_counts 0 1
    status=1
fi

if [ -f tests/docker/docker-test.sh ]; then
    log "Docker image"
    if ! RESULTS_DIR="$results" bash tests/docker/docker-test.sh; then
        status=1
    fi
    if [ -f "$results/docker.counts" ]; then
        read -r dp df < "$results/docker.counts"
        add_counts "${dp:-0}" "${df:-0}"
    else
        echo "FAIL: the Docker stage reported nothing"
        add_counts 0 1
    fi
fi

[ "$failed" -gt 0 ] && status=1
summary="$passed passed, $failed failed"
[ "$skipped" -gt 0 ] && summary="$summary, $skipped skipped"
echo
echo "$summary"
exit "$status"
