#!/usr/bin/env bash
# The cross-server broadcast through Redis, against the same broadcast on one server.
#
#   hubs-benchmarks/run-cluster-benchmark.sh     (from anywhere; about 5 minutes)
#
# What it does (see hubs-benchmarks/README.md, "Cross-server broadcast"):
#   1. builds the module and what it needs (./mvnw verify, only the cross-server smoke test), which lays Open Liberty
#      down in hubs-benchmarks/target/liberty with the benchmark WAR (it carries hubs-redis, off unless configured);
#   2. starts a redis-server on BENCH_REDIS_PORT, the build's benchServer (no Redis) on BENCH_HTTP_PORT, and two
#      copies of it, clusterA and clusterB, with mpConfig on and HUBS_REDIS_URI set, on BENCH_CLUSTER_PORT_A/_B;
#      all pinned to CPU BENCH_SERVER_CPU, the load generator to CPU BENCH_CLIENT_CPU, where taskset and two CPUs are;
#   3. runs dev.hubs.bench.load.ClusterBenchmark: one sender, BENCH_CLUSTER_RECEIVERS receivers, on one server without
#      Redis, on one server with the backplane on, and on two servers (receivers split) through Redis;
#   4. stops everything it started (also when interrupted) and prints the table, kept in
#      hubs-benchmarks/target/bench-results/cluster.md with the raw cluster.json.
# Loopback only; every step is bounded in time.
#
# Environment: BENCH_HTTP_PORT (9780), BENCH_CLUSTER_PORT_A (9784), BENCH_CLUSTER_PORT_B (9785), BENCH_REDIS_PORT
# (9786), BENCH_SERVER_CPU (0), BENCH_CLIENT_CPU (1), BENCH_CLUSTER_RECEIVERS (1000), BENCH_CLUSTER_ROUNDS (3),
# BENCH_SKIP_BUILD (unset), MVN_ARGS (extra Maven arguments, e.g. -o).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
MODULE="$ROOT/hubs-benchmarks"
OUT="$MODULE/target/bench-results"
PORT="${BENCH_HTTP_PORT:-9780}"
PORT_A="${BENCH_CLUSTER_PORT_A:-9784}"
PORT_B="${BENCH_CLUSTER_PORT_B:-9785}"
REDIS_PORT="${BENCH_REDIS_PORT:-9786}"
SERVER_CPU="${BENCH_SERVER_CPU:-0}"
CLIENT_CPU="${BENCH_CLIENT_CPU:-1}"
RECEIVERS="${BENCH_CLUSTER_RECEIVERS:-1000}"
ROUNDS="${BENCH_CLUSTER_ROUNDS:-3}"
WLP="$MODULE/target/liberty/wlp"
SINGLE=benchServer

log() { echo "[cluster $(date +%H:%M:%S)] $*"; }

# ---------------------------------------------------------------- 1. build
cd "$ROOT"
if [[ -z "${BENCH_SKIP_BUILD:-}" ]]; then
  log "building (./mvnw verify of hubs-benchmarks and what it needs; the cross-server smoke run only)"
  # shellcheck disable=SC2086
  ./mvnw -q ${MVN_ARGS:-} -pl hubs-benchmarks -am verify -Dbench.http.port="$PORT" -Dtest=NONE \
    -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=ClusterBenchmarkSmokeIT
fi
[[ -x "$WLP/bin/server" && -f "$WLP/usr/servers/$SINGLE/apps/bench.war" ]] \
  || { echo "no Liberty with the benchmark WAR at $WLP: run without BENCH_SKIP_BUILD" >&2; exit 1; }
command -v redis-server >/dev/null || { echo "redis-server is missing (apt-get install -y redis-server)" >&2; exit 1; }
mkdir -p "$OUT"
CP="$MODULE/target/test-classes:$MODULE/target/classes:$(cat "$MODULE/target/loadgen.classpath")"

SERVER_PIN=()
CLIENT_PIN=()
if command -v taskset >/dev/null 2>&1 && [[ "$(nproc --all)" -ge 2 ]]; then
  SERVER_PIN=(taskset -c "$SERVER_CPU")
  CLIENT_PIN=(taskset -c "$CLIENT_CPU")
