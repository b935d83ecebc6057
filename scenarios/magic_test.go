package scenarios

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/soa"
)

// TestMagicEveryCode: every code of the catalogue, in every magic field.
func TestMagicEveryCode(t *testing.T) {
	s := newSet(t)
	values := Magic()
	require.Len(t, values, len(soa.Codes()))
	for i, v := range values {
		field := MagicFields()[i%len(MagicFields())]
		d := s.Decide(Request{Service: "OrderService", Method: "pay", Param: map[string]any{field: v.Example}})
		require.Equal(t, Fail, d.Kind, v.Code)
		msg, _ := soa.Message(v.Code)
		assert.Equal(t, &soa.Error{Code: v.Code, Message: msg}, d.Err)
		assert.Equal(t, "magic "+field+"=err-"+v.Code+"-", d.Rule())
	}
}

// TestMagicIsNotMagic: the values that are not magic, and magic switched off.
func TestMagicIsNotMagic(t *testing.T) {
	s := newSet(t)
	for _, param := range []map[string]any{
		{"bizUserId": "err-40014"},     // no dash after the code
		{"bizUserId": "err-12345-x"},   // not a catalogue code
		{"bizUserId": "ERR-40014-x"},   // case matters
		{"bizUserId": "x-err-40014-x"}, // a prefix, not anywhere
		{"payerId": "err-40014-x"},     // not a magic field
		{"bizUserId": 40014},           // not a string
		{"nested": map[string]any{"bizUserId": "err-40014-x"}},
	} {
		assert.Equal(t, Emulate, s.Decide(Request{Param: param}).Kind, "%v", param)
	}
	s.SetMagic(false)
	assert.False(t, s.MagicOn())
	assert.Equal(t, Emulate, s.Decide(Request{Param: map[string]any{"bizOrderNo": "err-40014-x"}}).Kind)
	assert.NotEqual(t, MagicRuleID, firstID(s))
	s.SetMagic(true)
	assert.Equal(t, MagicRuleID, firstID(s))
}

func firstID(s *Set) string {
	if rules := s.Rules(); len(rules) > 0 {
		return rules[0].ID
	}
	return ""
}
