package e2e

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/emulator"
	"github.com/tsymock/tsymock/internal/soa"
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

// TestFailMarkerCodeOverHTTP: a withdrawal with extendInfo
// tsymock:fail:30047 fails with 30047 and §7's text: payStatus fail in its
// answer, its notification (status error, errorCode 30047) and
// getOrderDetail's errorMessage; one with a code §7 lacks fails with 40006.
func TestFailMarkerCodeOverHTTP(t *testing.T) {
	c, rcv := specEnv(t)
	back := rcv.URL + "/notify"
	text, _ := soa.Message("30047")
	for _, tc := range []struct{ no, extendInfo, code, says string }{
		{"W1", emulator.FailMarker + ":30047", "30047", text + ": the bank refused the withdrawal (tsymock:fail:30047 in extendInfo)"},
		{"W2", emulator.FailMarker + ":12345", "40006", `"12345" is no error code of spec §7, so 40006`},
	} {
		p := withdrawParam(tc.no, cardABC, 1000, 0, back, nil)
		p["extendInfo"] = tc.extendInfo
		got, err := sendSpec(t, c.Client, "OrderService.withdrawApply", p)
		require.NoError(t, err)
		assert.Equal(t, "fail", got["payStatus"])
		assert.Contains(t, got["payFailMessage"], tc.says)
		detail, err := sendSpec(t, c.Client, "OrderService.getOrderDetail", map[string]any{"bizOrderNo": tc.no})
		require.NoError(t, err)
		assert.Equal(t, got["payFailMessage"], detail["errorMessage"])
		assert.Equal(t, json.Number("3"), detail["orderStatus"])
	}
	got := byOrder(t, rcv.wait(t, 2))
	failed(t, got["W1"], "30047", text+": the bank refused the withdrawal")
	failed(t, got["W2"], "40006", "12345")
}
