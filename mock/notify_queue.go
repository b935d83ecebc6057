package mock

import (
	"context"
	"crypto/rsa"
	"fmt"
	"log/slog"
	"net/http"
	"slices"
	"sync"
	"time"

	"github.com/tsymock/tsymock/internal/clock"
	"github.com/tsymock/tsymock/internal/emulator"
)

// notifier takes the emulator's events, records them and delivers them to
// backUrl on the schedule. Every attempt runs in its own goroutine (a timer
// callback) under a context with the attempt timeout, so a slow or hanging
// receiver holds one goroutine for at most that long and never delays
// others. Timing uses real time, not the server's clock: a clock fixed for
// reproducible answers must not stop delivery.
type notifier struct {
	cfg   NotifyConfig
	key   *rsa.PrivateKey
	clock clock.Clock
	emu   *emulator.Emulator
	log   *slog.Logger
	http  *http.Client

	// takeMu makes taking events and recording them one step, so that once
	// wake returns, every event queued before it is listed.
	takeMu sync.Mutex

	mu      sync.Mutex
	seq     uint64
	records []*record // oldest first
	byID    map[string]*record
	closed  bool

	ctx      context.Context // cancelled by close: ends attempts in flight
	cancel   context.CancelFunc
	wg       sync.WaitGroup // attempts scheduled or in flight, and the poll
	pollOnce sync.Once
	stopPoll chan struct{}
	// finished, when set, is told the Event.Key of every notification that
	// needs no more attempts (delivered, failed, undeliverable, cleared),
	// so that a kept state does not send it again after a restart.
	finished func(key string)
}

func newNotifier(cfg NotifyConfig, key *rsa.PrivateKey, c clock.Clock, emu *emulator.Emulator, log *slog.Logger) *notifier {
	ctx, cancel := context.WithCancel(context.Background())
	return &notifier{cfg: cfg.withDefaults(), key: key, clock: c, emu: emu, log: log,
		http: newNotifyClient(), byID: map[string]*record{}, ctx: ctx, cancel: cancel,
		stopPoll: make(chan struct{})}
}

// wake takes every queued event and schedules its delivery. It is cheap
// when there is nothing to take.
func (n *notifier) wake() {
	n.takeMu.Lock()
	defer n.takeMu.Unlock()
	for _, ev := range n.emu.TakeEvents() {
		n.add(ev)
	}
}

// add records one event and schedules its first attempt, or records why it
// cannot be delivered.
func (n *notifier) add(ev emulator.Event) {
	rps, err := rpsText(ev)
	r := &record{ev: ev, n: Notification{SysID: ev.SysID, Service: ev.Service, Method: ev.Method,
		Status: ev.Status, BackURL: ev.BackURL, State: NotifyPending, RPS: rps, EventTime: ev.At,
		Queued: time.Now(), Order: ev.Order, MaxAttempts: n.maxAttempts(ev)}}
	n.mu.Lock()
	defer n.mu.Unlock()
	n.seq++
	r.n.ID = fmt.Sprintf("n%d", n.seq)
	n.records = append(n.records, r)
	n.byID[r.n.ID] = r
	n.trim()
	reason := n.refusal(ev.BackURL)
	if err != nil {
		reason = err.Error()
	}
	if reason != "" {
		r.n.State, r.n.Reason = NotifyUndeliverable, reason
		n.done(r)
		n.log.Warn("notification not deliverable", "id", r.n.ID, "sysid", ev.SysID,
			"call", ev.Service+"."+ev.Method, "backUrl", ev.BackURL, "reason", reason)
		return
	}
	n.schedule(r, n.cfg.Schedule[0])
}

// maxAttempts is the length of the schedule for order notifications, one
// for the others.
func (n *notifier) maxAttempts(ev emulator.Event) int {
	if ev.Order {
		return len(n.cfg.Schedule)
	}
	return 1
}

