package soa

import (
	"encoding/json"
	"strings"
	"testing"
	"unsafe"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fastTexts are JSON objects the fast decoder takes on.
func fastTexts() []string {
	return []string{`{}`, ` {} `, "\t{\r\n}\n", `{"a":1}`,
		`{"service":"OrderService","method":"queryBalance","param":{"bizUserId":"rich","accountSetNo":"200126"}}`,
		`{"n":[0,-0,1,-12,3.25,-0.5,1e5,1E+5,2e-3,12345678901234567890123,1.5E-07]}`,
		`{"t":true,"f":false,"z":null,"e":"","a":[],"o":{}}`,
		`{"dup":1,"dup":"last wins"}`, `{"中文":"张三","x":"&<>'/"}`, `{"emoji":"😀","sep":"a` + "\u2028" + `b"}`,
		`{"deep":[[[{"a":[{"b":{"c":[1,{"d":null}]}}]}]]]}`, `{ "a" : [ 1 , 2 ] , "b" : { } }`,
		`{"a":` + strings.Repeat("[", fastMaxDepth-1) + strings.Repeat("]", fastMaxDepth-1) + `}`}
}

func TestDecodeObjectFastIsEncodingJSON(t *testing.T) {
	for _, text := range fastTexts() {
		t.Run(text, func(t *testing.T) {
			want, err := decodeObjectJSON(text)
			require.NoError(t, err)
			got, ok := decodeObjectFast(text)
			require.True(t, ok, "the fast decoder takes it on")
			assert.Equal(t, want, got)
		})
	}
}

// TestDecodeObjectFastLeavesTheRest: what the fast decoder does not take on
// goes to encoding/json, which decodes it or words the error.
func TestDecodeObjectFastLeavesTheRest(t *testing.T) {
	nested := func(n int) string { return `{"a":` + strings.Repeat("[", n) + strings.Repeat("]", n) + `}` }
	for _, text := range []string{"", " ", "[]", `"s"`, "1", "null", `{"a":"esc\"ape"}`, `{"a":"\u4e2d"}`, `{"a\n":1}`,
		"{\"tab\":\"a\tb\"}", `{"a":1,}`, `{"a":1`, `{"a" 1}`, `{a:1}`, `{"a":01}`, `{"a":1.}`, `{"a":.5}`, `{"a":1e}`,
		`{"a":-}`, `{"a":+1}`, `{"a":tru}`, `{"a":truex}`, `{"a":nul}`, `{"a":[1,]}`, `{"a":[1 2]}`, `{} {}`, `{}x`,
		`{"a":1}]`, `{"a":"unterminated}`, nested(fastMaxDepth), nested(fastMaxDepth + 5), `{"a":NaN}`, `{"a":0x1}`} {
		t.Run(text, func(t *testing.T) {
			_, ok := decodeObjectFast(text)
			assert.False(t, ok)
		})
	}
}

// TestDecodeObjectFastCopiesStrings: nothing decoded holds on to the text.
func TestDecodeObjectFastCopiesStrings(t *testing.T) {
	text := `{"key":"value","n":123,"a":["item"]}`
	doc, ok := decodeObjectFast(text)
	require.True(t, ok)
	inText := func(s string) bool {
		p, start := uintptr(unsafe.Pointer(unsafe.StringData(s))), uintptr(unsafe.Pointer(unsafe.StringData(text)))
		return p >= start && p < start+uintptr(len(text))
	}
	for k, v := range doc {
		assert.False(t, inText(k), "key %s", k)
		switch x := v.(type) {
		case string:
			assert.False(t, inText(x), "value of %s", k)
		case []any:
			assert.False(t, inText(x[0].(string)), "item of %s", k)
		default:
			assert.False(t, inText(string(x.(json.Number))), "number %s", k)
		}
	}
}

// checkFastAgrees fails when the fast decoder takes text on and encoding/json
// refuses it or makes something else of it.
func checkFastAgrees(t *testing.T, text string) {
	t.Helper()
	got, ok := decodeObjectFast(text)
	if !ok {
		return
	}
	want, err := decodeObjectJSON(text)
	if err != nil {
		t.Fatalf("the fast decoder takes %q, encoding/json refuses it: %v", text, err)
	}
	assert.Equal(t, want, got, "%q", text)
}

// TestDecodeObjectFastAgreesOnEdits: every text one byte away from one the
// fast decoder takes on (a byte deleted, or one of JSON's own inserted) is
// refused by both decoders or decoded alike.
func TestDecodeObjectFastAgreesOnEdits(t *testing.T) {
	const inserts = "\"{}[],:0123456789-+.eE tfnulrsx\\\n\t"
	for _, text := range fastTexts() {
		for i := range len(text) + 1 {
			if i < len(text) {
				checkFastAgrees(t, text[:i]+text[i+1:])
			}
			for _, c := range []byte(inserts) {
				checkFastAgrees(t, text[:i]+string(c)+text[i:])
			}
		}
	}
}

func FuzzDecodeObjectFast(f *testing.F) {
	for _, text := range fastTexts() {
		f.Add(text)
	}
	for _, r := range loadVectors(f).Request {
		f.Add(r.Req)
	}
	f.Fuzz(func(t *testing.T, text string) {
		checkFastAgrees(t, text)
	})
}
