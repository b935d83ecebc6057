// Package clock provides the time source that tsymock injects everywhere it
// needs "now": the timestamp window, order times, notification times.
//
// A fixed clock makes runs reproducible: the same requests give the same
// answers. It can be moved by hand (the admin API will set and advance it).
package clock

import (
	"sync"
	"time"
)

// Clock tells the current time.
type Clock interface {
	Now() time.Time
}

// System is the real wall clock.
type System struct{}

// Now returns time.Now.
func (System) Now() time.Time { return time.Now() }

// Manual is a clock that stands still until it is set or advanced. It is safe
// for concurrent use.
type Manual struct {
	mu  sync.Mutex
	now time.Time
}

// NewManual returns a clock fixed at t.
func NewManual(t time.Time) *Manual { return &Manual{now: t} }

// Now returns the time the clock is set to.
func (m *Manual) Now() time.Time {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.now
}

// Set moves the clock to t.
func (m *Manual) Set(t time.Time) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.now = t
}

// Advance moves the clock forward by d (backward when d is negative).
func (m *Manual) Advance(d time.Duration) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.now = m.now.Add(d)
}
