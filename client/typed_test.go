package client

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/keys"
	"github.com/tsymock/tsymock/keys/demo"
)

func demoClient(t *testing.T) *Client {
	t.Helper()
	m, err := demo.Load()
	require.NoError(t, err)
	c, err := New("http://127.0.0.1:1", demo.SysID, m.MerchantKey, m.PlatformCert)
	require.NoError(t, err)
	return c
}

// TestCallRefusesMethodsOutsideTheCatalogue: a typed call does not guess
// which fields to encrypt; nothing is sent.
func TestCallRefusesMethodsOutsideTheCatalogue(t *testing.T) {
	c := demoClient(t)
	err := c.call(context.Background(), "MemberService", "setPayPwd", struct{}{}, &struct{}{})
	assert.ErrorContains(t, err, "MemberService.setPayPwd")
	err = c.call(context.Background(), "MemberService", "nope", struct{}{}, &struct{}{})
	assert.ErrorContains(t, err, "nope")
}

// TestDecodeAnswerDecryptsNestedPaths: list items and nested objects are
// decrypted before decoding; numbers keep their types.
func TestDecodeAnswerDecryptsNestedPaths(t *testing.T) {
	c := demoClient(t)
	m, err := demo.Load()
	require.NoError(t, err)
	enc := func(s string) string {
		t.Helper()
		hexText, err := keys.EncryptField(&m.MerchantKey.PublicKey, s)
		require.NoError(t, err)
		return hexText
	}
	raw, err := json.Marshal(map[string]any{"bindCardList": []any{
		map[string]any{"bankCardNo": enc("6228480000000000001"), "cardType": 1, "isSafeCard": true},
		map[string]any{"bankCardNo": "", "cardType": 2},
	}})
	require.NoError(t, err)
	var out QueryBankCardResponse
	require.NoError(t, c.decodeAnswer(raw, []string{"bindCardList[].bankCardNo"}, &out))
	assert.Equal(t, []BoundCard{{BankCardNo: "6228480000000000001", CardType: 1, IsSafeCard: true}, {CardType: 2}}, out.BindCardList)

	bad, _ := json.Marshal(map[string]any{"bindCardList": []any{map[string]any{"bankCardNo": "NOTHEX"}}})
	assert.ErrorContains(t, c.decodeAnswer(bad, []string{"bindCardList[].bankCardNo"}, &out), "bindCardList[0].bankCardNo")
}

func TestToObjectKeepsNumbers(t *testing.T) {
	doc, err := toObject(CreateBankSubAcctNoRequest{BizUserID: "p", AccountSetNo: "200126", AcctOrgType: 1})
	require.NoError(t, err)
	assert.Equal(t, json.Number("1"), doc["acctOrgType"])
	assert.Equal(t, "200126", doc["accountSetNo"])
	doc, err = toObject(nil)
	require.NoError(t, err)
	assert.Empty(t, doc)
}
