package notify

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

// Notifier takes the emulator's events, records them and delivers them to
// backUrl on the schedule. A notification whose attempt is due is queued
// for a bounded pool of workers (Config.Workers), each attempt under a
// context with the attempt timeout, so a slow or hanging receiver holds one
// worker for at most that long, and thousands of hanging receivers hold
// Workers connections, not thousands: the process keeps the file
// descriptors its listener needs. Timing uses real time, not the server's
// clock: a clock fixed for reproducible answers must not stop delivery.
type Notifier struct {
	cfg   Config
	key   *rsa.PrivateKey
	clock clock.Clock
	src   EventSource
	// answers takes the merchants' answers to back-fills: src, when it
	// does (the emulator).
	answers BackfillAnswerer
	log     *slog.Logger
	http    *http.Client

	// takeMu makes taking events and recording them one step, so that once
	// wake returns, every event queued before it is listed.
	takeMu sync.Mutex

	mu      sync.Mutex
	seq     uint64
	records []*record // oldest first
	byID    map[string]*record
	closed  bool
	counts  counts     // Stats' totals
	due     []*record  // attempts due, for the workers
	work    *sync.Cond // on mu: signals due or closed
	workers sync.Once

	ctx      context.Context // cancelled by close: ends attempts in flight
	cancel   context.CancelFunc
	wg       sync.WaitGroup // attempts scheduled or in flight, and the poll
	pollOnce sync.Once
	stopPoll chan struct{}
}

// EventSource is where the events come from: the emulator, which queues
// one for every change a merchant is notified of.
type EventSource interface {
	TakeEvents() []emulator.Event
}

// New returns a notifier that signs with the platform key and stamps its
// forms with clock c (the server's: the merchant checks the timestamp).
// Start begins its safety poll; Close stops it.
func New(cfg Config, key *rsa.PrivateKey, c clock.Clock, src EventSource, log *slog.Logger) *Notifier {
	ctx, cancel := context.WithCancel(context.Background())
	answers, _ := src.(BackfillAnswerer)
	n := &Notifier{cfg: cfg.withDefaults(), key: key, clock: c, src: src, answers: answers, log: log,
		http: newNotifyClient(), byID: map[string]*record{}, ctx: ctx, cancel: cancel,
		stopPoll: make(chan struct{})}
	n.work = sync.NewCond(&n.mu)
	return n
}

// Wake takes every queued event and schedules its delivery. It is cheap
// when there is nothing to take; every request that can change state calls
// it once it is done.
func (n *Notifier) Wake() {
	n.takeMu.Lock()
	defer n.takeMu.Unlock()
	for _, ev := range n.src.TakeEvents() {
		n.add(ev)
	}
}

