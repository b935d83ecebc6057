package emulator

import (
	"github.com/tsymock/tsymock/internal/soa"
)

// A refund of an applicationTransfer (spec §4.2.16 note 1: 支持……平台转账订单
// 发起退款) gives the member's money back to the platform's set it came
// from. Its oriBizOrderNo is the transfer's bizTransferNo and its bizUserId
// the transfer's payer, the platform: refund's bizUserId 必须是原订单中的付款方，
// 如果是平台，参数值为 #yunBizUserId_B2C#. Note 2 (不支持平台发起订单的退款) is
// read as the platform's own orders (a deposit of its own funds, say), which
// refundable refuses: the refund table names the platform
// as a refund's payer, and a transfer is the only order it pays.

// transferred is the applicationTransfer of bizTransferNo as the ledger
// posted it: from the platform's set to the member's.
func (a *app) transferred(no string) (Leg, bool) {
	tr, ok := a.book.transfers[no]
	if !ok {
		return Leg{}, false
	}
	for _, e := range a.book.ledger.entries {
		if e.Ref.BizOrderNo == no && e.Ref.OrderNo == tr.transferNo {
			return e.Leg, true
		}
	}
	return Leg{}, false
}

// transferRefunded is how much of transfer bizTransferNo refunds gave back.
func (a *app) transferRefunded(no string) int64 {
	var n int64
	for _, o := range a.book.all {
		if o.oriTransfer == no && o.status == statusSucceeded {
			n += o.amount
		}
	}
	return n
}

// refundTransfer refunds an applicationTransfer, wholly or in parts: from
// the member's account it went to, back to the platform's set, at once (a
// transfer moved money between balances: no channel to wait for). The
// platform must be the refund's bizUserId (40022); a transfer has no fee
// or coupon to give back (40020); the member must have the money (40014).
func refundTransfer(a *app, p params, leg Leg) (map[string]any, *soa.Error) {
	no := p.str("oriBizOrderNo")
	if serr := checkRefundType(p); serr != nil {
		return nil, serr
	}
	if p.str("bizUserId") != OwnerPlatform {
		return nil, soa.Errorf("40022", "%s is an applicationTransfer the platform paid: a refund of it names the payer, "+
			"bizUserId %s (spec §4.2.16)", no, OwnerPlatform)
	}
	if fee, coupon := p.num("feeAmount"), p.num("couponAmount"); fee != 0 || coupon != 0 {
		return nil, soa.Errorf("40020", "feeAmount %d, couponAmount %d: applicationTransfer %s took no fee and no coupon", fee, coupon, no)
	}
	o, serr := a.newOrder(kindRefund, p)
	if serr != nil {
		return nil, serr
	}
	if left := leg.Amount - a.transferRefunded(no); o.amount > left {
		return nil, soa.Errorf("40020", "refund of %d exceeds the %d left to refund on applicationTransfer %s", o.amount, left, no)
	}
	o.payer, o.accountSet, o.oriTransfer, o.whereabouts = OwnerPlatform, leg.From.Set, no, toBalance
	o.legs = []Leg{{From: leg.To, To: leg.From, Amount: o.amount}}
	if serr := a.succeed(o); serr != nil {
		return nil, serr
	}
	a.register(o)
	return refundAnswer(o, p), nil
}

// original is the order a refund refunded, as its orderNo and bizOrderNo:
// an order's, or an applicationTransfer's transferNo and bizTransferNo; ok
// is false for an order that is no refund.
func (a *app) original(o *order) (orderNo, bizOrderNo string, ok bool) {
	switch {
	case o.ori != nil:
		return o.ori.orderNo, o.ori.bizOrderNo, true
	case o.oriTransfer != "":
		return a.book.transfers[o.oriTransfer].transferNo, o.oriTransfer, true
	}
	return "", "", false
}

// inTrxCode is the 渠道交易类型 of an order's reconciliation line (spec
// §4.3.2: 透传渠道实际交易类型，针对收银宝入金交易才返回): the
// payInterfacetrxcode getOrderDetail answers (§4.2.19) of a deposit,
// consumption or collection paid through 收银宝, a back-filled terminal
// payment's as its terminal reported it; "" for another order, a refund,
// or a 收银宝 method whose code the spec does not list.
func (a *app) inTrxCode(o *order) string {
	switch o.kind {
	case kindDeposit, kindConsume, kindCollect:
		return asStr(a.channelFields(o)["payInterfacetrxcode"])
	}
	return ""
}

// fileLine is a paid order's line of the reconciliation file (spec
// §4.3.2); a refund of an applicationTransfer names the transfer as its
// original and, as the transfer's own line, the platform's balance as its
// 支付方式.
func (a *app) fileLine(o *order, seq int) checkLine {
	l := orderLine(o, seq)
	l.trxCode = a.inTrxCode(o)
	if o.payMethod == backfillPayMethod {
		if bf := a.backfillOf(o); bf != nil {
			l.serial, l.channelFee = bf.form["trxid"], bf.form["channelFee"]
		}
	}
	if o.oriTransfer != "" {
		l.oriOrderNo, l.oriBizOrderNo, _ = a.original(o)
		l.payMethod = transferPayMethod
	}
	return l
}
