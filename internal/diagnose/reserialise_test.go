package diagnose

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A req as a PHP SDK builds it: service, method, param in that order (PHP
// arrays keep insertion order, and json_encode writes them so), a Chinese
// name and a URL. phpReq is what json_encode writes by default ("/" and
// non-ASCII escaped), written out by hand; plainReq is the same array with
// JSON_UNESCAPED_SLASHES|JSON_UNESCAPED_UNICODE.
const (
	plainReq = `{"service":"MemberService","method":"setRealName","param":{"bizUserId":"buyer1","name":"通商云",` +
		`"identityType":1,"identityNo":"310226123456745676","backUrl":"http://127.0.0.1:8080/notify","amount":10.50}}`
	phpReq = `{"service":"MemberService","method":"setRealName","param":{"bizUserId":"buyer1","name":"\u901a\u5546\u4e91",` +
		`"identityType":1,"identityNo":"310226123456745676","backUrl":"http:\/\/127.0.0.1:8080\/notify","amount":10.50}}`
	// sortedPHPReq is phpReq with its keys sorted, as a client that sorts
	// before encoding writes it.
	sortedPHPReq = `{"method":"setRealName","param":{"amount":10.50,"backUrl":"http:\/\/127.0.0.1:8080\/notify",` +
		`"bizUserId":"buyer1","identityNo":"310226123456745676","identityType":1,"name":"\u901a\u5546\u4e91"},"service":"MemberService"}`
)

// TestRunPHPReserialised: a PHP client that signs one json_encode of its
// req and sends another is told so, whichever way round, with the keys in
// the order PHP keeps (probe-R finding 4: only a sorted form was tried).
func TestRunPHPReserialised(t *testing.T) {
	merchant := load(t, "merchant-1024.pkcs8.pem")
	for _, tc := range []struct {
		name, sent, signed, want string
	}{
		{"signed escaped, sent unescaped", plainReq, phpReq, "escaped as PHP json_encode writes it"},
		{"signed unescaped, sent escaped", phpReq, plainReq, "unescaped (PHP JSON_UNESCAPED_SLASHES|JSON_UNESCAPED_UNICODE)"},
		{"signed escaped with sorted keys", plainReq, sortedPHPReq, "keys sorted, with / and non-ASCII escaped"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := Run(Input{SysID: sysid, Req: tc.sent, Timestamp: ts, Sign: sign(t, merchant, sysid+tc.signed+ts), Key: &merchant.PublicKey})
			assert.Equal(t, "source-differs", r.Reason)
			assert.Contains(t, r.Cause, "signed a differently serialised req")
			assert.Contains(t, r.Cause, tc.want)
		})
	}
}

func TestRewrite(t *testing.T) {
	for _, tc := range []struct {
		name, in, plain, php string
	}{
		{"php sdk order kept", plainReq, plainReq, phpReq},
		{"escaped in, plain out", phpReq, plainReq, phpReq},
		{"spaces dropped", ` { "b" : [ 1 , 2.50 , true , null , { } , [ ] ] , "a" : "x" } `,
			`{"b":[1,2.50,true,null,{},[]],"a":"x"}`, `{"b":[1,2.50,true,null,{},[]],"a":"x"}`},
		{"a key escaped too", `{"名/称":"值"}`, `{"名/称":"值"}`, `{"\u540d\/\u79f0":"\u503c"}`},
		{"outside the BMP as a surrogate pair", `{"e":"😀"}`, `{"e":"😀"}`, `{"e":"\ud83d\ude00"}`},
		{"quotes and control characters", `{"q":"a\"b\\c\n"}`, `{"q":"a\"b\\c\n"}`, `{"q":"a\"b\\c\n"}`},
		{"html kept as PHP keeps it", `{"h":"<a&b>"}`, `{"h":"<a&b>"}`, `{"h":"<a&b>"}`},
		{"not JSON", `{"a":`, "", ""},
		{"two values", `{"a":1} {"b":2}`, "", ""},
		{"unclosed", `[1,2`, "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.plain, rewrite(tc.in, plainString))
			assert.Equal(t, tc.php, rewrite(tc.in, phpString))
		})
	}
}

// FuzzRewrite: whatever JSON comes in, rewrite writes the same value, in
// both forms.
func FuzzRewrite(f *testing.F) {
	for _, s := range []string{plainReq, phpReq, `[1,"a/b",{"c":null}]`, `"x"`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		var want any
		if json.Unmarshal([]byte(in), &want) != nil {
			return
		}
		for _, str := range []func(string) string{plainString, phpString} {
			out := rewrite(in, str)
			var got any
			require.NoError(t, json.Unmarshal([]byte(out), &got), out)
			assert.Equal(t, want, got)
		}
	})
}
