package pages

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/clock"
	"github.com/tsymock/tsymock/internal/emulator"
	"github.com/tsymock/tsymock/internal/notify"
	"github.com/tsymock/tsymock/internal/soa"
	"github.com/tsymock/tsymock/keys/demo"
)

// TestClaimWhilePressed: a token's page is claimed by one press at a
// time; a second claim meanwhile gets that press to wait for (on the
// page's own path only), and none once it finished, unless the page was
// shown again (restored).
func TestClaimWhilePressed(t *testing.T) {
	ps := newPageStore(clock.NewManual(time.Date(2026, 12, 1, 2, 0, 0, 0, time.UTC)))
	p := &pageSession{path: payOrderPath, sysid: "a"}
	require.NoError(t, ps.put(p))
	first, ok := ps.claim(p.token, payOrderPath)
	require.True(t, ok)
	second, ok := ps.claim(p.token, payOrderPath)
	assert.False(t, ok)
	assert.Same(t, first, second, "the press to wait for")
	other, ok := ps.claim(p.token, frontTransPath)
	assert.False(t, ok)
	assert.Nil(t, other, "another page's path waits for nothing")

	ps.restore(p)
	ps.finish(p.token, first)
	assert.True(t, first.wait(context.Background()))
	again, ok := ps.claim(p.token, payOrderPath)
	require.True(t, ok, "shown again, the page takes another press")
	ps.finish(p.token, again)
	gone, ok := ps.claim(p.token, payOrderPath)
	assert.False(t, ok)
	assert.Nil(t, gone)
	assert.Empty(t, ps.pressing)
}

// TestSecondPressWaitsForTheFirst: a second press of a button while the
// first is worked on (a double click; the browser shows only the second's
// answer) waits for it and gets the same answer, the button's work done
// once (probe-Y 4: it got "expired or used" while the order was paid).
func TestSecondPressWaitsForTheFirst(t *testing.T) {
	for _, tt := range []struct {
		name   string
		result *soa.Error
		status int
	}{
		{"a return to the merchant", nil, http.StatusSeeOther},
		{"a wrong password: the page again", soa.Errorf("20010", "wrong payment password"), http.StatusOK},
		{"an error page", soa.Errorf("40004", "order is not waiting for payment"), http.StatusBadRequest},
	} {
		t.Run(tt.name, func(t *testing.T) {
			entered, release, waiting := make(chan struct{}), make(chan struct{}), make(chan struct{}, 1)
			var confirms atomic.Int32
			h := pressHandler(t, waiting, func(*Handler, *pageSession, url.Values) (string, *soa.Error) {
				confirms.Add(1)
				close(entered)
				<-release
				return `{"status":"OK"}`, tt.result
			})
			p := &pageSession{path: payOrderPath, sysid: "a", returnURL: "http://127.0.0.1:9/jump", view: pageView{Title: "t"}}
			require.NoError(t, h.sessions.put(p))
			srv := httptest.NewServer(h)
			defer srv.Close()
			releaseFirst := sync.OnceFunc(func() { close(release) })
			defer releaseFirst() // before the server closes: it waits for the first press

			answers := make(chan *http.Response, 2)
			click := func() { answers <- pressButton(t, srv.URL+payOrderPath, p.token) }
			go click()
			within(t, entered, "the first press confirms")
			go click()
			within(t, waiting, "the second press waits for the first")
			releaseFirst()
			first, second := <-answers, <-answers
			for _, resp := range []*http.Response{first, second} {
				assert.Equal(t, tt.status, resp.StatusCode)
				if tt.result != nil {
					assert.Equal(t, tt.result.Code, resp.Header.Get("X-Tsymock-Error-Code"))
				}
			}
			assert.Equal(t, first.Header.Get("Location"), second.Header.Get("Location"))
			assert.Equal(t, readBody(t, first), readBody(t, second), "the same page, the same token")
			assert.Equal(t, int32(1), confirms.Load(), "confirmed once")
		})
	}
}

// within waits for c, failing the test after 10 s.
func within(t *testing.T, c <-chan struct{}, what string) {
	t.Helper()
	select {
	case <-c:
	case <-time.After(10 * time.Second):
		require.FailNow(t, "never: "+what)
	}
}

// pressHandler is a Handler whose payOrder.html confirms with confirm,
// signalling waiting when a second press waits for a first.
func pressHandler(t *testing.T, waiting chan<- struct{}, confirm func(*Handler, *pageSession, url.Values) (string, *soa.Error)) *Handler {
	t.Helper()
	key, err := demo.PlatformKey()
	require.NoError(t, err)
	c := clock.NewManual(time.Date(2026, 12, 1, 2, 0, 0, 0, time.UTC))
	log := slog.New(signalOn{"pressed again", waiting})
	h := New(Config{PlatformKey: key, Clock: c, MaxBody: 1 << 20}, Parts{Notifier: notify.New(notify.Config{}, key, c, noEvents{}, log), Log: log})
	h.flows[payOrderPath] = pageFlow{confirm: confirm}
	return h
}

// pressButton posts the confirm button of token's page, following no
// redirect.
func pressButton(t *testing.T, at, token string) *http.Response {
	browser := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := browser.PostForm(at, url.Values{"token": {token}, "action": {"confirm"}})
	if !assert.NoError(t, err) {
		return &http.Response{Body: io.NopCloser(strings.NewReader(""))}
	}
	return resp
}

func readBody(t *testing.T, resp *http.Response) string {
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return string(b)
}

// noEvents is a notifier's source with nothing to notify.
type noEvents struct{}

func (noEvents) TakeEvents() []emulator.Event { return nil }

// signalOn is a log handler that signals on c when a line's message holds
// text, and writes nothing.
type signalOn struct {
	text string
	c    chan<- struct{}
}

func (s signalOn) Enabled(context.Context, slog.Level) bool { return true }

func (s signalOn) Handle(_ context.Context, r slog.Record) error {
	if strings.Contains(r.Message, s.text) {
		s.c <- struct{}{}
	}
	return nil
}

func (s signalOn) WithAttrs([]slog.Attr) slog.Handler { return s }
func (s signalOn) WithGroup(string) slog.Handler      { return s }
