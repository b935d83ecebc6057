package soa

import (
	"slices"
	"sync"
)

// PayFlow is which way a pay method moves money (spec §5.2, 支付类型).
type PayFlow int

// The pay flows.
const (
	FlowIn       PayFlow = iota // 入金: from a card or a payment channel into the platform
	FlowInternal                // 账户内转账: from a balance (BALANCE, COUPON)
	FlowOut                     // 出金: from a balance out to a bank account
)

// Confirm is how an order paid with a method gets confirmed (spec §5.2, 支付方式说明).
type Confirm int

// The ways of confirming.
const (
	// ConfirmSMS: OrderService.pay with the SMS code (validateType 1), or the password page
	// (validateType 2).
	ConfirmSMS Confirm = iota
	// ConfirmPage: the payer completes the order on the front page frontTrans.do.
	ConfirmPage
	// ConfirmOutside: the payer pays in a wallet app, by scanning, at a POS or in a bank's app;
	// no confirmation call exists, the channel's result is notified.
	ConfirmOutside
	// ConfirmNow: the apply answers the channel's result at once (a scanned payment code).
	ConfirmNow
)

// What an order answer carries for a method besides the common fields (spec §4.2.2).
const (
	ReturnsPayInfo       = "payInfo"       // a QR string, a JS or mini-program payment string, an H5 link
	ReturnsWeChatAPPInfo = "weChatAPPInfo" // the WeChat APP payment parameters (spec §5.13)
	ReturnsPayCode       = "payCode"       // the 6-digit code a POS takes (ORDER_VSPPAY)
)

// The order methods that take a payMethod.
const (
	orderDeposit     = "depositApply"
	orderConsume     = "consumeApply"
	orderCollect     = "agentCollectApply"
	orderWithdraw    = "withdrawApply"
	orderCrossBorder = "crossBorderWithdrawApply"
)

// PayMethodSpec is one pay method of the specification's §5.2 table: its payMethod key, the
// shape of its body, and how an order paid with it goes on. Treat it as read-only.
type PayMethodSpec struct {
	Key  string // the payMethod key, e.g. "QUICKPAY_VSP"
	Name string // what the specification calls it
	Flow PayFlow
	// Combinable methods may be part of a combined payment of a consumption or a collection:
	// one inbound method plus BALANCE and COUPON (spec §4.2.1 三, §5.2 notes 2-4).
	Combinable bool
	// List marks a body that is a JSON array of items (BALANCE); others are objects.
	List bool
	// Fields are the keys of the body (of each item of a List), as the spec's table has them.
	Fields  []Param
	Confirm Confirm
	Returns string // one of the Returns* constants, or ""
	// Orders are the order methods that accept the method.
	Orders []string
}

// Accepts reports whether an order method (e.g. "depositApply") takes the method.
func (s *PayMethodSpec) Accepts(orderMethod string) bool {
	return slices.Contains(s.Orders, orderMethod)
}

// PayMethods returns the pay methods of spec §5.2, in its order. The slice is the caller's; the
// methods' Fields and Orders are built once and shared: treat them as read-only.
func PayMethods() []PayMethodSpec { return slices.Clone(payMethodTable()) }

// payMethodTable is spec §5.2's table, built once: five order methods of the catalogue take a
// payMethod, and the emulator reads the table on every order. Building it for each of them was
// two thirds of what building the catalogue, at every start of a server, cost.
var payMethodTable = sync.OnceValue(func() []PayMethodSpec {
	methods := cashierMethods()
	methods = append(methods, walletMethods()...)
	methods = append(methods, accountMethods()...)
	return append(methods, bankMethods()...)
})

// LookupPayMethod finds a pay method by its payMethod key (case matters, as on the platform).
func LookupPayMethod(key string) (PayMethodSpec, bool) {
	for _, m := range payMethodTable() {
		if m.Key == key {
			return m, true
		}
	}
	return PayMethodSpec{}, false
}

