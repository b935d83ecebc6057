package emulator

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/soa"
)

// memberInfo is getMemberInfo's memberInfo object.
func memberInfo(t *testing.T, e *Emulator, bizUserID string) map[string]any {
	t.Helper()
	v, serr := memberCall(t, e, "a", "getMemberInfo", map[string]any{"bizUserId": bizUserID})
	require.Nil(t, serr)
	return v["memberInfo"].(map[string]any)
}

func errCode(serr *soa.Error) string {
	if serr == nil {
		return ""
	}
	return serr.Code
}

func TestSignContract(t *testing.T) {
	e := newTest()
	onboard(t, e, "a", "p1", "6228480000000000001")
	_, serr := memberCall(t, e, "a", "createMember", map[string]any{"bizUserId": "fresh", "memberType": 3, "source": 1})
	require.Nil(t, serr)
	_, serr = memberCall(t, e, "a", "createMember", map[string]any{"bizUserId": "firm", "memberType": 2, "source": 2})
	require.Nil(t, serr)
	e.TakeEvents()

	assert.Equal(t, "30008", errCode(e.CanSignContract("a", "fresh")), "a person signs after setRealName")
	assert.Equal(t, "30030", errCode(e.CanSignContract("a", "firm")), "an enterprise after setCompanyInfo")
	assert.Equal(t, "30001", errCode(e.CanSignContract("a", "nobody")))
	_, serr = e.SignedContract("a", "p1")
	assert.Equal(t, "30046", errCode(serr))
	assert.Equal(t, false, memberInfo(t, e, "p1")["isSignContract"])

	no, serr := e.SignContract("a", "p1", "http://127.0.0.1/back")
	require.Nil(t, serr)
	assert.Regexp(t, `^CT\d{19}$`, no)
	info := memberInfo(t, e, "p1")
	assert.Equal(t, true, info["isSignContract"])
	assert.Equal(t, no, info["contractNo"])
	got, serr := e.SignedContract("a", "p1")
	require.Nil(t, serr)
	assert.Equal(t, no, got.ContractNo)

	_, serr = e.SignContract("a", "p1", "http://127.0.0.1/back")
	assert.Equal(t, "30043", errCode(serr), "signed once")
	evs := e.TakeEvents()
	require.Len(t, evs, 1)
	assert.Equal(t, Event{SysID: "a", Service: "MemberService", Method: "signContract", BackURL: "http://127.0.0.1/back",
		Status: EventOK, ReturnValue: map[string]any{"bizUserId": "p1"}, Extra: map[string]any{"contractNo": no, "ContractNo": no},
		At: e.clock.Now()}, evs[0], "contractNo in both spellings (PROTOCOL.md §5)")
}

func TestPayPwdLifecycle(t *testing.T) {
	e := newTest()
	onboard(t, e, "a", "p1", "6228480000000000001")
	e.TakeEvents()
	steps := []struct {
		name string
		run  func() *soa.Error
		want string
	}{
		{"identity checked", func() *soa.Error { return e.CheckIdentity("a", "p1", "李四", 1, "11010119900307803x") }, ""},
		{"wrong name", func() *soa.Error { return e.CheckIdentity("a", "p1", "王五", 1, "11010119900307803X") }, "30009"},
		{"update before set", func() *soa.Error { return e.CanChangePayPwd("a", "updatePayPwd", "p1") }, "30032"},
		{"pay before set", func() *soa.Error { return e.CheckPayPwd("a", "p1", "123456") }, "30032"},
		{"not six digits", func() *soa.Error { return e.SetPayPwd("a", "p1", "12345a", "") }, "10000"},
		{"set", func() *soa.Error { return e.SetPayPwd("a", "p1", "123456", "http://127.0.0.1/b") }, ""},
		{"set twice", func() *soa.Error { return e.CanChangePayPwd("a", "setPayPwd", "p1") }, "30031"},
		{"right password", func() *soa.Error { return e.CheckPayPwd("a", "p1", "123456") }, ""},
		{"update, wrong old", func() *soa.Error { return e.UpdatePayPwd("a", "p1", "000000", "654321", "") }, "20010"},
		{"update", func() *soa.Error { return e.UpdatePayPwd("a", "p1", "123456", "654321", "http://127.0.0.1/b") }, ""},
		{"reset, wrong code", func() *soa.Error { return e.ResetPayPwd("a", "p1", "000000", "111222", "") }, "20011"},
		{"reset", func() *soa.Error { return e.ResetPayPwd("a", "p1", "111111", "111222", "http://127.0.0.1/b") }, ""},
		{"phone, bad number", func() *soa.Error { return e.UpdatePhoneByPayPwd("a", "p1", "111222", "12", "111111", "") }, "10000"},
		{"phone", func() *soa.Error {
			return e.UpdatePhoneByPayPwd("a", "p1", "111222", "13900000009", "111111", "http://127.0.0.1/p")
		}, ""},
	}
	for _, s := range steps {
		assert.Equal(t, s.want, errCode(s.run()), s.name)
	}
	info := memberInfo(t, e, "p1")
	assert.Equal(t, true, info["isSetPayPwd"])
	assert.Equal(t, "13900000009", info["phone"])

	var methods []string
	for _, ev := range e.TakeEvents() {
		methods = append(methods, ev.Method)
		assert.Equal(t, "MemberPwdService", ev.Service)
	}
	assert.Equal(t, []string{"setPayPwd", "setPayPwd", "setPayPwd", "updatePhoneByPayPwd"}, methods)
}

func TestPayPwdLocksAfterWrongTries(t *testing.T) {
	e := newTest()
	onboard(t, e, "a", "p1", "6228480000000000001")
	require.Nil(t, e.SetPayPwd("a", "p1", "123456", ""))
	for range maxPwdFails {
		assert.Equal(t, "20010", errCode(e.CheckPayPwd("a", "p1", "000000")))
	}
	assert.Equal(t, "30033", errCode(e.CheckPayPwd("a", "p1", "123456")), "locked even for the right one")
	require.Nil(t, e.ResetPayPwd("a", "p1", "111111", "222333", ""))
	assert.Nil(t, e.CheckPayPwd("a", "p1", "222333"))
}

// oldPageFailure makes the change a member page's fail button made
// before it stopped notifying backUrl (spec §4.1.4 note 3), as a log
// written then holds it.
func oldPageFailure(e *Emulator, sysid, bizUserID, backURL, code, message string) *soa.Error {
	_, serr := e.page(sysid, actPageFailure, "MemberService", "signContract", bizUserID, backURL, code, message)
	return serr
}

// TestOldPageFailureReplays: the page failure a log written by an earlier
// tsymock holds still replays as the error notification it queued then.
func TestOldPageFailureReplays(t *testing.T) {
	e := newTest()
	require.Nil(t, oldPageFailure(e, "a", "p1", "http://127.0.0.1/b", "9000", "用户拒绝签约"))
	evs := e.TakeEvents()
	require.Len(t, evs, 1)
	assert.Equal(t, EventError, evs[0].Status)
	assert.Equal(t, "9000", evs[0].ErrorCode)
	assert.Equal(t, map[string]any{"bizUserId": "p1"}, evs[0].ReturnValue)
}
