package emulator

import (
	"slices"

	"github.com/tsymock/tsymock/internal/soa"
)

// SetMarketing and SetDeposit are the platform's marketing (营销) and
// deposit (保证金) account sets of spec §6.17, the ones COUPON pays from.
const (
	SetMarketing = "2000000"
	SetDeposit   = "100002"
)

// flow is an amount leaving or reaching one account.
type flow struct {
	acct   Account
	amount int64
}

// source is where part of an order's money came from: a pay method of its
// payMethod, and how much of it refunds have given back.
type source struct {
	flow
	key      string // BALANCE, COUPON or the channel's key
	refunded int64
	// back is where refunds go when not to acct: the payer's balance for
	// the channels that refund only there (spec §4.2.16 note 6).
	back *Account
}

// refundTo is where refunds of the source go.
func (s *source) refundTo() Account {
	if s.back != nil {
		return *s.back
	}
	return s.acct
}

// refundsToBalance reports whether the refunds of a channel go to the
// payer's balance, not back to the channel: spec §4.2.16 note 6 (line
// 7627: 仅支持退款至余额的支付方式：POS 支付-实名付、山东代收) names 山东代收
// (WITHHOLD_SD) and 实名付 (REALNAMEPAY, REALNAMEPAY_BATCH; since
// RulesDec2026f). No method of §5.2 is a POS terminal's 实名付, and note 5
// has SOA refund no POS payment at all, so the words are read as 实名付
// itself, as a collection (代收) through 通联通 that its channel does not
// refund, like 山东代收. An order applied before RulesDec2026f refunds its
// 实名付 to the card.
func (a *app) refundsToBalance(key string) bool {
	switch key {
	case "WITHHOLD_SD":
		return true
	case "REALNAMEPAY", "REALNAMEPAY_BATCH":
		return !a.before(RulesDec2026f)
	}
	return false
}

// match turns what leaves from into what reaches to, both in order: each
// target takes from the sources in turn. The amounts add up on both sides
// (the callers make sure), so the legs post every target exactly; with a
// single source it is one leg per target, as a plain payment has.
func match(from, to []flow) []Leg {
	left := make([]int64, len(from))
	for i, f := range from {
		left[i] = f.amount
	}
	var legs []Leg
	i := 0
	for _, t := range to {
		need := t.amount
		for need > 0 && i < len(from) {
			take := min(need, left[i])
			if take > 0 {
				legs = append(legs, Leg{from[i].acct, t.acct, take})
			}
			need, left[i] = need-take, left[i]-take
			if left[i] == 0 {
				i++
			}
		}
	}
	return legs
}

// flows are the sources as flows, for match.
func flows(sources []*source) []flow {
	out := make([]flow, len(sources))
	for i, s := range sources {
		out[i] = s.flow
	}
	return out
}

// paySources are where a consumption or a collection takes its money, in
// the spec's order of its methods: outside for a channel (booked in set,
// the order's), the payer's balance in each BALANCE item's set (30019 for
// one the application lacks), the platform's COUPON set.
func (a *app) paySources(pm payment, payer, set string) ([]*source, *soa.Error) {
	var out []*source
	for _, p := range pm.parts {
		switch p.Key {
		case "BALANCE":
			for _, it := range p.items {
				itemSet := asStr(it["accountSetNo"])
				if serr := a.checkSet(itemSet); serr != nil {
					return nil, serr
				}
				if serr := a.checkMemberSet("BALANCE accountSetNo", payer, itemSet); serr != nil {
					return nil, serr
				}
				out = append(out, &source{flow: flow{acct(payer, itemSet), asInt(it["amount"])}, key: p.Key})
			}
		case "COUPON":
			couponSet, serr := a.couponSet(p)
			if serr != nil {
				return nil, serr
			}
			out = append(out, &source{flow: flow{acct(OwnerPlatform, couponSet), p.amount}, key: p.Key})
		default:
			s := &source{flow: flow{acct(OwnerOutside, set), p.amount}, key: p.Key}
			if a.refundsToBalance(p.Key) {
				back := acct(payer, set)
				s.back = &back
			}
			out = append(out, s)
		}
	}
	return out, nil
}

// couponSet is the platform's set a COUPON pays from: its accountSetNo
// (30019 when the application lacks it), else the marketing set, or, for an
// application without one, its standard set (tsymock's choice, so that a
// coupon works with the default sets). The spec allows the marketing and
// deposit sets only; another is let pass and noted (rule coupon-set).
func (a *app) couponSet(p payPart) (string, *soa.Error) {
	set := asStr(p.body["accountSetNo"])
	if set != "" {
		if serr := a.checkSet(set); serr != nil {
			return "", serr
		}
	} else if set = SetMarketing; !slices.Contains(a.sets, set) {
		set = a.standardSet()
	}
	if set == SetMarketing || set == SetDeposit {
		return set, nil
	}
	return set, a.lenient(RuleCouponSet, "30018", "COUPON pays from the platform's set %s; the platform pays "+
		"coupons from its marketing set %s or its deposit set %s only (spec §5.2)", set, SetMarketing, SetDeposit)
}

// orderSet is the set a consumption or collection is booked in: its first
// BALANCE item's, else the application's escrow set.
func (a *app) orderSet(pm payment) string {
	if b := pm.part("BALANCE"); b != nil && len(b.items) > 0 {
		return asStr(b.items[0]["accountSetNo"])
	}
	return a.escrowSet()
}

// refundTargets are where a refund of amount goes back to: couponAmount to
// the COUPON it came from, the rest to the channel, then to the balances,
// as far as each source has not been given back yet (40020 when they
// cannot take it; spec §4.2.16 notes 7 and 10).
func refundTargets(ori *order, amount, couponAmount int64) ([]flow, *soa.Error) {
	var out []flow
	give := func(s *source, n int64) int64 {
		take := min(n, s.amount-s.refunded)
		if take > 0 {
			out = append(out, flow{s.refundTo(), take})
		}
		return n - take
	}
	coupon, rest := couponAmount, amount-couponAmount
	for _, s := range ori.sources {
		if s.key == "COUPON" {
			coupon = give(s, coupon)
		}
	}
	for _, channel := range []bool{true, false} { // the channel first, then the balances
		for _, s := range ori.sources {
			if s.key != "COUPON" && (s.key != "BALANCE") == channel {
				rest = give(s, rest)
			}
		}
	}
	if coupon > 0 || rest > 0 {
		return nil, soa.Errorf("40020", "refund of %d with couponAmount %d: order %s can still give back %d to "+
			"its COUPON and %d to the rest of its payment", amount, couponAmount, ori.bizOrderNo,
			ori.unrefunded(true), ori.unrefunded(false))
	}
	return out, nil
}

// unrefunded is what refunds have not given back of an order's COUPON sources,
// or of the others.
func (o *order) unrefunded(coupon bool) int64 {
	var n int64
	for _, s := range o.sources {
		if (s.key == "COUPON") == coupon {
			n += s.amount - s.refunded
		}
	}
	return n
}

// takeBack records that a refund gave its targets back to ori's sources, in
// the order refundTargets chose them.
func takeBack(ori *order, targets []flow) {
	for _, t := range targets {
		for _, s := range ori.sources {
			if s.refundTo() == t.acct && s.amount-s.refunded > 0 {
				n := min(t.amount, s.amount-s.refunded)
				s.refunded += n
				t.amount -= n
			}
		}
	}
}
