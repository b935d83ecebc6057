package emulator

import (
	"time"

	"github.com/tsymock/tsymock/internal/soa"
)

// maxPwdFails is how many wrong payment passwords in a day lock the
// password (30033) until the next 0:00 China time or a reset (spec §4.1.17
// note 7).
const maxPwdFails = 5

// The payment-password rules since RulesDec2026 follow spec §4.1.17 note 7
// (24 小时内不允许错误 5 次，每天凌晨 0 点解锁: the wrong tries of a China day add
// up and the lock ends at the next 0:00) and §4.1.23 notes 4 and 5 (a member
// without a bound phone resets its password and gets a phone on the pages,
// with 88888888888). A legacy op (app.before(RulesDec2026)) replays as it was answered:
// wrong tries in a row, locked until reset, a bound phone needed.

// CanChangePayPwd checks, when a MemberPwdService page opens, that its
// method fits the member: a person (30006, see personalOnly); setPayPwd
// needs no password yet (30031), the others one (30032).
func (e *Emulator) CanChangePayPwd(sysid, method, bizUserID string) *soa.Error {
	return e.look(sysid, bizUserID, func(m *member) *soa.Error { return canChange(m, method, false) })
}

func canChange(m *member, method string, legacy bool) *soa.Error {
	if serr := personalOnly(m); serr != nil {
		return serr
	}
	set := m.pages.payPwd != ""
	switch {
	case method == "setPayPwd" && set:
		return soa.Errorf("30031", "bizUserId %q already has a payment password; use updatePayPwd or resetPayPwd", m.bizUserID)
	case method != "setPayPwd" && !set:
		return soa.Errorf("30032", "bizUserId %q has no payment password; open setPayPwd first", m.bizUserID)
	case legacy && (method == "resetPayPwd" || method == "updatePhoneByPayPwd") && m.phone == "":
		return soa.Errorf("30021", "bizUserId %q has no bound phone to send the SMS code to", m.bizUserID)
	}
	return nil
}

// SetPayPwd sets the payment password (six digits, 10000 otherwise) and
// queues the MemberPwdService/setPayPwd notification {bizUserId}.
func (e *Emulator) SetPayPwd(sysid, bizUserID, pwd, backURL string) *soa.Error {
	_, serr := e.page(sysid, actSetPayPwd, bizUserID, pwd, backURL)
	return serr
}

// UpdatePayPwd replaces the payment password after checking the old one
// (20010). Its notification is setPayPwd {bizUserId}, as the platform uses
// one notification for set, update and reset (PROTOCOL.md §5).
func (e *Emulator) UpdatePayPwd(sysid, bizUserID, oldPwd, newPwd, backURL string) *soa.Error {
	_, serr := e.page(sysid, actUpdatePayPwd, bizUserID, oldPwd, newPwd, backURL)
	return serr
}

// ResetPayPwd replaces a forgotten payment password, confirmed by the SMS
// code sent to the bound phone (20011), and notifies setPayPwd. A member
// without a bound phone (spec §4.1.23 note 5: the page is opened with
// 88888888888) types the emulated code all the same, tsymock's choice.
func (e *Emulator) ResetPayPwd(sysid, bizUserID, code, newPwd, backURL string) *soa.Error {
	_, serr := e.page(sysid, actResetPayPwd, bizUserID, code, newPwd, backURL)
	return serr
}

// UpdatePhoneByPayPwd binds newPhone in place of the bound phone, confirmed
// by the payment password and the SMS code sent to the new phone, and
// queues the updatePhoneByPayPwd notification {bizUserId, newPhone}. A
// member without a phone gets its first this way (spec §4.1.23 note 4:
// oldPhone 88888888888).
func (e *Emulator) UpdatePhoneByPayPwd(sysid, bizUserID, pwd, newPhone, code, backURL string) *soa.Error {
	_, serr := e.page(sysid, actUpdatePhone, bizUserID, pwd, newPhone, code, backURL)
	return serr
}

func (e *Emulator) updatePhoneByPayPwd(a *app, m *member, pwd, newPhone, code, backURL string) (any, *soa.Error) {
	if serr := canChange(m, "updatePhoneByPayPwd", a.before(RulesDec2026)); serr != nil {
		return nil, serr
	}
	if !isMobile(newPhone) {
		return nil, soa.Errorf("10000", "newPhone %q is not an 11-digit mobile number", newPhone)
	}
	if serr := checkPwd(a, m, pwd); serr != nil {
		return nil, serr
	}
	if serr := e.CheckCode(newPhone, code); serr != nil {
		return nil, serr
	}
	m.phone = newPhone
	a.notify(Event{Service: soa.MemberPwdService, Method: "updatePhoneByPayPwd", BackURL: backURL, Status: EventOK,
		ReturnValue: map[string]any{"bizUserId": m.bizUserID, "newPhone": newPhone}})
	return nil, nil
}

// CheckPayPwd checks a member's payment password, as the pay-by-password
// page does: 30032 unset, 20010 wrong, 30033 after five wrong ones that
// day. A wrong password counts, so this is a change of state too.
func (e *Emulator) CheckPayPwd(sysid, bizUserID, pwd string) *soa.Error {
	_, serr := e.page(sysid, actCheckPayPwd, bizUserID, pwd)
	return serr
}

func checkPayPwd(a *app, m *member, pwd string) (any, *soa.Error) {
	if m.pages.payPwd == "" {
		return nil, soa.Errorf("30032", "bizUserId %q has no payment password; open setPayPwd first", m.bizUserID)
	}
	return nil, checkPwd(a, m, pwd)
}

