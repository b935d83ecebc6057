package notify

import (
	"context"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/emulator"
	"github.com/tsymock/tsymock/keys"
	"github.com/tsymock/tsymock/keys/demo"
)

// TestRPSText: an rps is written in the platform's Java HashMap order, as a
// 2020 capture of a real notification shows ({"returnValue":...,"method":
// "pay","service":"OrderService","status":"OK"}).
func TestRPSText(t *testing.T) {
	for _, tc := range []struct {
		name string
		ev   emulator.Event
		want string
	}{
		{"order", emulator.Event{Service: "OrderService", Method: "pay", Status: "OK",
			ReturnValue: map[string]any{"orderNo": "1", "amount": int64(100), "extendInfo": "a&b<c>"}},
			`{"returnValue":{"amount":100,"orderNo":"1","extendInfo":"a&b<c>"},"method":"pay","service":"OrderService","status":"OK"}`},
		{"error", emulator.Event{Service: "OrderService", Method: "pay", Status: "error", ErrorCode: "40006", Message: "支付失败"},
			`{"returnValue":{},"method":"pay","service":"OrderService","errorCode":"40006","message":"支付失败","status":"error"}`},
		{"contract", emulator.Event{Service: "MemberService", Method: "signContract", Status: "OK",
			ReturnValue: map[string]any{"bizUserId": "u"}, Extra: map[string]any{"contractNo": "CT1"}},
			`{"returnValue":{"bizUserId":"u"},"method":"signContract","contractNo":"CT1","service":"MemberService","status":"OK"}`},
	} {
		got, err := RPSText(tc.ev)
		require.NoError(t, err)
		assert.Equal(t, tc.want, got, tc.name)
	}
}

func TestPlatformFormOrderAndSign(t *testing.T) {
	m, err := demo.Load()
	require.NoError(t, err)
	rps := `{"service":"OrderService","method":"pay","status":"OK","returnValue":{"a":"x y&z"}}`
	body, err := PlatformForm(m.PlatformKey, "100000000002", rps, "2026-11-28 12:00:00")
	require.NoError(t, err)
	var keysSeen []string
	for _, kv := range strings.Split(body, "&") {
		k, _, _ := strings.Cut(kv, "=")
		keysSeen = append(keysSeen, k)
	}
	assert.Equal(t, []string{"sysid", "rps", "timestamp", "v", "sign"}, keysSeen)
	v, err := url.ParseQuery(body)
	require.NoError(t, err)
	assert.Equal(t, rps, v.Get("rps"))
	assert.Equal(t, "2.0", v.Get("v"))
	require.NoError(t, keys.Verify(&m.PlatformKey.PublicKey, "100000000002"+rps+"2026-11-28 12:00:00", v.Get("sign")))
}

func TestNotifyRefusal(t *testing.T) {
	open := &Notifier{cfg: Config{}.withDefaults()}
	strict := &Notifier{cfg: Config{AllowHosts: []string{"merchant.example", "other.example:8443"}}.withDefaults()}
	allowAll := &Notifier{cfg: Config{AllowHosts: []string{"169.254.169.254", "metadata", "169.254.169.254.nip.io"}}.withDefaults()}
	for _, tc := range []struct {
		n       *Notifier
		backURL string
		refused string // part of the reason, "" when allowed
	}{
		{open, "http://merchant.test/n", "not loopback and not in --notify-allow-hosts (none)"},
		{open, "http://localhost./n", ""},
		{open, "http://169.254.169.254/latest/meta-data/", "link-local or metadata address"},
		{open, "http://[fe80::1]/n", "link-local"},
		{open, "http://[::ffff:169.254.169.254]/n", "link-local"},
		{open, "http://metadata.google.internal/computeMetadata/v1/", "cloud metadata service"},
		{allowAll, "http://169.254.169.254/n", "never notified"},
		{allowAll, "http://METADATA/n", "never notified"},
		{allowAll, "http://169.254.169.254.nip.io/n", ""},
		{open, "https://127.0.0.1:9/n", ""},
		{open, "", "no backUrl"},
		{open, "ftp://127.0.0.1/n", "not an absolute http(s) URL"},
		{open, "/relative", "not an absolute http(s) URL"},
		{open, "javascript:alert(1)", "not an absolute http(s) URL"},
		{strict, "http://localhost:8080/n", ""},
		{strict, "http://[::1]:8080/n", ""},
		{strict, "http://127.5.0.1/n", ""},
		{strict, "http://MERCHANT.example/n", ""},
		{strict, "https://other.example:8443/n", ""},
		{strict, "https://other.example/n", "--notify-allow-hosts"},
		{strict, "http://10.0.0.1/n", "--notify-allow-hosts"},
	} {
		got := tc.n.refusal(tc.backURL)
		if tc.refused == "" {
			assert.Empty(t, got, tc.backURL)
		} else {
			assert.Contains(t, got, tc.refused, tc.backURL)
		}
	}
}

