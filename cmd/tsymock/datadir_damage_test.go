//go:build unix

package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/client"
	"github.com/tsymock/tsymock/internal/emulator"
)

// dataDirWithMembers is a data dir holding n members created one by one,
// the log's path, and their ids in creation order.
func dataDirWithMembers(t *testing.T, n int) (string, string, []string) {
	t.Helper()
	dir := t.TempDir()
	p := startBinary(t, "--data-dir", dir)
	c := demoClient(t, p)
	var ids []string
	for i := range n {
		id := fmt.Sprintf("m%03d", i)
		_, err := c.CreateMember(context.Background(), client.CreateMemberRequest{BizUserID: id,
			MemberType: client.MemberPersonal, Source: client.SourceMobile})
		require.NoError(t, err)
		ids = append(ids, id)
	}
	require.Equal(t, 0, p.stop(t, syscall.SIGTERM))
	return dir, filepath.Join(dir, "tsymock.wal"), ids
}

// memberIDs lists the members of the demo app.
func memberIDs(t *testing.T, p *proc) []string {
	t.Helper()
	var members []emulator.MemberView
	stateView(t, p, "members", &members)
	var ids []string
	for _, m := range members {
		ids = append(ids, m.BizUserID)
	}
	return ids
}

// logged waits until p's stderr has text: the ready line on stdout can
// come before the lines written to stderr are copied.
func logged(t *testing.T, p *proc, text string) {
	t.Helper()
	require.Eventually(t, func() bool { return strings.Contains(p.stderr.String(), text) }, 5*time.Second,
		10*time.Millisecond, "stderr: %s", p.stderr)
}

// TestDataDirDamage is the end-to-end regression test of the outside
// probe's finding: a bit flipped in the middle of the log made tsymock
// start with the members before it, cut the log there (the rest lost for
// good) and call it a torn end. Now it refuses to start, names the file,
// the byte and the record, and leaves the file as it was;
// --data-dir-recover (here from its environment variable) sets the file
// aside unchanged and starts with exactly the members before the damage,
// which a plain restart then keeps.
func TestDataDirDamage(t *testing.T) {
	dir, path, ids := dataDirWithMembers(t, 40)
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	b[len(b)/2] ^= 1
	require.NoError(t, os.WriteFile(path, b, 0o600))

	code, out := tsymockCmd(t, "serve", "--addr", "127.0.0.1:0", "--data-dir", dir)
	assert.Equal(t, 1, code, out)
	t.Logf("refused:\n%s", out)
	assert.Contains(t, out, path+" is damaged at byte ")
	assert.Contains(t, out, "(record ")
	assert.Contains(t, out, "--data-dir-recover")
	unchanged, err := os.ReadFile(path)
	require.NoError(t, err)
	require.Equal(t, b, unchanged, "a refused start changes nothing")

	cmd := exec.Command(tsymockBinary(t), "serve", "--addr", "127.0.0.1:0", "--data-dir", dir)
	cmd.Env = append(os.Environ(), "TSYMOCK_DATA_DIR_RECOVER=true")
	p := startCmd(t, cmd)
	logged(t, p, "set the damaged log aside")
	t.Logf("recovered:\n%s", p.stderr)
	aside, err := filepath.Glob(path + ".damaged-*")
	require.NoError(t, err)
	require.Len(t, aside, 1)
	assert.Contains(t, p.stderr.String(), aside[0], "the new name is logged")
	kept, err := os.ReadFile(aside[0])
	require.NoError(t, err)
	assert.Equal(t, b, kept, "set aside as it was")
	got := memberIDs(t, p)
	require.NotEmpty(t, got)
	require.Less(t, len(got), len(ids))
	assert.ElementsMatch(t, ids[:len(got)], got, "exactly the members before the damage")
	require.Equal(t, 0, p.stop(t, syscall.SIGTERM))

	again := startBinary(t, "--data-dir", dir)
	assert.ElementsMatch(t, got, memberIDs(t, again))
	_, err = demoClient(t, again).CreateMember(context.Background(), client.CreateMemberRequest{BizUserID: "after",
		MemberType: client.MemberPersonal, Source: client.SourceMobile})
	require.NoError(t, err)
	require.Equal(t, 0, again.stop(t, syscall.SIGTERM))
}

// TestDataDirTornEnd: the torn end a crash leaves (the file ends inside the
// last record) is dropped with a warning that says what it was, and the
// rest is kept, without --data-dir-recover.
func TestDataDirTornEnd(t *testing.T) {
	dir, path, ids := dataDirWithMembers(t, 10)
	st, err := os.Stat(path)
	require.NoError(t, err)
	require.NoError(t, os.Truncate(path, st.Size()-5))
	p := startBinary(t, "--data-dir", dir)
	logged(t, p, "dropped the torn end of the log")
	assert.Contains(t, p.stderr.String(), "a record cut short")
	assert.ElementsMatch(t, ids[:9], memberIDs(t, p))
}

func TestDataDirRecoverNeedsDataDir(t *testing.T) {
	code, out := tsymockCmd(t, "serve", "--addr", "127.0.0.1:0", "--data-dir-recover")
	assert.Equal(t, 1, code)
	assert.Contains(t, out, "--data-dir-recover needs --data-dir")
}
