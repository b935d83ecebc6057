package soa

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestJavaKeyOrder: the key order of objects captured from the real test
// environment, quoted in public merchant code (2019-2020), and of
// PROTOCOL.md's example, is Java 8's HashMap order.
func TestJavaKeyOrder(t *testing.T) {
	tests := []struct {
		name string
		keys string // as the platform wrote them
	}{
		{"createMember (PROTOCOL.md §3)", "userId bizUserId"},
		{"setRealName", "identityNo identityType name bizUserId"},
		{"applyBindBankCard", "bankCode tranceNum transDate cardType bankName bizUserId"},
		{"agentCollectApply (WECHATPAY_MINIPROGRAM)", "orderNo payInfo bizUserId bizOrderNo"},
		{"queryInExpDetail", "totalNum inExpDetail bizUserId"},
		{"queryInExpDetail's line", "changeTime oriAmount tradeNo curFreezenAmount accountSetName chgAmount type curAmount bizOrderNo"},
		{"a notification's rps (2020)", "returnValue method service status"},
		{"a withdrawal's returnValue (2020)", "buyerBizUserId amount orderNo extendInfo payDatetime acct bizOrderNo"},
		{"a terminal payment's notification, 17 keys (2022)", "amount orderNo termrefnum channelFee channelPaytime extendInfo " +
			"accttype chnltrxid payInterfaceOutTradeNo buyerBizUserId termauthno cusid payInterfacetrxcode payDatetime acct bizOrderNo status"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := strings.Fields(tt.keys)
			shuffled := append([]string{}, want...)
			for i, j := 0, len(shuffled)-1; i < j; i, j = i+1, j-1 {
				shuffled[i], shuffled[j] = shuffled[j], shuffled[i]
			}
			assert.Equal(t, want, javaKeyOrder(shuffled))
		})
	}
}

// TestMarshalValueJavaOrder: objects at any depth, in lists too, are
// written in the platform's order; values as before.
func TestMarshalValueJavaOrder(t *testing.T) {
	v := map[string]any{"bizUserId": "u<1>", "totalNum": 1, "inExpDetail": []any{
		map[string]any{"bizOrderNo": "o&1", "chgAmount": -5, "changeTime": "2026-11-28 12:00:00"}}}
	got, err := MarshalValue(v)
	require.NoError(t, err)
	assert.Equal(t, `{"totalNum":1,"inExpDetail":[{"changeTime":"2026-11-28 12:00:00","chgAmount":-5,"bizOrderNo":"o&1"}],"bizUserId":"u<1>"}`, got)
	assert.Equal(t, []int{16, 16, 32, 32, 64}, []int{javaTableSize(0), javaTableSize(12), javaTableSize(13), javaTableSize(24), javaTableSize(25)})
}
