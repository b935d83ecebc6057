package emulator

import (
	"github.com/tsymock/tsymock/internal/soa"
)

// depositApply tops up a member's account from a card or a channel (spec
// §4.2.2): one inbound method of spec §5.2, never BALANCE or COUPON nor a
// combination. The money comes from outside; the fee goes to the platform,
// into its standard balance set (income).
// The platform tops up its own account with bizUserId #yunBizUserId_B2C#
// (spec §4.2.2: 若平台，上送固定值), through a channel: it binds no card.
func depositApply(a *app, p params) (map[string]any, *soa.Error) {
	m, serr := a.actor(p.str("bizUserId"))
	if serr != nil {
		return nil, serr
	}
	set := p.str("accountSetNo")
	var excluded []string
	if m.bizUserID == OwnerPlatform {
		excluded = intermediateSets() // spec §4.2.2
	}
	if serr := a.checkPlatformSet("depositApply", "§4.2.2", set, excluded...); serr != nil {
		return nil, serr
	}
	if serr := a.checkMemberSet("depositApply", m.bizUserID, set); serr != nil {
		return nil, serr
	}
	o, serr := a.newOrder(kindDeposit, p)
	if serr != nil {
		return nil, serr
	}
	pm, serr := a.payment("depositApply", p, o.amount, m, []string{m.bizUserID})
	if serr != nil {
		return nil, serr
	}
	if serr := a.checkDailyOrders(kindDeposit, m.bizUserID); serr != nil {
		return nil, serr
	}
	o.payer, o.accountSet = m.bizUserID, set
	o.sources = []*source{{flow: flow{acct(OwnerOutside, set), o.amount}, key: pm.name()}}
	o.legs = a.chainLegs(o.sources, acct(m.bizUserID, set), acct(m.bizUserID, set), o.amount, o.fee, nil)
	if a.before(RulesDec2026b) { // the amount less the fee straight to the member
		o.legs = match(flows(o.sources), []flow{{acct(m.bizUserID, set), o.amount - o.fee}, {a.feeAccount(set), o.fee}})
	}
	return a.start(o, pm)
}

// payment reads an order's payMethod (see readPayment), checks the order's
// keys its methods need (checkOrderKeys), the card it pays with against the
// payer, its WeChat or Alipay acct against the payer's (checkPayAcct), an enterprise payer's bank branch (checkEnterpriseBranch), its
// vspCusid against the payees (checkVspCusid), the gateway's gateid
// against §6.13 (checkGateID), and notes what
// the test environment would refuse of it.
func (a *app) payment(orderMethod string, p params, amount int64, payer *member, payees []string) (payment, *soa.Error) {
	pm, serr := readPayment(orderMethod, p["payMethod"], amount, a.before(RulesDec2026b))
	if serr != nil {
		return pm, serr
	}
	if serr := checkOrderKeys(pm, p); serr != nil {
		return pm, serr
	}
	if serr := a.checkPayerReady(orderMethod, payer); serr != nil {
		return pm, serr
	}
	if serr := a.checkCard(payer, pm); serr != nil {
		return pm, serr
	}
	if serr := a.checkPayAcct(payer, pm); serr != nil {
		return pm, serr
	}
	if serr := checkEnterpriseBranch(payer, pm); serr != nil {
		return pm, serr
	}
	if serr := a.checkVspCusid(pm, payees); serr != nil {
		return pm, serr
	}
	if serr := a.checkGateID(pm); serr != nil {
		return pm, serr
	}
	return pm, a.checkLimits(pm)
}

// checkOrderKeys checks the order's params that its payMethod requires:
// WeChat's own APP payment needs the goodsName (微信原生APP支付必传, spec
// §4.2.2, §4.2.4, §4.2.5; 10001).
func checkOrderKeys(pm payment, p params) *soa.Error {
	if pm.part("WECHATPAY_APP_OPEN") != nil && p.str("goodsName") == "" {
		return soa.Errorf("10001", "goodsName: WECHATPAY_APP_OPEN needs the order's goodsName (spec §4.2.2)")
	}
	return nil
}

// checkCard: a method that pays with a card needs one bound to the payer
// (30045), bound the way the method takes (checkBindMethod); a credit card
// pays an agreement payment with its validity and CVV2 (10001), and
// instalments take only credit cards (30040).
func (a *app) checkCard(m *member, pm payment) *soa.Error {
	ch := pm.channel()
	cardNo := pm.cardNo()
	if ch == nil || cardNo == "" {
		return nil
	}
	c, ok := m.cards[cardNo]
	if !ok {
		return soa.Errorf("30045", "%s pays with a card that is not bound to %s", ch.Key, m.bizUserID)
	}
	if serr := a.checkBindMethod(m, ch.Key, c); serr != nil {
		return serr
	}
	switch {
	case ch.Key == "InstallmentPayment_H5" && c.cardType != cardCredit:
		return soa.Errorf("30040", "InstallmentPayment_H5 pays with a credit card; card %s is a debit card", cardHint(cardNo))
	case ch.Key == "QUICKPAY_TLT" && c.cardType == cardCredit:
		for _, k := range []string{"validate", "cvv2"} {
			if asStr(ch.body[k]) == "" {
				return soa.Errorf("10001", "payMethod.QUICKPAY_TLT.%s (card %s is a credit card)", k, cardHint(cardNo))
			}
		}
	}
	return nil
}
