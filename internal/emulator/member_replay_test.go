package emulator

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/clock"
	"github.com/tsymock/tsymock/internal/ids"
	"github.com/tsymock/tsymock/internal/soa"
)

// TestMemberStateSurvivesReplay: what the §4.1 methods keep (terminals,
// sub-accounts, payment accounts, pending phone changes, back-fills) is
// rebuilt by a replay of the log, and a call refused under Config.Strict
// is refused again when replayed by an emulator that is not strict.
func TestMemberStateSurvivesReplay(t *testing.T) {
	l := &memLog{}
	e := New(Config{Clock: clock.NewManual(time.Date(2026, 11, 28, 4, 0, 0, 0, time.UTC)), IDs: ids.NewSeeded(1),
		Recorder: l, Strict: true})
	call := func(e *Emulator, method string, param map[string]any) Outcome {
		return e.Call(context.Background(), Request{SysID: "a", Service: soa.MemberService, Method: method, Param: param})
	}
	must := func(method string, param map[string]any) map[string]any {
		t.Helper()
		out := call(e, method, param)
		require.Nil(t, out.Err, method)
		return out.Value
	}
	must("createMember", map[string]any{"bizUserId": "p", "memberType": 3, "source": 1})
	must("setRealName", map[string]any{"bizUserId": "p", "name": wxeName, "identityType": 1, "identityNo": wxeID})
	must("sendVerificationCode", map[string]any{"bizUserId": "p", "phone": "13800000001", "verificationCodeType": 9})
	must("bindPhone", map[string]any{"bizUserId": "p", "phone": "13800000001", "verificationCode": "111111"})
	must("applyBindBankCard", apply("p", wxeCard, wxeName, wxeID, "13800000001", 8, nil))
	refused := call(e, "applyBindBankCard", apply("p", "6222020000000000002", wxeName, wxeID, "13800000001", 6, nil))
	require.Equal(t, "30049", errCode(refused.Err), "strict: not a test card")
	change := must("bankCardChangeBindPhone", apply("p", wxeCard, wxeName, wxeID, "13900000002", 7, nil))
	must("createBankSubAcctNo", map[string]any{"bizUserId": "p", "accountSetNo": "200126", "acctOrgType": 1})
	must("applyBindAcct", map[string]any{"bizUserId": "p", "operationType": "set", "acctType": "aliPayService", "acct": "2088"})
	must("vspTermidService", map[string]any{"bizUserId": "p", "operationType": "set", "vspCusid": "C", "appid": "A", "vspTermid": "T1"})
	ev, serr := e.TerminalPayment("a", TerminalPayment{Termid: "T1", OrderType: "depositApply", Amount: 500, PayStatus: "success"})
	require.Nil(t, serr)
	_, serr = e.AnswerBackfill("a", ev.Form["trxid"], "0000", "B-1", "")
	require.Nil(t, serr)

	r := l.replayInto(t)
	for _, q := range []struct {
		method string
		param  map[string]any
	}{
		{"getMemberInfo", map[string]any{"bizUserId": "p"}},
		{"queryBankCard", map[string]any{"bizUserId": "p"}},
		{"vspTermidService", map[string]any{"bizUserId": "p", "operationType": "query", "vspCusid": "C", "appid": "A"}},
	} {
		assert.Equal(t, call(e, q.method, q.param).Value, call(r, q.method, q.param).Value, q.method)
	}
	assert.Equal(t, snapshot(e, "a"), snapshot(r, "a"))
	pending := func(e *Emulator) (out []string) {
		e.view("a", func(a *app) {
			for no, ap := range a.members["p"].changes {
				out = append(out, no+" "+ap.card.phone+" "+ap.at.String())
			}
		})
		return out
	}
	assert.Equal(t, pending(e), pending(r), "the pending phone change survived")
	assert.Contains(t, pending(r)[0], change["tranceNum"].(string))
}
