package emulator

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/soa"
)

// specSplitRule is the worked example of spec §5.3: 10000 gets 1000 with a
// fee of 10 and passes 500 to 10001 and 200 to 10002; 10001 passes 100 to
// 10003, 10002 passes 50 to 10004.
const specSplitRule = `{"amount":1000,"fee":10,"remark":"一级","bizUserId":"10000","splitRuleList":[
	{"amount":500,"fee":0,"remark":"二级 001","bizUserId":"10001","splitRuleList":[
		{"amount":100,"fee":0,"remark":"三级 003","bizUserId":"10003"}]},
	{"amount":200,"fee":0,"remark":"二级 002","bizUserId":"10002","splitRuleList":[
		{"amount":50,"fee":0,"remark":"三级 004","bizUserId":"10004"}]}]}`

// splitMembers are the members the split tests pay.
var splitMembers = []string{"10000", "10001", "10002", "10003", "10004"}

// splitMethods make an order of 1500, fee 0, paying "shop" with a split
// rule: a consumption by "buyer", or a payout to shop of a collection that
// buyer paid, alone or as a batch's only item. Each answers the order's
// outcome: the call's, its error for a batch the failed item's.
var splitMethods = []struct {
	name  string
	order func(t *testing.T, e *Emulator, no, splits string) Outcome
}{
	{"consumeApply", func(t *testing.T, e *Emulator, no, splits string) Outcome {
		return call(t, e, "OrderService", "consumeApply", consume("buyer", "shop", no, 1500, 0, splits))
	}},
	{"signalAgentPay", func(t *testing.T, e *Emulator, no, splits string) Outcome {
		ok(t, e, "agentCollectApply", collect("buyer", "shop", "k-"+no, 1500))
		return call(t, e, "OrderService", "signalAgentPay", payoutWith("shop", no, "k-"+no, 1500, splits))
	}},
	{"batchAgentPay", func(t *testing.T, e *Emulator, no, splits string) Outcome {
		ok(t, e, "agentCollectApply", collect("buyer", "shop", "k-"+no, 1500))
		item := strings.Replace(payoutWith("shop", no, "k-"+no, 1500, splits), `,"tradeCode":"4001"`, "", 1)
		out := call(t, e, "OrderService", "batchAgentPay", fmt.Sprintf(`{"bizBatchNo":"B-%s","tradeCode":"4001","batchPayList":[%s]}`, no, item))
		require.Nil(t, out.Err, "the batch is taken; its item fails")
		if o := orderView(t, e, no); o.ErrorCode != "" {
			out.Err = &soa.Error{Code: o.ErrorCode, Message: o.ErrorMessage}
		}
		return out
	}},
}

// splitTest is an emulator with the buyer holding 10000 fen and shop and
// the split members ready to receive.
func splitTest(t *testing.T) *Emulator {
	t.Helper()
	return splitTestOf(t, newTest())
}

// splitTestOf readies e as splitTest does.
func splitTestOf(t *testing.T, e *Emulator) *Emulator {
	t.Helper()
	funded(t, e, 10000, "buyer")
	funded(t, e, 0, append([]string{"shop"}, splitMembers...)...)
	realNamed(t, e, append([]string{"shop"}, splitMembers...)...)
	return e
}

// owned is what owner holds (available and frozen) in an account set.
func owned(e *Emulator, owner, set string) int64 {
	a := e.app("app")
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.book.ledger.owned(owner, set).All
}

// assertBalanced checks the whole book: no account but outside is
// negative, and everything held came in from outside.
func assertBalanced(t *testing.T, e *Emulator) {
	t.Helper()
	a := e.app("app")
	a.mu.Lock()
	defer a.mu.Unlock()
	var sum int64
	for acc, b := range a.book.ledger.balances {
		sum += b // wrapping in between is fine: the ledger keeps each account within an int64
		if acc.Owner != OwnerOutside {
			assert.GreaterOrEqual(t, b, int64(0), "%v", acc)
		}
	}
	assert.Zero(t, sum, "the ledger sums to zero")
}

