package e2e

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/client"
	"github.com/tsymock/tsymock/mock"
)

// terminalKeys are getOrderDetail's keys (spec §4.2.19) that pass on what
// 收银宝 reported of a payment at a terminal; acct is apart, since a card
// payment of any kind answers it.
func terminalKeys() []string {
	return []string{"termno", "cusid", "payInterfaceOutTradeNo", "termrefnum", "channelFee", "channelPaytime",
		"payInterfacetrxcode", "traceno", "accttype"}
}

// wireDetail is getOrderDetail's answer as it came over the wire, by key.
func (c *orderClient) wireDetail(bizOrderNo string) map[string]json.RawMessage {
	c.t.Helper()
	raw, err := c.Call(c.ctx, "OrderService", "getOrderDetail", map[string]any{"bizOrderNo": bizOrderNo})
	require.NoError(c.t, err)
	var v map[string]json.RawMessage
	require.NoError(c.t, json.Unmarshal(raw, &v), "%s", raw)
	return v
}

// TestBackfillDetailOverHTTP: getOrderDetail of an order back-filled from
// a terminal (POST /__tsymock/terminal-payment, spec §4.1.22) carries on
// the wire exactly the keys §4.2.19 lists for what 收银宝 reported, spelt
// as the spec spells them and each a JSON string (the table types them
// String): a POS swipe all that a POS payment must answer (termrefnum,
// channelFee, channelPaytime: 收银宝订单 pos 支付时必填; accttype:
// 刷卡消费交易必传), by default made from its trxid; a 当面付 QR payment
// the terminal's, without the POS ones, and its wallet's user id as acct,
// unmasked. Orders paid by balance or by card carry none of them. Neither
// back-filled order is refunded through the API (§4.2.16 note 5: 40039).
func TestBackfillDetailOverHTTP(t *testing.T) {
	e := newNotifyEnv(t, fastNotify(0))
	c := e.orders(t)
	c.person("shop")
	_, err := c.VspTermidService(c.ctx, client.VspTermidRequest{BizUserID: "shop", OperationType: "set",
		VspCusID: "C1", AppID: "A1", VspTermID: "T1"})
	require.NoError(t, err)
	var mu sync.Mutex
	answers := map[string]string{} // bizOrderNo by amount
	m := newBackfillMerchant(t, e.env, func(form url.Values) string {
		mu.Lock()
		defer mu.Unlock()
		return fmt.Sprintf(`{"bizOrderNo":%q,"merchantRet":"0000"}`, answers[form.Get("amount")])
	})
	a := admin{t: t, base: e.URL}
	backfilled := func(bizOrderNo string, amount int64, fields string) map[string]string {
		mu.Lock()
		answers[fmt.Sprint(amount)] = bizOrderNo
		mu.Unlock()
		var n mock.Notification
		a.json(http.MethodPost, "terminal-payment?sysid="+e.SysID,
			fmt.Sprintf(`{"termid":"T1","amount":%d,"url":%q%s}`, amount, m.URL, fields), http.StatusCreated, &n)
		require.Equal(t, mock.NotifyDelivered, deliver(t, e.srv, n.ID).State, bizOrderNo)
		return n.Form
	}
	pos := backfilled("POS-1", 600, `,"pos":true`)
	qr := backfilled("QR-1", 700, `,"payInterfacetrxcode":"VSP511","acct":"2088102146225135"`)
	trxid := pos["trxid"]

	c.paidConsume("BAL-1", backURL)
	c.cardHolder("carder")
	c.deposited("carder", "CARD-1", 100, 0)

	tests := []struct {
		bizOrderNo string
		want       map[string]string // the terminal keys answered, and acct when expected
	}{
		{"POS-1", map[string]string{"termno": "T1", "cusid": "C1", "payInterfaceOutTradeNo": trxid,
			"channelPaytime": pos["paytime"], "traceno": trxid[len(trxid)-6:], "termrefnum": trxid[len(trxid)-12:],
			"channelFee": "0", "accttype": "00"}},
		{"QR-1", map[string]string{"termno": "T1", "cusid": "C1", "payInterfaceOutTradeNo": qr["trxid"],
			"channelPaytime": qr["paytime"], "payInterfacetrxcode": "VSP511", "acct": "2088102146225135"}},
		{"BAL-1", map[string]string{}},
		// a quick-pay card payment's acct (§4.2.19), 收银宝's channel keys but no terminal's
		{"CARD-1", map[string]string{"acct": "622848*********0001", "channelFee": "0", "channelPaytime": "20261128120000",
			"payInterfaceOutTradeNo": "TSYMOCK" + c.orderNo("CARD-1")}},
	}
	for _, tt := range tests {
		t.Run(tt.bizOrderNo, func(t *testing.T) {
			v := c.wireDetail(tt.bizOrderNo)
			require.Equal(t, json.RawMessage("4"), v["orderStatus"], "paid")
			got := map[string]string{}
			for _, k := range append(terminalKeys(), "acct") {
				raw, ok := v[k]
				if !ok {
					continue
				}
				var s string
				require.NoError(t, json.Unmarshal(raw, &s), "%s is a JSON string (spec §4.2.19: String), got %s", k, raw)
				got[k] = s
			}
			assert.Equal(t, tt.want, got)
		})
	}

	// the reconciliation file passes on the trade type 收银宝 reported of a
	// payment (spec §4.3.2 渠道交易类型: 针对收银宝入金交易才返回)
	trx := map[string]string{}
	for _, f := range c.checkFile(strings.ReplaceAll(today, "-", ""), 1) {
		if slices.Contains([]string{"POS-1", "QR-1", "BAL-1", "CARD-1"}, f[5]) {
			trx[f[5]] = f[18]
		}
	}
	assert.Equal(t, map[string]string{"POS-1": "", "QR-1": "VSP511", "BAL-1": "", "CARD-1": ""}, trx)

	for _, no := range []string{"POS-1", "QR-1"} {
		_, err := c.Refund(c.ctx, refund("shop", "R-"+no, no, 100))
		assert.Equal(t, "40039", apiCode(t, err), "%s refunds at the terminal only (spec §4.2.16 note 5)", no)
	}
}
