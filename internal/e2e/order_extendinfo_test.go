package e2e

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestEmptyExtendInfoOverHTTP: a merchant's withdrawal sent with
// "extendInfo":"" (and "summary", "orderExpireDatetime" ""), as a live
// merchant's code sends it and then reads extendInfo back unguarded, is
// answered with "extendInfo":"" in its signedValue and in getOrderDetail,
// as its notification carries it (spec §4.2.3, §4.2.19: 原样返回); so is a
// consumption and an applicationTransfer (§4.2.4, §4.2.17). One sent
// without extendInfo has none in its answer (fastjson leaves out a null).
func TestEmptyExtendInfoOverHTTP(t *testing.T) {
	c, rcv := specEnv(t)
	back := rcv.URL + "/notify"
	p := withdrawParam("W1", cardABC, 1000, 0, back, nil)
	p["extendInfo"], p["summary"], p["orderExpireDatetime"] = "", "", ""
	got, err := sendSpec(t, c.Client, "OrderService.withdrawApply", p)
	require.NoError(t, err)
	assert.Equal(t, "success", got["payStatus"])
	require.Contains(t, got, "extendInfo")
	assert.Equal(t, "", got["extendInfo"])
	detail, err := sendSpec(t, c.Client, "OrderService.getOrderDetail", map[string]any{"bizOrderNo": "W1"})
	require.NoError(t, err)
	require.Contains(t, detail, "extendInfo")
	assert.Equal(t, "", detail["extendInfo"])
	n := rcv.wait(t, 1)[0]
	assert.Contains(t, n.RPS, `"extendInfo":""`, "the notification, as before")

	consumption := orderParam("consumeApply", "NC1", 100, body("BALANCE", []any{body("accountSetNo", escrowSet, "amount", 100)}), back)
	consumption["validateType"], consumption["summary"], consumption["extendInfo"] = 0, "", ""
	got, err = sendSpec(t, c.Client, "OrderService.consumeApply", consumption)
	require.NoError(t, err)
	assert.Equal(t, "", got["extendInfo"])

	got, err = sendSpec(t, c.Client, "OrderService.applicationTransfer", map[string]any{"bizTransferNo": "T1",
		"sourceAccountSetNo": "100001", "targetBizUserId": "buyer", "targetAccountSetNo": escrowSet, "amount": 10, "extendInfo": ""})
	require.NoError(t, err)
	assert.Equal(t, "", got["extendInfo"])

	got, err = sendSpec(t, c.Client, "OrderService.withdrawApply", withdrawParam("W2", cardABC, 1000, 0, back, nil))
	require.NoError(t, err)
	assert.NotContains(t, got, "extendInfo", "not sent: left out")
}
