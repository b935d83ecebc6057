package emulator

import (
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/tsymock/tsymock/internal/soa"
)

// Order statuses of getOrderDetail (PROTOCOL.md §7).
const (
	statusUnpaid     = 1
	statusFailed     = 3
	statusSucceeded  = 4
	statusRefunded   = 5
	statusClosed     = 6
	statusInProgress = 99
)

// Order kinds, for what a pay, a refund or a statement does with them.
const (
	kindDeposit  = "deposit"
	kindConsume  = "consume"
	kindCollect  = "agentCollect"
	kindAgentPay = "agentPay"
	kindWithdraw = "withdraw"
	kindRefund   = "refund"
	kindTransfer = "transfer"
)

// order is one order of an application, from apply to its final status.
type order struct {
	orderNo, bizOrderNo string
	kind                string
	payer               string // buyerBizUserId: who pays (or who withdraws)
	receiver            string // consume: recieverId; agentPay: the payee
	accountSet          string
	amount, fee         int64
	status              int
	errorCode           string
	errorMessage        string
	created, paidAt     time.Time
	expires             time.Time // zero: never
	backURL, extendInfo string
	extendInfoEmpty     bool      // extendInfo was sent as "" (not left out, not null): answered "" (echoExtendInfo)
	frontURL            string    // where a payment page returns the browser
	payMethod           string    // the payMethod key
	phone               string    // where the confirmation SMS goes
	resentAt            time.Time // the last resendPaySMS, zero before
	codeSentAt          time.Time // when resendPaySMS sent a new SMS code, zero: the one of the apply
	validateType        int64
	validateSent        bool             // the apply sent a validateType (0 sent completes at once, none is 1: spec §4.2.2)
	pay                 payment          // its payMethod
	sources             []*source        // where its money comes from, for refunds
	legs                []Leg            // what success posts, computed when the order is made
	refunded            int64            // how much has been refunded so far
	feeRefunded         int64            // how much of the fee has been given back
	shares              map[string]int64 // agentCollect: what is left to pay out, per receiver
	paidOut             int64            // agentCollect: taken from escrow by payouts and refunds
	payouts             []flow           // agentCollect: what payouts paid to whom, less what refunds took back
	ori                 *order           // refund: the original order
	oriTransfer         string           // refund of an applicationTransfer: its bizTransferNo (ori is nil)
	acct                string           // withdraw: the card, masked
	whereabouts         int64            // refund: toBalance or toChannel
	batch               string           // agentPay: the bizBatchNo of the batchAgentPay that made it, "" for signalAgentPay
}

// orderBook holds an application's orders, its ledger and its freezes.
type orderBook struct {
	all       []*order // in the order they were made
	byBiz     map[string]*order
	byNo      map[string]*order
	ledger    *ledger
	freezes   map[string]*freeze
	transfers map[string]transfer // by bizTransferNo
	batches   map[string]bool     // bizBatchNo seen
	extras    *bookExtras         // goods, and how orders were made: order_detail.go, made on first use
}

func newOrderBook() *orderBook {
	return &orderBook{byBiz: map[string]*order{}, byNo: map[string]*order{}, ledger: newLedger(),
		freezes: map[string]*freeze{}, transfers: map[string]transfer{}, batches: map[string]bool{}}
}

// register records an order; newOrder has checked that its bizOrderNo is
// new within the application.
func (a *app) register(o *order) {
	a.book.all = append(a.book.all, o)
	a.book.byBiz[o.bizOrderNo] = o
	a.book.byNo[o.orderNo] = o
}

// order finds an order by bizOrderNo (40000 when there is none).
func (a *app) order(bizOrderNo string) (*order, *soa.Error) {
	o, ok := a.book.byBiz[bizOrderNo]
	if !ok {
		return nil, soa.Errorf("40000", "bizOrderNo %q", bizOrderNo)
	}
	return o, nil
}

// succeed posts the order's legs and marks it paid; it queues the order
// notification. A failed posting leaves the order as it was.
func (a *app) succeed(o *order) *soa.Error {
	if err := a.book.ledger.post(a.now(), o.ref(), o.legs...); err != nil {
		return ledgerError("40014", err)
	}
	o.status = statusSucceeded
	o.paidAt = a.now()
	a.notifyOrder(o)
	return nil
}

// failWith marks the order failed with an error; the merchant is notified
// of a failed withdrawal only (see notifiesFailure).
func (a *app) failWith(o *order, serr *soa.Error) {
	o.status = statusFailed
	o.errorCode, o.errorMessage = serr.Code, serr.Message
	if o.notifiesFailure() {
		a.notifyOrder(o)
	}
}

