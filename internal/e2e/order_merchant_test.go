package e2e

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/client"
	"github.com/tsymock/tsymock/keys/demo"
)

// TestApplicationTransfer: the platform pays a member out of the funds it
// starts with; its balances say so.
func TestApplicationTransfer(t *testing.T) {
	c := orders(t)
	c.person("mia")
	req := client.ApplicationTransferRequest{BizTransferNo: "t1", SourceAccountSetNo: standardSet,
		TargetBizUserID: "mia", TargetAccountSetNo: escrowSet, Amount: 2500, ExtendInfo: "bonus"}
	got, err := c.ApplicationTransfer(c.ctx, req)
	require.NoError(t, err)
	assert.Equal(t, client.ApplicationTransferResponse{TransferNo: got.TransferNo, BizTransferNo: "t1", Amount: 2500,
		ExtendInfo: "bonus"}, *got)
	assert.NotEmpty(t, got.TransferNo)
	assert.Equal(t, []int64{2500}, c.balances("mia"))
	assert.Equal(t, int64(platformFunds-2500), c.platform(standardSet))

	for _, tc := range []struct {
		name string
		edit func(*client.ApplicationTransferRequest)
		code string
	}{
		{"the same bizTransferNo", func(*client.ApplicationTransferRequest) {}, "40017"},
		{"an unknown source set", func(r *client.ApplicationTransferRequest) { r.SourceAccountSetNo = "999999" }, "30019"},
		{"an unknown target set", func(r *client.ApplicationTransferRequest) { r.TargetAccountSetNo = "999999" }, "30019"},
		{"an unknown member", func(r *client.ApplicationTransferRequest) { r.TargetBizUserID = "ghost" }, "30001"},
		{"the platform holds nothing in 200126", func(r *client.ApplicationTransferRequest) { r.SourceAccountSetNo = escrowSet }, "40014"},
	} {
		r := req
		if tc.code != "40017" {
			r.BizTransferNo = "t-" + tc.name
		}
		tc.edit(&r)
		_, err := c.ApplicationTransfer(c.ctx, r)
		assert.Equal(t, tc.code, apiCode(t, err), tc.name)
	}
	assert.Equal(t, []int64{2500}, c.balances("mia"))
}

// TestMerchantQueries: the platform's balances (a consumption's fee in its
// standard balance set, spec §4.3.2), its statement, its reserve fund and
// the reconciliation file's URL.
func TestMerchantQueries(t *testing.T) {
	c := orders(t)
	c.funded("payer", 1000)
	c.person("shop")
	c.consumed(consume("payer", "shop", "c1", 1000, 30))

	escrow, err := c.QueryMerchantBalance(c.ctx, escrowSet)
	require.NoError(t, err)
	assert.Equal(t, client.MerchantBalanceResponse{AllAmount: 0}, *escrow, "the fee is not booked in the order's set")
	standard, err := c.QueryMerchantBalance(c.ctx, standardSet)
	require.NoError(t, err)
	assert.Equal(t, client.MerchantBalanceResponse{AllAmount: platformFunds - 1000 + 30}, *standard,
		"the fee of c1 in the standard balance set (spec §4.3.2, §6.17)")
	lines, err := c.QueryInExpDetail(c.ctx, client.QueryInExpDetailRequest{BizUserID: client.PlatformBizUserID,
		DateStart: today, DateEnd: today, StartPosition: 1, QueryNum: 100})
	require.NoError(t, err)
	require.NotEmpty(t, lines.InExpDetail)
	assert.Equal(t, client.InExpLine{TradeNo: c.orderNo("c1") + "002", BizOrderNo: "c1", AccountSetName: "标准余额账户集",
		ChangeTime: "2026-11-28 12:00:00", OriAmount: platformFunds - 1000, ChgAmount: 30, CurAmount: platformFunds - 1000 + 30,
		Type: "消费"},
		lines.InExpDetail[0], "the platform's statement without accountSetNo: its standard sets (spec §4.2.20)")
	for _, l := range lines.InExpDetail {
		assert.NotEqual(t, "tsymock测试应用-托管账户集", l.AccountSetName)
	}
	assert.Equal(t, []int64{-1000, 1000}, changes(c.statement("payer", today, today, 1, 10).InExpDetail),
		"the payer: one line of -amount for c1 (its fee is 内扣), after the transfer that funded it")

	fund, err := c.QueryReserveFundBalance(c.ctx)
	require.NoError(t, err)
	assert.Equal(t, client.ReserveFundBalanceResponse{AccountNo: "TSYMOCK" + demo.SysID,
		AccountName: "tsymock reserve fund (TEST)", Balance: platformFunds - 1000 + 30}, *fund)

	file, err := c.GetCheckAccountFile(c.ctx, client.GetCheckAccountFileRequest{Date: "20261128"})
	require.NoError(t, err)
	assert.Regexp(t, `/`+demo.SysID+`_20261128_allinpay\.txt$`, file.URL)
	_, err = c.GetCheckAccountFile(c.ctx, client.GetCheckAccountFileRequest{Date: "2026-11-28"})
	assert.Equal(t, "40044", apiCode(t, err), "yyyyMMdd: 日期格式有误")
}

// changes are the chgAmount of statement lines.
func changes(lines []client.InExpLine) []int64 {
	out := make([]int64, 0, len(lines))
	for _, l := range lines {
		out = append(out, l.ChgAmount)
	}
	return out
}
