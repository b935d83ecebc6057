package emulator

import "github.com/tsymock/tsymock/internal/soa"

// canSign checks that a member may sign the e-contract: a person after
// setRealName (30008), an enterprise after setCompanyInfo (30030) once it
// is approved (30050: spec §4.1.4 note 5 wants the audit passed, so a
// rejected enterprise resubmits first), and not twice (30043).
func canSign(m *member) *soa.Error {
	switch {
	case m.pages.contractNo != "":
		return soa.Errorf("30043", "bizUserId %q signed contract %s on %s", m.bizUserID, m.pages.contractNo,
			soa.FormatTime(m.pages.contractAt))
	case m.memberType == memberPersonal && !m.realName:
		return soa.Errorf("30008", "bizUserId %q must call setRealName before signing the e-contract", m.bizUserID)
	case m.memberType == memberEnterprise && m.company == nil:
		return soa.Errorf("30030", "bizUserId %q must call setCompanyInfo before signing the e-contract", m.bizUserID)
	case m.memberType == memberEnterprise && m.company.status == auditPending:
		return soa.Errorf("30050", "bizUserId %q: its company's audit is pending (status 1 待审核, spec §6.8), and an "+
			"enterprise signs the e-contract after its approval (spec §4.1.4 note 5)", m.bizUserID)
	case m.memberType == memberEnterprise && m.company.status != auditApproved:
		return soa.Errorf("30050", "bizUserId %q: its company was not approved (result %d), and an enterprise signs the "+
			"e-contract after its approval (spec §4.1.4 note 5)", m.bizUserID, m.company.status)
	}
	return nil
}

// CanSignContract checks, for the signContract page, that the member may
// sign (see SignContract).
func (e *Emulator) CanSignContract(sysid, bizUserID string) *soa.Error {
	return e.look(sysid, bizUserID, canSign)
}

// SignContract signs the member's e-contract, as the signContract page's
// confirm button does, and queues the MemberService/signContract
// notification: returnValue {bizUserId} and a top-level contractNo, also
// spelled ContractNo (PROTOCOL.md §5: one real capture carries both, so a
// handler may read either). getMemberInfo then shows isSignContract and
// contractNo.
func (e *Emulator) SignContract(sysid, bizUserID, backURL string) (string, *soa.Error) {
	v, serr := e.page(sysid, actSignContract, bizUserID, backURL)
	no, _ := v.(string)
	return no, serr
}

func signContract(a *app, m *member, backURL string) (any, *soa.Error) {
	if serr := canSign(m); serr != nil {
		return nil, serr
	}
	no := "CT" + a.number()
	m.pages.contractNo, m.pages.contractAt = no, a.now()
	a.notify(Event{Service: soa.MemberService, Method: "signContract", BackURL: backURL, Status: EventOK,
		ReturnValue: map[string]any{"bizUserId": m.bizUserID}, Extra: contractExtra(no)})
	return no, nil
}

// contractExtra are the top-level keys of the signContract notification:
// the contract number under both of the spellings real captures show.
func contractExtra(no string) map[string]any {
	return map[string]any{"contractNo": no, "ContractNo": no}
}

// SignedContract returns the member's contract for the signContractQuery
// page: 30046 before it is signed.
func (e *Emulator) SignedContract(sysid, bizUserID string) (PageMember, *soa.Error) {
	var out PageMember
	serr := e.look(sysid, bizUserID, func(m *member) *soa.Error {
		if m.pages.contractNo == "" {
			return soa.Errorf("30046", "bizUserId %q has not signed the e-contract (open signContract.html first)", bizUserID)
		}
		out = m.pageView()
		return nil
	})
	return out, serr
}
