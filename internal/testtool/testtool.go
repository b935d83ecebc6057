// Package testtool finds the outside programs some tests need (chromium,
// keytool, openssl, php, javac, node). In CI (CI=true, which .ci/run sets
// and which .ci/run installs them for) a missing program fails the test; on
// a laptop the test is skipped with the command that installs it, so that
// `make test` passes on a fresh machine and says what it did not run.
// Parallel runs a test's parallel jobs and gathers what each returns.
package testtool

import (
	"os"
	"os/exec"
	"sync"
	"testing"
)

// Need returns the path of the first of names found on PATH (or as a path),
// or stops the test: Fatal in CI, Skip elsewhere, naming install.
func Need(t testing.TB, install string, names ...string) string {
	t.Helper()
	for _, name := range names {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	msg := names[0] + " is not installed; install it with: " + install + " (.ci/run does this in CI)"
	if InCI() {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

// InCI reports whether the tests run in CI, where no tool may be missing.
func InCI() bool {
	v := os.Getenv("CI")
	return v == "true" || v == "1"
}

// Parallel runs fn for every key at once, each in its own goroutine, and
// returns what each returned, by key: the parallel CI jobs of a test.
func Parallel[T any](keys []string, fn func(key string) T) map[string]T {
	out := make(map[string]T, len(keys))
	var mu sync.Mutex
	var wg sync.WaitGroup
	for _, k := range keys {
		wg.Go(func() {
			v := fn(k)
			mu.Lock()
			out[k] = v
			mu.Unlock()
		})
	}
	wg.Wait()
	return out
}
