package emulator

import (
	"fmt"
	"strconv"

	"github.com/tsymock/tsymock/internal/soa"
)

// How setCompanyInfo audits an enterprise (Config.CompanyAudit, the
// --company-audit flag).
const (
	// CompanyAuditAuto decides at once, as tsymock always did: approved,
	// or rejected when the companyName holds "reject" or "驳回".
	CompanyAuditAuto = "auto"
	// CompanyAuditManual leaves the audit pending (status 1 待审核, spec
	// §6.8) until the back office decides it (DecideAudit), as the real
	// test environment audits by hand in its console (spec §4.1.6 note 4:
	// 测试环境不支持线上认证，需通过管理后台菜单“企业会员管理”审核).
	CompanyAuditManual = "manual"
)

// CheckCompanyAudit refuses a mode other than auto and manual ("" is
// auto).
func CheckCompanyAudit(mode string) error {
	switch mode {
	case "", CompanyAuditAuto, CompanyAuditManual:
		return nil
	}
	return fmt.Errorf("emulator: company audit %q: want %s or %s", mode, CompanyAuditAuto, CompanyAuditManual)
}

// SetCompanyAudit gives one application its own audit mode ("" follows
// Config.CompanyAudit). It takes effect at the application's next
// setCompanyInfo; an audit pending already stays pending.
func (e *Emulator) SetCompanyAudit(sysid, mode string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if mode == "" {
		delete(e.appAudit, sysid)
		return
	}
	if e.appAudit == nil {
		e.appAudit = map[string]string{}
	}
	e.appAudit[sysid] = mode
}

// CompanyAuditOf is the audit mode of sysid: its own, or the emulator's.
func (e *Emulator) CompanyAuditOf(sysid string) string {
	e.mu.Lock()
	defer e.mu.Unlock()
	if mode, ok := e.appAudit[sysid]; ok {
		return mode
	}
	return e.audit
}

// manualAudit reports whether a call of sysid named name audits by hand:
// only setCompanyInfo reads it, and only its op records it (Op.ManualAudit).
func (e *Emulator) manualAudit(sysid, name string) bool {
	return name == "MemberService.setCompanyInfo" && e.CompanyAuditOf(sysid) == CompanyAuditManual
}

// AuditDecision is the back office's decision on a pending enterprise
// audit (spec §4.1.6 note 4): approve it, or reject it with a failReason;
// Remark is the back office's remark, which verifyResult and getMemberInfo
// carry (§4.1.7, §5.5).
type AuditDecision struct {
	BizUserID  string
	Approve    bool
	FailReason string
	Remark     string
}

// The codes DecideAudit refuses with, from the platform's table (PROTOCOL.md
// §8), so that the admin API can tell "nothing to decide" (404) from
// "decided already" (409).
const (
	// CodeNoMember is a bizUserId the application does not have (30001 用户不存在).
	CodeNoMember = "30001"
	// CodeNotEnterprise is a personal member, which has no audit (30006 用户类型不正确).
	CodeNotEnterprise = "30006"
	// CodeNoCompany is an enterprise that never called setCompanyInfo (30030 未设置企业信息).
	CodeNoCompany = "30030"
	// CodeAuditDecided is an audit already decided (30023 企业会员已审核).
	CodeAuditDecided = "30023"
)

// defaultFailReason is a rejection's failReason when the back office gives
// none, and that of tsymock's automatic audit.
const defaultFailReason = "企业信息审核不通过"

// DecideAudit decides a pending enterprise audit as the real test
// environment's back office does (企业会员管理, spec §4.1.6 note 4): the
// member's status becomes 2 or 3 with the clock's checkTime, and the
// verifyResult notification (§4.1.7) is queued for the backUrl its
// setCompanyInfo gave. It is an op of the write-ahead log like any page
// action. Refusals: CodeNoMember, CodeNotEnterprise, CodeNoCompany, and
// CodeAuditDecided for an audit that is not pending. It answers the
// notification's returnValue.
func (e *Emulator) DecideAudit(sysid string, d AuditDecision) (map[string]any, *soa.Error) {
	if d.Approve && d.FailReason != "" {
		return nil, soa.Errorf("10000", "failReason is a rejection's reason: an approval has none")
	}
	if !e.hasState(sysid) { // no member; and a refusal must not make the application's state
		return nil, soa.Errorf(CodeNoMember, "bizUserId %q: application %s has no members", d.BizUserID, sysid)
	}
	result := auditRejected
	if d.Approve {
		result = auditApproved
	}
	v, serr := e.page(sysid, actDecideAudit, d.BizUserID, strconv.Itoa(result), d.FailReason, d.Remark)
	rv, _ := v.(map[string]any)
	return rv, serr
}

// hasState reports whether sysid has a state (made by its first op).
func (e *Emulator) hasState(sysid string) bool {
	a := e.find(sysid)
	if a != nil {
		a.mu.Unlock()
	}
	return a != nil
}

// decideAudit is the body of DecideAudit, from its op's args.
func decideAudit(bizUserID, result, failReason, remark string) opFunc {
	return func(a *app) (any, *soa.Error) {
		m, ok := a.members[bizUserID] // the back office decides a locked member's audit too
		switch {
		case !ok:
			return nil, soa.Errorf(CodeNoMember, "bizUserId %q", bizUserID)
		case m.memberType != memberEnterprise:
			return nil, soa.Errorf(CodeNotEnterprise, "bizUserId %q is a person (memberType 3): only enterprises are "+
				"audited (setCompanyInfo)", bizUserID)
		case m.company == nil:
			return nil, soa.Errorf(CodeNoCompany, "bizUserId %q has not called setCompanyInfo: there is no audit to decide",
				bizUserID)
		case m.company.status != auditPending:
			return nil, soa.Errorf(CodeAuditDecided, "bizUserId %q: its audit was decided on %s (status %d); a decided "+
				"audit is not decided again (a rejected enterprise submits setCompanyInfo again)",
				bizUserID, soa.FormatTime(m.company.checkTime), m.company.status)
		}
		c := m.company
		c.checkTime, c.remark, c.failReason = a.now(), remark, ""
		c.status = auditApproved
		if result != strconv.Itoa(auditApproved) {
			c.status, c.failReason = auditRejected, failReason
			if c.failReason == "" {
				c.failReason = defaultFailReason
			}
		}
		rv := verifyResult(m)
		a.notify(Event{Service: soa.MemberService, Method: "verifyResult", BackURL: c.backURL, Status: EventOK,
			ReturnValue: rv})
		return verifyResult(m), nil
	}
}
