package emulator

import (
	"time"

	"github.com/tsymock/tsymock/internal/soa"
)

// Portability rules of the order methods: where tsymock lets a call pass
// that Allinpay's test environment refuses (see Portability). The names
// are stable; docs/methods.md lists them.
const (
	// RuleTestAmount: a native app payment (ALIPAY_APP_OPEN,
	// WECHATPAY_APP_OPEN) of an amount that is not a test amount (spec §5.2).
	RuleTestAmount = "test-amount"
	// RuleTestAmountLimit: an agreement payment (QUICKPAY_TLT) above the
	// test environment's 10,000 yuan (spec §5.2).
	RuleTestAmountLimit = "test-amount-limit"
	// RuleInstalmentAmount: an instalment payment (InstallmentPayment_H5)
	// outside 600 to 50,000 yuan (spec §5.2), since RulesDec2026c.
	RuleInstalmentAmount = "instalment-amount"
	// RuleCouponSet: a COUPON paid from a set other than the platform's
	// marketing or deposit set (spec §5.2).
	RuleCouponSet = "coupon-set"
	// RuleDailyOrders: an eleventh deposit, consumption or collection of a
	// member in a day (spec §4.2.1 (5)).
	RuleDailyOrders = "daily-order-limit"
	// RuleOrderExpiry: an orderExpireDatetime more than 24 hours after the
	// order is made (spec §4.2.2, §4.2.3, §4.2.4, §4.2.5, §4.2.23: each
	// method's table; the note cites the called method's, expirySection).
	RuleOrderExpiry = "order-expiry-24h"
	// RuleConsumerIP: a pay whose consumerIp is no public IP address
	// (spec §4.2.8: 用户公网 IP; ConsumerIPNote).
	RuleConsumerIP = "consumer-ip"
	// RuleCardBindMethod: a REALNAMEPAY or REALNAMEPAY_BATCH payment with a
	// card bound by a four-element check (cardCheck 5 or 8), which the
	// request table of spec §5.2 admits and its notes on real-name pay do
	// not.
	RuleCardBindMethod = "card-bind-method"
	// RuleTransferSet: an applicationTransfer from the escrow set or a
	// reserve or intermediate set, or to a set other than the escrow set
	// (spec §4.2.17 notes 1 to 3).
	RuleTransferSet = "transfer-account-set"
	// RuleWithdrawType: a withdrawal's withdrawType other than D0, D1,
	// T1customized and D0customized (spec §4.2.3 note 6), e.g. an older T1.
	RuleWithdrawType = "withdraw-type"
	// RuleEnterpriseValidation: an enterprise's withdrawApply or
	// crossBorderWithdrawApply with validateType 2 (payment password),
	// which spec §4.2.3 has enterprises confirm by SMS code instead (企业用户
	// 请使用【后台+短信验证码验证】方式): an enterprise has no payment password
	// (§4.1.17 note 1).
	RuleEnterpriseValidation = "enterprise-validate-type"
	// RulePayAcct: a WeChat JS, mini-program or Alipay life payment whose
	// acct the payer did not bind with applyBindAcct (spec §4.1.23 note 3).
	RulePayAcct = "pay-acct"
	// RuleRefundList: a refund of a consumption that sends refundList,
	// which spec §4.2.16 (refundList (1)) leaves out for consumptions: their
	// receiver bears the splits (note 8).
	RuleRefundList = "refund-list"
	// RuleMemberSet: a member's money in one of the platform's standard
	// sets (spec §6.17): a deposit, a withdrawal, a BALANCE payment, a
	// payout, a freeze or a split share there.
	RuleMemberSet = "member-account-set"
	// RuleSplitMembers: a split rule of more than ten items at all its
	// levels that pays no more than ten distinct members, the platform
	// aside: spec §5.3 and §4.2.4 cap the members (分账总会员数<=10), and
	// do not say whether the platform counts items instead.
	RuleSplitMembers = "split-members"
	// RuleCheckFileNotMade: getCheckAccountFile of a day whose files the
	// platform has not made yet (spec §4.3.2: at 08:00 China time the next
	// day), on the server's clock.
	RuleCheckFileNotMade = "check-file-not-made"
	// RuleStatementRange: queryInExpDetail of more than 3 months (spec
	// §4.2.20 dateEnd: 最多允许查 3 个月内); 40044 日期格式有误 is tsymock's
	// choice of code, the one the spec's date rules use (§4.2.22's 7 days).
	RuleStatementRange = "statement-range"
	// RuleGateID: a gateway payment (GATEWAY_VSP, GATEWAY_VSP_ORG) whose
	// gateid is not in spec §6.13's list for its paytype: unknown, or a
	// code of the other list (0102 is ICBC's B2B code, 01021 its B2C debit
	// card's). §6.13 lets 收银宝's online list prevail, so tsymock notes it.
	RuleGateID = "gateid"
	// RuleVspCusidUnbound: a vspCusid in the payMethod of an order whose
	// payees bound no 收银宝 sub-merchant (spec §4.1.21 note 2.2, revision
	// 2.0.7: it must be one they bound with vspTermidService).
	RuleVspCusidUnbound = "vsp-cusid-unbound"
	// RuleHTBankAmount: a WITHDRAW_HTBANK body whose AMOUNT is not the
	// order's amount in fen: spec §5.2 calls it 金额 without a unit or a
	// rule, and TRANSFER_HTBANK's AMOUNT is the transfer's, in fen.
	RuleHTBankAmount = "htbank-amount"
)