// add records one event and schedules its first attempt, or records why it
// cannot be delivered.
func (n *Notifier) add(ev emulator.Event) {
	var rps string
	var err error
	if ev.Kind != emulator.EventBackfill {
		rps, err = RPSText(ev)
	}
	r := &record{ev: ev, n: Notification{SysID: ev.SysID, Kind: ev.Kind, Service: ev.Service, Method: ev.Method,
		Status: ev.Status, BackURL: ev.BackURL, State: Pending, RPS: rps, Form: ev.Form, EventTime: ev.At,
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
		r.n.State, r.n.Reason = Undeliverable, reason
		n.counts.undeliverable++
		n.done(r)
		n.log.Warn("notification not deliverable", "id", r.n.ID, "sysid", ev.SysID,
			"call", ev.Service+"."+ev.Method, "backUrl", ev.BackURL, "reason", reason)
		return
	}
	n.schedule(r, n.cfg.Schedule[0])
}

// maxAttempts is the length of the schedule for order notifications, one
// for the others.
func (n *Notifier) maxAttempts(ev emulator.Event) int {
	if ev.Order {
		return len(n.cfg.Schedule)
	}
	return 1
}

// schedule arms the record's next attempt. Callers hold n.mu.
func (n *Notifier) schedule(r *record, d time.Duration) {
	if n.closed {
		return
	}
	n.wg.Add(1)
	r.n.NextAttempt = time.Now().Add(d)
	r.timer = time.AfterFunc(d, func() { n.enqueue(r) })
}

// enqueue hands a record whose attempt is due to the workers (it stays
// counted in n.wg until a worker is done with it).
func (n *Notifier) enqueue(r *record) {
	n.startWorkers()
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.closed { // the workers may be gone
		n.wg.Done()
		return
	}
	n.due = append(n.due, r)
	n.work.Signal()
}

// startWorkers starts the pool, once.
func (n *Notifier) startWorkers() {
	n.workers.Do(func() {
		n.mu.Lock()
		defer n.mu.Unlock()
		if n.closed {
			return
		}
		for range n.cfg.Workers {
			n.wg.Add(1)
			go n.work1()
		}
	})
}

// work1 is one worker: it makes the attempts due, one at a time, until the
// notifier is closed and nothing is due.
func (n *Notifier) work1() {
	defer n.wg.Done()
	for {
		n.mu.Lock()
		for len(n.due) == 0 && !n.closed {
			n.work.Wait()
		}
		if len(n.due) == 0 {
			n.mu.Unlock()
			return
		}
		r := n.due[0]
		n.due[0] = nil
		n.due = n.due[1:]
		n.mu.Unlock()
		n.scheduledAttempt(r)
		n.wg.Done()
	}
}

// unschedule stops the record's waiting timer, if any. Callers hold n.mu.
func (n *Notifier) unschedule(r *record) {
	if r.timer != nil && r.timer.Stop() {
		n.wg.Done()
	}
	r.timer, r.n.NextAttempt = nil, time.Time{}
}

// scheduledAttempt is a timer's attempt: on failure the next one is armed
// while the schedule lasts, then the notification is failed.
func (n *Notifier) scheduledAttempt(r *record) {
	n.mu.Lock()
	if n.closed || r.running || r.removed || r.n.State != Pending {
		n.mu.Unlock()
		return
	}
	r.timer, r.n.NextAttempt, r.running = nil, time.Time{}, true
	n.mu.Unlock()
	n.finish(r, n.attempt(n.ctx, r, false))
}

// finish records an attempt's outcome and decides what comes next. A
// scheduled attempt that failed for want of a local resource (no file
// descriptor, no buffer) is no fault of the receiver: it does not use up
// the schedule and is not listed; it is tried again later.
func (n *Notifier) finish(r *record, a Attempt) {
	n.mu.Lock()
	defer n.mu.Unlock()
	defer n.counts.attempted(r.n.State, r, a) // once the switch has decided, still locked
	r.running = false
	if a.local && !a.Manual && !r.removed && r.n.State == Pending {
		r.local++
		if r.timer == nil {
			n.schedule(r, localRetry(r.local))
		}
		return
	}
	r.local = 0
	r.n.Attempts = appendAttempt(r.n.Attempts, a)
	scheduled := countScheduled(r.n.Attempts)
	switch {
	case a.Status == http.StatusOK && a.Error == "": // a back-fill's unreadable or refused answer is an error
		n.unschedule(r)
		r.n.State = Delivered
		n.done(r)
	case r.removed:
		n.unschedule(r)
	case r.n.State == Pending && scheduled < r.n.MaxAttempts:
		if r.timer == nil {
			n.schedule(r, n.cfg.Schedule[min(scheduled, len(n.cfg.Schedule)-1)])
		}
	default:
		n.unschedule(r)
		r.n.State = Failed
		n.done(r)
		n.log.Warn("notification failed: its attempts are used up", append(r.logAttrs(), "attempts", scheduled)...)
	}
}

// done tells the kept state that r needs no more attempts.
func (n *Notifier) done(r *record) {
	if n.cfg.Finished != nil {
		n.cfg.Finished(r.ev.Key)
	}
}

// localRetry is the wait before trying again after k attempts in a row
// failed for want of a local resource: 1 s, doubling, at most a minute.
func localRetry(k int) time.Duration {
	return min(time.Second<<min(k-1, 6), time.Minute)
}

// maxAttemptsKept bounds the attempts listed per notification: the
// schedule's are always kept, and redeliveries past it forget the oldest
// redelivery.
const maxAttemptsKept = 32

// appendAttempt lists a, forgetting the oldest manual attempt past
// maxAttemptsKept.
func appendAttempt(list []Attempt, a Attempt) []Attempt {
	list = append(list, a)
	if len(list) > maxAttemptsKept {
		if i := slices.IndexFunc(list, func(a Attempt) bool { return a.Manual }); i >= 0 {
			list = slices.Delete(list, i, i+1)
		}
	}
	return list
}

// countScheduled is how many attempts the schedule made (redeliveries
// asked for through the API do not use up the schedule).
func countScheduled(attempts []Attempt) int {
	k := 0
	for _, a := range attempts {
		if !a.Manual {
			k++
		}
	}
	return k
}

// trim forgets the oldest finished notifications past the limit; when
// none is finished, it gives up the oldest pending one (failed, with the
// reason, and logged): a receiver that never answers must not make the
// list grow without end. It makes room for Max/16 more at once, so that a
// flood costs one pass over the list per Max/16 notifications, not one
// per notification. Callers hold n.mu.
func (n *Notifier) trim() {
	if len(n.records) <= n.cfg.Max {
		return
	}
	excess := len(n.records) - n.cfg.Max + n.cfg.Max/16
	finished := 0
	for _, r := range n.records {
		if isFinished(r) {
			finished++
		}
	}
	giveUps := max(0, excess-finished)
	kept := n.records[:0]
	for _, r := range n.records {
		switch {
		case excess > 0 && isFinished(r):
		case excess > 0 && giveUps > 0 && !r.running && r.n.State == Pending:
			n.giveUp(r)
			giveUps--
		default:
			kept = append(kept, r)
			continue
		}
		excess--
		delete(n.byID, r.n.ID)
	}
	clear(n.records[len(kept):])
	n.records = kept
}

// isFinished: a record that needs no more attempts and has none in flight.
func isFinished(r *record) bool { return r.n.State != Pending && !r.running }

// giveUp ends a pending notification that the bound pushes out. Callers
// hold n.mu.
func (n *Notifier) giveUp(r *record) {
	n.unschedule(r)
	r.removed = true
	r.n.State, r.n.Reason = Failed, fmt.Sprintf("given up: more than %d notifications were listed", n.cfg.Max)
	n.done(r)
	n.log.Warn("pending notification given up", append(r.logAttrs(), "reason", r.n.Reason)...)
}

// Start starts the safety poll, once; Close stops it.
func (n *Notifier) Start() {
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

func (n *Notifier) poll() {
	defer n.wg.Done()
	t := time.NewTicker(n.cfg.Poll)
	defer t.Stop()
	for {
		select {
		case <-t.C:
			n.Wake()
		case <-n.stopPoll:
			return
		}
	}
}

// Close stops the poll and every scheduled attempt, cancels the attempts in
// flight and waits for their goroutines, or for ctx to end. Pending
// notifications stay listed as pending.
func (n *Notifier) Close(ctx context.Context) error {
	n.mu.Lock()
	if !n.closed {
		n.closed = true
		n.work.Broadcast()
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
		return fmt.Errorf("notify: close: %w", ctx.Err())
	}
}
