#!/usr/bin/env bash
# Runs the soak and puts its results into BENCHMARKS.md (the section "Soak"; the rest of the file is left as it is).
#
#   hubs-benchmarks/run-soak.sh     (from anywhere; about 6 minutes with the defaults, plus the build)
#
# What it does (see hubs-benchmarks/README.md):
#   1. builds the module and what it needs (./mvnw verify, other modules' unit tests skipped; the smoke run included),
#      which lays Open Liberty down in hubs-benchmarks/target/liberty;
#   2. waits, up to BENCH_WAIT_QUIET seconds (default 300), for the 1-minute load average to fall below
#      BENCH_QUIET_LOAD (default 0.5): the machine may be shared;
#   3. starts Liberty with the benchmark WAR pinned to CPU BENCH_SERVER_CPU (0) and runs the load generator's soak
#      pinned to CPU BENCH_CLIENT_CPU (1): SOAK_CONNECTIONS (2000) hub connections receive SOAK_RATE (10) broadcasts a
#      second for SOAK_DURATION seconds (300), with a row of figures every SOAK_INTERVAL seconds (10);
#   4. stops Liberty, writes hubs-benchmarks/src/report/soak.md (which run-benchmarks.sh includes as it is) and
#      replaces the soak section of BENCHMARKS.md with it.
# Raw output: hubs-benchmarks/target/bench-results/soak.json. Exits non-zero when a message was lost to a healthy
# client or a connection dropped (the section is written all the same, saying so).
#
# Environment: BENCH_HTTP_PORT (9780), BENCH_SERVER_NAME (benchServer), BENCH_SERVER_CPU (0), BENCH_CLIENT_CPU (1),
# BENCH_WAIT_QUIET (300), BENCH_QUIET_LOAD (0.5), BENCH_SKIP_BUILD (unset), MVN_ARGS, SOAK_CONNECTIONS, SOAK_RATE,
# SOAK_DURATION, SOAK_INTERVAL.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
MODULE="$ROOT/hubs-benchmarks"
OUT="$MODULE/target/bench-results"
PORT="${BENCH_HTTP_PORT:-9780}"
SERVER_CPU="${BENCH_SERVER_CPU:-0}"
CLIENT_CPU="${BENCH_CLIENT_CPU:-1}"
WAIT_QUIET="${BENCH_WAIT_QUIET:-300}"
QUIET_LOAD="${BENCH_QUIET_LOAD:-0.5}"
WLP="$MODULE/target/liberty/wlp"
SERVER_NAME="${BENCH_SERVER_NAME:-benchServer}"
COMMAND="hubs-benchmarks/run-soak.sh"

log() { echo "[soak $(date +%H:%M:%S)] $*"; }

# ---------------------------------------------------------------- 1. build
cd "$ROOT"
HUBS_COMMIT="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
if ! git diff --quiet HEAD -- hubs-api hubs-core hubs-cdi-extension hubs-servlet-fallback 2>/dev/null; then
  HUBS_COMMIT="$HUBS_COMMIT with uncommitted changes to the Hubs modules"
fi
if [[ -z "${BENCH_SKIP_BUILD:-}" ]]; then
  log "building (./mvnw verify of hubs-benchmarks and what it needs; the smoke run included)"
  # shellcheck disable=SC2086
  ./mvnw -q ${MVN_ARGS:-} -pl hubs-benchmarks -am verify -Dbench.http.port="$PORT" -Dbench.server.name="$SERVER_NAME" \
    -Dtest='JmhSmokeTest,JfrSummaryTest' -Dsurefire.failIfNoSpecifiedTests=false
fi
[[ -x "$WLP/bin/server" ]] || { echo "no Liberty at $WLP: run without BENCH_SKIP_BUILD" >&2; exit 1; }
mkdir -p "$OUT"
CP="$MODULE/target/test-classes:$MODULE/target/classes:$(cat "$MODULE/target/loadgen.classpath")"
LIBERTY_VERSION="$(sed -n 's/^com.ibm.websphere.productVersion=//p' "$WLP/lib/versions/openliberty.properties")"

