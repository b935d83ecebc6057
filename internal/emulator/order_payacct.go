package emulator

import "github.com/tsymock/tsymock/internal/soa"

// payAcctType is the acctType under which spec §4.1.23 note 3 ties a pay
// method's acct (the payer's openid or Alipay user id) to the accounts the
// member bound with applyBindAcct; "" for the other methods. A switch, not
// a map made for every payment.
func payAcctType(key string) string {
	switch key {
	case "WECHAT_PUBLIC", "WECHAT_PUBLIC_ORG", "WECHATPAY_PUBLIC_OPEN":
		return "weChatPublic"
	case "WECHATPAY_MINIPROGRAM", "WECHATPAY_MINIPROGRAM_ORG", "WECHATPAY_MINIPROGRAM_OPEN":
		return "weChatMiniProgram"
	case "ALIPAY_SERVICE", "ALIPAY_SERVICE_ORG":
		return "aliPayService"
	}
	return ""
}

// checkPayAcct notes a WeChat JS, mini-program or Alipay life payment
// whose acct the payer has not bound with applyBindAcct under its type
// (spec §4.1.23 note 3: 支付方式中的 acct 需与会员绑定的 acct 一致): rule
// pay-acct, 10000 with --strict (tsymock's choice of code; the
// specification names none). The note is about the members of §4.1.23
// note (1), those who pay by the accts they bound: a member that bound
// none (a phone-bound member, the usual case) pays with any openid or
// user_id. A legacy op (before RulesDec2026b) noted those too.
func (a *app) checkPayAcct(m *member, pm payment) *soa.Error {
	if len(m.payAccts) == 0 && !a.before(RulesDec2026b) {
		return nil
	}
	for _, part := range pm.parts {
		kind := payAcctType(part.Key)
		if kind == "" || part.body == nil {
			continue
		}
		acct := asStr(part.body["acct"])
		if acct != "" && !m.hasPayAcct(kind, acct) {
			return a.lenient(RulePayAcct, "10000", "%s acct %q is not bound to bizUserId %q: spec §4.1.23 note 3 pays "+
				"with an acct the member bound with applyBindAcct (acctType %s)", part.Key, acct, m.bizUserID, kind)
		}
	}
	return nil
}
