package e2e

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/mock"
)

// stubUpstream is a small upstream on loopback that keeps what it was sent
// and answers what the test says.
type stubUpstream struct {
	*httptest.Server
	mu       sync.Mutex
	method   string
	path     string
	query    string
	ctype    string
	body     []byte
	status   int
	answerCT string
	answer   string
}

func newStub(t *testing.T, status int, contentType, answer string) *stubUpstream {
	t.Helper()
	s := &stubUpstream{status: status, answerCT: contentType, answer: answer}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		s.mu.Lock()
		s.method, s.path, s.query, s.ctype, s.body = r.Method, r.URL.Path, r.URL.RawQuery, r.Header.Get("Content-Type"), body
		s.mu.Unlock()
		w.Header().Set("Content-Type", s.answerCT)
		w.WriteHeader(s.status)
		_, _ = io.WriteString(w, s.answer)
	}))
	t.Cleanup(s.Close)
	return s
}

// TestUpstreamGetsTheRequestUnchanged: the upstream receives the client's
// method, path, query, Content-Type and body bytes as they were sent,
// however the client encoded them.
func TestUpstreamGetsTheRequestUnchanged(t *testing.T) {
	t.Parallel()
	w := newProxyWorld(t)
	stub := newStub(t, http.StatusOK, "application/json;charset=UTF-8", `{"sign":"x","signedValue":"{}","status":"OK"}`)
	front, _, _ := w.startFront(t, mock.UpstreamConfig{URL: stub.URL})
	// An SDK's own spelling: unsorted keys, %20 for spaces, lower-case hex,
	// a trailing &, an extra key.
	body := strings.ReplaceAll(demoForm(t, w, `{"service":"MemberService","method":"createMember","param":{"bizUserId":"a b","memberType":3,"source":1}}`), "+", "%20") + "&ssoid=x&"
	req, err := http.NewRequest(http.MethodPost, front+"/service/soa?trace=1", strings.NewReader(body))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded; charset=GBK")
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	stub.mu.Lock()
	defer stub.mu.Unlock()
	assert.Equal(t, http.MethodPost, stub.method)
	assert.Equal(t, "/service/soa", stub.path)
	assert.Equal(t, "trace=1", stub.query)
	assert.Equal(t, "application/x-www-form-urlencoded; charset=GBK", stub.ctype)
	assert.Equal(t, body, string(stub.body), "the body's bytes, unchanged")
}

// TestUpstreamAnswersThatAreNotEnvelopes: a gateway's HTML 502 goes to a
// pass-through client as it is, and is a signed 9500 in re-sign mode; it
// is never recorded.
func TestUpstreamAnswersThatAreNotEnvelopes(t *testing.T) {
	t.Parallel()
	w := newProxyWorld(t)
	const html = "<html><body><h1>502 Bad Gateway</h1></body></html>"
	stub := newStub(t, http.StatusBadGateway, "text/html", html)
	call := demoForm(t, w, `{"service":"MemberService","method":"createMember","param":{"bizUserId":"gw","memberType":3,"source":1}}`)

	dir := t.TempDir()
	passing, srv, _ := w.startFront(t, mock.UpstreamConfig{URL: stub.URL, RecordDir: dir})
	status, ctype, body := postTo(t, passing, call)
	assert.Equal(t, http.StatusBadGateway, status)
	assert.Equal(t, "text/html", ctype)
	assert.Equal(t, html, string(body))
	assert.Equal(t, "9500", lastEntry(t, srv).ErrorCode, "the journal names it")
	assert.NoFileExists(t, dir+"/MemberService.yaml")

	resigning, _, _ := w.startFront(t, mock.UpstreamConfig{URL: stub.URL, Mode: mock.UpstreamResign})
	status, _, body = postTo(t, resigning, call)
	assert.Equal(t, http.StatusOK, status)
	assert.True(t, signedBy(t, body, w.Demo.PlatformCert))
	assert.Contains(t, string(body), `"errorCode":"9500"`)
	assert.Contains(t, string(body), "502 Bad Gateway")
}
