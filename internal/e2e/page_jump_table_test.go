package e2e

import (
	"encoding/json"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/client"
)

// jumpExtras compares the rps a page returned to jumpUrl with the one
// backUrl received: every key of the notification is there with its
// value, and the jumpUrl's returnValue may hold more; signedValue, the
// name of the jumpUrl tables, holds the same object as JSON text
// (signedValueOf). It returns those more, the keys of the spec's jumpUrl
// table.
func jumpExtras(t *testing.T, jumped, notified string) map[string]any {
	t.Helper()
	var jump, back map[string]any
	require.NoError(t, json.Unmarshal([]byte(jumped), &jump))
	require.NoError(t, json.Unmarshal([]byte(notified), &back))
	jumpRV, _ := jump["returnValue"].(map[string]any)
	backRV, _ := back["returnValue"].(map[string]any)
	assert.Equal(t, jumpRV, signedValueOf(t, jumped))
	delete(jump, "signedValue")
	delete(jump, "returnValue")
	delete(back, "returnValue")
	assert.Equal(t, back, jump, "the rps's other keys are the notification's")
	extras := map[string]any{}
	for k, v := range jumpRV {
		if bv, ok := backRV[k]; ok {
			assert.Equal(t, bv, v, "returnValue.%s", k)
		} else {
			extras[k] = v
		}
	}
	for k := range backRV {
		assert.Contains(t, jumpRV, k, "jumpUrl's returnValue lacks the notification's %s", k)
	}
	return extras
}

// signedValueOf is the object of a jumpUrl return's rps as its spec
// table names it (下面为 jumpUrl 页面返回: signedValue, 嵌套的 String 类型的 JSON
// 对象, spec §4.1.4, §4.1.17 to §4.1.20, §4.2.10): a string holding JSON.
func signedValueOf(t *testing.T, rps string) map[string]any {
	t.Helper()
	var top struct {
		SignedValue *string `json:"signedValue"`
	}
	require.NoError(t, json.Unmarshal([]byte(rps), &top))
	require.NotNil(t, top.SignedValue, "no signedValue in %s", rps)
	var v map[string]any
	require.NoError(t, json.Unmarshal([]byte(*top.SignedValue), &v), "signedValue is JSON text")
	return v
}

// returnValueOf is a verified notification's or page return's returnValue.
func returnValueOf(t *testing.T, n *client.Notification) map[string]any {
	t.Helper()
	var rv map[string]any
	require.NoError(t, n.Decode(&rv))
	return rv
}

// TestJumpURLReturnsFollowTheirTables: what a page returns to jumpUrl
// carries the keys the spec's jumpUrl table requires (下面为 jumpUrl 页面返回)
// besides the notification's: a member page's result, OK or error (§4.1.4,
// §4.1.17 to §4.1.20), the e-contract's ContractNo (§4.1.4), a payment's
// payStatus, payFailMessage and payer bizUserId (§4.2.10); an order
// returned to its frontUrl gets exactly the notification (§4.2.15 note 1).
func TestJumpURLReturnsFollowTheirTables(t *testing.T) {
	_, c, rcv := pagesEnv(t)
	jump := rcv.URL + "/jump"
	c.realNamed("sia")
	c.give("sia", 10000)
	c.person("shop")
	c.realNamed("rex")

	contract := returned(t, c.Client, press(t, mustPageURL(t, c, client.PageSignContract, "MemberService", "signContract",
		client.ContractPageParams{BizUserID: "sia", JumpURL: jump, BackURL: rcv.URL + "/notify", Source: client.SourceMobile}),
		"confirm", nil), jump)
	refused := returned(t, c.Client, press(t, mustPageURL(t, c, client.PageSignContract, "MemberService", "signContract",
		client.ContractPageParams{BizUserID: "rex", JumpURL: jump, BackURL: rcv.URL + "/notify", Source: client.SourcePC}),
		"fail", nil), jump)
	pwd := returned(t, c.Client, press(t, mustPageURL(t, c, client.PageSetPayPwd, "MemberPwdService", "setPayPwd", pwdParams(rcv)),
		"confirm", url.Values{"password": {"123456"}, "password2": {"123456"}}), jump)
	c.pendingConsume("sia", "c1", client.ValidatePassword, rcv.URL+"/notify")
	paid := returned(t, c.Client, press(t, payPage(t, c, client.PagePayOrder, "c1", jump), "confirm",
		url.Values{"password": {"123456"}}), jump)
	c.pendingConsume("sia", "c2", client.ValidateSMS, rcv.URL+"/notify")
	failed := returned(t, c.Client, press(t, payPage(t, c, client.PageFrontTrans, "c2", jump), "fail",
		url.Values{"message": {"余额不足"}}), jump)

	byRPS := map[string]string{}
	for _, n := range rcv.wait(t, 3) { // the contract, the password, c1: no refusal
		rv := returnValueOf(t, n)
		byRPS[n.Method+"/"+jsonText(rv["bizUserId"])+jsonText(rv["bizOrderNo"])] = n.RPS
	}

	for _, tc := range []struct {
		name             string
		jumped, notified string
		want             map[string]any
	}{
		{"signContract confirmed (§4.1.4)", contract.RPS, byRPS["signContract/sia"],
			map[string]any{"ContractNo": contract.ContractNo, "result": "OK"}},
		{"setPayPwd (§4.1.17)", pwd.RPS, byRPS["setPayPwd/sia"], map[string]any{"result": "OK"}},
		{"payOrder.html paid (§4.2.10)", paid.RPS, byRPS["pay/c1"],
			map[string]any{"payStatus": "success", "bizUserId": "sia"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			require.NotEmpty(t, tc.notified, "backUrl got no notification")
			assert.Equal(t, tc.want, jumpExtras(t, tc.jumped, tc.notified))
		})
	}
	t.Run("signContract refused: backUrl hears nothing (§4.1.4 note 3)", func(t *testing.T) {
		assert.Equal(t, map[string]any{"bizUserId": "rex", "result": "error"}, returnValueOf(t, refused))
		assert.Equal(t, returnValueOf(t, refused), signedValueOf(t, refused.RPS))
		assert.NotContains(t, byRPS, "signContract/rex")
	})
	t.Run("frontTrans.do failed: backUrl hears nothing (§4.2.15)", func(t *testing.T) {
		rv := returnValueOf(t, failed)
		assert.Equal(t, []any{"fail", "sia", "c2"}, []any{rv["payStatus"], rv["bizUserId"], rv["bizOrderNo"]})
		assert.Contains(t, rv["payFailMessage"], "余额不足")
		assert.Equal(t, rv, signedValueOf(t, failed.RPS))
	})
}

