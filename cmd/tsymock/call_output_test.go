package main

import (
	"bytes"
	"context"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/client"
	"github.com/tsymock/tsymock/keys/demo"
	"github.com/tsymock/tsymock/mock"
)

// startCallServer serves what "tsymock serve" with serveArgs would, its
// --scenarios loaded, on a loopback port, and returns its base URL.
func startCallServer(t *testing.T, serveArgs ...string) string {
	t.Helper()
	f := parsedServeFlags(t, serveArgs...)
	cfg, err := serverConfig(f, nil)
	require.NoError(t, err)
	srv, err := mock.New(cfg)
	require.NoError(t, err)
	_, err = watchScenarios(t.Context(), srv, f.scenarios, slog.New(slog.DiscardHandler))
	require.NoError(t, err)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(func() { _ = srv.Shutdown(context.Background()) })
	return "http://" + ln.Addr().String()
}

// TestCallOutput: what "tsymock call" prints and its exit code, for an OK
// answer, the errorCodes a wrong setting causes (and what it says to
// check), and calls that get no answer to trust (spec §3: the envelope, its
// errorCode and message).
func TestCallOutput(t *testing.T) {
	url := startCallServer(t)
	stale := startCallServer(t, "--clock", "2020-01-01 12:00:00")
	refused := closedPort(t)
	scenarios := filepath.Join(t.TempDir(), "my.yaml")
	require.NoError(t, os.WriteFile(scenarios, []byte(`rules:
  - name: 响应被篡改，只发生一次
    when: {service: OrderService, method: getOrderDetail, param: {bizOrderNo: D-1}}
    respond: {fault: bad-signature}
  - name: empty
    when: {service: OrderService, method: getOrderDetail, param: {bizOrderNo: D-2}}
    respond: {fault: empty-body}
  - name: broke
    when: {service: OrderService, method: queryBalance, param: {bizUserId: broke}}
    respond: {error: {code: "20019"}}
`), 0o600))
	scripted := startCallServer(t, "--scenarios", scenarios)
	notTsymock := httptest.NewServer(http.NotFoundHandler())
	hangUp := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		conn, _, err := http.NewResponseController(w).Hijack() // a connection closed with no answer
		if err == nil {
			_ = conn.Close()
		}
	}))
	t.Cleanup(hangUp.Close)
	t.Cleanup(notTsymock.Close)
	const keyDir = "../../keys/demo/"
	realName := `{"bizUserId":"out-1","name":"张三","identityType":1,"identityNo":"110101199003074258"}`
	for _, tc := range []struct {
		name       string
		args       []string
		code       int
		stdout     []string
		stderr     []string
		noStderr   []string
		emptyStdio bool
	}{
		{name: "OK: the answer, indented",
			args: []string{"--url", url, "MemberService", "createMember", `{"bizUserId":"out-1","memberType":3,"source":1}`},
			code: callOK, stdout: []string{`"bizUserId": "out-1"`, `"userId": "`}, emptyStdio: true},
		{name: "OK: encrypted fields of the answer decrypted with the merchant key",
			args: []string{"--url", url, "MemberService", "setRealName", realName},
			code: callOK, stdout: []string{`"identityNo": "110101199003074258"`, `"name": "张三"`},
			stderr: []string{"decrypted with the merchant key (--key): identityNo"}},
		{name: "OK, but the real test environment would refuse it: a warning naming the code and the rule",
			args: []string{"--url", url, "OrderService", "depositApply", `{"bizOrderNo":"out-d1","bizUserId":"out-1",` +
				`"accountSetNo":"200126","amount":100,"fee":0,"validateType":0,"backUrl":"http://127.0.0.1:1/n",` +
				`"frontUrl":"http://127.0.0.1:1/f","payMethod":{"GATEWAY_VSP":{"amount":100,"paytype":"B2C"}},` +
				`"industryCode":"1910","industryName":"其他","source":1}`},
			code: callOK, stdout: []string{`"bizOrderNo": "out-d1"`},
			stderr: []string{"warning: OrderService.depositApply passed here, but Allinpay's test environment would answer 30021",
				"(rule member-prerequisite: depositApply of bizUserId \"out-1\" without a bound phone: a member makes orders once its phone is bound (spec §4.2.1", "serve --strict"},
			noStderr: []string{"the server's log says why"}},
		{name: "an errorCode and its message; nothing to check",
			args: []string{"--url", url, "MemberService", "createMember", `{"bizUserId":"out-1","memberType":3,"source":1}`},
			code: callErrorCode, stderr: []string{"MemberService.createMember answered errorCode 30000 所属应用下已经存在此用户"},
			noStderr: []string{"check:"}},
		{name: "20019: the key",
			args: []string{"--url", url, "--key", keyDir + demo.PlatformKeyFile, "MemberService", "createMember", `{"bizUserId":"out-2","memberType":3,"source":1}`},
			code: callErrorCode, stderr: []string{"errorCode 20019 签名验证失败", "check: the key: --key (" + keyDir + demo.PlatformKeyFile + ")", "sysid 100000000002"}},
		{name: "10000 timestamp: the clock",
			args: []string{"--url", stale, "MemberService", "createMember", `{"bizUserId":"out-3","memberType":3,"source":1}`},
			code: callErrorCode, stderr: []string{"errorCode 10000", "timestamp", "check: the clock", "Asia/Shanghai"}},
		{name: "20000: the sysid",
			args: []string{"--url", url, "--sysid", "999", "MemberService", "createMember", `{"bizUserId":"out-4","memberType":3,"source":1}`},
			code: callErrorCode, stderr: []string{"errorCode 20000", "check: the sysid: the server has no application 999", "--auto-apps"}},
		{name: "30019: the account set",
			args: []string{"--url", url, "OrderService", "queryBalance", `{"bizUserId":"out-1","accountSetNo":"nope"}`},
			code: callErrorCode, stderr: []string{"errorCode 30019", `"nope"`, "check: the account set", "GET /__tsymock/apps"}},
		{name: "connection refused: is the server running",
			args: []string{"--url", refused, "MemberService", "createMember", `{"bizUserId":"out-5","memberType":3,"source":1}`},
			code: callNoAnswer, stderr: []string{"no answer to MemberService.createMember", "check: is tsymock serve running at " + refused}},
		{name: "closed without an answer: not the URL",
			args: []string{"--url", hangUp.URL, "MemberService", "createMember", `{"bizUserId":"out-8","memberType":3,"source":1}`},
			code: callNoAnswer, stderr: []string{"no answer to MemberService.createMember", "closed the connection without an answer", "may have taken effect"},
			noStderr: []string{"base URL"}},
		{name: "not tsymock: the URL",
			args: []string{"--url", notTsymock.URL, "MemberService", "createMember", `{"bizUserId":"out-6","memberType":3,"source":1}`},
			code: callNoAnswer, stderr: []string{"HTTP 404", "check: is " + notTsymock.URL + " a tsymock server's base URL"}},
		{name: "an answer whose sign does not verify: it came, the call may have taken effect; the certificate",
			args: []string{"--url", url, "--cert", keyDir + demo.MerchantCertFile, "MemberService", "createMember", `{"bizUserId":"out-7","memberType":3,"source":1}`},
			code: callNoAnswer, stderr: []string{"an answer to MemberService.createMember came but its sign does not verify with --cert; the call may have taken effect",
				"check: the platform certificate: --cert (" + keyDir + demo.MerchantCertFile + ")"},
			noStderr: []string{"no answer"}},
		{name: "a bad signature a scenario rule forged: the rule, not --cert",
			args: []string{"--url", scripted, "OrderService", "getOrderDetail", `{"bizOrderNo":"D-1"}`},
			code: callNoAnswer, stderr: []string{"its sign does not verify with --cert",
				"check: nothing: a scenario rule forged this answer on purpose (rule " + scenarios + ":2 响应被篡改，只发生一次, fault bad-signature)"},
			noStderr: []string{"check: the platform certificate"}},
		{name: "an empty body a scenario rule asked for",
			args: []string{"--url", scripted, "OrderService", "getOrderDetail", `{"bizOrderNo":"D-2"}`},
			code: callNoAnswer, stderr: []string{"no answer to OrderService.getOrderDetail",
				"check: nothing: a scenario rule forged this answer on purpose (rule " + scenarios + ":5 empty, fault empty-body)"}},
		{name: "an errorCode a scenario rule answered: not the key",
			args: []string{"--url", scripted, "OrderService", "queryBalance", `{"bizUserId":"broke","accountSetNo":"200126"}`},
			code: callErrorCode, stderr: []string{"errorCode 20019", "check: nothing: a scenario rule answered this errorCode on purpose (rule " + scenarios + ":8 broke)"},
			noStderr: []string{"check: the key"}},
		{name: "PARAM-JSON not an object",
			args: []string{"--url", url, "MemberService", "createMember", `[1]`},
			code: callUsage, stderr: []string{"PARAM-JSON is not a JSON object"}},
		{name: "a key file that is not there",
			args: []string{"--url", url, "--key", "/nonexistent.pfx", "MemberService", "createMember", `{}`},
			code: callUsage, stderr: []string{"/nonexistent.pfx"}},
		{name: "two arguments instead of three",
			args: []string{"MemberService", "createMember"},
			code: callUsage, stderr: []string{"Usage: tsymock call", "Exit codes"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(t.Context(), append([]string{"call"}, tc.args...), &stdout, &stderr)
			assert.Equal(t, tc.code, code, "stderr: %s", stderr.String())
			for _, s := range tc.stdout {
				assert.Contains(t, stdout.String(), s)
			}
			for _, s := range tc.stderr {
				assert.Contains(t, stderr.String(), s)
			}
			for _, s := range tc.noStderr {
				assert.NotContains(t, stderr.String(), s)
			}
			if tc.emptyStdio {
				assert.Empty(t, stderr.String())
			}
			if tc.code != callOK {
				assert.Empty(t, stdout.String(), "stdout holds OK answers only")
			}
		})
	}
}

