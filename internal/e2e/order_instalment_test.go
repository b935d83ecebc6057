package e2e

import (
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/client"
	"github.com/tsymock/tsymock/mock"
)

// The first 小通分期 test card of spec §5.2 (line 12178): its holder,
// her ID number, the 15-digit American Express card, its validity (MMYY)
// and CVN2.
const (
	instalmentHolder   = "王丹"
	instalmentID       = "330900198809187124"
	instalmentCard     = "370248192322610"
	instalmentValidate = "0822"
	instalmentCVV2     = "167"
)

// instalment is a deposit of amount fen by InstallmentPayment_H5 with
// instalmentCard, in 3 instalments on wap (spec §5.2: nper, channel).
func instalment(bizOrderNo string, amount int64, frontURL, backURL string) client.DepositApplyRequest {
	req := deposit("wd", bizOrderNo, amount, 0)
	req.PayMethod = client.PayMethod{"InstallmentPayment_H5": map[string]any{"nper": 3, "channel": 1, "amount": amount,
		"bankCardNo": instalmentCard}}
	req.FrontURL, req.BackURL = frontURL, backURL
	return req
}

// TestInstalmentWithTheSpecsCardOverHTTP: spec §5.2's 小通分期 flow with
// the spec's own test data, on a --strict server, as a merchant copies it:
// getBankCardBin answers 王丹's 15-digit American Express card as a credit
// card of 工商银行; it binds by cardCheck 7 (收银宝快捷签约) with its
// validity and CVN2 (需先绑定贷记卡再支付); depositApply of 600 yuan answers
// the frontTrans.do page in payInfo; the page asks for no SMS code (不输短信
// 验证码); its confirm returns to frontUrl with the signed result and
// backUrl is notified (订单结果通知提供). Nothing is noted. 599.99 yuan is
// 40020, outside 小通分期金额范围：600~50000 元.
func TestInstalmentWithTheSpecsCardOverHTTP(t *testing.T) {
	e := newNotifyEnv(t, fastNotify(time.Second), func(cfg *mock.Config) { cfg.Strict = true })
	var noted [][]client.WouldFail
	mc := &memberClient{Client: e.client(t, client.WithWouldFail(func(_, _ string, n []client.WouldFail) {
		noted = append(noted, n)
	})), t: t, ctx: t.Context()}
	c := &orderClient{memberClient: mc, env: e.env}
	rcv := newReceiver(t, c.Client, nil)
	front := rcv.URL + "/jump"

	c.person("wd")
	c.withPhone("wd", phoneA)
	_, err := c.SetRealName(c.ctx, client.SetRealNameRequest{BizUserID: "wd", Name: instalmentHolder,
		IdentityType: client.IdentityIDCard, IdentityNo: instalmentID})
	require.NoError(t, err)
	bin, err := c.GetBankCardBin(c.ctx, instalmentCard)
	require.NoError(t, err)
	assert.Equal(t, client.CardBinInfo{CardBin: "370248", CardType: client.CardCredit, BankCode: "01020000",
		BankName: "工商银行", CardName: "牡丹运通卡", CardLenth: 15, CardState: 1, CardTypeLabel: "信用卡"}, bin.CardBinInfo)
	c.withCard(client.ApplyBindBankCardRequest{BizUserID: "wd", CardNo: instalmentCard, Phone: phoneA,
		Name: instalmentHolder, IdentityType: client.IdentityIDCard, IdentityNo: instalmentID,
		Validate: instalmentValidate, CVV2: instalmentCVV2})

	got, err := c.DepositApply(c.ctx, instalment("inst1", 60000, front, rcv.URL+"/notify"))
	require.NoError(t, err)
	require.Contains(t, got.PayInfo, "/yungateway/frontTrans.do?orderNo=")
	opened := getPage(t, got.PayInfo)
	require.Equal(t, http.StatusOK, opened.Status, "%s", opened.Body)
	assert.Contains(t, opened.Body, "¥600.00")
	assert.NotContains(t, opened.Body, `name="verificationCode"`, "小通分期: 不输短信验证码 (spec §5.2)")
	back := returned(t, c.Client, postPage(t, pageAt(t, got.PayInfo),
		url.Values{"token": {opened.token(t)}, "action": {"confirm"}}), front)
	assert.True(t, back.OK(), back.RPS)
	o, err := back.Order()
	require.NoError(t, err)
	assert.Equal(t, []any{"inst1", int64(60000), "wd"}, []any{o.BizOrderNo, o.Amount, o.BuyerBizUserID})
	assert.Equal(t, client.OrderSucceeded, c.status("inst1"))
	assert.Equal(t, []int64{60000}, c.balances("wd"))
	notified := rcv.wait(t, 1)
	require.Len(t, notified, 1)
	n, err := notified[0].Order()
	require.NoError(t, err)
	assert.Equal(t, []any{"OK", "inst1", int64(60000)}, []any{notified[0].Status, n.BizOrderNo, n.Amount})

	_, err = c.DepositApply(c.ctx, instalment("inst2", 59999, front, rcv.URL+"/notify"))
	assert.Equal(t, "40020", apiCode(t, err), "--strict: 小通分期金额范围：600~50000 元 (spec §5.2)")
	assert.Empty(t, noted, "the spec's own data passes without a note")
}
