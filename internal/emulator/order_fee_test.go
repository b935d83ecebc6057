package emulator

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/clock"
)

// feeTest is market's emulator with what every order kind with a fee
// needs: an agent to split to, a cross-border reserve member, the buyer's
// e-contract signed (withdrawals).
func feeTest(t *testing.T) *Emulator {
	t.Helper()
	e := newTest()
	market(t, e)
	funded(t, e, 0, "agent")
	realNamed(t, e, "agent")
	reserveMember(t, e, "reserve", "6228480000000000003")
	signedBuyer(t, e)
	return e
}

// collectFee is a balance collection from the buyer for the shop of amount
// with fee, the shop's share amount less fee (spec §4.2.5), completed at
// once (validateType 0).
func collectFee(no string, amount, fee int64) string {
	return fmt.Sprintf(`{"validateType":0,"bizOrderNo":%q,"payerId":"buyer","recieverList":[{"bizUserId":"shop","amount":%d}],"tradeCode":"3001",`+
		`"amount":%d,"fee":%d,"backUrl":"http://127.0.0.1/n","payMethod":{"BALANCE":[{"accountSetNo":"200126","amount":%d}]},`+
		`"industryCode":"1910","industryName":"其他","source":1}`, no, amount-fee, amount, fee, amount)
}

// feeOrder is an order with a fee: made by method with param after setup,
// it moves the platform's standard balance set by income.
type feeOrder struct {
	name, method, param string
	setup               func(t *testing.T, e *Emulator)
	no                  string // the order whose statement line the platform gets
	income              int64
}

// feeOrders are every order kind that takes a fee, and refunds that give
// one back (spec §4.2.16 feeAmount, note 11).
func feeOrders() []feeOrder {
	made := func(method, param string) func(t *testing.T, e *Emulator) {
		return func(t *testing.T, e *Emulator) { t.Helper(); ok(t, e, method, param) }
	}
	deposit := withFee(orderParams("depositApply", "buyer", "d0", 1000, `{"QUICKPAY_VSP":{`+card+`,"amount":1000}}`, `"validateType":0,`), 10)
	return []feeOrder{
		{"depositApply", "depositApply", strings.Replace(deposit, `"d0"`, `"o"`, 1), nil, "o", 10},
		{"consumeApply", "consumeApply", consume("buyer", "shop", "o", 1000, 10, ""), nil, "o", 10},
		{"consumeApply with a split's fee (spec §5.3)", "consumeApply",
			consume("buyer", "shop", "o", 1000, 10, `{"bizUserId":"agent","amount":100,"fee":5}`), nil, "o", 15},
		{"agentCollectApply", "agentCollectApply", collectFee("o", 1000, 10), nil, "o", 10},
		{"signalAgentPay", "signalAgentPay", withFee(payout("shop", "o", "k0", 1000), 10),
			made("agentCollectApply", collectFee("k0", 1000, 0)), "o", 10},
		{"batchAgentPay", "batchAgentPay", `{"bizBatchNo":"B1","tradeCode":"4001","batchPayList":[` +
			withFee(payout("shop", "o", "k0", 1000), 10) + `]}`, made("agentCollectApply", collectFee("k0", 1000, 0)), "o", 10},
		{"withdrawApply", "withdrawApply", withFee(withdrawParams("o", `,"validateType":0`), 10), nil, "o", 10},
		{"crossBorderWithdrawApply", "crossBorderWithdrawApply", crossBorderParams("buyer", "reserve", "o", "6228480000000000003", 200),
			nil, "o", 10},
		{"refund of a consumption's fee", "refund", `{"bizOrderNo":"o","oriBizOrderNo":"c0","bizUserId":"buyer","amount":1000,"feeAmount":100}`,
			made("consumeApply", consume("buyer", "shop", "c0", 1000, 100, "")), "o", -100},
		{"refund of part of a deposit's fee", "refund", `{"bizOrderNo":"o","oriBizOrderNo":"d0","bizUserId":"buyer","amount":100,"feeAmount":5}`,
			made("depositApply", deposit), "o", -5},
		{"refund of a collection's fee", "refund", `{"bizOrderNo":"o","oriBizOrderNo":"k0","bizUserId":"buyer","amount":1000,"feeAmount":10}`,
			made("agentCollectApply", collectFee("k0", 1000, 10)), "o", -10},
		{"refund that keeps the fee", "refund", `{"bizOrderNo":"o","oriBizOrderNo":"c0","bizUserId":"buyer","amount":900}`,
			made("consumeApply", consume("buyer", "shop", "c0", 1000, 100, "")), "", 0},
	}
}

