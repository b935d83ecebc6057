package proxy

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseAnswer(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, body string
		status     string
		code, msg  string
		value      map[string]any
		err        string
	}{
		{name: "OK", body: `{"sysid":"1","sign":"s","signedValue":"{\"bizUserId\":\"a\",\"amount\":100}","status":"OK"}`,
			status: "OK", value: map[string]any{"bizUserId": "a", "amount": json.Number("100")}},
		{name: "OK with an empty signedValue", body: `{"sign":"s","signedValue":"","status":"OK"}`, status: "OK", value: map[string]any{}},
		{name: "error", body: `{"sign":"s","errorCode":"30000","message":"所属应用下已经存在此用户","signedValue":"errorCode=30000&message=所属应用下已经存在此用户","status":"error"}`,
			status: "error", code: "30000", msg: "所属应用下已经存在此用户"},
		{name: "error with a number for a code", body: `{"errorCode":40014,"message":"m","status":"error"}`, status: "error", code: "40014", msg: "m"},
		{name: "white space around", body: " \n{\"status\":\"OK\",\"signedValue\":\"{}\"}\n", status: "OK", value: map[string]any{}},
		{name: "HTML", body: `<html>502</html>`, err: "not a JSON envelope"},
		{name: "empty", body: ``, err: "not a JSON envelope"},
		{name: "a list", body: `[1]`, err: "not a JSON envelope"},
		{name: "two values", body: `{"status":"OK"}{}`, err: "text after"},
		{name: "garbage after", body: `{"status":"OK"}x`, err: "text after"},
		{name: "unknown status", body: `{"status":"pending"}`, err: `status is "pending"`},
		{name: "no status", body: `{}`, err: `status is ""`},
		{name: "signedValue not JSON", body: `{"status":"OK","signedValue":"errorCode=1"}`, err: "not a JSON object"},
		{name: "signedValue a list", body: `{"status":"OK","signedValue":"[1]"}`, err: "not a JSON object"},
		{name: "signedValue null", body: `{"status":"OK","signedValue":"null"}`, err: "it is null"},
		{name: "signedValue with text after", body: `{"status":"OK","signedValue":"{} x"}`, err: "text after"},
		{name: "error without a code", body: `{"status":"error","message":"m"}`, err: "no errorCode"},
		{name: "error with an empty code", body: `{"status":"error","errorCode":" "}`, err: "empty"},
		{name: "error with an object for a code", body: `{"status":"error","errorCode":{}}`, err: "not a string or a number"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			a, err := ParseAnswer([]byte(tc.body))
			if tc.err != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tc.err)
				assert.Contains(t, err.Error(), "proxy: ")
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.status, a.Status)
			assert.Equal(t, tc.value, a.Value)
			if tc.code == "" {
				assert.Nil(t, a.Err())
				return
			}
			require.NotNil(t, a.Err())
			assert.Equal(t, tc.code, a.Err().Code)
			assert.Equal(t, tc.msg, a.Err().Message)
		})
	}
}

// FuzzParseAnswer: any body is read without a panic, and what is accepted
// keeps the envelope's promises.
func FuzzParseAnswer(f *testing.F) {
	for _, seed := range []string{
		`{"sysid":"1","sign":"s","signedValue":"{\"a\":1}","status":"OK"}`,
		`{"errorCode":"30000","message":"m","signedValue":"errorCode=30000&message=m","status":"error"}`,
		`{"errorCode":9400,"status":"error"}`, `<html>`, `{"status":"OK","signedValue":"null"}`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		a, err := ParseAnswer(body)
		if err != nil {
			return
		}
		switch a.Status {
		case "OK":
			require.NotNil(t, a.Value)
			require.Nil(t, a.Err())
		case "error":
			require.NotEmpty(t, a.Err().Code)
		default:
			t.Fatalf("accepted status %q", a.Status)
		}
	})
}