// TestSplitRuleOfTheSpec: the worked example of spec §5.3, paid by each
// method that takes split rules, ends with the balances the example lists:
// 10000 keeps 290, 10001 400, 10002 150, 10003 100, 10004 50, the platform
// the fee of 10: 1000 in all. The shop keeps the rest of the 1500.
func TestSplitRuleOfTheSpec(t *testing.T) {
	for _, m := range splitMethods {
		t.Run(m.name, func(t *testing.T) {
			e := splitTest(t)
			feesBefore := owned(e, OwnerPlatform, SetStandard)
			require.Nil(t, m.order(t, e, "s1", specSplitRule).Err)
			got := map[string]int64{}
			for _, id := range append([]string{"shop", "buyer"}, splitMembers...) {
				got[id] = owned(e, id, SetEscrow)
			}
			got["platform"] = owned(e, OwnerPlatform, SetStandard) - feesBefore // its fee income (spec §4.3.2)
			assert.Equal(t, map[string]int64{"10000": 290, "10001": 400, "10002": 150, "10003": 100, "10004": 50,
				"platform": 10, "shop": 500, "buyer": 10000 - 1500}, got)
			assert.Equal(t, int64(1000), got["10000"]+got["10001"]+got["10002"]+got["10003"]+got["10004"]+got["platform"],
				"the example's sum (spec §5.3)")
			assertBalanced(t, e)
		})
	}
}

// TestSplitRuleChecks: each method refuses a split rule that does not fit
// (spec §5.3, §4.2.4: three levels, a receiver passes on no more than it
// has after its fee), and then nothing moves. TestSplitMembers checks the
// ten members.
func TestSplitRuleChecks(t *testing.T) {
	item := func(id string, amount, fee int64, sub ...string) string {
		return fmt.Sprintf(`{"bizUserId":%q,"amount":%d,"fee":%d,"splitRuleList":[%s]}`, id, amount, fee, strings.Join(sub, ","))
	}
	ten := make([]string, 9)
	for i := range ten {
		ten[i] = item("10001", 10, 0)
	}
	tests := []struct {
		name, splits, code, says string
	}{
		{"the spec's example", specSplitRule, "", ""},
		{"a child takes all its parent has after the fee", item("10000", 1000, 10, item("10001", 990, 0)), "", ""},
		{"three levels", item("10000", 100, 0, item("10001", 50, 0, item("10002", 20, 0))), "", ""},
		{"ten items", item("10000", 1000, 0, ten...), "", ""},
		{"children over the parent's amount less its fee", item("10000", 1000, 10, item("10001", 500, 0), item("10002", 491, 0)),
			"40020", "splitRule[0].splitRuleList shares add up to 991, more than the 990 that 10000 has"},
		{"a third level over its parent", item("10000", 1000, 0, item("10001", 500, 5, item("10003", 496, 0))),
			"40020", "splitRule[0].splitRuleList[0].splitRuleList shares add up to 496, more than the 495 that 10001 has"},
		{"a nested fee over its amount", item("10000", 1000, 0, item("10001", 5, 6)),
			"40020", "splitRule[0].splitRuleList[0] for 10001: amount 5, fee 6"},
		{"a nested negative amount", item("10000", 1000, 0, item("10001", -1, 0)), "40020", "amount -1"},
		{"the first level over the order", item("10000", 1501, 0), "40020", "shares add up to 1501, more than the 1500 left after the fee"},
		{"four levels", item("10000", 100, 0, item("10001", 50, 0, item("10002", 20, 0, item("10003", 5, 0)))),
			"10000", "nests 4 levels deep; split rules take 3 levels at most (spec §5.3"},
		{"an unknown nested receiver", item("10000", 1000, 0, item("ghost", 1, 0)), "30058", "ghost"},
		{"a nested receiver in an unknown set", item("10000", 1000, 0, `{"bizUserId":"10001","accountSetNo":"999999","amount":1,"fee":0}`),
			"30019", "999999"},
		{"the platform's reserve set", `{"bizUserId":"#yunBizUserId_B2C#","accountSetNo":"100003","amount":1,"fee":0}`,
			"30018", "splitRule[0].accountSetNo 100003"},
		{"the platform into the escrow set", `{"bizUserId":"#yunBizUserId_B2C#","accountSetNo":"200126","amount":1,"fee":0}`,
			"30018", "splitRule[0].accountSetNo 200126: a split to the platform goes into one of its standard sets"},
		{"the platform nested into the escrow set", item("10000", 1000, 0, `{"bizUserId":"#yunBizUserId_B2C#","accountSetNo":"200126","amount":1,"fee":0}`),
			"30018", "splitRule[0].splitRuleList[0].accountSetNo 200126"},
		{"the platform into an unknown set", `{"bizUserId":"#yunBizUserId_B2C#","accountSetNo":"999","amount":1,"fee":0}`,
			"30019", "999"},
		{"the platform into the intermediate set A, a standard set of §6.17", `{"bizUserId":"#yunBizUserId_B2C#","accountSetNo":"100004","amount":1,"fee":0}`,
			"", ""},
	}
	for _, m := range splitMethods {
		for _, tt := range tests {
			t.Run(m.name+"/"+tt.name, func(t *testing.T) {
				e := splitTest(t)
				serr := m.order(t, e, "s1", tt.splits).Err
				if tt.code == "" {
					require.Nil(t, serr, "%v", serr)
					assertBalanced(t, e)
					return
				}
				require.NotNil(t, serr)
				assert.Equal(t, tt.code, serr.Code)
				assert.Contains(t, serr.Message, strings.Replace(tt.says, "splitRule[", splitName(m.name)+"[", 1))
				for _, id := range append([]string{"shop"}, splitMembers...) {
					assert.Zero(t, owned(e, id, SetEscrow), id)
				}
				assertBalanced(t, e)
			})
		}
	}
}

