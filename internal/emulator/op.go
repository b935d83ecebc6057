package emulator

import (
	"fmt"

	"github.com/tsymock/tsymock/internal/soa"
)

// Kinds of Op.
const (
	OpCall  = "call"  // a /service/soa call: Name is Service.Method, Param its decrypted param
	OpPage  = "page"  // a browser-page action: Name is the action, Args its values
	OpReset = "reset" // Reset of SysID, or of everything when SysID is ""
)

// Op is one change to the state, as the write-ahead log of a kept state
// (mock's --data-dir) holds it and Replay applies it again after a restart.
// Its tape holds what it drew from the clock and the id source; Code is its
// outcome ("" for OK), which Replay checks to catch a state that diverged.
type Op struct {
	SysID string         `json:"sysid"`
	Kind  string         `json:"kind"`
	Name  string         `json:"name,omitempty"`
	Param map[string]any `json:"param,omitempty"`
	Args  []string       `json:"args,omitempty"`
	Tape  Tape           `json:"tape"`
	Code  string         `json:"code,omitempty"`
	// Strict is Config.Strict when the call ran: a replay judges the call's
	// leniencies (see Portability) as it was judged then, whatever the
	// emulator that replays it is configured with.
	Strict bool `json:"strict,omitempty"`
	// Rules is the generation of the rules the op was answered under
	// (RulesCurrent today; 0 in logs written before RulesDec2026): a replay answers
	// an older op as it was answered then, not by today's rules, so that a
	// data dir kept across an upgrade opens with the state it had.
	Rules int `json:"rules,omitempty"`
	// ManualAudit is set on a setCompanyInfo answered under --company-audit
	// manual (its audit left pending): a replay leaves it pending too,
	// whatever mode the emulator that replays it has.
	ManualAudit bool `json:"manualAudit,omitempty"`
	// Streams is the id streams the op drew from: StreamsPerApp (its
	// application's own) today, StreamsShared (0, one stream for every
	// application) in logs written before. A replay draws from the same
	// one, so that each goes on where it stood.
	Streams int `json:"streams,omitempty"`
}

// RulesDec2026 is the rules generation of December 2026: a validateType
// left out is SMS for balances (spec §4.2.4), pay refuses page orders
// (§4.2.9), an order's SMS code lasts 3 minutes (§6.16), fees go to the
// standard balance set (§4.3.2), goods types are §6.4's, an enterprise's
// one card is checked at bindBankCard (§4.1.10), crossBorderWithdrawApply
// reads bankCardPro (§4.2.23), the password lock ends at 0:00 (§4.1.17) and
// the password pages take 88888888888 (§4.1.23). An op of generation 0 replays by the rules
// before (see app.before).
const RulesDec2026 = 1

// RulesDec2026b is the second rules generation of December 2026. Changes
// under it: an order's money moves as the platform moves it, leg by leg
// (chainLegs: the receiver gets the amount, then pays its fee and splits;
// a channel's money passes through the payer); a payMethod part (a BALANCE
// item, COUPON, a channel) that pays zero or less is 40020 (spec §5.2,
// readPayment); pay and refund look up their bizUserId first, so that a
// locked member is 30022 and an unknown one 30001 (pay answered 40022 for
// it), a locked member's terminal payment and its back-fill are refused
// (30022), spec §4.1.15; and with --strict, a member's phone to bind that
// is no mobile number (§4.1.2, §6.18), applyBindAcct of an enterprise
// (§4.1.23 note (1)), unbindBankCard of a cardCheck 1 card (§4.1.14 note
// 2), a gateway's gateid outside §6.13 (20014), a vspCusid to payees that
// bound none (20009, §4.1.21), a withdrawal channel's unionBank not 12
// digits (40037), a WITHDRAW_HTBANK AMOUNT other than the order's
// (40005) and setCompanyInfo's companyBasicInfo outside §5.4's formats (a
// companyName with ASCII brackets, an expLicense not yyyy-MM-dd, 40044, a
// legalPhone that is no mobile number) or with a parentBankName outside
// §6.21 (bank-name) are refused, noted otherwise; a member that bound no acct with
// applyBindAcct pays WeChat JS, mini-program and Alipay life payments with
// any acct (§4.1.23 note 3 was noted, and refused with --strict, for
// every member). Orders: a collection for the
// platform and a payout to it are 30059 (§5.8, §4.2.6; the payout was
// 30001); a split to the platform into a set that is no standard set of
// §6.17 is 30018 (§5.3); an ALLINPAY_WALLET_H5 order without
// orderExpireDatetime expires after 60 minutes, and order-expiry-channel
// notes an expiry over 60 minutes for the methods without confirmation or
// under a minute for the wallet (§4.2.2, §5.2); a freeze's and an
// unfreeze's statement line draws a serial for its tradeNo (§5.12); a
// refundList item of an unknown set is 30019 (§5.9; was 40040); a binding's
// tranceNum is "D", its transDate and five digits (it was a 19-digit
// number). An op of an older generation replays by the rules before it.
const RulesDec2026b = 2

