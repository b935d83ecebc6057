package mock

import (
	"time"

	"github.com/tsymock/tsymock/internal/clock"
)

// Clock is the server's clock as tests move it: the admin API's
// /__tsymock/clock and TestServer.Clock. It is one clock for every
// application.
type Clock interface {
	Now() time.Time
	Set(t time.Time)
	Advance(d time.Duration)
}

// Clock returns the server's clock, which the admin API sets and advances.
// A server on the system clock runs on from wherever it is set.
func (s *Server) Clock() Clock { return s.cfg.Clock.(clock.Settable) }
