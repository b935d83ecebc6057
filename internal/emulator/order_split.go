package emulator

import (
	"fmt"
	"slices"

	"github.com/tsymock/tsymock/internal/soa"
)

// maxSplitMembers is how many members a split rule may pay at all its
// levels together (spec §5.3, §4.2.4 splitRule, §4.2.6 and §5.11
// splitRuleList, and the changelog of V2.1.5: 分账总会员数<=10). The spec
// counts members, not items: a member named in two items is one member,
// and the platform (#yunBizUserId_B2C#), which §5.3 names beside the
// members (分账到会员或者平台账户), is none. How deep a rule may nest is
// soa.SplitLevels.
const maxSplitMembers = 10

// splitPlan is where a split rule sends an order's money (spec §5.3): each
// receiver its net share, in the account its item names, and every item's
// fee to the platform (fees are taken from the share, 内扣).
type splitPlan struct {
	shares []flow
	fees   int64
	rules  []rule // the items, each with its account, for chainLegs
}

// total is what the plan takes of the order: the split items' amounts of
// the first level, which the shares and the fees add up to.
func (p *splitPlan) total() int64 {
	t := p.fees
	for _, s := range p.shares {
		t += s.amount
	}
	return t
}

// splits reads and checks the split rule sent as name (consumeApply's
// splitRule, a payout's splitRuleList) against available, what the order
// leaves after its fee. Split rules are multi-level (spec §5.3): an item's
// receiver gets its amount, pays its fee and passes on what its own
// splitRuleList gives, keeping the rest. The shape is checked first
// (levels, members: 10000; more items than members allowed: a
// split-members note), then each item top down: its receiver (30058 and
// the like), its set, its amount and fee, and that a list does not give
// away more than its parent has after its fee (40020, as the first level
// against the order).
func (a *app) splits(name string, v any, available int64) (*splitPlan, *soa.Error) {
	rules := readRules(v)
	if serr := a.checkSplitShape(name, rules); serr != nil {
		return nil, serr
	}
	plan := &splitPlan{rules: rules}
	if serr := a.planSplits(plan, rules, available, name, nil); serr != nil {
		return nil, serr
	}
	return plan, nil
}

// checkSplitShape refuses a rule deeper than soa.SplitLevels or paying
// more than maxSplitMembers distinct members. The code is tsymock's choice:
// §7 has none about splits, and 10000 (参数错误) is its code for a param the
// method cannot take. More than maxSplitMembers items naming no more
// members passes with a split-members note: the spec's 总会员数 counts
// members, but whether the platform counts the items instead (a member
// named twice twice, the platform too) it does not say.
func (a *app) checkSplitShape(name string, rules []rule) *soa.Error {
	members := map[string]bool{}
	levels, items := splitShape(rules, members)
	if levels > soa.SplitLevels {
		return soa.Errorf("10000", "%s nests %d levels deep; split rules take %d levels at most (spec §5.3, §4.2.4)",
			name, levels, soa.SplitLevels)
	}
	if len(members) > maxSplitMembers {
		return soa.Errorf("10000", "%s pays %d members at all its levels; split rules take %d members at most "+
			"(spec §5.3, §4.2.4: 分账总会员数<=10; the platform does not count)", name, len(members), maxSplitMembers)
	}
	if items > maxSplitMembers {
		return a.lenient(RuleSplitMembers, "10000", "%s holds %d items at all its levels, naming %d members: spec "+
			"§5.3 and §4.2.4 take %d members at most (分账总会员数<=10) and do not say whether the platform counts "+
			"items instead", name, items, len(members), maxSplitMembers)
	}
	return nil
}

// splitShape is how deep rules nest and how many items they hold in all;
// it adds each member they pay, the platform aside, to members.
func splitShape(rules []rule, members map[string]bool) (levels, items int) {
	for _, r := range rules {
		l, n := splitShape(r.sub, members)
		levels = max(levels, l+1)
		items += n + 1
		if r.bizUserID != OwnerPlatform {
			members[r.bizUserID] = true
		}
	}
	return levels, items
}

