// Package mocktest starts a tsymock test server together with a ready Go
// client: mocktest.New(t) is mock.NewTestServer(t) plus a *client.Client
// signed with the demo merchant key, verifying with the platform
// certificate, and taking its timestamps from the server's clock.
//
// It is a package of its own because package mock must not import the
// client: the mock and the SDK would otherwise be free to share a bug.
package mocktest

import (
	"net/http"
	"testing"
	"time"

	"github.com/tsymock/tsymock/client"
	"github.com/tsymock/tsymock/mock"
)

// Server is a test server with a client for its application.
type Server struct {
	*mock.TestServer
	// Client calls the server as TestServer.SysID.
	Client *client.Client
}

// New starts a test server (see mock.NewTestServer) and a client for it.
// Both are closed at the test's cleanup.
func New(t testing.TB, opts ...mock.Option) *Server {
	t.Helper()
	ts := mock.NewTestServer(t, opts...)
	c, err := NewClient(t, ts, ts.SysID)
	if err != nil {
		t.Fatalf("mocktest: %v", err)
	}
	return &Server{TestServer: ts, Client: c}
}

// NewClient returns a client of ts that calls as sysid with the demo
// merchant key: another application of the same server (register it, or
// start the server with AutoApps). Its idle connections are closed at the
// test's cleanup, before the server stops.
func NewClient(t testing.TB, ts *mock.TestServer, sysid string, opts ...client.Option) (*client.Client, error) {
	transport := http.DefaultTransport.(*http.Transport).Clone()
	t.Cleanup(transport.CloseIdleConnections)
	base := []client.Option{
		client.WithHTTPClient(&http.Client{Transport: transport, Timeout: 30 * time.Second}),
		client.WithClock(ts.Clock().Now),
	}
	return client.New(ts.URL, sysid, ts.MerchantKey, ts.PlatformCert, append(base, opts...)...)
}
