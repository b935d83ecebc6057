package emulator

// The platform's own words for cases the specification quotes them for;
// answered whole (soa.Quoted), so that a suite that compares them passes
// against tsymock as against the real test environment.
const (
	// textLocked: every call of a locked member but unlockMember (spec
	// §4.1.15), with code 30022; soa.Message("30022") is the same text, so
	// that a locked member faked with a magic value or arm reads alike.
	textLocked = "会员已锁定"
	// textResendTooOften: resendPaySMS again within 10 seconds (spec
	// §4.2.25), with code 40015.
	textResendTooOften = "调用重发短信接口太频繁，请稍后再试！"
	// textResendFinished: resendPaySMS of an order that is no longer unpaid,
	// or past the time it takes its code (spec §4.2.25), with code 40019.
	textResendFinished = "订单处理完成或处理中，不支持重发短信！"
	// textNoSplit: getOrderSplitRuleListDetail of an order made without
	// split rules (spec §4.2.24), with code 40002.
	textNoSplit = "无分账记录"
	// textCollectionFailed: getPaymentInformationDetail or
	// getPayeeFundsInTransitDetail of a collection whose payment failed (spec
	// §4.2.21, §4.2.22), with code 40019.
	textCollectionFailed = "上送的代收订单支付失败"
	// textNoOrder: getOrderSplitRuleListDetail of an unknown bizOrderNo
	// (spec §4.2.24), with code 40000.
	textNoOrder = "订单不存在"
)
