package emulator

import (
	"slices"

	"github.com/tsymock/tsymock/internal/soa"
)

// bindRule is what a card method of spec §5.2 asks of how its card was
// bound (the cardCheck of spec §6.18 the card keeps as its bindMethod).
type bindRule struct {
	takes []int64 // a card bound by one of these pays
	noted []int64 // these pay with a card-bind-method note
	code  string  // the answer to a card bound any other way
	wants string  // what the method takes, for the message
}

// bindRuleOf is the rule of a card method, false for a method that takes
// any bound card. Spec §5.2: real-name pay takes cards bound by 通联通实名付
// (3) (its request table also names the four-element checks); agreement
// pay (QUICKPAY_TLT) cards bound by account verification with four
// elements (5) or its agreement signing (6); 收银宝 quick pay (QUICKPAY_VSP)
// only its own signing (7); 山东代收 (WITHHOLD_SD) a person's card bound by
// real-name pay or four elements (3, 5, 8), an enterprise's any.
// InstallmentPayment_H5 takes credit cards, which only 6, 7 and 8 bind
// (checkCard's 30040).
func bindRuleOf(key string, personal bool) (bindRule, bool) {
	switch {
	case key == "REALNAMEPAY" || key == "REALNAMEPAY_BATCH":
		return bindRule{takes: []int64{checkRealNamePay}, noted: []int64{checkAccountFour, checkWanJianTong},
			code: "30039", wants: "cardCheck 3 (通联通实名付)"}, true
	case key == "QUICKPAY_TLT":
		return bindRule{takes: []int64{checkAccountFour, checkAgreement}, code: "30034",
			wants: "cardCheck 5 (通联通账户实名验证四要素) or 6 (通联通协议支付签约)"}, true
	case key == "QUICKPAY_VSP":
		return bindRule{takes: []int64{checkVspQuick}, code: "30034", wants: "cardCheck 7 (收银宝快捷支付签约)"}, true
	case key == "WITHHOLD_SD" && personal:
		return bindRule{takes: []int64{checkRealNamePay, checkAccountFour, checkWanJianTong}, code: "30039",
			wants: "for a personal member cardCheck 3 (通联通实名付), 5 or 8 (four elements)"}, true
	}
	return bindRule{}, false
}

// checkBindMethod: the card a method pays with must have been bound the way
// the method takes (spec §5.2, §6.18); 30034 银行卡未完成签约认证 for the
// agreement methods, 30039 银行卡未完成实名付验证 for real-name pay and
// 山东代收. A card whose binding is not known (a state kept before tsymock
// recorded it) passes.
func (a *app) checkBindMethod(m *member, key string, c *bankCard) *soa.Error {
	r, ok := bindRuleOf(key, m.memberType != memberEnterprise)
	if !ok || c.bindMethod == 0 || slices.Contains(r.takes, c.bindMethod) {
		return nil
	}
	if slices.Contains(r.noted, c.bindMethod) {
		return a.lenient(RuleCardBindMethod, r.code, "%s: the notes of spec §5.2 take only cards bound by cardCheck 3, "+
			"its request table also four-element bindings; card %s was bound with cardCheck %d",
			key, cardHint(c.cardNo), c.bindMethod)
	}
	return soa.Errorf(r.code, "%s pays with a card bound by %s; card %s was bound with cardCheck %d (spec §5.2, §6.18)",
		key, r.wants, cardHint(c.cardNo), c.bindMethod)
}
