package emulator

import (
	"maps"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCompanyConditions: what spec §5.4 requires of companyBasicInfo in a
// case (the certificates of its authType, province with city) passes with
// a required-param note naming the keys, and with Config.Strict is 10001.
func TestCompanyConditions(t *testing.T) {
	three := map[string]any{"businessLicense": "L", "organizationCode": "O", "taxRegister": "T"}
	for _, tc := range []struct {
		name    string
		info    map[string]any
		missing string // "" when no note
	}{
		{"三证 by default", three, ""},
		{"三证 named", with(three, "authType", 1), ""},
		{"一证 with its code", map[string]any{"authType": 2, "uniCredit": "91330100MA2XXXXX1"}, ""},
		{"the default without its certificates", map[string]any{"uniCredit": "91330100MA2XXXXX1"},
			"businessLicense, organizationCode, taxRegister"},
		{"三证 missing one", with(with(three, "authType", 1), "taxRegister", ""), "taxRegister"},
		{"一证 without its code", map[string]any{"authType": 2}, "uniCredit"},
		{"province without city", with(three, "province", "浙江省"), "city"},
		{"city without province", with(three, "city", "杭州市"), "province"},
		{"province and city", with(with(three, "province", "浙江省"), "city", "杭州市"), ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, strict := range []bool{false, true} {
				e := newTest()
				if strict {
					e = newStrict()
				}
				out := companyCall(t, e, tc.info)
				switch {
				case tc.missing == "":
					require.Nil(t, out.Err)
					assert.Empty(t, out.Portability)
				case strict:
					require.NotNil(t, out.Err)
					assert.Equal(t, "10001", out.Err.Code)
					assert.Contains(t, out.Err.Message, "companyBasicInfo."+tc.missing)
				default:
					require.Nil(t, out.Err)
					require.Len(t, out.Portability, 1)
					assert.Equal(t, []string{ruleRequired, "10001"}, []string{out.Portability[0].Rule, out.Portability[0].Code})
					assert.Contains(t, out.Portability[0].Message, "companyBasicInfo."+tc.missing+": spec §5.4")
				}
			}
		})
	}
}

// with is a copy of m with k set to v ("" removes it).
func with(m map[string]any, k string, v any) map[string]any {
	out := maps.Clone(m)
	if v == "" {
		delete(out, k)
		return out
	}
	out[k] = v
	return out
}

// companyCall submits an enterprise "e1" with the company data that is
// always required and extra.
func companyCall(t *testing.T, e *Emulator, extra map[string]any) Outcome {
	t.Helper()
	_, serr := memberCall(t, e, "app", "createMember", map[string]any{"bizUserId": "e1", "memberType": 2, "source": 2})
	require.Nil(t, serr)
	info := map[string]any{"companyName": "甲公司", "legalName": "张三", "identityType": 1, "legalIds": "110101199001011237",
		"legalPhone": "13800000000", "accountNo": "6228480000000000000", "parentBankName": "中国农业银行",
		"bankName": "中国农业银行杭州分行", "unionBank": "103331000000"}
	for k, v := range extra {
		info[k] = v
	}
	return e.Call(t.Context(), Request{SysID: "app", Service: "MemberService", Method: "setCompanyInfo",
		Param: map[string]any{"bizUserId": "e1", "isAuth": true, "companyBasicInfo": info}})
}