// TestFeeIncomeGoesToTheStandardSet: every order's fee, and every split
// item's, is the platform's income in its standard balance set 100001,
// whatever the order's set (spec §4.3.2 手续费: 资金入平台标准余额账户集;
// §6.17 100001: 一般为经营收入、手续费收入); a refund's feeAmount is given
// back from there (§4.2.16 note 11). queryMerchantBalance(100001) moves by
// the fee, the platform's set of the order (the escrow set) does not, the
// platform's statement without accountSetNo (its standard sets, §4.2.20)
// has the order's line in 标准余额账户集, and the reconciliation file's
// 手续费 is the order's fee. The ledger stays balanced.
func TestFeeIncomeGoesToTheStandardSet(t *testing.T) {
	balanceOf := func(t *testing.T, e *Emulator, set string) int64 {
		return asInt(ok(t, e, "queryMerchantBalance", `{"accountSetNo":"`+set+`"}`)["allAmount"])
	}
	for _, tt := range feeOrders() {
		t.Run(tt.name, func(t *testing.T) {
			e := feeTest(t)
			if tt.setup != nil {
				tt.setup(t, e)
			}
			standard, escrow := balanceOf(t, e, SetStandard), balanceOf(t, e, SetEscrow)
			ok(t, e, tt.method, tt.param)
			assert.Equal(t, tt.income, balanceOf(t, e, SetStandard)-standard, "queryMerchantBalance 100001")
			assert.Equal(t, escrow, balanceOf(t, e, SetEscrow), "no fee in the order's set")
			assertBalanced(t, e)

			lines := ok(t, e, "queryInExpDetail", `{"bizUserId":"#yunBizUserId_B2C#","dateStart":"2026-11-28",`+
				`"dateEnd":"2026-11-28","startPosition":1,"queryNum":100}`)["inExpDetail"].([]any)
			for _, l := range lines {
				assert.NotEqual(t, "tsymock测试应用-托管账户集", l.(map[string]any)["accountSetName"], "only the standard sets (spec §4.2.20)")
			}
			if tt.no == "" {
				return
			}
			require.NotEmpty(t, lines)
			newest := lines[0].(map[string]any)
			assert.Equal(t, []any{tt.no, "标准余额账户集"}, []any{newest["bizOrderNo"], newest["accountSetName"]})
			var income int64
			for _, l := range lines {
				if l := l.(map[string]any); l["bizOrderNo"] == tt.no && l["accountSetName"] == "标准余额账户集" {
					income += l["chgAmount"].(int64)
				}
			}
			assert.Equal(t, tt.income, income, "the order's lines in 100001: its fees")

			o := e.orderView(t, tt.no)
			file, err := e.CheckAccountFile("app", "20261128", false)
			require.NoError(t, err)
			assert.Contains(t, file, fmt.Sprintf("%s|%s|%d|%d|", o.OrderNo, fileKind(tt.method), o.Amount, o.Fee),
				"the file's 手续费 is the order's fee (spec §4.3.2)")
		})
	}
}

// fileKind is the detail file's 订单类型 of an order made by method.
func fileKind(method string) string {
	return map[string]string{"depositApply": "充值", "consumeApply": "消费", "agentCollectApply": "托收",
		"signalAgentPay": "托付", "batchAgentPay": "托付", "withdrawApply": "提现", "crossBorderWithdrawApply": "跨境提现",
		"refund": "退款"}[method]
}

// orderView is the admin view of the order bizOrderNo.
func (e *Emulator) orderView(t *testing.T, bizOrderNo string) OrderView {
	t.Helper()
	for _, o := range e.Orders("app") {
		if o.BizOrderNo == bizOrderNo {
			return o
		}
	}
	require.FailNow(t, "no order "+bizOrderNo)
	return OrderView{}
}

