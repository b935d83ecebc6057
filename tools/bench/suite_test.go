package main

import (
	"bufio"
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSuite runs the whole suite in miniature against the real binaries:
// servers started as processes, preloaded, profiled, loaded in every
// mode, with WireMock and without.
func TestSuite(t *testing.T) {
	tsymock, self := buildBinaries(t)
	t.Run("with WireMock", func(t *testing.T) { testFullSuite(t, tsymock, self) })
	t.Run("without WireMock", func(t *testing.T) { testSuiteWithoutWireMock(t, tsymock, self) })
}

func testFullSuite(t *testing.T, tsymock, self string) {
	c, m := testClient(t)
	profiles := t.TempDir()
	var progress bytes.Buffer
	server := defaultServerCPUs() // none on one CPU or off Linux
	wm := wireMockJar(t)
	wm.Warmup = 500 * time.Millisecond
	// No warmup: the createMember calls are as many as the crypto floor
	// allows, and under -race the floor is timed many times slower than
	// the servers (built without it) answer; a warmup could take them all.
	rep, err := runSuite(context.Background(), suiteOptions{Binary: tsymock, Self: self, Client: c, Merchant: m.MerchantKey,
		Platform: m.PlatformKey, Conns: 2, Duration: 500 * time.Millisecond, Warmup: 0, FloorTime: 200 * time.Millisecond,
		Small: 10, Large: 2000, MemoryRequests: 5000, ProfileDir: profiles, ServerArgs: []string{"--log-level", "warn"},
		ServerCPUs: server, WireMock: wm, WorkDir: t.TempDir(), Progress: &progress})
	require.NoError(t, err, "progress:\n%s", &progress)
	checkPinning(t, rep, server, tsymock)

	require.NotNil(t, rep.WireMock, "progress:\n%s", &progress)
	assert.Empty(t, rep.WireMockSkipped)
	require.Len(t, rep.rows(), 6)
	for _, res := range rep.rows() {
		assert.Positive(t, res.OK, res.Mode)
		assert.Empty(t, res.NotOK, res.Mode)
		assert.Positive(t, res.ServerCPU, "%s: every server runs in a process of its own", res.Mode)
	}
	assert.Equal(t, modeWireMock, rep.WireMock.Mode)
	assert.Positive(t, rep.WireMockWarmup.Requests, "warmed up before its turns")
	assert.InDelta(t, 0.5, rep.WireMockWarmup.Seconds, 0.5, "for 500 ms at most, and a slice may end late")
	assert.Positive(t, rep.WireMockWarmup.JITShare, "the JIT compiles while WireMock is new")
	assert.Contains(t, rep.Machine.WireMock, "WireMock 3.")
	assert.Positive(t, rep.Floor.RPS)
	assert.Len(t, rep.FloorRuns, 3, "before the loads, and before each of the 2 createMember rounds")
	for name, r := range map[string]float64{"full/floor": rep.Ratios.FullOverFloor, "canned/bare": rep.Ratios.CannedOverBare,
		"large/small": rep.Ratios.LargeOverSmall, "crypto/floor": rep.Ratios.CryptoOverFloor, "canned/wiremock": rep.Ratios.CannedOverWireMock,
		"canned/wiremock by CPU": rep.Ratios.CannedOverWireMockCPU} {
		assert.Positive(t, r, name)
	}
	assert.Positive(t, rep.Memory.Idle)
	assert.Positive(t, rep.Memory.WireMock)
	assert.GreaterOrEqual(t, rep.Memory.Requests, uint64(5000))
	assert.Positive(t, rep.Memory.AfterRequests)
	for _, name := range []string{"create-member-10", "create-member-2000", "canned"} {
		info, err := os.Stat(filepath.Join(profiles, name+".cpu.pprof"))
		require.NoError(t, err, name)
		assert.Positive(t, info.Size())
	}
	var text bytes.Buffer
	require.NoError(t, rep.WriteText(&text))
	assert.Contains(t, text.String(), "full createMember ÷ crypto floor")
	assert.Contains(t, text.String(), "canned answer ÷ WireMock")
	assert.Contains(t, text.String(), "canned answer ÷ WireMock, CPU")
	assert.Contains(t, text.String(), "warmed up for")
}

// checkPinning: the servers ran on their CPUs, the load generator on the
// others, and the suite gave this process its CPUs back.
func checkPinning(t *testing.T, rep suiteReport, server cpuSet, tsymock string) {
	t.Helper()
	if server == nil {
		assert.Empty(t, rep.Machine.ServerCPUs)
		assert.Equal(t, runtime.NumCPU(), rep.Floor.Cores)
		return
	}
	assert.Equal(t, server.String(), rep.Machine.ServerCPUs)
	assert.Equal(t, len(server), rep.Machine.ServerGOMAXPROCS, "Go sizes GOMAXPROCS to the CPUs it may use")
	assert.Equal(t, len(server), rep.Floor.Cores)
	assert.Equal(t, server[:1].String(), rep.Floor.TimedOn)
	assert.Equal(t, runtime.NumCPU()-len(server), rep.Machine.GOMAXPROCS, "the load generator's")
	assert.Equal(t, runtime.NumCPU(), runtime.GOMAXPROCS(0), "the suite gives this process its CPUs back")
	assert.Equal(t, len(server), serveGOMAXPROCS(t, tsymock, server))
}

// testSuiteWithoutWireMock: without the jar the suite still runs, and the
// report says why the WireMock row is missing.
func testSuiteWithoutWireMock(t *testing.T, tsymock, self string) {
	c, m := testClient(t)
	rep, err := runSuite(context.Background(), suiteOptions{Binary: tsymock, Self: self, Client: c, Merchant: m.MerchantKey,
		Platform: m.PlatformKey, Conns: 1, Duration: 200 * time.Millisecond, FloorTime: 50 * time.Millisecond, Rounds: 1,
		Small: 1, Large: 2, WireMock: wireMockOptions{Java: "java", Jar: filepath.Join(t.TempDir(), "none.jar")},
		WorkDir: t.TempDir()})
	require.NoError(t, err)
	assert.Nil(t, rep.WireMock)
	assert.Contains(t, rep.WireMockSkipped, "scripts/wiremock.sh")
	assert.Zero(t, rep.Ratios.CannedOverWireMock)
	var text bytes.Buffer
	require.NoError(t, rep.WriteText(&text))
	assert.Contains(t, text.String(), "wiremock                         skipped: no WireMock jar at")
	assert.Contains(t, text.String(), "canned answer ÷ WireMock             skipped")
}

// serveGOMAXPROCS starts "tsymock serve" pinned to cpus and reads its
// GOMAXPROCS from the Go runtime's scheduler trace.
func serveGOMAXPROCS(t *testing.T, bin string, cpus cpuSet) int {
	cmd := exec.Command(bin, "serve", "--addr", "127.0.0.1:0", "--log-level", "warn")
	cmd.Env = append(os.Environ(), "GODEBUG=schedtrace=60000")
	stderr, err := cmd.StderrPipe()
	require.NoError(t, err)
	require.NoError(t, onCPUs(cpus, cmd.Start))
	defer func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }()
	lines := bufio.NewScanner(stderr)
	for lines.Scan() {
		if m := regexp.MustCompile(`^SCHED .* gomaxprocs=(\d+)`).FindStringSubmatch(lines.Text()); m != nil {
			n, err := strconv.Atoi(m[1])
			require.NoError(t, err)
			return n
		}
	}
	t.Fatal("no scheduler trace line")
	return 0
}
