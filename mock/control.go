package mock

import (
	"time"

	"github.com/tsymock/tsymock/internal/clock"
	"github.com/tsymock/tsymock/scenarios"
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

// AddScenario puts f's rules in force ahead of the files, limited to
// sysid's calls unless sysid is "", and returns their ids.
func (s *Server) AddScenario(sysid string, f *scenarios.File) ([]string, error) {
	f, err := scoped(sysid, f)
	if err != nil {
		return nil, err
	}
	return s.scen.Add(f), nil
}

// Arm is AddScenario for one-shot rules: a rule without times answers the
// next matching call, then retires.
func (s *Server) Arm(sysid string, f *scenarios.File) ([]string, error) {
	f, err := scoped(sysid, f)
	if err != nil {
		return nil, err
	}
	return s.scen.Arm(f), nil
}

func scoped(sysid string, f *scenarios.File) (*scenarios.File, error) {
	if sysid == "" {
		return f, nil
	}
	return f.ForSysID(sysid)
}
