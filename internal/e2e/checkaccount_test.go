package e2e

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/client"
	"github.com/tsymock/tsymock/mock"
)

// TestCheckAccountFile: a merchant's reconciliation job against tsymock
// (spec §4.3.2): it asks getCheckAccountFile for yesterday's detail and
// summary files after 08:30, downloads each absolute url, and splits the
// lines on "|": a card deposit (its card masked), a consumption, its
// refund, a collection, a payout to a balance and the platform's
// transfers, each with the spec's 21 fields; the summary's 30 fields count
// and sum them by order type.
func TestCheckAccountFile(t *testing.T) {
	c := orders(t)
	c.cardHolder("holder")
	c.deposited("holder", "d1", 1000, 10)
	c.funded("payer", 5000) // applicationTransfer fund-payer
	c.person("shop")
	c.consumed(consume("payer", "shop", "c1", 300, 3))
	_, err := c.Refund(c.ctx, refund("payer", "r1", "c1", 100))
	require.NoError(t, err)
	_, err = c.AgentCollectApply(c.ctx, collect("payer", "k1", 200, 0, client.Receiver{BizUserID: "shop", Amount: 200}))
	require.NoError(t, err)
	_, err = c.SignalAgentPay(c.ctx, payout("shop", "p1", "k1", 200, 0))
	require.NoError(t, err)

	c.env.Clock.Advance(20*time.Hour + 30*time.Minute) // 2026-11-29 08:30, after the files are made
	detail := c.checkFile("20261128", 0)
	require.Len(t, detail, 6)
	byBiz := map[string][]string{}
	for _, fields := range detail {
		require.Len(t, fields, 21, "the spec's 21 fields: %q", fields)
		byBiz[fields[5]] = fields
	}
	for _, tc := range []struct {
		bizOrderNo                                 string
		kind, amount, fee, channel, method, oriBiz string
		card                                       string
	}{
		{"d1", "充值", "1000", "10", "1000", "QUICKPAY_VSP", "", "622848*********0001"},
		{"fund-payer", "平台转账", "5000", "0", "0", "BALANCE", "", ""},
		{"c1", "消费", "300", "3", "0", "BALANCE", "", ""},
		{"r1", "退款", "100", "0", "0", "BALANCE", "c1", ""},
		{"k1", "托收", "200", "0", "0", "BALANCE", "", ""},
		{"p1", "托付", "200", "0", "0", "WITHDRAW_BALANCE", "", ""},
	} {
		f := byBiz[tc.bizOrderNo]
		require.NotNil(t, f, tc.bizOrderNo)
		assert.Equal(t, []string{tc.kind, tc.amount, tc.fee, tc.channel, tc.method, tc.oriBiz, tc.card},
			[]string{f[1], f[2], f[3], f[6], f[15], f[16], f[19]}, tc.bizOrderNo)
		assert.Equal(t, "2026-11-28 12:00:00", f[4], "completed at the env's time")
	}
	assert.Equal(t, c.orderNo("c1"), byBiz["r1"][17], "the refund's 原通商云订单号")
	assert.Equal(t, "TSYMOCK"+c.orderNo("d1"), byBiz["d1"][7], "a channel payment's made-up 渠道流水号")

	summary := c.checkFile("20261128", 2)
	require.Len(t, summary, 1)
	require.Len(t, summary[0], 30)
	assert.Equal(t, []string{"6", "6800", detail[0][0], detail[5][0], "1", "1000", "1", "300"}, summary[0][:8],
		"all, first and last orderNo, 充值, 消费")
	assert.Equal(t, []string{"1", "5000", "1", "200"}, summary[0][12:16], "平台转账, 托收")
	assert.Equal(t, []string{"1", "200", "0", "0"}, summary[0][18:22], "单笔托付, 批量托付")
	assert.Equal(t, []string{"1", "100"}, summary[0][24:26], "退款")

	resp, err := http.Get(c.env.URL + "/__tsymock/files/checkaccount/999/999_20261128_allinpay.txt")
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusNotFound, resp.StatusCode, "unknown sysid")
}

// checkFile asks for a day's file of a fileType (0: none sent), downloads
// it from the absolute url, whose name is the spec's (the summary's
// tsymock's), and splits it as a merchant's job does.
func (c *orderClient) checkFile(date string, fileType int64) [][]string {
	c.t.Helper()
	got, err := c.GetCheckAccountFile(c.ctx, client.GetCheckAccountFileRequest{Date: date, FileType: fileType})
	require.NoError(c.t, err)
	name := c.env.SysID + "_" + date + "_allinpay.txt"
	if fileType == 2 {
		name = c.env.SysID + "_" + date + "_allinpay_sum.txt"
	}
	require.Equal(c.t, c.env.URL+"/__tsymock/files/checkaccount/"+c.env.SysID+"/"+name, got.URL)
	resp, err := http.Get(got.URL)
	require.NoError(c.t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(c.t, err)
	require.Equal(c.t, http.StatusOK, resp.StatusCode, "%s", body)
	assert.Equal(c.t, "text/plain;charset=UTF-8", resp.Header.Get("Content-Type"))
	assert.Contains(c.t, resp.Header.Get("Content-Disposition"), `filename="`+name+`"`)
	require.True(c.t, utf8.Valid(body))
	var out [][]string
	for line := range strings.Lines(string(body)) {
		fields := strings.Split(strings.TrimSuffix(line, "\n"), "|")
		require.Empty(c.t, fields[len(fields)-1], "each field is followed by |: %q", line)
		out = append(out, fields[:len(fields)-1])
	}
	return out
}

// TestCheckAccountFileTooEarly: the file of a day asked for before 08:00
// China time the next day, when the platform makes it (spec §4.3.2), is
// answered with a portability note (check-file-not-made) in the journal,
// and refused with --strict (9000, tsymock's choice).
func TestCheckAccountFileTooEarly(t *testing.T) {
	e := demoEnv(t)
	_, err := e.client(t).GetCheckAccountFile(context.Background(), client.GetCheckAccountFileRequest{Date: "20261128"})
	require.NoError(t, err)
	assert.Contains(t, e.Log.String(), "check-file-not-made")

	strict := demoEnv(t, func(cfg *mock.Config) { cfg.Strict = true })
	_, err = strict.client(t).GetCheckAccountFile(context.Background(), client.GetCheckAccountFileRequest{Date: "20261128"})
	var apiErr *client.Error
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "9000", apiErr.Code)
	assert.Contains(t, apiErr.Message, "rule check-file-not-made")
}

// TestCheckAccountFileDates: a date that is not yyyyMMdd is 40044 日期格式有误
// naming the param and the format (PROTOCOL.md §8); a missing one is 10001.
func TestCheckAccountFileDates(t *testing.T) {
	c := demoEnv(t).client(t)
	for _, tc := range []struct {
		name, date, code, message string
	}{
		{"dashes", "2026-11-28", "40044", `日期格式有误: date "2026-11-28" must be yyyyMMdd`},
		{"a day that does not exist", "20260230", "40044", `日期格式有误: date "20260230" must be yyyyMMdd`},
		{"seven digits", "2026112", "40044", `日期格式有误: date "2026112" must be yyyyMMdd`},
		{"empty", "", "10001", "参数不能为空: date"},
	} {
		_, err := c.GetCheckAccountFile(context.Background(), client.GetCheckAccountFileRequest{Date: tc.date})
		var apiErr *client.Error
		require.ErrorAs(t, err, &apiErr, tc.name)
		assert.Equal(t, []string{tc.code, tc.message}, []string{apiErr.Code, apiErr.Message}, tc.name)
	}
}