// splitName is the name of a method's split rule param.
func splitName(method string) string {
	if method == "consumeApply" {
		return "splitRule"
	}
	return "splitRuleList"
}

// TestSplitMembers: a split rule pays ten members at most at all its
// levels together (spec §5.3, §4.2.4: 分账总会员数<=10), counted once each
// however many items name them, the platform not at all; an eleventh is
// 10000 whether strict or not. More than ten items naming ten members or
// fewer pass with a split-members note, as the spec does not say whether
// the platform counts items (10000 with --strict), and nothing moves when
// refused.
func TestSplitMembers(t *testing.T) {
	item := func(id string, amount int64, sub ...string) string {
		return fmt.Sprintf(`{"bizUserId":%q,"amount":%d,"fee":0,"splitRuleList":[%s]}`, id, amount, strings.Join(sub, ","))
	}
	platform := `{"bizUserId":"#yunBizUserId_B2C#","accountSetNo":"100001","amount":1,"fee":0}`
	// items are one item each of members m1 to mN, 1 fen each
	items := func(n int) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = item(fmt.Sprint("m", i+1), 1)
		}
		return out
	}
	list := func(its ...string) string { return strings.Join(its, ",") }
	tests := []struct {
		name, splits string
		code         string // "" when it passes
		noted        bool   // passes with a split-members note (10000 with --strict)
		says         string
	}{
		{"ten members", list(items(10)...), "", false, ""},
		{"ten members over three levels", item("m9", 100, item("m10", 50, items(8)...)), "", false, ""},
		{"eleven members", list(items(11)...), "10000", false, "pays 11 members at all its levels; split rules take 10 members at most"},
		{"eleven members over three levels", item("m10", 100, item("m11", 50, items(9)...)), "10000", false, "pays 11 members"},
		{"eleven members and the platform", list(append(items(11), platform)...), "10000", false, "pays 11 members"},
		{"ten members and the platform: eleven items", list(append(items(10), platform)...), "", true,
			"holds 11 items at all its levels, naming 10 members"},
		{"eleven items naming one member", strings.Repeat(item("m1", 1)+",", 10) + item("m1", 1), "", true,
			"holds 11 items at all its levels, naming 1 members"},
		{"a member at each level, and ten more items", item("m1", 100, item("m1", 50, append(items(9), item("m1", 1))...)), "", true,
			"holds 12 items at all its levels, naming 9 members"},
		{"four levels are refused first", item("m1", 100, item("m2", 50, item("m3", 20, items(11)...))), "10000", false,
			"nests 4 levels deep"},
	}
	var members []string
	for i := range 11 {
		members = append(members, fmt.Sprint("m", i+1))
	}
	for _, m := range splitMethods {
		for _, tt := range tests {
			for _, strict := range []bool{false, true} {
				t.Run(fmt.Sprintf("%s/%s/strict=%v", m.name, tt.name, strict), func(t *testing.T) {
					e := newTest()
					if strict {
						e = newStrict()
					}
					e = splitTestOf(t, e)
					funded(t, e, 0, members...)
					realNamed(t, e, members...)
					out := m.order(t, e, "s1", tt.splits)
					notes := notesOf(out.Portability, RuleSplitMembers)
					code := tt.code
					if tt.noted && strict {
						code = "10000"
					}
					if code == "" {
						require.Nil(t, out.Err, "%v", out.Err)
						if !tt.noted {
							assert.Empty(t, notes)
							return
						}
						require.Len(t, notes, 1, "%v", out.Portability)
						assert.Equal(t, "10000", notes[0].Code)
						assert.Contains(t, notes[0].Message, tt.says)
						assert.Contains(t, notes[0].Message, "spec §5.3")
						return
					}
					require.NotNil(t, out.Err)
					assert.Equal(t, code, out.Err.Code)
					assert.Contains(t, out.Err.Message, tt.says)
					if tt.noted {
						assert.Contains(t, out.Err.Message, "rule "+RuleSplitMembers)
					}
					assert.Empty(t, notes)
					for _, id := range append([]string{"shop"}, members...) {
						assert.Zero(t, owned(e, id, SetEscrow), id)
					}
					assertBalanced(t, e)
				})
			}
		}
	}
}

