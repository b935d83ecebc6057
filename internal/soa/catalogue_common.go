package soa

// Params and answers that several methods share. Where PROTOCOL.md is silent the comment says
// "tsymock's choice".

// identityTypes are the accepted certificate types: spec §6.2's table, 1..11 and 99 其它证件.
// The methods that support only the ID card (1) note the others (identity-type, 20012 with
// --strict) rather than refuse them here, so that 99 is treated as 2..11 are.
func identityTypes() []string {
	return []string{"1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "99"}
}

// identityType is the required certificate type. A number outside §6.2 is
// 20012 不支持的证件类型, chapter 7's code for it, as a type of the table the
// method does not support is with --strict; a type that is no number stays
// 10000.
func identityType() Param {
	p := integer("identityType").req().oneOf("1 ID card (身份证); 2..11 and 99 (其它证件) other certificates (spec §6.2)", identityTypes()...)
	p.EnumCode = "20012"
	return p
}

// bizUserID is the merchant's required member id.
func bizUserID() Param { return str("bizUserId").req() }

// methodDate is a date param whose format the method checks, not the catalogue: PROTOCOL.md §8
// has 40044 日期格式有误 for it, which the catalogue's 10000 would make unreachable. format is
// documentation only.
func methodDate(name, format string) Param {
	return str(name).doc(format + ", checked by the method (40044)")
}

// source is the request source, 1 mobile or 2 PC.
//
// A number outside them is 20013 不支持的请求来源（如手机、PC）, the one code of
// chapter 7 for it: the platform's own 2016 code refuses such a source with
// this code's predecessor (50004, renumbered 20013 like the whole 5xxxx
// block), where a wrong type is still 10000.
func source() Param {
	p := integer("source").oneOf("1 mobile, 2 PC", "1", "2")
	p.EnumCode = "20013"
	return p
}

// validateType is how an order is confirmed: 0 none, 1 SMS code (then pay), 2 payment password.
func validateType() Param {
	return integer("validateType").oneOf("0 none, 1 SMS code, 2 payment password", "0", "1", "2")
}

// withdrawType is when a withdrawal reaches the card (spec §4.2.3 note 6, §4.2.23). Its values
// are the emulator's to hold (a portability note: PROTOCOL.md and §7's 40035 name an older T0/T1).
func withdrawType() Param {
	return str("withdrawType").doc("D0 (default), D1, T1customized or D0customized (spec §4.2.3 note 6)")
}

// bankCardPro says what a withdrawal's bankCardNo is: 0 a personal card (the default), 1 a
// company's corporate account (spec §4.2.3, §4.2.23).
func bankCardPro() Param {
	return integer("bankCardPro").oneOf("0 personal card, 1 company account", "0", "1")
}

// payMethod is an object keyed by pay method ({"QUICKPAY_VSP":{..}}, {"BALANCE":[..]}): each
// method of spec §5.2 with its body's keys (PayMethods), so that a missing key is 10001 naming
// it ("payMethod.QUICKPAY_VSP.bankCardNo"). Which methods an order takes, and how they combine,
// the emulator says (40009, 10000).
func payMethod() Param {
	return object("payMethod", payMethodParams()...).
		doc(`e.g. {"QUICKPAY_VSP":{"amount":100,"bankCardNo":"<enc>"}} or {"BALANCE":[{"accountSetNo":"200126","amount":100}]}`)
}

// industry is the required industry code and name of an order.
func industry() []Param {
	return params(str("industryCode").req(), str("industryName").req())
}

// SplitLevels is how deep split rules nest: spec §4.2.4 splitRule, §4.2.6 and §5.11
// splitRuleList allow three levels (分账层级数<=3).
const SplitLevels = 3

// splitRuleItem is one item of splitRule / splitRuleList, spec §5.3: bizUserId, amount and fee
// are required (fee 0 when there is none), at each of the SplitLevels levels, so that a key
// missing from a nested item is 10001 naming its path as well. The last level's splitRuleList is
// free-form: the emulator refuses a fourth level.
func splitRuleItem() []Param { return splitRuleLevel(SplitLevels) }

// splitRuleLevel is a split rule item with levels-1 levels of splitRuleList below it.
func splitRuleLevel(levels int) []Param {
	var sub []Param
	if levels > 1 {
		sub = splitRuleLevel(levels - 1)
	}
	return params(str("bizUserId").req(), str("accountSetNo"), integer("amount").req(),
		integer("fee").req(), str("remark"), array("splitRuleList", sub...))
}

// orderAnswer is the common answer of the order-creating methods (spec §4.2.2, §4.2.4, §4.2.5):
// orderNo and bizOrderNo always (是), the others in their cases.
func orderAnswer() []Param {
	return params(str("payStatus").doc("success, pending or fail; only with validateType 0 and a "+
		"payMethod not paid outside (spec §4.2.2-§4.2.5, §5.2)"), str("payFailMessage"),
		str("bizUserId"), str("orderNo").req(), str("bizOrderNo").req(), str("tradeNo"), str("payInfo"),
		str("payCode").doc("ORDER_VSPPAY: the 6 digits a POS takes"),
		str("weChatAPPInfo").doc("WECHATPAY_APP_OPEN: a JSON text (spec §5.13)"),
		integer("validateType"), str("extendInfo"))
}

// channelReturns are the 收银宝 keys of an order paid at a VSP terminal
// (spec §4.2.15, §4.2.19): what the channel reported, passed on.
func channelReturns() []Param {
	return params(str("accttype").oneOf("00 debit, 01 passbook, 02 credit, 03 semi-credit, 04 prepaid, 05 foreign, 99 other",
		"00", "01", "02", "03", "04", "05", "99"), str("termno"), str("cusid"),
		str("payInterfaceOutTradeNo").doc("收银宝's trxid"), str("termrefnum"), str("channelFee").doc("fen, as text"),
		str("channelPaytime").doc("yyyyMMddHHmmss"), str("payInterfacetrxcode"), str("traceno"))
}
