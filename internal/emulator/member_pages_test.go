package emulator

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/clock"
	"github.com/tsymock/tsymock/internal/ids"
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
		At: e.clock.Now().In(soa.Shanghai())}, evs[0], "contractNo in both spellings (PROTOCOL.md §5)")
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

// TestPayPwdLocksForTheDay: five wrong payment passwords in a China day
// lock it (30033) until the next 0:00 China time, by the emulator's clock,
// or until resetPayPwd; a right one among them clears nothing (spec
// §4.1.17 note 7: 24 小时内不允许错误 5 次，每天凌晨 0 点解锁，若当天需解锁可通过调用
// 【重置支付密码】接口重置).
func TestPayPwdLocksForTheDay(t *testing.T) {
	wrong := func(e *Emulator) string { return errCode(e.CheckPayPwd("a", "p1", "000000")) }
	right := func(e *Emulator) string { return errCode(e.CheckPayPwd("a", "p1", "123456")) }
	tests := []struct {
		name  string
		start string // China time of the first try
		steps func(t *testing.T, e *Emulator, c *clock.Manual)
	}{
		{"five wrong lock, even the right one", "2026-11-28 10:00:00", func(t *testing.T, e *Emulator, _ *clock.Manual) {
			for range maxPwdFails {
				assert.Equal(t, "20010", wrong(e))
			}
			assert.Equal(t, "30033", right(e))
		}},
		{"a right one clears nothing", "2026-11-28 10:00:00", func(t *testing.T, e *Emulator, _ *clock.Manual) {
			for range maxPwdFails - 1 {
				assert.Equal(t, "20010", wrong(e))
			}
			assert.Equal(t, "", right(e))
			assert.Equal(t, "20010", wrong(e), "the fifth of the day")
			assert.Equal(t, "30033", right(e))
		}},
		{"unlocked at 0:00 China time", "2026-11-28 23:00:00", func(t *testing.T, e *Emulator, c *clock.Manual) {
			for range maxPwdFails {
				assert.Equal(t, "20010", wrong(e))
			}
			c.Advance(59*time.Minute + 59*time.Second) // 23:59:59
			assert.Equal(t, "30033", right(e))
			c.Advance(time.Second) // 00:00:00 the next day
			assert.Equal(t, "", right(e))
		}},
		{"tries of two days do not add up", "2026-11-28 22:00:00", func(t *testing.T, e *Emulator, c *clock.Manual) {
			for range maxPwdFails - 1 {
				assert.Equal(t, "20010", wrong(e))
			}
			c.Advance(3 * time.Hour) // 01:00 the next day
			for range maxPwdFails - 1 {
				assert.Equal(t, "20010", wrong(e))
			}
			assert.Equal(t, "", right(e))
		}},
		{"resetPayPwd unlocks at once", "2026-11-28 10:00:00", func(t *testing.T, e *Emulator, _ *clock.Manual) {
			for range maxPwdFails {
				assert.Equal(t, "20010", wrong(e))
			}
			require.Nil(t, e.ResetPayPwd("a", "p1", "111111", "123456", ""))
			assert.Equal(t, "", right(e))
			assert.Equal(t, "20010", wrong(e), "counted again from one")
		}},
		{"update counts too", "2026-11-28 10:00:00", func(t *testing.T, e *Emulator, _ *clock.Manual) {
			for range maxPwdFails {
				assert.Equal(t, "20010", errCode(e.UpdatePayPwd("a", "p1", "000000", "654321", "")))
			}
			assert.Equal(t, "30033", errCode(e.UpdatePhoneByPayPwd("a", "p1", "123456", "13900000009", "111111", "")))
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := clock.NewManual(inChina(t, "2026-11-28 09:00:00"))
			e := New(Config{Clock: c, IDs: ids.NewSeeded(1)})
			onboard(t, e, "a", "p1", "6228480000000000001")
			require.Nil(t, e.SetPayPwd("a", "p1", "123456", ""))
			c.Set(inChina(t, tt.start))
			tt.steps(t, e, c)
		})
	}
}

// TestPayPwdLockMessage: the lock says until when.
func TestPayPwdLockMessage(t *testing.T) {
	c := clock.NewManual(inChina(t, "2026-11-28 09:00:00"))
	e := New(Config{Clock: c, IDs: ids.NewSeeded(1)})
	onboard(t, e, "a", "p1", "6228480000000000001")
	require.Nil(t, e.SetPayPwd("a", "p1", "123456", ""))
	for range maxPwdFails {
		require.NotNil(t, e.CheckPayPwd("a", "p1", "000000"))
	}
	serr := e.CheckPayPwd("a", "p1", "123456")
	require.NotNil(t, serr)
	assert.Contains(t, serr.Message, "until 2026-11-29 00:00:00 China time")
}

