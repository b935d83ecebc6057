package mock

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"

	"github.com/tsymock/tsymock/internal/emulator"
)

// Reset forgets one application's state, or everything when sysid is "":
// the emulator's members, orders and balances, the journal, the coverage,
// the rules added or armed at run time for it (for everyone, when sysid is
// "", which also starts the files' rules' counts again), and the
// notifications not yet delivered, its open browser pages, and compare mode's summary. Applications stay registered and the
// clock stays where it is. With a data dir the reset is kept; it fails only
// when the data dir cannot be written.
func (s *Server) Reset(sysid string) error {
	if err := s.emu.Reset(sysid); err != nil {
		return fmt.Errorf("mock: reset: %w", err)
	}
	s.journal.Reset(sysid)
	s.coverage.Reset(sysid)
	s.resetRules(sysid)
	s.scenIDs.Forget(sysid)
	s.ClearNotifications(sysid)
	s.pages.Forget(sysid)
	s.proxy.ResetCompare(sysid)
	return nil
}

// resetRules removes the rules added at run time for sysid (all of them
// when sysid is "") and starts the files' rules' counts of sysid (of
// everyone) again.
func (s *Server) resetRules(sysid string) {
	for _, r := range s.scen.Rules() {
		if r.Added && (sysid == "" || slices.Equal(r.SysIDs, []string{sysid})) {
			s.scen.Remove(r.ID)
		}
	}
	if sysid == "" {
		s.scen.ResetCounters()
		return
	}
	s.scen.ResetCountersOf(sysid)
}

// PreloadMembers creates n personal members of sysid, with bizUserIds
// prefix0 ... prefix(n-1), directly in the emulator: no HTTP, no
// signature, no journal entry. It is for load tests and benchmarks that
// need a server already holding many members (a million created through
// /service/soa would cost a million RSA signatures first). Members that
// exist already are left as they are, so that a server with a data dir can
// be started again with the same preload.
func (s *Server) PreloadMembers(ctx context.Context, sysid, prefix string, n int) error {
	if _, ok := s.apps.Get(sysid); !ok {
		return fmt.Errorf("mock: preload: sysid %q is not registered", sysid)
	}
	for i := range n {
		_, serr := s.emu.Handle(ctx, emulator.Request{SysID: sysid, Service: "MemberService", Method: "createMember",
			Param: map[string]any{"bizUserId": prefix + strconv.Itoa(i), "memberType": json.Number("3"), "source": json.Number("1")}})
		if serr != nil && serr.Code != "30000" {
			return fmt.Errorf("mock: preload member %d: %w", i, serr)
		}
	}
	return nil
}