SERVER_PIN=()
CLIENT_PIN=()
if command -v taskset >/dev/null 2>&1 && [[ "$(nproc --all)" -ge 2 ]]; then
  SERVER_PIN=(taskset -c "$SERVER_CPU")
  CLIENT_PIN=(taskset -c "$CLIENT_CPU")
  PINNING="Liberty pinned to CPU $SERVER_CPU, the load generator to CPU $CLIENT_CPU (taskset)"
else
  PINNING="none (taskset or a second CPU missing)"
fi
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

# ---------------------------------------------------------------- 2. wait for a quieter machine
load1() { cut -d' ' -f1 /proc/loadavg; }
WAITED=0
while awk -v l="$(load1)" -v q="$QUIET_LOAD" 'BEGIN { exit !(l >= q) }' && (( WAITED < WAIT_QUIET )); do
  log "1-minute load average $(load1) >= $QUIET_LOAD: waiting for a quieter machine ($WAITED s so far)"
  sleep 15
  WAITED=$((WAITED + 15))
done
LOAD_NOTE="waited ${WAITED} s for the 1-minute load average to fall below ${QUIET_LOAD} (limit ${WAIT_QUIET} s); it was $(load1) when the run began"
log "$LOAD_NOTE"

# ---------------------------------------------------------------- 3. server and soak
LIBERTY_PID=""
cleanup() {
  set +e
  if [[ -n "$LIBERTY_PID" ]]; then
    log "stopping Liberty"
    timeout 90 "$WLP/bin/server" stop "$SERVER_NAME" >/dev/null 2>&1 || kill "$LIBERTY_PID" 2>/dev/null
    LIBERTY_PID=""
  fi
}
trap cleanup EXIT
if "$WLP/bin/server" status "$SERVER_NAME" >/dev/null 2>&1; then
  echo "Liberty server $SERVER_NAME is already running; stop it first ($WLP/bin/server stop $SERVER_NAME)" >&2
  exit 1
fi
log "starting Liberty $LIBERTY_VERSION on port $PORT"
START_OUTPUT="$("${SERVER_PIN[@]}" "$WLP/bin/server" start "$SERVER_NAME")"
LIBERTY_PID="$(sed -n 's/.*process ID \([0-9]*\).*/\1/p' <<<"$START_OUTPUT")"
[[ -n "$LIBERTY_PID" ]] || { echo "Liberty did not start: $START_OUTPUT" >&2; exit 1; }
for _ in $(seq 1 60); do
  curl -sf "http://127.0.0.1:$PORT/stats" >/dev/null && break
  sleep 1
done
curl -sf "http://127.0.0.1:$PORT/stats" >/dev/null || { echo "the benchmark WAR does not answer" >&2; exit 1; }

log "soak: ${SOAK_CONNECTIONS:-2000} connections, ${SOAK_RATE:-10} broadcasts/s, ${SOAK_DURATION:-300} s"
STATUS=0
"${CLIENT_PIN[@]}" java -Xms1g -Xmx1g -cp "$CP" dev.hubs.bench.load.LoadGenerator \
  --server "http://127.0.0.1:$PORT" --server-pid "$LIBERTY_PID" --suite soak --targets hub \
  --connections "${SOAK_CONNECTIONS:-2000}" --rate "${SOAK_RATE:-10}" --duration "${SOAK_DURATION:-300}" \
  --interval "${SOAK_INTERVAL:-10}" --out "$OUT/soak.json" \
  --env "pinning=$PINNING" --env "libertyVersion=$LIBERTY_VERSION" --env "loadNote=$LOAD_NOTE" \
  --env "hubsCommit=$HUBS_COMMIT" || STATUS=$?
cleanup

# ---------------------------------------------------------------- 4. report
log "writing hubs-benchmarks/src/report/soak.md and its section of BENCHMARKS.md"
java -cp "$CP" dev.hubs.bench.report.SoakReport --results "$OUT/soak.json" --section "$MODULE/src/report/soak.md" \
  --splice "$ROOT/BENCHMARKS.md" --command "$COMMAND"
log "done"
exit "$STATUS"
