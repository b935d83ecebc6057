package mock

import (
	"time"

	"github.com/tsymock/tsymock/internal/clock"
)

// Clock is the server's clock, which tests and the admin API's
// /__tsymock/clock move. It is one clock for every application.
type Clock interface {
	Now() time.Time
	Set(t time.Time)
	Advance(d time.Duration)
}

// NewFixedClock returns a clock that stands still at t until Set or
// Advance moves it: every answer and timestamp window is then the same
// from run to run. It is safe for concurrent use.
func NewFixedClock(t time.Time) Clock { return clock.NewManual(t) }

// Clock returns the server's clock, which the admin API sets and advances.
// A server on the system clock runs on from wherever it is set.
func (s *Server) Clock() Clock { return s.cfg.Clock }
