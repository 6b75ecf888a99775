#!/usr/bin/env bash
# Fuzzes everything in hubs-core that reads a client's bytes, for a chosen number of minutes per target.
#
#   hubs-core/fuzz.sh [minutes-per-target] [Class#method ...]
#
# Without targets it fuzzes all of them in turn (Jazzer fuzzes one target per JVM). A finding fails the run and
# leaves its input under src/test/resources/dev/hubs/core/fuzz/<Class>Inputs/<method>/, where every normal build
# replays it from then on. Reaching the time limit without a finding is a success.
set -uo pipefail
cd "$(dirname "$0")/.."
MINUTES="${1:-5}"
shift || true
TARGETS=("$@")
if [ "${#TARGETS[@]}" -eq 0 ]; then
  TARGETS=(ProtocolFuzzTest#parseRecord ProtocolFuzzTest#parseHandshake ProtocolFuzzTest#negotiateVersion
           ReceivePathFuzzTest#receive)
fi
./mvnw -q -pl hubs-api,hubs-core test-compile || exit 1  # resolve and compile once, online
status=0
for target in "${TARGETS[@]}"; do
  echo "== fuzzing $target for $MINUTES minute(s)"
  JAZZER_FUZZ=1 timeout --signal=INT "$((MINUTES * 60))" \
    ./mvnw -q -o -pl hubs-api,hubs-core test -Dtest="$target" -Dsurefire.failIfNoSpecifiedTests=false
  code=$?
  if [ "$code" -eq 124 ] || [ "$code" -eq 130 ] || [ "$code" -eq 0 ]; then
    echo "== $target: no finding"
  else
    echo "== $target: FINDING (exit $code), see the test output above"
    status=1
  fi
done
exit $status
