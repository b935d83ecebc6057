package soa

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// encodingJSON is what encoding/json writes for v without HTML escaping:
// the reference the hand-written bodies are held to.
func encodingJSON(tb testing.TB, v any) string {
	tb.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	require.NoError(tb, enc.Encode(v))
	return strings.TrimSuffix(buf.String(), "\n")
}

// jsonStrings are the strings whose encoding differs most.
func jsonStrings() []string {
	all := make([]byte, 0, 128)
	for b := range 128 {
		all = append(all, byte(b))
	}
	return []string{"", "plain", `{"allAmount":100,"freezenAmount":0}`, `back\slash "quoted"`,
		"tab\tnew\nline\rcr\bbs\fff", "\x00\x01\x1f\x7f", string(all), "中文 & <b> 'x'",
		"line\u2028sep\u2029par", "bad \xff utf-8 \xe4\xb8", "\xed\xa0\x80 surrogate", "emoji 😀",
		"errorCode=30000&message=所属应用下已经存在此用户"}
}

func TestAppendJSONStringIsEncodingJSON(t *testing.T) {
	for _, s := range jsonStrings() {
		t.Run(s, func(t *testing.T) {
			assert.Equal(t, encodingJSON(t, s), string(appendJSONString(nil, s)))
		})
	}
}

// okBody and errorBody are the bodies as structs, which encoding/json
// wrote before EncodeOK and EncodeError wrote them by hand.
type okBody struct {
	SysID       string `json:"sysid"`
	Sign        string `json:"sign"`
	SignedValue string `json:"signedValue"`
	Status      string `json:"status"`
}

type errorBody struct {
	Sign        string `json:"sign"`
	ErrorCode   string `json:"errorCode"`
	Message     string `json:"message"`
	SignedValue string `json:"signedValue"`
	Status      string `json:"status"`
}

func TestEncodeBodiesAreEncodingJSON(t *testing.T) {
	for _, s := range jsonStrings() {
		t.Run(s, func(t *testing.T) {
			want := encodingJSON(t, okBody{SysID: s, Sign: s + "=", SignedValue: s, Status: StatusOK})
			assert.Equal(t, want, string(EncodeOK(s, s, s+"=")))
			e := &Error{Code: s, Message: s + "!"}
			code, msg := wireError(e)
			want = encodingJSON(t, errorBody{Sign: s, ErrorCode: code, Message: msg,
				SignedValue: ErrorSignedValue(e), Status: StatusError})
			assert.Equal(t, want, string(EncodeError(e, s)))
		})
	}
}

func FuzzAppendJSONString(f *testing.F) {
	for _, s := range jsonStrings() {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := string(appendJSONString(nil, s)), encodingJSON(t, s); got != want {
			t.Fatalf("appendJSONString(%q) = %s, encoding/json writes %s", s, got, want)
		}
	})
}
