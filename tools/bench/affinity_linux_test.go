package main

import (
	"os"
	"os/exec"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestPinning: a child started on CPUs runs there with every thread, and
// the process pinned to CPUs is pinned with all of its threads, then let
// go.
func TestPinning(t *testing.T) {
	all, err := threadCPUs(0)
	require.NoError(t, err)
	require.NotEmpty(t, all)
	server := all[len(all)-1:] // with one CPU the pins hold all the same
	child := exec.Command("sleep", "30")
	require.NoError(t, onCPUs(server, child.Start))
	defer func() { _ = child.Process.Kill(); _ = child.Wait() }()
	require.NoError(t, checkPinned(child.Process.Pid, server))
	if len(all) > 1 {
		assert.Error(t, checkPinned(child.Process.Pid, all), "pinned to the server CPU only")
	}
	got, err := threadCPUs(0)
	require.NoError(t, err)
	assert.Equal(t, all, got, "onCPUs gives the thread its CPUs back")

	require.NoError(t, pinProcess(all[:1]))
	err = checkPinned(os.Getpid(), all[:1])
	require.NoError(t, pinProcess(all))
	require.NoError(t, err)
	require.NoError(t, checkPinned(os.Getpid(), all))
}
