// Command bench is tsymock's benchmark lab, what "make bench" runs after
// the Go benchmarks. It starts its own servers on loopback, each a child
// process pinned to CPUs of its own (Linux), and loads them in turn with
// the load generator of "tsymock load" (internal/load):
//
//   - createMember on tsymock holding 1,000 and 1,000,000 members, against
//     the crypto floor (one RSA verify and one sign per call, timed on a
//     server CPU) and a bare net/http handler that only verifies and signs;
//   - tsymock's canned scenario answer, against a bare net/http handler and
//     a warmed-up WireMock writing the same bytes on the same CPUs.
//
// It prints the ratios docs/performance.md reports, with their targets, the
// CPU time per request of the load generator and of each server, and the
// servers' resident memory.
//
// Why a program of its own under tools/, not a subcommand: CPU pinning
// (sched_setaffinity), reading /proc, starting and stopping child
// processes and a JVM are lab gear. A user of tsymock needs "how fast is
// it on my machine", which "tsymock load" answers against a running
// server; nobody who runs the shipped binary needs the lab. As a main
// package nothing can import it, so "go list -deps ./cmd/tsymock" cannot
// reach it by accident, and tools/ says "part of the source tree, not of
// the release". It keeps to the module's exported API and to
// internal/load; the bare servers it runs are this same program
// ("bench serve-bare canned|crypto").
//
// Usage (make bench builds bin/tsymock and runs this with the
// environment's knobs, see scripts/bench.sh):
//
//	go run ./tools/bench --tsymock bin/tsymock [--duration 20s --rounds 4 --server-cpus auto]
//
// WireMock runs from its standalone jar (scripts/wiremock.sh installs it
// into bin/ from the npm registry) on the java in PATH; without either the
// report says so and skips its row.
package main
