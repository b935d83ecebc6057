//go:build linux

package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/client"
)

// mountNS is a mount namespace, held open by a sleeping process, with a
// small tmpfs at dir: a full or read-only disk that only tsymock sees.
// It needs unshare and nsenter (util-linux) and root or user namespaces,
// as make container-smoke does.
type mountNS struct{ pid int }

func newMountNS(t *testing.T, dir, opts string) *mountNS {
	t.Helper()
	holder := exec.Command("unshare", "-m", "sh", "-c",
		"mount -t tmpfs -o "+opts+" tmpfs "+dir+" && echo mounted && exec sleep 600")
	out, err := holder.StdoutPipe()
	require.NoError(t, err)
	holder.Stderr = os.Stderr
	require.NoError(t, holder.Start())
	t.Cleanup(func() { _ = holder.Process.Kill(); _ = holder.Wait() })
	line, err := bufio.NewReader(out).ReadString('\n')
	require.NoError(t, err, "unshare -m could not mount a tmpfs")
	require.Equal(t, "mounted\n", line)
	return &mountNS{pid: holder.Process.Pid}
}

// cmd runs name with args inside the namespace.
func (ns *mountNS) cmd(name string, args ...string) *exec.Cmd {
	return exec.Command("nsenter", append([]string{"-t", strconv.Itoa(ns.pid), "-m", "--", name}, args...)...)
}

// serve starts tsymock inside the namespace.
func (ns *mountNS) serve(t *testing.T, args ...string) *proc {
	t.Helper()
	return startCmd(t, ns.cmd(tsymockBinary(t), append([]string{"serve", "--addr", "127.0.0.1:0"}, args...)...))
}

// TestFullDisk: when the data dir's disk fills, the change that does not
// fit is answered 9200 naming the cause, every later change too, and the
// state on disk stays whole: a restart has every member answered OK and
// none other; once there is room again, tsymock works on.
func TestFullDisk(t *testing.T) {
	dir := t.TempDir()
	ns := newMountNS(t, dir, "size=64k")
	require.NoError(t, ns.cmd("dd", "if=/dev/zero", "of="+dir+"/ballast", "bs=1k", "count=16").Run())
	p := ns.serve(t, "--data-dir", dir+"/state")
	c := demoClient(t, p)
	var ok []string
	var full *client.Error
	for i := 0; full == nil; i++ {
		require.Less(t, i, 5000, "the disk never filled")
		id := fmt.Sprintf("m%d", i)
		_, err := c.CreateMember(context.Background(), client.CreateMemberRequest{BizUserID: id,
			MemberType: client.MemberPersonal, Source: client.SourceMobile})
		if err == nil {
			ok = append(ok, id)
			continue
		}
		require.ErrorAs(t, err, &full)
	}
	assert.Equal(t, "9200", full.Code)
	assert.Contains(t, full.Message, "no space left on device")
	_, err := c.GetMemberInfo(context.Background(), ok[0])
	assert.ErrorContains(t, err, "9200", "nothing is answered from a state the disk does not have")
	assert.Contains(t, p.stderr.String(), "no space left on device")
	p.stop(t, syscall.SIGTERM)

	again := ns.serve(t, "--data-dir", dir+"/state")
	checkMembers(t, again, ok)
	_, err = demoClient(t, again).CreateMember(context.Background(), client.CreateMemberRequest{BizUserID: "more",
		MemberType: client.MemberPersonal, Source: client.SourceMobile})
	assert.ErrorContains(t, err, "9200", "still full")
	again.stop(t, syscall.SIGTERM)

	require.NoError(t, ns.cmd("rm", dir+"/ballast").Run())
	roomy := ns.serve(t, "--data-dir", dir+"/state")
	_, err = demoClient(t, roomy).CreateMember(context.Background(), client.CreateMemberRequest{BizUserID: "more",
		MemberType: client.MemberPersonal, Source: client.SourceMobile})
	require.NoError(t, err)
	checkMembers(t, roomy, append(ok, "more"))
}

// checkMembers requires the server's members to be exactly ids.
func checkMembers(t *testing.T, p *proc, ids []string) {
	t.Helper()
	assert.ElementsMatch(t, ids, memberIDs(t, p))
}

// TestUnusableDataDir: a data dir that cannot be used stops tsymock at
// start with exit code 1 and a message naming the dir and the cause.
func TestUnusableDataDir(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file")
	require.NoError(t, os.WriteFile(file, nil, 0o600))
	readOnly := t.TempDir()
	ns := newMountNS(t, readOnly, "ro,size=64k")
	inUse := t.TempDir()
	startBinary(t, "--data-dir", inUse)

	tests := []struct {
		name string
		cmd  *exec.Cmd
		want string
	}{
		{"a file", exec.Command(tsymockBinary(t), "serve", "--addr", "127.0.0.1:0", "--data-dir", file+"/state"), "not a directory"},
		{"read-only", ns.cmd(tsymockBinary(t), "serve", "--addr", "127.0.0.1:0", "--data-dir", readOnly+"/state"), "read-only file system"},
		{"in use", exec.Command(tsymockBinary(t), "serve", "--addr", "127.0.0.1:0", "--data-dir", inUse), "in use by another tsymock"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			out, err := exec.CommandContext(ctx, tt.cmd.Path, tt.cmd.Args[1:]...).CombinedOutput()
			var ee *exec.ExitError
			require.ErrorAs(t, err, &ee, "%s", out)
			assert.Equal(t, 1, ee.ExitCode())
			assert.Contains(t, string(out), "data dir")
			assert.Contains(t, string(out), tt.want)
		})
	}
}
