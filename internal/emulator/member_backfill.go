package emulator

import (
	"cmp"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/tsymock/tsymock/internal/soa"
)

// Order types of a back-fill (spec §4.1.22 ordertype).
const (
	backfillDeposit = "depositApply"
	backfillRefund  = "refund"
)

// merchantRetOK is the merchant's answer that takes a back-fill.
const merchantRetOK = "0000"

// backfillPayMethod is the pay method a back-filled order is recorded with:
// the POS order payment of spec §5.2.
const backfillPayMethod = "ORDER_VSPPAY"

// Page actions of the VSP terminal flows (Op.Name of an OpPage).
const (
	actTerminalPayment = "terminalPayment"
	actBackfillAnswer  = "backfillAnswer"
)

// TerminalPayment is a payment a VSP terminal took (a 当面付 QR code or a
// POS terminal) that reached its final status, as the channel reports it
// to the platform. The platform then back-fills it (spec §4.1.22).
type TerminalPayment struct {
	Termid         string // the terminal, bound with vspTermidService
	OrderType      string // "depositApply" or "refund"
	Amount         int64  // fen, the channel fee included
	PayStatus      string // "success" or "fail"
	PayFailMessage string
	TrxCode        string // payInterfacetrxcode, e.g. VSP501 (WeChat); optional
	Srctrxid       string // a refund's original trxid
	URL            string // the merchant's 订单补登 URL, configured with the platform off-line
	OrderBackURL   string // where the order's result notification goes; "" is URL
	// POS marks a card swiped at a 收银宝 POS rather than a 当面付 QR code:
	// its back-fill carries traceno and termrefnum (spec §4.1.22: 仅收银宝当面
	// 付 POS 支付才返回, pos 支付时必填), and its order result and
	// getOrderDetail the card's accttype (§4.2.15, §4.2.19: 刷卡消费交易必传).
	POS        bool
	Traceno    string // the terminal's serial; POS only, default the trxid's last 6 digits
	Termrefnum string // the reference number; POS only, default the trxid's last 12 digits
	ChannelFee string // the channel's fee in fen, as 收银宝 reports it; a POS payment's default "0"
	Acct       string // a POS swipe's card (masked when it is a full number); a QR payment's wallet user id, as given
	AcctType   string // 借贷标志 00 debit (a POS payment's default), 01, 02, 03, 04, 05, 99
}

// backfill is a terminal payment waiting for the merchant's answer, or
// answered.
type backfill struct {
	form         map[string]string
	orderBackURL string
	answered     bool
	orderNo      string // the order booked, "" unless the merchant took it
	acct         string // what the order's acct becomes (masked)
	acctType     string // the order's accttype: a POS payment's card
}

// TerminalPayment records a terminal payment of sysid and queues its
// back-fill notification (an EventBackfill), which it returns: the
// terminal must be bound to a member (20009), the ordertype one of the
// spec's (10000), the amount positive (40020), and a refund must name
// (Srctrxid) a back-filled payment that succeeded (40000). Nothing is
// booked until AnswerBackfill.
func (e *Emulator) TerminalPayment(sysid string, tp TerminalPayment) (Event, *soa.Error) {
	pos := ""
	if tp.POS {
		pos = "1"
	}
	v, serr := e.page(sysid, actTerminalPayment, tp.Termid, tp.OrderType, strconv.FormatInt(tp.Amount, 10), tp.PayStatus,
		tp.PayFailMessage, tp.TrxCode, tp.Srctrxid, tp.URL, tp.OrderBackURL,
		pos, tp.Traceno, tp.Termrefnum, tp.ChannelFee, tp.Acct, tp.AcctType)
	ev, _ := v.(Event)
	return ev, serr
}

// AnswerBackfill applies the merchant's answer to a back-fill: merchantRet
// 0000 with a new bizOrderNo books the order (a deposit to, or a refund
// from, the terminal's member in the escrow account set), successful or
// failed as the channel said, and queues its OrderService/pay
// notification; it returns the orderNo. Any other merchantRet leaves the
// payment unbooked (""). An unknown or answered trxid is 40000, a used
// bizOrderNo 40017.
func (e *Emulator) AnswerBackfill(sysid, trxid, merchantRet, bizOrderNo, extendInfo string) (string, *soa.Error) {
	v, serr := e.page(sysid, actBackfillAnswer, trxid, merchantRet, bizOrderNo, extendInfo)
	no, _ := v.(string)
	return no, serr
}

