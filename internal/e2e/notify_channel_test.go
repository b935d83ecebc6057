package e2e

import (
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/client"
)

// TestChannelKeysNotified: a wallet payment completed on its page reaches
// backUrl with the channel's keys of spec §4.2.15 (revision 2.0.9 item 3:
// 收银宝 orders pass on the channel's trade type): the serial, the trxcode
// of the wallet (VSP501 WeChat, VSP511 Alipay), the sub-merchant of an _ORG
// method and the openid sent; getOrderDetail (§4.2.19) answers the same.
func TestChannelKeysNotified(t *testing.T) {
	_, c, rcv := pagesEnv(t)
	c.person("wen")
	c.person("shop")
	tests := []struct {
		name, no string
		pm       client.PayMethod
		want     client.OrderResult
	}{
		{"WeChat JS", "wj", client.PayMethod{"WECHAT_PUBLIC": map[string]any{"amount": 300, "limitPay": "", "acct": "oUpF8"}},
			client.OrderResult{PayInterfaceTrxCode: "VSP501", Acct: "oUpF8", ChannelFee: "0"}},
		{"Alipay QR, group mode", "aq", client.PayMethod{"SCAN_ALIPAY_ORG": map[string]any{"amount": 300, "limitPay": "", "vspCusid": "V7"}},
			client.OrderResult{PayInterfaceTrxCode: "VSP511", CusID: "V7", ChannelFee: "0"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := consume("wen", "shop", tt.no, 300, 0)
			req.PayMethod, req.BackURL, req.FrontURL = tt.pm, rcv.URL+"/notify", rcv.URL+"/jump"
			req.ValidateType = client.ValidateNone
			got, err := c.ConsumeApply(c.ctx, req)
			require.NoError(t, err)
			page := got.PayPageURL()
			require.NotEmpty(t, page)
			returned(t, c.Client, press(t, page, "confirm", url.Values{}), rcv.URL+"/jump")
		})
	}
	notified := byOrder(t, rcv.wait(t, len(tests)))
	for _, tt := range tests {
		t.Run(tt.name+" notified", func(t *testing.T) {
			n := notified[tt.no]
			require.NotNil(t, n)
			o, err := n.Order()
			require.NoError(t, err)
			assert.Equal(t, "TSYMOCK"+o.OrderNo, o.PayInterfaceOutTradeNo, "the reconciliation file's 渠道流水号")
			assert.Len(t, o.ChannelPaytime, 14)
			assert.Equal(t, tt.want, client.OrderResult{PayInterfaceTrxCode: o.PayInterfaceTrxCode, Acct: o.Acct,
				CusID: o.CusID, ChannelFee: o.ChannelFee})
			d, err := c.GetOrderDetail(c.ctx, tt.no)
			require.NoError(t, err)
			assert.Equal(t, []string{o.PayInterfaceOutTradeNo, o.PayInterfaceTrxCode, o.CusID, o.Acct, o.ChannelPaytime},
				[]string{d.PayInterfaceOutTradeNo, d.PayInterfaceTrxCode, d.CusID, d.Acct, d.ChannelPaytime}, "getOrderDetail")
		})
	}
}
