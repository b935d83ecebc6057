package soa

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The answer bodies byte for byte: what tsymock has always sent, so that a change of how they
// are written cannot change the wire.

// encodingJSON is what encoding/json writes for v without HTML escaping: the reference the
// bodies are held to.
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

// TestEncodeOKEscapes: how each kind of character goes on the wire, written out.
func TestEncodeOKEscapes(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"quotes and backslashes", `back\slash "quoted"`, `"back\\slash \"quoted\""`},
		{"a JSON signedValue", `{"allAmount":100,"freezenAmount":0}`, `"{\"allAmount\":100,\"freezenAmount\":0}"`},
		{"short escapes", "tab\tnew\nline\rcr\bbs\fff", `"tab\tnew\nline\rcr\bbs\fff"`},
		{"other control characters and DEL", "\x00\x01\x1f\x7f", "\"\\u0000\\u0001\\u001f\x7f\""},
		{"Chinese and HTML literal", "中文 & <b> 'x'", `"中文 & <b> 'x'"`},
		{"line and paragraph separators", "line\u2028sep\u2029par", `"line\u2028sep\u2029par"`},
		{"invalid UTF-8, byte by byte", "bad \xff utf-8 \xe4\xb8", `"bad \ufffd utf-8 \ufffd\ufffd"`},
		{"a surrogate", "\xed\xa0\x80 surrogate", `"\ufffd\ufffd\ufffd surrogate"`},
		{"emoji", "emoji 😀", `"emoji 😀"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := `{"sysid":"1","sign":"s","signedValue":` + tt.want + `,"status":"OK"}`
			assert.Equal(t, want, string(EncodeOK("1", tt.in, "s")))
		})
	}
}

// refOKBody and refErrorBody are the bodies as the platform orders their fields, declared here
// apart from the encoder's own.
type refOKBody struct {
	SysID       string `json:"sysid"`
	Sign        string `json:"sign"`
	SignedValue string `json:"signedValue"`
	Status      string `json:"status"`
}

type refErrorBody struct {
	Sign        string `json:"sign"`
	ErrorCode   string `json:"errorCode"`
	Message     string `json:"message"`
	SignedValue string `json:"signedValue"`
	Status      string `json:"status"`
}

func TestEncodeBodiesAreEncodingJSON(t *testing.T) {
	for _, s := range jsonStrings() {
		t.Run(s, func(t *testing.T) {
			want := encodingJSON(t, refOKBody{SysID: s, Sign: s + "=", SignedValue: s, Status: StatusOK})
			assert.Equal(t, want, string(EncodeOK(s, s, s+"=")))
			e := &Error{Code: s, Message: s + "!"}
			code, msg := wireError(e)
			want = encodingJSON(t, refErrorBody{Sign: s, ErrorCode: code, Message: msg,
				SignedValue: ErrorSignedValue(e), Status: StatusError})
			assert.Equal(t, want, string(EncodeError(e, s)))
		})
	}
}
