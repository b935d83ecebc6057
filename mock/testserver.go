package mock

import (
	"context"
	"crypto/rsa"
	"crypto/x509"
	"fmt"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tsymock/tsymock/internal/clock"
	"github.com/tsymock/tsymock/internal/diagnose"
	"github.com/tsymock/tsymock/keys/demo"
	"github.com/tsymock/tsymock/scenarios"
)

// TestServer is a tsymock server for one Go test, the way
// httptest.NewServer is an HTTP server for one: it listens on a free
// loopback port, knows the demo application with the bundled TEST ONLY
// keys, and shuts down when the test ends. Each TestServer has its own
// state, so tests that start their own may run in parallel.
//
// The ready Go client is in package mock/mocktest (mock does not import
// the client, so that the two cannot share a bug).
type TestServer struct {
	// URL is the server's base URL, "http://127.0.0.1:PORT"; the SDK's
	// endpoint is URL + "/service/soa".
	URL string
	// SysID is the application the demo keys belong to.
	SysID string
	// MerchantKey signs requests and MerchantCert is its certificate; the
	// server verifies with it. PlatformCert verifies answers and encrypts
	// request fields. All TEST ONLY.
	MerchantKey  *rsa.PrivateKey
	MerchantCert *x509.Certificate
	PlatformCert *x509.Certificate
	// Server is the server itself, for everything the helpers below do not
	// cover (RegisterApp, Notifications, Coverage...).
	Server *Server

	stop func()
}

// Option changes how NewTestServer configures its server.
type Option func(*testOptions)

type testOptions struct {
	sysid string
	cfg   []func(*Config)
}

// WithSysID registers the demo keys under sysid instead of the demo
// application's.
func WithSysID(sysid string) Option { return func(o *testOptions) { o.sysid = sysid } }

// WithClockAt fixes the server's clock at t (it stands still until the
// test moves it with Clock().Set or Advance). By default the server runs
// on the system clock, which can be moved too.
func WithClockAt(t time.Time) Option {
	return WithConfig(func(c *Config) { c.Clock = clock.NewManual(t) })
}

// WithScenarios puts scenario files in force from the start.
func WithScenarios(files ...*scenarios.File) Option {
	return WithConfig(func(c *Config) { c.Scenarios = append(c.Scenarios, files...) })
}

// WithConfig changes anything else in the server's Config (a Logger,
// NotifyConfig, AutoApps...). It runs after the test server has filled
// in its keys and application.
func WithConfig(fn func(*Config)) Option {
	return func(o *testOptions) { o.cfg = append(o.cfg, fn) }
}

// NewTestServer starts a server for the test and stops it at the test's
// cleanup. It fails the test if the server cannot start.
func NewTestServer(t testing.TB, opts ...Option) *TestServer {
	t.Helper()
	o := testOptions{sysid: demo.SysID}
	for _, opt := range opts {
		opt(&o)
	}
	m, err := demo.Load()
	if err != nil {
		t.Fatalf("mock: test server: %v", err)
	}
	srv, err := New(testConfig(o, m))
	if err != nil {
		t.Fatalf("mock: test server: %v", err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("mock: test server: %v", err)
	}
	ts := &TestServer{URL: "http://" + ln.Addr().String(), SysID: o.sysid, MerchantKey: m.MerchantKey,
		MerchantCert: m.MerchantCert, PlatformCert: m.PlatformCert, Server: srv}
	ts.stop = serveUntilStopped(t, srv, ln)
	t.Cleanup(ts.Close)
	return ts
}

func testConfig(o testOptions, m *demo.Material) Config {
	pub := &m.MerchantKey.PublicKey
	cfg := Config{
		PlatformKey: m.PlatformKey,
		Apps:        []App{{SysID: o.sysid, Key: pub}},
		KnownKeys:   []diagnose.NamedKey{{Name: "bundled demo merchant key", Key: pub}},
		Version:     "test",
	}
	for _, fn := range o.cfg {
		fn(&cfg)
	}
	return cfg
}

// serveUntilStopped serves ln in a goroutine and returns the function that
// shuts the server down and waits for it, once.
func serveUntilStopped(t testing.TB, srv *Server, ln net.Listener) func() {
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	var once sync.Once
	return func() { once.Do(func() { shutdown(t, srv, done) }) }
}

// shutdown stops the server gracefully and waits for Serve to return.
func shutdown(t testing.TB, srv *Server, done <-chan error) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil {
		t.Errorf("mock: test server shutdown: %v", err)
	}
	if err := <-done; err != nil {
		t.Errorf("mock: test server: %v", err)
	}
}

// Close shuts the server down; the test's cleanup calls it too.
func (ts *TestServer) Close() { ts.stop() }

// Clock is the server's clock: set it or advance it to test expiry and
// statements. The mocktest client takes its timestamps from it, so that
// moving it never breaks the timestamp window.
func (ts *TestServer) Clock() Clock { return ts.Server.Clock() }

// Reset forgets everything the server holds (state, journal, coverage,
// rules added or armed, notifications) for a fresh start within a test.
func (ts *TestServer) Reset() {
	// A test server keeps its state in memory, where a reset cannot fail.
	_ = ts.Server.Reset("")
}

// Calls returns the journal's calls of service.method, oldest first.
func (ts *TestServer) Calls(service, method string) []JournalEntry {
	return ts.Server.Journal(JournalFilter{Service: service, Method: method})
}

// AssertCalled checks that service.method was called times times with the
// given params ("amount=100", dotted paths for nested values, compared as
// text), and reports the calls it saw when not.
func (ts *TestServer) AssertCalled(t testing.TB, service, method string, times int, params ...string) bool {
	t.Helper()
	f := JournalFilter{Service: service, Method: method, Params: map[string]string{}}
	for _, p := range params {
		name, value, ok := strings.Cut(p, "=")
		if !ok {
			t.Errorf("mock: AssertCalled: param %q is not NAME=VALUE", p)
			return false
		}
		f.Params[name] = value
	}
	if got := ts.Server.Calls(f); got != times {
		t.Errorf("mock: %s.%s called %d times with %v, want %d; its calls:\n%s",
			service, method, got, params, times, describeCalls(ts.Calls(service, method)))
		return false
	}
	return true
}

// describeCalls lists calls for a failure message, one line each.
func describeCalls(calls []JournalEntry) string {
	if len(calls) == 0 {
		return "  (none)"
	}
	var b strings.Builder
	for _, e := range calls {
		var param any
		if e.Req != nil {
			param = e.Req.Param
		}
		fmt.Fprintf(&b, "  #%d %s %s %v\n", e.ID, e.Outcome, e.ErrorCode, param)
	}
	return b.String()
}

// Arm arms a one-shot rule for the next matching call of the test
// server's application: YAML or JSON, one rule ({when: ..., respond: ...})
// or a scenario file. It returns the ids of the rules armed.
func (ts *TestServer) Arm(t testing.TB, rule string) []string {
	t.Helper()
	f, err := scenarios.ParseRules("test", []byte(rule))
	if err != nil {
		t.Fatalf("mock: Arm: %v", err)
	}
	ids, err := ts.Server.Arm(ts.SysID, f)
	if err != nil {
		t.Fatalf("mock: Arm: %v", err)
	}
	return ids
}

// ArmError makes the next call of service.method answer errorCode, with
// the catalogue's message.
func (ts *TestServer) ArmError(t testing.TB, service, method, errorCode string) []string {
	t.Helper()
	return ts.Arm(t, fmt.Sprintf(`{when: {service: %q, method: %q}, respond: {error: {code: %q}}}`,
		service, method, errorCode))
}
