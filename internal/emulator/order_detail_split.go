package emulator

import "github.com/tsymock/tsymock/internal/soa"

// Split states of getOrderSplitRuleListDetail.
const (
	splitNotDone = 0 // the order is unpaid, failed or closed: no share was credited
	splitDone    = 1 // the order was paid, and every share credited with it
)

// getOrderSplitRuleListDetail answers the split rules a consumption
// (splitRule) or a payout (splitRuleList) was made with, as they were sent,
// nested lists included; recieverId (sic, as in consumeApply) is who got
// the rest (spec §4.2.24). An order made without them, or of another kind
// (which has none: a collection is split by its payouts), has no split
// record: 40002 (tsymock's choice of code) with the spec's words.
func getOrderSplitRuleListDetail(a *app, p params) (map[string]any, *soa.Error) {
	o, ok := a.book.byBiz[p.str("bizOrderNo")]
	if !ok {
		return nil, soa.Quoted("40000", textNoOrder)
	}
	rules := a.book.read().rules[o.orderNo]
	if len(rules) == 0 {
		return nil, soa.Quoted("40002", textNoSplit)
	}
	state := splitNotDone
	if o.status == statusSucceeded || o.status == statusRefunded {
		state = splitDone
	}
	return map[string]any{"orderNo": o.orderNo, "bizOrderNo": o.bizOrderNo, "recieverId": o.splitReceiver(),
		"state": state, "splitRuleListDetail": rulesAnswer(rules)}, nil
}

// splitReceiver is who gets what the split rules leave of an order: a
// consumption's recieverId, a payout's payee (a failed batch item knows its
// payee only as its bizUserId).
func (o *order) splitReceiver() string {
	if o.kind == kindAgentPay && o.receiver == "" {
		return o.payer
	}
	return o.receiver
}

// rulesAnswer writes split rules as the answer's items: every key present,
// splitRuleList an empty list rather than absent, so that SDKs that read
// each key find it.
func rulesAnswer(rules []rule) []any {
	out := make([]any, 0, len(rules))
	for _, r := range rules {
		out = append(out, map[string]any{"bizUserId": r.bizUserID, "accountSetNo": r.accountSet,
			"amount": r.amount, "fee": r.fee, "remark": r.remark, "splitRuleList": rulesAnswer(r.sub)})
	}
	return out
}
