package notify

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/clock"
	"github.com/tsymock/tsymock/internal/emulator"
	"github.com/tsymock/tsymock/keys/demo"
)

// TestStatsCountOutcomes: a delivered notification, one whose receiver
// fails every attempt until the schedule is used up, and one without a
// backUrl are counted by outcome; a redelivery of the delivered one is an
// attempt, not a second delivery.
func TestStatsCountOutcomes(t *testing.T) {
	m, err := demo.Load()
	require.NoError(t, err)
	rcv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/fail" {
			http.Error(w, "no", http.StatusInternalServerError)
		}
	}))
	defer rcv.Close()
	src := &events{evs: []emulator.Event{
		{SysID: "s", Service: "OrderService", Method: "pay", Status: "OK", Order: true, BackURL: rcv.URL + "/ok"},
		{SysID: "s", Service: "OrderService", Method: "pay", Status: "OK", Order: true, BackURL: rcv.URL + "/fail"},
		{SysID: "s", Service: "MemberService", Method: "signContract", Status: "OK"},
	}}
	n := New(Config{Schedule: []time.Duration{time.Millisecond, time.Millisecond, time.Millisecond}},
		m.PlatformKey, clock.System{}, src, slog.New(slog.DiscardHandler))
	defer func() { require.NoError(t, n.Close(context.Background())) }()
	n.Wake()
	assert.Equal(t, Stats{Undeliverable: 1, Pending: 2, Kept: 3}, n.Stats())
	require.Eventually(t, func() bool { return n.Stats().Pending == 0 }, 10*time.Second, time.Millisecond)
	assert.Equal(t, Stats{Delivered: 1, Attempts: 4, FailedAttempts: 3, Exhausted: 1, Undeliverable: 1, Kept: 3}, n.Stats())

	_, err = n.Redeliver(context.Background(), "n1")
	require.NoError(t, err)
	assert.Equal(t, Stats{Delivered: 1, Attempts: 5, FailedAttempts: 3, Exhausted: 1, Undeliverable: 1, Kept: 3}, n.Stats())
	n.Clear("")
	assert.Equal(t, Stats{Delivered: 1, Attempts: 5, FailedAttempts: 3, Exhausted: 1, Undeliverable: 1}, n.Stats(),
		"totals outlive the notifications")
}
