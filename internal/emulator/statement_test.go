package emulator

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// statementOf is bizUserId's queryInExpDetail lines of 2026-11-28, newest
// first (spec §4.2.20), in set ("" for every set).
func statementOf(t *testing.T, e *Emulator, bizUserID, set string) []map[string]any {
	t.Helper()
	inSet := ""
	if set != "" {
		inSet = fmt.Sprintf(`"accountSetNo":%q,`, set)
	}
	return asList(ok(t, e, "queryInExpDetail", fmt.Sprintf(`{"bizUserId":%q,%s"dateStart":"2026-11-28",`+
		`"dateEnd":"2026-11-28","startPosition":1,"queryNum":100}`, bizUserID, inSet))["inExpDetail"])
}

// sharedNumbers makes a member "a" whose records share numbers: an order
// N1, transfers X1 and N1, freezes X1 (unfrozen) and N1, and Y1 alone.
func sharedNumbers(t *testing.T, e *Emulator) {
	t.Helper()
	funded(t, e, 1_000, "a")
	funded(t, e, 0, "shop")
	realNamed(t, e, "shop")
	ok(t, e, "consumeApply", orderParams("consumeApply", "a", "N1", 100, `{"BALANCE":[{"accountSetNo":"200126","amount":100}]}`,
		`"validateType":0,"extendInfo":"from-order",`))
	transfer := func(no, extendInfo string) {
		ok(t, e, "applicationTransfer", fmt.Sprintf(`{"bizTransferNo":%q,"sourceAccountSetNo":"100001","targetBizUserId":"a",`+
			`"targetAccountSetNo":"200126","amount":10,"extendInfo":%q}`, no, extendInfo))
	}
	freeze := func(method, no string) {
		ok(t, e, method, fmt.Sprintf(`{"bizUserId":"a","bizFreezenNo":%q,"accountSetNo":"200126","amount":5}`, no))
	}
	transfer("X1", "from-transfer")
	freeze("freezeMoney", "X1")
	freeze("unfreezeMoney", "X1")
	transfer("N1", "to-N1")
	freeze("freezeMoney", "N1")
	freeze("freezeMoney", "Y1")
}

// TestStatementLineIsItsRecords: a statement line's type and extendInfo
// (spec §4.2.20, §5.12) are those of the record that made it, although
// bizOrderNo, bizTransferNo and bizFreezenNo are apart in tsymock and one
// number may name an order, a transfer and a freeze: a freeze of a
// transfer's number is 冻结, not 平台转账, and shows no extendInfo; a
// transfer of an order's number shows its own extendInfo, not the
// order's. A transfer's extendInfo is on its line, as an order's is (and
// as the reconciliation file shows it, §4.3.2).
func TestStatementLineIsItsRecords(t *testing.T) {
	e := newTest()
	sharedNumbers(t, e)
	const none = "-" // no extendInfo key

	want := []struct{ bizOrderNo, kind, extendInfo string }{ // newest first
		{"Y1", "冻结", none},
		{"N1", "冻结", none},
		{"N1", "平台转账", "to-N1"},
		{"X1", "解冻", none},
		{"X1", "冻结", none},
		{"X1", "平台转账", "from-transfer"},
		{"N1", "消费", "from-order"},
		{"fund-a", "平台转账", none},
	}
	lines := statementOf(t, e, "a", "200126")
	require.Len(t, lines, len(want))
	for i, w := range want {
		t.Run(fmt.Sprintf("%d %s %s", i, w.bizOrderNo, w.kind), func(t *testing.T) {
			l := lines[i]
			assert.Equal(t, []any{w.bizOrderNo, w.kind}, []any{l["bizOrderNo"], l["type"]})
			if w.extendInfo == none {
				assert.NotContains(t, l, "extendInfo")
				return
			}
			assert.Equal(t, w.extendInfo, l["extendInfo"])
		})
	}
}

// TestPlatformFundsLinesHaveATradeNo: the platform's starting funds, one
// line of 充值 in each funded standard set (spec §4.2.20 of
// #yunBizUserId_B2C#), have a tradeNo (§5.12: 收支明细流水号, required) of
// the platform's shape, 22 digits, each its own, and no bizOrderNo (§5.12:
// 否, and no order made them: left out as fastjson leaves a null out). It
// is drawn from no id source: the first number an op draws is still the
// source's first (serial 1), so that a log written before keeps its ids.
func TestPlatformFundsLinesHaveATradeNo(t *testing.T) {
	e := newTest()
	e.SetAccountSets("app", []string{"200126", SetStandard, SetDeposit, SetMarketing})
	funded(t, e, 100, "a")
	lines := statementOf(t, e, OwnerPlatform, "")
	require.Len(t, lines, 4, "three funded sets and the transfer to a")
	fund := asStr(lines[0]["tradeNo"])
	assert.True(t, strings.HasSuffix(fund[:len(fund)-3], "000000001"), "the first number drawn, %s, has serial 1", fund)
	seen := map[string]bool{fund: true}
	for _, l := range lines[1:] {
		no := asStr(l["tradeNo"])
		t.Run(asStr(l["accountSetName"]), func(t *testing.T) {
			assert.Equal(t, []any{"充值", int64(1_000_000_000)}, []any{l["type"], l["chgAmount"]})
			assert.Regexp(t, `^\d{22}$`, no)
			assert.False(t, seen[no], "each line its own")
			assert.NotContains(t, l, "bizOrderNo")
		})
		seen[no] = true
	}
}

// TestStatementsOfAnOlderLog: statements, the reconciliation file and
// queryGoods are read from the state, so a log written under
// RulesDec2026b replays with no divergence and the same state, numbers
// included (the platform's funds draw none), and answers them as a state
// made today does: lines typed by their own records, the platform's funds
// numbered, goods without the texts nobody sent.
func TestStatementsOfAnOlderLog(t *testing.T) {
	l := &memLog{}
	e := newKept(l)
	e.answerAs = RulesDec2026b
	sharedNumbers(t, e)
	ok(t, e, "entryGoods", `{"bizUserId":"a","goodsType":90,"bizGoodsNo":"g1","goodsName":"plain"}`)
	for _, b := range l.ops {
		require.Contains(t, string(b), `"rules":2`, "logged under RulesDec2026b")
	}
	r := l.replayInto(t) // fails on a divergence
	assert.Equal(t, snapshot(e, "app"), snapshot(r, "app"))
	fresh := newTest()
	sharedNumbers(t, fresh)
	for _, who := range []string{"a", OwnerPlatform} {
		assert.Equal(t, statementOf(t, e, who, ""), statementOf(t, r, who, ""), who)
		assert.Equal(t, statementOf(t, fresh, who, ""), statementOf(t, r, who, ""), "%s: as today's", who)
	}
	for _, x := range []*Emulator{e, r} {
		file, err := x.CheckAccountFile("app", "20261128", false)
		require.NoError(t, err)
		want, err := fresh.CheckAccountFile("app", "20261128", false)
		require.NoError(t, err)
		assert.Equal(t, want, file)
	}
	goods := ok(t, r, "queryGoods", queryGoodsOf("a", "g1"))
	assert.Equal(t, ok(t, e, "queryGoods", queryGoodsOf("a", "g1")), goods)
	assert.NotContains(t, goods, "goodsDetail")
}
