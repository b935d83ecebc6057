#!/usr/bin/env bash
# measure: the numbers the README quotes, from the binary "make build" makes
# (the one in the image): the start time, binary size, and memory (RSS) once
# started and idle.
#
# The start is timed by scripts/startclock, a Go program: from just before
# the fork (os/exec, an empty environment, no shell or env(1) in between) to
# the JSON ready line read from a pipe, and to the answer to a first signed
# call. Each start of tsymock takes turns with one of /bin/echo on the same
# clock, in BATCHES batches of RUNS, so that what starting any process costs
# at that moment, on a machine other jobs share, is beside it; the load
# average is printed with them.
#
#   scripts/measure.sh                    # 3 batches of 20 starts
#   RUNS=50 BATCHES=5 scripts/measure.sh
#   RT=1 scripts/measure.sh               # time the starts in the real-time class
#                                         # (SCHED_FIFO; Linux, CAP_SYS_NICE): on a
#                                         # shared machine, the other jobs wait
set -euo pipefail
cd "$(dirname "$0")/.."

GO=${GO:-go}
work=$(mktemp -d "${TMPDIR:-/tmp}/tsymock-measure.XXXXXX")
trap 'rm -rf "$work"' EXIT

bin=$work/tsymock
make -s build BIN="$bin" >/dev/null
"$GO" build -o "$work/startclock" ./scripts/startclock

echo "tsymock $("$bin" version | cut -d' ' -f2), Linux $(uname -r)"
rt=()
[ -n "${RT:-}" ] && rt=(-rt)
"$work/startclock" -bin "$bin" -runs "${RUNS:-20}" -batches "${BATCHES:-3}" -idle "${IDLE:-1s}" "${rt[@]}"
size=$(stat -c %s "$bin")
echo "binary size: $size bytes ($(awk -v s="$size" 'BEGIN { printf "%.1f", s / 1048576 }') MiB; the image adds an empty /tmp)"
