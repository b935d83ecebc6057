package mock

import (
	"io"
	"slices"

	"github.com/tsymock/tsymock/internal/coverage"
)

// The contract coverage's types, as Server.Coverage hands them out
// (package internal/coverage defines them).
type (
	// Coverage is the contract coverage of one application: every method
	// of the catalogue, with what its calls were answered, and the
	// notifications delivered.
	Coverage = coverage.Report
	// MethodCoverage is what one method's calls were answered.
	MethodCoverage = coverage.MethodReport
	// NotificationCoverage counts one kind of notification.
	NotificationCoverage = coverage.NotificationReport
	// PortabilityCoverage counts, for one rule, the calls the real test
	// environment would refuse, with an example.
	PortabilityCoverage = coverage.PortabilityReport
	// PageCoverage is what one browser page was asked.
	PageCoverage = coverage.PageReport
)

// Coverage gaps: what the tests never saw of a method, or never did with
// a page (a page whose fail button was never carried out has
// GapNeverFailed).
const (
	GapNeverCalled    = coverage.GapNeverCalled
	GapNeverFailed    = coverage.GapNeverFailed
	GapNeverSucceeded = coverage.GapNeverSucceeded
	GapNeverOpened    = coverage.GapNeverOpened
	GapNeverConfirmed = coverage.GapNeverConfirmed
)

// WriteCoverageText writes coverage reports for people, as "tsymock
// coverage" prints them: per application, the methods called with what
// they were answered and what they never saw, the methods never called,
// and the notifications.
func WriteCoverageText(w io.Writer, reports []Coverage) error { return coverage.WriteText(w, reports) }

// Coverage returns sysid's contract coverage since its last reset: the
// calls from the coverage counts, the notifications from the notifier.
func (s *Server) Coverage(sysid string) Coverage {
	rep := s.coverage.Report(sysid)
	rep.Notifications = coverage.Notifications(s.Notifications(sysid))
	return rep
}

// CoverageAll returns the coverage of every registered application and of
// every sysid that made calls, sorted by sysid.
func (s *Server) CoverageAll() []Coverage {
	ids := s.coverage.SysIDs()
	for _, a := range s.apps.All() {
		if !slices.Contains(ids, a.SysID) {
			ids = append(ids, a.SysID)
		}
	}
	slices.Sort(ids)
	out := make([]Coverage, 0, len(ids))
	for _, id := range ids {
		out = append(out, s.Coverage(id))
	}
	return out
}