// notifiesFailure reports whether the platform notifies the failure of an
// order: a withdrawal's (withdrawApply, crossBorderWithdrawApply) is
// notified whether it succeeds or fails, every other order only when it
// succeeds (spec §4.2.15 notes 2 and 3; §4.2.3's and §4.2.23's payStatus;
// §4.2.7 note 4 for payouts, but see batchAgentPay; §4.2.16 for refunds).
func (o *order) notifiesFailure() bool {
	return o.kind == kindWithdraw || o.kind == kindCrossBorder
}

func (o *order) ref() Ref {
	return Ref{OrderNo: o.orderNo, BizOrderNo: o.bizOrderNo, TradeNo: o.orderNo}
}

// expired reports whether a pending order is past its orderExpireDatetime.
func (o *order) expired(now time.Time) bool { return now.After(o.closesAt()) }

// statusAt is the order's status as getOrderDetail and the admin views
// give it at now: an unpaid order past its closing, and one in progress
// past the platform's eight-day close, are closed (6), before anything
// touches them.
func (o *order) statusAt(now time.Time) int {
	switch {
	case o.status == statusUnpaid && o.expired(now),
		o.status == statusInProgress && now.After(inProgressClose(o.created)):
		return statusClosed
	}
	return o.status
}

// closesAt is when an unpaid order closes: at its orderExpireDatetime, and
// at the latest at the platform's nightly close (spec §4.2.1 (2): every
// day at 00:30 China time the orders created more than 24 hours before and
// still unpaid are closed).
func (o *order) closesAt() time.Time {
	nightly := nightlyClose(o.created)
	if !o.expires.IsZero() && o.expires.Before(nightly) {
		return o.expires
	}
	return nightly
}

// nightlyClose is the first 00:30 China time at which an order created at
// created is more than 24 hours old (spec §4.2.1 (2)).
func nightlyClose(created time.Time) time.Time { return closeRunAfter(created, 24*time.Hour) }

// inProgressDays is how long an order stays in progress (99) before the
// platform's nightly run closes it (spec §6.9: 进行中的订单，8 天日终
// （00:30）批量关闭进行中的订单).
const inProgressDays = 8

// inProgressClose is the nightly run (00:30 China time) that closes an
// order created at created and still in progress: the first after it is
// eight days old. The spec does not say whether the days count from the
// order's creation or from when it went in progress; for the one order
// tsymock keeps in progress (the test environment's ALIPAY_APP_OPEN of 7
// fen, spec §5.2) the two are the same moment.
func inProgressClose(created time.Time) time.Time {
	return closeRunAfter(created, inProgressDays*24*time.Hour)
}

// closeRunAfter is the first of the platform's nightly runs (00:30 China
// time) at which an order created at created is more than age old.
func closeRunAfter(created time.Time, age time.Duration) time.Time {
	old := created.Add(age).In(soa.Shanghai())
	at := time.Date(old.Year(), old.Month(), old.Day(), 0, 30, 0, 0, soa.Shanghai())
	if !at.After(old) {
		at = at.AddDate(0, 0, 1)
	}
	return at
}

// weChatAPPInfo is the WeChat APP payment parameters of an order (spec
// §5.13): a JSON text holding weixinstr, itself a JSON text, as the
// platform answers them; tsymock's values are made up from the order. Its
// appid is the subAppId the merchant sent (§5.2 WECHATPAY_APP_OPEN: 微信端应用
// ID：appid, required; §5.13 appid 应用 ID), the app the WeChat SDK opens,
// as the JS and mini-program payInfo carry the app id sent. Its
// timestamp is Unix seconds as a string, as §5.2's example
// ("timestamp":"1550042754") and WeChat's APP SDK (PayReq.timeStamp) have it.
func weChatAPPInfo(o *order, ch *payPart, now time.Time) string {
	appID := asStr(ch.body["subAppId"])
	if appID == "" { // the catalogue requires it; a caller of the emulator alone may not send it
		appID = "wxTSYMOCK"
	}
	inner, _ := json.Marshal(map[string]string{"appid": appID, "partnerid": "tsymock", "prepayid": "wx" + o.orderNo,
		"package": "Sign=WXPay", "timestamp": strconv.FormatInt(now.Unix(), 10), "noncestr": o.orderNo, "sign": "TSYMOCK-TEST"})
	outer, _ := json.Marshal(map[string]string{"weixinstr": string(inner)})
	return string(outer)
}

// payCode is the 6-digit code a 收银宝 POS takes for an ORDER_VSPPAY order:
// the last six digits of its orderNo.
func payCode(orderNo string) string {
	if len(orderNo) < 6 {
		return fmt.Sprintf("%06s", orderNo)
	}
	return orderNo[len(orderNo)-6:]
}