// TestSplitSets: a member's share goes into the set its item names, the
// escrow set by default; the platform's into the set its item names (spec
// §5.3 accountSetNo); the order's fee and the split's go to the platform's
// standard balance set (spec §4.3.2 手续费: 资金入平台标准余额账户集).
func TestSplitSets(t *testing.T) {
	tests := []struct {
		name, splits string
		owner, set   string
		want         int64
	}{
		{"a member by default", `{"bizUserId":"10000","amount":100,"fee":1}`, "10000", SetEscrow, 99},
		{"a member into a set it names", `{"bizUserId":"10000","accountSetNo":"100001","amount":100,"fee":1}`, "10000", SetStandard, 99},
		{"the platform into its standard set", `{"bizUserId":"#yunBizUserId_B2C#","accountSetNo":"100001","amount":100,"fee":1}`,
			OwnerPlatform, SetStandard, 99},
		{"the platform into its marketing set", `{"bizUserId":"#yunBizUserId_B2C#","accountSetNo":"2000000","amount":100,"fee":1,
			"splitRuleList":[{"bizUserId":"10001","amount":40,"fee":0}]}`, OwnerPlatform, SetMarketing, 59},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := splitTest(t)
			before, fees := owned(e, tt.owner, tt.set), owned(e, OwnerPlatform, SetStandard)
			ok(t, e, "consumeApply", consume("buyer", "shop", "s1", 1000, 5, tt.splits))
			const income = 5 + 1 // the order's fee and the split's
			share, gained := owned(e, tt.owner, tt.set)-before, owned(e, OwnerPlatform, SetStandard)-fees
			if tt.owner == OwnerPlatform && tt.set == SetStandard {
				share, gained = share-income, gained-tt.want // the share and the fees went to one account
			}
			assert.Equal(t, tt.want, share)
			assert.Equal(t, int64(income), gained, "the fees, in the platform's standard set")
			assert.Zero(t, owned(e, OwnerPlatform, SetEscrow), "no fee in the order's set")
			assert.Equal(t, int64(1000-5-100), owned(e, "shop", SetEscrow))
			assertBalanced(t, e)
		})
	}
}

