package e2e

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/client"
	"github.com/tsymock/tsymock/mock"
)

// fastSchedule is the platform's 5 s, 10 min, 1 h, 6 h compressed.
func fastSchedule() []time.Duration {
	return []time.Duration{10 * time.Millisecond, 20 * time.Millisecond, 40 * time.Millisecond, 80 * time.Millisecond}
}

// fastNotify compresses the schedule and bounds attempts to timeout.
func fastNotify(timeout time.Duration) func(*mock.Config) {
	return func(cfg *mock.Config) {
		cfg.Notify = mock.NotifyConfig{Schedule: fastSchedule(), Timeout: timeout, AllowHosts: []string{"127.0.0.1"}}
	}
}

// notifyEnv is an env whose server the test can ask for its notifications.
type notifyEnv struct {
	*env
	srv *mock.Server
}

// newNotifyEnv starts a server with the demo material and the env's fixed
// clock, keeping the *mock.Server; it is shut down when the test ends.
func newNotifyEnv(t *testing.T, opts ...func(*mock.Config)) *notifyEnv {
	t.Helper()
	e, srv := demoServer(t, opts...)
	return &notifyEnv{env: e, srv: srv}
}

// orders is an orderClient on this env.
func (e *notifyEnv) orders(t *testing.T) *orderClient {
	t.Helper()
	mc := &memberClient{Client: e.client(t), t: t, ctx: context.Background()}
	return &orderClient{memberClient: mc, env: e.env}
}

// receiver is a merchant's backUrl and jumpUrl on 127.0.0.1: it verifies
// every notification with client.VerifyNotification and keeps it. Its
// answer to the n-th request is status(n) (200 when status is nil).
type receiver struct {
	URL    string
	close  func()
	c      *client.Client
	status func(n int64) int
	hits   atomic.Int64

	mu     sync.Mutex
	got    []*client.Notification
	bodies []string // raw notification bodies, in arrival order
	bad    []error
}

func newReceiver(t *testing.T, c *client.Client, status func(n int64) int) *receiver {
	t.Helper()
	r := &receiver{c: c, status: status}
	srv := httptest.NewServer(http.HandlerFunc(r.serve))
	t.Cleanup(srv.Close)
	r.URL, r.close = srv.URL, srv.Close
	return r
}

// serve answers /notify (backUrl, POST) and /jump (jumpUrl, GET).
func (r *receiver) serve(w http.ResponseWriter, req *http.Request) {
	if req.URL.Path == "/jump" {
		n, err := r.c.VerifyNotification(req)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Type", "text/html;charset=utf-8")
		_, _ = io.WriteString(w, `<p id="verified">sign OK: `+n.Service+"."+n.Method+" "+n.Status+`</p>`)
		return
	}
	hit := r.hits.Add(1)
	body, _ := io.ReadAll(req.Body)
	n, err := r.c.VerifyNotificationValues(mustParse(string(body)))
	r.mu.Lock()
	r.bodies = append(r.bodies, string(body))
	if err != nil {
		r.bad = append(r.bad, err)
	} else {
		r.got = append(r.got, n)
	}
	r.mu.Unlock()
	status := http.StatusOK
	if r.status != nil {
		status = r.status(hit)
	}
	w.WriteHeader(status)
}

func mustParse(body string) url.Values {
	v, err := url.ParseQuery(body)
	if err != nil {
		return url.Values{}
	}
	return v
}

// wait returns the first n verified notifications once they arrived.
func (r *receiver) wait(t *testing.T, n int) []*client.Notification {
	t.Helper()
	require.Eventually(t, func() bool {
		r.mu.Lock()
		defer r.mu.Unlock()
		return len(r.got)+len(r.bad) >= n
	}, 5*time.Second, 5*time.Millisecond, "waiting for %d notifications", n)
	r.mu.Lock()
	defer r.mu.Unlock()
	require.Empty(t, r.bad, "every notification verifies")
	return append([]*client.Notification(nil), r.got...)
}

// byOrder indexes order notifications by bizOrderNo.
func byOrder(t *testing.T, ns []*client.Notification) map[string]*client.Notification {
	t.Helper()
	out := map[string]*client.Notification{}
	for _, n := range ns {
		o, err := n.Order()
		require.NoError(t, err)
		out[o.BizOrderNo] = n
	}
	return out
}

// keysInOrder are a form body's keys as sent.
func keysInOrder(body string) []string {
	var keys []string
	for _, kv := range strings.Split(body, "&") {
		k, _, _ := strings.Cut(kv, "=")
		keys = append(keys, k)
	}
	return keys
}

// waitState waits until the server lists every notification of the
// application in a final state and returns them.
func (e *notifyEnv) waitSettled(t *testing.T, n int) []mock.Notification {
	t.Helper()
	var got []mock.Notification
	require.Eventually(t, func() bool {
		got = e.srv.Notifications(e.SysID)
		if len(got) < n {
			return false
		}
		for _, x := range got {
			if x.State == mock.NotifyPending {
				return false
			}
		}
		return true
	}, 5*time.Second, 5*time.Millisecond)
	return got
}
