package emulator

import (
	"slices"
	"strings"

	"github.com/tsymock/tsymock/internal/soa"
)

// The channel keys of an order paid through a payment channel, in its
// result notification (spec §4.2.15) and getOrderDetail (§4.2.19), which
// revision 2.0.9 item 3 added for 收银宝 orders (通道交易类型, 透传收银宝渠道
// 返回的交易类型): payInterfaceOutTradeNo, the channel's serial (收银宝's
// trxid, WeChat's 商户单号, Alipay's 商家订单号), for every channel; for a
// 收银宝 method also cusid (the sub-merchant an _ORG method names; the
// single-merchant mode's own 收银宝 number is the platform's, which tsymock
// does not know), channelPaytime, channelFee "0" (tsymock charges no
// channel fee, as its reconciliation file shows) and payInterfacetrxcode
// where the spec's list names the wallet's code; acct, the payer's openid or
// user_id, when the payMethod sent one; accttype for a 刷卡 payment
// (CODEPAY_VSP). The values are made up from the order, the same every
// time: the serial is the reconciliation file's 渠道流水号 (channelSerial).

// The trxcodes of spec §4.2.15 payInterfacetrxcode for a payment and its
// refund (收银宝's 撤销 codes are for a cancellation, which tsymock has not).
const (
	trxWeChat       = "VSP501" // 微信支付
	trxWeChatRefund = "VSP503" // 微信支付退款
	trxQQ           = "VSP505" // 手机 QQ 支付
	trxQQRefund     = "VSP507" // 手机 QQ 支付退款
	trxAlipay       = "VSP511" // 支付宝支付
	trxAlipayRefund = "VSP513" // 支付宝支付退款
	trxUnionPay     = "VSP551" // 银联扫码支付
	trxUnionPayBack = "VSP553" // 银联扫码退货
)

// vspWallets are the 收银宝 methods of spec §5.2 (—收银宝) that pay from a
// wallet whose trxcode the spec lists; CODEPAY_VSP's wallet is the payer's
// code's (codeWallet).
func vspWallets() map[string]string {
	return map[string]string{
		"WECHATPAY_MINIPROGRAM": trxWeChat, "WECHATPAY_MINIPROGRAM_ORG": trxWeChat,
		"SCAN_WEIXIN": trxWeChat, "SCAN_WEIXIN_ORG": trxWeChat,
		"WECHAT_PUBLIC": trxWeChat, "WECHAT_PUBLIC_ORG": trxWeChat,
		"SCAN_ALIPAY": trxAlipay, "SCAN_ALIPAY_ORG": trxAlipay,
		"ALIPAY_SERVICE": trxAlipay, "ALIPAY_SERVICE_ORG": trxAlipay,
		"SCAN_UNIONPAY": trxUnionPay, "SCAN_UNIONPAY_ORG": trxUnionPay,
		"QQ_WALLET": trxQQ, "QQ_WALLET_ORG": trxQQ,
	}
}

// vspCard are the other 收银宝 methods: the gateway, quick pay, the mobile
// bank app and the scanned code, whose trxcode the spec does not list
// (CODEPAY_VSP aside, see codeWallet).
func vspCard() []string {
	return []string{"GATEWAY_VSP", "GATEWAY_VSP_ORG", "QUICKPAY_VSP", "MOBILEAPPPAY_VSP", "CODEPAY_VSP", "CODEPAY_VSP_ORG"}
}

// isVSP reports whether a method goes through 收银宝.
func isVSP(key string) bool {
	_, wallet := vspWallets()[key]
	return wallet || slices.Contains(vspCard(), key)
}

// codeWallet is the trxcode of a payment code a payer showed (CODEPAY_VSP's
// authcode), by the wallets' published prefixes: WeChat 10-15, Alipay
// 25-30, UnionPay 62, QQ 91; "" for another.
func codeWallet(authcode string) string {
	if len(authcode) < 2 {
		return ""
	}
	switch p := authcode[:2]; {
	case p >= "10" && p <= "15":
		return trxWeChat
	case p >= "25" && p <= "30":
		return trxAlipay
	case p == "62":
		return trxUnionPay
	case p == "91":
		return trxQQ
	}
	return ""
}

// refundTrx is the trxcode of a refund of a payment of code trx.
func refundTrx(trx string) string {
	return map[string]string{trxWeChat: trxWeChatRefund, trxQQ: trxQQRefund, trxAlipay: trxAlipayRefund,
		trxUnionPay: trxUnionPayBack}[trx]
}

// paidChannelFields are the channel keys of a paid deposit, consumption
// or collection whose payMethod has an inbound channel (ORDER_VSPPAY's are
// channelFields'); nil for another order.
func paidChannelFields(o *order) map[string]any {
	ch := o.pay.channel()
	if ch == nil || ch.Flow != soa.FlowIn || o.paidAt.IsZero() {
		return nil
	}
	v := map[string]any{"payInterfaceOutTradeNo": channelSerial(o.orderNo)}
	if acct := asStr(ch.body["acct"]); acct != "" && o.pay.cardNo() == "" {
		v["acct"] = acct
	}
	if !isVSP(ch.Key) {
		return v
	}
	v["channelPaytime"], v["channelFee"] = vspTime(o.paidAt), "0"
	if cusid := asStr(ch.body["vspCusid"]); cusid != "" {
		v["cusid"] = cusid
	}
	if trx := trxCode(*ch); trx != "" {
		v["payInterfacetrxcode"] = trx
	}
	if strings.HasPrefix(ch.Key, "CODEPAY_VSP") {
		v["accttype"] = acctDebit
	}
	return v
}

// trxCode is the payInterfacetrxcode of a 收银宝 payment part, "" when the
// spec lists none for it.
func trxCode(ch payPart) string {
	if strings.HasPrefix(ch.Key, "CODEPAY_VSP") {
		return codeWallet(asStr(ch.body["authcode"]))
	}
	return vspWallets()[ch.Key]
}

// refundChannelFields are the channel keys of a refund that went back
// through its original's channel: its own serial, the original's payer
// account and sub-merchant, and the refund's trxcode (VSP503 for a WeChat
// payment's); nil for a refund to the balance.
func refundChannelFields(o *order) map[string]any {
	if o.ori == nil || o.whereabouts != toChannel || o.paidAt.IsZero() {
		return nil
	}
	ori := paidChannelFields(o.ori)
	if ori == nil {
		return nil
	}
	v := map[string]any{"payInterfaceOutTradeNo": channelSerial(o.orderNo)}
	for _, k := range []string{"acct", "cusid"} {
		if ori[k] != nil {
			v[k] = ori[k]
		}
	}
	if ori["channelPaytime"] != nil {
		v["channelPaytime"], v["channelFee"] = vspTime(o.paidAt), "0"
	}
	if trx := refundTrx(asStr(ori["payInterfacetrxcode"])); trx != "" {
		v["payInterfacetrxcode"] = trx
	}
	return v
}
