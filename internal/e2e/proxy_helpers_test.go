package e2e

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/client"
	"github.com/tsymock/tsymock/internal/testtool"
	"github.com/tsymock/tsymock/keys"
	"github.com/tsymock/tsymock/keys/demo"
	"github.com/tsymock/tsymock/mock"
)

// realEnv is a second tsymock playing the real environment on loopback: a
// platform key of its own (so that its signatures are not tsymock's) and
// the demo merchant application, which a merchant registered with both.
type realEnv struct {
	URL    string
	Server *mock.Server
	Cert   *x509.Certificate // its platform certificate, which a pass-through client configures
	Stop   func()
}

// proxyWorld is the clock every server of a test shares, the demo
// material, and the log of the server in front.
type proxyWorld struct {
	Clock mock.Clock
	Demo  *demo.Material
	Log   *testtool.Buffer
}

func newProxyWorld(t *testing.T) *proxyWorld {
	t.Helper()
	m, err := demo.Load()
	require.NoError(t, err)
	return &proxyWorld{Clock: mock.NewFixedClock(mustTime(t, vectorTime)), Demo: m, Log: &testtool.Buffer{}}
}

// startReal starts the stand-in of the real environment.
func (w *proxyWorld) startReal(t *testing.T, opts ...func(*mock.Config)) *realEnv {
	t.Helper()
	set, err := keys.Generate(rand.Reader, 1024, "TEST ONLY stand-in of the real platform", mustTime(t, vectorTime).AddDate(-1, 0, 0))
	require.NoError(t, err)
	cfg := mock.Config{PlatformKey: set.Key, Clock: w.Clock, IDSeed: 7,
		Apps: []mock.App{{SysID: demo.SysID, Key: &w.Demo.MerchantKey.PublicKey}}}
	for _, o := range opts {
		o(&cfg)
	}
	u, srv, stop := startStoppable(t, cfg)
	return &realEnv{URL: u, Server: srv, Cert: set.Cert, Stop: stop}
}

// startFront starts tsymock with the demo material in front of upstream.
func (w *proxyWorld) startFront(t *testing.T, upstream mock.UpstreamConfig, opts ...func(*mock.Config)) (string, *mock.Server, func()) {
	t.Helper()
	cfg := mock.Config{PlatformKey: w.Demo.PlatformKey, Clock: w.Clock, Upstream: upstream,
		Apps:   []mock.App{{SysID: demo.SysID, Key: &w.Demo.MerchantKey.PublicKey}},
		Logger: slog.New(slog.NewTextHandler(w.Log, nil))}
	for _, o := range opts {
		o(&cfg)
	}
	return startStoppable(t, cfg)
}

// client is the demo merchant's SDK pointed at base, verifying answers and
// encrypting fields with cert.
func (w *proxyWorld) client(t *testing.T, base string, cert *x509.Certificate) *client.Client {
	t.Helper()
	c, err := client.New(base, demo.SysID, w.Demo.MerchantKey, cert, client.WithClock(w.Clock.Now))
	require.NoError(t, err)
	return c
}

// postTo sends a form to base's /service/soa and returns the status, the
// Content-Type and the body.
func postTo(t *testing.T, base, form string) (int, string, []byte) {
	t.Helper()
	resp, err := http.Post(base+"/service/soa", "application/x-www-form-urlencoded;charset=utf-8", strings.NewReader(form))
	require.NoError(t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, resp.Header.Get("Content-Type"), body
}

// lastEntry is the newest journal entry of a server.
func lastEntry(t *testing.T, srv *mock.Server) mock.JournalEntry {
	t.Helper()
	entries := srv.Journal(mock.JournalFilter{Limit: 1})
	require.Len(t, entries, 1)
	return entries[0]
}

// signedBy reports whether a body's sign verifies with cert's key.
func signedBy(t *testing.T, body []byte, cert *x509.Certificate) bool {
	t.Helper()
	var env struct{ Sign, SignedValue string }
	require.NoError(t, json.Unmarshal(body, &env), "%s", body)
	return keys.Verify(cert.PublicKey.(*rsa.PublicKey), env.SignedValue, env.Sign) == nil
}

// adminJSON gets an admin endpoint of base into v.
func adminJSON(t *testing.T, base, path string, v any) {
	t.Helper()
	resp, err := http.Get(base + "/__tsymock/" + path)
	require.NoError(t, err)
	defer resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)
	require.NoError(t, json.NewDecoder(resp.Body).Decode(v))
}

// demoForm is a call of the demo application signed at the vectors' time.
func demoForm(t *testing.T, w *proxyWorld, req string) string {
	t.Helper()
	sign, err := keys.Sign(w.Demo.MerchantKey, demo.SysID+req+vectorTime)
	require.NoError(t, err)
	return url.Values{"sysid": {demo.SysID}, "sign": {sign}, "timestamp": {vectorTime}, "v": {"2.0"}, "req": {req}}.Encode()
}

// testCtx is a test's context with a bound.
func testCtx(t *testing.T) context.Context {
	c, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	return c
}

// realKey is the stand-in's platform public key, what --upstream-cert
// holds.
func realKey(r *realEnv) *rsa.PublicKey { return r.Cert.PublicKey.(*rsa.PublicKey) }
