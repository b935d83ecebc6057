//go:build linux

package e2e

import (
	"fmt"
	"os"
	"os/exec"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/mock"
)

// fewFilesEnv makes the test binary run TestFewFilesChild, in a process
// of its own whose file descriptors are limited.
const fewFilesEnv = "TSYMOCK_E2E_FEW_FILES"

// TestNotificationsUnderFewFiles: with 300 order notifications owed to a
// backUrl that never answers and only 256 file descriptors, the server
// keeps accepting and answers a call at once, and no attempt fails for
// want of a descriptor. Before the worker pool every due attempt held a
// connection of its own: 3,000 orders under ulimit -n 1024 made accept
// fail 16 times, stalled a call 9.3 s and burnt about 1,990 retries on
// EMFILE.
func TestNotificationsUnderFewFiles(t *testing.T) {
	t.Parallel()
	cmd := exec.Command(os.Args[0], "-test.run=^TestFewFilesChild$", "-test.v", "-test.count=1")
	cmd.Env = append(os.Environ(), fewFilesEnv+"=1")
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s", out)
	assert.Contains(t, string(out), "--- PASS: TestFewFilesChild")
}

// TestFewFilesChild is TestNotificationsUnderFewFiles's child process.
func TestFewFilesChild(t *testing.T) {
	if os.Getenv(fewFilesEnv) == "" {
		t.Skip("run by TestNotificationsUnderFewFiles in a process of its own")
	}
	const orders, files = 300, 256
	var lim syscall.Rlimit
	require.NoError(t, syscall.Getrlimit(syscall.RLIMIT_NOFILE, &lim))
	require.NoError(t, syscall.Setrlimit(syscall.RLIMIT_NOFILE, &syscall.Rlimit{Cur: files, Max: lim.Max}))

	hang, release := hangingServer(nil)
	defer release()
	e := newNotifyEnv(t, func(cfg *mock.Config) {
		cfg.Notify = mock.NotifyConfig{Schedule: fastSchedule(), Timeout: time.Minute, AllowHosts: []string{"127.0.0.1"}}
	})
	c := e.orders(t)
	for i := range orders {
		c.paidConsume(fmt.Sprintf("h%d", i), hang.URL+"/notify")
	}
	time.Sleep(time.Second) // every first attempt is due

	start := time.Now()
	require.NoError(t, createMember(t, c.Client, "still-served"))
	assert.Less(t, time.Since(start), 2*time.Second, "a call is answered at once")
	list := e.srv.Notifications(e.SysID)
	require.Len(t, list, orders)
	for _, n := range list {
		for _, a := range n.Attempts {
			assert.NotContains(t, a.Error, "too many open files", "%s: no attempt is spent on a local shortage", n.ID)
		}
	}
	assert.NotContains(t, e.Log.String(), "too many open files")
}
