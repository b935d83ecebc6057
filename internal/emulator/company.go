package emulator

import (
	"strings"
	"time"

	"github.com/tsymock/tsymock/internal/soa"
)

// Enterprise audit states (spec §6.8 企业信息审核状态): getMemberInfo's
// status, and the result of setCompanyInfo and verifyResult (2 or 3 only).
const (
	auditPending  = 1 // 待审核: submitted under --company-audit manual, not decided yet
	auditApproved = 2
	auditRejected = 3
)

// companyKeys are the text keys of companyBasicInfo (spec §5.4) that
// getMemberInfo reflects (§5.5).
func companyKeys() []string {
	return []string{"companyName", "companyAddress", "uniCredit", "businessLicense", "organizationCode",
		"taxRegister", "expLicense", "telephone", "legalName", "legalIds", "legalPhone", "accountNo",
		"parentBankName", "bankCityNo", "bankName", "unionBank", "province", "city"}
}

// answeredAlways are the keys of companyBasicInfo that setCompanyInfo may
// leave out (spec §5.4: 否) but getMemberInfo's table requires (§5.5: 是):
// answered as "" when not given, so that a client reading a required key
// (org.json's getString throws on a missing one) finds it.
func answeredAlways() []string {
	return []string{"bankCityNo", "province", "city"}
}

// The authTypes of spec §5.4: 三证 (1, the default) and 一证 (2).
const (
	authThreeCertificates = 1
	authOneCertificate    = 2
)

// company is an enterprise member's submitted data and its audit.
type company struct {
	info         map[string]string // companyKeys, plain (legalIds and accountNo decrypted)
	identityType int64
	authType     int64
	status       int64     // auditPending, auditApproved or auditRejected
	checkTime    time.Time // zero while pending
	failReason   string
	remark       string // the back office's remark of a manual decision (DecideAudit)
	// backURL is setCompanyInfo's backUrl, where a pending audit's
	// verifyResult goes once it is decided (spec §4.1.6 backUrl: 企业会员审核
	// 成功或者失败，将会发送后台通知).
	backURL string
}

// setCompanyInfo submits an enterprise for audit. By default (--company-audit
// auto) the audit is immediate: approved (result 2), unless the companyName
// contains "reject" or "驳回", tsymock's trigger for a rejection (result 3
// with a failReason); either way a verifyResult notification is queued for
// backUrl. Under --company-audit manual (a.manualAudit) the audit waits for
// the back office, as the real test environment's does (spec §4.1.6 note 4):
// the member is pending (status 1, §6.8), the answer has no result (§4.1.6:
// 仅自动审核时返回) and the notification comes with DecideAudit. Personal
// members are 30006; an approved enterprise is 30023, a rejected or pending
// one may submit again (a pending one's data and backUrl are replaced).
// Values outside what §5.4 states of them are noted before the audit, in
// either mode (checkCompanyConditions, checkFormats, checkCompanyValues).
func setCompanyInfo(a *app, p params) (map[string]any, *soa.Error) {
	m, serr := a.member(p.str("bizUserId"))
	if serr != nil {
		return nil, serr
	}
	if m.memberType != memberEnterprise {
		return nil, soa.Errorf("30006", "setCompanyInfo is for enterprise members (memberType 2); persons use setRealName")
	}
	if m.company != nil && m.company.status == auditApproved {
		return nil, soa.Errorf("30023", "bizUserId %q was approved on %s", m.bizUserID, soa.FormatTime(m.company.checkTime))
	}
	info := p.obj("companyBasicInfo")
	if serr := a.checkCompanyConditions(info); serr != nil {
		return nil, serr
	}
	if serr := a.checkFormats("§5.4", "companyBasicInfo.", info); serr != nil {
		return nil, serr
	}
	if serr := a.checkCompanyValues(info); serr != nil {
		return nil, serr
	}
	if a.manualAudit {
		m.company = submitted(info)
		m.company.backURL = p.str("backUrl")
		return m.company.result(m.bizUserID, false), nil
	}
	m.company = audit(info, a.now(), a.before(RulesDec2026d))
	if m.company.status == auditRejected {
		a.triggered("setCompanyInfo of %q rejected by tsymock's automatic audit: its companyName contains "+
			"\"reject\" or \"驳回\" (failReason %s)", m.bizUserID, m.company.failReason)
	}
	answer := m.company.result(m.bizUserID, p.flag("isAuth"))
	a.notify(Event{Service: soa.MemberService, Method: "verifyResult", BackURL: p.str("backUrl"),
		Status: EventOK, ReturnValue: verifyResult(m)})
	return answer, nil
}

