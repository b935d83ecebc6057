#!/usr/bin/env bash
# make bench: every Go benchmark, then the benchmark program tools/bench,
# which starts its own servers on loopback and prints the figures
# docs/performance.md reports: throughput against the crypto floor, the
# HTTP limit and WireMock, the scaling from 1,000 to 1,000,000 members, and
# memory. WireMock's jar is installed into bin/ from npm first
# (scripts/wiremock.sh); without npm or Java its row is skipped.
#
# Environment: BENCHTIME (go test -benchtime, default 1s), DURATION (each
# server's timed load, default 20s, in ROUNDS turns, default 4: the runs
# compared take turns, the crypto floor timed before each turn of the
# createMember runs, so that the rest of the machine's load and the
# garbage collections of the large state fall on them alike), CONNS
# (default 8), MEMORY_REQUESTS (canned
# requests before the memory reading, default 1000000; 0 skips it),
# PROFILE_DIR (CPU profiles of the servers under load), WIREMOCK_WARMUP
# (the longest WireMock is warmed up before its timed turns, until its JIT
# compilers are idle; default 120s), WIREMOCK_JAR
# (default bin/wiremock-standalone.jar), SERVER_CPUS (the
# CPUs the suite pins every server to, the load generator keeping the
# others: a list such as 2-3, default auto, half of them on Linux with 2
# CPUs or more; none shares all the cores), QUIET_WAIT (seconds to wait for
# the machine to calm down first, default 60), OUT (default bin/bench:
# go-bench.txt, suite.json, suite.txt).
set -euo pipefail
cd "$(dirname "$0")/.."

GO=${GO:-go}
BENCHTIME=${BENCHTIME:-1s}
DURATION=${DURATION:-20s}
ROUNDS=${ROUNDS:-4}
CONNS=${CONNS:-8}
MEMORY_REQUESTS=${MEMORY_REQUESTS:-1000000}
SERVER_CPUS=${SERVER_CPUS:-auto}
WIREMOCK_WARMUP=${WIREMOCK_WARMUP:-120s}
WIREMOCK_JAR=${WIREMOCK_JAR:-bin/wiremock-standalone.jar}
QUIET_WAIT=${QUIET_WAIT:-60}
OUT=${OUT:-bin/bench}
mkdir -p "$OUT"

load1() { cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo 0; }

# The figures are only worth something on an otherwise idle machine: any
# other job takes CPU time from the servers or the load generator, even
# when the suite gives each CPUs of their own.
waited=0
while awk -v l="$(load1)" 'BEGIN { exit !(l > 0.5) }' && [ "$waited" -lt "$QUIET_WAIT" ]; do
  [ "$waited" -eq 0 ] && echo "waiting up to ${QUIET_WAIT}s for the load average ($(load1)) to fall below 0.5..."
  sleep 5
  waited=$((waited + 5))
done
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), load average $(load1)"

echo "== Go benchmarks (-benchtime $BENCHTIME)"
$GO test -run '^$' -bench . -benchmem -benchtime "$BENCHTIME" ./... | tee "$OUT/go-bench.txt"

echo "== load suite (each server $DURATION in $ROUNDS turns, $CONNS connections, server CPUs $SERVER_CPUS)"
WIREMOCK_JAR="$WIREMOCK_JAR" scripts/wiremock.sh || echo "WireMock could not be installed: the suite skips its row"
$GO build -o bin/tsymock ./cmd/tsymock
$GO build -o bin/tsymock-bench ./tools/bench
args=(--tsymock bin/tsymock --duration "$DURATION" --rounds "$ROUNDS" --conns "$CONNS" --memory-requests "$MEMORY_REQUESTS"
  --server-cpus "$SERVER_CPUS" --wiremock-jar "$WIREMOCK_JAR" --wiremock-warmup "$WIREMOCK_WARMUP"
  --json-out "$OUT/suite.json")
if [ -n "${PROFILE_DIR:-}" ]; then
  args+=(--profile-dir "$PROFILE_DIR")
fi
bin/tsymock-bench "${args[@]}" | tee "$OUT/suite.txt"
