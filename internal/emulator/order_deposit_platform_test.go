package emulator

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestPlatformDeposit: the platform tops up its own account with its
// reserved bizUserId (spec §4.2.2), here through the gateway page, and
// confirms a quick payment with pay as a member does (§4.2.8); it binds
// no card, so a card payment is refused as for a member without it.
func TestPlatformDeposit(t *testing.T) {
	e := newTest()
	before := asInt(ok(t, e, "queryMerchantBalance", `{"accountSetNo":"100001"}`)["allAmount"])
	gateway := `{"bizOrderNo":"pd1","bizUserId":"#yunBizUserId_B2C#","accountSetNo":"100001","amount":500,"fee":0,` +
		`"validateType":0,"backUrl":"http://127.0.0.1/n","frontUrl":"http://127.0.0.1/f","payMethod":{"GATEWAY_VSP":` +
		`{"amount":500,"paytype":"B2C"}},"industryCode":"1910","industryName":"其他","source":1}`
	v := ok(t, e, "depositApply", gateway)
	assert.Equal(t, OwnerPlatform, v["bizUserId"])
	_, serr := e.ConfirmOrder("app", "pd1") // the gateway page's confirm button
	require.Nil(t, serr)
	after := asInt(ok(t, e, "queryMerchantBalance", `{"accountSetNo":"100001"}`)["allAmount"])
	assert.Equal(t, before+500, after)
	// the platform's uuid, not its reserved bizUserId (spec §4.2.15, §4.2.18: 若平台返回大 B 的 uuid)
	uid := PlatformUserID("app")
	assert.Regexp(t, `^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`, uid)
	assert.NotEqual(t, uid, PlatformUserID("other"), "each application has its own")
	assert.Equal(t, uid, ok(t, e, "getOrderDetail", `{"bizOrderNo":"pd1"}`)["buyerBizUserId"])
	evs := orderEvents(e, "pd1")
	require.Len(t, evs, 1)
	assert.Equal(t, uid, evs[0].ReturnValue["buyerBizUserId"])
	assert.Equal(t, "40039", code(t, e, "refund", `{"bizOrderNo":"r1","oriBizOrderNo":"pd1","bizUserId":"#yunBizUserId_B2C#","amount":500}`),
		"the platform's own orders are not refunded (spec §4.2.16 note 2)")

	card := `{"bizOrderNo":"pd2","bizUserId":"#yunBizUserId_B2C#","accountSetNo":"100001","amount":500,"fee":0,` +
		`"backUrl":"http://127.0.0.1/n","payMethod":{"QUICKPAY_VSP":{"bankCardNo":"6228480000000000001","amount":500}},` +
		`"industryCode":"1910","industryName":"其他","source":1}`
	assert.Equal(t, "30045", code(t, e, "depositApply", card), "the platform binds no card")
}

// TestPlatformDepositSets: the platform tops up any set of its own but the
// intermediate sets 100004 and 100005 (spec §4.2.2 accountSetNo,
// spec-V2.1.5.txt line 4764: 30018 账户集错误).
func TestPlatformDepositSets(t *testing.T) {
	gateway := `{"bizOrderNo":"pd1","bizUserId":"#yunBizUserId_B2C#","accountSetNo":"SET","amount":500,"fee":0,` +
		`"validateType":0,"backUrl":"http://127.0.0.1/n","frontUrl":"http://127.0.0.1/f","payMethod":{"GATEWAY_VSP":` +
		`{"amount":500,"paytype":"B2C"}},"industryCode":"1910","industryName":"其他","source":1}`
	tests := []struct {
		name, set, code string
	}{
		{"the standard set", "100001", ""},
		{"the deposit set", "100002", ""},
		{"the intermediate set 100004", "100004", "30018"},
		{"the intermediate set 100005", "100005", "30018"},
		{"a set it lacks", "999999", "30019"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newTest()
			param := strings.Replace(gateway, "SET", tt.set, 1)
			if refused(t, call(t, e, "OrderService", "depositApply", param), tt.code, tt.set) {
				assert.Empty(t, e.Orders("app"), "nothing kept")
			}
		})
	}
}
