package emulator

import "github.com/tsymock/tsymock/internal/soa"

// payAcctTypes are the pay methods whose acct (the payer's openid or
// Alipay user id) spec §4.1.23 note 3 ties to the accounts the member
// bound with applyBindAcct, by the acctType it bound them under.
func payAcctTypes() map[string]string {
	return map[string]string{
		"WECHAT_PUBLIC": "weChatPublic", "WECHAT_PUBLIC_ORG": "weChatPublic", "WECHATPAY_PUBLIC_OPEN": "weChatPublic",
		"WECHATPAY_MINIPROGRAM": "weChatMiniProgram", "WECHATPAY_MINIPROGRAM_ORG": "weChatMiniProgram",
		"WECHATPAY_MINIPROGRAM_OPEN": "weChatMiniProgram",
		"ALIPAY_SERVICE":             "aliPayService", "ALIPAY_SERVICE_ORG": "aliPayService",
	}
}

// checkPayAcct notes a WeChat JS, mini-program or Alipay life payment
// whose acct the payer has not bound with applyBindAcct under its type
// (spec §4.1.23 note 3: 支付方式中的 acct 需与会员绑定的 acct 一致): rule
// pay-acct, 10000 with --strict (tsymock's choice of code; the
// specification names none).
func (a *app) checkPayAcct(m *member, pm payment) *soa.Error {
	for _, part := range pm.parts {
		kind, ok := payAcctTypes()[part.Key]
		if !ok || part.body == nil {
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
