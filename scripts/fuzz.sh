#!/usr/bin/env bash
# Runs every fuzz target of the module for FUZZTIME each (the seed corpora
# also run in plain `go test`). A crasher is written to the package's
# testdata/fuzz and fails the run, as does a committed seed or regression
# input that fails (reported at once, not retried). A run that fails without
# either (the fuzzing engine's own "worker hung" or "terminated" on a loaded
# machine) is shown and tried once more, so CI reports real findings, not
# scheduling.
set -uo pipefail
go=${GO:-go}
fuzztime=${FUZZTIME:-5s}
out=$(mktemp)
trap 'rm -f "$out"' EXIT

run() { # pkg target
  "$go" test -run '^$' -fuzz "^$2\$" -fuzztime "$fuzztime" -fuzzminimizetime 1s "$1" >"$out" 2>&1
}

for pkg in $("$go" list ./...); do
  dir=$("$go" list -f '{{.Dir}}' "$pkg")
  for t in $("$go" test -list '^Fuzz' "$pkg" | grep '^Fuzz'); do
    echo "fuzz $pkg $t"
    # Every target starts from a committed corpus (docs/reliability.md#fuzzing).
    if ! compgen -G "$dir/testdata/fuzz/$t/*" >/dev/null; then
      echo "  $t has no committed seed corpus: add inputs to ${dir#"$PWD"/}/testdata/fuzz/$t/" >&2
      exit 1
    fi
    run "$pkg" "$t" && continue
    if grep -q -e 'Failing input written to' -e 'failure while testing seed corpus entry' "$out"; then
      cat "$out"
      exit 1
    fi
    echo "  the fuzzing engine failed without a crasher; its output, then one more try:"
    tail -20 "$out" | sed 's/^/  | /'
    run "$pkg" "$t" || { cat "$out"; exit 1; }
  done
done
