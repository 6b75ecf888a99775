#!/usr/bin/env bash
# Runs the Hubs benchmarks and regenerates BENCHMARKS.md and docs/benchmarks.png at the repository root.
#
#   hubs-benchmarks/run-benchmarks.sh     (from anywhere; about 12 minutes, plus up to 15 waiting for a quiet machine)
#
# What it does, in order (see hubs-benchmarks/README.md):
#   1. builds the module and its dependencies and runs its smoke test (./mvnw verify, unit tests of the other
#      modules skipped), which also lays Open Liberty down in hubs-benchmarks/target/liberty;
#   2. waits, up to BENCH_WAIT_QUIET seconds (default 900), polling every 15 s, for the machine's 1-minute load
#      average to fall below BENCH_QUIET_LOAD (default 0.5): the machine may be shared;
#   3. starts Liberty with the benchmark WAR and the Socket.IO server, both pinned to CPU BENCH_SERVER_CPU (0), and
#      runs the load generator pinned to CPU BENCH_CLIENT_CPU (1), where taskset and two CPUs are there;
#   4. runs the full suite, then the profile suite (Flight Recorder on the server), then stops both servers;
#   5. runs the JMH microbenchmarks (pinned to the server's CPU, now idle);
#   6. writes BENCHMARKS.md (with hubs-benchmarks/src/report/analysis.md as its Analysis) and docs/benchmarks.png.
# Raw outputs stay in hubs-benchmarks/target/bench-results. Loopback only; every step is bounded in time.
#
# Environment: BENCH_HTTP_PORT (9780), BENCH_SOCKETIO_PORT (9781), BENCH_SERVER_NAME (benchServer, the Liberty server's
# name: runs beside other checkouts need their own ports and name), BENCH_SERVER_CPU (0), BENCH_CLIENT_CPU (1),
# BENCH_WAIT_QUIET (900), BENCH_QUIET_LOAD (0.5), BENCH_SKIP_BUILD (unset), BENCH_SKIP_JMH (unset),
# BENCH_SKIP_PROFILE (unset), MVN_ARGS (extra Maven arguments, e.g. -o), BENCH_REPORT_ONLY (set: only step 6, from the
# outputs of the last run, e.g. after editing src/report/analysis.md).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
MODULE="$ROOT/hubs-benchmarks"
OUT="$MODULE/target/bench-results"
PORT="${BENCH_HTTP_PORT:-9780}"
SIO_PORT="${BENCH_SOCKETIO_PORT:-9781}"
SERVER_CPU="${BENCH_SERVER_CPU:-0}"
CLIENT_CPU="${BENCH_CLIENT_CPU:-1}"
WAIT_QUIET="${BENCH_WAIT_QUIET:-900}"
QUIET_LOAD="${BENCH_QUIET_LOAD:-0.5}"
WLP="$MODULE/target/liberty/wlp"
SERVER_NAME="${BENCH_SERVER_NAME:-benchServer}"
COMMAND="hubs-benchmarks/run-benchmarks.sh"

log() { echo "[bench $(date +%H:%M:%S)] $*"; }

report() {
  log "writing BENCHMARKS.md and docs/benchmarks.png"
  local args=(--results "$OUT/results.json" --jfr-dir "$OUT/jfr" --analysis "$MODULE/src/report/analysis.md"
    --out "$ROOT/BENCHMARKS.md" --chart "$ROOT/docs/benchmarks.png" --chart-link docs/benchmarks.png
    --command "$COMMAND")
  [[ -f "$OUT/jmh.json" ]] && args+=(--jmh "$OUT/jmh.json")
  # The soak runs on its own (run-soak.sh); its last section is kept as it is.
  [[ -f "$MODULE/src/report/soak.md" ]] && args+=(--soak "$MODULE/src/report/soak.md")
  java -Djava.awt.headless=true -cp "$1" dev.hubs.bench.report.Report "${args[@]}"
}

if [[ -n "${BENCH_REPORT_ONLY:-}" ]]; then
  [[ -f "$OUT/results.json" ]] || { echo "no $OUT/results.json: run the benchmarks first" >&2; exit 1; }
  # The report writer as built now (./mvnw -pl hubs-benchmarks -am test-compile), not the copy the run used.
  [[ -f "$MODULE/target/loadgen.classpath" ]] || { echo "build hubs-benchmarks first" >&2; exit 1; }
  report "$MODULE/target/test-classes:$MODULE/target/classes:$(cat "$MODULE/target/loadgen.classpath")"
  exit 0
