package soa

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// specPayMethods are the payMethod keys of spec §5.2, written out independently of the table:
// which way they move money and the order methods that take them.
var specPayMethods = map[string]PayFlow{
	"GATEWAY_VSP": FlowIn, "GATEWAY_VSP_ORG": FlowIn, "REALNAMEPAY": FlowIn, "REALNAMEPAY_BATCH": FlowIn,
	"QUICKPAY_TLT": FlowIn, "QUICKPAY_VSP": FlowIn, "WECHATPAY_MINIPROGRAM": FlowIn,
	"WECHATPAY_MINIPROGRAM_ORG": FlowIn, "WECHATPAY_MINIPROGRAM_OPEN": FlowIn, "WECHATPAY_APP_OPEN": FlowIn,
	"WECHATPAY_H5_OPEN": FlowIn, "CODEPAY_VSP": FlowIn, "CODEPAY_VSP_ORG": FlowIn, "SCAN_WEIXIN": FlowIn,
	"SCAN_WEIXIN_ORG": FlowIn, "WECHATPAY_SCAN_OPEN": FlowIn, "SCAN_ALIPAY": FlowIn, "SCAN_ALIPAY_ORG": FlowIn,
	"SCAN_UNIONPAY": FlowIn, "SCAN_UNIONPAY_ORG": FlowIn, "WECHAT_PUBLIC": FlowIn, "WECHAT_PUBLIC_ORG": FlowIn,
	"WECHATPAY_PUBLIC_OPEN": FlowIn, "ALIPAY_SERVICE": FlowIn, "ALIPAY_SERVICE_ORG": FlowIn, "QQ_WALLET": FlowIn,
	"QQ_WALLET_ORG": FlowIn, "BALANCE": FlowInternal, "COUPON": FlowInternal, "WITHDRAW_TLT": FlowOut,
	"ORDER_VSPPAY": FlowIn, "ALIPAY_APP_OPEN": FlowIn, "WITHHOLD_SD": FlowIn, "WITHDRAW_SD": FlowOut,
	"InstallmentPayment_H5": FlowIn, "WITHDRAW_JFB": FlowOut, "ALLINPAY_WALLET_H5": FlowIn,
	"WITHDRAW_HTBANK": FlowOut, "TRANSFER_HTBANK": FlowOut, "MOBILEAPPPAY_VSP": FlowIn,
}

// TestPayMethodsAreTheSpecTable: every key of spec §5.2 once, with its flow, and the order
// methods each flow allows (§4.2.1 三, §5.2 notes 2-4, §4.2.23).
func TestPayMethodsAreTheSpecTable(t *testing.T) {
	got := map[string]PayFlow{}
	for _, m := range PayMethods() {
		_, dup := got[m.Key]
		require.False(t, dup, m.Key)
		got[m.Key] = m.Flow
		assert.NotEmpty(t, m.Name, m.Key)
		checkParams(t, m.Fields, "payMethod."+m.Key)
		switch m.Flow {
		case FlowIn:
			assert.Equal(t, []string{"depositApply", "consumeApply", "agentCollectApply"}, m.Orders, m.Key)
		case FlowInternal:
			assert.Equal(t, []string{"consumeApply", "agentCollectApply"}, m.Orders, m.Key)
		case FlowOut:
			assert.True(t, m.Accepts("withdrawApply"), m.Key)
			assert.Equal(t, m.Key != "TRANSFER_HTBANK", m.Accepts("crossBorderWithdrawApply"), m.Key)
			assert.False(t, m.Combinable, m.Key)
		}
	}
	assert.Equal(t, specPayMethods, got)
	_, ok := LookupPayMethod("POSPAY")
	assert.False(t, ok, "POSPAY is not a key of the specification (ORDER_VSPPAY is)")
	m, ok := LookupPayMethod("ALLINPAY_WALLET_H5")
	require.True(t, ok)
	assert.Equal(t, ConfirmPage, m.Confirm)
}

// TestPayMethodsSliceIsTheCallers: the table is built once; a caller that reorders or changes
// the slice it was given changes nobody else's.
func TestPayMethodsSliceIsTheCallers(t *testing.T) {
	mine := PayMethods()
	first := mine[0].Key
	mine[0].Key = "CHANGED"
	mine[1] = PayMethodSpec{}
	again := PayMethods()
	assert.Equal(t, first, again[0].Key)
	assert.NotEmpty(t, again[1].Key)
	m, ok := LookupPayMethod(first)
	require.True(t, ok)
	assert.Equal(t, first, m.Key)
}

