package soa

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// upper is a stand-in cipher that records the paths it saw.
func upper(seen *[]string) func(path, value string) (string, error) {
	return func(path, value string) (string, error) {
		*seen = append(*seen, path)
		return strings.ToUpper(value), nil
	}
}

func TestWalkEncrypted(t *testing.T) {
	tests := []struct {
		name      string
		doc       string
		paths     []string
		want      string
		wantPaths []string
	}{
		{"top level", `{"identityNo":"abc","name":"n"}`, []string{"identityNo"},
			`{"identityNo":"ABC","name":"n"}`, []string{"identityNo"}},
		{"nested object", `{"companyBasicInfo":{"legalIds":"id","accountNo":"acc","legalName":"x"}}`,
			[]string{"companyBasicInfo.legalIds", "companyBasicInfo.accountNo"},
			`{"companyBasicInfo":{"accountNo":"ACC","legalIds":"ID","legalName":"x"}}`,
			[]string{"companyBasicInfo.legalIds", "companyBasicInfo.accountNo"}},
		{"array of objects", `{"bindCardList":[{"bankCardNo":"a","bankName":"b"},{"bankCardNo":"c"},{"bankName":"d"}]}`,
			[]string{"bindCardList[].bankCardNo"},
			`{"bindCardList":[{"bankCardNo":"A","bankName":"b"},{"bankCardNo":"C"},{"bankName":"d"}]}`,
			[]string{"bindCardList[0].bankCardNo", "bindCardList[1].bankCardNo"}},
		{"array of strings", `{"cards":["a","","b"]}`, []string{"cards[]"}, `{"cards":["A","","B"]}`,
			[]string{"cards[0]", "cards[2]"}},
		{"wildcard", `{"payMethod":{"QUICKPAY_VSP":{"bankCardNo":"q","amount":1},"BALANCE":[{"amount":1}],"A":{"bankCardNo":"a"}}}`,
			[]string{"payMethod.*.bankCardNo"},
			`{"payMethod":{"A":{"bankCardNo":"A"},"BALANCE":[{"amount":1}],"QUICKPAY_VSP":{"amount":1,"bankCardNo":"Q"}}}`,
			[]string{"payMethod.A.bankCardNo", "payMethod.QUICKPAY_VSP.bankCardNo"}},
		{"deep", `{"a":[{"b":{"c":[{"d":"x"}]}}]}`, []string{"a[].b.c[].d"}, `{"a":[{"b":{"c":[{"d":"X"}]}}]}`,
			[]string{"a[0].b.c[0].d"}},
		{"empty left alone", `{"cardNo":""}`, []string{"cardNo"}, `{"cardNo":""}`, nil},
		{"null and absent left alone", `{"cardNo":null}`, []string{"cardNo", "x.y", "z[].w"}, `{"cardNo":null}`, nil},
		{"shape mismatch left alone", `{"x":"s","z":{"w":"v"},"bindCardList":"oops"}`,
			[]string{"x.y", "z[].w", "bindCardList[].bankCardNo"}, `{"bindCardList":"oops","x":"s","z":{"w":"v"}}`, nil},
		{"number passed as text", `{"cardNo":6222}`, []string{"cardNo"}, `{"cardNo":"6222"}`, []string{"cardNo"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := mustParam(t, tt.doc)
			var seen []string
			require.NoError(t, WalkEncrypted(doc, tt.paths, upper(&seen)))
			got, err := json.Marshal(doc)
			require.NoError(t, err)
			assert.JSONEq(t, tt.want, string(got))
			assert.Equal(t, tt.wantPaths, seen)
		})
	}
}

func TestWalkEncryptedErrors(t *testing.T) {
	boom := errors.New("boom")
	fail := func(string, string) (string, error) { return "", boom }
	err := WalkEncrypted(mustParam(t, `{"l":[{"c":"x"}]}`), []string{"l[].c"}, fail)
	require.ErrorIs(t, err, boom)
	assert.Equal(t, "soa: encrypted field l[0].c: boom", err.Error())

	var seen []string
	err = WalkEncrypted(mustParam(t, `{"cardNo":{"x":1}}`), []string{"cardNo"}, upper(&seen))
	require.Error(t, err)
	assert.Equal(t, "soa: encrypted field cardNo holds object, not a string", err.Error())
	err = WalkEncrypted(mustParam(t, `{"cardNo":true}`), []string{"cardNo"}, upper(&seen))
	assert.EqualError(t, err, "soa: encrypted field cardNo holds bool true, not a string")
	assert.Empty(t, seen)
}

func TestWalkEncryptedRoundTripsCatalogue(t *testing.T) {
	m := findMethod(t, DefaultCatalogue(), "MemberService.setCompanyInfo")
	doc := mustParam(t, validCompanyInfo)
	encrypt := func(_, v string) (string, error) { return "ENC(" + v + ")", nil }
	require.NoError(t, WalkEncrypted(doc, m.EncryptedRequestPaths(), encrypt))
	info := doc["companyBasicInfo"].(map[string]any)
	assert.Equal(t, "ENC(110)", info["legalIds"])
	assert.Equal(t, "ENC(622)", info["accountNo"])
	assert.Equal(t, "张三", info["legalName"])
}

// TestCopyParams: changing the copy, however deep, leaves the original.
func TestCopyParams(t *testing.T) {
	orig := map[string]any{"a": "1", "n": json.Number("2"), "m": map[string]any{"k": []any{map[string]any{"x": "y"}}}}
	c := CopyParams(orig)
	assert.Equal(t, orig, c)
	c["a"] = "changed"
	c["m"].(map[string]any)["k"].([]any)[0].(map[string]any)["x"] = "changed"
	assert.Equal(t, "1", orig["a"])
	assert.Equal(t, "y", orig["m"].(map[string]any)["k"].([]any)[0].(map[string]any)["x"])
}
