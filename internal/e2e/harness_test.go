package e2e

import (
	"context"
	"crypto/rsa"
	"crypto/x509"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/client"
	"github.com/tsymock/tsymock/internal/soa"
	"github.com/tsymock/tsymock/internal/testtool"
	"github.com/tsymock/tsymock/keys"
	"github.com/tsymock/tsymock/keys/demo"
	"github.com/tsymock/tsymock/mock"
)

// vectorTime is the timestamp of every known-answer vector.
const vectorTime = "2026-11-28 12:00:00"

// vectorSysID is the sysid of the known-answer vectors.
const vectorSysID = "1902271423530473681"

func mustTime(t testing.TB, s string) time.Time {
	t.Helper()
	ts, err := time.ParseInLocation("2006-01-02 15:04:05", s, soa.Shanghai())
	require.NoError(t, err)
	return ts
}

// env is one running server with what a test needs to talk to it.
type env struct {
	URL      string
	Clock    mock.Clock
	Platform *rsa.PrivateKey
	Cert     *x509.Certificate
	Merchant *rsa.PrivateKey
	SysID    string
	Log      *testtool.Buffer
}

// startServer runs a server on 127.0.0.1:0 until the test ends.
func startServer(t testing.TB, cfg mock.Config) (string, *mock.Server) {
	t.Helper()
	u, srv, _ := startStoppable(t, cfg)
	return u, srv
}

// startStoppable is startServer that also hands out stop, which shuts the
// server down before the test ends (a restart); calling it again does
// nothing.
func startStoppable(t testing.TB, cfg mock.Config) (string, *mock.Server, func()) {
	t.Helper()
	srv, err := mock.New(cfg)
	require.NoError(t, err)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	stop := sync.OnceFunc(func() {
		checkAnswersDocumented(t, srv)
		// Connections a client dialed but never used look new to the
		// server, and Shutdown waits 5 s for those: close them first.
		http.DefaultTransport.(*http.Transport).CloseIdleConnections()
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		require.NoError(t, srv.Shutdown(ctx))
		require.NoError(t, <-done)
	})
	t.Cleanup(stop)
	return "http://" + ln.Addr().String(), srv, stop
}

// demoEnv starts a server with the bundled demo material and a clock fixed
// at the vectors' time.
func demoEnv(t testing.TB, opts ...func(*mock.Config)) *env {
	t.Helper()
	e, _ := demoServer(t, opts...)
	return e
}

// demoServer is demoEnv that also hands out the server, for tests that
// change it while it runs or read its notifications.
func demoServer(t testing.TB, opts ...func(*mock.Config)) (*env, *mock.Server) {
	t.Helper()
	e, srv, _ := demoStoppable(t, opts...)
	return e, srv
}

// demoStoppable is demoServer with startStoppable's stop.
func demoStoppable(t testing.TB, opts ...func(*mock.Config)) (*env, *mock.Server, func()) {
	t.Helper()
	m, err := demo.Load()
	require.NoError(t, err)
	e := &env{Clock: mock.NewFixedClock(mustTime(t, vectorTime)), Platform: m.PlatformKey,
		Cert: m.PlatformCert, Merchant: m.MerchantKey, SysID: demo.SysID, Log: &testtool.Buffer{}}
	cfg := mock.Config{
		PlatformKey: m.PlatformKey,
		Apps:        []mock.App{{SysID: demo.SysID, Key: &m.MerchantKey.PublicKey}},
		Clock:       e.Clock,
		Logger:      slog.New(slog.NewTextHandler(e.Log, nil)),
		// Notifications only to loopback: the tests' merchant.test
		// backUrls are listed as undeliverable, never looked up.
		Notify: mock.NotifyConfig{AllowHosts: []string{"127.0.0.1"}},
	}
	for _, o := range opts {
		o(&cfg)
	}
	var srv *mock.Server
	var stop func()
	e.URL, srv, stop = startStoppable(t, cfg)
	return e, srv, stop
}

