package mock

import (
	"time"

	"github.com/tsymock/tsymock/scenarios"
)

// DefaultMaxDelay caps scenario delays and hangs. It stays below the
// server's write timeout, so a capped answer is still delivered.
const DefaultMaxDelay = 30 * time.Second

// newScenarioSet builds the rules in force at start, reading the server's
// clock and ids so that templates agree with the emulator.
func newScenarioSet(cfg Config, ids scenarios.IDs) *scenarios.Set {
	set := scenarios.NewSet(scenarios.Options{Now: cfg.Clock.Now, IDs: ids, NoMagic: cfg.NoMagic})
	set.SetFiles(cfg.Scenarios)
	return set
}

// Scenarios returns the rules in force. Change them at run time with its
// SetFiles, Add, Arm and Remove; a scenarios.Watcher keeps them in step with
// files on disk.
func (s *Server) Scenarios() *scenarios.Set { return s.scen }

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