// inbound, internal and outbound are the order methods of each flow: deposits, consumptions
// and collections bring money in; only consumptions and collections spend a balance or a
// coupon; withdrawals take it out (the cross-border one through four of the channels).
func inbound() []string  { return []string{orderDeposit, orderConsume, orderCollect} }
func internal() []string { return []string{orderConsume, orderCollect} }
func outbound(crossBorder bool) []string {
	if crossBorder {
		return []string{orderWithdraw, orderCrossBorder}
	}
	return []string{orderWithdraw}
}

// in is an inbound method's row.
func in(key, name string, combinable bool, confirm Confirm, returns string, fields ...Param) PayMethodSpec {
	return PayMethodSpec{Key: key, Name: name, Flow: FlowIn, Combinable: combinable, Fields: fields,
		Confirm: confirm, Returns: returns, Orders: inbound()}
}

// out is an outbound method's row: confirmed by SMS or password, or at once (validateType 0).
func out(key, name string, crossBorder bool, fields ...Param) PayMethodSpec {
	return PayMethodSpec{Key: key, Name: name, Flow: FlowOut, Fields: fields, Confirm: ConfirmSMS,
		Orders: outbound(crossBorder)}
}

// Body fields several methods share.
func payAmount() Param { return integer("amount").req() }
func cardNo() Param    { return str("bankCardNo").req().enc().doc("a card bound to the payer") }
func vspCusid() Param  { return str("vspCusid").req().doc("收银宝 sub-merchant number") }
func limitPay() Param {
	return str("limitPay").req().emptyOK().oneOf(`no_credit: no credit card; "" (must be sent): any card`, "no_credit")
}
func wxOpen() []Param { return params(str("wxAppId").req(), str("wxMchtId").req()) }
func promo() []Param  { return params(benefitDetail(), str("chnlstoreid"), str("subbranch")) }

// benefitDetail is the WeChat or Alipay discount data of §5.18/§5.19: the type column of §5.2
// says JSONObject, its text "benefitdetail 的 json 字符串,注意是 String" (lines 10132-10135).
// Either is taken, as fastjson's getString gives an object's JSON text; its content is not
// checked (the channel's, the spec does not say what the test environment does with it).
func benefitDetail() Param {
	return anything("benefitdetail").doc("a JSON text, or the JSON object itself (§5.2's type column: JSONObject)")
}
func wxPromo() []Param {
	return append(params(str("goods_tag")), promo()...)
}
func branch() []Param {
	return params(str("unionBank").doc("12 digits"), str("bankName"), str("province"), str("city"))
}

// cashierMethods are the 收银宝 and card methods: gateway, real-name pay, quick pay.
func cashierMethods() []PayMethodSpec {
	// The group gateway's table opens with its sub-merchant (spec line 10024); the single
	// merchant's has none. paytype is required, but by the emulator (gatewayType): it takes the
	// payType of §5.2's example too.
	gateway := func(key, name string, lead ...Param) PayMethodSpec {
		fields := append(lead, payAmount(), str("gateid"),
			// §6.14 spells both "B2C, B2B" (line 14277), §5.2 "B2C,B2B": either is taken.
			str("paytype").oneOf("B2C, B2B or \"B2C,B2B\" (payType is read too)", "B2C", "B2B", "B2C,B2B", "B2C, B2B"),
			str("limitPay").oneOf("no_credit or to_credit", "no_credit", "to_credit"))
		return in(key, name, true, ConfirmPage, "", fields...)
	}
	return []PayMethodSpec{
		gateway("GATEWAY_VSP", "收银宝网关支付"),
		gateway("GATEWAY_VSP_ORG", "收银宝网关支付_集团", vspCusid()),
		in("REALNAMEPAY", "实名付（单笔）", true, ConfirmSMS, "", cardNo(), payAmount()),
		in("REALNAMEPAY_BATCH", "实名付（批量）", true, ConfirmSMS, "", cardNo(), payAmount()),
		in("QUICKPAY_TLT", "通联通协议支付", true, ConfirmSMS, "", cardNo(),
			str("validate").enc().doc("credit card: MMYY"), str("cvv2").enc().doc("credit card"), payAmount()),
		in("QUICKPAY_VSP", "收银宝快捷支付", false, ConfirmSMS, "", cardNo(), payAmount()),
	}
}

