package form

import (
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// twiceReq is a page's req with the characters a second encoding changes:
// a space, a '+', an escaped '/' (PHP's json_encode), non-ASCII and '%'.
const twiceReq = `{"service":"MemberPwdService","method":"setPayPwd","param":{"bizUserId":"a b+c","jumpUrl":"http:\/\/m.example\/j?x=1&y=50%","name":"张三"}}`

// javaEncode is java.net.URLEncoder.encode(s, "UTF-8") (and PHP's
// urlencode): space as '+', '*' '-' '.' '_' kept, everything else escaped
// upper-case.
func javaEncode(s string) string {
	e := url.QueryEscape(s)
	return strings.ReplaceAll(e, "~", "%7E")
}

func TestDecodeTwice(t *testing.T) {
	const ts, sign = "2026-11-28 12:00:00", "ab+/cd=="
	once := url.Values{"sysid": {"100000000002"}, "v": {"2.0"}, "req": {twiceReq}, "timestamp": {ts}, "sign": {sign}}
	// The query of YunClient.encodeTwice and of PHP's urlencode(urlencode($v)):
	// every value encoded twice, then decoded once by the server.
	twice := func(enc func(string) string) url.Values {
		q := "sysid=100000000002&v=2.0&req=" + enc(enc(twiceReq)) + "&timestamp=" + enc(enc(ts)) + "&sign=" + enc(enc(sign))
		v, err := Parse(q)
		require.NoError(t, err)
		return v
	}
	tests := []struct {
		name    string
		in      url.Values
		want    url.Values
		decoded bool
	}{
		{"encoded once: unchanged", once, once, false},
		{"encoded twice, Java URLEncoder", twice(javaEncode), once, true},
		{"encoded twice, %20 for spaces", twice(func(s string) string { return strings.ReplaceAll(url.QueryEscape(s), "+", "%20") }), once, true},
		{"encoded twice, lower-case escapes", twice(func(s string) string { return strings.ToLower(url.QueryEscape(s)) }),
			url.Values{"sysid": {"100000000002"}, "v": {"2.0"}, "req": {strings.ToLower(twiceReq)}, "timestamp": {ts}, "sign": {sign}}, true},
		{"no req", url.Values{"sysid": {"1"}}, url.Values{"sysid": {"1"}}, false},
		{"req not JSON either way", url.Values{"req": {"%7Bx%zz"}}, url.Values{"req": {"%7Bx%zz"}}, false},
		{"a value that does not decode again", url.Values{"req": {"%7B%7D"}, "sign": {"%"}}, url.Values{"req": {"%7B%7D"}, "sign": {"%"}}, false},
		{"repeated key keeps every value", url.Values{"req": {"%7B%7D"}, "x": {"a%2Bb", "%20"}},
			url.Values{"req": {"{}"}, "x": {"a+b", " "}}, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := cloneValues(tc.in)
			got, decoded := DecodeTwice(tc.in)
			assert.Equal(t, tc.decoded, decoded)
			assert.Equal(t, tc.want, got)
			assert.Equal(t, in, tc.in, "the values passed in are not changed")
		})
	}
}

func cloneValues(v url.Values) url.Values {
	out := make(url.Values, len(v))
	for k, vals := range v {
		out[k] = append([]string(nil), vals...)
	}
	return out
}
