// Package mocktest runs a tsymock server for one Go test, the way
// net/http/httptest runs an HTTP server: mocktest.New(t) listens on a free
// loopback port, knows the demo application with the bundled TEST ONLY
// keys, comes with a *client.Client signed with the demo merchant key
// (verifying with the platform certificate, taking its timestamps from the
// server's clock), and shuts down when the test ends. Each server has its
// own state, so tests that start their own may run in parallel.
//
// It is a package of its own so that the tsymock binary holds no test code
// (it imports testing), and because package mock must not import the
// client: the mock and the SDK would otherwise be free to share a bug.
package mocktest

import (
	"context"
	"crypto/rsa"
	"crypto/x509"
	"net"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/tsymock/tsymock/client"
	"github.com/tsymock/tsymock/keys/demo"
	"github.com/tsymock/tsymock/mock"
	"github.com/tsymock/tsymock/scenarios"
)

// Server is a tsymock server for one test, with a client for its
// application.
type Server struct {
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
	// Server is the server itself, for everything the helpers do not cover
	// (RegisterApp, Notifications, Coverage...).
	Server *mock.Server
	// Client calls the server as SysID.
	Client *client.Client

	stop func()
}

// Option changes how New configures its server.
type Option func(*options)

type options struct {
	sysid string
	cfg   []func(*mock.Config)
}

// WithSysID registers the demo keys under sysid instead of the demo
// application's.
func WithSysID(sysid string) Option { return func(o *options) { o.sysid = sysid } }

// WithClockAt fixes the server's clock at t (it stands still until the
// test moves it with Clock().Set or Advance). By default the server runs
// on the system clock, which can be moved too.
func WithClockAt(t time.Time) Option {
	return WithConfig(func(c *mock.Config) { c.Clock = mock.NewFixedClock(t) })
}

// WithScenarios puts scenario files in force from the start.
func WithScenarios(files ...*scenarios.File) Option {
	return WithConfig(func(c *mock.Config) { c.Scenarios = append(c.Scenarios, files...) })
}

// WithConfig changes anything else in the server's Config (a Logger,
// NotifyConfig, AutoApps...). It runs after New has filled in the keys and
// the application.
func WithConfig(fn func(*mock.Config)) Option {
	return func(o *options) { o.cfg = append(o.cfg, fn) }
}

// New starts a server and a client for the test and stops them at the
// test's cleanup. It fails the test if the server cannot start.
func New(t testing.TB, opts ...Option) *Server {
	t.Helper()
	o := options{sysid: demo.SysID}
	for _, opt := range opts {
		opt(&o)
	}
	m, err := demo.Load()
	if err != nil {
		t.Fatalf("mocktest: %v", err)
	}
	srv, err := mock.New(config(o, m))
	if err != nil {
		t.Fatalf("mocktest: %v", err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("mocktest: %v", err)
	}
	s := &Server{URL: "http://" + ln.Addr().String(), SysID: o.sysid, MerchantKey: m.MerchantKey,
		MerchantCert: m.MerchantCert, PlatformCert: m.PlatformCert, Server: srv}
	s.stop = serveUntilStopped(t, srv, ln)
	t.Cleanup(s.Close)
	if s.Client, err = NewClient(t, s, s.SysID); err != nil {
		t.Fatalf("mocktest: %v", err)
	}
	return s
}

// config is the server's Config: the demo keys under o's sysid, then o's
// changes.
func config(o options, m *demo.Material) mock.Config {
	pub := &m.MerchantKey.PublicKey
	cfg := mock.Config{
		PlatformKey: m.PlatformKey,
		Apps:        []mock.App{{SysID: o.sysid, Key: pub}},
		KnownKeys:   []mock.KnownKey{{Name: "bundled demo merchant key", Key: pub}},
		Version:     "test",
	}
	for _, fn := range o.cfg {
		fn(&cfg)
	}
	return cfg
}

// NewClient returns a client of s that calls as sysid with the demo
// merchant key: another application of the same server (register it, or
// start the server with AutoApps). Its idle connections are closed at the
// test's cleanup, before the server stops.
func NewClient(t testing.TB, s *Server, sysid string, opts ...client.Option) (*client.Client, error) {
	transport := http.DefaultTransport.(*http.Transport).Clone()
	t.Cleanup(transport.CloseIdleConnections)
	base := []client.Option{
		client.WithHTTPClient(&http.Client{Transport: transport, Timeout: 30 * time.Second}),
		client.WithClock(s.Clock().Now),
	}
	return client.New(s.URL, sysid, s.MerchantKey, s.PlatformCert, append(base, opts...)...)
}

// serveUntilStopped serves ln in a goroutine and returns the function that
// shuts the server down and waits for it, once.
func serveUntilStopped(t testing.TB, srv *mock.Server, ln net.Listener) func() {
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	var once sync.Once
	return func() { once.Do(func() { shutdown(t, srv, done) }) }
}

// shutdown stops the server gracefully and waits for Serve to return. The
// server closes connections that never sent a request at once (a client
// pool's spare one, which net/http would wait 5 s for); the deadline stays
// above those 5 s all the same.
func shutdown(t testing.TB, srv *mock.Server, done <-chan error) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil {
		t.Errorf("mocktest: shutdown: %v", err)
	}
	if err := <-done; err != nil {
		t.Errorf("mocktest: %v", err)
	}
}

// Close shuts the server down; the test's cleanup calls it too.
func (s *Server) Close() { s.stop() }

// Clock is the server's clock: set it or advance it to test expiry and
// statements. The client takes its timestamps from it, so that moving it
// never breaks the timestamp window.
func (s *Server) Clock() mock.Clock { return s.Server.Clock() }