// walletMethods are WeChat, Alipay, UnionPay QR, QQ wallet and POS methods: the payer pays
// outside, none combines.
func walletMethods() []PayMethodSpec {
	outside := func(key, name, returns string, fields ...Param) PayMethodSpec {
		return in(key, name, false, ConfirmOutside, returns, fields...)
	}
	miniProgram := append(params(limitPay(), str("subAppid"), payAmount(), str("acct").req()), wxPromo()...)
	jsPay := append(params(limitPay(), str("subAppid"), str("acct").req(), payAmount()), wxPromo()...)
	codePay := append(params(payAmount(), str("authcode").req(), limitPay()), wxPromo()...)
	return []PayMethodSpec{
		outside("WECHATPAY_MINIPROGRAM", "微信小程序支付（收银宝）", ReturnsPayInfo, miniProgram...),
		outside("WECHATPAY_MINIPROGRAM_ORG", "微信小程序支付_集团（收银宝）", ReturnsPayInfo, append(params(vspCusid()), miniProgram...)...),
		outside("WECHATPAY_MINIPROGRAM_OPEN", "微信原生小程序支付", ReturnsPayInfo, append(wxOpen(), limitPay(), payAmount(),
			str("acct").req(), str("cusip").req(), str("receipt"))...),
		outside("WECHATPAY_APP_OPEN", "微信原生APP支付", ReturnsWeChatAPPInfo, str("subAppId").req(), payAmount(), limitPay()),
		outside("WECHATPAY_H5_OPEN", "微信原生H5支付", ReturnsPayInfo, str("subAppId").req(), payAmount(), limitPay(),
			str("acct"), str("cusip").req(), str("sceneInfo").req()),
		in("CODEPAY_VSP", "收银宝刷卡支付（被扫）", false, ConfirmNow, "", codePay...),
		in("CODEPAY_VSP_ORG", "收银宝刷卡支付（被扫）_集团", false, ConfirmNow, "", append(params(vspCusid()), codePay...)...),
		outside("SCAN_WEIXIN", "微信扫码支付（正扫）", ReturnsPayInfo, payAmount(), limitPay()),
		outside("SCAN_WEIXIN_ORG", "微信扫码支付（正扫）_集团", ReturnsPayInfo, vspCusid(), payAmount(), limitPay()),
		outside("WECHATPAY_SCAN_OPEN", "微信原生正扫支付", ReturnsPayInfo, append(wxOpen(), payAmount(), limitPay(),
			str("cusip").req(), str("acct"), str("sceneInfo"), str("receipt"))...),
		outside("SCAN_ALIPAY", "支付宝扫码支付（正扫）", ReturnsPayInfo, append(params(payAmount(), limitPay()), promo()...)...),
		outside("SCAN_ALIPAY_ORG", "支付宝扫码支付（正扫）_集团", ReturnsPayInfo,
			append(params(vspCusid(), payAmount(), limitPay()), promo()...)...),
		outside("SCAN_UNIONPAY", "银联扫码支付（正扫）", ReturnsPayInfo, payAmount(), limitPay()),
		outside("SCAN_UNIONPAY_ORG", "银联扫码支付（正扫）_集团", ReturnsPayInfo, vspCusid(), payAmount(), limitPay()),
		outside("WECHAT_PUBLIC", "微信JS支付（公众号）", ReturnsPayInfo, jsPay...),
		outside("WECHAT_PUBLIC_ORG", "微信JS支付（公众号）_集团", ReturnsPayInfo, append(params(vspCusid()), jsPay...)...),
		outside("WECHATPAY_PUBLIC_OPEN", "微信原生JS支付", ReturnsPayInfo, append(wxOpen(), payAmount(), limitPay(),
			str("cusip").req(), str("acct").req(), str("receipt"))...),
		outside("ALIPAY_SERVICE", "支付宝JS支付（生活号）", ReturnsPayInfo, append(params(str("acct").req(), payAmount()), promo()...)...),
		outside("ALIPAY_SERVICE_ORG", "支付宝JS支付_集团", ReturnsPayInfo,
			append(params(vspCusid(), payAmount(), str("acct").req()), promo()...)...),
		outside("QQ_WALLET", "QQ钱包JS支付", ReturnsPayInfo, payAmount()),
		outside("QQ_WALLET_ORG", "QQ钱包JS支付_集团", ReturnsPayInfo, vspCusid(), payAmount()),
	}
}

