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