// audit decides on submitted company data at once (--company-audit auto):
// a companyName holding "reject" or "驳回" is rejected with the platform-like
// failReason a back office's rejection defaults to (the trigger is said in
// the log line and the journal, setCompanyInfo's Outcome.Triggers, not on
// the wire). legacy (an op logged before RulesDec2026d) keeps the failReason
// that named the trigger, as its state and notification had it.
func audit(info params, now time.Time, legacy bool) *company {
	c := submitted(info)
	c.status, c.checkTime = auditApproved, now
	name := strings.ToLower(info.str("companyName"))
	if strings.Contains(name, "reject") || strings.Contains(name, "驳回") {
		c.status = auditRejected
		c.failReason = defaultFailReason
		if legacy {
			c.failReason = defaultFailReason + " (tsymock: companyName contains \"reject\" or \"驳回\")"
		}
	}
	return c
}

// submitted is company data as submitted, its audit pending.
func submitted(info params) *company {
	c := &company{info: map[string]string{}, identityType: info.num("identityType"), authType: authTypeOf(info),
		status: auditPending}
	for _, k := range companyKeys() {
		if v := info.str(k); v != "" {
			c.info[k] = v
		}
	}
	return c
}

// result is the synchronous answer of setCompanyInfo: every key of
// PROTOCOL.md §7, "" when empty, as in the notification. The audit's result
// (and its failReason) is answered to an online audit (isAuth true) only:
// spec §4.1.6 answers result 仅自动审核时返回, and a manual audit (isAuth
// false) is known by the verifyResult notification and getMemberInfo.
func (c *company) result(bizUserID string, online bool) map[string]any {
	if !online {
		return map[string]any{"bizUserId": bizUserID, "failReason": "", "remark": ""}
	}
	return map[string]any{"bizUserId": bizUserID, "result": c.status, "failReason": c.failReason, "remark": ""}
}

// verifyResult is the returnValue of the verifyResult notification. Every
// key of PROTOCOL.md §5 is always there, "" when empty: merchants' handlers
// read failReason and remark without checking that they exist. tsymock's
// own audit makes no remark; a back-office decision (DecideAudit) may.
func verifyResult(m *member) map[string]any {
	c := m.company
	return map[string]any{"bizUserId": m.bizUserID, "result": c.status, "checkTime": soa.FormatTime(c.checkTime),
		"failReason": c.failReason, "remark": c.remark}
}

// memberInfo is the enterprise part of getMemberInfo: the submitted data and
// the audit, or nothing before setCompanyInfo.
func (c *company) memberInfo() map[string]any {
	if c == nil {
		return map[string]any{}
	}
	v := map[string]any{"identityType": c.identityType, "authType": c.authType}
	for _, k := range answeredAlways() {
		v[k] = ""
	}
	for k, text := range c.info {
		v[k] = text
	}
	v["status"] = c.status
	if c.status == auditPending { // not checked yet: §5.5's checkTime (否) has no value
		return v
	}
	v["checkTime"] = soa.FormatTime(c.checkTime)
	if c.failReason != "" {
		v["failReason"] = c.failReason
	}
	if c.remark != "" {
		v["remark"] = c.remark
	}
	return v
}
