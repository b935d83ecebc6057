package load

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
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
	rep, err := Suite(context.Background(), SuiteOptions{Binary: bin, Client: c, Merchant: m.MerchantKey, Platform: m.PlatformKey,
		SysID: demo.SysID, Conns: 2, Duration: 500 * time.Millisecond, Warmup: 100 * time.Millisecond, FloorTime: 200 * time.Millisecond, Small: 10, Large: 2000,
		MemoryRequests: 5000, ProfileDir: profiles, ServerArgs: []string{"--log-level", "warn"}, Progress: &progress})
	require.NoError(t, err, "progress:\n%s", &progress)

	for _, res := range []Result{rep.CreateSmall, rep.CreateLarge, rep.BareCrypto, rep.Canned, rep.Bare} {
		assert.Positive(t, res.OK, res.Mode)
		assert.Empty(t, res.NotOK, res.Mode)
	}
	assert.Positive(t, rep.CreateSmall.ServerCPU)
	assert.Positive(t, rep.Floor.RPS)
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
