package mock

import (
	"time"

	"github.com/tsymock/tsymock/internal/ids"
	"github.com/tsymock/tsymock/scenarios"
)

// DefaultMaxDelay caps scenario delays, hangs and slow bodies. It stays below the
// server's write timeout, so a capped answer is still delivered.
const DefaultMaxDelay = 30 * time.Second

// scenarioStreams starts the keys of the scenario templates' id streams:
// a sysid's is ids.Source.For(scenarioStreams + sysid), never the stream
// of its emulator state (For(sysid)), whose position a restart keeps.
const scenarioStreams = "scenarios\x00"

// newScenarioSet builds the rules in force at start, reading the server's
// clock, and ids of the server's seed: each sysid's templates draw from a
// stream of their own (streams), apart from its emulator state's.
func newScenarioSet(cfg Config, streams *ids.Streams) *scenarios.Set {
	set := scenarios.NewSet(scenarios.Options{Now: cfg.Clock.Now, NoMagic: cfg.NoMagic,
		IDsOf: func(sysid string) scenarios.IDs { return streams.Of(sysid) }})
	set.SetFiles(cfg.Scenarios)
	return set
}

// MaxDelay is the cap on scenario delays, hangs and slow bodies (Config.MaxDelay, its
// default filled in).
func (s *Server) MaxDelay() time.Duration { return s.cfg.MaxDelay }

// Scenarios returns the rules in force. Change them at run time with its
// SetFiles, Add, Arm and Remove; a scenarios.Watcher keeps them in step with
// files on disk.
func (s *Server) Scenarios() *scenarios.Set { return s.scen }

// AddScenario puts f's rules in force ahead of the files, limited to
// sysid's calls unless sysid is "", and returns their ids. A sysid that is
// not registered is an error wrapping apps.ErrUnknown (a typo would make
// rules that never answer), unless Config.AutoApps registers it on its
// first request.
func (s *Server) AddScenario(sysid string, f *scenarios.File) ([]string, error) {
	f, err := s.scoped(sysid, f)
	if err != nil {
		return nil, err
	}
	return s.scen.Add(f), nil
}

// Arm is AddScenario for one-shot rules: a rule without times answers the
// next matching call, then retires.
func (s *Server) Arm(sysid string, f *scenarios.File) ([]string, error) {
	f, err := s.scoped(sysid, f)
	if err != nil {
		return nil, err
	}
	return s.scen.Arm(f), nil
}

// scoped limits f's rules to sysid's calls, a sysid that is registered or
// may be on its first request.
func (s *Server) scoped(sysid string, f *scenarios.File) (*scenarios.File, error) {
	if sysid == "" {
		return f, nil
	}
	if !s.cfg.AutoApps {
		if err := s.knownApp(sysid); err != nil {
			return nil, err
		}
	}
	return f.ForSysID(sysid)
}