// TestRefundOfSplitConsumption: a refund does not undo the splits: the
// receiver bears them (spec §4.2.16 note 8), and refundList may name a
// split receiver, who gives back from the set it was paid into.
func TestRefundOfSplitConsumption(t *testing.T) {
	e := splitTest(t)
	ok(t, e, "consumeApply", consume("buyer", "shop", "c1", 1500, 0, specSplitRule))
	ok(t, e, "consumeApply", consume("buyer", "shop", "c2", 100, 0,
		`{"bizUserId":"10000","accountSetNo":"100001","amount":60,"fee":0,"splitRuleList":[{"bizUserId":"10001","amount":10,"fee":0}]}`))
	ok(t, e, "refund", `{"bizOrderNo":"r1","oriBizOrderNo":"c1","bizUserId":"buyer","amount":500}`)
	assert.Equal(t, []int64{100 - 60, 290, 400 + 10}, []int64{owned(e, "shop", SetEscrow), owned(e, "10000", SetEscrow),
		owned(e, "10001", SetEscrow)}, "the shop gave back its 500 of c1; the split receivers keep theirs")
	assert.Equal(t, "40014", code(t, e, "refund", `{"bizOrderNo":"r0","oriBizOrderNo":"c1","bizUserId":"buyer","amount":1000}`),
		"the shop lacks what the splits took")
	ok(t, e, "refund", `{"bizOrderNo":"r2","oriBizOrderNo":"c2","bizUserId":"buyer","amount":50,
		"refundList":[{"bizUserId":"10000","amount":50}]}`)
	assert.Equal(t, int64(0), owned(e, "10000", SetStandard), "10000 gave back its 50 from 100001, where c2 paid it")
	assert.Equal(t, int64(10000-1500-100+500+50), owned(e, "buyer", SetEscrow))
	assertBalanced(t, e)
}

// TestSplitExampleStatements: spec §5.3's worked example, its split list
// verbatim on a consumption, gives the statements it lists (10000 +1000
// -10 -500 -200 = 290; 10001 +500 -100; 10002 +200 -50; 10003 +100; 10004
// +50; the platform +10).
func TestSplitExampleStatements(t *testing.T) {
	e := newTest()
	funded(t, e, 2000, "buyer")
	funded(t, e, 0, "shop", "10000", "10001", "10002", "10003", "10004")
	example := `{"amount":1000,"fee":10,"remark":"消费一级分账","bizUserId":"10000","splitRuleList":[` +
		`{"amount":500,"fee":0,"remark":"消费订单二级分账 001","bizUserId":"10001","splitRuleList":[{"amount":100,"fee":0,"remark":"消费订单三级分账 003","bizUserId":"10003"}]},` +
		`{"amount":200,"fee":0,"remark":"消费订单二级分账 002","bizUserId":"10002","splitRuleList":[{"amount":50,"fee":0,"remark":"消费订单三级分账 004","bizUserId":"10004"}]}]}`
	ok(t, e, "consumeApply", consume("buyer", "shop", "c1", 2000, 0, example))
	want := map[string][]int64{"10000": {1000, -10, -500, -200}, "10001": {500, -100}, "10002": {200, -50},
		"10003": {100}, "10004": {50}, "shop": {2000, -1000}}
	for owner, changes := range want {
		var got []int64
		for _, l := range e.Statement("app", owner, "200126") {
			got = append(got, l.Change)
		}
		assert.Equal(t, changes, got, owner)
	}
	var fees []int64
	for _, l := range e.Statement("app", OwnerPlatform, "100001") {
		if l.BizOrderNo == "c1" {
			fees = append(fees, l.Change)
		}
	}
	assert.Equal(t, []int64{10}, fees, "the platform")
	all, _ := balance(t, e, "10000")
	assert.Equal(t, int64(290), all, "最终余额：290")
}

