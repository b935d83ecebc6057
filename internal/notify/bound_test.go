package notify

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"runtime"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/clock"
	"github.com/tsymock/tsymock/internal/emulator"
	"github.com/tsymock/tsymock/keys/demo"
)

// events is an EventSource of events handed in by the test.
type events struct {
	mu  sync.Mutex
	evs []emulator.Event
}

func (s *events) add(evs ...emulator.Event) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.evs = append(s.evs, evs...)
}

func (s *events) TakeEvents() []emulator.Event {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := s.evs
	s.evs = nil
	return out
}

// newTestNotifier is a notifier of src's events, closed at the end of the
// test.
func newTestNotifier(t *testing.T, cfg Config, src EventSource) *Notifier {
	t.Helper()
	m, err := demo.Load()
	require.NoError(t, err)
	n := New(cfg, m.PlatformKey, clock.System{}, src, slog.New(slog.DiscardHandler))
	t.Cleanup(func() { _ = n.Close(context.Background()) })
	return n
}

// orderEvent is an order notification for backURL.
func orderEvent(i int, backURL string) emulator.Event {
	return emulator.Event{SysID: "S", Service: "OrderService", Method: "pay", Status: "OK", Order: true,
		BackURL: backURL, Key: fmt.Sprintf("k%d", i), ReturnValue: map[string]any{"bizOrderNo": fmt.Sprint(i)}}
}

// TestPendingNotificationsAreBounded: past Max, when no notification is
// finished, the oldest pending one is given up (failed, with the reason,
// finished for the data dir); before, 15,001 stayed pending past the
// documented 10,000.
func TestPendingNotificationsAreBounded(t *testing.T) {
	var finished []string
	src := &events{}
	n := newTestNotifier(t, Config{Max: 100, Schedule: []time.Duration{time.Hour},
		Finished: func(key string) { finished = append(finished, key) }}, src)
	for i := range 150 {
		src.add(orderEvent(i, "http://127.0.0.1:9/n"))
	}
	list := n.List("")
	require.LessOrEqual(t, len(list), 100)
	require.GreaterOrEqual(t, len(list), 100-100/16)
	assert.Equal(t, fmt.Sprint("n", 151-len(list)), list[0].ID, "the oldest were given up")
	for _, x := range list {
		assert.Equal(t, Pending, x.State)
	}
	require.Len(t, finished, 150-len(list))
	assert.Equal(t, "k0", finished[0])
}

// TestLocalShortageIsNoAttempt: an attempt that failed for want of a file
// descriptor does not use up the schedule and is not listed; it is tried
// again a moment later. One the receiver failed is listed as before.
func TestLocalShortageIsNoAttempt(t *testing.T) {
	assert.True(t, isLocalShortage(&net.OpError{Op: "dial", Err: os.NewSyscallError("socket", syscall.EMFILE)}))
	assert.True(t, isLocalShortage(fmt.Errorf("post: %w", syscall.ENOBUFS)))
	assert.False(t, isLocalShortage(syscall.ECONNREFUSED))
	assert.False(t, isLocalShortage(errors.New("context deadline exceeded")))
	assert.False(t, isLocalShortage(io.EOF))

	src := &events{}
	n := newTestNotifier(t, Config{Schedule: []time.Duration{time.Hour, time.Hour}}, src)
	src.add(orderEvent(1, "http://127.0.0.1:9/n"))
	r := n.due1(t, "n1")
	n.finish(r, Attempt{Error: "socket: too many open files", local: true})
	got, _ := n.Get("n1")
	assert.Empty(t, got.Attempts, "not an attempt")
	assert.Equal(t, Pending, got.State)
	assert.WithinDuration(t, time.Now().Add(time.Second), got.NextAttempt, 200*time.Millisecond, "tried again in a second")
	r = n.due1(t, "n1")
	n.finish(r, Attempt{Error: "connection refused"})
	got, _ = n.Get("n1")
	assert.Len(t, got.Attempts, 1, "a failure of the receiver is an attempt")
	assert.Equal(t, time.Second, localRetry(1))
	assert.Equal(t, time.Minute, localRetry(30))
}

// due1 is the record of id as its timer hands it to a worker.
func (n *Notifier) due1(t *testing.T, id string) *record {
	t.Helper()
	n.Wake()
	n.mu.Lock()
	defer n.mu.Unlock()
	r, ok := n.byID[id]
	require.True(t, ok)
	n.unschedule(r)
	r.running = true
	return r
}

// liveHeap is the bytes of live objects on the Go heap after collections.
func liveHeap() uint64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// TestFloodOfNotifications: 12,000 notifications owed to a receiver that
// never answers and 12,000 undeliverable ones keep at most DefaultMax listed, and
// the heap under 32 MiB. Before, the pending ones were all kept.
func TestFloodOfNotifications(t *testing.T) {
	const each, ceiling = 12000, 32 << 20
	src := &events{}
	n := newTestNotifier(t, Config{Schedule: []time.Duration{time.Hour}}, src)
	before := liveHeap()
	for i := range each {
		src.add(orderEvent(i, "http://127.0.0.1:9/never"), orderEvent(each+i, "http://merchant.example/n"))
		if i%1000 == 0 {
			n.Wake()
		}
	}
	n.Wake()
	after := liveHeap()
	runtime.KeepAlive(n)
	t.Logf("notifications: live heap %.1f MB before, %.1f MB after", float64(before)/1e6, float64(after)/1e6)
	listed := len(n.List(""))
	assert.LessOrEqual(t, listed, DefaultMax)
	assert.GreaterOrEqual(t, listed, DefaultMax-DefaultMax/16)
	assert.Less(t, after-min(before, after), uint64(ceiling))
}
