package soa

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestEncodeOKProtocolExample(t *testing.T) {
	signedValue := `{"userId":"8de28bb8-...","bizUserId":"ceshitiyan"}`
	got := EncodeOK("1902271423530473681", signedValue, "...")
	want := `{"sysid":"1902271423530473681","sign":"...","signedValue":"{\"userId\":\"8de28bb8-...\",\"bizUserId\":\"ceshitiyan\"}","status":"OK"}`
	assert.Equal(t, want, string(got))
}

func TestEncodeErrorProtocolExample(t *testing.T) {
	got := EncodeError(NewError("30000"), "...")
	want := `{"sign":"...","errorCode":"30000","message":"所属应用下已经存在此用户","signedValue":"errorCode=30000&message=所属应用下已经存在此用户","status":"error"}`
	assert.Equal(t, want, string(got))
}

func TestErrorSignedValueMatchesVectors(t *testing.T) {
	for _, r := range loadVectors(t).Response {
		if r.SignedValue[0] == '{' {
			continue
		}
		assert.Equal(t, r.SignedValue, ErrorSignedValue(NewError("30000")), r.Name)
	}
}

func TestEncodeErrorKeepsCharactersLiteral(t *testing.T) {
	e := &Error{Code: "10000", Message: `参数错误: a&b <c> "d" \e`}
	got := EncodeError(e, "s+/=")
	assert.Equal(t, `{"sign":"s+/=","errorCode":"10000","message":"参数错误: a&b <c> \"d\" \\e",`+
		`"signedValue":"errorCode=10000&message=参数错误: a&b <c> \"d\" \\e","status":"error"}`, string(got))
	var body map[string]string
	require.NoError(t, json.Unmarshal(got, &body))
	assert.Equal(t, ErrorSignedValue(e), body["signedValue"], "the signed text round-trips")
}

func TestEncodeErrorInvalidUTF8(t *testing.T) {
	e := &Error{Code: "10000", Message: "bad \xff byte"}
	assert.Equal(t, "errorCode=10000&message=bad \uFFFD byte", ErrorSignedValue(e))
	var body map[string]string
	require.NoError(t, json.Unmarshal(EncodeError(e, "s"), &body))
	assert.Equal(t, ErrorSignedValue(e), body["signedValue"], "what is signed is what is sent")
	assert.Equal(t, "bad \uFFFD byte", body["message"])
}

func TestEncodeErrorNil(t *testing.T) {
	assert.Equal(t, "errorCode=9100&message=未知错误", ErrorSignedValue(nil))
	assert.Contains(t, string(EncodeError(nil, "")), `"errorCode":"9100"`)
}

func TestMarshalValue(t *testing.T) {
	tests := []struct {
		name string
		v    any
		want string
	}{
		{"ordered struct", struct {
			UserID    string `json:"userId"`
			BizUserID string `json:"bizUserId"`
		}{"8de28bb8-4a0c-4658-bf34-a713e0bcf58b", "ceshitiyan"},
			`{"userId":"8de28bb8-4a0c-4658-bf34-a713e0bcf58b","bizUserId":"ceshitiyan"}`},
		{"map keys in Java's order", map[string]any{"b": 1, "a": "x"}, `{"a":"x","b":1}`},
		{"json.Number stays a number", map[string]any{"amount": json.Number("100"), "big": json.Number("12345678901234567890")},
			`{"big":12345678901234567890,"amount":100}`},
		{"no HTML escaping", map[string]any{"s": "a&b<c>"}, `{"s":"a&b<c>"}`},
		{"chinese literal", map[string]any{"name": "张三"}, `{"name":"张三"}`},
		{"nested", map[string]any{"bindCardList": []any{map[string]any{"cardType": 1}}},
			`{"bindCardList":[{"cardType":1}]}`},
		{"nil", nil, `null`},
		{"a string to escape", "中文 & <tag> \"q\" \\ \n \u2028 \xff", `"中文 & <tag> \"q\" \\ \n \u2028 \ufffd"`},
		{"numbers", []any{json.Number("0"), json.Number("-1.5e+10"), json.Number("12345678901234567890"), json.Number(""), 7, int64(-8)},
			`[0,-1.5e+10,12345678901234567890,0,7,-8]`},
		{"keys in Java's order", map[string]any{"b": 1, "a": "x", "": nil, "B": true, "中": "文", "a\"b": 2},
			`{"":null,"a\"b":2,"a":"x","B":true,"b":1,"中":"文"}`},
		{"nil and empty", map[string]any{"m": map[string]any(nil), "s": []any(nil), "em": map[string]any{}, "es": []any{}},
			`{"s":null,"em":{},"m":null,"es":[]}`},
		{"emulator types", map[string]any{"list": []map[string]any{{"k": "v"}, nil}, "texts": []string{"a", "b"},
			"names": map[string]string{"y": "2", "x": "1"}, "none": []string(nil)},
			`{"names":{"x":"1","y":"2"},"texts":["a","b"],"none":null,"list":[{"k":"v"},null]}`},
		{"floats", map[string]any{"f": 1.5e-7, "g": 100.0}, `{"f":1.5e-7,"g":100}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := MarshalValue(tt.v)
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestMarshalValueCycle(t *testing.T) {
	m := map[string]any{}
	m["self"] = m
	_, err := MarshalValue(m)
	assert.Error(t, err, "encoding/json's cycle error")
}

func TestMarshalValueError(t *testing.T) {
	_, err := MarshalValue(map[string]any{"f": func() {}})
	assert.Error(t, err)
	_, err = MarshalValue(json.Number("not a number"))
	assert.Error(t, err)
}

func TestEncodeOKRoundTrip(t *testing.T) {
	sv, err := MarshalValue(map[string]any{"userId": "u&<>", "amount": json.Number("1")})
	require.NoError(t, err)
	var body map[string]string
	require.NoError(t, json.Unmarshal(EncodeOK("1", sv, "sig"), &body))
	assert.Equal(t, map[string]string{"sysid": "1", "sign": "sig", "signedValue": sv, "status": "OK"}, body)
	assert.Equal(t, "application/json;charset=UTF-8", ContentType)
}
