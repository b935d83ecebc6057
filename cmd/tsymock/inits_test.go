//go:build unix

package main

import (
	"os/exec"
	"regexp"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// initLine is a line of GODEBUG=inittrace=1 about one of tsymock's
// packages: its init, what it cost and allocated.
var initLine = regexp.MustCompile(`(?m)^init (github\.com/tsymock/tsymock\S*) @\S+ ms, \S+ ms clock, (\d+) bytes, (\d+) allocs$`)

// TestOwnInitsAreSmall guards the start (issue 18): tsymock's own packages
// compile no regular expression and build no table when the binary starts,
// for every command; what they need is made on first use (sync.OnceValue).
// Allocations, which do not depend on the machine's load, are the measure.
func TestOwnInitsAreSmall(t *testing.T) {
	cmd := exec.Command(tsymockBinary(t), "version")
	cmd.Env = []string{"GODEBUG=inittrace=1"}
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s", out)
	inits := initLine.FindAllStringSubmatch(string(out), -1)
	require.NotEmpty(t, inits, "the trace names none of tsymock's packages:\n%s", out)
	for _, m := range inits {
		pkg, bytes := m[1], atoi(t, m[2])
		t.Run(pkg, func(t *testing.T) {
			assert.LessOrEqual(t, bytes, 1024, "bytes allocated by the init of %s", pkg)
		})
	}
}

func atoi(t *testing.T, s string) int {
	t.Helper()
	n, err := strconv.Atoi(s)
	require.NoError(t, err)
	return n
}
