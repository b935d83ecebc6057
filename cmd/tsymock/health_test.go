package main

import (
	"bytes"
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/keys/demo"
	"github.com/tsymock/tsymock/mock"
)

func TestHealthURL(t *testing.T) {
	for in, want := range map[string]string{
		"http://127.0.0.1:6900":                    "http://127.0.0.1:6900/__tsymock/health",
		"http://127.0.0.1:6900/":                   "http://127.0.0.1:6900/__tsymock/health",
		"127.0.0.1:6900":                           "http://127.0.0.1:6900/__tsymock/health",
		"http://tsymock:6900/service/soa":          "http://tsymock:6900/__tsymock/health",
		"http://h/prefix/service/soa/":             "http://h/prefix/__tsymock/health",
		"http://h/prefix?x=1":                      "http://h/prefix/__tsymock/health",
		"https://h:8443/__tsymock/health":          "https://h:8443/__tsymock/health",
		"http://[::1]:6900/mock/__tsymock/health/": "http://[::1]:6900/mock/__tsymock/health",
	} {
		got, err := healthURL(in)
		require.NoError(t, err, in)
		assert.Equal(t, want, got, in)
	}
	_, err := healthURL("http://")
	assert.Error(t, err)
}

func TestHealthCommand(t *testing.T) {
	m, err := demo.Load()
	require.NoError(t, err)
	srv, err := mock.New(mock.Config{PlatformKey: m.PlatformKey, Version: "v1.2.3",
		Apps: []mock.App{{SysID: demo.SysID, Key: &m.MerchantKey.PublicKey}}})
	require.NoError(t, err)
	healthy := httptest.NewServer(srv.Handler())
	defer healthy.Close()
	fake := func(code int, body string) string {
		ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			w.WriteHeader(code)
			_, _ = w.Write([]byte(body))
		}))
		t.Cleanup(ts.Close)
		return ts.URL
	}
	slow := httptest.NewServer(http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) { <-r.Context().Done() }))
	defer slow.Close()

	for _, tc := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"healthy", []string{"--url", healthy.URL}, 0, "ok: tsymock v1.2.3 up "},
		{"endpoint URL", []string{"--url", healthy.URL + "/service/soa"}, 0, "apps " + demo.SysID},
		{"quiet", []string{"-q", "--url", healthy.URL}, 0, ""},
		{"refused", []string{"--url", "http://" + closedAddr(t)}, 1, "connection refused"},
		{"HTTP 503", []string{"--url", fake(http.StatusServiceUnavailable, "")}, 1, "HTTP 503"},
		{"not tsymock", []string{"--url", fake(http.StatusOK, "<html>")}, 1, "not a tsymock health answer"},
		{"not ok", []string{"--url", fake(http.StatusOK, `{"status":"stopping"}`)}, 1, `status "stopping"`},
		{"timeout", []string{"--url", slow.URL, "--timeout", "100ms"}, 1, "no answer in time"},
		{"quiet failure", []string{"-q", "--url", slow.URL, "--timeout", "10ms"}, 1, ""},
		{"bad flag", []string{"--nope"}, 2, "unknown flag"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			start := time.Now()
			code := run(context.Background(), append([]string{"health"}, tc.args...), &out, &errOut)
			assert.Equal(t, tc.code, code, "stdout %s stderr %s", out.String(), errOut.String())
			assert.Less(t, time.Since(start), 5*time.Second)
			if tc.want == "" {
				assert.Empty(t, out.String()+errOut.String())
				return
			}
			assert.Contains(t, out.String()+errOut.String(), tc.want)
		})
	}
}

// closedAddr is a loopback address nothing listens on.
func closedAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := ln.Addr().String()
	require.NoError(t, ln.Close())
	return addr
}

// TestAddrFromEnvironment: the image sets TSYMOCK_ADDR (serve's --addr, see
// flagsFromEnv), and health's default --url follows it.
func TestAddrFromEnvironment(t *testing.T) {
	for env, want := range map[string][2]string{
		"":                {"127.0.0.1:6900", "http://127.0.0.1:6900"},
		"0.0.0.0:6900":    {"0.0.0.0:6900", "http://127.0.0.1:6900"},
		":7000":           {":7000", "http://127.0.0.1:7000"},
		"[::]:7000":       {"[::]:7000", "http://127.0.0.1:7000"},
		"10.1.2.3:6901":   {"10.1.2.3:6901", "http://10.1.2.3:6901"},
		"localhost:16900": {"localhost:16900", "http://localhost:16900"},
		// A URL, as ALLINPAY_SERVER_URL is: its scheme and host (probe-R finding 11).
		"http://127.0.0.1:7530":              {"http://127.0.0.1:7530", "http://127.0.0.1:7530"},
		"http://127.0.0.1:7530/service/soa/": {"http://127.0.0.1:7530/service/soa/", "http://127.0.0.1:7530"},
		"http://0.0.0.0:7530":                {"http://0.0.0.0:7530", "http://127.0.0.1:7530"},
		"https://mock.internal:443":          {"https://mock.internal:443", "https://mock.internal:443"},
	} {
		t.Setenv(addrEnv, env)
		assert.Equal(t, want[0], defaultAddr(), env)
		assert.Equal(t, want[1], defaultURL(), env)
	}

}

// TestCheckListenAddr: serve takes HOST:PORT, and says so for a URL.
func TestCheckListenAddr(t *testing.T) {
	for _, tc := range []struct{ addr, err string }{
		{"127.0.0.1:7530", ""},
		{":0", ""},
		{"[::1]:7530", ""},
		{"http://127.0.0.1:7530", `--addr (or $TSYMOCK_ADDR) "http://127.0.0.1:7530" is a URL; serve listens on HOST:PORT: use 127.0.0.1:7530`},
		{"http://127.0.0.1:7530/service/soa", "use 127.0.0.1:7530"},
	} {
		t.Run(tc.addr, func(t *testing.T) {
			err := checkListenAddr(tc.addr)
			if tc.err == "" {
				assert.NoError(t, err)
				return
			}
			assert.ErrorContains(t, err, tc.err)
		})
	}
}

// TestHealthWithURLInEnvironment: TSYMOCK_ADDR=http://HOST:PORT is where
// health and call go, not http://http://.
func TestHealthWithURLInEnvironment(t *testing.T) {
	addr, _, stop := startServe(t)
	defer stop()
	t.Setenv(addrEnv, "http://"+addr)
	var stdout, stderr bytes.Buffer
	assert.Equal(t, 0, run(t.Context(), []string{"health"}, &stdout, &stderr), stderr.String())
	assert.Contains(t, stdout.String(), "ok: tsymock")
	stdout.Reset()
	assert.Equal(t, callOK, run(t.Context(), []string{"call", "MemberService", "createMember",
		`{"bizUserId":"env-url","memberType":3,"source":1}`}, &stdout, &stderr), stderr.String())
	assert.Contains(t, stdout.String(), `"bizUserId": "env-url"`)
	stdout.Reset()
	assert.Equal(t, callOK, run(t.Context(), []string{"call", "--url", addr, "MemberService", "createMember",
		`{"bizUserId":"no-scheme","memberType":3,"source":1}`}, &stdout, &stderr), stderr.String())
}
