package doctest

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/testtool"
)

// root is the repository, seen from this package's folder.
const root = "../.."

// need returns the path of a tool the test runs (see internal/testtool:
// skipped on a laptop, naming install; a failure in CI).
func need(t *testing.T, tool, install string) string {
	t.Helper()
	return testtool.Need(t, install, tool)
}

// result is what a finished command printed and how it exited.
type result struct {
	out  string // stdout and stderr together
	code int
}

// runIn runs name with args in dir (relative to the repository) with env
// added to the test's environment, within two minutes.
func runIn(t *testing.T, dir string, env []string, name string, args ...string) result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = filepath.Join(root, dir)
	cmd.Env = append(os.Environ(), env...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	if _, exited := err.(*exec.ExitError); err != nil && !exited {
		t.Fatalf("%s %s: %v", name, strings.Join(args, " "), err)
	}
	return result{out: out.String(), code: cmd.ProcessState.ExitCode()}
}

// mustRun is runIn for a command that must succeed.
func mustRun(t *testing.T, dir string, env []string, name string, args ...string) string {
	t.Helper()
	r := runIn(t, dir, env, name, args...)
	require.Equal(t, 0, r.code, "%s %s in %s:\n%s", name, strings.Join(args, " "), dir, r.out)
	return r.out
}

// demoKeys is the folder of the bundled TEST ONLY keys, absolute, for
// programs that run in other folders.
func demoKeys(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs(filepath.Join(root, "keys", "demo"))
	require.NoError(t, err)
	return dir
}

// wrongKeys is a key folder whose merchant key files hold another key (the
// platform's), as when a team configures the wrong file: tsymock answers
// 20019.
func wrongKeys(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	other, err := os.ReadFile(filepath.Join(demoKeys(t), "TEST-ONLY-platform.key.pem"))
	require.NoError(t, err)
	cert, err := os.ReadFile(filepath.Join(demoKeys(t), "TEST-ONLY-platform.cer"))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "TEST-ONLY-100000000002.key.pem"), other, 0o600))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "TEST-ONLY-platform.cer"), cert, 0o600))
	return dir
}
