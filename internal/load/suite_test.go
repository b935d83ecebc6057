package load

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

	"github.com/tsymock/tsymock/keys/demo"
)

// TestSuite runs the whole suite in miniature against the real binary:
// servers started as processes, preloaded, profiled, loaded in every mode.
func TestSuite(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "tsymock")
	build := exec.Command("go", "build", "-o", bin, "../../cmd/tsymock")
	out, err := build.CombinedOutput()
	require.NoError(t, err, "%s", out)
	c, m := testClient(t)
	profiles := t.TempDir()
	var progress bytes.Buffer
	server := DefaultServerCPUs() // none on one CPU or off Linux
	// No warmup: the createMember calls are as many as the crypto floor
	// allows, and under -race the floor is timed many times slower than
	// the servers (built without it) answer; a warmup could take them all.
	rep, err := Suite(context.Background(), SuiteOptions{Binary: bin, Client: c, Merchant: m.MerchantKey, Platform: m.PlatformKey,
		SysID: demo.SysID, Conns: 2, Duration: 500 * time.Millisecond, Warmup: 0, FloorTime: 200 * time.Millisecond, Small: 10, Large: 2000,
		MemoryRequests: 5000, ProfileDir: profiles, ServerArgs: []string{"--log-level", "warn"}, ServerCPUs: server, Progress: &progress})
	require.NoError(t, err, "progress:\n%s", &progress)
	if server != nil {
		assert.Equal(t, server.String(), rep.Machine.ServerCPUs)
		assert.Equal(t, len(server), rep.Machine.ServerGOMAXPROCS, "Go sizes GOMAXPROCS to the CPUs it may use")
		assert.Equal(t, len(server), rep.Floor.Cores)
		assert.Equal(t, server[:1].String(), rep.Floor.TimedOn)
		assert.Equal(t, runtime.NumCPU()-len(server), rep.Machine.GOMAXPROCS, "the load generator's")
		assert.Equal(t, runtime.NumCPU(), runtime.GOMAXPROCS(0), "the suite gives this process its CPUs back")
		assert.Equal(t, len(server), serveGOMAXPROCS(t, bin, server))
	} else {
		assert.Empty(t, rep.Machine.ServerCPUs)
		assert.Equal(t, runtime.NumCPU(), rep.Floor.Cores)
	}

	for _, res := range []Result{rep.CreateSmall, rep.CreateLarge, rep.BareCrypto, rep.Canned, rep.Bare} {
		assert.Positive(t, res.OK, res.Mode)
		assert.Empty(t, res.NotOK, res.Mode)
	}
	assert.Positive(t, rep.CreateSmall.ServerCPU)
	assert.Positive(t, rep.Floor.RPS)
	assert.Len(t, rep.FloorRuns, 3, "before the loads, and before each of the 2 createMember rounds")
	assert.Positive(t, rep.Ratios.FullOverFloor)
	assert.Positive(t, rep.Ratios.CannedOverBare)
	assert.Positive(t, rep.Ratios.LargeOverSmall)
	assert.Positive(t, rep.Ratios.CryptoOverFloor)
	assert.Positive(t, rep.Bare.ServerCPU, "the bare server runs in a process of its own")
	assert.Positive(t, rep.Memory.Idle)
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
}

// serveGOMAXPROCS starts "tsymock serve" pinned to cpus and reads its
// GOMAXPROCS from the Go runtime's scheduler trace.
func serveGOMAXPROCS(t *testing.T, bin string, cpus CPUSet) int {
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
