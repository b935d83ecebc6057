package mock

import "slices"

// Reset forgets one application's state, or everything when sysid is "":
// the emulator's members, orders and balances, the journal, the coverage,
// the rules added or armed at run time for it (for everyone, when sysid is
// "", which also starts the files' rules' counts again), and the
// notifications not yet delivered. Applications stay registered and the
// clock stays where it is.
func (s *Server) Reset(sysid string) {
	s.emu.Reset(sysid)
	s.ctl.journal.reset(sysid)
	s.ctl.coverage.reset(sysid)
	s.resetRules(sysid)
	s.ClearNotifications(sysid)
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