// TestFrontURLReturnIsTheNotification: a payment returned to the order's
// frontUrl (no jumpUrl) gets the order result notification as backUrl
// does, byte for byte (spec §4.2.15 note 1), without the jumpUrl table's
// keys.
func TestFrontURLReturnIsTheNotification(t *testing.T) {
	_, c, rcv := pagesEnv(t)
	front := rcv.URL + "/jump"
	c.person("gina")
	req := deposit("gina", "g1", 5000, 0)
	req.ValidateType, req.PayMethod, req.FrontURL, req.BackURL = client.ValidateNone, client.Gateway(5000), front, rcv.URL+"/notify"
	got, err := c.DepositApply(c.ctx, req)
	require.NoError(t, err)
	back := returned(t, c.Client, press(t, got.PayInfo, "confirm", url.Values{"verificationCode": {smsCode}}), front)
	assert.Equal(t, rcv.wait(t, 1)[0].RPS, back.RPS)
	assert.NotContains(t, returnValueOf(t, back), "payStatus")
}

// jsonText is a JSON string value, "" for anything else.
func jsonText(v any) string {
	s, _ := v.(string)
	return s
}

// TestGatewayOrderReturnsToFrontURL: an order paid by a gateway, alone on
// frontTrans.do or with BALANCE on payOrder.html, returns to its frontUrl
// with the order result notification even when the page was opened with a
// jumpUrl (spec §4.2.10's jumpUrl row: 如果支付方式中有网关支付，无需上传此字段;
// §5.2: the gateway returns to frontUrl, signed as 【订单结果通知】; probe-Y 9,
// where it went to jumpUrl with the page's shape); the page says so. A card
// order on frontTrans.do still returns to the jumpUrl sent.
func TestGatewayOrderReturnsToFrontURL(t *testing.T) {
	_, c, rcv := pagesEnv(t)
	jump, front := rcv.URL+"/jump", rcv.URL+"/front"
	passwordPayer(t, c, rcv)
	apply := func(no string, pm client.PayMethod, vt int64) {
		req := consume("sia", "shop", no, 3000, 0)
		req.PayMethod, req.ValidateType, req.FrontURL, req.BackURL = pm, vt, front, rcv.URL+"/notify"
		_, err := c.ConsumeApply(c.ctx, req)
		require.NoError(t, err)
	}
	apply("gw", client.Gateway(3000), client.ValidateSMS)
	apply("gb", client.PayMethod{"GATEWAY_VSP": map[string]any{"amount": 1000, "paytype": "B2C"},
		"BALANCE": []client.BalanceItem{{AccountSetNo: escrowSet, Amount: 2000}}}, client.ValidatePassword)
	c.pendingConsume("sia", "card", client.ValidateSMS, rcv.URL+"/notify")
	for _, tc := range []struct {
		name, path, no, returnsTo string
		fields                    url.Values
	}{
		{"a gateway on frontTrans.do", client.PageFrontTrans, "gw", front, nil},
		{"a gateway and balance on payOrder.html", client.PagePayOrder, "gb", front, url.Values{"password": {"123456"}}},
		{"a card on frontTrans.do", client.PageFrontTrans, "card", jump, url.Values{"verificationCode": {smsCode}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			u := payPage(t, c, tc.path, tc.no, jump)
			opened := getPage(t, u)
			require.Equal(t, http.StatusOK, opened.Status, "%s", opened.Body)
			form := url.Values{"token": {opened.token(t)}, "action": {"confirm"}}
			for k, v := range tc.fields {
				form[k] = v
			}
			back := returned(t, c.Client, postPage(t, pageAt(t, u), form), tc.returnsTo)
			assert.True(t, back.OK(), back.RPS)
			if tc.returnsTo == front {
				assert.Contains(t, opened.Body, "the browser returns to the order&#39;s frontUrl")
				assert.NotContains(t, returnValueOf(t, back), "payStatus", "the notification, not the jumpUrl table")
				assert.NotContains(t, back.RPS, "signedValue")
				return
			}
			assert.NotContains(t, opened.Body, "frontUrl")
			assert.Equal(t, "success", returnValueOf(t, back)["payStatus"])
		})
	}
}