// planSplits checks one list of split items, at path, and adds them to the
// plan; parent is the item whose list it is, nil for the first level.
func (a *app) planSplits(plan *splitPlan, rules []rule, available int64, path string, parent *rule) *soa.Error {
	var sum int64
	for i := range rules {
		r, at := &rules[i], fmt.Sprintf("%s[%d]", path, i)
		to, serr := a.splitAccount(r, at)
		if serr != nil {
			return serr
		}
		r.to = to
		if r.amount < 0 || r.fee < 0 || r.fee > r.amount {
			return soa.Errorf("40020", "%s for %s: amount %d, fee %d (spec §5.3: the fee is taken from the amount)",
				at, r.bizUserID, r.amount, r.fee)
		}
		var ok bool
		if sum, ok = addFen(sum, r.amount); !ok {
			return tooMuch(path)
		}
		share := len(plan.shares)
		plan.shares = append(plan.shares, flow{to, 0})
		plan.fees += r.fee
		if serr := a.planSplits(plan, r.sub, r.amount-r.fee, at+".splitRuleList", r); serr != nil {
			return serr
		}
		// what r keeps, once its own list is known to give away no more
		// than r has after its fee (and to add up without overflow)
		plan.shares[share].amount = r.amount - r.fee - sumAmounts(r.sub)
	}
	if sum <= available {
		return nil
	}
	if parent == nil {
		return soa.Errorf("40020", "%s shares add up to %d, more than the %d left after the fee", path, sum, available)
	}
	return soa.Errorf("40020", "%s shares add up to %d, more than the %d that %s has of its own share after its fee "+
		"(spec §5.3: a receiver passes on part of what it gets)", path, sum, available, parent.bizUserID)
}

// sumAmounts is what a list of split items gives away.
func sumAmounts(rules []rule) int64 {
	var t int64
	for _, r := range rules {
		t += r.amount
	}
	return t
}

// splitAccount checks a split item's receiver and says where it is paid
// (spec §5.3 accountSetNo): a member into the set sent, by default the
// escrow set; the platform into the set it names, one of its standard sets
// but not the reserve set (30018). A split to the platform that names no
// set is a required-param note (10001 with --strict), paid into its
// standard set.
func (a *app) splitAccount(r *rule, at string) (Account, *soa.Error) {
	id, serr := a.receiver(r.bizUserID)
	if serr != nil {
		return Account{}, serr
	}
	set := r.accountSet
	switch {
	case set == "" && id != OwnerPlatform:
		set = a.escrowSet()
	case set == "":
		set = a.standardSet()
		if serr := a.lenient(ruleRequired, "10001", "%s.accountSetNo: a split to the platform names the standard set "+
			"it goes into (spec §5.3); tsymock takes %s", at, set); serr != nil {
			return Account{}, serr
		}
	case id == OwnerPlatform && set == setReserve:
		return Account{}, soa.Errorf("30018", "%s.accountSetNo %s: a split to the platform goes into one of its "+
			"standard sets, never the reserve set (spec §5.3, §6.17)", at, set)
	}
	if serr := a.checkSet(set); serr != nil {
		return Account{}, serr
	}
	if id == OwnerPlatform && !a.platformSplitSet(set) {
		return Account{}, soa.Errorf("30018", "%s.accountSetNo %s: a split to the platform goes into one of its "+
			"standard sets (spec §5.3: 请填写平台的标准账户集编号; §6.17), not the escrow set", at, set)
	}
	return acct(id, set), a.checkMemberSet(at+".accountSetNo", id, set)
}

// platformSplitSet reports whether a split to the platform may go into set:
// one of §6.17's standard sets (100003 is refused before), or the set the
// platform's money goes to in an application that has none of them
// (standardSet). The escrow set is a member's set, no standard one; ops
// answered before RulesDec2026b paid the platform there too. §6.17 lists
// the intermediate sets 100004 and 100005 among the standard sets and §5.3
// excludes only 100003, so they are taken.
func (a *app) platformSplitSet(set string) bool {
	return a.before(RulesDec2026b) || slices.Contains(platformSets(), set) || set == a.standardSet()
}

// distribute is where an order's amount goes: each split receiver its net
// share, the receiver the rest in set (the order's), and the platform the
// order's fee and every split item's fee in its standard balance set (see
// income; spec §4.3.2, §5.3: the fees are 内扣, taken from the shares).
func (a *app) distribute(receiver, set string, amount, fee int64, plan *splitPlan) []flow {
	to := append([]flow{}, plan.shares...)
	return append(to, flow{acct(receiver, set), amount - fee - plan.total()},
		flow{a.feeAccount(set), fee + plan.fees})
}
