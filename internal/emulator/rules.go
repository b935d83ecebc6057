package emulator

// The rules under which a Portability note is recorded: stable names, for
// filters, the coverage report and docs/methods.md ("Test environment").
const (
	// ruleTestCard: a card number the test environment does not take (not 19
	// digits starting 622848 or 622849, §4.1.9, §4.1.10 note 1).
	ruleTestCard = "test-card-prefix"
	// ruleTestIdentity: an ID card number whose GB 11643 check digit is wrong,
	// or (since RulesDec2026e) whose birth date is no calendar day, and that
	// is not one of the named test identities of §6.18.
	ruleTestIdentity = "test-identity"
	// ruleIdentityType: a certificate other than the ID card (identityType
	// 1), the only one the specification supports (§4.1.5, §4.1.10, the
	// payment-password pages §4.1.17-§4.1.20: IdentityTypeNote).
	ruleIdentityType = "identity-type"
	// rulePhonePrefix: a bank-reserved phone with a prefix the test
	// environment keeps for special uses (§4.1.10 note 2).
	rulePhonePrefix = "test-phone-prefix"
	// ruleTestData: a cardCheck 3, 5 or 8 binding with other data than the
	// test data §6.18 names for it.
	ruleTestData = "test-card-data"
	// RuleURLFragment: a backUrl, frontUrl or jumpUrl holding "#" (§3.3),
	// on a call or a page (the pages note it themselves: AddressNote).
	RuleURLFragment = "url-fragment"
	// RuleURLReturnKey: a backUrl, frontUrl or jumpUrl whose query already
	// has a key the platform adds to what it sends there (soa.ReturnKeys),
	// on a call or a page (ReturnKeyNote).
	RuleURLReturnKey = "url-return-key"
	// RuleURLFormat: a call's backUrl, frontUrl or jumpUrl that is no
	// absolute http(s) URL (§7 40029 URL格式错误), which the pages refuse.
	RuleURLFormat = "url-format"
	// ruleSMSCode: a cardCheck 3 or 6 binding confirmed with tsymock's
	// configured code rather than the test environment's 11111 or 111111, or a
	// real-name payment (REALNAMEPAY) with it rather than 111111 (§6.18,
	// §5.2).
	ruleSMSCode = "test-sms-code"
	// ruleRequired: a param the specification's request table requires in a
	// case (its 取值 or 必填 cell names it), which tsymock lets pass because
	// PROTOCOL.md or its users leave it out. Params required in every case
	// are the catalogue's (10001), not a note.
	ruleRequired = "required-param"
	// rulePrerequisite: a call before the member is ready for it, as the
	// specification's notes require (§4.1.3 note 3, §4.1.27).
	rulePrerequisite = "member-prerequisite"
	// ruleParamFormat: a card's validate or cvv2, a unionBank, an
	// extendInfo, a cross-border withdrawal's summary, a member's phone, or
	// companyBasicInfo's companyName, expLicense or legalPhone, outside the
	// format the specification's 取值 or 说明 column gives it.
	ruleParamFormat = "param-format"
	// ruleSubAcctSet: createBankSubAcctNo of a member in one of the
	// platform's sets (100001, 2000000, 100006), which spec §4.1.27 has the
	// platform open with #yunBizUserId_B2C#.
	ruleSubAcctSet = "sub-account-set"
	// RuleBizUserIDChinese: a new member's bizUserId with Chinese
	// characters, which spec §4.1.1 rules out.
	RuleBizUserIDChinese = "bizuserid-chinese"
	// RuleMemberType: applyBindAcct of an enterprise, a method spec §4.1.23
	// note (1) makes for persons.
	RuleMemberType = "member-type"
	// RuleUnbindMethod: unbindBankCard of a card bound by cardCheck 1, a
	// binding spec §4.1.14 note 2 does not list among those it unbinds.
	RuleUnbindMethod = "card-unbind-method"
	// RuleBankName: setCompanyInfo's parentBankName outside the bank names
	// of spec §6.21, which §5.4 has sent exactly as listed.
	RuleBankName = "bank-name"
)

// PortabilityRule documents one rule of Portability notes.
type PortabilityRule struct {
	Rule string `json:"rule"`
	Code string `json:"code"` // what the real test environment answers
	Doc  string `json:"doc"`
}

