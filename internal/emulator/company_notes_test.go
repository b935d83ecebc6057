package emulator

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCompanyValueNotes: what companyBasicInfo sends outside spec §5.4's
// formats and §6.21's list passes with a note, under either audit mode,
// and with --strict is refused with the note's code, changing nothing: a
// parentBankName not written as §6.21 lists it (bank-name, 10000; line
// 12728: 需严格按照银行列表上送), a companyName with ASCII brackets (line
// 12653: 如有括号，用中文格式（）; param-format, 10000), an expLicense not a day
// written yyyy-MM-dd (line 12698; param-format, 40044) and a legalPhone
// that is not an 11-digit mobile number (param-format, 10000). What the
// list and the formats take passes without a note.
func TestCompanyValueNotes(t *testing.T) {
	for _, tc := range []struct {
		name, key  string
		value      string
		rule, code string
		message    string // "" when no note
	}{
		{"a bank as §6.21 lists it", "parentBankName", "工商银行", "", "", ""},
		{"another way of the same bank", "parentBankName", "中国工商银行股份有限公司", "", "", ""},
		{"the list's own ASCII brackets", "parentBankName", "花旗银行(中国)有限公司", "", "", ""},
		{"a bank outside the list", "parentBankName", "火星银行", RuleBankName, "10000",
			`parentBankName "火星银行": spec §5.4 sends the bank's name exactly as §6.21 lists it`},
		{"the branch for the bank", "parentBankName", "中国农业银行杭州分行", RuleBankName, "10000",
			`parentBankName "中国农业银行杭州分行": spec §5.4 sends the bank's name exactly as §6.21 lists it (需严格按照银行列表上送; ` +
				`the branch goes in bankName), and it is not in the list, which has 中国农业银行`},
		{"brackets other than the list's", "parentBankName", "大华银行(中国)", RuleBankName, "10000",
			`parentBankName "大华银行(中国)": spec §5.4 sends the bank's name exactly as §6.21 lists it (需严格按照银行列表上送; ` +
				`the branch goes in bankName), and it is not in the list, which has 大华银行（中国）`},
		{"Chinese brackets in a name", "companyName", "测试企业（北京）有限公司", "", "", ""},
		{"ASCII brackets in a name", "companyName", "测试企业(北京)有限公司", ruleParamFormat, "10000",
			`companyName "测试企业(北京)有限公司": spec §5.4 wants its brackets Chinese (如有括号，用中文格式（）), e.g. "测试企业（北京）有限公司"`},
		{"an expiry day", "expLicense", "2030-12-31", "", "", ""},
		{"an expiry with slashes", "expLicense", "2030/12/31", ruleParamFormat, "40044",
			`expLicense "2030/12/31": spec §5.4 wants the licence's expiry as a day written yyyy-MM-dd`},
		{"no such day", "expLicense", "2030-13-45", ruleParamFormat, "40044", `expLicense "2030-13-45"`},
		{"a day without its zeros", "expLicense", "2030-1-5", ruleParamFormat, "40044", `expLicense "2030-1-5"`},
		{"a mobile number", "legalPhone", "13800000000", "", "", ""},
		{"a phone that is no number", "legalPhone", "abc", ruleParamFormat, "10000",
			`legalPhone "abc": not an 11-digit mobile number; spec §5.4`},
		{"a landline", "legalPhone", "0571-88888888", ruleParamFormat, "10000", `legalPhone "0571-88888888"`},
	} {
		for _, mode := range []string{CompanyAuditAuto, CompanyAuditManual} {
			for _, strict := range []bool{false, true} {
				name := tc.name + " " + mode
				if strict {
					name += " strict"
				}
				t.Run(name, func(t *testing.T) {
					et := newEnvTest(t, strict)
					et.e.SetCompanyAudit("a", mode)
					et.ok("createMember", map[string]any{"bizUserId": "c", "memberType": 2, "source": 2})
					p := companyWith(tc.key, tc.value)
					before := snapshot(et.e, "a")
					out := et.call("setCompanyInfo", p)
					switch {
					case tc.rule == "":
						require.Nil(t, out.Err, "%v", out.Err)
						assert.Empty(t, out.Portability)
					case strict:
						require.NotNil(t, out.Err)
						assert.Equal(t, tc.code, out.Err.Code)
						assert.Contains(t, out.Err.Message, "companyBasicInfo."+tc.message)
						assert.Contains(t, out.Err.Message, "rule "+tc.rule)
						assert.Equal(t, before, snapshot(et.e, "a"), "a refused call changes nothing")
					default:
						require.Nil(t, out.Err, "%v", out.Err)
						require.Len(t, out.Portability, 1, "%v", out.Portability)
						assert.Equal(t, []string{tc.rule, tc.code}, []string{out.Portability[0].Rule, out.Portability[0].Code})
						assert.Contains(t, out.Portability[0].Message, "companyBasicInfo."+tc.message)
						assert.Equal(t, tc.value, et.companyInfoOf()[tc.key], "kept as sent")
					}
				})
			}
		}
	}
}

// TestCompanyValueNotesTogether: values outside several formats are each
// noted, in §5.4's order; --strict refuses the first.
func TestCompanyValueNotesTogether(t *testing.T) {
	bad := map[string]any{"companyName": "甲(北京)公司", "expLicense": "长期", "legalPhone": "1380000000",
		"parentBankName": "火星银行"}
	for _, strict := range []bool{false, true} {
		et := newEnvTest(t, strict)
		et.ok("createMember", map[string]any{"bizUserId": "c", "memberType": 2, "source": 2})
		p := companyParams("甲公司", false)
		for k, v := range bad {
			p["companyBasicInfo"].(map[string]any)[k] = v
		}
		out := et.call("setCompanyInfo", p)
		if strict {
			require.NotNil(t, out.Err)
			assert.Contains(t, out.Err.Message, "companyBasicInfo.companyName")
			continue
		}
		require.Nil(t, out.Err, "%v", out.Err)
		var got []string
		for _, n := range out.Portability {
			got = append(got, n.Rule+" "+n.Code)
		}
		assert.Equal(t, []string{"param-format 10000", "param-format 40044", "param-format 10000", "bank-name 10000"}, got)
	}
}