// accountMethods pay from balances: the payer's (BALANCE) and the platform's marketing money
// (COUPON).
func accountMethods() []PayMethodSpec {
	return []PayMethodSpec{
		{Key: "BALANCE", Name: "账户余额", Flow: FlowInternal, Combinable: true, List: true,
			Fields: params(str("accountSetNo").req(), payAmount()), Confirm: ConfirmSMS, Orders: internal()},
		{Key: "COUPON", Name: "代金券", Flow: FlowInternal, Combinable: true,
			Fields:  params(payAmount(), str("accountSetNo").doc("the platform's marketing (2000000) or deposit (100002) set")),
			Confirm: ConfirmSMS, Orders: internal()},
	}
}

// bankMethods are the withdrawal channels and the other bank methods, in the spec's order.
func bankMethods() []PayMethodSpec {
	htbank := params(str("PAYEE_ACCT_NO").req(), str("PAYEE_ACCT_NAME").req(), str("AMOUNT").req())
	return []PayMethodSpec{
		out("WITHDRAW_TLT", "通联通代付", true, append(params(str("payTypeName").req().oneOf("always withdraw_tlt", "withdraw_tlt")),
			branch()...)...),
		in("ORDER_VSPPAY", "收银宝POS当面付及订单模式支付", false, ConfirmOutside, ReturnsPayCode,
			str("vspCusid").doc("group mode only"), payAmount()),
		in("ALIPAY_APP_OPEN", "支付宝原生APP支付", false, ConfirmOutside, ReturnsPayInfo, payAmount(),
			str("enablePayChannels"), str("paysummary")),
		in("WITHHOLD_SD", "山东代收", true, ConfirmSMS, "", cardNo(), str("province"), str("city"), payAmount(),
			str("paysummary")),
		out("WITHDRAW_SD", "山东代付", true, payAmount(), str("unionBank").req(), str("bankName").req(), str("province"),
			str("city"), str("paysummary")),
		in("InstallmentPayment_H5", "小通分期", false, ConfirmPage, "",
			integer("nper").req().oneOf("3, 6, 12 or 24 instalments", "3", "6", "12", "24"),
			integer("channel").req().oneOf("0 PC, 1 wap", "0", "1"), payAmount(),
			str("bankCardNo").req().enc().doc("a credit card bound to the payer")),
		out("WITHDRAW_JFB", "金服宝代付", true, append(params(payAmount()), branch()...)...),
		in("ALLINPAY_WALLET_H5", "通联钱包H5支付", true, ConfirmPage, "", payAmount()),
		out("WITHDRAW_HTBANK", "华通代付", true, append(append(params(str("subAcctNo").req(), str("payRouteCode")), branch()...),
			append(htbank, str("SUMMARY"), str("SIGNED_MSG_MER").req())...)...),
		out("TRANSFER_HTBANK", "华通头寸调拨", false, append(params(str("unionBank").req(), str("bankName").req(),
			str("province").req(), str("city").req()), append(htbank, str("SUMMARY").req(), str("SIGNED_MSG_MER").req())...)...),
		in("MOBILEAPPPAY_VSP", "收银宝手机银行APP支付", false, ConfirmOutside, "", payAmount()),
	}
}

// payMethodParams are the keys of the payMethod object: every method of spec §5.2 with its
// body. Another key is let through (the emulator answers 40009 naming it); a Wildcard for its
// bankCardNo would walk the named keys too and encrypt their card numbers twice. Built once, as
// the table is, and shared by the order methods that take a payMethod.
var payMethodParams = sync.OnceValue(func() []Param {
	var out []Param
	for _, m := range payMethodTable() {
		p := object(m.Key, m.Fields...)
		if m.List {
			p = array(m.Key, m.Fields...)
		}
		out = append(out, p.doc(m.Name))
	}
	return out
})
