package load

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/client"
	"github.com/tsymock/tsymock/keys"
	"github.com/tsymock/tsymock/keys/demo"
	"github.com/tsymock/tsymock/mock/mocktest"
	"github.com/tsymock/tsymock/scenarios"
)

func testClient(t *testing.T) (*client.Client, *demo.Material) {
	t.Helper()
	m, err := demo.Load()
	require.NoError(t, err)
	c, err := client.New("http://127.0.0.1", demo.SysID, m.MerchantKey, m.PlatformCert)
	require.NoError(t, err)
	return c, m
}

func addrOf(ts *mocktest.Server) string { return strings.TrimPrefix(ts.URL, "http://") }

// TestCreateMemberRunsOutAndCollides: every prepared createMember call is
// sent once and answered OK; the same calls again all collide (30000),
// which is why a run needs a fresh prefix.
func TestCreateMemberRunsOutAndCollides(t *testing.T) {
	ts := mocktest.New(t)
	c, _ := testClient(t)
	reqs, err := Prepare(context.Background(), c, addrOf(ts), CreateMemberReqs("t-", 12))
	require.NoError(t, err)
	opts := Options{Mode: ModeCreateMember, Addr: addrOf(ts), Requests: reqs, Conns: 3, Duration: time.Minute}

	first, err := Run(context.Background(), opts)
	require.NoError(t, err)
	assert.True(t, first.Exhausted, "the run ends when the requests run out, not after a minute")
	assert.Equal(t, uint64(12), first.Requests)
	assert.Equal(t, uint64(12), first.OK)
	assert.Equal(t, uint64(12), first.Sent())
	assert.Empty(t, first.NotOK)
	assert.Positive(t, first.RPS)
	assert.Positive(t, first.P50)
	assert.GreaterOrEqual(t, first.Max, first.P99)

	again, err := Run(context.Background(), opts)
	require.NoError(t, err)
	assert.Zero(t, again.OK)
	assert.Equal(t, map[string]uint64{"30000": 12}, again.NotOK)
	assert.Equal(t, "所属应用下已经存在此用户", again.Examples["30000"])
}

// TestCannedCycles: the canned call is answered OK over and over, from a
// server with builtin:balances.
func TestCannedCycles(t *testing.T) {
	f, err := scenarios.Builtin("balances")
	require.NoError(t, err)
	ts := mocktest.New(t, mocktest.WithScenarios(f))
	c, _ := testClient(t)
	reqs, err := Prepare(context.Background(), c, addrOf(ts), []string{QueryBalanceReq()})
	require.NoError(t, err)
	canned, err := Run(context.Background(), Options{Mode: ModeCanned, Addr: addrOf(ts), Requests: reqs, Cycle: true,
		Conns: 2, Duration: 200 * time.Millisecond, Warmup: 50 * time.Millisecond})
	require.NoError(t, err)
	assert.Greater(t, canned.OK, uint64(len(reqs)), "the one request is sent again and again")
	assert.Empty(t, canned.NotOK)
	assert.Equal(t, ModeCanned, canned.Mode)
}

// okServer answers every request with a fixed OK envelope.
func okServer(t *testing.T) string {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		_, _ = w.Write([]byte(`{"status":"OK"}`))
	}))
	t.Cleanup(srv.Close)
	return strings.TrimPrefix(srv.URL, "http://")
}

func TestLimitEndsACyclingRun(t *testing.T) {
	addr := okServer(t)
	res, err := Run(context.Background(), Options{Addr: addr, Requests: [][]byte{Request(addr, "x=1")},
		Cycle: true, Limit: 50, Conns: 4, Duration: time.Minute})
	require.NoError(t, err)
	assert.Equal(t, uint64(50), res.OK)
	assert.False(t, res.Exhausted)
}

func TestRunNeedsAServer(t *testing.T) {
	_, err := Run(context.Background(), Options{Addr: "127.0.0.1:1", Requests: [][]byte{[]byte("x")}})
	assert.ErrorContains(t, err, "connect")
	_, err = Run(context.Background(), Options{Addr: "127.0.0.1:1"})
	assert.ErrorContains(t, err, "no requests")
}

// TestBrokenConnectionsAreCounted: a server that hangs up is counted as
// conn-error and redialled, not a failed run.
func TestBrokenConnectionsAreCounted(t *testing.T) {
	f, err := scenarios.Parse("reset.yaml", []byte(`rules:
  - when: {service: OrderService, method: queryBalance}
    respond: {fault: reset}
`))
	require.NoError(t, err)
	ts := mocktest.New(t, mocktest.WithScenarios(f))
	c, _ := testClient(t)
	reqs, err := Prepare(context.Background(), c, addrOf(ts), []string{QueryBalanceReq()})
	require.NoError(t, err)
	res, err := Run(context.Background(), Options{Addr: addrOf(ts), Requests: reqs, Cycle: true, Limit: 5, Duration: time.Minute})
	require.NoError(t, err)
	assert.Equal(t, uint64(5), res.NotOK["conn-error"])
}

func TestFloor(t *testing.T) {
	_, m := testClient(t)
	f, err := MeasureFloor(context.Background(), m.MerchantKey, m.PlatformKey, 50*time.Millisecond)
	require.NoError(t, err)
	assert.Positive(t, f.VerifyUS)
	assert.Positive(t, f.SignUS) // not compared with VerifyUS: under -race the pure-Go verify is slowed more than the assembly sign
	assert.InEpsilon(t, float64(f.Cores)/((f.VerifyUS+f.SignUS)/1e6), f.RPS, 1e-9)
	one := f.OnCores(1)
	assert.Equal(t, 1, one.Cores)
	assert.InEpsilon(t, f.RPS/float64(f.Cores), one.RPS, 1e-9)
	sign, err := keys.Sign(m.MerchantKey, floorSource)
	require.NoError(t, err)
	require.NoError(t, keys.Verify(&m.MerchantKey.PublicKey, floorSource, sign), "the floor times a verify that succeeds")
}

// TestTimeoutEndsAHangingRequest: a server that never answers costs one
// timeout per connection, not the run.
func TestTimeoutEndsAHangingRequest(t *testing.T) {
	f, err := scenarios.Parse("hang.yaml", []byte(`rules:
  - when: {service: OrderService, method: queryBalance}
    respond: {fault: hang}
`))
	require.NoError(t, err)
	ts := mocktest.New(t, mocktest.WithScenarios(f))
	c, _ := testClient(t)
	reqs, err := Prepare(context.Background(), c, addrOf(ts), []string{QueryBalanceReq()})
	require.NoError(t, err)
	start := time.Now()
	res, err := Run(context.Background(), Options{Addr: addrOf(ts), Requests: reqs, Cycle: true, Conns: 2,
		Duration: 100 * time.Millisecond, Timeout: 300 * time.Millisecond})
	require.NoError(t, err)
	assert.Less(t, time.Since(start), 5*time.Second)
	assert.Equal(t, uint64(2), res.NotOK["conn-error"])
	assert.Contains(t, res.Examples["conn-error"], "timeout")
}
