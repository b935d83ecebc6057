package mock

import (
	"fmt"
	"slices"
)

// Reset forgets one application's state, or everything when sysid is "":
// the emulator's members, orders and balances, the journal, the coverage,
// the rules added or armed at run time for it (for everyone, when sysid is
// "", which also starts the files' rules' counts again), and the
// notifications not yet delivered. Applications stay registered and the
// clock stays where it is. With a data dir the reset is kept; it fails only
// when the data dir cannot be written.
func (s *Server) Reset(sysid string) error {
	if err := s.emu.Reset(sysid); err != nil {
		return fmt.Errorf("mock: reset: %w", err)
	}
	s.journal.Reset(sysid)
	s.coverage.Reset(sysid)
	s.resetRules(sysid)
	s.ClearNotifications(sysid)
	return nil
}

// resetRules removes the rules added at run time for sysid (all of them
// when sysid is "").
func (s *Server) resetRules(sysid string) {
	for _, r := range s.scen.Rules() {
		if r.Added && (sysid == "" || slices.Equal(r.SysIDs, []string{sysid})) {
			s.scen.Remove(r.ID)
		}
	}
	if sysid == "" {
		s.scen.ResetCounters()
	}
}
