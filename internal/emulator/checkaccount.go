package emulator

import (
	"cmp"
	"slices"
	"strconv"
	"time"

	"github.com/tsymock/tsymock/internal/soa"
)

// The detail reconciliation file of MerchantService.getCheckAccountFile
// (spec §4.3.2, 明细对账文件): one line per transaction that succeeded on a
// China-time day, by when it completed: every order paid that day (those
// refunded later included) and every applicationTransfer. The spec shows
// no header line, and the file has none: a merchant's job reads every line
// as a transaction.

// checkLine is one transaction of the detail file.
type checkLine struct {
	orderNo, bizOrderNo string
	kind                string // 订单类型, as the detail file names it
	sum                 string // its column in the summary file (summaryKinds)
	amount, fee         int64
	at                  time.Time
	seq                 int   // its first ledger entry: the order of lines completed at the same time
	channel             int64 // 渠道金额: what crossed the channel (the ledger's outside)
	installment         int64 // 分期金额: the channel's amount of a 小通分期 payment
	extendInfo          string
	payMethod           string
	oriBizOrderNo       string // a refund's original
	oriOrderNo          string
	card                string // masked card, or a wallet's openid or userid
	serial              string // 渠道流水号 when the channel reported one (a back-filled order's trxid)
	channelFee          string // 渠道手续费 the channel reported, fen; "" is 0
	trxCode             string // 渠道交易类型: a 收银宝 payment's payInterfacetrxcode (inTrxCode)
}

// transferPayMethod is the 支付方式 of a platform transfer. applicationTransfer
// takes no payMethod; the money moves from the platform's balance to the
// member's, which is what §5.2's BALANCE (账户余额) names (tsymock's choice).
const transferPayMethod = "BALANCE"

// Pay methods the file shows that are no key of spec §5.2's table (§4.3.2's
// 支付方式: a payout to a balance, a combined payment).
const (
	payMethodToBalance = "WITHDRAW_BALANCE"
	payMethodCombined  = "COMBINEDPAY"
)

// fields are the line's 21 columns, in spec §4.3.2's order. The amounts the
// platform reads from a channel's or 小通's files and tsymock has none of
// (渠道手续费, 通商云手续费, 持卡人手续费) are 0, as the spec has an empty
// one shown; so are 预付卡交易金额 and, without a channel, 渠道流水号. A
// back-filled order shows what its terminal reported instead: 收银宝's
// trxid as 渠道流水号 and its fee as 渠道手续费.
// 渠道交易类型 is a 收银宝 payment's trade type (inTrxCode). 预付卡是否结算
// and 卡类别 stay empty: tsymock keeps no prepaid cards and no card kind.
func (l checkLine) fields() []string {
	fen := func(n int64) string { return strconv.FormatInt(n, 10) }
	serial := "0"
	if l.channel > 0 {
		serial = cmp.Or(l.serial, channelSerial(l.orderNo))
	}
	return []string{l.orderNo, l.kind, fen(l.amount), fen(l.fee), soa.FormatTime(l.at), l.bizOrderNo,
		fen(l.channel), serial, cmp.Or(l.channelFee, "0"), "0", fen(l.installment), "0", l.extendInfo, "", "0", l.payMethod,
		l.oriBizOrderNo, l.oriOrderNo, l.trxCode, l.card, ""}
}

// channelSerial is the 渠道流水号 of a transaction that went through a
// channel: made up by tsymock from the order's number, the same every
// time, since no channel is behind it.
func channelSerial(orderNo string) string { return "TSYMOCK" + orderNo }

// checkLines are the transactions completed in [from, to), in the order
// they completed.
func (a *app) checkLines(from, to time.Time) []checkLine {
	first := a.firstEntries()
	var out []checkLine
	for _, o := range a.book.all {
		if (o.status == statusSucceeded || o.status == statusRefunded) && within(o.paidAt, from, to) {
			out = append(out, a.fileLine(o, first[o.orderNo]))
		}
	}
	out = append(out, a.transferLines(from, to)...)
	slices.SortStableFunc(out, func(x, y checkLine) int { return cmp.Or(x.at.Compare(y.at), cmp.Compare(x.seq, y.seq)) })
	return out
}

// within reports whether t is in [from, to).
func within(t, from, to time.Time) bool { return !t.IsZero() && !t.Before(from) && t.Before(to) }

