package client

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/keys"
	"github.com/tsymock/tsymock/keys/demo"
)

const notifyTime = "2026-11-28 12:00:00"

// platformSigned is a notification as the platform sends it.
func platformSigned(t *testing.T, sysid, rps string) url.Values {
	t.Helper()
	m, err := demo.Load()
	require.NoError(t, err)
	sign, err := keys.Sign(m.PlatformKey, sysid+rps+notifyTime)
	require.NoError(t, err)
	return url.Values{"sysid": {sysid}, "rps": {rps}, "timestamp": {notifyTime}, "v": {"2.0"}, "sign": {sign}}
}

func TestVerifyNotificationValues(t *testing.T) {
	c := demoClient(t)
	order := `{"service":"OrderService","method":"pay","status":"OK","returnValue":{"orderNo":"1","bizOrderNo":"B","amount":100,"buyerBizUserId":"u","payDatetime":"2026-11-28 12:00:00","extendInfo":""}}`
	good := platformSigned(t, demo.SysID, order)
	n, err := c.VerifyNotificationValues(good)
	require.NoError(t, err)
	assert.True(t, n.OK())
	assert.NoError(t, n.Err())
	o, err := n.Order()
	require.NoError(t, err)
	assert.Equal(t, OrderResult{OrderNo: "1", BizOrderNo: "B", Amount: 100, BuyerBizUserID: "u", PayDatetime: notifyTime}, *o)

	tampered := platformSigned(t, demo.SysID, order)
	tampered.Set("rps", strings.Replace(order, "100", "900", 1))
	foreign := platformSigned(t, "999", order)
	for name, v := range map[string]url.Values{"tampered": tampered, "foreign sysid": foreign, "empty": {}} {
		t.Run(name, func(t *testing.T) {
			_, err := c.VerifyNotificationValues(v)
			assert.Error(t, err)
		})
	}
	_, err = c.VerifyNotificationValues(tampered)
	assert.ErrorIs(t, err, ErrBadSignature)

	for _, tc := range []struct {
		name, rps, code, contract string
	}{
		{"error with returnValue", `{"service":"OrderService","method":"pay","status":"error","returnValue":{},"errorCode":"40006","message":"m"}`, "40006", ""},
		{"error code as a number", `{"service":"OrderService","method":"pay","status":"error","errorCode":40014,"message":"m"}`, "40014", ""},
		{"contractNo", `{"service":"MemberService","method":"signContract","status":"OK","returnValue":{"bizUserId":"u"},"contractNo":"CT1"}`, "", "CT1"},
		{"ContractNo", `{"service":"MemberService","method":"signContract","status":"OK","returnValue":{"bizUserId":"u"},"ContractNo":"CT2"}`, "", "CT2"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			n, err := c.VerifyNotificationValues(platformSigned(t, demo.SysID, tc.rps))
			require.NoError(t, err)
			assert.Equal(t, tc.code, n.ErrorCode)
			assert.Equal(t, tc.contract, n.ContractNo)
			if tc.code != "" {
				var apiErr *Error
				require.ErrorAs(t, n.Err(), &apiErr)
				assert.Equal(t, tc.code, apiErr.Code)
			}
		})
	}
	n, err = c.VerifyNotificationValues(platformSigned(t, demo.SysID, `{"service":"MemberService","method":"signContract","status":"OK"}`))
	require.NoError(t, err)
	_, err = n.Order()
	assert.Error(t, err, "not an order")
}

func TestVerifyNotificationRequest(t *testing.T) {
	c := demoClient(t)
	v := platformSigned(t, demo.SysID, `{"service":"MemberPwdService","method":"setPayPwd","status":"OK","returnValue":{"bizUserId":"u"}}`)
	post := httptest.NewRequest(http.MethodPost, "/notify", strings.NewReader(v.Encode()))
	post.Header.Set("Content-Type", "application/x-www-form-urlencoded;charset=UTF-8")
	get := httptest.NewRequest(http.MethodGet, "/jump?"+v.Encode(), nil)
	for name, r := range map[string]*http.Request{"backUrl POST": post, "jumpUrl GET": get} {
		t.Run(name, func(t *testing.T) {
			n, err := c.VerifyNotification(r)
			require.NoError(t, err)
			var rv struct{ BizUserID string }
			require.NoError(t, n.Decode(&rv))
			assert.Equal(t, "u", rv.BizUserID)
		})
	}
}

func TestPageURL(t *testing.T) {
	c := demoClient(t)
	u, err := c.PageURL("https://gw.example/", PageSetPayPwd, "MemberPwdService", "setPayPwd",
		PayPwdPageParams{BizUserID: "u", Name: "n", IdentityType: 1, IdentityNo: "110101199001011237", BackURL: "https://b"})
	require.NoError(t, err)
	parsed, err := url.Parse(u)
	require.NoError(t, err)
	assert.Equal(t, "https://gw.example"+PageSetPayPwd, parsed.Scheme+"://"+parsed.Host+parsed.Path)
	q := parsed.Query()
	assert.NotContains(t, q.Get("req"), "110101199001011237", "identityNo is encrypted")
	m, err := demo.Load()
	require.NoError(t, err)
	require.NoError(t, keys.Verify(&m.MerchantKey.PublicKey, q.Get("sysid")+q.Get("req")+q.Get("timestamp"), q.Get("sign")))

	def, err := c.PageURL("", PageFrontTrans, "OrderService", "pay", PayPageParams{BizUserID: "u", BizOrderNo: "o", ConsumerIP: "1"})
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(def, "http://127.0.0.1:1"+PageFrontTrans+"?"), def)
	_, err = c.PageURL("", PageSetPayPwd, "MemberService", "signContract", nil)
	assert.Error(t, err, "the page serves another method")
}

// FuzzDecodeRPS: any rps text decodes or fails cleanly.
func FuzzDecodeRPS(f *testing.F) {
	f.Add(`{"service":"OrderService","method":"pay","status":"OK","returnValue":{"amount":1}}`)
	f.Add(`{"errorCode":40006,"ContractNo":"x"}`)
	f.Add(`[1,2]`)
	f.Fuzz(func(t *testing.T, rps string) {
		n := &Notification{RPS: rps}
		if err := n.decodeRPS(); err != nil {
			return
		}
		_, _ = n.Order()
		_ = n.Err()
	})
}