fi

# ---------------------------------------------------------------- 2. Redis and three servers
REDIS_PID=""
STARTED=()
cleanup() {
  set +e
  for server in "${STARTED[@]}"; do
    log "stopping $server"
    timeout 90 "$WLP/bin/server" stop "$server" >/dev/null 2>&1
  done
  if [[ -n "$REDIS_PID" ]]; then
    kill "$REDIS_PID" 2>/dev/null
    wait "$REDIS_PID" 2>/dev/null
  fi
}
trap cleanup EXIT

for server in "$SINGLE" clusterA clusterB; do
  if "$WLP/bin/server" status "$server" >/dev/null 2>&1; then
    echo "Liberty server $server is already running; stop it first ($WLP/bin/server stop $server)" >&2
    exit 1
  fi
done

log "starting redis-server on port $REDIS_PORT"
"${SERVER_PIN[@]}" redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --daemonize no \
  >"$OUT/redis.log" 2>&1 &
REDIS_PID=$!
for _ in $(seq 1 50); do
  grep -q 'Ready to accept connections' "$OUT/redis.log" && break
  sleep 0.2
done
grep -q 'Ready to accept connections' "$OUT/redis.log" || { echo "redis-server did not start: $(cat "$OUT/redis.log")" >&2; exit 1; }

# clusterA and clusterB: the build's benchServer with MicroProfile Config on, the Redis URI in server.env and their
# own port (the plugin's variable file would set benchServer's port: it is left out).
make_cluster_server() {
  local name="$1" port="$2" dir="$WLP/usr/servers/$1"
  rm -rf "$dir"
  mkdir -p "$dir/configDropins/overrides"
  cp "$WLP/usr/servers/$SINGLE/server.xml" "$WLP/usr/servers/$SINGLE/jvm.options" "$dir/"
  cp -r "$WLP/usr/servers/$SINGLE/apps" "$dir/apps"
  cat >"$dir/configDropins/overrides/cluster.xml" <<XML
<server>
    <featureManager>
        <feature>mpConfig-3.1</feature>
    </featureManager>
    <variable name="bench.http.port" value="$port"/>
</server>
XML
  printf 'HUBS_REDIS_URI=redis://127.0.0.1:%s\nHUBS_REDIS_CHANNEL_PREFIX=bench-cluster\n' "$REDIS_PORT" >"$dir/server.env"
}
make_cluster_server clusterA "$PORT_A"
make_cluster_server clusterB "$PORT_B"

for entry in "$SINGLE:$PORT" "clusterA:$PORT_A" "clusterB:$PORT_B"; do
  server="${entry%%:*}"
  port="${entry##*:}"
  log "starting $server on port $port"
  "${SERVER_PIN[@]}" "$WLP/bin/server" start "$server" >/dev/null
  STARTED+=("$server")
  for _ in $(seq 1 90); do
    curl -sf "http://127.0.0.1:$port/stats" >/dev/null && break
    sleep 1
  done
  curl -sf "http://127.0.0.1:$port/stats" >/dev/null || { echo "$server does not answer on $port" >&2; exit 1; }
done
grep -q HUBS3001I "$WLP/usr/servers/clusterA/logs/messages.log" \
  || { echo "clusterA did not connect to Redis: see its messages.log" >&2; exit 1; }

# ---------------------------------------------------------------- 3. load
log "cross-server broadcast: $RECEIVERS receivers, $ROUNDS rounds"
"${CLIENT_PIN[@]}" java -Xms1g -Xmx1g -cp "$CP" dev.hubs.bench.load.ClusterBenchmark \
  --single "http://127.0.0.1:$PORT" --server-a "http://127.0.0.1:$PORT_A" --server-b "http://127.0.0.1:$PORT_B" \
  --receivers "$RECEIVERS" --rounds "$ROUNDS" --warmup 3 --measure 5 \
  --out "$OUT/cluster.json" --report "$OUT/cluster.md"
log "results in $OUT/cluster.md and $OUT/cluster.json"
