package emulator

import (
	"cmp"
	"maps"
	"strings"
	"time"

	"github.com/tsymock/tsymock/internal/soa"
)

// The 收银宝 keys of an order paid at a VSP terminal, in its result
// notification (spec §4.2.15) and getOrderDetail (§4.2.19): where the
// platform passes on what 收银宝 reported. termrefnum, channelFee and
// channelPaytime are required of a POS payment (收银宝订单 pos 支付时必填),
// accttype of a card swipe (刷卡消费交易必传).

// acctTypes are the 借贷标志 (accttype) values of spec §4.2.19.
func acctTypes() []string { return []string{"00", "01", "02", "03", "04", "05", "99"} }

// acctDebit is the accttype of a debit card, a POS payment's default.
const acctDebit = "00"

// posFields adds to a back-fill's form what a POS payment reports
// (traceno, termrefnum; spec §4.1.22: POS only) and the channel's fee, a
// POS payment's "0" when not given; it returns the payment's accttype.
// The defaults are taken from the trxid, so the same calls give the same
// form.
func posFields(tp TerminalPayment, form map[string]string) (acctType string) {
	if !tp.POS {
		optional(form, "channelFee", tp.ChannelFee)
		return ""
	}
	trxid := form["trxid"]
	form["traceno"] = cmp.Or(tp.Traceno, lastDigits(trxid, 6))
	form["termrefnum"] = cmp.Or(tp.Termrefnum, lastDigits(trxid, 12))
	form["channelFee"] = cmp.Or(tp.ChannelFee, "0")
	return cmp.Or(tp.AcctType, acctDebit)
}

// channelFields are the 收银宝 keys of an order's result and detail: a
// back-filled order's from its back-fill, an ORDER_VSPPAY order paid on
// tsymock's POS page made up from the order (as its reconciliation line's
// 渠道流水号 is); another channel's payment or refund its channel's
// (paidChannelFields, refundChannelFields); none for any other order.
func (a *app) channelFields(o *order) map[string]any {
	switch {
	case o.payMethod == backfillPayMethod:
	case o.kind == kindRefund:
		return refundChannelFields(o)
	default:
		return paidChannelFields(o)
	}
	if bf := a.backfillOf(o); bf != nil {
		return bf.channelFields()
	}
	if o.paidAt.IsZero() {
		return nil
	}
	v := map[string]any{"payInterfaceOutTradeNo": channelSerial(o.orderNo), "traceno": payCode(o.orderNo),
		"termrefnum": lastDigits(o.orderNo, 12), "channelFee": "0", "channelPaytime": vspTime(o.paidAt),
		"accttype": acctDebit}
	if ch := o.pay.part(backfillPayMethod); ch != nil {
		if cusid := asStr(ch.body["vspCusid"]); cusid != "" {
			v["cusid"] = cusid
		}
	}
	return v
}

// channelFields are the keys a back-filled order answers from what the
// terminal reported: the terminal (termno), the sub-merchant, 收银宝's
// trxid as the channel's serial, when it was paid, and what the form has.
func (b *backfill) channelFields() map[string]any {
	f := b.form
	v := map[string]any{"termno": f["termid"], "cusid": f["cusid"], "payInterfaceOutTradeNo": f["trxid"],
		"channelPaytime": f["paytime"]}
	for _, k := range []string{"payInterfacetrxcode", "traceno", "termrefnum", "channelFee"} {
		if f[k] != "" {
			v[k] = f[k]
		}
	}
	if b.acctType != "" {
		v["accttype"] = b.acctType
	}
	return v
}

// backfillOf is the back-fill that booked o, or nil. Only back-filled and
// ORDER_VSPPAY orders look, and back-fills are few.
func (a *app) backfillOf(o *order) *backfill {
	for _, bf := range a.backfills {
		if bf.orderNo == o.orderNo {
			return bf
		}
	}
	return nil
}

// withChannel adds an order's 收银宝 keys to v.
func (a *app) withChannel(v map[string]any, o *order) {
	maps.Copy(v, a.channelFields(o))
}

// vspTime is a time as 收银宝 writes it (paytime: yyyyMMddHHmmss, China
// time), passed on as channelPaytime.
func vspTime(t time.Time) string { return t.In(soa.Shanghai()).Format("20060102150405") }

// lastDigits is the last n characters of s (all of it when shorter).
func lastDigits(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[len(s)-n:]
}

// terminalAcct is the acct a terminal payment's order answers (spec
// §4.2.19: 刷卡交易 a hidden card number; WeChat's openid, Alipay's
// user_id): a POS swipe's card, masked when given whole; a 当面付 QR
// payment's wallet id as given, even when it is all digits as Alipay's
// 2088… user_id is, which is no card to mask.
func terminalAcct(tp TerminalPayment) string {
	if tp.POS && len(tp.Acct) >= 12 && strings.Trim(tp.Acct, "0123456789") == "" {
		return posCardHint(tp.Acct)
	}
	return tp.Acct
}

// isFen reports whether s is a non-negative amount in fen: digits only.
func isFen(s string) bool { return s != "" && strings.Trim(s, "0123456789") == "" }
