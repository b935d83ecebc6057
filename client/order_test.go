package client

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/keys"
	"github.com/tsymock/tsymock/keys/demo"
)

// capture runs call against a server that records the req param and
// answers nothing useful: the test looks at what was sent, not the answer.
func capture(t *testing.T, call func(c *Client) error) map[string]any {
	t.Helper()
	var param map[string]any
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		require.NoError(t, r.ParseForm())
		var req struct{ Param map[string]any }
		require.NoError(t, json.Unmarshal([]byte(r.Form.Get("req")), &req))
		param = req.Param
	}))
	defer srv.Close()
	m, err := demo.Load()
	require.NoError(t, err)
	c, err := New(srv.URL, demo.SysID, m.MerchantKey, m.PlatformCert)
	require.NoError(t, err)
	require.Error(t, call(c), "the empty answer is not a valid one")
	require.NotNil(t, param, "nothing was sent")
	return param
}

// TestOrderCallsEncryptCardNumbers: a card number is sent encrypted with
// the platform key wherever it sits, at the top or inside payMethod.
func TestOrderCallsEncryptCardNumbers(t *testing.T) {
	const card = "6228480000000000001"
	ctx := context.Background()
	for _, tc := range []struct {
		name string
		call func(c *Client) error
		get  func(p map[string]any) any
	}{
		{"depositApply payMethod", func(c *Client) error {
			_, err := c.DepositApply(ctx, DepositApplyRequest{PayMethod: QuickPay(card, 100)})
			return err
		}, quickPayCard},
		{"consumeApply payMethod", func(c *Client) error {
			_, err := c.ConsumeApply(ctx, ConsumeApplyRequest{PayMethod: QuickPay(card, 100)})
			return err
		}, quickPayCard},
		{"withdrawApply bankCardNo", func(c *Client) error {
			_, err := c.WithdrawApply(ctx, WithdrawApplyRequest{BankCardNo: card})
			return err
		}, func(p map[string]any) any { return p["bankCardNo"] }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sent, ok := tc.get(capture(t, tc.call)).(string)
			require.True(t, ok)
			m, err := demo.Load()
			require.NoError(t, err)
			plain, err := keys.DecryptField(m.PlatformKey, sent)
			require.NoError(t, err, "sent %q", sent)
			assert.Equal(t, card, plain)
		})
	}
}

// quickPayCard is payMethod.QUICKPAY_VSP.bankCardNo of a sent param.
func quickPayCard(p map[string]any) any {
	return p["payMethod"].(map[string]any)["QUICKPAY_VSP"].(map[string]any)["bankCardNo"]
}

// TestPayMethodShapes: the helpers build the bodies PROTOCOL.md §7 shows.
func TestPayMethodShapes(t *testing.T) {
	for _, tc := range []struct {
		pm   PayMethod
		want string
	}{
		{Balance("200126", 100), `{"BALANCE":[{"accountSetNo":"200126","amount":100}]}`},
		{QuickPay("622848", 100), `{"QUICKPAY_VSP":{"bankCardNo":"622848","amount":100}}`},
		{Gateway(100), `{"GATEWAY_VSP":{"amount":100,"paytype":"B2C"}}`},
		{PayWith("QQ_WALLET", 7), `{"QQ_WALLET":{"amount":7}}`},
	} {
		t.Run(tc.want, func(t *testing.T) {
			got, err := json.Marshal(tc.pm)
			require.NoError(t, err)
			assert.JSONEq(t, tc.want, string(got))
		})
	}
}

// TestBatchAgentPayFillsItemTradeCodes: items without a tradeCode get the
// batch's; the caller's slice is left alone.
func TestBatchAgentPayFillsItemTradeCodes(t *testing.T) {
	items := []SignalAgentPayRequest{{BizOrderNo: "a"}, {BizOrderNo: "b", TradeCode: "4002"}}
	p := capture(t, func(c *Client) error {
		_, err := c.BatchAgentPay(context.Background(), BatchAgentPayRequest{BizBatchNo: "B", BatchPayList: items, TradeCode: "4001"})
		return err
	})
	list := p["batchPayList"].([]any)
	assert.Equal(t, "4001", list[0].(map[string]any)["tradeCode"])
	assert.Equal(t, "4002", list[1].(map[string]any)["tradeCode"])
	assert.Empty(t, items[0].TradeCode)
}
