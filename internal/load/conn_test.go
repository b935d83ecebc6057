package load

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestConnReadsEveryFraming: the small client reads what net/http writes,
// fixed-length and chunked, and notices Connection: close.
func TestConnReadsEveryFraming(t *testing.T) {
	long := strings.Repeat("x", 10000) // beyond net/http's 2 KB buffer: chunked
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Query().Get("kind") {
		case "long":
			_, _ = w.Write([]byte(long))
		case "close":
			w.Header().Set("Connection", "close")
			_, _ = w.Write([]byte("bye"))
		case "error":
			http.Error(w, "nope", http.StatusTeapot)
		default:
			_, _ = w.Write([]byte(`{"status":"OK"}`))
		}
	}))
	defer srv.Close()
	addr := strings.TrimPrefix(srv.URL, "http://")
	c, err := dial(addr)
	require.NoError(t, err)
	defer c.Close()

	get := func(kind string) answer {
		a, err := c.roundTrip(fmt.Appendf(nil, "GET /?kind=%s HTTP/1.1\r\nHost: %s\r\n\r\n", kind, addr), time.Now().Add(5*time.Second))
		require.NoError(t, err, kind)
		return a
	}
	a := get("short")
	assert.Equal(t, 200, a.status)
	assert.Equal(t, `{"status":"OK"}`, string(a.body))
	assert.Equal(t, long, string(get("long").body), "chunked")
	assert.Equal(t, http.StatusTeapot, get("error").status)
	assert.Equal(t, `{"status":"OK"}`, string(get("short").body), "the connection was kept alive throughout")
	a = get("close")
	assert.True(t, a.close)
	assert.Equal(t, "bye", string(a.body))
}

func TestStatusLine(t *testing.T) {
	code, err := statusOf([]byte("HTTP/1.1 503 Service Unavailable"))
	require.NoError(t, err)
	assert.Equal(t, 503, code)
	_, err = statusOf([]byte("SSH-2.0-OpenSSH"))
	assert.Error(t, err)
}
