package emulator

import "github.com/tsymock/tsymock/internal/soa"

// maxPwdFails is how many wrong payment passwords in a row lock the
// password (30033) until it is reset.
const maxPwdFails = 5

// CanChangePayPwd checks, when a MemberPwdService page opens, that its
// method fits the member: setPayPwd needs no password yet (30031), the
// others one (30032); resetPayPwd and updatePhoneByPayPwd send an SMS code
// to the bound phone (30021 without one).
func (e *Emulator) CanChangePayPwd(sysid, method, bizUserID string) *soa.Error {
	return e.withMember(sysid, bizUserID, func(_ *app, m *member) *soa.Error {
		return canChange(m, method)
	})
}

func canChange(m *member, method string) *soa.Error {
	set := m.pages.payPwd != ""
	switch {
	case method == "setPayPwd" && set:
		return soa.Errorf("30031", "bizUserId %q already has a payment password; use updatePayPwd or resetPayPwd", m.bizUserID)
	case method != "setPayPwd" && !set:
		return soa.Errorf("30032", "bizUserId %q has no payment password; open setPayPwd first", m.bizUserID)
	case (method == "resetPayPwd" || method == "updatePhoneByPayPwd") && m.phone == "":
		return soa.Errorf("30021", "bizUserId %q has no bound phone to send the SMS code to", m.bizUserID)
	}
	return nil
}

// SetPayPwd sets the payment password (six digits, 10000 otherwise) and
// queues the MemberPwdService/setPayPwd notification {bizUserId}.
func (e *Emulator) SetPayPwd(sysid, bizUserID, pwd, backURL string) *soa.Error {
	return e.changePwd(sysid, bizUserID, "setPayPwd", backURL, func(m *member) *soa.Error {
		return setPwd(m, pwd)
	})
}

// UpdatePayPwd replaces the payment password after checking the old one
// (20010). Its notification is setPayPwd {bizUserId}, as the platform uses
// one notification for set, update and reset (PROTOCOL.md §5).
func (e *Emulator) UpdatePayPwd(sysid, bizUserID, oldPwd, newPwd, backURL string) *soa.Error {
	return e.changePwd(sysid, bizUserID, "updatePayPwd", backURL, func(m *member) *soa.Error {
		if serr := checkPwd(m, oldPwd); serr != nil {
			return serr
		}
		return setPwd(m, newPwd)
	})
}

// ResetPayPwd replaces a forgotten payment password, confirmed by the SMS
// code sent to the bound phone (20011), and notifies setPayPwd.
func (e *Emulator) ResetPayPwd(sysid, bizUserID, code, newPwd, backURL string) *soa.Error {
	return e.changePwd(sysid, bizUserID, "resetPayPwd", backURL, func(m *member) *soa.Error {
		if serr := e.CheckCode(m.phone, code); serr != nil {
			return serr
		}
		return setPwd(m, newPwd)
	})
}

// UpdatePhoneByPayPwd binds newPhone in place of the bound phone, confirmed
// by the payment password and the SMS code sent to the new phone, and
// queues the updatePhoneByPayPwd notification {bizUserId, newPhone}.
func (e *Emulator) UpdatePhoneByPayPwd(sysid, bizUserID, pwd, newPhone, code, backURL string) *soa.Error {
	return e.withMember(sysid, bizUserID, func(a *app, m *member) *soa.Error {
		if serr := canChange(m, "updatePhoneByPayPwd"); serr != nil {
			return serr
		}
		if !isMobile(newPhone) {
			return soa.Errorf("10000", "newPhone %q is not an 11-digit mobile number", newPhone)
		}
		if serr := checkPwd(m, pwd); serr != nil {
			return serr
		}
		if serr := e.CheckCode(newPhone, code); serr != nil {
			return serr
		}
		m.phone = newPhone
		a.notify(Event{Service: soa.MemberPwdService, Method: "updatePhoneByPayPwd", BackURL: backURL, Status: EventOK,
			ReturnValue: map[string]any{"bizUserId": m.bizUserID, "newPhone": newPhone}})
		return nil
	})
}

// CheckPayPwd checks a member's payment password, as the pay-by-password
// page does: 30032 unset, 20010 wrong, 30033 after too many wrong ones.
func (e *Emulator) CheckPayPwd(sysid, bizUserID, pwd string) *soa.Error {
	return e.withMember(sysid, bizUserID, func(_ *app, m *member) *soa.Error {
		if m.pages.payPwd == "" {
			return soa.Errorf("30032", "bizUserId %q has no payment password; open setPayPwd first", bizUserID)
		}
		return checkPwd(m, pwd)
	})
}

// changePwd runs one payment-password change and queues its setPayPwd
// notification.
func (e *Emulator) changePwd(sysid, bizUserID, method, backURL string, change func(m *member) *soa.Error) *soa.Error {
	return e.withMember(sysid, bizUserID, func(a *app, m *member) *soa.Error {
		if serr := canChange(m, method); serr != nil {
			return serr
		}
		if serr := change(m); serr != nil {
			return serr
		}
		a.notify(Event{Service: soa.MemberPwdService, Method: "setPayPwd", BackURL: backURL, Status: EventOK,
			ReturnValue: map[string]any{"bizUserId": m.bizUserID}})
		return nil
	})
}

func setPwd(m *member, pwd string) *soa.Error {
	if !digits(pwd, 6) {
		return soa.Errorf("10000", "the payment password is six digits")
	}
	m.pages.payPwd, m.pages.pwdFails = pwd, 0
	return nil
}

// checkPwd compares a typed password; a wrong one counts towards 30033.
func checkPwd(m *member, pwd string) *soa.Error {
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
		return soa.Errorf("20011", "wrong code for %s (tsymock's codes are the one set with --verification-code, default %s)",
			phone, DefaultVerificationCode)
	}
	return nil
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