// TestPayMethodBodies: each body is checked against its row; a missing key is 10001 naming its
// path, limitPay must be sent but may be "" (spec §5.2).
func TestPayMethodBodies(t *testing.T) {
	m := findMethod(t, DefaultCatalogue(), "OrderService.consumeApply")
	tests := []struct {
		name, payMethod, code, message string
	}{
		{"quick pay", `{"QUICKPAY_VSP":{"bankCardNo":"x","amount":1}}`, "", ""},
		{"card missing", `{"QUICKPAY_VSP":{"amount":1}}`, "10001", "参数不能为空: payMethod.QUICKPAY_VSP.bankCardNo"},
		{"amount missing", `{"REALNAMEPAY":{"bankCardNo":"x"}}`, "10001", "参数不能为空: payMethod.REALNAMEPAY.amount"},
		{"empty body", `{"SCAN_WEIXIN":{}}`, "10001", "payMethod.SCAN_WEIXIN.amount"},
		{"limitPay empty", `{"SCAN_WEIXIN":{"amount":1,"limitPay":""}}`, "", ""},
		{"limitPay absent", `{"SCAN_WEIXIN":{"amount":1}}`, "10001", "payMethod.SCAN_WEIXIN.limitPay"},
		{"limitPay null", `{"SCAN_WEIXIN":{"amount":1,"limitPay":null}}`, "10001", "payMethod.SCAN_WEIXIN.limitPay"},
		{"limitPay value", `{"SCAN_WEIXIN":{"amount":1,"limitPay":"credit"}}`, "10000", "payMethod.SCAN_WEIXIN.limitPay must be one of no_credit"},
		{"body not an object", `{"QQ_WALLET":100}`, "10000", "payMethod.QQ_WALLET must be object"},
		{"balance item", `{"BALANCE":[{"amount":1}]}`, "10001", "payMethod.BALANCE[0].accountSetNo"},
		{"balance not a list", `{"BALANCE":{"amount":1,"accountSetNo":"200126"}}`, "10000", "payMethod.BALANCE must be array"},
		{"open ids", `{"WECHATPAY_SCAN_OPEN":{"amount":1,"limitPay":"","cusip":"1.2.3.4","wxMchtId":"m"}}`, "10001", "payMethod.WECHATPAY_SCAN_OPEN.wxAppId"},
		{"instalments", `{"InstallmentPayment_H5":{"nper":5,"channel":0,"amount":1,"bankCardNo":"x"}}`, "10000", "payMethod.InstallmentPayment_H5.nper must be one of 3|6|12|24"},
		{"tlt withdrawal", `{"WITHDRAW_TLT":{"payTypeName":"tlt"}}`, "10000", "payMethod.WITHDRAW_TLT.payTypeName must be one of withdraw_tlt"},
		{"htbank", `{"WITHDRAW_HTBANK":{"subAcctNo":"s","PAYEE_ACCT_NO":"1","PAYEE_ACCT_NAME":"n","AMOUNT":"1"}}`, "10001", "payMethod.WITHDRAW_HTBANK.SIGNED_MSG_MER"},
		{"combined", `{"GATEWAY_VSP":{"amount":1,"paytype":"B2C"},"BALANCE":[{"accountSetNo":"200126","amount":1}],"COUPON":{"amount":1}}`, "", ""},
		{"unknown key", `{"POSPAY":{"amount":1}}`, "", ""},
		// §5.2 types benefitdetail JSONObject and calls it a JSON string (lines 10132-10135): both pass
		{"benefitdetail as a JSON text", `{"WECHAT_PUBLIC":{"limitPay":"","acct":"o","amount":1,` +
			`"benefitdetail":"{\"goods_detail\":[{\"goods_id\":\"g1\",\"quantity\":1,\"price\":1}]}"}}`, "", ""},
		{"benefitdetail as a JSON object", `{"WECHAT_PUBLIC":{"limitPay":"","acct":"o","amount":1,` +
			`"benefitdetail":{"goods_detail":[{"goods_id":"g1","quantity":1,"price":1}]}}}`, "", ""},
		{"an Alipay benefitdetail as an object", `{"SCAN_ALIPAY":{"limitPay":"","amount":1,"benefitdetail":{"goods_detail":[]}}}`, "", ""},
		{"empty", `{}`, "10001", "参数不能为空: payMethod"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := m.Validate(consumeWith(t, tt.payMethod))
			if tt.code == "" {
				require.Nil(t, err)
				return
			}
			require.NotNil(t, err)
			assert.Equal(t, tt.code, err.Code)
			assert.True(t, strings.Contains(err.Message, tt.message), err.Message)
		})
	}
}

// consumeWith is a valid consumeApply param with the given payMethod.
func consumeWith(t *testing.T, payMethod string) map[string]any {
	t.Helper()
	var p map[string]any
	dec := json.NewDecoder(strings.NewReader(`{"payerId":"a","recieverId":"b","bizOrderNo":"o","amount":1,"fee":0,
		"backUrl":"http://x","industryCode":"1910","industryName":"其他","source":1,"payMethod":` + payMethod + `}`))
	dec.UseNumber()
	require.NoError(t, dec.Decode(&p))
	return p
}
