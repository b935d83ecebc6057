package e2e

import (
	"encoding/json"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/client"
)

// TestStatementJourney: over two days a member deposits, pays, freezes,
// releases, withdraws and is refunded; its statement shows every movement
// as a line (spec §5.3's and §5.11's worked examples: an amount in, then
// the fee out) with the balance before and after it, a tradeNo and a type
// of its own, the newest first (spec §4.2.20), pages, and keeps to the
// dates asked.
func TestStatementJourney(t *testing.T) {
	c := orders(t)
	c.cardHolder("sam")
	c.person("shop")
	c.deposited("sam", "d1", 10000, 100)
	c.env.Clock.Advance(time.Hour)
	c.consumed(consume("sam", "shop", "c1", 3000, 0))
	c.env.Clock.Advance(24 * time.Hour) // 2026-11-29 13:00:00
	_, err := c.FreezeMoney(c.ctx, freeze("sam", "f1", 1000))
	require.NoError(t, err)
	_, err = c.UnfreezeMoney(c.ctx, freeze("sam", "f1", 400))
	require.NoError(t, err)
	_, err = c.WithdrawApply(c.ctx, withdraw("sam", "w1", cardABC, 2000, 50))
	require.NoError(t, err)
	_, err = c.Refund(c.ctx, refund("sam", "r1", "c1", 1000))
	require.NoError(t, err)

	const set, day1, day2 = "tsymock测试应用-托管账户集", "2026-11-28 12:00:00", "2026-11-28 13:00:00"
	const day3 = "2026-11-29 13:00:00"
	line := func(bizOrderNo string, n int, kind, at string, before, change, after, frozen int64) client.InExpLine {
		tradeNo := ""
		if bizOrderNo != "f1" { // a freeze is not an order: its serials below
			tradeNo = fmt.Sprintf("%s%03d", c.orderNo(bizOrderNo), n)
		}
		return client.InExpLine{TradeNo: tradeNo, BizOrderNo: bizOrderNo, AccountSetName: set, ChangeTime: at,
			OriAmount: before, ChgAmount: change, CurAmount: after, CurFreezenAmount: frozen, Type: kind}
	}
	want := []client.InExpLine{
		line("d1", 1, "充值", day1, 0, 10000, 10000, 0),     // the deposit
		line("d1", 2, "充值", day1, 10000, -100, 9900, 0),   // its fee
		line("c1", 1, "消费", day2, 9900, -3000, 6900, 0),   // paid to the shop
		line("f1", 0, "冻结", day3, 6900, 0, 6900, 1000),    // frozen: all the same, 1000 of it frozen
		line("f1", 0, "解冻", day3, 6900, 0, 6900, 600),     // 400 released
		line("w1", 1, "提现", day3, 6900, -1950, 4950, 600), // to the card
		line("w1", 2, "提现", day3, 4950, -50, 4900, 600),   // its fee of 50
		line("r1", 1, "退款", day3, 4900, 1000, 5900, 600),  // refunded by the shop
	}
	slices.Reverse(want) // the newest first (spec §4.2.20)
	got := c.statement("sam", today, "2026-11-29", 1, 100)
	// a freeze is no order: each of its lines has a serial of its own (spec §5.12 tradeNo, required)
	require.Len(t, got.InExpDetail, len(want))
	freezes := []string{got.InExpDetail[3].TradeNo, got.InExpDetail[4].TradeNo}
	assert.Regexp(t, `^\d{22}$`, freezes[0])
	assert.Regexp(t, `^\d{22}$`, freezes[1])
	assert.NotEqual(t, freezes[0], freezes[1])
	want[3].TradeNo, want[4].TradeNo = freezes[0], freezes[1]
	assert.Equal(t, client.InExpDetailResponse{BizUserID: "sam", TotalNum: 8, InExpDetail: want}, *got)
	all, frozen := c.balance("sam")
	assert.Equal(t, []int64{5900, 600}, []int64{all, frozen}, "the last line is the balance")

	for _, tc := range []struct {
		name             string
		start, end       string
		from, num, total int64
		lines            []client.InExpLine
	}{
		{"the second page of two", today, "2026-11-29", 3, 2, 8, want[2:4]},
		{"the last, short page", today, "2026-11-29", 6, 5, 8, want[5:]},
		{"past the end", today, "2026-11-29", 9, 5, 8, []client.InExpLine{}},
		{"the first day", today, today, 1, 100, 3, want[5:]},
		{"the second day", "2026-11-29", "2026-11-29", 1, 100, 5, want[:5]},
		{"a day before", "2026-11-27", "2026-11-27", 1, 100, 0, []client.InExpLine{}},
	} {
		got := c.statement("sam", tc.start, tc.end, tc.from, tc.num)
		assert.Equal(t, tc.total, got.TotalNum, tc.name)
		assert.Equal(t, tc.lines, got.InExpDetail, tc.name)
	}

	shop := c.statement("shop", today, "2026-11-29", 1, 10)
	assert.Equal(t, []client.InExpLine{line("r1", 1, "退款", day3, 3000, -1000, 2000, 0), line("c1", 1, "消费", day2, 0, 3000, 3000, 0)}, shop.InExpDetail)
}

