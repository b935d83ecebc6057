package emulator

import (
	"strings"
	"time"

	"github.com/tsymock/tsymock/internal/soa"
)

// memberPages is what a member did on the platform's browser pages
// (PROTOCOL.md §6): the e-contract and the payment password. Both are only
// ever set through a page, never on /service/soa.
type memberPages struct {
	contractNo string // "" until the e-contract is signed
	contractAt time.Time
	payPwd     string // "" until set; plain, like identityNo, and never logged or returned
	pwdFails   int    // wrong passwords counted (see checkPwd)
	// pwdFailsUntil is when pwdFails and its lock end: the 0:00 China time
	// after the first wrong try counted (spec §4.1.17 note 7); zero under
	// the older rules, in a row until reset.
	pwdFailsUntil time.Time
}

// pageInfo are the getMemberInfo keys the pages change. Enterprises have no
// isSetPayPwd in their shape of memberInfo, so it is reported for persons
// only.
func (m *member) pageInfo() map[string]any {
	v := map[string]any{"isSignContract": m.pages.contractNo != ""}
	if m.pages.contractNo != "" {
		v["contractNo"] = m.pages.contractNo
		v["signContractTime"] = soa.FormatTime(m.pages.contractAt)
	}
	if m.memberType == memberPersonal {
		v["isSetPayPwd"] = m.pages.payPwd != ""
	}
	return v
}

// PageMember is what a member page shows of a member. It never holds the
// identity number or the password.
type PageMember struct {
	BizUserID  string
	MemberType int64 // 2 enterprise, 3 personal
	Name       string
	Phone      string // the bound phone, or ""
	RealName   bool
	PayPwdSet  bool
	ContractNo string // "" until signed
	ContractAt time.Time
}

// PageMember returns a member for a page: 30001 unknown, 30022 locked.
func (e *Emulator) PageMember(sysid, bizUserID string) (PageMember, *soa.Error) {
	var out PageMember
	serr := e.look(sysid, bizUserID, func(m *member) *soa.Error {
		out = m.pageView()
		return nil
	})
	return out, serr
}

func (m *member) pageView() PageMember {
	name := m.name
	if m.company != nil && name == "" {
		name = m.company.info["companyName"]
	}
	return PageMember{BizUserID: m.bizUserID, MemberType: m.memberType, Name: name, Phone: m.phone,
		RealName: m.realName, PayPwdSet: m.pages.payPwd != "", ContractNo: m.pages.contractNo,
		ContractAt: m.pages.contractAt}
}

// look runs fn with the application locked and the member found (it may
// act: not locked), for a page that only reads. It never creates an
// application.
func (e *Emulator) look(sysid, bizUserID string, fn func(m *member) *soa.Error) *soa.Error {
	a := e.find(sysid)
	if a == nil {
		return soa.Errorf("30001", "bizUserId %q", bizUserID)
	}
	defer a.mu.Unlock()
	m, serr := a.member(bizUserID)
	if serr != nil {
		return serr
	}
	return fn(m)
}

// onMember is the body of a page action on a member that may act.
func onMember(bizUserID string, fn func(a *app, m *member) (any, *soa.Error)) opFunc {
	return func(a *app) (any, *soa.Error) {
		m, serr := a.member(bizUserID)
		if serr != nil {
			return nil, serr
		}
		return fn(a, m)
	}
}

// CheckIdentity checks the name and identity number a page was opened with
// against the member's real name, as the payment-password pages do: they
// are for persons only (30006, spec §4.1.17-§4.1.20 note 1), who must be
// real-named (30008) with the same name and number (30009).
func (e *Emulator) CheckIdentity(sysid, bizUserID, name string, identityType int64, identityNo string) *soa.Error {
	return e.look(sysid, bizUserID, func(m *member) *soa.Error {
		if serr := personalOnly(m); serr != nil {
			return serr
		}
		if !m.realName {
			return soa.Errorf("30008", "bizUserId %q has not called setRealName", bizUserID)
		}
		if name != m.name || identityType != m.identityType || !strings.EqualFold(identityNo, m.identityNo) {
			return soa.Errorf("30009", "name, identityType or identityNo differ from the real name of bizUserId %q", bizUserID)
		}
		return nil
	})
}

// notifyPageFailure replays the error notification that a member page's
// fail button queued before tsymock followed spec §4.1.4 note 3 (a failed
// page notifies nothing): a data dir written then still opens and lists
// what it sent. Nothing makes this change any more.
func notifyPageFailure(service, method, bizUserID, backURL, code, message string) opFunc {
	return func(a *app) (any, *soa.Error) {
		a.notify(Event{Service: service, Method: method, BackURL: backURL, Status: EventError,
			ReturnValue: map[string]any{"bizUserId": bizUserID}, ErrorCode: code, Message: message})
		return nil, nil
	}
}
