package emulator

// chainLegs are an order's legs as the platform posts them, one movement
// at a time, so that each account's statement shows each movement (spec
// §5.3's worked example: receiver 10000 +1000 -10 -500 -200; §5.11's:
// userA +10000 -500): money a channel brings (a card, a wallet) first
// reaches the payer's account in via and leaves it again, as the real test
// environment shows a card-paid collection (+1000 充值, -1000 无验证代收,
// one bizOrderNo); the receiver gets the whole amount; then it pays the
// order's fee and each split item its amount, and each item's receiver
// pays its own fee and passes on its own list (§5.3: fees 内扣, splits
// taken from the receiver's proceeds). A deposit's via is its receiver:
// the money comes straight in.
func (a *app) chainLegs(sources []*source, via, receiver Account, amount, fee int64, plan *splitPlan) []Leg {
	var legs, in []Leg
	var from []flow
	for _, s := range sources {
		f := s.flow
		if f.acct.Owner == OwnerOutside && via != receiver {
			in = append(in, Leg{f.acct, via, f.amount})
			f.acct = via
		}
		from = joinFlow(from, f)
	}
	legs = append(append(legs, in...), match(from, []flow{{receiver, amount}})...)
	if fee > 0 {
		legs = append(legs, Leg{receiver, a.feeAccount(receiver.Set), fee})
	}
	if plan != nil {
		legs = a.splitLegs(legs, receiver, plan.rules)
	}
	return legs
}

// joinFlow adds f to flows, to the flow of the same account if there is
// one: a payer pays an order once from each account, however many parts
// of its payMethod the money came by.
func joinFlow(flows []flow, f flow) []flow {
	for i := range flows {
		if flows[i].acct == f.acct {
			flows[i].amount += f.amount
			return flows
		}
	}
	return append(flows, f)
}

// splitLegs appends the legs by which from pays its split items: each
// item's receiver its amount, then the item's fee to the platform and the
// item's own list from that receiver.
func (a *app) splitLegs(legs []Leg, from Account, rules []rule) []Leg {
	for _, r := range rules {
		if r.amount > 0 {
			legs = append(legs, Leg{from, r.to, r.amount})
		}
		if r.fee > 0 {
			legs = append(legs, Leg{r.to, a.feeAccount(r.to.Set), r.fee})
		}
		legs = a.splitLegs(legs, r.to, r.sub)
	}
	return legs
}
