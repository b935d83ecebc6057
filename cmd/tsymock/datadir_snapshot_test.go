//go:build unix

package main

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/client"
	"github.com/tsymock/tsymock/internal/wiretest"
)

// addMembers creates members prefix000... one by one and returns their ids.
func addMembers(t *testing.T, p *proc, prefix string, n int) []string {
	t.Helper()
	c := demoClient(t, p)
	var ids []string
	for i := range n {
		id := fmt.Sprintf("%s%03d", prefix, i)
		_, err := c.CreateMember(context.Background(), client.CreateMemberRequest{BizUserID: id,
			MemberType: client.MemberPersonal, Source: client.SourceMobile})
		require.NoError(t, err)
		ids = append(ids, id)
	}
	return ids
}

// waitForSnapshotOfAll waits until the metrics say the newest snapshot
// covers every record logged.
func waitForSnapshotOfAll(t *testing.T, p *proc) {
	t.Helper()
	require.Eventually(t, func() bool {
		resp, err := http.Get("http://" + p.ready.Addr + "/__tsymock/metrics")
		require.NoError(t, err)
		defer resp.Body.Close()
		m := wiretest.ParseMetrics(t, resp.Body)
		return m.Must(t, "tsymock_wal_snapshot_lsn") > 0 && m.Must(t, "tsymock_wal_snapshot_lsn") == m.Must(t, "tsymock_wal_last_lsn")
	}, 10*time.Second, 20*time.Millisecond)
}

// dataDirWithSnapshot is a data dir holding 20 members in a snapshot and
// 20 more in the segment after it, the paths of both, and the members'
// ids in creation order.
func dataDirWithSnapshot(t *testing.T) (dir, snap, seg string, ids []string) {
	t.Helper()
	dir = t.TempDir()
	p := startBinary(t, "--data-dir", dir, "--snapshot-every", "20ms")
	ids = addMembers(t, p, "s", 20)
	waitForSnapshotOfAll(t, p)
	require.Equal(t, 0, p.stop(t, syscall.SIGTERM))
	p = startBinary(t, "--data-dir", dir, "--snapshot-every", "0", "--snapshot-every-bytes", "0")
	ids = append(ids, addMembers(t, p, "t", 20)...)
	require.Equal(t, 0, p.stop(t, syscall.SIGTERM))
	snaps, err := filepath.Glob(filepath.Join(dir, "*.snap"))
	require.NoError(t, err)
	require.Len(t, snaps, 1)
	segs, err := filepath.Glob(filepath.Join(dir, "tsymock-*.wal"))
	require.NoError(t, err)
	require.Len(t, segs, 1, "the segments the snapshot covers are gone")
	return dir, snaps[0], segs[0], ids
}

// flipMiddle flips a bit in the middle of a file and returns its bytes.
func flipMiddle(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	b[len(b)/2] ^= 1
	require.NoError(t, os.WriteFile(path, b, 0o600))
	return b
}

// TestDataDirRecoverAfterSnapshot: --data-dir-recover works on a data
// dir of a snapshot and segments. Damage in the segment after the
// snapshot is refused naming that file; the salvage keeps the snapshot's
// members and the segment's before the damage. A damaged snapshot is
// refused, saying it cannot be salvaged, with the flag too.
func TestDataDirRecoverAfterSnapshot(t *testing.T) {
	dir, _, seg, ids := dataDirWithSnapshot(t)
	flipMiddle(t, seg)
	code, out := tsymockCmd(t, "serve", "--addr", "127.0.0.1:0", "--data-dir", dir)
	assert.Equal(t, 1, code, out)
	assert.Contains(t, out, seg+" is damaged at byte ")
	assert.Contains(t, out, "--data-dir-recover")

	cmd := exec.Command(tsymockBinary(t), "serve", "--addr", "127.0.0.1:0", "--data-dir", dir)
	cmd.Env = append(os.Environ(), "TSYMOCK_DATA_DIR_RECOVER=true")
	p := startCmd(t, cmd)
	logged(t, p, "set the damaged log aside")
	got := memberIDs(t, p)
	require.Greater(t, len(got), 20, "the snapshot's members and some of the segment's")
	require.Less(t, len(got), len(ids))
	assert.ElementsMatch(t, ids[:len(got)], got, "exactly the members before the damage")
	require.Equal(t, 0, p.stop(t, syscall.SIGTERM))
	again := startBinary(t, "--data-dir", dir)
	assert.ElementsMatch(t, got, memberIDs(t, again))
	require.Equal(t, 0, again.stop(t, syscall.SIGTERM))

	dir, snap, _, _ := dataDirWithSnapshot(t)
	flipMiddle(t, snap)
	for _, env := range []string{"", "TSYMOCK_DATA_DIR_RECOVER=true"} {
		cmd := exec.Command(tsymockBinary(t), "serve", "--addr", "127.0.0.1:0", "--data-dir", dir)
		cmd.Env = append(os.Environ(), env)
		out, err := cmd.CombinedOutput()
		require.Error(t, err, "%s", out)
		assert.Contains(t, string(out), "cannot be salvaged", "%s: %s", env, out)
	}
}