// TestPayPwdWithoutPhone: a member that never bound a phone (one that
// binds a payment account with applyBindAcct, spec §4.1.23) opens the
// password pages with 88888888888 (notes 4 and 5): resetPayPwd takes the
// emulated code, updatePhoneByPayPwd binds its first phone.
func TestPayPwdWithoutPhone(t *testing.T) {
	e := newTest()
	for _, c := range []struct {
		method string
		param  map[string]any
	}{
		{"createMember", map[string]any{"bizUserId": "np", "memberType": "3", "source": 1}},
		{"setRealName", map[string]any{"bizUserId": "np", "name": "李四", "identityType": 1, "identityNo": "11010119900307803x"}},
		{"applyBindAcct", map[string]any{"bizUserId": "np", "operationType": "set", "acctType": "weChatPublic", "acct": "o1"}},
	} {
		_, serr := memberCall(t, e, "a", c.method, c.param)
		require.Nil(t, serr, c.method)
	}
	steps := []struct {
		name string
		run  func() *soa.Error
		want string
	}{
		{"set with 88888888888", func() *soa.Error { return e.CheckPagePhone("a", "np", NoPhone) }, ""},
		{"a made-up phone", func() *soa.Error { return e.CheckPagePhone("a", "np", "13800000001") }, "30021"},
		{"set", func() *soa.Error { return e.SetPayPwd("a", "np", "123456", "") }, ""},
		{"reset opens", func() *soa.Error { return e.CanChangePayPwd("a", "resetPayPwd", "np") }, ""},
		{"reset, wrong code", func() *soa.Error { return e.ResetPayPwd("a", "np", "000000", "654321", "") }, "20011"},
		{"reset", func() *soa.Error { return e.ResetPayPwd("a", "np", "111111", "654321", "") }, ""},
		{"phone opens", func() *soa.Error { return e.CanChangePayPwd("a", "updatePhoneByPayPwd", "np") }, ""},
		{"phone, wrong password", func() *soa.Error {
			return e.UpdatePhoneByPayPwd("a", "np", "123456", "13900000009", "111111", "")
		}, "20010"},
		{"phone", func() *soa.Error {
			return e.UpdatePhoneByPayPwd("a", "np", "654321", "13900000009", "111111", "http://127.0.0.1/p")
		}, ""},
		{"88888888888 no more", func() *soa.Error { return e.CheckPagePhone("a", "np", NoPhone) }, "30021"},
	}
	for _, s := range steps {
		assert.Equal(t, s.want, errCode(s.run()), s.name)
	}
	assert.Equal(t, "13900000009", memberInfo(t, e, "np")["phone"])
}

// oldPwdAction makes a payment-password change as a log written before
// December 2026 holds it, under the rules of then (app.before).
func oldPwdAction(e *Emulator, sysid, name string, args ...string) *soa.Error {
	e.answerAs = 0
	defer func() { e.answerAs = RulesCurrent }()
	_, serr := e.page(sysid, name, args...)
	return serr
}

// TestOldPwdActionsReplay: the password actions of an older log replay
// as they were answered: wrong tries in a row, locked until reset across
// days, a bound phone needed for reset and the phone change.
func TestOldPwdActionsReplay(t *testing.T) {
	c := clock.NewManual(inChina(t, "2026-11-28 09:00:00"))
	e := New(Config{Clock: c, IDs: ids.NewSeeded(1)})
	onboard(t, e, "a", "p1", "6228480000000000001")
	require.Nil(t, e.SetPayPwd("a", "p1", "123456", ""))
	for range maxPwdFails - 1 {
		assert.Equal(t, "20010", errCode(oldPwdAction(e, "a", actCheckPayPwd, "p1", "000000")))
	}
	assert.Nil(t, oldPwdAction(e, "a", actCheckPayPwd, "p1", "123456"), "a right one cleared the count")
	for range maxPwdFails {
		assert.Equal(t, "20010", errCode(oldPwdAction(e, "a", actUpdatePayPwd, "p1", "000000", "654321", "")))
	}
	c.Advance(48 * time.Hour)
	assert.Equal(t, "30033", errCode(oldPwdAction(e, "a", actCheckPayPwd, "p1", "123456")), "locked across days")
	require.Nil(t, oldPwdAction(e, "a", actResetPayPwd, "p1", "111111", "123456", ""))
	assert.Nil(t, oldPwdAction(e, "a", actUpdatePhone, "p1", "123456", "13900000009", "111111", ""))

	for _, m := range []map[string]any{{"bizUserId": "np", "memberType": "3", "source": 1},
		{"bizUserId": "np", "name": "李四", "identityType": 1, "identityNo": "11010119900307803x"}} {
		method := "createMember"
		if _, ok := m["name"]; ok {
			method = "setRealName"
		}
		_, serr := memberCall(t, e, "a", method, m)
		require.Nil(t, serr)
	}
	require.Nil(t, e.SetPayPwd("a", "np", "123456", ""))
	assert.Equal(t, "30021", errCode(oldPwdAction(e, "a", actResetPayPwd, "np", "111111", "654321", "")))
	assert.Equal(t, "30021", errCode(oldPwdAction(e, "a", actUpdatePhone, "np", "123456", "13900000009", "111111", "")))
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