// closedPort is the URL of a loopback port nothing listens on.
func closedPort(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	url := "http://" + ln.Addr().String()
	require.NoError(t, ln.Close())
	return url
}

// TestDecryptAnswerKeepsWhatDoesNotDecrypt: a field the merchant key cannot
// decrypt is printed as it came, and said so.
func TestDecryptAnswerKeepsWhatDoesNotDecrypt(t *testing.T) {
	m, err := demo.Load()
	require.NoError(t, err)
	c, err := client.New("http://127.0.0.1", demo.SysID, m.MerchantKey, m.PlatformCert)
	require.NoError(t, err)
	doc, notes := decryptAnswer(c, "MemberService", "setRealName", []byte(`{"bizUserId":"u","identityNo":"ABCD","identityType":1}`))
	assert.JSONEq(t, `{"bizUserId":"u","identityNo":"ABCD","identityType":1}`, string(doc))
	assert.Equal(t, []string{"not decrypted, it is not encrypted for --key: identityNo"}, notes)
	doc, notes = decryptAnswer(c, "MemberService", "createMember", []byte(`{"bizUserId":"u"}`))
	assert.Equal(t, `{"bizUserId":"u"}`, string(doc), "nothing encrypted in this method's answer")
	assert.Empty(t, notes)
}