// changePwd runs one payment-password change and queues its setPayPwd
// notification.
func changePwd(a *app, m *member, method, backURL string, change func() *soa.Error) (any, *soa.Error) {
	if serr := canChange(m, method, a.before(RulesDec2026)); serr != nil {
		return nil, serr
	}
	if serr := change(); serr != nil {
		return nil, serr
	}
	a.notify(Event{Service: soa.MemberPwdService, Method: "setPayPwd", BackURL: backURL, Status: EventOK,
		ReturnValue: map[string]any{"bizUserId": m.bizUserID}})
	return nil, nil
}

func setPwd(m *member, pwd string) *soa.Error {
	if !digits(pwd, 6) {
		return detailed("10000", msgPayPwdDigits)
	}
	m.pages.payPwd, m.pages.pwdFails, m.pages.pwdFailsUntil = pwd, 0, time.Time{}
	return nil
}

// checkPwd compares a typed password; a wrong one counts towards 30033.
// Under the current rules the wrong tries of a China day add up, a right
// one among them clearing nothing (24 小时内不允许错误 5 次), and the count
// and the lock end at the next 0:00 China time by the emulator's clock
// (每天凌晨 0 点解锁); resetPayPwd ends them at once (spec §4.1.17 note 7).
func checkPwd(a *app, m *member, pwd string) *soa.Error {
	if a.before(RulesDec2026) {
		return checkPwdInARow(m, pwd)
	}
	now := a.now()
	if m.pages.pwdFails > 0 && !now.Before(m.pages.pwdFailsUntil) {
		m.pages.pwdFails, m.pages.pwdFailsUntil = 0, time.Time{}
	}
	if m.pages.pwdFails >= maxPwdFails {
		return soa.Errorf("30033", "%d wrong payment passwords today: locked until %s China time, or until resetPayPwd "+
			"(spec §4.1.17 note 7)", maxPwdFails, soa.FormatTime(m.pages.pwdFailsUntil))
	}
	if pwd != m.pages.payPwd {
		if m.pages.pwdFails == 0 {
			m.pages.pwdFailsUntil = dayOf(now).AddDate(0, 0, 1)
		}
		m.pages.pwdFails++
		return soa.Errorf("20010", "wrong payment password (%d of %d tries until %s China time)", m.pages.pwdFails,
			maxPwdFails, soa.FormatTime(m.pages.pwdFailsUntil))
	}
	return nil
}

// checkPwdInARow is checkPwd under the older rules: wrong tries in a row,
// locked until reset.
func checkPwdInARow(m *member, pwd string) *soa.Error {
	if m.pages.pwdFails >= maxPwdFails {
		return soa.Errorf("30033", "%d wrong payment passwords in a row; resetPayPwd unlocks it", maxPwdFails)
	}
	if pwd != m.pages.payPwd {
		m.pages.pwdFails++
		return soa.Errorf("20010", "wrong payment password (%d of %d tries)", m.pages.pwdFails, maxPwdFails)
	}
	m.pages.pwdFails = 0
	return nil
}

// CheckCode checks an SMS code typed on a page: the configured code, as
// every emulated SMS carries it (20011 otherwise).
func (e *Emulator) CheckCode(phone, code string) *soa.Error {
	if code != e.code {
		return wrongPhoneCode(phone)
	}
	return nil
}

// personalOnly refuses an enterprise the payment-password pages: spec
// §4.1.17, §4.1.18 and §4.1.19 (note 1) and §4.1.20 (note 1) offer them to
// personal members only (30006 用户类型不正确). An enterprise has no payment
// password, so it cannot pay by one either.
func personalOnly(m *member) *soa.Error {
	if m.memberType == memberPersonal {
		return nil
	}
	return soa.Errorf("30006", "bizUserId %q is an enterprise: the payment-password pages are for personal members "+
		"only (spec §4.1.17-§4.1.20 note 1)", m.bizUserID)
}

// digits reports whether s is n ASCII digits.
func digits(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for _, c := range []byte(s) {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// isMobile reports whether s looks like a mainland mobile number.
func isMobile(s string) bool { return digits(s, 11) && s[0] == '1' }

// replacePwd sets a new password after checking the old one (20010).
func replacePwd(a *app, m *member, oldPwd, newPwd string) *soa.Error {
	if serr := checkPwd(a, m, oldPwd); serr != nil {
		return serr
	}
	return setPwd(m, newPwd)
}

// resetPwd sets a new password confirmed by the SMS code (20011): sent to
// the bound phone, or, for a member without one, the emulated code all the
// same (spec §4.1.23 note 5 names no other way to confirm; tsymock's
// choice).
func (e *Emulator) resetPwd(m *member, code, newPwd string) *soa.Error {
	to := m.phone
	if to == "" {
		to = "bizUserId " + m.bizUserID + " (no bound phone)"
	}
	if serr := e.CheckCode(to, code); serr != nil {
		return serr
	}
	return setPwd(m, newPwd)
}

// CheckPagePhone checks the phone a payment-password page names (setPayPwd
// and resetPayPwd phone, updatePhoneByPayPwd oldPhone; spec §4.1.17,
// §4.1.19, §4.1.20): the member's bound phone, or NoPhone (88888888888)
// for a member that has none (§4.1.23 notes 4 and 5). Any other phone is
// 30021 未绑定手机, tsymock's choice of code.
func (e *Emulator) CheckPagePhone(sysid, bizUserID, phone string) *soa.Error {
	return e.look(sysid, bizUserID, func(m *member) *soa.Error {
		switch {
		case m.phone == "" && phone == NoPhone, m.phone != "" && phone == m.phone:
			return nil
		case m.phone == "":
			return soa.Errorf("30021", "bizUserId %q has no bound phone: the page takes %s for it (spec §4.1.23)", bizUserID, NoPhone)
		}
		return soa.Errorf("30021", "phone %s is not the phone bound to bizUserId %q", phone, bizUserID)
	})
}
