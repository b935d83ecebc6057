package emulator

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"time"

	"github.com/tsymock/tsymock/internal/soa"
)

// state is the order as the snapshot format writes it; ori is the
// position of its original among the application's orders (0: none).
func (o *order) state(ori int) (OrderState, error) {
	s := OrderState{OrderNo: o.orderNo, BizOrderNo: o.bizOrderNo, Kind: o.kind, Payer: o.payer,
		Receiver: o.receiver, AccountSet: o.accountSet, Amount: o.amount, Fee: o.fee, Status: o.status,
		ErrorCode: o.errorCode, ErrorMessage: o.errorMessage, Created: nanosOf(o.created), PaidAt: nanosOf(o.paidAt),
		Expires: nanosOf(o.expires), BackURL: o.backURL, ExtendInfo: o.extendInfo, ExtendInfoEmpty: o.extendInfoEmpty, FrontURL: o.frontURL,
		PayMethod: o.payMethod, Phone: o.phone, ResentAt: nanosOf(o.resentAt), CodeSentAt: nanosOf(o.codeSentAt),
		ValidateType: o.validateType,
		ValidateSent: o.validateSent, Refunded: o.refunded, FeeRefunded: o.feeRefunded,
		Shares: maps.Clone(o.shares), PaidOut: o.paidOut, Ori: ori, Acct: o.acct, Whereabouts: o.whereabouts,
		BizBatchNo: o.batch, OriTransfer: o.oriTransfer}
	for _, p := range o.pay.parts {
		var body any = p.body
		if p.List {
			body = p.items
		}
		b, err := json.Marshal(body)
		if err != nil {
			return s, fmt.Errorf("emulator: snapshot of order %s: payMethod %s: %w", o.orderNo, p.Key, err)
		}
		s.Pay = append(s.Pay, PayPartState{Key: p.Key, Body: b})
	}
	for _, src := range o.sources {
		ss := SourceState{Account: accountState(src.acct), Amount: src.amount, Key: src.key, Refunded: src.refunded}
		if src.back != nil {
			back := accountState(*src.back)
			ss.Back = &back
		}
		s.Sources = append(s.Sources, ss)
	}
	for _, g := range o.legs {
		s.Legs = append(s.Legs, legState(g))
	}
	for _, f := range o.payouts {
		s.Payouts = append(s.Payouts, FlowState{Account: accountState(f.acct), Amount: f.amount})
	}
	return s, nil
}

// order is the order an OrderState holds; all are the application's
// orders restored before it, where its original is, and specs the pay
// methods by key.
func (s *OrderState) order(all []*order, specs map[string]soa.PayMethodSpec) (*order, error) {
	o := &order{orderNo: s.OrderNo, bizOrderNo: s.BizOrderNo, kind: s.Kind, payer: s.Payer, receiver: s.Receiver,
		accountSet: s.AccountSet, amount: s.Amount, fee: s.Fee, status: s.Status, errorCode: s.ErrorCode,
		errorMessage: s.ErrorMessage, created: s.Created.time(), paidAt: s.PaidAt.time(), expires: chinaTime(s.Expires.time()), backURL: s.BackURL,
		extendInfo: s.ExtendInfo, extendInfoEmpty: s.ExtendInfoEmpty, frontURL: s.FrontURL, payMethod: s.PayMethod, phone: s.Phone, resentAt: s.ResentAt.time(), codeSentAt: s.CodeSentAt.time(),
		validateType: s.ValidateType, validateSent: s.ValidateSent, refunded: s.Refunded, feeRefunded: s.FeeRefunded,
		shares: maps.Clone(s.Shares), paidOut: s.PaidOut, acct: s.Acct, whereabouts: s.Whereabouts,
		batch: s.BizBatchNo, oriTransfer: s.OriTransfer}
	if s.Ori < 0 || s.Ori > len(all) {
		return nil, fmt.Errorf("emulator: restore order %s: its original is order %d of the %d before it", s.OrderNo, s.Ori, len(all))
	}
	if s.Ori > 0 {
		o.ori = all[s.Ori-1]
	}
	for _, p := range s.Pay {
		part, err := p.part(specs)
		if err != nil {
			return nil, fmt.Errorf("emulator: restore order %s: %w", s.OrderNo, err)
		}
		o.pay.parts = append(o.pay.parts, part)
	}
	for _, src := range s.Sources {
		so := &source{flow: flow{src.Account.account(), src.Amount}, key: src.Key, refunded: src.Refunded}
		if src.Back != nil {
			back := src.Back.account()
			so.back = &back
		}
		o.sources = append(o.sources, so)
	}
	for _, f := range s.Payouts {
		o.payouts = append(o.payouts, flow{f.Account.account(), f.Amount})
	}
	for _, g := range s.Legs {
		o.legs = append(o.legs, g.leg())
	}
	return o, nil
}

// part reads a pay method back as readPayment read it: its spec by key,
// its body with numbers as json.Number, as the mock decodes a request.
func (p *PayPartState) part(specs map[string]soa.PayMethodSpec) (payPart, error) {
	spec, ok := specs[p.Key]
	if !ok {
		return payPart{}, fmt.Errorf("payMethod %q is not a pay method of this version", p.Key)
	}
	var body any
	dec := json.NewDecoder(bytes.NewReader(p.Body))
	dec.UseNumber()
	if err := dec.Decode(&body); err != nil {
		return payPart{}, fmt.Errorf("payMethod %s: %w", p.Key, err)
	}
	if items, ok := body.([]any); ok && !spec.List {
		return payPart{}, fmt.Errorf("payMethod %s: an object body is a list (%d items)", p.Key, len(items))
	}
	return newPart(spec, body), nil
}

// nanosOf is a time in the format.
func nanosOf(t time.Time) Nanos {
	if t.IsZero() {
		return 0
	}
	return Nanos(t.UnixNano())
}

// time is the time as an op's tape hands it out (see app.now), in China
// time: the very value a replay would have made.
func (n Nanos) time() time.Time {
	if n == 0 {
		return time.Time{}
	}
	return time.Unix(0, int64(n)).In(soa.Shanghai())
}

// chinaTime is a time read in China time, as orderExpireDatetime is.
func chinaTime(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	return t.In(soa.Shanghai())
}

// accountState and account convert: the two types have the same fields, so
// a field added to one alone stops the build here.
func accountState(a Account) AccountState { return AccountState(a) }

func (a AccountState) account() Account { return Account(a) }

func legState(g Leg) LegState {
	return LegState{From: accountState(g.From), To: accountState(g.To), Amount: g.Amount}
}

func (g LegState) leg() Leg { return Leg{From: g.From.account(), To: g.To.account(), Amount: g.Amount} }
