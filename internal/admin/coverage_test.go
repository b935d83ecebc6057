package admin_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/wiretest"
	"github.com/tsymock/tsymock/keys/demo"
	"github.com/tsymock/tsymock/mock"
)

// methodOf finds one method's line in a report.
func methodOf(t *testing.T, rep mock.Coverage, service, method string) mock.MethodCoverage {
	t.Helper()
	for _, m := range rep.Methods {
		if m.Service == service && m.Method == method {
			return m
		}
	}
	t.Fatalf("%s.%s is not in the report", service, method)
	return mock.MethodCoverage{}
}

func TestCoverage(t *testing.T) {
	s, m := newServer(t)
	h := s.Handler()
	wiretest.Call(t, h, m, wiretest.CreateMemberReq("a"))
	wiretest.Call(t, h, m, wiretest.CreateMemberReq("a"))
	wiretest.Call(t, h, m, `{"service":"MemberService","method":"getMemberInfo","param":{"bizUserId":"a"}}`)
	wiretest.Call(t, h, m, `{"service":"OrderService","method":"refund","param":{"bizOrderNo":"err-40039-r"}}`)
	wiretest.Call(t, h, m, `{"service":"OrderService","method":"nonsense","param":{}}`)

	reports := wiretest.GetJSON[[]mock.Coverage](t, h, "/__tsymock/coverage")
	require.Len(t, reports, 1)
	rep := reports[0]
	assert.Equal(t, demo.SysID, rep.SysID)
	assert.Equal(t, 3, rep.Called)
	assert.GreaterOrEqual(t, rep.Total, 40, "the whole catalogue")
	assert.Equal(t, map[string]int{"OrderService.nonsense": 1}, rep.Unknown)

	create := methodOf(t, rep, "MemberService", "createMember")
	assert.Equal(t, 2, create.Calls)
	assert.Equal(t, 1, create.OK)
	assert.Equal(t, map[string]int{"30000": 1}, create.ErrorCodes)
	assert.Empty(t, create.Gaps)
	assert.Equal(t, []string{mock.GapNeverFailed}, methodOf(t, rep, "MemberService", "getMemberInfo").Gaps)
	assert.Equal(t, []string{mock.GapNeverSucceeded}, methodOf(t, rep, "OrderService", "refund").Gaps)
	assert.Equal(t, []string{mock.GapNeverCalled}, methodOf(t, rep, "OrderService", "withdrawApply").Gaps)
	assert.True(t, methodOf(t, rep, "MemberService", "signContract").PageFlow)

	rec := wiretest.Do(t, h, http.MethodGet, "/__tsymock/coverage?format=text", "")
	require.Equal(t, http.StatusOK, rec.Code)
	text := rec.Body.String()
	for _, want := range []string{
		"sysid " + demo.SysID + ": 3 of",
		"MemberService.createMember",
		"2 calls, 1 OK, errors 30000×1",
		"1 call, 1 OK; never failed",
		"1 call, 0 OK, errors 40039×1; never succeeded",
		"never called (",
		"    OrderService.withdrawApply",
		"unknown method OrderService.nonsense: 1 call",
		"notifications: none",
	} {
		assert.Contains(t, text, want)
	}
	assert.Equal(t, http.StatusBadRequest, wiretest.Do(t, h, http.MethodGet, "/__tsymock/coverage?format=xml", "").Code)
}

func TestCoverageOfOneApplicationCreatesNothing(t *testing.T) {
	s, _ := newServer(t)
	rep := wiretest.GetJSON[[]mock.Coverage](t, s.Handler(), "/__tsymock/coverage?sysid=nobody")
	require.Len(t, rep, 1)
	assert.Zero(t, rep[0].Called)
	assert.Equal(t, []string{demo.SysID}, sysidsOf(s.CoverageAll()), "looking did not add nobody")
}

func sysidsOf(reps []mock.Coverage) []string {
	var out []string
	for _, r := range reps {
		out = append(out, r.SysID)
	}
	return out
}
