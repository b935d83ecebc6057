package notify

import "net/http"

// Stats counts the notifier's work since it started, for metrics. The
// totals never go down: a reset or Clear forgets notifications, not what
// happened to them.
type Stats struct {
	// Delivered counts notifications that got an HTTP 200 (once each,
	// however often redelivered).
	Delivered uint64
	// Attempts counts delivery attempts; FailedAttempts those that got no
	// 200 (no answer, a timeout, another status).
	Attempts, FailedAttempts uint64
	// Exhausted counts the times a notification ended failed: it used up
	// its scheduled attempts, or a redelivery of a finished one failed.
	Exhausted uint64
	// Undeliverable counts notifications never sent: no backUrl, or one
	// that is refused.
	Undeliverable uint64
	// Pending is how many wait for an attempt now; Kept how many the
	// notifier lists (at most Config.Max past the pending ones).
	Pending, Kept int
}

// counts are Stats' totals. They are guarded by the notifier's mutex,
// which every change of state holds already.
type counts struct {
	delivered, attempts, failedAttempts, exhausted, undeliverable uint64
}

// attempted counts an attempt and what it changed: before is the
// record's state before it. Callers hold n.mu.
func (c *counts) attempted(before State, r *record, a Attempt) {
	c.attempts++
	if a.Status != http.StatusOK || a.Error != "" {
		c.failedAttempts++
	}
	if before == r.n.State {
		return
	}
	switch r.n.State {
	case Delivered:
		c.delivered++
	case Failed:
		c.exhausted++
	}
}

// Stats returns the totals so far and the notifications pending now. It
// walks the list under the lock: call it when asked (a metrics scrape).
func (n *Notifier) Stats() Stats {
	n.mu.Lock()
	defer n.mu.Unlock()
	s := Stats{Delivered: n.counts.delivered, Attempts: n.counts.attempts,
		FailedAttempts: n.counts.failedAttempts, Exhausted: n.counts.exhausted,
		Undeliverable: n.counts.undeliverable, Kept: len(n.records)}
	for _, r := range n.records {
		if r.n.State == Pending {
			s.Pending++
		}
	}
	return s
}