// channelAction is the body of a VSP terminal action.
func channelAction(name string, arg func(int) string) (opFunc, bool) {
	switch name {
	case actTerminalPayment:
		amount, _ := strconv.ParseInt(arg(2), 10, 64)
		// Args 9 on came with the POS fields; a log written before them
		// replays as the 当面付 payment it was.
		tp := TerminalPayment{Termid: arg(0), OrderType: arg(1), Amount: amount, PayStatus: arg(3),
			PayFailMessage: arg(4), TrxCode: arg(5), Srctrxid: arg(6), URL: arg(7), OrderBackURL: arg(8),
			POS: arg(9) == "1", Traceno: arg(10), Termrefnum: arg(11), ChannelFee: arg(12), Acct: arg(13), AcctType: arg(14)}
		return func(a *app) (any, *soa.Error) { return a.terminalPayment(tp) }, true
	case actBackfillAnswer:
		return func(a *app) (any, *soa.Error) { return a.answerBackfill(arg(0), arg(1), arg(2), arg(3)) }, true
	}
	return nil, false
}

func (a *app) terminalPayment(tp TerminalPayment) (any, *soa.Error) {
	owner := a.terminalOwner(tp.Termid)
	if owner == nil {
		return nil, soa.Errorf("20009", "vspTermid %q is bound to no member; bind it with vspTermidService", tp.Termid)
	}
	if serr := a.checkReceives(owner); serr != nil {
		return nil, serr
	}
	if serr := checkTerminalPayment(tp); serr != nil {
		return nil, serr
	}
	form := map[string]string{"bizUserId": owner.bizUserID, "accountSetNo": a.escrowSet(),
		"cusid": owner.terminal(tp.Termid).cusID, "termid": tp.Termid, "ordertype": tp.OrderType,
		"bizseq": a.number(), "trxid": a.number(), "amount": strconv.FormatInt(tp.Amount, 10),
		"payStatus": tp.PayStatus, "paytime": vspTime(a.now())}
	if serr := a.linkRefund(tp, form); serr != nil {
		return nil, serr
	}
	optional(form, "payFailMessage", tp.PayFailMessage)
	optional(form, "payInterfacetrxcode", tp.TrxCode)
	acctType := posFields(tp, form)
	back := tp.OrderBackURL
	if back == "" {
		back = tp.URL
	}
	put(&a.backfills, form["trxid"], &backfill{form: form, orderBackURL: back, acct: terminalAcct(tp), acctType: acctType})
	a.notify(Event{Kind: EventBackfill, Service: soa.MemberService, Method: "orderBackfill", BackURL: tp.URL,
		Status: EventOK, Form: form})
	return a.outbox.items[len(a.outbox.items)-1].ev.Clone(), nil
}

// checkReceives refuses a terminal payment, and the back-fill answer that
// would book it, of a locked member (30022 会员已锁定): spec §4.1.15 has a
// locked member make no orders and receive nothing (会员被锁定后将无法创建订
// 单，也不能收款). A refused answer leaves the back-fill waiting, as one
// that cannot be read does. A legacy op (before RulesDec2026b) booked it.
// m is nil for the platform's own terminals (never locked).
func (a *app) checkReceives(m *member) *soa.Error {
	if m == nil || !m.locked || a.before(RulesDec2026b) {
		return nil
	}
	return soa.Quoted("30022", textLocked)
}

// checkTerminalPayment checks what the channel reports.
func checkTerminalPayment(tp TerminalPayment) *soa.Error {
	switch {
	case tp.OrderType != backfillDeposit && tp.OrderType != backfillRefund:
		return soa.Errorf("10000", "ordertype %q: depositApply or refund (spec §4.1.22)", tp.OrderType)
	case tp.PayStatus != "success" && tp.PayStatus != "fail":
		return soa.Errorf("10000", "payStatus %q: success or fail, the final statuses a back-fill reports", tp.PayStatus)
	case tp.Amount <= 0:
		return soa.Errorf("40020", "amount must be positive, got %d", tp.Amount)
	case !tp.POS && (tp.Traceno != "" || tp.Termrefnum != "" || tp.AcctType != ""):
		return soa.Errorf("10000", "traceno, termrefnum and accttype are a POS payment's (pos: true); a 当面付 QR "+
			"payment has none (spec §4.1.22)")
	case tp.AcctType != "" && !slices.Contains(acctTypes(), tp.AcctType):
		return soa.Errorf("10000", "accttype %q: one of %s (spec §4.2.19)", tp.AcctType, strings.Join(acctTypes(), ", "))
	case tp.ChannelFee != "" && !isFen(tp.ChannelFee):
		return soa.Errorf("10000", "channelFee %q: the channel's fee in fen, digits only (spec §4.1.22)", tp.ChannelFee)
	}
	return nil
}

