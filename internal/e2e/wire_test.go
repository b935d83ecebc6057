package e2e

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/soa"
)

// TestWireVectors sends each real client's bytes unchanged: all must be
// accepted and answered OK.
func TestWireVectors(t *testing.T) {
	v := readVectors(t)
	require.Len(t, v.Wire, 4)
	for _, w := range v.Wire {
		t.Run(w.Name, func(t *testing.T) {
			e := vectorEnv(t)
			raw := w.Query
			if w.Method == http.MethodPost {
				raw = w.Body
			}
			a := send(t, e, w.Method, raw, w.ContentType)
			require.Equal(t, 200, a.Status)
			a.verified(t, e)
			require.Equal(t, "OK", a.str(t, "status"), "%s", a.Body)
			assert.Equal(t, vectorSysID, a.str(t, "sysid"))
			assert.Contains(t, a.str(t, "signedValue"), `"bizUserId":"ceshitiyan"`)
		})
	}
}

// TestRequestVectorsAccepted replays every signed request vector.
func TestRequestVectorsAccepted(t *testing.T) {
	v := readVectors(t)
	for _, r := range v.Request {
		if !strings.HasSuffix(r.Name, "-1024") {
			continue // the vector app is registered with the 1024-bit key
		}
		t.Run(r.Name, func(t *testing.T) {
			e := vectorEnv(t)
			a := postForm(t, e, url.Values{"sysid": {r.SysID}, "sign": {r.Sign}, "timestamp": {r.Timestamp}, "v": {"2.0"}, "req": {r.Req}})
			a.verified(t, e)
			// The signature is right; whatever the method answers, it is
			// not a signature or envelope error.
			if a.str(t, "status") == "error" {
				assert.NotContains(t, []string{"20019", "10000", "10002", "10003", "20000"}, a.str(t, "errorCode"), "%s", a.Body)
			}
		})
	}
}

// TestNegativeVectorsRejected: every negative vector is answered 20019,
// signed, with the platform's exact text.
func TestNegativeVectorsRejected(t *testing.T) {
	v := readVectors(t)
	for _, n := range v.Negative {
		t.Run(n.Name, func(t *testing.T) {
			e := vectorEnv(t)
			req, ts, sign := v.request(n.Vector)
			if n.Req != "" {
				req = n.Req
			}
			if n.Sign != "" {
				sign = n.Sign
			}
			a := postForm(t, e, url.Values{"sysid": {vectorSysID}, "sign": {sign}, "timestamp": {ts}, "v": {"2.0"}, "req": {req}})
			assert.Equal(t, 200, a.Status)
			assert.Equal(t, "20019", a.errorCode(t, e))
			assert.Equal(t, "签名验证失败", a.str(t, "message"))
		})
	}
}

// TestTimestampWindow probes the window at its edges in both directions.
func TestTimestampWindow(t *testing.T) {
	e := demoEnv(t)
	now := mustTime(t, vectorTime)
	for i, tc := range []struct {
		offset time.Duration
		ok     bool
	}{
		{0, true},
		{10 * time.Minute, true},
		{-10 * time.Minute, true},
		{10*time.Minute + time.Second, false},
		{-10*time.Minute - time.Second, false},
		{-8 * time.Hour, false},
	} {
		t.Run(tc.offset.String(), func(t *testing.T) {
			ts := soa.FormatTime(now.Add(tc.offset))
			req := `{"service":"MemberService","method":"createMember","param":{"bizUserId":"ts` + string(rune('a'+i)) + `","memberType":3,"source":1}}`
			a := postForm(t, e, signed(t, e.Merchant, e.SysID, req, ts))
			if tc.ok {
				a.verified(t, e)
				assert.Equal(t, "OK", a.str(t, "status"), "%s", a.Body)
				return
			}
			assert.Equal(t, "10000", a.errorCode(t, e))
			assert.Contains(t, a.str(t, "message"), vectorTime, "the message gives the server's time")
			assert.Contains(t, a.str(t, "message"), ts, "and the timestamp received")
		})
	}
}

// TestTimestampZoneHint: a client sending UTC is told so.
func TestTimestampZoneHint(t *testing.T) {
	e := demoEnv(t)
	ts := mustTime(t, vectorTime).UTC().Format("2006-01-02 15:04:05")
	req := `{"service":"MemberService","method":"createMember","param":{"bizUserId":"utc","memberType":3,"source":1}}`
	a := postForm(t, e, signed(t, e.Merchant, e.SysID, req, ts))
	assert.Equal(t, "10000", a.errorCode(t, e))
	assert.Contains(t, a.str(t, "message"), "clock in UTC instead of China time")
}