// RulesDec2026c is the third rules generation of December 2026 (its
// changes are listed in docs/reliability.md, "Upgrading"): an enterprise
// that never called setCompanyInfo is 30030 where its approval is checked
// or noted (app.unverified; it was 30050); the platform's withdrawal with
// validateType 1 or none waits for pay by #yunBizUserId_B2C# with the SMS
// code, sent to PlatformPhone (§4.2.3, §4.2.8; it completed at once); a
// batchAgentPay item whose bizOrderNo is taken refuses the batch with
// 40017 before any item is paid (§3.7, §4.2.7 note 3; it was skipped
// without a trace); crossBorderWithdrawApply holds the member to
// withdrawApply's prerequisites (spec §4.2.23 note 3: real name or
// approval, bound phone, e-contract; noted member-prerequisite, refused
// with --strict); an applicationTransfer extendInfo holding "|" is noted
// param-format (§4.2.17; 10000 with --strict); an order whose payer or a
// member it pays was locked after the apply is not paid, by pay or on its
// page (30022, §4.1.15; lockedParty); an enterprise's withdrawApply or
// crossBorderWithdrawApply with validateType 2 is noted
// enterprise-validate-type (§4.2.3; 40028 with --strict), and a
// crossBorderWithdrawApply summary left out, or not FEE and a number (ASCII letters and digits),
// required-param or param-format (§4.2.23; 10001, 10000 with --strict);
// spec §5.2's 小通分期 test cards are credit cards of their banks' BINs
// (they were debit cards of the test bank, 30040 to InstallmentPayment_H5)
// and not noted test-card-prefix, and an instalment outside 600 to 50,000
// yuan is noted instalment-amount (§5.2; 40020 with --strict); a pay's
// consumerIp that is no public IP address is noted consumer-ip (§4.2.8
// 用户公网 IP; it was only 127.0.0.1 and localhost; 10000 with --strict).
// An op of an older generation replays by the rules before it.
const RulesDec2026c = 3

// RulesDec2026d is the fourth rules generation of December 2026 (listed in
// docs/reliability.md, "Upgrading"): a pay's consumerIp that is a private
// or link-local address is no longer noted consumer-ip (nor refused with
// --strict): Allinpay's own test-environment demo confirms payments from
// 192.168.11.11; the loopback, the unspecified address and a value that is
// no IP address still are (§4.2.8); NotifyReserveFundIn carries status
// "ok" in its returnValue too and a made-up bare merid by default (it was
// TLT+sysid, §4.3.3); an automatic audit's rejection has the failReason
// 企业信息审核不通过, its trigger in the log and journal only (it named the
// trigger, §4.1.7); an extendInfo sent as "" is answered
// "" by the order methods, applicationTransfer and getOrderDetail (§4.2.2:
// 接口将原样返回; it was left out); a withdrawal whose extendInfo holds
// tsymock:fail:CODE, CODE a §7 code, fails with CODE (markedFailure; it
// failed with 40006). An op of an older generation replays by the rules
// before it.
const RulesDec2026d = 4