fi

# ---------------------------------------------------------------- 1. build
cd "$ROOT"
# What is measured: the commit of the Hubs modules, and whether they have local changes.
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
# A private copy of the class path (the other modules' target/classes among it), so that a build of another module
# during the run changes nothing under the load generator or JMH. Liberty runs the packaged WAR, which has its own.
rm -rf "$OUT"
mkdir -p "$OUT/jfr" "$OUT/classpath"
CP=""
i=0
IFS=':' read -r -a ENTRIES <<<"$MODULE/target/test-classes:$MODULE/target/classes:$(cat "$MODULE/target/loadgen.classpath")"
for entry in "${ENTRIES[@]}"; do
  i=$((i + 1))
  copy="$OUT/classpath/$i-$(basename "$entry")"
  cp -r "$entry" "$copy"
  CP="${CP:+$CP:}$copy"
done
LIBERTY_VERSION="$(sed -n 's/^com.ibm.websphere.productVersion=//p' "$WLP/lib/versions/openliberty.properties")"

# ---------------------------------------------------------------- pinning
SERVER_PIN=()
CLIENT_PIN=()
if command -v taskset >/dev/null 2>&1 && [[ "$(nproc --all)" -ge 2 ]]; then
  SERVER_PIN=(taskset -c "$SERVER_CPU")
  CLIENT_PIN=(taskset -c "$CLIENT_CPU")
  PINNING="Liberty and Node pinned to CPU $SERVER_CPU, the load generator to CPU $CLIENT_CPU (taskset); JMH on CPU $SERVER_CPU"
else
  PINNING="none (taskset or a second CPU missing)"
fi
log "pinning: $PINNING"
# 10 000 idle connections need as many file descriptors on each side.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
[[ "$(ulimit -n)" -ge 12000 ]] || log "warning: only $(ulimit -n) file descriptors; the idle scenario needs 10 000+"

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

# ---------------------------------------------------------------- 3. servers
LIBERTY_PID=""
NODE_PID=""
cleanup() {
  set +e
  if [[ -n "$NODE_PID" ]]; then
    kill "$NODE_PID" 2>/dev/null
    wait "$NODE_PID" 2>/dev/null
    NODE_PID=""
  fi
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

log "starting Socket.IO on port $SIO_PORT"
"${SERVER_PIN[@]}" node --expose-gc "$MODULE/target/npm/socketio-server.mjs" "$SIO_PORT" >"$OUT/socketio.log" 2>&1 &
NODE_PID=$!
for _ in $(seq 1 30); do
  grep -q '^listening' "$OUT/socketio.log" && break
  sleep 1
done
grep -q '^listening' "$OUT/socketio.log" || { echo "Socket.IO did not start: $(cat "$OUT/socketio.log")" >&2; exit 1; }

# ---------------------------------------------------------------- 4. load
loadgen() {
  "${CLIENT_PIN[@]}" java -Xms1g -Xmx1g -cp "$CP" dev.hubs.bench.load.LoadGenerator \
    --server "http://127.0.0.1:$PORT" --socketio "http://127.0.0.1:$SIO_PORT" --server-pid "$LIBERTY_PID" \
    --env "pinning=$PINNING" --env "libertyVersion=$LIBERTY_VERSION" --env "loadNote=$LOAD_NOTE" \
    --env "hubsCommit=$HUBS_COMMIT" "$@"
}
log "full suite"
loadgen --suite full --out "$OUT/results.json" || log "some scenarios failed; the report lists them"
if [[ -z "${BENCH_SKIP_PROFILE:-}" ]]; then
  log "profile suite (Flight Recorder)"
  loadgen --suite profile --jfr-dir "$OUT/jfr" --out "$OUT/profile-results.json" || log "profiling failed"
fi
cleanup

# ---------------------------------------------------------------- 5. JMH
if [[ -z "${BENCH_SKIP_JMH:-}" ]]; then
  log "JMH"
  "${SERVER_PIN[@]}" timeout 1200 java -cp "$CP" org.openjdk.jmh.Main 'dev\.hubs\.bench\.jmh\..*' \
    -rf json -rff "$OUT/jmh.json" | tee "$OUT/jmh.log" | grep -E '^(Benchmark|[A-Z][A-Za-z]+Benchmark\.)' || true
fi

# ---------------------------------------------------------------- 6. report
report "$CP"
log "done"