// schedule arms the record's next attempt. Callers hold n.mu.
func (n *notifier) schedule(r *record, d time.Duration) {
	if n.closed {
		return
	}
	n.wg.Add(1)
	r.n.NextAttempt = time.Now().Add(d)
	r.timer = time.AfterFunc(d, func() {
		defer n.wg.Done()
		n.scheduledAttempt(r)
	})
}

// unschedule stops the record's waiting timer, if any. Callers hold n.mu.
func (n *notifier) unschedule(r *record) {
	if r.timer != nil && r.timer.Stop() {
		n.wg.Done()
	}
	r.timer, r.n.NextAttempt = nil, time.Time{}
}

// scheduledAttempt is a timer's attempt: on failure the next one is armed
// while the schedule lasts, then the notification is failed.
func (n *notifier) scheduledAttempt(r *record) {
	n.mu.Lock()
	if n.closed || r.running || r.removed || r.n.State != NotifyPending {
		n.mu.Unlock()
		return
	}
	r.timer, r.n.NextAttempt, r.running = nil, time.Time{}, true
	n.mu.Unlock()
	n.finish(r, n.attempt(n.ctx, r, false))
}

// finish records an attempt's outcome and decides what comes next.
func (n *notifier) finish(r *record, a NotifyAttempt) {
	n.mu.Lock()
	defer n.mu.Unlock()
	r.running = false
	r.n.Attempts = append(r.n.Attempts, a)
	scheduled := countScheduled(r.n.Attempts)
	switch {
	case a.Status == http.StatusOK:
		n.unschedule(r)
		r.n.State = NotifyDelivered
		n.done(r)
	case r.removed:
		n.unschedule(r)
	case r.n.State == NotifyPending && scheduled < r.n.MaxAttempts:
		if r.timer == nil {
			n.schedule(r, n.cfg.Schedule[min(scheduled, len(n.cfg.Schedule)-1)])
		}
	default:
		n.unschedule(r)
		r.n.State = NotifyFailed
		n.done(r)
	}
}

// done tells the kept state that r needs no more attempts.
func (n *notifier) done(r *record) {
	if n.finished != nil {
		n.finished(r.ev.Key)
	}
}

// countScheduled is how many attempts the schedule made (redeliveries
// asked for through the API do not use up the schedule).
func countScheduled(attempts []NotifyAttempt) int {
	k := 0
	for _, a := range attempts {
		if !a.Manual {
			k++
		}
	}
	return k
}

// trim forgets the oldest finished notifications past the limit. Callers
// hold n.mu.
func (n *notifier) trim() {
	for len(n.records) > n.cfg.Max {
		i := slices.IndexFunc(n.records, func(r *record) bool { return r.n.State != NotifyPending && !r.running })
		if i < 0 {
			return
		}
		delete(n.byID, n.records[i].n.ID)
		n.records = slices.Delete(n.records, i, i+1)
	}
}

// startPoll starts the safety poll once; close stops it.
func (n *notifier) startPoll() {
	n.pollOnce.Do(func() {
		n.mu.Lock()
		defer n.mu.Unlock()
		if n.closed {
			return
		}
		n.wg.Add(1)
		go n.poll()
	})
}

func (n *notifier) poll() {
	defer n.wg.Done()
	t := time.NewTicker(n.cfg.Poll)
	defer t.Stop()
	for {
		select {
		case <-t.C:
			n.wake()
		case <-n.stopPoll:
			return
		}
	}
}

// close stops the poll and every scheduled attempt, cancels the attempts in
// flight and waits for their goroutines, or for ctx to end. Pending
// notifications stay listed as pending.
func (n *notifier) close(ctx context.Context) error {
	n.mu.Lock()
	if !n.closed {
		n.closed = true
		close(n.stopPoll)
		for _, r := range n.records {
			n.unschedule(r)
		}
	}
	n.mu.Unlock()
	n.cancel()
	done := make(chan struct{})
	go func() { n.wg.Wait(); close(done) }()
	select {
	case <-done:
		n.http.CloseIdleConnections()
		return nil
	case <-ctx.Done():
		return fmt.Errorf("mock: notifier: %w", ctx.Err())
	}
}