// linkRefund adds a refund's original: srctrxid, oriOrderNo, oriBizOrderNo.
func (a *app) linkRefund(tp TerminalPayment, form map[string]string) *soa.Error {
	if tp.OrderType != backfillRefund {
		return nil
	}
	ori, ok := a.backfills[tp.Srctrxid]
	var o *order
	if ok {
		o = a.book.byNo[ori.orderNo]
	}
	if o == nil || o.kind != kindDeposit || o.status == statusFailed {
		return soa.Errorf("40000", "srctrxid %q is no back-filled payment that was booked", tp.Srctrxid)
	}
	form["srctrxid"], form["oriOrderNo"], form["oriBizOrderNo"] = tp.Srctrxid, o.orderNo, o.bizOrderNo
	return nil
}

// optional sets form[k] when v is not empty.
func optional(form map[string]string, k, v string) {
	if v != "" {
		form[k] = v
	}
}

func (a *app) answerBackfill(trxid, merchantRet, bizOrderNo, extendInfo string) (any, *soa.Error) {
	bf, ok := a.backfills[trxid]
	if !ok || bf.answered {
		return nil, soa.Errorf("40000", "trxid %q has no back-fill waiting for an answer", trxid)
	}
	if merchantRet != merchantRetOK {
		bf.answered = true
		return "", nil
	}
	if bizOrderNo == "" {
		return nil, soa.Errorf("10001", "bizOrderNo: the merchant's answer with merchantRet 0000 names its order")
	}
	if serr := a.checkReceives(a.members[bf.form["bizUserId"]]); serr != nil {
		return nil, serr
	}
	if _, dup := a.book.byBiz[bizOrderNo]; dup {
		return nil, soa.Errorf("40017", "bizOrderNo %q", bizOrderNo)
	}
	o := a.backfilledOrder(bf, bizOrderNo, extendInfo)
	a.register(o)
	bf.answered, bf.orderNo = true, o.orderNo
	switch serr := a.bookBackfill(o, bf); {
	case serr != nil:
		a.failWith(o, serr)
	case o.ori != nil:
		o.ori.refunded += o.amount
		o.ori.status = statusRefunded
	}
	return o.orderNo, nil
}

// bookBackfill posts a back-filled order that the channel reports paid, or
// the error of one it reports failed (40006 支付失败 with its message).
func (a *app) bookBackfill(o *order, bf *backfill) *soa.Error {
	if bf.form["payStatus"] != "success" {
		return soa.Errorf("40006", "%s", cmp.Or(bf.form["payFailMessage"], "the channel reported the payment failed"))
	}
	return a.succeed(o)
}

// backfilledOrder is the order a taken back-fill books.
func (a *app) backfilledOrder(bf *backfill, bizOrderNo, extendInfo string) *order {
	f := bf.form
	amount, _ := strconv.ParseInt(f["amount"], 10, 64)
	o := &order{orderNo: a.number(), bizOrderNo: bizOrderNo, kind: kindDeposit, payer: f["bizUserId"],
		accountSet: f["accountSetNo"], amount: amount, status: statusUnpaid, created: a.now(),
		backURL: bf.orderBackURL, extendInfo: extendInfo, payMethod: backfillPayMethod, acct: bf.acct}
	member, outside := acct(o.payer, o.accountSet), acct(OwnerOutside, o.accountSet)
	o.legs = []Leg{{outside, member, amount}}
	if f["ordertype"] == backfillRefund {
		o.kind, o.ori = kindRefund, a.book.byNo[f["oriOrderNo"]]
		o.legs = []Leg{{member, outside, amount}}
		// The terminal gives the money back to the card or wallet paid
		// with; a refund always says where (spec §4.2.19 refundWhereabouts).
		o.whereabouts = toChannel
	}
	return o
}

// backfillSigned are the fields the back-fill's sign covers (spec §4.1.22).
func backfillSigned() []string {
	return []string{"accountSetNo", "amount", "bizUserId", "bizseq", "cusid", "ordertype", "termid", "trxid"}
}

// BackfillSignText is the text an EventBackfill's sign covers (spec
// §4.1.22): its signed fields as key=value, sorted by key, joined by &.
// The sign is made as a notification's (PROTOCOL.md §5).
func (ev Event) BackfillSignText() string {
	keys := slices.Sorted(maps.Keys(ev.Form))
	parts := make([]string, 0, len(backfillSigned()))
	for _, k := range keys {
		if slices.Contains(backfillSigned(), k) {
			parts = append(parts, k+"="+ev.Form[k])
		}
	}
	return strings.Join(parts, "&")
}
