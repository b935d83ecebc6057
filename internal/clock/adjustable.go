package clock

import (
	"sync"
	"time"
)

// Adjustable runs with another clock (usually the system clock) shifted by
// an offset that can be set and advanced, so that a server started on real
// time can still be moved by the admin API: time keeps flowing, from the
// chosen point. It is safe for concurrent use.
type Adjustable struct {
	base Clock

	mu     sync.Mutex
	offset time.Duration
}

// NewAdjustable returns a clock that tells base's time until it is moved.
func NewAdjustable(base Clock) *Adjustable {
	if base == nil {
		base = System{}
	}
	return &Adjustable{base: base}
}

// Now returns the base clock's time plus the offset.
func (a *Adjustable) Now() time.Time {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.base.Now().Add(a.offset)
}

// Set makes the clock tell t now; it runs on from there.
func (a *Adjustable) Set(t time.Time) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.offset = t.Sub(a.base.Now())
}

// Advance moves the clock forward by d (backward when d is negative).
func (a *Adjustable) Advance(d time.Duration) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.offset += d
}

// Offset is how far the clock is from its base.
func (a *Adjustable) Offset() time.Duration {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.offset
}

// Settable is a clock that can be moved: Manual and Adjustable.
type Settable interface {
	Clock
	Set(t time.Time)
	Advance(d time.Duration)
}

// MakeSettable returns c when it can be moved already, or c wrapped in an
// Adjustable.
func MakeSettable(c Clock) Settable {
	if s, ok := c.(Settable); ok {
		return s
	}
	return NewAdjustable(c)
}

// Reset puts the clock back on its base: the system clock for a server's.
func (a *Adjustable) Reset() {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.offset = 0
}

// Moved is how far c was moved from the clock it runs on (an Adjustable's
// offset); zero for a clock that cannot be moved that way, such as a Manual
// one, which has no real time to be off from.
func Moved(c Clock) time.Duration {
	if o, ok := c.(interface{ Offset() time.Duration }); ok {
		return o.Offset()
	}
	return 0
}
