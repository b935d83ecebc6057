package rpc

import (
	"bytes"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/apps"
	"github.com/tsymock/tsymock/internal/clock"
	"github.com/tsymock/tsymock/internal/coverage"
	"github.com/tsymock/tsymock/internal/emulator"
	"github.com/tsymock/tsymock/internal/ids"
	"github.com/tsymock/tsymock/internal/journal"
	"github.com/tsymock/tsymock/internal/soa"
	"github.com/tsymock/tsymock/internal/wiretest"
	"github.com/tsymock/tsymock/keys/demo"
	"github.com/tsymock/tsymock/scenarios"
)

// wakes counts the notifier's wake-ups, as calls at once make them.
type wakes struct{ n atomic.Int64 }

func (w *wakes) Wake() { w.n.Add(1) }

// newTestHandler is the handler of a server that knows the demo
// application, on a clock fixed at wiretest.Time; change adjusts its
// parts (a logger, rules) before it is built.
func newTestHandler(tb testing.TB, change ...func(*Parts)) (*Handler, *demo.Material) {
	tb.Helper()
	m := wiretest.Demo(tb)
	c := clock.NewManual(wiretest.Now(tb))
	registry := apps.NewRegistry()
	_, err := registry.Add(apps.App{SysID: demo.SysID, Key: &m.MerchantKey.PublicKey}, apps.OriginConfig)
	require.NoError(tb, err)
	cat := soa.DefaultCatalogue()
	idSource := ids.NewRandom()
	parts := Parts{Apps: registry, Catalogue: cat, Emulator: emulator.New(emulator.Config{Clock: c, IDs: idSource}),
		Scenarios: scenarios.NewSet(scenarios.Options{Now: c.Now, IDs: idSource}), Journal: journal.New(0),
		Coverage: coverage.New(cat), Notifier: new(wakes), Log: slog.New(slog.DiscardHandler)}
	for _, fn := range change {
		fn(&parts)
	}
	return New(Config{PlatformKey: m.PlatformKey, Skew: 10 * time.Minute, Clock: c, MaxBody: 1 << 20,
		BodyTimeout: 10 * time.Second, MaxDelay: 30 * time.Second}, parts), m
}

// canned answers from builtin:balances, as "tsymock serve --scenarios
// builtin:balances" does.
func canned(tb testing.TB) func(*Parts) {
	tb.Helper()
	f, err := scenarios.Builtin("balances")
	require.NoError(tb, err)
	return func(p *Parts) { p.Scenarios.SetFiles([]*scenarios.File{f}) }
}

func TestMethodNotAllowed(t *testing.T) {
	h, _ := newTestHandler(t)
	for _, method := range []string{http.MethodPut, http.MethodHead, http.MethodDelete} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(method, "/service/soa", nil))
		assert.Equal(t, http.StatusMethodNotAllowed, rec.Code, method)
		assert.Equal(t, "GET, POST", rec.Header().Get("Allow"), method)
	}
}

func TestBodyTooLarge(t *testing.T) {
	h, m := newTestHandler(t)
	body := "req=" + strings.Repeat("a", 1<<20+1)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/service/soa", strings.NewReader(body)))
	assert.Equal(t, "10004", wiretest.CheckAnswer(t, m, rec)["errorCode"])
}

// TestAnswerHasALength: an answer is never chunked, some SDKs read it with
// one fixed read; and the notifier is woken once per call.
func TestAnswerHasALength(t *testing.T) {
	h, m := newTestHandler(t)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/service/soa?"+wiretest.SignedForm(t, m, wiretest.CreateMemberReq("a")), nil))
	assert.Equal(t, "OK", wiretest.CheckAnswer(t, m, rec)["status"])
	assert.Equal(t, "application/json;charset=UTF-8", rec.Header().Get("Content-Type"))
	assert.NotEmpty(t, rec.Header().Get("Content-Length"))
	assert.Equal(t, int64(1), h.Notifier.(*wakes).n.Load())
}

// TestSafelyAnswers9999: a panic while answering becomes a 9999 answer and
// a log line with the stack, and the server goes on.
func TestSafelyAnswers9999(t *testing.T) {
	var log bytes.Buffer
	h := &Handler{Parts: Parts{Log: slog.New(slog.NewTextHandler(&log, nil))}}
	ex := &exchange{}
	h.safely(ex, func() { panic("boom") })
	assert.Nil(t, ex.value)
	require.NotNil(t, ex.err)
	assert.Equal(t, "9999", ex.err.Code)
	assert.Contains(t, log.String(), "panic=boom")
	assert.Contains(t, log.String(), "handler_test.go")
	ex = &exchange{}
	h.safely(ex, func() { ex.answer(map[string]any{"ok": true}, nil) })
	assert.Nil(t, ex.err)
	assert.Equal(t, true, ex.value["ok"])
}

// TestEmulatorPanicAnswers9999: a panic deep in a step is the same 9999,
// signed, through the whole handler.
func TestEmulatorPanicAnswers9999(t *testing.T) {
	h, m := newTestHandler(t)
	h.steps = append(h.steps[:len(h.steps)-1], func(http.ResponseWriter, *http.Request, *exchange) bool { panic("deep") })
	assert.Equal(t, "9999", wiretest.Call(t, h, m, wiretest.CreateMemberReq("a"))["errorCode"])
}
