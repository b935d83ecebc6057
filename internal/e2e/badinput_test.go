package e2e

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/mock"
)

// badCase is one malformed request and the answer it must get.
type badCase struct {
	name        string
	method      string // GET or POST (default POST)
	raw         string // the query or body as sent
	contentType string
	code        string
	message     string // a part of the message that names the problem
}

// formWith signs a createMember and lets mutate break it.
func formWith(t *testing.T, e *env, req, ts string, mutate func(v url.Values)) string {
	t.Helper()
	v := signed(t, e.Merchant, e.SysID, req, ts)
	if mutate != nil {
		mutate(v)
	}
	return v.Encode()
}

func createReq(bizUserID string) string {
	return `{"service":"MemberService","method":"createMember","param":{"bizUserId":"` + bizUserID + `","memberType":3,"source":1}}`
}

// badCases are the malformed requests of the reliability issue: every
// parameter missing or empty, broken signatures and encodings, oversized
// and deeply nested req, duplicated parameters, unknown v, every malformed
// timestamp shape, markup and NUL in values, and wrong Content-Types.
func badCases(t *testing.T, e *env) []badCase {
	good := createReq("bad")
	f := func(mutate func(v url.Values)) string { return formWith(t, e, good, vectorTime, mutate) }
	resigned := func(req string) string { return formWith(t, e, req, vectorTime, nil) }
	withTS := func(ts string) string { return formWith(t, e, good, ts, nil) }
	cases := []badCase{
		{name: "sysid missing", raw: f(func(v url.Values) { v.Del("sysid") }), code: "10001", message: "sysid"},
		{name: "sysid empty", raw: f(func(v url.Values) { v.Set("sysid", "") }), code: "10001", message: "sysid"},
		{name: "sysid unknown", raw: f(func(v url.Values) { v.Set("sysid", "1") }), code: "20000", message: `"1"`},
		{name: "sysid not UTF-8", raw: f(func(v url.Values) { v.Set("sysid", "\xff\xfe") }), code: "20000"},
		{name: "privSysid unknown", raw: f(func(v url.Values) { v.Del("sysid"); v.Set("privSysid", "2"); v.Set("privBizUserId", "x") }), code: "20000"},
		{name: "sign missing", raw: f(func(v url.Values) { v.Del("sign") }), code: "20019", message: "签名验证失败"},
		{name: "sign empty", raw: f(func(v url.Values) { v.Set("sign", "") }), code: "20019"},
		{name: "sign not Base64", raw: f(func(v url.Values) { v.Set("sign", "@@@@") }), code: "20019"},
		{name: "sign wrong length", raw: f(func(v url.Values) { v.Set("sign", "AAAAAAAAAAAAAAAA") }), code: "20019"},
		{name: "sign + sent as space", raw: strings.ReplaceAll(f(nil), "%2B", "+"), code: "20019"},
		{name: "timestamp missing", raw: f(func(v url.Values) { v.Del("timestamp") }), code: "10000", message: "timestamp missing"},
		{name: "timestamp empty", raw: f(func(v url.Values) { v.Set("timestamp", "") }), code: "10000", message: "timestamp"},
		{name: "v missing", raw: f(func(v url.Values) { v.Del("v") }), code: "10001", message: "v"},
		{name: "v empty", raw: f(func(v url.Values) { v.Set("v", "") }), code: "10001", message: "v"},
		{name: "v unknown", raw: f(func(v url.Values) { v.Set("v", "3.0") }), code: "10000", message: "3.0"},
		{name: "v of another minor", raw: f(func(v url.Values) { v.Set("v", "2.1") }), code: "10000", message: "2.1"},
		{name: "req missing", raw: f(func(v url.Values) { v.Del("req") }), code: "10001", message: "req"},
		{name: "req empty", raw: f(func(v url.Values) { v.Set("req", "") }), code: "10001", message: "req"},
		{name: "req not JSON", raw: resigned(`{"service":`), code: "10000", message: "not a JSON object"},
		{name: "req an array", raw: resigned(`[1,2]`), code: "10000"},
		{name: "req trailing garbage", raw: resigned(good + "x"), code: "10000"},
		{name: "req not UTF-8", raw: resigned(strings.Replace(good, "bad", "b\xffd", 1)), code: "10000", message: "UTF-8"},
		{name: "req deeply nested", raw: resigned(strings.Repeat("[", 20000) + strings.Repeat("]", 20000)), code: "10000"},
		{name: "req over the size limit", raw: resigned(`{"x":"` + strings.Repeat("a", mock.DefaultMaxBody) + `"}`), code: "10004"},
		{name: "req over the size limit by GET", method: http.MethodGet, raw: "sysid=" + e.SysID + "&req=" + strings.Repeat("a", mock.DefaultMaxBody/2+1) + strings.Repeat("b", mock.DefaultMaxBody/2), code: "10004"},
		{name: "param not an object", raw: resigned(`{"service":"MemberService","method":"createMember","param":"x"}`), code: "10000", message: "param"},
		{name: "service not a string", raw: resigned(`{"service":1,"method":"createMember"}`), code: "10002"},
		{name: "method empty", raw: resigned(`{"service":"MemberService","method":""}`), code: "10003"},
		{name: "number overflows", raw: resigned(`{"service":"MemberService","method":"createMember","param":{"bizUserId":"n","memberType":1e400,"source":1}}`), code: "10000"},
		{name: "NUL in a value", raw: resigned(createReq(`nu\u0000l`)), code: "10000", message: "NUL"},
		{name: "bad percent escape", raw: "sysid=%zz&" + f(nil), code: "10000", message: "URL encoding"},
		{name: "JSON body", raw: `{"sysid":"` + e.SysID + `"}`, contentType: "application/json", code: "10000", message: "application/json"},
		{name: "multipart body", raw: "--x\r\nContent-Disposition: form-data; name=\"sysid\"\r\n\r\n1\r\n--x--", contentType: "multipart/form-data; boundary=x", code: "10000", message: "multipart/form-data"},
	}
	for _, ts := range []string{"2026-11-28T12:00:00", "2026-11-28 12:00", "2026/11/28 12:00:00", "1764302400",
		"2026-11-28 12:00:00.000", " 2026-11-28 12:00:00", "2026-13-01 00:00:00", "2026-11-28 24:00:00",
		"2026-02-30 12:00:00", "28-11-2026 12:00:00", "2026-11-28 12:00:00+08:00"} {
		cases = append(cases, badCase{name: "timestamp " + ts, raw: withTS(ts), code: "10000", message: "timestamp"})
	}
	return cases
}

