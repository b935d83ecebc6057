package emulator

import (
	"bufio"
	"encoding/json"
	"os"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/soa"
)

// specKeys reads the answer keys of one §5 table for one method from
// internal/soa/testdata/spec-returns.tsv (the specification's answer tables,
// which the catalogue is held to): every key under prefix, as its path
// below prefix, and the ones the table marks 是.
func specKeys(t *testing.T, section, method, prefix string) (all, required []string) {
	t.Helper()
	f, err := os.Open("../soa/testdata/spec-returns.tsv")
	require.NoError(t, err)
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		c := strings.Split(sc.Text(), "\t")
		if strings.HasPrefix(sc.Text(), "#") || len(c) != 8 || c[1] != section || c[3] != method ||
			!strings.HasPrefix(c[4], prefix) {
			continue
		}
		all = append(all, strings.TrimPrefix(c[4], prefix))
		if c[6] == "是" {
			required = append(required, strings.TrimPrefix(c[4], prefix))
		}
	}
	require.NoError(t, sc.Err())
	require.NotEmpty(t, all, "no rows of §%s %s %s", section, method, prefix)
	return all, required
}

// keysOf are m's keys, sorted.
func keysOf[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// TestMemberInfoAnswersFollowTheirTable: getMemberInfo's memberInfo is the
// table of its member's type (spec §4.1.8: 个人详细 / 企业详细): a personal
// member's the keys of §5.6, an enterprise's those of §5.5, each with every
// key its table requires (是) once the member has sent what they describe
// (a real name; every key of companyBasicInfo, §5.4), and none of the other
// table's.
func TestMemberInfoAnswersFollowTheirTable(t *testing.T) {
	et := newEnvTest(t, false)
	et.ok("createMember", map[string]any{"bizUserId": "p", "memberType": 3, "source": 1})
	et.withPhone("p", "13800000001")
	et.ok("setRealName", map[string]any{"bizUserId": "p", "name": "张三", "identityType": 1,
		"identityNo": "110101199001011237"})
	et.ok("createMember", map[string]any{"bizUserId": "c", "memberType": 2, "source": 2})
	company := companyParams("甲公司", true)
	basic := company["companyBasicInfo"].(map[string]any)
	for k, v := range map[string]any{"companyAddress": "杭州", "businessLicense": "", "organizationCode": "",
		"taxRegister": "", "expLicense": "2030-01-01", "telephone": "0571-88888888", "bankCityNo": "330100",
		"province": "浙江省", "city": "杭州市"} {
		basic[k] = v
	}
	et.ok("setCompanyInfo", company)
	et.withPhone("c", "13800000002")
	et.ok("createMember", map[string]any{"bizUserId": "bare", "memberType": 2, "source": 2})
	bare := companyParams("乙公司", true) // without §5.4's optional keys
	bare["bizUserId"] = "bare"
	et.ok("setCompanyInfo", bare)

	for _, tc := range []struct {
		name, bizUserID, section string
	}{
		{"personal (§5.6)", "p", "5.6"},
		{"enterprise (§5.5)", "c", "5.5"},
		{"enterprise without bankCityNo, province, city (§5.4 否, §5.5 是)", "bare", "5.5"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			all, required := specKeys(t, tc.section, "getMemberInfo", "memberInfo.")
			info := et.ok("getMemberInfo", map[string]any{"bizUserId": tc.bizUserID})["memberInfo"].(map[string]any)
			for _, k := range required {
				assert.Contains(t, info, k, "§%s requires %s", tc.section, k)
			}
			for _, k := range keysOf(info) {
				assert.Contains(t, all, k, "§%s has no %s", tc.section, k)
			}
		})
	}
}

// TestWeChatAPPInfoFollowsItsTable: the weChatAPPInfo of a WeChat APP
// payment is a JSON text holding weixinstr, itself a JSON text, as §5.2's
// example (spec line 11559) has it, with the keys of §5.13's table; its
// timestamp is Unix seconds as a string, as in the example (line 11569:
// "timestamp":"1550042754"); its appid is the subAppId sent (§5.2 line
// 10258: 微信端应用 ID：appid).
func TestWeChatAPPInfoFollowsItsTable(t *testing.T) {
	all, _ := specKeys(t, "5.13", "depositApply", "weChatAPPInfo.weixinstr.")
	var outer map[string]string
	at := time.Date(2019, 2, 13, 15, 25, 54, 0, soa.Shanghai())
	require.NoError(t, json.Unmarshal([]byte(weChatAPPInfo(&order{orderNo: "1234567890"},
		&payPart{body: map[string]any{"subAppId": "wxAPP123", "amount": 9, "limitPay": ""}}, at)), &outer))
	assert.Equal(t, []string{"weixinstr"}, keysOf(outer))
	var inner map[string]any
	require.NoError(t, json.Unmarshal([]byte(outer["weixinstr"]), &inner))
	sort.Strings(all)
	assert.Equal(t, all, keysOf(inner))
	assert.Equal(t, "1550042754", inner["timestamp"])
	assert.Equal(t, "wxAPP123", inner["appid"], "the app's own appid, as the WeChat SDK needs it")
}