func TestNotifyDefaults(t *testing.T) {
	cfg := Config{}.withDefaults()
	assert.Equal(t, []time.Duration{5 * time.Second, 10 * time.Minute, time.Hour, 6 * time.Hour}, cfg.Schedule)
	assert.Equal(t, DefaultTimeout, cfg.Timeout)
	n := &Notifier{cfg: Config{Schedule: []time.Duration{time.Millisecond, time.Second}}.withDefaults()}
	assert.Equal(t, 2, n.maxAttempts(emulator.Event{Order: true}), "the schedule's length")
	assert.Equal(t, 1, n.maxAttempts(emulator.Event{}))
}

// TestBackfillForm: a back-fill is its fields sorted by name, then the
// sign over the eight fields spec §4.1.22 names, made with the platform
// key; the fields outside the sign (payStatus, ...) are sent too.
func TestBackfillForm(t *testing.T) {
	m, err := demo.Load()
	require.NoError(t, err)
	ev := emulator.Event{Kind: emulator.EventBackfill, Form: map[string]string{"trxid": "9", "termid": "T1", "amount": "500",
		"accountSetNo": "200126", "bizUserId": "shop", "bizseq": "8", "cusid": "C1", "ordertype": "depositApply",
		"payStatus": "success", "paytime": "20261128120000"}}
	body, err := BackfillForm(m.PlatformKey, ev)
	require.NoError(t, err)
	var names []string
	for _, kv := range strings.Split(body, "&") {
		k, _, _ := strings.Cut(kv, "=")
		names = append(names, k)
	}
	assert.Equal(t, []string{"accountSetNo", "amount", "bizUserId", "bizseq", "cusid", "ordertype", "payStatus", "paytime",
		"termid", "trxid", "sign"}, names)
	v, err := url.ParseQuery(body)
	require.NoError(t, err)
	const text = "accountSetNo=200126&amount=500&bizUserId=shop&bizseq=8&cusid=C1&ordertype=depositApply&termid=T1&trxid=9"
	require.NoError(t, keys.Verify(&m.PlatformKey.PublicKey, text, v.Get("sign")))
}

// TestReadBackfillAnswer: the merchant answers JSON (spec §4.1.22) or,
// leniently, a form; without merchantRet the answer cannot be used.
func TestReadBackfillAnswer(t *testing.T) {
	for _, tc := range []struct {
		name, body string
		want       BackfillAnswer
		err        string
	}{
		{"json", `{"bizOrderNo":"B1","merchantRet":"0000","extendInfo":"x"}`, BackfillAnswer{"B1", "0000", "x"}, ""},
		{"json with spaces", " \n{\"merchantRet\":\"9999\"}\n", BackfillAnswer{MerchantRet: "9999"}, ""},
		{"a form", "bizOrderNo=B2&merchantRet=0000", BackfillAnswer{BizOrderNo: "B2", MerchantRet: "0000"}, ""},
		{"broken json", `{"merchantRet":`, BackfillAnswer{}, "not JSON"},
		{"no merchantRet", `{"bizOrderNo":"B1"}`, BackfillAnswer{BizOrderNo: "B1"}, "no merchantRet"},
		{"a word", "OK", BackfillAnswer{}, "no merchantRet"},
		{"a bad form", "%zz", BackfillAnswer{}, "neither JSON nor a form"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := readBackfillAnswer([]byte(tc.body))
			if tc.err != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tc.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}

// TestDialChecksTheResolvedAddress: what a name resolves to is checked
// when the connection is made: a link-local address never, whatever name
// led there; a loopback name only to loopback.
func TestDialChecksTheResolvedAddress(t *testing.T) {
	tests := []struct {
		address      string
		loopbackOnly bool
		refused      string
	}{
		{"169.254.169.254:80", false, "link-local or metadata address"},
		{"[fe80::1]:80", false, "link-local"},
		{"[fd00:ec2::254]:80", false, "metadata"},
		{"10.0.0.1:80", true, "not loopback"},
		{"127.0.0.1:80", true, ""},
		{"[::1]:80", true, ""},
		{"10.0.0.1:80", false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.address, func(t *testing.T) {
			err := checkDialed(tt.address, tt.loopbackOnly)
			if tt.refused == "" {
				assert.NoError(t, err)
				return
			}
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.refused)
		})
	}
	_, err := dialContext(context.Background(), "tcp", "169.254.169.254:80")
	require.Error(t, err, "refused before any packet")
	assert.Contains(t, err.Error(), "never notified")
}