// TestBadInput: each malformed request gets its signed errorCode and a
// precise message, and the server keeps serving.
func TestBadInput(t *testing.T) {
	e := demoEnv(t)
	cases := badCases(t, e)
	require.GreaterOrEqual(t, len(cases), 40)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			method := tc.method
			if method == "" {
				method = http.MethodPost
			}
			a := send(t, e, method, tc.raw, tc.contentType)
			assert.Equal(t, 200, a.Status)
			assert.Equal(t, tc.code, a.errorCode(t, e), "%.300s", a.Body)
			assert.Contains(t, a.str(t, "message"), tc.message)
		})
	}
	ok := postForm(t, e, signed(t, e.Merchant, e.SysID, createReq("still-serving"), vectorTime))
	ok.verified(t, e)
	assert.Equal(t, "OK", ok.str(t, "status"), "the server keeps serving")
}

// TestMarkupAndDuplicates: HTML and SQL in values are data, answered as
// any other value; a duplicated parameter counts with its first value.
func TestMarkupAndDuplicates(t *testing.T) {
	e := demoEnv(t)
	for _, id := range []string{`<script>alert(1)</script>`, `' OR 1=1; DROP TABLE members;--`} {
		req := `{"service":"MemberService","method":"createMember","param":{"bizUserId":` + fmt.Sprintf("%q", id) + `,"memberType":3,"source":1}}`
		a := postForm(t, e, signed(t, e.Merchant, e.SysID, req, vectorTime))
		a.verified(t, e)
		assert.Equal(t, "OK", a.str(t, "status"))
		assert.Contains(t, a.str(t, "signedValue"), `"bizUserId":`+fmt.Sprintf("%q", id))
	}
	form := signed(t, e.Merchant, e.SysID, createReq("dup"), vectorTime).Encode()
	a := send(t, e, http.MethodPost, form+"&sysid=999&req=x", "application/x-www-form-urlencoded")
	a.verified(t, e)
	assert.Equal(t, "OK", a.str(t, "status"), "the first value of each parameter counts: %s", a.Body)
}

