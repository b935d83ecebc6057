package soa

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func FuzzDecodeReq(f *testing.F) {
	for _, r := range loadVectors(f).Request {
		f.Add(r.Req)
	}
	for _, s := range []string{"", "{}", "[]", "null", `{"service":1}`, `{"service":"S","method":"m","param":[]}`,
		`{"service":"S","method":"m"} x`, `{"service":"S","method":"m","param":{"a":1e999}}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, req string) {
		env, err := DecodeReq(req)
		if (env == nil) == (err == nil) {
			t.Fatalf("exactly one of envelope and error: %v %v", env, err)
		}
		if err != nil {
			checkWireError(t, err)
			return
		}
		if env.Service == "" || env.Method == "" || env.Param == nil {
			t.Fatalf("incomplete envelope %+v", env)
		}
		// What is decoded can be answered: the emulator echoes params in signedValues.
		if _, err := MarshalValue(env.Param); err != nil {
			t.Fatalf("decoded param does not encode: %v", err)
		}
	})
}

func FuzzCheckTimestamp(f *testing.F) {
	for _, s := range []string{"", "2026-11-28 12:00:00", "2026-11-28 04:00:00", "2026-02-30 12:00:00",
		"1795838400", "2026-11-28T12:00:00Z", "\xff\xfe", "9999-12-31 23:59:59", "0000-01-01 00:00:00"} {
		f.Add(s, int64(1795838400), int64(600))
	}
	f.Fuzz(func(t *testing.T, ts string, unix, windowSeconds int64) {
		now := time.Unix(unix%(1<<40), 0)
		window := time.Duration(windowSeconds%(1<<30)) * time.Second
		if err := CheckTimestamp(ts, now, window); err != nil {
			checkWireError(t, err)
			if err.Code != CodeInvalidParam {
				t.Fatalf("code %s", err.Code)
			}
		}
	})
}

func FuzzValidate(f *testing.F) {
	for _, r := range loadVectors(f).Request {
		env, _ := DecodeReq(r.Req)
		param, _ := json.Marshal(env.Param)
		f.Add(env.Service, env.Method, string(param))
	}
	f.Add("OrderService", "batchAgentPay", `{"batchPayList":[{"collectPayList":[{}]}]}`)
	f.Add("OrderService", "depositApply", `{"payMethod":{"X":{"bankCardNo":{}}}}`)
	f.Add("MemberService", "setCompanyInfo", validCompanyInfo)
	c := DefaultCatalogue()
	methods := c.Methods()
	f.Fuzz(func(t *testing.T, service, method, param string) {
		env, derr := DecodeReq(`{"service":"S","method":"m","param":` + param + `}`)
		if derr != nil {
			return
		}
		m, lerr := c.Lookup(service, method)
		if lerr != nil {
			checkWireError(t, lerr)
			m = methods[len(service+method+param)%len(methods)]
		}
		if err := m.Validate(env.Param); err != nil {
			checkWireError(t, err)
		}
		_ = WalkEncrypted(env.Param, m.EncryptedRequestPaths(), func(_, v string) (string, error) { return v, nil })
	})
}

// checkWireError checks what every error must be: a known code, a message that starts with the
// code's text and survives JSON as sent.
func checkWireError(t *testing.T, err *Error) {
	t.Helper()
	text, ok := Message(err.Code)
	if !ok || !strings.HasPrefix(err.Message, text) {
		t.Fatalf("bad error %+v", err)
	}
	if !utf8.ValidString(ErrorSignedValue(err)) {
		t.Fatalf("invalid UTF-8 in %q", err.Message)
	}
	var body map[string]string
	if jerr := json.Unmarshal(EncodeError(err, "s"), &body); jerr != nil || body["signedValue"] != ErrorSignedValue(err) {
		t.Fatalf("body does not round-trip: %v", jerr)
	}
}
