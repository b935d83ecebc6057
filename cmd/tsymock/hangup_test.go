package main

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestHangupReloadsAndServesOn: SIGHUP reloads the scenario files and the
// server goes on: a call in flight (in a scenario delay) is answered, new
// calls are served, the ready file stays; SIGTERM then ends it with 0.
// Before, SIGHUP killed it in 10 ms (exit 129), dropping the call in
// flight and leaving the ready file.
func TestHangupReloadsAndServesOn(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	rules := filepath.Join(dir, "slow.yaml")
	require.NoError(t, os.WriteFile(rules, []byte(`rules:
  - name: slow member
    when: {service: MemberService, method: createMember, param: {bizUserId: slow}}
    respond: {delay: 1s}
`), 0o644))
	readyPath := filepath.Join(dir, "ready.json")
	p := startBinary(t, "--scenarios", rules, "--ready-file", readyPath)

	slow := openRequest(t, p.ready.Addr, "slow")
	slow.sendBody(t)
	require.NoError(t, p.cmd.Process.Signal(syscall.SIGHUP))
	logged(t, p, "SIGHUP: scenario files reloaded")
	select {
	case code := <-p.exited:
		t.Fatalf("SIGHUP ended the server (%d); stderr: %s", code, p.stderr)
	case <-time.After(100 * time.Millisecond):
	}
	slow.assertSignedOK(t, "slow")
	after := openRequest(t, p.ready.Addr, "after-the-hangup")
	after.sendBody(t)
	after.assertSignedOK(t, "after-the-hangup")
	assert.FileExists(t, readyPath)

	assert.Equal(t, 0, p.stop(t, syscall.SIGTERM), "stderr: %s", p.stderr)
	assert.NoFileExists(t, readyPath)
}