// TestSlowBody: a client that never finishes its body is cut off by the
// body timeout and answered, and does not stop others.
func TestSlowBody(t *testing.T) {
	e := demoEnv(t, func(c *mock.Config) { c.BodyTimeout = 300 * time.Millisecond })
	conn, err := net.Dial("tcp", strings.TrimPrefix(e.URL, "http://"))
	require.NoError(t, err)
	defer conn.Close()
	_, err = fmt.Fprintf(conn, "POST /service/soa HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nsysid=1")
	require.NoError(t, err)

	ok := postForm(t, e, signed(t, e.Merchant, e.SysID, createReq("meanwhile"), vectorTime))
	assert.Equal(t, "OK", ok.str(t, "status"), "others are served meanwhile")

	require.NoError(t, conn.SetReadDeadline(time.Now().Add(5*time.Second)))
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err == nil {
		defer resp.Body.Close()
		assert.Equal(t, 200, resp.StatusCode, "answered 10000 after the body timeout")
	}
	// Either an answer or a closed connection ends the slow client; what
	// matters is that it ended well before the 5 s deadline.
	var nerr net.Error
	if err != nil {
		assert.False(t, errors.As(err, &nerr) && nerr.Timeout(), "the server cut the slow body off: %v", err)
	}
}

// TestBodyCutShort: a whole signed call whose Content-Length announces
// more than the client sends before it closes its side is a body cut
// short, 10000 saying so, and not run: the bytes that came may be a
// valid call, but the client never finished sending it.
func TestBodyCutShort(t *testing.T) {
	e := demoEnv(t)
	form := signed(t, e.Merchant, e.SysID, createReq("cut-short"), vectorTime).Encode()
	conn, err := net.Dial("tcp", strings.TrimPrefix(e.URL, "http://"))
	require.NoError(t, err)
	defer conn.Close()
	_, err = fmt.Fprintf(conn, "POST /service/soa HTTP/1.1\r\nHost: %s\r\nContent-Type: application/x-www-form-urlencoded\r\n"+
		"Content-Length: %d\r\n\r\n%s", strings.TrimPrefix(e.URL, "http://"), len(form)+100, form)
	require.NoError(t, err)
	require.NoError(t, conn.(*net.TCPConn).CloseWrite())

	require.NoError(t, conn.SetReadDeadline(time.Now().Add(10*time.Second)))
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	require.NoError(t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	a := wireAnswer{Status: resp.StatusCode, Body: body}
	require.NoError(t, json.Unmarshal(body, &a.Raw), "body: %s", body)
	assert.Equal(t, "10000", a.errorCode(t, e))
	assert.Contains(t, a.str(t, "message"), fmt.Sprintf("after %d of the %d bytes", len(form), len(form)+100))

	again := postForm(t, e, signed(t, e.Merchant, e.SysID, createReq("cut-short"), vectorTime))
	again.verified(t, e)
	assert.Equal(t, "OK", again.str(t, "status"), "the cut call created no member: %s", again.Body)
}