// RulesDec2026e is the fifth rules generation of December 2026 (listed in
// docs/reliability.md, "Upgrading"): setRealName notes an ID card number
// whose birth date is no calendar day (test-identity; 30012 with
// --strict) instead of refusing it: spec §6.18's own test identities
// have such numbers (310226123456745676 is born on 12345674), so the test
// environment does not refuse them; a cardCheck 6 binding takes the test
// environment's 111111 (§6.18) whatever --verification-code says, and the
// configured code with a test-sms-code note, as cardCheck 3 takes 11111;
// a payment or refund failed by a §5.2 test amount keeps the spec's
// Chinese words as its errorMessage (simulated; they were English); a
// consumption refund's refundList names the receiver or a split receiver
// only, up to what the split left it (checkGiver; 40022, 40020: it took
// the money from any member named); a withdrawal marked tsymock:fail and
// confirmed by SMS or password fails at its confirmation (markedWithdrawal;
// it failed at the apply).
// An op of an older generation replays by the rules before it.
const RulesDec2026e = 5

// RulesDec2026f is the sixth rules generation of December 2026 (listed in
// docs/reliability.md, "Upgrading"): with --strict, a WECHATPAY_APP_OPEN
// of an amount other than 9 is applied and its order fails at once (status
// 3), as an ALIPAY_APP_OPEN of 6 does (§5.2: 其余失败; the apply was
// refused with 40006); a cardCheck 3 binding takes §5.2's 111111 (实名付
// note 5: 开通实名付时，短信验证码为 111111) besides §6.18's 11111, with
// --strict too (it took 111111 only as the configured code, noted
// test-sms-code); a REALNAMEPAY pay confirmed with a configured code other
// than 111111 is noted test-sms-code (20011 with --strict; it passed); a
// consumption or collection paid by REALNAMEPAY(_BATCH) is refunded to the
// payer's balance, refundWhereabouts 1 (§4.2.16 note 6: 仅支持退款至余额的
// 支付方式：POS 支付-实名付、山东代收; it went back to the card), decided at
// the order's apply.
// An op of an older generation replays by the rules before it.
const RulesDec2026f = 6

// RulesCurrent is the generation today's ops are answered and logged under.
// A change that alters the answer or the state of an op that an older log
// may hold adds a generation, makes it current and keeps the older answer
// for ops whose rules are before it (app.before), so that a data dir kept
// across an upgrade replays with the state it had.
const RulesCurrent = RulesDec2026f

// Recorder makes ops durable before they are answered. The emulator calls
// Record with the application's lock held, so the log keeps every
// application's order; Wait after releasing it, so that one slow disk write
// serves many ops (group commit).
type Recorder interface {
	// Record appends op and returns its position in the log (from 1).
	Record(op *Op) (uint64, error)
	// Wait returns when the op at lsn is durable, or why it cannot be.
	Wait(lsn uint64) error
	// Err is the error that stopped the log, or nil while it works.
	Err() error
}

// opFunc is the body of an op: it runs with the application locked and
// answers a value for the caller.
type opFunc func(a *app) (any, *soa.Error)

// change runs fn as one op on op.SysID. With a recorder it is refused once
// the log has failed, records its draws, is written ahead, and is answered
// only when durable: a failed write answers 9200 (数据库错误), as the
// platform answers when its database fails.
func (e *Emulator) change(op Op, fn opFunc) (any, *soa.Error) {
	if e.rec != nil {
		if err := e.rec.Err(); err != nil {
			return nil, storeError(err)
		}
	}
	v, serr, lsn, err := e.applyLocked(&op, fn)
	if err == nil && lsn > 0 {
		err = e.rec.Wait(lsn)
	}
	if err != nil {
		return nil, storeError(err)
	}
	return v, serr
}

