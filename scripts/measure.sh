#!/usr/bin/env bash
# measure: the numbers the README quotes, from the binary "make build" makes
# (the one in the image): time from process start to the JSON ready line
# (median of N runs), binary size, and memory (RSS) once started and idle.
# The same clock around /bin/echo shows what starting any process costs on
# the machine, since that is part of every start.
#
#   scripts/measure.sh            # 20 runs
#   RUNS=50 scripts/measure.sh
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${RUNS:-20}
idle=${IDLE_SECONDS:-1}
work=$(mktemp -d "${TMPDIR:-/tmp}/tsymock-measure.XXXXXX")
pid=""
cleanup() {
	if [ -n "$pid" ]; then kill -KILL "$pid" 2>/dev/null || true; fi
	rm -rf "$work"
}
trap cleanup EXIT

bin=$work/tsymock
make -s build BIN="$bin" >/dev/null

# start CMD...: run CMD with an empty environment and wait for its first
# line of stdout, read through a FIFO (no polling). Sets pid, line and ms
# (milliseconds from just before the fork to the line).
start() {
	local fifo=$work/stdout t0 t1
	rm -f "$fifo"
	mkfifo "$fifo"
	t0=$EPOCHREALTIME
	env -i "$@" >"$fifo" 2>/dev/null &
	pid=$!
	exec 3<"$fifo"
	IFS= read -r line <&3 || line=""
	t1=$EPOCHREALTIME
	exec 3<&-
	ms=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", (b - a) * 1000 }')
}

# stats: "median M ms (min A, max B)" of the numbers on stdin.
stats() {
	sort -n | awk '{ v[NR] = $1 } END {
		m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
		printf "median %.1f (min %.1f, max %.1f)", m, v[1], v[NR] }'
}

base_ms=()
for _ in $(seq 1 "$runs"); do
	start /bin/echo ready
	wait "$pid" || true
	pid=""
	base_ms+=("$ms")
done

ready_ms=()
rss_kib=()
for _ in $(seq 1 "$runs"); do
	start "$bin" serve --addr 127.0.0.1:0
	case $line in '{"event":"ready"'*) ;; *) echo "measure: no ready line (got: $line)" >&2; exit 1 ;; esac
	ready_ms+=("$ms")
	sleep "$idle"
	rss_kib+=("$(awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status")")
	kill -TERM "$pid"
	rc=0
	wait "$pid" || rc=$?
	pid=""
	[ "$rc" = 0 ] || { echo "measure: exit code $rc after SIGTERM" >&2; exit 1; }
done

size=$(stat -c %s "$bin")
cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)
echo "tsymock $("$bin" version | cut -d' ' -f2), $(go env GOVERSION) $(go env GOOS)/$(go env GOARCH), $runs runs"
echo "machine:             $(nproc) cores${cpu:+, $cpu}, Linux $(uname -r)"
echo "start to ready line: $(printf '%s\n' "${ready_ms[@]}" | stats) ms"
echo "  /bin/echo, same clock: $(printf '%s\n' "${base_ms[@]}" | stats) ms"
echo "binary size:         $size bytes ($(awk -v s="$size" 'BEGIN { printf "%.1f", s / 1048576 }') MiB; the image adds an empty /tmp)"
echo "idle memory (RSS):   $(printf '%s\n' "${rss_kib[@]}" | stats | sed 's/\.0//g') KiB, ${idle}s after the ready line"