// vectorEnv starts a server that knows the vectors' application with the
// 1024-bit vector keys, so vector requests verify.
func vectorEnv(t testing.TB) *env {
	t.Helper()
	platform, err := keys.LoadPrivateKeyFile(vectorKey("platform-1024.pkcs8.pem"), "")
	require.NoError(t, err)
	merchantPub, err := keys.LoadPublicKeyFile(vectorKey("merchant-1024.cer"))
	require.NoError(t, err)
	cert, err := keys.LoadCertificateFile(vectorKey("platform-1024.cer"))
	require.NoError(t, err)
	e := &env{Clock: mock.NewFixedClock(mustTime(t, vectorTime)), Platform: platform, Cert: cert,
		SysID: vectorSysID, Log: &testtool.Buffer{}}
	e.URL, _ = startServer(t, mock.Config{
		PlatformKey: platform,
		Apps:        []mock.App{{SysID: vectorSysID, Key: merchantPub}},
		Clock:       e.Clock,
		Logger:      slog.New(slog.NewTextHandler(e.Log, nil)),
	})
	return e
}

func vectorKey(name string) string {
	return filepath.Join("..", "..", "testdata", "vectors", "keys", name)
}

// client returns the bundled client for the env's application.
func (e *env) client(t testing.TB, opts ...client.Option) *client.Client {
	t.Helper()
	opts = append([]client.Option{client.WithClock(e.Clock.Now)}, opts...)
	c, err := client.New(e.URL, e.SysID, e.Merchant, e.Cert, opts...)
	require.NoError(t, err)
	return c
}

// wireAnswer is the envelope as it came over the wire, kept raw so that
// tests can check JSON types.
type wireAnswer struct {
	Status      int
	ContentType string
	Raw         map[string]json.RawMessage
	Body        []byte
}

func (a wireAnswer) str(t testing.TB, key string) string {
	t.Helper()
	raw, ok := a.Raw[key]
	require.True(t, ok, "answer has no %q: %s", key, a.Body)
	var s string
	require.NoError(t, json.Unmarshal(raw, &s), "%q must be a JSON string: %s", key, raw)
	return s
}

// verified checks the answer's sign with the platform certificate.
func (a wireAnswer) verified(t testing.TB, e *env) {
	t.Helper()
	pub := e.Cert.PublicKey.(*rsa.PublicKey)
	require.NoError(t, keys.Verify(pub, a.str(t, "signedValue"), a.str(t, "sign")), "answer sign: %s", a.Body)
}

// errorCode asserts an error answer, signed, with errorCode as a string.
func (a wireAnswer) errorCode(t testing.TB, e *env) string {
	t.Helper()
	a.verified(t, e)
	require.Equal(t, "error", a.str(t, "status"), "%s", a.Body)
	code, msg := a.str(t, "errorCode"), a.str(t, "message")
	require.Equal(t, "errorCode="+code+"&message="+msg, a.str(t, "signedValue"))
	return code
}

// send posts a raw form body or sends a raw query string.
func send(t testing.TB, e *env, method, raw, contentType string) wireAnswer {
	t.Helper()
	var req *http.Request
	var err error
	if method == http.MethodGet {
		req, err = http.NewRequest(method, e.URL+"/service/soa?"+raw, nil)
	} else {
		req, err = http.NewRequest(method, e.URL+"/service/soa", strings.NewReader(raw))
	}
	require.NoError(t, err)
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	a := wireAnswer{Status: resp.StatusCode, ContentType: resp.Header.Get("Content-Type"), Body: body}
	require.NoError(t, json.Unmarshal(body, &a.Raw), "body: %s", body)
	return a
}

// signed builds the form of a request signed with key over the given parts.
func signed(t testing.TB, key *rsa.PrivateKey, sysid, req, ts string) url.Values {
	t.Helper()
	sign, err := keys.Sign(key, sysid+req+ts)
	require.NoError(t, err)
	return url.Values{"sysid": {sysid}, "sign": {sign}, "timestamp": {ts}, "v": {"2.0"}, "req": {req}}
}

func postForm(t testing.TB, e *env, v url.Values) wireAnswer {
	t.Helper()
	return send(t, e, http.MethodPost, v.Encode(), "application/x-www-form-urlencoded;charset=utf-8")
}

func readVectors(t testing.TB) vectors {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "vectors", "vectors.json"))
	require.NoError(t, err)
	var v vectors
	require.NoError(t, json.Unmarshal(b, &v))
	return v
}

type vectors struct {
	Request []struct {
		Name, Req, Timestamp, Sign, SysID string
	} `json:"request"`
	Wire []struct {
		Name, Method, ContentType, Query, Body, Vector string
	} `json:"wire"`
	Negative []struct {
		Name, Vector, Req, Sign string
	} `json:"negative"`
}

func (v vectors) request(name string) (req, ts, sign string) {
	for _, r := range v.Request {
		if r.Name == name {
			return r.Req, r.Timestamp, r.Sign
		}
	}
	return "", "", ""
}
