//go:build unix

package main

import (
	"bufio"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/creack/pty"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tsymock/tsymock/internal/testtool"
)

// TestBannerOnATerminal runs the binary with its stdout on a pseudo-terminal,
// as a person's shell has it, and on a pipe, as a script or CI has it: the
// JSON ready line is on stdout either way, the banner on stderr only for the
// terminal and text logs.
func TestBannerOnATerminal(t *testing.T) {
	for _, tc := range []struct {
		name     string
		terminal bool
		args     []string
		banner   bool
	}{
		{"a terminal: the banner", true, nil, true},
		{"a terminal, JSON logs: none", true, []string{"--log-format", "json"}, false},
		{"a terminal, --banner off: none", true, []string{"--banner", "off"}, false},
		{"a pipe: none", false, nil, false},
		{"a pipe, --banner on: the banner", false, []string{"--banner", "on"}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cmd := exec.Command(tsymockBinary(t), append([]string{"serve", "--addr", "127.0.0.1:0"}, tc.args...)...)
			stderr := &testtool.Buffer{}
			cmd.Stderr = stderr
			stdout := startWithStdout(t, cmd, tc.terminal)
			line, err := bufio.NewReader(stdout).ReadString('\n')
			require.NoError(t, err)
			var ready readyLine
			require.NoError(t, json.Unmarshal([]byte(strings.TrimSpace(line)), &ready), "stdout: %q", line)
			assert.Equal(t, "ready", ready.Event)
			require.NoError(t, cmd.Process.Signal(syscall.SIGTERM))
			require.NoError(t, waitExit(cmd, 10*time.Second))
			if tc.banner {
				assert.Contains(t, stderr.String(), "server URL  http://"+ready.Addr)
				assert.Contains(t, stderr.String(), "web page    http://"+ready.Addr+"/__tsymock/")
			} else {
				assert.NotContains(t, stderr.String(), "server URL")
			}
		})
	}
}

// startWithStdout starts cmd with its stdout on a new pseudo-terminal, or a
// pipe, and returns the end this test reads.
func startWithStdout(t *testing.T, cmd *exec.Cmd, terminal bool) io.Reader {
	t.Helper()
	var read io.ReadCloser
	var write *os.File
	var err error
	if terminal {
		read, write, err = pty.Open()
	} else {
		read, write, err = os.Pipe()
	}
	require.NoError(t, err)
	t.Cleanup(func() { _ = read.Close() })
	cmd.Stdout = write
	require.NoError(t, cmd.Start())
	t.Cleanup(func() { _ = cmd.Process.Kill() })
	require.NoError(t, write.Close()) // the child has its own
	return read
}

// waitExit waits for cmd, which must exit with 0 within d.
func waitExit(cmd *exec.Cmd, d time.Duration) error {
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		return err
	case <-time.After(d):
		return os.ErrDeadlineExceeded
	}
}
