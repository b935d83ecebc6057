package mock_test

import (
	"bufio"
	"context"
	"io"
	"net"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/mock"
)

// serveOn starts s on a loopback port until the test ends.
func serveOn(t *testing.T, s *mock.Server) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	done := make(chan error, 1)
	go func() { done <- s.Serve(ln) }()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		require.NoError(t, s.Shutdown(ctx))
		require.NoError(t, <-done)
	})
	return ln.Addr().String()
}

// TestMaxConns: past MaxConns open connections a new one is answered 503
// with a message saying why, and closed; once one closes, a new one is
// served.
func TestMaxConns(t *testing.T) {
	s, _ := newTestServer(t, func(c *mock.Config) { c.MaxConns = 3 })
	addr := serveOn(t, s)
	var open []net.Conn
	for range 3 {
		c, err := net.Dial("tcp", addr)
		require.NoError(t, err)
		open = append(open, c)
	}
	health := func() (*http.Response, string) {
		c, err := net.Dial("tcp", addr)
		require.NoError(t, err)
		defer c.Close()
		_, err = io.WriteString(c, "GET /__tsymock/health HTTP/1.1\r\nHost: "+addr+"\r\n\r\n")
		require.NoError(t, err)
		resp, err := http.ReadResponse(bufio.NewReader(c), nil)
		require.NoError(t, err)
		body, _ := io.ReadAll(resp.Body)
		return resp, string(body)
	}
	time.Sleep(50 * time.Millisecond) // the server has accepted the three
	resp, body := health()
	assert.Equal(t, http.StatusServiceUnavailable, resp.StatusCode)
	assert.Contains(t, body, "3 connections are open")
	assert.Equal(t, "1", resp.Header.Get("Retry-After"))

	require.NoError(t, open[0].Close())
	require.Eventually(t, func() bool {
		resp, _ := health()
		return resp.StatusCode == http.StatusOK
	}, 5*time.Second, 20*time.Millisecond, "a slot freed is used again")
	for _, c := range open[1:] {
		require.NoError(t, c.Close())
	}
}
