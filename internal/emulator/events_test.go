package emulator

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/clock"
	"github.com/tsymock/tsymock/internal/ids"
	"github.com/tsymock/tsymock/internal/soa"
)

// memberCall runs one MemberService method for sysid.
func memberCall(t *testing.T, e *Emulator, sysid, method string, param map[string]any) (map[string]any, *soa.Error) {
	t.Helper()
	return e.Handle(context.Background(), Request{SysID: sysid, Service: soa.MemberService, Method: method, Param: param})
}

// enterprise creates an enterprise member and submits its company.
func enterprise(t *testing.T, e *Emulator, sysid, bizUserID, companyName string) {
	t.Helper()
	_, serr := memberCall(t, e, sysid, "createMember", map[string]any{"bizUserId": bizUserID, "memberType": 2, "source": 2})
	require.Nil(t, serr)
	_, serr = memberCall(t, e, sysid, "setCompanyInfo", map[string]any{"bizUserId": bizUserID, "isAuth": true,
		"backUrl": "http://merchant.test/" + bizUserID, "companyBasicInfo": map[string]any{
			"companyName": companyName, "legalName": "张三", "identityType": 1, "legalIds": "110101199001011237",
			"legalPhone": "13800000000", "accountNo": "6228480000000000000", "parentBankName": "中国农业银行",
			"authType": 2, "uniCredit": "91330100MA2XXXXX1"}})
	require.Nil(t, serr)
}

func TestTakeEventsInOrderAcrossApps(t *testing.T) {
	c := clock.NewManual(time.Date(2026, 11, 28, 4, 0, 0, 0, time.UTC))
	e := New(Config{Clock: c, IDs: ids.NewSeeded(1)})
	enterprise(t, e, "b", "e1", "甲公司")
	c.Advance(time.Second)
	enterprise(t, e, "a", "e2", "乙公司 reject")
	c.Advance(time.Second)
	enterprise(t, e, "b", "e3", "丙公司")

	got := e.TakeEvents()
	require.Len(t, got, 3)
	for i, want := range []struct {
		sysid, bizUserID string
		result           int64
	}{{"b", "e1", 2}, {"a", "e2", 3}, {"b", "e3", 2}} {
		ev := got[i]
		assert.Equal(t, want.sysid, ev.SysID)
		assert.Equal(t, "MemberService", ev.Service)
		assert.Equal(t, "verifyResult", ev.Method)
		assert.Equal(t, EventOK, ev.Status)
		assert.Equal(t, "http://merchant.test/"+want.bizUserID, ev.BackURL)
		assert.Equal(t, want.bizUserID, ev.ReturnValue["bizUserId"])
		assert.Equal(t, want.result, ev.ReturnValue["result"])
		assert.Equal(t, c.Now().Add(time.Duration(i-2)*time.Second).In(soa.Shanghai()), ev.At, "in China time")
		assert.Equal(t, 1, ev.Attempts())
		assert.False(t, ev.Order)
	}
	assert.Equal(t, "企业信息审核不通过", got[1].ReturnValue["failReason"], "the platform-like text, without the trigger")
	assert.Equal(t, "2026-11-28 12:00:00", got[0].ReturnValue["checkTime"], "China time")
	assert.Empty(t, e.TakeEvents(), "taking drains")
}

func TestPendingEventsPeeksCopies(t *testing.T) {
	e := newTest()
	assert.Empty(t, e.PendingEvents("a"), "an application never called")
	enterprise(t, e, "a", "e1", "甲公司")

	peek := e.PendingEvents("a")
	require.Len(t, peek, 1)
	peek[0].ReturnValue["result"] = int64(3)
	peek[0].BackURL = "changed"
	again := e.PendingEvents("a")
	assert.Equal(t, int64(2), again[0].ReturnValue["result"], "a peek shares nothing with the outbox")
	assert.Equal(t, "http://merchant.test/e1", again[0].BackURL)
	assert.Empty(t, e.PendingEvents("b"))

	taken := e.TakeEvents()
	require.Len(t, taken, 1)
	taken[0].ReturnValue["bizUserId"] = "x"
	_, serr := memberCall(t, e, "a", "getMemberInfo", map[string]any{"bizUserId": "e1"})
	assert.Nil(t, serr, "the member is untouched by what the notifier does with its event")
	assert.Empty(t, e.PendingEvents("a"))
}

func TestEventsSurviveUntilTakenAndResetDropsThem(t *testing.T) {
	e := newTest()
	enterprise(t, e, "a", "e1", "甲公司")
	enterprise(t, e, "b", "e1", "甲公司")
	assert.Len(t, e.PendingEvents("a"), 1)
	e.Reset("a")
	got := e.TakeEvents()
	require.Len(t, got, 1, "Reset forgets the application's undelivered events too")
	assert.Equal(t, "b", got[0].SysID)
}

func TestEventAttempts(t *testing.T) {
	assert.Equal(t, 4, Event{Order: true}.Attempts())
	assert.Equal(t, 1, Event{}.Attempts())
}

// TestStateTimesAreChinaTime: the state's times are in China time whatever
// the host's zone, with a tape (a data dir's recorder) or without, so that
// the admin views show the same bytes either way (probe-S: a tape's times
// came back in the host's zone).
func TestStateTimesAreChinaTime(t *testing.T) {
	for _, tt := range []struct {
		name string
		rec  Recorder
	}{{"no data dir", nil}, {"a data dir", &memLog{}}} {
		t.Run(tt.name, func(t *testing.T) {
			e := New(Config{Clock: clock.NewManual(time.Date(2026, 11, 28, 4, 0, 0, 0, time.UTC)), IDs: ids.NewSeeded(1),
				Recorder: tt.rec})
			ok(t, e, "createMember", `{"bizUserId":"u1","memberType":3,"source":1}`)
			members := e.Members("app")
			require.Len(t, members, 1)
			b, err := json.Marshal(members[0].Created)
			require.NoError(t, err)
			assert.JSONEq(t, `"2026-11-28T12:00:00+08:00"`, string(b))
		})
	}
}