// payStatus is the order's state as an answer's payStatus: success, fail,
// or pending (unpaid, in progress).
func (o *order) payStatus() string {
	if s := map[int]string{statusSucceeded: "success", statusFailed: "fail"}[o.status]; s != "" {
		return s
	}
	return "pending"
}

// answer is the common answer of the order applications (PROTOCOL.md §7,
// spec §4.2.2-§4.2.5, §4.2.3, §4.2.23). payStatus, payFailMessage and
// bizUserId come only with an order applied for with validateType 0 (their
// rows in the spec's response tables), payStatus and payFailMessage not
// for one paid outside (spec §5.2: the QR, JS, mini-program, wallet and app
// methods return no payStatus; their outcome is notified and queried),
// bizUserId for it too (a captured 2020 answer of a WeChat mini-program
// collection: orderNo, payInfo, bizUserId, bizOrderNo). A text nobody set
// (extendInfo not sent, payFailMessage of an order that did not fail) is
// left out, as the platform's fastjson leaves out a null (putText); an
// extendInfo sent as "" is answered "" (echoExtendInfo). tradeNo and validateType are rows of
// the deposit, consumption and collection tables only, not of the
// withdrawals' (§4.2.3, §4.2.23). validateType is answered only as 1, when
// the order waits for pay with its SMS code (§4.2.2: 当支付方式为收银宝快捷且
// 需验证短信验证码时才返回，返回值为"1"表示需继续调用【确认支付（后台+短信验证
// 码确认）】); the spec names quick pay, and tsymock answers it for every
// card or balance order that pay confirms (a choice: the agreement and
// real-name card payments are confirmed the same way), never 0 or 2.
func (o *order) answer() map[string]any {
	v := map[string]any{"orderNo": o.orderNo, "bizOrderNo": o.bizOrderNo}
	o.echoExtendInfo(v)
	if o.validateType == 0 {
		v["bizUserId"] = o.payer
	}
	if o.reportsStatus() {
		v["payStatus"] = o.payStatus()
		putText(v, "payFailMessage", o.errorMessage)
	}
	if o.status != statusUnpaid || o.notifiesFailure() {
		return v
	}
	v["tradeNo"] = o.orderNo
	if o.waitsForSMS() {
		v["validateType"] = o.validateType
	}
	return v
}

// waitsForSMS reports whether the order is confirmed with pay and the SMS
// code (validateType 1), not on a page or outside.
func (o *order) waitsForSMS() bool {
	ch := o.pay.channel()
	return o.validateType == validateSMS && (ch == nil || ch.Confirm == soa.ConfirmSMS)
}

// pageAlone reports whether the order is paid on a page by its method alone,
// which sends no SMS code (spec §5.2: 非组合支付，不发送短信验证码; 小通分期
// 不输短信验证码).
func (o *order) pageAlone() bool {
	ch := o.pay.channel()
	return ch != nil && ch.Confirm == soa.ConfirmPage && len(o.pay.parts) == 1
}

// reportsStatus: the application's answer carries payStatus (see answer).
func (o *order) reportsStatus() bool {
	if o.validateType != 0 {
		return false
	}
	ch := o.pay.channel()
	return ch == nil || ch.Confirm != soa.ConfirmOutside
}

// putText sets v[key] to text unless it is empty: the platform writes its
// answers with fastjson, which leaves out a key whose value is null, so a
// text nobody set (an extendInfo not sent, the payFailMessage of an order
// that did not fail) is absent, not "" (answers captured from the real
// test environment: a collection and a statement without extendInfo). A
// merchant's code that reads such a key unguarded fails there, and so it
// fails here.
func putText(v map[string]any, key, text string) {
	if text != "" {
		v[key] = text
	}
}

// echoExtendInfo sets the order's extendInfo in an answer (the order
// methods', getOrderDetail's) as the merchant sent it: spec §4.2.2-§4.2.7,
// §4.2.16, §4.2.23 say 接口将原样返回 and §4.2.19 订单接口信息原样返回. A text
// is answered; one sent as "" is answered "", as fastjson writes an empty
// string where it leaves out a null (a merchant's live withdrawal code
// sends "extendInfo":"" and reads it back unguarded); one left out or sent
// as null stays absent (putText). Orders made before RulesDec2026d never
// remember a "" (newOrder), so their answers are as they were.
func (o *order) echoExtendInfo(v map[string]any) {
	echoText(v, "extendInfo", o.extendInfo, o.extendInfoEmpty)
}

// echoText sets v[key] to text, or to "" when the call sent it as ""
// (sentEmpty); it leaves it out otherwise (putText).
func echoText(v map[string]any, key, text string, sentEmpty bool) {
	if text != "" || sentEmpty {
		v[key] = text
	}
}
