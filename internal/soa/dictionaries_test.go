package soa

import (
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestDictionaries: §6.11 has 18 business codes, nine a side, each 代收
// code's name saying 代收; §6.12 has 73 four-digit industry codes, kept
// ascending for LookupIndustry.
func TestDictionaries(t *testing.T) {
	codes := TradeCodes()
	require.Len(t, codes, 18)
	for _, c := range codes {
		assert.Equal(t, c.Collect, strings.Contains(c.Name, "代收"), c.Code)
		got, ok := LookupTradeCode(c.Code)
		assert.True(t, ok)
		assert.Equal(t, c, got)
	}
	assert.Equal(t, "2001, 2002, 2003, 2005, 2006, 2007, 4001, 4002, 4003", TradeCodesFor(false))
	_, ok := LookupTradeCode("1004")
	assert.False(t, ok)

	all := Industries()
	require.Len(t, all, 73)
	assert.True(t, slices.IsSortedFunc(all, func(a, b Industry) int { return strings.Compare(a.Code, b.Code) }))
	tests := []struct {
		code, name string
		ok         bool
	}{
		{"1010", "保险代理", true}, {"1910", "其他", true}, {"2524", "报关业务", true},
		{"19", "", false}, {"1913", "", false}, {"", "", false},
	}
	for _, tt := range tests {
		got, ok := LookupIndustry(tt.code)
		assert.Equal(t, tt.ok, ok, tt.code)
		assert.Equal(t, tt.name, got.Name, tt.code)
	}
}

// TestGatewayBanks: spec §6.13 lists 17 B2C codes (ICBC's debit and credit
// cards apart, 01021 and 01022) and 14 B2B codes (ICBC 0102); the other
// banks share their codes across the lists.
func TestGatewayBanks(t *testing.T) {
	require.Len(t, GatewayBanks("B2C"), 17)
	require.Len(t, GatewayBanks("B2B"), 14)
	assert.Nil(t, GatewayBanks("B2C,B2B"))
	tests := []struct {
		paytype, code, name string
		ok                  bool
	}{
		{"B2C", "01021", "工商银行（借记卡）", true},
		{"B2C", "4012900", "上海银行", true},
		{"B2C", "0306", "广发银行", true},
		{"B2B", "0306", "", false}, // 广发银行 is not in the B2B list
		{"B2B", "0102", "工商银行", true},
		{"B2C", "0102", "", false},
		{"B2B", "01021", "", false},
		{"B2C", "9999", "", false},
		{"B2C,B2B", "0103", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.paytype+" "+tt.code, func(t *testing.T) {
			got, ok := LookupGatewayBank(tt.paytype, tt.code)
			assert.Equal(t, tt.ok, ok)
			assert.Equal(t, tt.name, got.Name)
		})
	}
	for _, paytype := range []string{"B2C", "B2B"} {
		var codes []string
		for _, b := range GatewayBanks(paytype) {
			assert.NotContains(t, codes, b.Code, "%s lists %s once", paytype, b.Code)
			codes = append(codes, b.Code)
		}
	}
}
