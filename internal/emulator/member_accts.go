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
// (acctOrgType, subAcctNo). The set must be one the spec lists (see
// checkSubAcctSet); a member not yet ready (see checkSubAcctReady) passes
// with a Portability note.
func createBankSubAcctNo(a *app, p params) (map[string]any, *soa.Error) {
	m, serr := a.actor(p.str("bizUserId"))
	if serr != nil {
		return nil, serr
	}
	set := p.str("accountSetNo")
	if serr := a.checkSubAcctSet(m, set); serr != nil {
		return nil, serr
	}
	if serr := a.checkSubAcctReady(m); serr != nil {
		return nil, serr
	}
	sub, ok := m.subAccts[set]
	if !ok {
		sub = subAcct{no: "9" + a.number(), org: p.num("acctOrgType")}
		put(&m.subAccts, set, sub)
	}
	m.lastSub = set
	return map[string]any{"bizUserId": m.bizUserID, "accountSetNo": set, "subAcctNo": sub.no}, nil
}

// platformSubAcctSets are the platform's standard sets spec §4.1.27 opens a
// sub-account in with #yunBizUserId_B2C#: balance, marketing, prepaid cards.
func platformSubAcctSets() []string { return []string{SetStandard, SetMarketing, "100006"} }

// checkSubAcctSet checks createBankSubAcctNo's accountSetNo against spec
// §4.1.27, which lists the escrow sets and the platform's 100001, 2000000
// and 100006: a set the application has (30019), not the deposit, reserve
// or intermediate sets (100002-100005: 30018 账户集错误). A member in one
// of the platform's sets is noted (sub-account-set, 30018 with --strict):
// the table has the platform open those with #yunBizUserId_B2C#.
func (a *app) checkSubAcctSet(m *member, set string) *soa.Error {
	if serr := a.checkSet(set); serr != nil {
		return serr
	}
	if slices.Contains([]string{SetDeposit, "100003", "100004", "100005"}, set) {
		return soa.Errorf("30018", "accountSetNo %s: spec §4.1.27 opens sub-accounts in an escrow set and in the "+
			"platform's 100001, 2000000 and 100006 only", set)
	}
	if m != a.platform && slices.Contains(platformSubAcctSets(), set) {
		return a.lenient(ruleSubAcctSet, "30018", "accountSetNo %s for bizUserId %q: spec §4.1.27 opens a member's "+
			"sub-account in an escrow set, and %s is the platform's (opened with %s)", set, m.bizUserID, set, OwnerPlatform)
	}
	return nil
}

// checkSubAcctReady notes the first prerequisite of spec §4.1.27 the member
// lacks: a person real-named (30008) with a bound phone (30021), an
// enterprise approved (30050) with a bound phone.
func (a *app) checkSubAcctReady(m *member) *soa.Error {
	if m == a.platform {
		return nil
	}
	const rule = "createBankSubAcctNo of bizUserId %q before %s (spec §4.1.27)"
	if code, lacks := a.unverified(m); code != "" {
		return a.lenient(rulePrerequisite, code, rule, m.bizUserID, lacks)
	}
	if m.phone == "" {
		return a.lenient(rulePrerequisite, "30021", rule, m.bizUserID, "bindPhone")
	}
	return nil
}

// unverified is what a member lacks to pay or be paid, with the code the
// platform answers for it: a person its real name (30008 用户还未实名认证),
// an enterprise its company information (30030 未设置企业信息) or its
// approval (30050 企业会员未审核); "" when it lacks neither.
func (a *app) unverified(m *member) (code, lacks string) {
	switch {
	case m.memberType == memberPersonal && !m.realName:
		return "30008", "setRealName"
	case m.memberType == memberEnterprise && m.company == nil && !a.before(RulesDec2026c):
		return CodeNoCompany, "setCompanyInfo"
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
// binding one again is answered OK. result is "OK". An enterprise is
// noted (checkBindAcctMember).
func applyBindAcct(a *app, p params) (map[string]any, *soa.Error) {
	m, serr := a.member(p.str("bizUserId"))
	if serr != nil {
		return nil, serr
	}
	if serr := a.checkBindAcctMember(m); serr != nil {
		return nil, serr
	}
	kind, acct := p.str("acctType"), p.str("acct")
	if !slices.Contains(m.payAccts[kind], acct) {
		put(&m.payAccts, kind, append(m.payAccts[kind], acct))
	}
	return map[string]any{"bizUserId": m.bizUserID, "result": "OK"}, nil
}

// checkBindAcctMember notes applyBindAcct of an enterprise (member-type;
// 30006 用户类型不正确 with --strict, tsymock's choice of code): spec §4.1.23
// note (1) makes the method for persons who cannot bind a phone (适用个人会员
// 注册后，无法绑定手机号的业务场景使用), and an enterprise makes orders once its
// phone is bound (§4.1.3 note 3, §4.1.6 note 1), not with a payment account
// (checkPayerReady). A legacy op (before RulesDec2026b) was not noted.
func (a *app) checkBindAcctMember(m *member) *soa.Error {
	if m.memberType != memberEnterprise || a.before(RulesDec2026b) {
		return nil
	}
	return a.lenient(RuleMemberType, "30006", "applyBindAcct of enterprise bizUserId %q: spec §4.1.23 note (1) makes "+
		"it for persons who cannot bind a phone (适用个人会员)", m.bizUserID)
}

// hasPayAcct reports whether acct of acctType is bound to the member: the
// check spec §4.1.23 note 3 asks of WeChat and Alipay JS payments.
func (m *member) hasPayAcct(acctType, acct string) bool {
	return slices.Contains(m.payAccts[acctType], acct)
}