// TestStatementLinesFollowTheMovements: a member's statement shows each
// movement of an order as a line of its own, as the platform lists them
// (spec §5.3's worked example: the receiver +1000 -10 -500 -200; §5.11's:
// +10000 -500): the receiver gets the whole amount, then pays the order's
// fee and its split items, each item's receiver pays its own fee; a
// channel's money passes through the payer (+1000 充值, -1000 无验证代收, as
// the real test environment lists a card-paid collection). Each line has
// its own tradeNo and a type.
func TestStatementLinesFollowTheMovements(t *testing.T) {
	type move struct {
		change int64
		kind   string
	}
	tests := []struct {
		name, method, param string
		want                map[string][]move // owner|set → the order's lines, oldest first
	}{
		{"a deposit with a fee", "depositApply",
			withFee(orderParams("depositApply", "buyer", "o", 1000, `{"QUICKPAY_VSP":{`+card+`,"amount":1000}}`, `"validateType":0,`), 10),
			map[string][]move{"buyer|200126": {{1000, "充值"}, {-10, "充值"}}, OwnerPlatform + "|100001": {{10, "充值"}}}},
		{"a consumption with a fee and a split", "consumeApply",
			consume("buyer", "shop", "o", 1000, 10, `{"bizUserId":"agent","amount":100,"fee":5}`),
			map[string][]move{"buyer|200126": {{-1000, "消费"}}, "shop|200126": {{1000, "消费"}, {-10, "消费"}, {-100, "消费"}},
				"agent|200126": {{100, "消费"}, {-5, "消费"}}, OwnerPlatform + "|100001": {{10, "消费"}, {5, "消费"}}}},
		{"a consumption paid with balance and a coupon", "consumeApply",
			orderParams("consumeApply", "buyer", "o", 1000, `{"BALANCE":[{"accountSetNo":"200126","amount":700}],"COUPON":{"amount":300}}`, `"validateType":0,`),
			map[string][]move{"buyer|200126": {{-700, "消费"}}, "shop|200126": {{700, "消费"}, {300, "消费"}},
				OwnerPlatform + "|2000000": {{-300, "消费"}}}},
		{"a consumption paid by card", "consumeApply",
			orderParams("consumeApply", "buyer", "o", 1000, `{"QUICKPAY_VSP":{`+card+`,"amount":1000}}`, `"validateType":0,`),
			map[string][]move{"buyer|200126": {{1000, "充值"}, {-1000, "消费"}}, "shop|200126": {{1000, "消费"}}}},
		{"a collection paid by card", "agentCollectApply",
			orderParams("agentCollectApply", "buyer", "o", 1000, `{"QUICKPAY_VSP":{`+card+`,"amount":1000}}`, `"validateType":0,`),
			map[string][]move{"buyer|200126": {{1000, "充值"}, {-1000, "无验证代收"}}, OwnerPlatform + "|100004": {{1000, "无验证代收"}}}},
		{"a collection with a fee", "agentCollectApply", collectFee("o", 1000, 10), map[string][]move{
			"buyer|200126": {{-1000, "无验证代收"}}, OwnerPlatform + "|100001": {{10, "无验证代收"}}, OwnerPlatform + "|100004": {{1000, "无验证代收"}, {-10, "无验证代收"}}}},
		{"a withdrawal with a fee", "withdrawApply", withFee(withdrawParams("o", `,"validateType":0`), 10),
			map[string][]move{"buyer|200126": {{-90, "提现"}, {-10, "提现"}}, OwnerPlatform + "|100001": {{10, "提现"}}}},
		{"a cross-border withdrawal with a fee", "crossBorderWithdrawApply",
			crossBorderParams("buyer", "reserve", "o", "6228480000000000003", 200),
			map[string][]move{"buyer|200126": {{-190, "跨境提现"}, {-10, "跨境提现"}}, OwnerPlatform + "|100001": {{10, "跨境提现"}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := feeTest(t)
			ok(t, e, tt.method, tt.param)
			got, trades := map[string][]move{}, map[string]bool{}
			for _, owner := range []string{"buyer", "shop", "agent", OwnerPlatform} {
				lines := ok(t, e, "queryInExpDetail", fmt.Sprintf(`{"bizUserId":%q,"dateStart":"2026-11-28",`+
					`"dateEnd":"2026-11-28","startPosition":1,"queryNum":100}`, owner))["inExpDetail"].([]any)
				for i := len(lines) - 1; i >= 0; i-- { // oldest first
					l := lines[i].(map[string]any)
					if l["bizOrderNo"] != "o" {
						continue
					}
					k := owner + "|" + setNo(l["accountSetName"].(string))
					got[k] = append(got[k], move{l["chgAmount"].(int64), l["type"].(string)})
					trade := l["tradeNo"].(string)
					assert.Len(t, trade, 22, "an order number and the line's place")
					assert.False(t, trades[k+trade], "a tradeNo per line")
					trades[k+trade] = true
				}
			}
			assert.Equal(t, tt.want, got)
		})
	}
}

// setNo is the account set a statement line's accountSetName names.
func setNo(name string) string {
	return map[string]string{"tsymock测试应用-托管账户集": "200126", "标准余额账户集": "100001", "标准营销账户集": "2000000",
		"中间账户集A": "100004"}[name]
}

// TestSnapshotWithFeesInTheOrdersSet: a state kept before fees went to the
// platform's standard balance set (its fee entry, and the legs of its
// orders, in the order's set) restores as it was and balances; a refund
// of such an order's fee afterwards is given back from 100001, where fees
// go now, and the book still balances.
func TestSnapshotWithFeesInTheOrdersSet(t *testing.T) {
	l, c := &memLog{}, clock.NewManual(historyStart())
	e := keptEmulator(l, c)
	funded(t, e, 1000, "buyer")
	funded(t, e, 0, "shop")
	realNamed(t, e, "shop")
	ok(t, e, "consumeApply", consume("buyer", "shop", "c1", 1000, 123, ""))
	snap, lsn := capture(t, e, l)
	now := `{"owner":"#yunBizUserId_B2C#","set":"100001"},"amount":123}`
	require.Equal(t, 2, bytes.Count(snap, []byte(now)), "the fee's entry and the order's leg")
	old := bytes.ReplaceAll(snap, []byte(now), []byte(`{"owner":"#yunBizUserId_B2C#","set":"200126"},"amount":123}`))

	r, _, _ := restored(t, old, lsn, c)
	assertBalanced(t, r)
	assert.Equal(t, int64(123), owned(r, OwnerPlatform, SetEscrow), "the fee where it was booked then")
	standard := owned(r, OwnerPlatform, SetStandard)
	ok(t, r, "refund", `{"bizOrderNo":"r1","oriBizOrderNo":"c1","bizUserId":"buyer","amount":1000,"feeAmount":123}`)
	assert.Equal(t, int64(-123), owned(r, OwnerPlatform, SetStandard)-standard, "given back from 100001")
	all, _ := balance(t, r, "buyer")
	assert.Equal(t, int64(1000), all)
	assertBalanced(t, r)
}

// TestIntermediateSetHoldsCollections: queryMerchantBalance of 100004, the
// platform's intermediate set A, answers what collections hold until they
// are paid out (spec §4.2.5: 资金代收到中间账户; §6.17 100004 用于正向交易资金的
// 中间账户), net of the collections' fees, which are the platform's income.
func TestIntermediateSetHoldsCollections(t *testing.T) {
	e := feeTest(t)
	held := func() any {
		return ok(t, e, "queryMerchantBalance", `{"accountSetNo":"100004"}`)["allAmount"]
	}
	assert.EqualValues(t, 0, held())
	ok(t, e, "agentCollectApply", collectFee("ac1", 1000, 10))
	assert.EqualValues(t, 990, held(), "the collection less its fee")
	ok(t, e, "signalAgentPay", `{"bizOrderNo":"sp1","collectPayList":[{"bizOrderNo":"ac1","amount":600}],"bizUserId":"shop",`+
		`"accountSetNo":"200126","backUrl":"http://127.0.0.1/n","amount":600,"fee":0,"tradeCode":"4001"}`)
	assert.EqualValues(t, 390, held(), "what is paid out leaves it")
	assert.EqualValues(t, 0, ok(t, e, "queryMerchantBalance", `{"accountSetNo":"100005"}`)["allAmount"])
}
