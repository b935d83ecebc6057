package mocktest

import (
	"fmt"
	"strings"
	"testing"

	"github.com/tsymock/tsymock/mock"
	"github.com/tsymock/tsymock/scenarios"
)

// Reset forgets everything the server holds (state, journal, coverage,
// rules added or armed, notifications) for a fresh start within a test.
func (s *Server) Reset() {
	// A test server keeps its state in memory, where a reset cannot fail.
	_ = s.Server.Reset("")
}

// Calls returns the journal's calls of service.method, oldest first.
func (s *Server) Calls(service, method string) []mock.JournalEntry {
	return s.Server.Journal(mock.JournalFilter{Service: service, Method: method})
}

// AssertCalled checks that service.method was called times times with the
// given params ("amount=100", dotted paths for nested values, compared as
// text), and reports the calls it saw when not.
func (s *Server) AssertCalled(t testing.TB, service, method string, times int, params ...string) bool {
	t.Helper()
	f := mock.JournalFilter{Service: service, Method: method, Params: map[string]string{}}
	for _, p := range params {
		name, value, ok := strings.Cut(p, "=")
		if !ok {
			t.Errorf("mocktest: AssertCalled: param %q is not NAME=VALUE", p)
			return false
		}
		f.Params[name] = value
	}
	if got := s.Server.Calls(f); got != times {
		t.Errorf("mocktest: %s.%s called %d times with %v, want %d; its calls:\n%s",
			service, method, got, params, times, describeCalls(s.Calls(service, method)))
		return false
	}
	return true
}

// describeCalls lists calls for a failure message, one line each.
func describeCalls(calls []mock.JournalEntry) string {
	if len(calls) == 0 {
		return "  (none)"
	}
	var b strings.Builder
	for _, e := range calls {
		var param any
		if e.Req != nil {
			param = e.Req.Param
		}
		fmt.Fprintf(&b, "  #%d %s %s %v\n", e.ID, e.Outcome, e.ErrorCode, param)
	}
	return b.String()
}

// Arm arms a one-shot rule for the next matching call of the test
// server's application: YAML or JSON, one rule ({when: ..., respond: ...})
// or a scenario file. It returns the ids of the rules armed.
func (s *Server) Arm(t testing.TB, rule string) []string {
	t.Helper()
	f, err := scenarios.ParseRules("test", []byte(rule))
	if err != nil {
		t.Fatalf("mocktest: Arm: %v", err)
	}
	ids, err := s.Server.Arm(s.SysID, f)
	if err != nil {
		t.Fatalf("mocktest: Arm: %v", err)
	}
	return ids
}

// ArmError makes the next call of service.method answer errorCode, with
// the catalogue's message.
func (s *Server) ArmError(t testing.TB, service, method, errorCode string) []string {
	t.Helper()
	return s.Arm(t, fmt.Sprintf(`{when: {service: %q, method: %q}, respond: {error: {code: %q}}}`,
		service, method, errorCode))
}