// maxStatementMonths is how many months one queryInExpDetail may cover
// (spec §4.2.20).
const maxStatementMonths = 3

// checkStatementRange notes a statement from its first day, from, to the
// day before to, that covers more than maxStatementMonths.
func (a *app) checkStatementRange(from, to time.Time) *soa.Error {
	last := to.AddDate(0, 0, -1)
	// the same day maxStatementMonths on, or the month's last day (30 November: 28 February), which
	// AddDate would carry into March
	y, m, d := from.Date()
	limit := time.Date(y, m+maxStatementMonths+1, 0, 0, 0, 0, 0, from.Location())
	limit = limit.AddDate(0, 0, min(d, limit.Day())-limit.Day())
	if !last.After(limit) {
		return nil
	}
	return a.lenient(RuleStatementRange, "40044", "dateStart %s to dateEnd %s is more than the %d months spec §4.2.20 "+
		"lets one statement cover (最多允许查 3 个月内)", from.Format(time.DateOnly), last.Format(time.DateOnly), maxStatementMonths)
}

// dailyOrders is how many deposits, consumptions and collections a member
// may make as payer in a day (spec §4.2.1 (5)).
const dailyOrders = 10

// checkDailyOrders notes a member's eleventh order of a kind (deposit,
// consumption, collection) as payer on a China-time day, counting those
// that succeeded or are in progress as the spec does (rule
// daily-order-limit, 40045 风控超限单日累计笔数).
func (a *app) checkDailyOrders(kind, payer string) *soa.Error {
	day := dayOf(a.now())
	n := 0
	for _, o := range a.book.all {
		if o.kind == kind && o.payer == payer && dayOf(o.created).Equal(day) &&
			(o.status == statusSucceeded || o.status == statusRefunded || o.status == statusInProgress) {
			n++
		}
	}
	if n < dailyOrders {
		return nil
	}
	return a.lenient(RuleDailyOrders, "40045", "%s has made %d %s orders today; the platform takes %d a day "+
		"of each member (spec §4.2.1)", payer, n, kind, dailyOrders)
}

// dayOf is the start of t's day in China time.
func dayOf(t time.Time) time.Time {
	y, m, d := t.In(soa.Shanghai()).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, soa.Shanghai())
}

// checkFrontURL notes an order paid on the front page (a gateway, whose
// payer completes it on frontTrans.do) without frontUrl, the page the payer
// returns to: the request tables of spec §4.2.2, §4.2.4 and §4.2.5 require
// it for a front-page payment (rule required-param, 10001). tsymock's page
// then shows the result instead.
func (a *app) checkFrontURL(o *order) *soa.Error {
	ch := o.pay.channel()
	if ch == nil || ch.Confirm != soa.ConfirmPage || o.frontURL != "" {
		return nil
	}
	return a.lenient(ruleRequired, "10001", "frontUrl: payMethod %s is paid on the front page, for which spec "+
		"§4.2.2, §4.2.4 and §4.2.5 require frontUrl, the page the payer returns to", ch.Key)
}
