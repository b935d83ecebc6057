package e2e

import (
	"context"
	"net"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/client"
	"github.com/tsymock/tsymock/keys/demo"
	"github.com/tsymock/tsymock/mock"
)

// remoteListener makes every connection look as if it came from another
// machine: the server sees RemoteAddr 203.0.113.7, as it would in a
// container reached through a published port.
type remoteListener struct{ net.Listener }

func (l remoteListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return remoteConn{c}, nil
}

type remoteConn struct{ net.Conn }

func (remoteConn) RemoteAddr() net.Addr {
	return &net.TCPAddr{IP: net.IPv4(203, 0, 113, 7), Port: 40000}
}

// startRemote runs a server whose clients all look remote.
func startRemote(t *testing.T, token string) string {
	t.Helper()
	m, err := demo.Load()
	require.NoError(t, err)
	srv, err := mock.New(mock.Config{PlatformKey: m.PlatformKey, AdminToken: token,
		Apps: []mock.App{{SysID: demo.SysID, Key: &m.MerchantKey.PublicKey}}})
	require.NoError(t, err)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	done := make(chan error, 1)
	go func() { done <- srv.Serve(remoteListener{ln}) }()
	t.Cleanup(func() {
		http.DefaultClient.CloseIdleConnections()
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		require.NoError(t, srv.Shutdown(ctx))
		require.NoError(t, <-done)
	})
	return "http://" + ln.Addr().String()
}

// TestAdminAccessOverHTTP: a remote client is refused without a token
// configured, needs the right token when one is, and calls /service/soa
// and the health check freely either way.
func TestAdminAccessOverHTTP(t *testing.T) {
	t.Parallel()
	open := admin{t: t, base: startRemote(t, "")}
	code, body := open.do(http.MethodGet, "journal", "")
	assert.Equal(t, http.StatusForbidden, code)
	assert.Contains(t, string(body), "203.0.113.7")
	assert.Contains(t, string(body), "--admin-token")
	code, _ = open.do(http.MethodPost, "reset", "")
	assert.Equal(t, http.StatusForbidden, code)
	code, _ = open.do(http.MethodGet, "health", "")
	assert.Equal(t, http.StatusOK, code, "health checks come from outside")

	base := startRemote(t, "s3cret")
	code, body = admin{t: t, base: base}.do(http.MethodGet, "journal", "")
	assert.Equal(t, http.StatusUnauthorized, code)
	assert.Contains(t, string(body), "Authorization: Bearer")
	code, _ = admin{t: t, base: base, token: "wrong"}.do(http.MethodGet, "journal", "")
	assert.Equal(t, http.StatusUnauthorized, code)
	withToken := admin{t: t, base: base, token: "s3cret"}

	m, err := demo.Load()
	require.NoError(t, err)
	c, err := client.New(base, demo.SysID, m.MerchantKey, m.PlatformCert)
	require.NoError(t, err)
	require.NoError(t, createMember(t, c, "remote"), "/service/soa needs no token")
	var n countAnswer
	withToken.get("calls?method=createMember", &n)
	assert.Equal(t, 1, n.Count)
}
