package emulator

import (
	"encoding/json"
	"maps"
)

// The smaller parts of an application's state, as the snapshot format
// writes them and as Restore reads them back.

func eventState(q queuedEvent) EventState {
	ev := q.ev
	return EventState{Seq: q.seq, Service: ev.Service, Method: ev.Method, BackURL: ev.BackURL, Status: ev.Status,
		ReturnValue: ev.ReturnValue, Extra: ev.Extra, ErrorCode: ev.ErrorCode, Message: ev.Message, At: nanosOf(ev.At),
		Order: ev.Order, Kind: ev.Kind, Form: ev.Form, Key: ev.Key}
}

// StateOfEvent is ev as a snapshot writes a queued notification (without
// its sysid and sequence): for a data dir that keeps the notifications a
// notifier took and has not finished beside the emulator's snapshot.
func StateOfEvent(ev Event) EventState {
	s := eventState(queuedEvent{ev: ev})
	s.Seq = 0
	return s
}

// Event is the notification s holds, of application sysid, as it was
// queued: StateOfEvent read back.
func (s *EventState) Event(sysid string) Event { return s.queued(sysid).ev }

// queued is the event of an application's outbox; every event carries its
// application's sysid (see notify).
func (s *EventState) queued(sysid string) queuedEvent {
	return queuedEvent{seq: s.Seq, ev: Event{SysID: sysid, Service: s.Service, Method: s.Method, BackURL: s.BackURL,
		Status: s.Status, ReturnValue: int64s(s.ReturnValue), Extra: int64s(s.Extra), ErrorCode: s.ErrorCode,
		Message: s.Message, At: s.At.time(), Order: s.Order, Kind: s.Kind, Form: maps.Clone(s.Form), Key: s.Key}}
}

// int64s turns the integers of a decoded map back into int64, the type
// the emulator gives every number it puts in an event, so that a restored
// event is the one queued, not only one that encodes the same.
func int64s(m map[string]any) map[string]any {
	if m == nil {
		return nil
	}
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = int64Value(v)
	}
	return out
}

func int64Value(v any) any {
	switch x := v.(type) {
	case json.Number:
		if n, err := x.Int64(); err == nil {
			return n
		}
	case map[string]any:
		return int64s(x)
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = int64Value(e)
		}
		return out
	}
	return v
}

func (b *backfill) state(trxid string) BackfillState {
	return BackfillState{Trxid: trxid, Form: b.form, OrderBackURL: b.orderBackURL, Answered: b.answered, OrderNo: b.orderNo,
		Acct: b.acct, AcctType: b.acctType}
}

func (s *BackfillState) backfill() *backfill {
	return &backfill{form: maps.Clone(s.Form), orderBackURL: s.OrderBackURL, answered: s.Answered, orderNo: s.OrderNo,
		acct: s.Acct, acctType: s.AcctType}
}

func (g *goods) state() GoodsState {
	return GoodsState{GoodsNo: g.goodsNo, BizGoodsNo: g.bizGoodsNo, Owner: g.owner, GoodsType: g.goodsType,
		Name: g.name, Detail: g.detail, ShowURL: g.showURL, ExtendInfo: g.extendInfo, Params: g.params}
}

func (s *GoodsState) goods() *goods {
	return &goods{goodsNo: s.GoodsNo, bizGoodsNo: s.BizGoodsNo, owner: s.Owner, goodsType: s.GoodsType, name: s.Name,
		detail: s.Detail, showURL: s.ShowURL, extendInfo: s.ExtendInfo, params: s.Params}
}

func ruleStates(rules []rule) []RuleState {
	var out []RuleState
	for _, r := range rules {
		out = append(out, RuleState{BizUserID: r.bizUserID, AccountSet: r.accountSet, Remark: r.remark,
			Amount: r.amount, Fee: r.fee, Sub: ruleStates(r.sub)})
	}
	return out
}

func rulesOf(states []RuleState) []rule {
	var out []rule
	for _, s := range states {
		out = append(out, rule{bizUserID: s.BizUserID, accountSet: s.AccountSet, remark: s.Remark, amount: s.Amount,
			fee: s.Fee, sub: rulesOf(s.Sub)})
	}
	return out
}

func shareStates(shares []share) []ShareState {
	var out []ShareState
	for _, s := range shares {
		out = append(out, ShareState{BizUserID: s.bizUserID, Amount: s.amount})
	}
	return out
}

func sharesOf(states []ShareState) []share {
	var out []share
	for _, s := range states {
		out = append(out, share{bizUserID: s.BizUserID, amount: s.Amount})
	}
	return out
}

func drawnStates(drawns []drawn) []DrawnState {
	var out []DrawnState
	for _, d := range drawns {
		out = append(out, DrawnState{Payout: d.payout, Payee: d.payee, Amount: d.amount})
	}
	return out
}

func drawnOf(states []DrawnState) []drawn {
	var out []drawn
	for _, s := range states {
		out = append(out, drawn{payout: s.Payout, payee: s.Payee, amount: s.Amount})
	}
	return out
}
