package emulator

import (
	"slices"

	"github.com/tsymock/tsymock/internal/soa"
)

// subAcct is a member's bank sub-account in one account set (spec §4.1.27).
type subAcct struct {
	no  string
	org int64 // acctOrgType: 1 华通银行
}

// actor finds the member a call names, the platform's own member
// (#yunBizUserId_B2C#) included, for the methods the spec lets the platform
// call for itself.
func (a *app) actor(bizUserID string) (*member, *soa.Error) {
	if bizUserID != OwnerPlatform {
		return a.member(bizUserID)
	}
	if a.platform == nil {
		a.platform = &member{bizUserID: OwnerPlatform, memberType: memberEnterprise}
	}
	return a.platform, nil
}

// createBankSubAcctNo opens the member's bank sub-account in an account set
// (spec §4.1.27); the platform may open its own. Asking again for the same
// set answers the same subAcctNo; the number is made from the id source, so
// a seeded run repeats it. getMemberInfo shows the latest one opened
// (acctOrgType, subAcctNo). A member not yet ready (see checkSubAcctReady)
// passes with a Portability note.
func createBankSubAcctNo(a *app, p params) (map[string]any, *soa.Error) {
	m, serr := a.actor(p.str("bizUserId"))
	if serr != nil {
		return nil, serr
	}
	if serr := a.checkSubAcctReady(m); serr != nil {
		return nil, serr
	}
	set := p.str("accountSetNo")
	sub, ok := m.subAccts[set]
	if !ok {
		sub = subAcct{no: "9" + a.number(), org: p.num("acctOrgType")}
		put(&m.subAccts, set, sub)
	}
	m.lastSub = set
	return map[string]any{"bizUserId": m.bizUserID, "accountSetNo": set, "subAcctNo": sub.no}, nil
}

// checkSubAcctReady notes the first prerequisite of spec §4.1.27 the member
// lacks: a person real-named (30008) with a bound phone (30021), an
// enterprise approved (30050) with a bound phone.
func (a *app) checkSubAcctReady(m *member) *soa.Error {
	if m == a.platform {
		return nil
	}
	const rule = "createBankSubAcctNo of bizUserId %q before %s (spec §4.1.27)"
	if code, lacks := m.unverified(); code != "" {
		return a.lenient(rulePrerequisite, code, rule, m.bizUserID, lacks)
	}
	if m.phone == "" {
		return a.lenient(rulePrerequisite, "30021", rule, m.bizUserID, "bindPhone")
	}
	return nil
}

// unverified is what a member lacks to pay or be paid, with the code the
// platform answers for it: a person its real name (30008 用户还未实名认证),
// an enterprise its approval (30050 企业会员未审核); "" when it lacks
// neither.
func (m *member) unverified() (code, lacks string) {
	switch {
	case m.memberType == memberPersonal && !m.realName:
		return "30008", "setRealName"
	case m.memberType == memberEnterprise && (m.company == nil || m.company.status != auditApproved):
		return "30050", "its company's approval (setCompanyInfo)"
	}
	return "", ""
}

// subAcctInfo are getMemberInfo's acctOrgType and subAcctNo (spec §5.5,
// §5.6), after createBankSubAcctNo.
func (m *member) subAcctInfo() map[string]any {
	sub, ok := m.subAccts[m.lastSub]
	if !ok {
		return map[string]any{}
	}
	return map[string]any{"acctOrgType": sub.org, "subAcctNo": sub.no}
}

// applyBindAcct binds a payment account (e.g. a WeChat openid) of a type to
// the member (spec §4.1.23): a member may bind several, one call each, and
// binding one again is answered OK. result is "OK".
func applyBindAcct(a *app, p params) (map[string]any, *soa.Error) {
	m, serr := a.member(p.str("bizUserId"))
	if serr != nil {
		return nil, serr
	}
	kind, acct := p.str("acctType"), p.str("acct")
	if !slices.Contains(m.payAccts[kind], acct) {
		put(&m.payAccts, kind, append(m.payAccts[kind], acct))
	}
	return map[string]any{"bizUserId": m.bizUserID, "result": "OK"}, nil
}

// hasPayAcct reports whether acct of acctType is bound to the member: the
// check spec §4.1.23 note 3 asks of WeChat and Alipay JS payments.
func (m *member) hasPayAcct(acctType, acct string) bool {
	return slices.Contains(m.payAccts[acctType], acct)
}
