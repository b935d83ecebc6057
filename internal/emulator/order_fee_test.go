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
				assert.NotEqual(t, "托管专用账户集", l.(map[string]any)["accountSetName"], "only the standard sets (spec §4.2.20)")
			}
			if tt.no == "" {
				return
			}
			require.NotEmpty(t, lines)
			newest := lines[0].(map[string]any)
			assert.Equal(t, []any{tt.no, "标准余额账户集", tt.income},
				[]any{newest["bizOrderNo"], newest["accountSetName"], newest["chgAmount"]}, "one line for the order")

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

// TestOneStatementLinePerOrder: a member's statement shows an order once
// in each of its account sets (spec §5.12: a line per 收支明细流水 with the
// order's bizOrderNo): the payer one line of -amount, whatever the fee and
// the splits take of it (§4.2.4 fee: 内扣, the payer pays the amount), each
// receiver its net share, the platform its fees in 100001 as one line.
func TestOneStatementLinePerOrder(t *testing.T) {
	tests := []struct {
		name, method, param string
		want                map[string]int64 // owner|set → the order's one line
	}{
		{"a consumption with a fee and a split", "consumeApply",
			consume("buyer", "shop", "o", 1000, 10, `{"bizUserId":"agent","amount":100,"fee":5}`),
			map[string]int64{"buyer|200126": -1000, "shop|200126": 1000 - 10 - 100, "agent|200126": 95,
				OwnerPlatform + "|100001": 15}},
		{"a consumption paid with balance and a coupon", "consumeApply",
			orderParams("consumeApply", "buyer", "o", 1000, `{"BALANCE":[{"accountSetNo":"200126","amount":700}],"COUPON":{"amount":300}}`, `"validateType":0,`),
			map[string]int64{"buyer|200126": -700, "shop|200126": 1000, OwnerPlatform + "|2000000": -300}},
		{"a collection with a fee", "agentCollectApply", collectFee("o", 1000, 10),
			map[string]int64{"buyer|200126": -1000, OwnerPlatform + "|100001": 10}},
		{"a withdrawal with a fee", "withdrawApply", withFee(withdrawParams("o", `,"validateType":0`), 10),
			map[string]int64{"buyer|200126": -100, OwnerPlatform + "|100001": 10}},
		{"a cross-border withdrawal with a fee", "crossBorderWithdrawApply",
			crossBorderParams("buyer", "reserve", "o", "6228480000000000003", 200),
			map[string]int64{"buyer|200126": -200, OwnerPlatform + "|100001": 10}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := feeTest(t)
			ok(t, e, tt.method, tt.param)
			got := map[string]int64{}
			for _, owner := range []string{"buyer", "shop", "agent", OwnerPlatform} {
				for _, l := range e.Statement("app", owner, "") {
					if l.BizOrderNo == "o" {
						k := owner + "|" + l.AccountSet
						_, twice := got[k]
						assert.False(t, twice, "one line for %s", k)
						got[k] = l.Change
					}
				}
			}
			assert.Equal(t, tt.want, got)
		})
	}
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
