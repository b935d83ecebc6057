package emulator

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/clock"
	"github.com/tsymock/tsymock/internal/ids"
	"github.com/tsymock/tsymock/internal/soa"
)

// TestAddressNote: a call's address params holding "#" are noted (spec
// §3.3) where its catalogue entry has them, top level or in a list's items
// (batchAgentPay's batchPayList[].backUrl, §5.11); a param the method does
// not take, or a value that is not text, is not.
func TestAddressNote(t *testing.T) {
	cat := soa.DefaultCatalogue()
	fields := func(service, method string) []soa.Param {
		m, serr := cat.Lookup(service, method)
		require.Nil(t, serr)
		return m.Params
	}
	for _, tc := range []struct {
		name            string
		service, method string
		param           map[string]any
		want            string // the paths the note names, "" for no note
	}{
		{"an order's frontUrl and backUrl", soa.OrderService, "depositApply",
			map[string]any{"frontUrl": "http://127.0.0.1/#/paid", "backUrl": "http://127.0.0.1/n#x"}, "backUrl, frontUrl"},
		{"a batch item's backUrl", soa.OrderService, "batchAgentPay", map[string]any{"batchPayList": []any{
			map[string]any{"backUrl": "http://127.0.0.1/n"}, map[string]any{"backUrl": "http://127.0.0.1/#/n"}}},
			"batchPayList[1].backUrl"},
		{"no fragment", soa.OrderService, "depositApply", map[string]any{"backUrl": "http://127.0.0.1/n?a=1"}, ""},
		{"a param the method does not take", soa.MemberService, "createMember",
			map[string]any{"backUrl": "http://127.0.0.1/#/n"}, ""},
		{"a value that is not text", soa.OrderService, "depositApply", map[string]any{"backUrl": []any{"#"}}, ""},
		{"a call without its catalogue entry", "", "", map[string]any{"backUrl": "http://127.0.0.1/#/n"}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req := Request{Service: tc.service, Method: tc.method, Param: tc.param}
			if tc.service != "" {
				req.Fields = fields(tc.service, tc.method)
			}
			n, ok := addressNote(req)
			if tc.want == "" {
				assert.False(t, ok, "%v", n)
				return
			}
			require.True(t, ok)
			assert.Equal(t, []string{RuleURLFragment, "10000"}, []string{n.Rule, n.Code})
			assert.Contains(t, n.Message, tc.want+": spec §3.3")
		})
	}
}

// TestURLFragmentRefusedBeforeTheLog: with --strict a call refused for a
// "#" in an address is not written to the log, so that a replay, which
// runs the handlers alone, finds nothing to refuse again; without it the
// call is logged and replays as answered.
func TestURLFragmentRefusedBeforeTheLog(t *testing.T) {
	cat := soa.DefaultCatalogue()
	m, serr := cat.Lookup(soa.MemberService, "setCompanyInfo")
	require.Nil(t, serr)
	for _, strict := range []bool{true, false} {
		l := &memLog{}
		e := New(Config{Clock: clock.NewManual(replayClock()), IDs: ids.NewSeeded(1), Strict: strict, Recorder: l})
		call := func(method string, param map[string]any, fields []soa.Param) Outcome {
			return e.Call(context.Background(), Request{SysID: "a", Service: soa.MemberService, Method: method,
				Param: param, Fields: fields})
		}
		require.Nil(t, call("createMember", map[string]any{"bizUserId": "c", "memberType": 2, "source": 2}, nil).Err)
		p := companyParams("甲公司", true)
		p["backUrl"] = "http://127.0.0.1:8080/#/notify"
		out := call("setCompanyInfo", p, m.Params)
		if strict {
			require.NotNil(t, out.Err)
			assert.Equal(t, "10000", out.Err.Code)
			assert.Len(t, l.ops, 1, "only createMember is logged")
		} else {
			require.Nil(t, out.Err)
			require.Len(t, out.Portability, 1)
			assert.Equal(t, RuleURLFragment, out.Portability[0].Rule)
			assert.Len(t, l.ops, 2)
		}
		l.replayInto(t) // fails the test if an op replays otherwise than it was answered
	}
}