// TestConsumptionRefundListGivers: a consumption refund's refundList
// (noted refund-list) takes money only from whom the order paid: its
// receiver, or a split receiver up to what the split left it, less what
// earlier refunds took back (since RulesDec2026e; probe-U found a
// refundList naming a stranger emptied the stranger's balance). The
// payer or a stranger is 40022, as in a collection's refund; nothing
// moves when one is refused.
func TestConsumptionRefundListGivers(t *testing.T) {
	split := `{"bizUserId":"10000","accountSetNo":"200126","amount":300,"fee":0,"splitRuleList":[{"bizUserId":"10001","amount":100,"fee":0}]}`
	refund := func(no string, amount int64, list string) string {
		return fmt.Sprintf(`{"bizOrderNo":%q,"oriBizOrderNo":"c1","bizUserId":"buyer","amount":%d,"refundList":[%s]}`, no, amount, list)
	}
	for _, tc := range []struct {
		name   string
		before []string // refunds made first, which must pass
		refund string
		want   string
	}{
		{"a stranger", nil, refund("r", 50, `{"bizUserId":"stranger","amount":50}`), "40022"},
		{"the payer itself", nil, refund("r", 5, `{"bizUserId":"buyer","amount":5}`), "40022"},
		{"a split receiver, more than it kept", nil, refund("r", 250, `{"bizUserId":"10000","amount":250}`), "40020"},
		{"a split receiver, what it kept", nil, refund("r", 200, `{"bizUserId":"10000","amount":200}`), ""},
		{"the second split level, what it got", nil, refund("r", 100, `{"bizUserId":"10001","amount":100}`), ""},
		{"the receiver, what it kept", nil, refund("r", 1700, `{"bizUserId":"shop","amount":1700}`), ""},
		{"the receiver, more than it holds: short, not refused as a stranger", nil, refund("r", 1800, `{"bizUserId":"shop","amount":1800}`), "40014"},
		{"a split receiver, after giving back", []string{refund("r0", 150, `{"bizUserId":"10000","amount":150}`)},
			refund("r", 60, `{"bizUserId":"10000","amount":60}`), "40020"},
		{"a split receiver, the rest", []string{refund("r0", 150, `{"bizUserId":"10000","amount":150}`)},
			refund("r", 50, `{"bizUserId":"10000","amount":50}`), ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := splitTest(t)
			funded(t, e, 700, "stranger")
			ok(t, e, "consumeApply", consume("buyer", "shop", "c1", 2000, 0, split))
			for _, b := range tc.before {
				ok(t, e, "refund", b)
			}
			before := []int64{owned(e, "stranger", SetEscrow), owned(e, "10000", SetEscrow), owned(e, "buyer", SetEscrow)}
			got := call(t, e, "OrderService", "refund", tc.refund)
			assert.Equal(t, tc.want, errCode(got.Err))
			if tc.want != "" {
				assert.Equal(t, before, []int64{owned(e, "stranger", SetEscrow), owned(e, "10000", SetEscrow),
					owned(e, "buyer", SetEscrow)}, "nothing moved")
			}
			assertBalanced(t, e)
		})
	}
}

// TestCardPaidConsumptionRefundListPayer: the money of a card payment
// passes through its payer, who is still no giver of its refund: 40022
// (review-AA: it was 40020, "left buyer 0 by its split").
func TestCardPaidConsumptionRefundListPayer(t *testing.T) {
	e := feeTest(t)
	ok(t, e, "consumeApply", orderParams("consumeApply", "buyer", "c1", 100, `{"QUICKPAY_VSP":{`+card+`,"amount":100}}`, `"validateType":0,`))
	got := call(t, e, "OrderService", "refund",
		`{"bizOrderNo":"r1","oriBizOrderNo":"c1","bizUserId":"buyer","amount":50,"refundList":[{"bizUserId":"buyer","amount":50}]}`)
	require.NotNil(t, got.Err)
	assert.Equal(t, "40022", got.Err.Code)
	assert.Contains(t, got.Err.Message, "is the payer of consumption c1")
}