// firstEntries is the sequence number of each order's first ledger entry.
func (a *app) firstEntries() map[string]int {
	first := map[string]int{}
	for _, e := range a.book.ledger.entries {
		if _, seen := first[e.Ref.OrderNo]; !seen && e.Ref.OrderNo != "" {
			first[e.Ref.OrderNo] = e.Seq
		}
	}
	return first
}

// orderLine is a paid order's line.
func orderLine(o *order, seq int) checkLine {
	kind, sum := orderKinds(o)
	l := checkLine{orderNo: o.orderNo, bizOrderNo: o.bizOrderNo, kind: kind, sum: sum, amount: o.amount, fee: o.fee,
		at: o.paidAt, seq: seq, channel: channelAmount(o), extendInfo: o.extendInfo, payMethod: filePayMethod(o),
		card: fileCard(o)}
	if o.ori != nil {
		l.oriBizOrderNo, l.oriOrderNo = o.ori.bizOrderNo, o.ori.orderNo
	}
	if o.pay.part("InstallmentPayment_H5") != nil {
		l.installment = l.channel
	}
	return l
}

// orderKinds are an order's type in the detail file (spec §4.3.2, 订单类型)
// and its column in the summary file, which tells a signalAgentPay from a
// batchAgentPay.
func orderKinds(o *order) (detail, summary string) {
	switch o.kind {
	case kindDeposit:
		return "充值", "充值"
	case kindConsume:
		return "消费", "消费"
	case kindCollect:
		return "托收", "托收"
	case kindAgentPay:
		if o.batch != "" {
			return "托付", "批量托付"
		}
		return "托付", "单笔托付"
	case kindWithdraw:
		return "提现", "提现"
	case kindCrossBorder:
		return "跨境提现", "跨境提现"
	case kindRefund:
		return "退款", "退款"
	}
	return o.kind, o.kind
}

// channelAmount is what the order moved through its channel: what its legs
// took from the world outside (a card, a wallet) or gave to it (a
// withdrawal, a refund back to the card), 0 for an order between balances.
func channelAmount(o *order) int64 {
	var n int64
	for _, g := range o.legs {
		if g.From.Owner == OwnerOutside || g.To.Owner == OwnerOutside {
			n += g.Amount
		}
	}
	return n
}

// filePayMethod is the 支付方式 column: a §5.2 key, WITHDRAW_BALANCE for a
// payout (to a balance), COMBINEDPAY for several methods, a refund's
// original's.
func filePayMethod(o *order) string {
	switch {
	case o.kind == kindRefund && o.ori != nil:
		return filePayMethod(o.ori)
	case o.kind == kindAgentPay:
		return payMethodToBalance
	case len(o.pay.parts) > 1:
		return payMethodCombined
	}
	return o.payMethod // one key, or the back-filled orders' ORDER_VSPPAY
}

// fileCard is the 卡号 column: a card, masked as everywhere in tsymock; a
// WeChat payment's openid or an Alipay one's userid (the payMethod's
// acct); for a refund back to the channel its original's; else empty.
func fileCard(o *order) string {
	switch {
	case o.kind == kindRefund:
		if o.ori != nil && o.whereabouts == toChannel {
			return fileCard(o.ori)
		}
		return ""
	case o.acct != "":
		return o.acct
	case o.pay.cardNo() != "":
		return cardHint(o.pay.cardNo())
	}
	if ch := o.pay.channel(); ch != nil {
		return asStr(ch.body["acct"])
	}
	return ""
}

// transferLines are the applicationTransfers posted in [from, to): each is
// one ledger entry, under its transferNo and bizTransferNo.
func (a *app) transferLines(from, to time.Time) []checkLine {
	var out []checkLine
	for _, e := range a.book.ledger.entries {
		tr, ok := a.lineTransfer(e.Ref)
		if !ok || !within(e.At, from, to) {
			continue
		}
		out = append(out, checkLine{orderNo: tr.transferNo, bizOrderNo: e.Ref.BizOrderNo, kind: "平台转账",
			sum: "平台转账", amount: e.Leg.Amount, at: e.At, seq: e.Seq, extendInfo: tr.extendInfo,
			payMethod: transferPayMethod})
	}
	return out
}
