package load

import (
	"context"
	"encoding/json"
	"os"
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

// TestCannedAndBareAnswerTheSameBytes: the canned call answered by
// builtin:balances is exactly what CannedBody builds, so the bare handler
// writes the same bytes as the mock.
func TestCannedAndBareAnswerTheSameBytes(t *testing.T) {
	f, err := scenarios.Builtin("balances")
	require.NoError(t, err)
	ts := mocktest.New(t, mocktest.WithScenarios(f))
	c, m := testClient(t)
	reqs, err := Prepare(context.Background(), c, addrOf(ts), []string{QueryBalanceReq()})
	require.NoError(t, err)
	body, err := fetchOK(addrOf(ts), reqs[0])
	require.NoError(t, err)
	built, err := CannedBody(m.PlatformKey, demo.SysID)
	require.NoError(t, err)
	assert.Equal(t, string(built), string(body), "byte for byte")

	canned, err := Run(context.Background(), Options{Mode: ModeCanned, Addr: addrOf(ts), Requests: reqs, Cycle: true,
		Conns: 2, Duration: 200 * time.Millisecond, ServerPID: os.Getpid()})
	require.NoError(t, err)
	assert.Positive(t, canned.OK)
	assert.Empty(t, canned.NotOK)
	assert.Positive(t, canned.ClientCPU)
	assert.Positive(t, canned.ServerCPU, "the server's CPU time is read from /proc")

	b, err := StartBare("127.0.0.1:0", BareHandler(built))
	require.NoError(t, err)
	defer b.Close()
	bare, err := Run(context.Background(), Options{Mode: ModeBare, Addr: b.Addr(), Requests: reqs, Cycle: true,
		Conns: 2, Duration: 200 * time.Millisecond, Warmup: 50 * time.Millisecond})
	require.NoError(t, err)
	assert.Positive(t, bare.OK)
	assert.Empty(t, bare.NotOK)
	sent, err := fetchOK(b.Addr(), reqs[0])
	require.NoError(t, err)
	assert.Equal(t, body, sent)
}

func TestLimitEndsACyclingRun(t *testing.T) {
	b, err := StartBare("127.0.0.1:0", BareHandler([]byte(`{"status":"OK"}`)))
	require.NoError(t, err)
	defer b.Close()
	res, err := Run(context.Background(), Options{Addr: b.Addr(), Requests: [][]byte{Request(b.Addr(), "x=1")},
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
	assert.Greater(t, f.SignUS, f.VerifyUS, "a private-key operation costs more than a public one")
	assert.InEpsilon(t, float64(f.Cores)/((f.VerifyUS+f.SignUS)/1e6), f.RPS, 1e-9)
	require.NoError(t, keys.Verify(&m.MerchantKey.PublicKey, floorSource, mustSign(t, m)))
}

func mustSign(t *testing.T, m *demo.Material) string {
	sign, err := keys.Sign(m.MerchantKey, floorSource)
	require.NoError(t, err)
	return sign
}

func TestProcessFigures(t *testing.T) {
	rss, err := ResidentBytes(os.Getpid())
	require.NoError(t, err)
	assert.Greater(t, rss, int64(1<<20))
	cpu, err := ProcessCPU(os.Getpid())
	require.NoError(t, err)
	assert.GreaterOrEqual(t, cpu, time.Duration(0))
	_, err = ResidentBytes(-1)
	assert.Error(t, err)
	m := ThisMachine()
	assert.Positive(t, m.Cores)
	assert.NotEmpty(t, m.CPU)
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

// TestCryptoHandler verifies each call and signs a fresh answer; a bad
// sign is refused.
func TestCryptoHandler(t *testing.T) {
	c, m := testClient(t)
	b, err := StartBare("127.0.0.1:0", CryptoHandler(&m.MerchantKey.PublicKey, m.PlatformKey))
	require.NoError(t, err)
	defer b.Close()
	reqs, err := Prepare(context.Background(), c, b.Addr(), CreateMemberReqs("crypto-", 3))
	require.NoError(t, err)
	res, err := Run(context.Background(), Options{Addr: b.Addr(), Requests: reqs, Duration: time.Minute})
	require.NoError(t, err)
	assert.Equal(t, uint64(3), res.OK)
	body, err := fetchOK(b.Addr(), reqs[0])
	require.NoError(t, err)
	var env struct{ Sign, SignedValue string }
	require.NoError(t, json.Unmarshal(body, &env))
	require.NoError(t, keys.Verify(&m.PlatformKey.PublicKey, env.SignedValue, env.Sign))

	bad := Request(b.Addr(), "sysid=1&sign=AAAA&timestamp=2026-11-28+12:00:00&v=2.0&req=%7B%7D")
	res, err = Run(context.Background(), Options{Addr: b.Addr(), Requests: [][]byte{bad}, Duration: time.Minute})
	require.NoError(t, err)
	assert.Equal(t, uint64(1), res.NotOK["http-400"])
}