// applyLocked runs apply with the application locked, and unlocks it even
// if fn panics, so that one bug cannot stop every later call of the
// application (the mock answers the panicking call 9999).
func (e *Emulator) applyLocked(op *Op, fn opFunc) (any, *soa.Error, uint64, error) {
	a := e.lock(op.SysID)
	defer a.mu.Unlock()
	return e.apply(a, op, fn)
}

// apply runs fn with the application locked and, with a recorder, appends
// the op with its tape and outcome, naming the events it queued after it.
func (e *Emulator) apply(a *app, op *Op, fn opFunc) (any, *soa.Error, uint64, error) {
	a.rules, a.streams = e.answerAs, e.drawAs
	defer func() { a.rules, a.streams = RulesCurrent, StreamsPerApp }()
	if e.rec == nil || (a.funded && op.Kind == OpCall && reads(op.Name)) {
		a.ensureFunded(e.funds)
		v, serr := fn(a)
		return v, serr, 0, nil
	}
	t := &tape{}
	v, serr, start := e.run(a, t, fn)
	op.Tape, op.Code = t.Tape, errorCode(serr)
	op.Rules, op.Streams = e.answerAs, e.drawAs
	lsn, err := e.rec.Record(op)
	if err != nil {
		return nil, nil, 0, err
	}
	a.outbox.name(start, lsn)
	return v, serr, lsn, nil
}

// reads reports whether a method only looks at the state. With a kept
// state such calls are not written ahead, so a query costs no disk write;
// the first call of an application is, whatever it is, because it posts
// the starting funds. TestReadsChangeNothing holds every method here to it.
func reads(name string) bool {
	switch name {
	case "MemberService.getMemberInfo", "MemberService.getBankCardBin", "MemberService.queryBankCard",
		"OrderService.queryBalance", "OrderService.getOrderDetail", "OrderService.queryInExpDetail",
		"MerchantService.queryMerchantBalance", "MerchantService.queryReserveFundBalance",
		"MerchantService.getCheckAccountFile", "OrderService.queryGoods", "OrderService.getOrderSplitRuleListDetail",
		"OrderService.getPaymentInformationDetail", "OrderService.getPayeeFundsInTransitDetail",
		"MerchantService.queryBankBalance":
		return true
	}
	return false
}

// run runs fn on a with t as its tape, the same for a live op and its
// replay, and returns where the op's events start in the outbox.
func (e *Emulator) run(a *app, t *tape, fn opFunc) (any, *soa.Error, int) {
	a.tape = t
	defer func() { a.tape = nil }()
	start := len(a.outbox.items)
	a.ensureFunded(e.funds)
	v, serr := fn(a)
	return v, serr, start
}

// ensureFunded posts the platform's starting funds with the application's
// first op, so that their time is on that op's tape.
func (a *app) ensureFunded(funds int64) {
	if !a.funded {
		a.funded = true
		a.fund(funds)
	}
}

func errorCode(serr *soa.Error) string {
	if serr == nil {
		return ""
	}
	return serr.Code
}

// storeError is the answer to an op the log could not keep.
func storeError(err error) *soa.Error {
	return soa.Errorf("9200", "tsymock could not keep the state in its data dir (%v); the call was not kept: "+
		"fix the disk and restart tsymock, which comes back with every call answered OK before", err)
}

// lock returns the application locked, created if new. An application that
// Reset removed while the caller waited for its lock is looked up again.
func (e *Emulator) lock(sysid string) *app {
	for {
		a := e.app(sysid)
		a.mu.Lock()
		if !a.gone {
			return a
		}
		a.mu.Unlock()
	}
}

// find returns the application locked, or nil when it has no state: for
// looks that must not create one.
func (e *Emulator) find(sysid string) *app {
	for {
		e.mu.Lock()
		a, ok := e.apps[sysid]
		e.mu.Unlock()
		if !ok {
			return nil
		}
		a.mu.Lock()
		if !a.gone {
			return a
		}
		a.mu.Unlock()
	}
}

// unknownOp is a replayed op this version cannot apply.
func unknownOp(op *Op) error { return fmt.Errorf("emulator: unknown op %s %q", op.Kind, op.Name) }
