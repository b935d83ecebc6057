package emulator

import (
	"strings"

	"github.com/tsymock/tsymock/internal/soa"
)

// kindCrossBorder is a cross-border withdrawal (跨境提现, order type 17 of
// spec §6.15).
const kindCrossBorder = "crossBorderWithdraw"

// crossBorderWithdrawApply withdraws a member's money to the cross-border
// reserve account that another member, an enterprise (30006), has bound
// (spec §4.2.23): bankCardNo is that member's account (30045, see
// reserveAccount), and the two members differ (10000). It goes on as
// withdrawApply does, through WITHDRAW_TLT, WITHDRAW_SD, WITHDRAW_HTBANK or
// WITHDRAW_JFB, once the member has what withdrawApply wants of it (note 3,
// checkWithdrawerReady; an op before RulesDec2026c was not held to it), an
// enterprise's validateType 2 noted as there (checkWithdrawValidation), and
// its summary the 易通汇 remittance request number (checkRemittance). The
// cross-border side (易通汇) has no state to keep: the money leaves the
// ledger as for a withdrawal.
func crossBorderWithdrawApply(a *app, p params) (map[string]any, *soa.Error) {
	m, set, serr := a.memberAccount("crossBorderWithdrawApply", p)
	if serr != nil {
		return nil, serr
	}
	reserve, serr := a.crossBorderMember(p.str("crossBorderbizUserId"), m.bizUserID)
	if serr != nil {
		return nil, serr
	}
	if serr := reserveAccount(reserve, p, a.before(RulesDec2026)); serr != nil {
		return nil, serr
	}
	if !a.before(RulesDec2026c) {
		if serr := a.checkWithdrawerReady("crossBorderWithdrawApply", m); serr != nil {
			return nil, serr
		}
	}
	if serr := a.checkWithdrawValidation("crossBorderWithdrawApply", m, p); serr != nil {
		return nil, serr
	}
	if serr := a.checkRemittance(p.str("summary")); serr != nil {
		return nil, serr
	}
	return a.withdraw(kindCrossBorder, "crossBorderWithdrawApply", m, set, cardHint(p.str("bankCardNo")), p)
}

// remittancePrefix starts a cross-border withdrawal's summary (spec
// §4.2.23: FEE+跨境平台汇款申请单号).
const remittancePrefix = "FEE"

// remittanceChars may make up the remittance number after FEE: the spec's
// one example is digits (FEE101961), but it does not say letters cannot
// appear, and a note must not fire on a number the platform takes.
const remittanceChars = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

// checkRemittance holds a cross-border withdrawal's summary to spec
// §4.2.23 (lines 8997-9009: 摘要, 必填 否, 最多 20 个字符, 需上送易通汇平台汇款申请单
// （FEE+跨境平台汇款申请单号，如 FEE101961）): its 必填 cell leaves it out and its
// 取值 cell requires it, so one left out is noted required-param (10001
// with --strict), and one that is not FEE and a number (digits as the
// example's, or letters), param-format (10000; the spec names no code for either).
// tsymock keeps no 易通汇 state to look the number up in. The 20 characters
// are the catalogue's (10004). An op before RulesDec2026c was taken without
// a note.
func (a *app) checkRemittance(summary string) *soa.Error {
	if a.before(RulesDec2026c) {
		return nil
	}
	if summary == "" {
		return a.lenient(ruleRequired, "10001", "summary: spec §4.2.23 wants the 易通汇 remittance request number "+
			"in it (需上送易通汇平台汇款申请单（FEE+跨境平台汇款申请单号，如 FEE101961）), and none was sent")
	}
	if no, ok := strings.CutPrefix(summary, remittancePrefix); !ok || no == "" || strings.Trim(no, remittanceChars) != "" {
		return a.lenient(ruleParamFormat, "10000", "summary %q: spec §4.2.23 wants %s and the 易通汇 remittance "+
			"request number (FEE+跨境平台汇款申请单号，如 FEE101961)", summary, remittancePrefix)
	}
	return nil
}

// reserveAccount checks bankCardNo against the reserve member's bound
// accounts, by bankCardPro as withdrawApply reads it (spec §4.2.23: 0, the
// default, 个人银行卡; 1 企业对公账户): a personal card it bound, or its
// corporate account, the accountNo of its approved setCompanyInfo that
// queryBankCard lists as bound (§5.4, §5.7). Another number is 30045.
func reserveAccount(reserve *member, p params, legacy bool) *soa.Error {
	no := p.str("bankCardNo")
	if p.str("bankCardPro") != "1" || legacy { // a legacy op (before RulesDec2026) took bound cards only
		if _, ok := reserve.cards[no]; !ok {
			return soa.Errorf("30045", "bankCardNo with bankCardPro 0 (个人银行卡) is not a card bound to the cross-border "+
				"member %s", reserve.bizUserID)
		}
		return nil
	}
	if corp := reserve.corporateAccount(); corp == nil || corp["bankCardNo"] != no {
		return soa.Errorf("30045", "bankCardNo %s with bankCardPro 1 (企业对公账户): not the corporate account of the "+
			"cross-border member %s, the accountNo of its approved setCompanyInfo (spec §4.2.23, §5.4)", cardHint(no), reserve.bizUserID)
	}
	return nil
}

// crossBorderMember is the member holding the cross-border reserve account:
// known (30001), an enterprise (30006), not the one withdrawing (10000).
func (a *app) crossBorderMember(bizUserID, withdrawer string) (*member, *soa.Error) {
	if bizUserID == withdrawer {
		return nil, soa.Errorf("10000", "crossBorderbizUserId must not be the bizUserId withdrawing (%s)", withdrawer)
	}
	m, serr := a.member(bizUserID)
	if serr != nil {
		return nil, serr
	}
	if m.memberType != memberEnterprise {
		return nil, soa.Errorf("30006", "crossBorderbizUserId %s is a personal member; the cross-border reserve "+
			"account belongs to an enterprise member (spec §4.2.23)", bizUserID)
	}
	return m, nil
}