// PortabilityRules lists every rule the emulator notes, in a stable order.
func PortabilityRules() []PortabilityRule {
	return []PortabilityRule{
		{ruleTestCard, "30049", "a card number other than 19 digits starting 622848 or 622849 (spec §4.1.9, §4.1.10 note 1); spec §5.2's 小通分期 test cards are not noted"},
		{ruleTestIdentity, "30012", "an ID card number with a wrong check digit or a birth date that is no calendar day, and that is not a test identity of spec §6.18 (whose own numbers have such dates)"},
		{ruleIdentityType, "20012", "identityType other than 1 (身份证), the only one the spec supports (setRealName §4.1.5, applyBindBankCard §4.1.10, and the payment-password pages setPayPwd, updatePayPwd, resetPayPwd and updatePhoneByPayPwd when opened, §4.1.17-§4.1.20)"},
		{rulePhonePrefix, "30014", "a bank-reserved phone starting 151, 152, 153, 181, 182, 183 or 188 (spec §4.1.10 note 2)"},
		{ruleTestData, "30014", "cardCheck 3, 5 or 8 with other data than the test data spec §6.18 names"},
		{ruleSMSCode, "20011", "cardCheck 3 confirmed with the configured code instead of 11111 (§6.18) or 111111 (§5.2 实名付 note 5), cardCheck 6 with one other than 111111 (spec §6.18), or a REALNAMEPAY or REALNAMEPAY_BATCH pay with one other than 111111 (§5.2 实名付 note 5)"},
		{ruleRequired, "10001", "a param the spec requires in a case that tsymock lets pass (applyBindBankCard phone but for cardCheck 1, the tranceNum of cardCheck 6 and 7, frontUrl of a front-page payment, the certificates of companyBasicInfo's authType and province with city, refundList of a partial refund of a collection, a credit card's validate and cvv2 in bankCardChangeBindPhone and verifyBankCardChangeBindPhone, the accountSetNo of a split to the platform, spec §5.3, goodsType and bizGoodsNo of a consumption or collection of cross-border goods, spec §4.2.1 四, the summary of a cross-border withdrawal, spec §4.2.23: 需上送易通汇平台汇款申请单)"},
		{rulePrerequisite, "30008, 30021, 30030, 30046 or 30050", "bindPhone of an enterprise not yet approved (30030 before any setCompanyInfo, 30050 after it), createBankSubAcctNo before the member is ready, withdrawApply and crossBorderWithdrawApply (§4.2.23 note 3) before the member is real-named (approved), its phone bound or the e-contract signed, a receiver not real-named or approved, an order of a payer without a bound phone (or a person's payment account) or of an enterprise not approved (spec §4.1.3, §4.1.27, §4.2.3, §4.2.23, §4.2.4, §4.2.1 三 note, §4.1.24, §4.1.6 note 1)"},
		{ruleParamFormat, "10000, 40037 or 40044", "a card's validate not MMYY or cvv2 not 3 digits (applyBindBankCard, bindBankCard, bankCardChangeBindPhone, verifyBankCardChangeBindPhone: spec §4.1.10, §4.1.11, §4.1.25, §4.1.26; 10000), a unionBank not 12 digits (applyBindBankCard, setCompanyInfo, the WITHDRAW_TLT, WITHDRAW_JFB and WITHDRAW_HTBANK bodies: spec §4.1.10, §5.4, §5.2; 40037 支付行号格式错误), an order's or applicationTransfer's extendInfo holding \"|\" (spec §4.2.2-§4.2.7, §4.2.16, §4.2.17, §4.2.23; 10000), a crossBorderWithdrawApply summary that is not FEE and the 易通汇 remittance request number in ASCII letters and digits (spec §4.2.23: FEE+跨境平台汇款申请单号，如 FEE101961; 10000), a member's phone to bind that is not an 11-digit mobile number (sendVerificationCode, bindPhone: spec §4.1.2 note 3 sends it an SMS, §6.18 手机号：11 位; 10000, the code is tsymock's choice), setCompanyInfo's companyBasicInfo with a companyName holding ASCII brackets (spec §5.4: 如有括号，用中文格式（）; 10000, tsymock's choice), an expLicense not a day written yyyy-MM-dd (§5.4; 40044 日期格式有误) or a legalPhone not an 11-digit mobile number (§5.4, §6.18; 10000, tsymock's choice)"},
		{ruleSubAcctSet, "30018", "createBankSubAcctNo of a member in the platform's 100001, 2000000 or 100006, which spec §4.1.27 opens with #yunBizUserId_B2C# (a member's is an escrow set)"},
		{RuleBankName, "10000", "setCompanyInfo with a companyBasicInfo.parentBankName not written as one of spec §6.21's bank names (§5.4: 需严格按照银行列表上送; the code is tsymock's choice: §7 has none for a bank's name)"},
		{RuleBizUserIDChinese, "10000", "createMember with Chinese characters in bizUserId (spec §4.1.1: 不能输入中文)"},
		{RuleTestAmount, "40006", "ALIPAY_APP_OPEN or WECHATPAY_APP_OPEN of an amount that is not a test amount (spec §5.2; --strict fails a WECHATPAY_APP_OPEN order at once rather than its apply)"},
		{RuleTestAmountLimit, "40046", "QUICKPAY_TLT above the test environment's 10,000.00 yuan (spec §5.2)"},
		{RuleInstalmentAmount, "40020", "InstallmentPayment_H5 outside 600 to 50,000 yuan (spec §5.2: 小通分期金额范围：600~50000 元; the code is tsymock's choice, 订单金额错误)"},
		{RuleTransferSet, "30018", "applicationTransfer from the escrow set, 100003, 100004 or 100005, or to another set than the escrow set (spec §4.2.17 notes 1 to 3)"},
		{RuleMemberSet, "30018", "a member's deposit, withdrawal, BALANCE payment, payout, freeze or split share in one of the platform's standard sets (100001-100006, 2000000), not the escrow set (spec §4.2.2, §4.2.3, §5.3, §6.17)"},
		{RuleRefundList, "10000", "refund of a consumption with refundList, which spec §4.2.16 leaves out for consumptions (refundList (1); their receiver bears the splits, note 8; the code is tsymock's choice)"},
		{RulePayAcct, "10000", "WECHAT_PUBLIC, WECHATPAY_MINIPROGRAM, ALIPAY_SERVICE (and their _ORG and _OPEN kin) with an acct the payer, having bound some with applyBindAcct, did not bind (spec §4.1.23 note 3; the code is tsymock's choice)"},
		{RuleWithdrawType, "40042", "withdrawApply or crossBorderWithdrawApply with a withdrawType other than D0, D1, T1customized and D0customized (spec §4.2.3 note 6), e.g. the older T1"},
		{RuleEnterpriseValidation, "40028", "withdrawApply or crossBorderWithdrawApply of an enterprise with validateType 2 (payment password): spec §4.2.3 has enterprises confirm by SMS code (企业用户请使用【后台+短信验证码验证】方式; §4.2.23 note 3), and an enterprise has no payment password (§4.1.17 note 1)"},
		{RuleCouponSet, "30018", "COUPON from a set other than the marketing (2000000) or deposit (100002) set (spec §5.2)"},
		{RuleDailyOrders, "40045", "a member's eleventh deposit, consumption or collection as payer in a day (spec §4.2.1)"},
		{RuleOrderExpiry, "20015", "orderExpireDatetime more than 24 hours after the order is made (spec §4.2.2, §4.2.3, §4.2.4, §4.2.5, §4.2.23: the note cites the called method's table)"},
		{RuleChannelExpiry, "20015", "orderExpireDatetime more than 60 minutes after the order for a method paid without confirmation (SCAN_WEIXIN, SCAN_ALIPAY, SCAN_UNIONPAY, WECHAT_PUBLIC, WECHATPAY_MINIPROGRAM, their _ORG kin, WECHATPAY_APP_OPEN: spec §4.2.2, §4.2.4, §4.2.5 无需确认支付情况…最大不超过 60 分钟), or less than 1 minute for ALLINPAY_WALLET_H5 (§5.2 note (5)); the spec names no code, 20015 is its code for an expiry set wrong"},
		{RuleURLFragment, "10000", "a backUrl, frontUrl or jumpUrl holding \"#\" (spec §3.3: 所有地址参数不要包含“#”; the code is tsymock's choice)"},
		{RuleURLReturnKey, "10000", "a backUrl, frontUrl or jumpUrl whose query already has sysid, rps, timestamp, v or sign, the keys the platform adds to a page's return or a notification and signs (spec §3.4): a merchant that reads a key's first value (Java's getParameter) reads its own, not the platform's; tsymock's page return leaves the address's own out (the code is tsymock's choice)"},
		{RuleURLFormat, "40029", "a call's backUrl, frontUrl or jumpUrl (a batchAgentPay item's backUrl too) that is no absolute http or https URL, e.g. notaurl, ftp://host/x, www.shop.com/return: the order methods, refund, signalAgentPay, batchAgentPay, withdrawApply, crossBorderWithdrawApply (spec §4.2.2-§4.2.7, §4.2.16, §4.2.23, §5.11) and setCompanyInfo (§4.1.6); §7 40029 URL格式错误, which tsymock's pages answer when one opens with such an address (where the real platform checks it at the call is not documented; tsymock cannot deliver a notification there)"},
		{RuleConsumerIP, "10000", "pay, or its pages frontTrans.do and payOrder.html, with a consumerIp that cannot be the payer's public address: the loopback in any spelling, the unspecified, a multicast or broadcast address, or no IP address at all (spec §4.2.8-§4.2.10: 用户公网 IP; 不能使用“127.0.0.1”“localhost”); not a private or link-local one, which Allinpay's own test-environment demo sends"},
		{RuleSplitMembers, "10000", "a split rule (consumeApply splitRule, a payout's splitRuleList) of more than 10 items at all its levels naming no more than 10 members, the platform aside: spec §5.3 and §4.2.4 cap the members (分账总会员数<=10) and do not say whether items count (the code is tsymock's choice)"},
		{RuleCheckFileNotMade, "9000", "getCheckAccountFile of a day before 08:00 China time the next day, when the platform makes its files (spec §4.3.2; the code is tsymock's choice)"},
		{RuleStatementRange, "40044", "queryInExpDetail of more than 3 months (spec §4.2.20: 最多允许查 3 个月内; the code is tsymock's choice, the one of the spec's date rules)"},
		{RuleMemberType, "30006", "applyBindAcct of an enterprise: spec §4.1.23 note (1) makes it for persons who cannot bind a phone (适用个人会员注册后，无法绑定手机号的业务场景; the code, 用户类型不正确, is tsymock's choice)"},
		{RuleUnbindMethod, "30015", "unbindBankCard of a card bound by cardCheck 1 (三要素), which spec §4.1.14 note 2 does not list among the bindings it unbinds (四要素+短信, 实名付, 账户实名验证(四要素), 通联通快捷, 收银宝快捷, 万鉴通四要素)"},
		{RuleGateID, "20014", "GATEWAY_VSP or GATEWAY_VSP_ORG with a gateid outside spec §6.13's list for its paytype (B2C or B2B): unknown, or a code of the other list; §6.13 lets 收银宝's online list prevail (20014 银行代码错误)"},
		{RuleVspCusidUnbound, "20009", "a payMethod's vspCusid (the _ORG methods, ORDER_VSPPAY) when the order's payees bound no 收银宝 sub-merchant with vspTermidService (spec §4.1.21 note 2.2, revision 2.0.7; 20009 as for one they did not bind)"},
		{RuleHTBankAmount, "40005", "WITHDRAW_HTBANK with an AMOUNT other than the order's amount in fen (spec §5.2 says 金额 only; TRANSFER_HTBANK's is the transfer's in fen; the code is tsymock's choice, 订单金额和支付金额不一致)"},
		{RuleCardBindMethod, "30039", "REALNAMEPAY or REALNAMEPAY_BATCH with a card bound by cardCheck 5 or 8: the notes of spec §5.2 take cardCheck 3 only"},
	}
}

// PortabilityRuleOf returns the documentation of one rule.
func PortabilityRuleOf(rule string) (PortabilityRule, bool) {
	for _, r := range PortabilityRules() {
		if r.Rule == rule {
			return r, true
		}
	}
	return PortabilityRule{}, false
}