// TestStatementRefusals: dates in order, a known member and account set.
func TestStatementRefusals(t *testing.T) {
	c := orders(t)
	c.person("sam")
	for _, tc := range []struct {
		name string
		req  client.QueryInExpDetailRequest
		code string
	}{
		{"the end before the start", client.QueryInExpDetailRequest{BizUserID: "sam", DateStart: "2026-11-29",
			DateEnd: today, StartPosition: 1, QueryNum: 10}, "40044"},
		{"dateStart with slashes", client.QueryInExpDetailRequest{BizUserID: "sam", DateStart: "2026/11/28",
			DateEnd: today, StartPosition: 1, QueryNum: 10}, "40044"},
		{"dateEnd without dashes", client.QueryInExpDetailRequest{BizUserID: "sam", DateStart: today,
			DateEnd: "20261128", StartPosition: 1, QueryNum: 10}, "40044"},
		{"a day that does not exist", client.QueryInExpDetailRequest{BizUserID: "sam", DateStart: "2026-02-30",
			DateEnd: today, StartPosition: 1, QueryNum: 10}, "40044"},
		{"no dateStart", client.QueryInExpDetailRequest{BizUserID: "sam", DateEnd: today, StartPosition: 1,
			QueryNum: 10}, "10001"},
		{"an unknown account set", client.QueryInExpDetailRequest{BizUserID: "sam", AccountSetNo: "999999",
			DateStart: today, DateEnd: today, StartPosition: 1, QueryNum: 10}, "30019"},
		{"an unknown member", client.QueryInExpDetailRequest{BizUserID: "ghost", DateStart: today,
			DateEnd: today, StartPosition: 1, QueryNum: 10}, "30001"},
		{"startPosition 0", client.QueryInExpDetailRequest{BizUserID: "sam", DateStart: today,
			DateEnd: today, StartPosition: 0, QueryNum: 10}, "10000"},
		{"more than 5000 a page", client.QueryInExpDetailRequest{BizUserID: "sam", DateStart: today,
			DateEnd: today, StartPosition: 1, QueryNum: 5001}, "10000"},
	} {
		_, err := c.QueryInExpDetail(c.ctx, tc.req)
		assert.Equal(t, tc.code, apiCode(t, err), tc.name)
		if tc.code == "40044" {
			assert.Contains(t, err.Error(), "40044 日期格式有误: ", tc.name)
		}
	}
	_, err := c.QueryInExpDetail(c.ctx, client.QueryInExpDetailRequest{BizUserID: "sam", DateStart: "2026/11/28",
		DateEnd: today, StartPosition: 1, QueryNum: 10})
	assert.ErrorContains(t, err, `40044 日期格式有误: dateStart "2026/11/28" must be yyyy-MM-dd`,
		"the message names the malformed param and the format")
}

// wireLines are the inExpDetail lines of a queryInExpDetail as they came
// over the wire, by key.
func (c *orderClient) wireLines(param map[string]any) []map[string]json.RawMessage {
	c.t.Helper()
	raw, err := c.Call(c.ctx, "OrderService", "queryInExpDetail", param)
	require.NoError(c.t, err)
	var v struct {
		InExpDetail []map[string]json.RawMessage `json:"inExpDetail"`
	}
	require.NoError(c.t, json.Unmarshal(raw, &v), "%s", raw)
	return v.InExpDetail
}

// TestStatementLinesOverHTTP: a statement line is its own record's (spec
// §4.2.20, §5.12): a freeze and an unfreeze of a transfer's number are
// 冻结 and 解冻 with no extendInfo, the transfer's line carries its own
// extendInfo; the platform's starting funds lines have a tradeNo of 22
// digits (§5.12: required) and no bizOrderNo key (否; no order made them).
func TestStatementLinesOverHTTP(t *testing.T) {
	c := orders(t)
	c.person("a")
	_, err := c.ApplicationTransfer(c.ctx, client.ApplicationTransferRequest{BizTransferNo: "X1", SourceAccountSetNo: standardSet,
		TargetBizUserID: "a", TargetAccountSetNo: escrowSet, Amount: 100, ExtendInfo: "from-transfer"})
	require.NoError(t, err)
	_, err = c.FreezeMoney(c.ctx, freeze("a", "X1", 40))
	require.NoError(t, err)
	_, err = c.UnfreezeMoney(c.ctx, freeze("a", "X1", 40))
	require.NoError(t, err)
	got := c.statement("a", today, today, 1, 10).InExpDetail
	require.Len(t, got, 3)
	assert.Equal(t, [][]string{{"X1", "解冻", ""}, {"X1", "冻结", ""}, {"X1", "平台转账", "from-transfer"}},
		[][]string{{got[0].BizOrderNo, got[0].Type, got[0].ExtendInfo}, {got[1].BizOrderNo, got[1].Type, got[1].ExtendInfo},
			{got[2].BizOrderNo, got[2].Type, got[2].ExtendInfo}})

	lines := c.wireLines(map[string]any{"bizUserId": "#yunBizUserId_B2C#", "dateStart": today, "dateEnd": today,
		"startPosition": 1, "queryNum": 50})
	funds := 0
	for _, l := range lines {
		if string(l["chgAmount"]) != fmt.Sprint(platformFunds) {
			continue
		}
		funds++
		var tradeNo string
		require.NoError(t, json.Unmarshal(l["tradeNo"], &tradeNo))
		assert.Regexp(t, `^\d{22}$`, tradeNo)
		assert.NotContains(t, l, "bizOrderNo")
		assert.JSONEq(t, `"充值"`, string(l["type"]))
	}
	assert.Equal(t, 3, funds, "100001, 100002 and 2000000 start funded")
}
