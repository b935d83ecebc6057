package e2e

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/mock"
)

// TestHangingReceiver: a backUrl that never answers costs each attempt at
// most the attempt timeout, does not delay the notifications of others,
// ends failed after the schedule, and leaves no goroutine behind once the
// server and the receivers are shut down.
func TestHangingReceiver(t *testing.T) {
	before := runtime.NumGoroutine()
	const timeout = 300 * time.Millisecond
	hang, release := hangingServer(nil)
	e, stop := startNotifyServer(t, fastNotify(timeout))
	c := e.orders(t)
	good := newReceiver(t, c.Client, nil)

	for _, biz := range []string{"h1", "h2", "h3"} {
		c.paidConsume(biz, hang.URL+"/notify")
	}
	c.paidConsume("g1", good.URL+"/notify")
	good.wait(t, 1)

	for _, n := range e.waitSettled(t, 4) {
		if n.BackURL == good.URL+"/notify" {
			assert.Equal(t, mock.NotifyDelivered, n.State)
			assert.Less(t, n.Attempts[0].At.Sub(n.Queued), timeout, "not queued behind the hanging attempts")
			continue
		}
		assert.Equal(t, mock.NotifyFailed, n.State)
		require.Len(t, n.Attempts, 4)
		for _, a := range n.Attempts {
			assert.Zero(t, a.Status)
			assert.Contains(t, a.Error, "deadline exceeded")
			assert.Less(t, a.Latency, timeout+time.Second, "bounded by the timeout")
		}
	}

	stop()
	good.close()
	release()
	assert.Eventually(t, func() bool { return runtime.NumGoroutine() <= before+2 }, 5*time.Second, 20*time.Millisecond,
		"goroutines: %d before, %d after", before, runtime.NumGoroutine())
}

// TestShutdownCancelsAttemptInFlight: Shutdown does not wait for a hanging
// receiver's timeout; it cancels the attempt and returns.
func TestShutdownCancelsAttemptInFlight(t *testing.T) {
	before := runtime.NumGoroutine()
	arrived := make(chan struct{}, 1)
	hang, release := hangingServer(arrived)
	e, stop := startNotifyServer(t, fastNotify(time.Minute))
	c := e.orders(t)
	c.paidConsume("h1", hang.URL+"/notify")
	<-arrived

	start := time.Now()
	stop()
	assert.Less(t, time.Since(start), 2*time.Second, "Shutdown cancels the attempt")
	n, ok := e.srv.Notification("n1")
	require.True(t, ok)
	assert.Equal(t, mock.NotifyPending, n.State, "cut short by Shutdown, still owed")
	release()
	assert.Eventually(t, func() bool { return runtime.NumGoroutine() <= before+2 }, 5*time.Second, 20*time.Millisecond,
		"goroutines: %d before, %d after", before, runtime.NumGoroutine())
}

// startNotifyServer is newNotifyEnv with a stop the test calls itself (the
// cleanup's shutdown then finds the server stopped).
func startNotifyServer(t *testing.T, opts ...func(*mock.Config)) (*notifyEnv, func()) {
	t.Helper()
	e := newNotifyEnv(t, opts...)
	return e, func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		require.NoError(t, e.srv.Shutdown(ctx))
	}
}

// hangingServer is a backUrl that never answers (until release, which also
// closes it). It reads the request first, so that it sees the notifier
// hang up.
func hangingServer(arrived chan<- struct{}) (*httptest.Server, func()) {
	done := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		if arrived != nil {
			select {
			case arrived <- struct{}{}:
			default:
			}
		}
		select {
		case <-r.Context().Done():
		case <-done:
		}
	}))
	return srv, func() { close(done); srv.Close() }
}
