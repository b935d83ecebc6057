package main

import (
	"bufio"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/client"
	"github.com/tsymock/tsymock/keys/demo"
)

// The e2e flood tests measure the Go heap in the test's own process; these
// measure what an operator sees: the resident memory of the real binary
// (VmHWM, its peak, from /proc) after each flood of docs/reliability.md's
// bounds table, under the ceiling it states (issue 17.2).

// residentPeak is the peak resident memory of pid in bytes (VmHWM).
func residentPeak(t *testing.T, pid int) int64 {
	t.Helper()
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if os.IsNotExist(err) {
		t.Skip("no /proc: resident memory is measured on Linux only")
	}
	require.NoError(t, err)
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		if kb, ok := strings.CutPrefix(s.Text(), "VmHWM:"); ok {
			n, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(kb), "kB")), 10, 64)
			require.NoError(t, err)
			return n << 10
		}
	}
	t.Fatal("no VmHWM in /proc/PID/status")
	return 0
}

// TestFloodsKeepResidentMemoryUnderCeiling: one server takes, in turn,
// 50,000 members (--preload-members), 2,000 unsigned requests of 64 KiB
// from as many unknown sysids (128 MB sent; the journal keeps 1 KiB of
// each), and 120 signed calls from distinct sysids with --auto-apps-max 50.
// Its peak resident memory stays under 128 MiB (84 MiB measured).
func TestFloodsKeepResidentMemoryUnderCeiling(t *testing.T) {
	if testing.Short() {
		t.Skip("floods a server: not in -short")
	}
	t.Parallel()
	const ceiling = 128 << 20
	p := startBinary(t, "--preload-members", "50000", "--auto-apps", "--auto-apps-max", "50", "--log-level", "error")
	pid := p.cmd.Process.Pid
	base := "http://" + p.ready.Addr
	t.Logf("50,000 members: peak resident %.1f MiB", float64(residentPeak(t, pid))/(1<<20))

	big := strings.Repeat("x", 64<<10)
	for i := range 2000 {
		resp, err := http.PostForm(base+"/service/soa", url.Values{"sysid": {fmt.Sprintf("stranger-%d", i)}, "req": {big}})
		require.NoError(t, err)
		require.NoError(t, resp.Body.Close())
	}
	t.Logf("+2,000 unsigned 64 KiB requests: peak resident %.1f MiB", float64(residentPeak(t, pid))/(1<<20))

	m, err := demo.Load()
	require.NoError(t, err)
	refused := 0
	for i := range 120 {
		c, err := client.New(base, fmt.Sprintf("auto-%d", i), m.MerchantKey, m.PlatformCert)
		require.NoError(t, err)
		_, err = c.CreateMember(t.Context(), client.CreateMemberRequest{BizUserID: "u", MemberType: 3, Source: 1})
		if err != nil {
			refused++
		}
	}
	assert.Equal(t, 70, refused, "sysids past --auto-apps-max are refused")
	peak := residentPeak(t, pid)
	t.Logf("+120 signed calls from distinct sysids: peak resident %.1f MiB (ceiling %d MiB)", float64(peak)/(1<<20), ceiling>>20)
	require.Less(t, peak, int64(ceiling))
}
