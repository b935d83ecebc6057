package e2e

import (
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/client"
	"github.com/tsymock/tsymock/keys"
	"github.com/tsymock/tsymock/keys/demo"
	"github.com/tsymock/tsymock/mock"
)

// langCase is a request a newcomer's first calls get wrong, and the
// Chinese its answer carries with Config.Lang zh.
type langCase struct {
	name string // also testdata/lang/NAME.json, the English answer's bytes
	form url.Values
	code string
	zh   string
}

// langCases are the five-minute path's mistakes: a UTC timestamp, an
// unknown sysid, a misspelt method, a wrongly typed param, an account set
// the application lacks, and (with SignHints) a request signed with the
// platform key.
func langCases(t *testing.T, e *env) []langCase {
	t.Helper()
	member := func(param string) string {
		return `{"service":"MemberService","method":"createMember","param":` + param + `}`
	}
	return []langCase{
		{"utc-timestamp", signed(t, e.Merchant, e.SysID, memberReq, "2026-11-28 04:00:00"), "10000",
			"参数错误: timestamp（时间戳）2026-11-28 04:00:00 比服务器时间 2026-11-28 12:00:00 慢 8h0m0s（允许偏差 10m0s）；" +
				"相差整数小时：客户端很可能按 UTC 而不是中国时间/北京时间（UTC+8）生成时间戳；请按 Asia/Shanghai 时区格式化 timestamp" +
				"（PHP：date.timezone，它不读 TZ；JVM：-Duser.timezone；其他：TZ）"},
		{"unknown-sysid", signed(t, e.Merchant, "1", memberReq, vectorTime), "20000",
			`应用不存在: sysid "1" 的应用未在 tsymock 注册（已注册：100000000002）；请用 --app SYSID=CERT 或 POST /__tsymock/apps 注册它，或以 --auto-apps 启动`},
		{"unknown-method", signed(t, e.Merchant, e.SysID, `{"service":"MemberService","method":"createMemberx","param":{}}`, vectorTime), "10003",
			`参数method错误: MemberService 中没有 method "createMemberx"；是不是 "createMember"？`},
		{"wrong-type", signed(t, e.Merchant, e.SysID, member(`{"bizUserId":"l1","memberType":"x","source":1}`), vectorTime), "10000",
			`参数错误: memberType 必须是 int（JSON 整数，或内容为整数的字符串），实际为 string "x"`},
		{"unknown-account-set", signed(t, e.Merchant, e.SysID,
			`{"service":"MerchantService","method":"queryMerchantBalance","param":{"accountSetNo":"999999"}}`, vectorTime), "30019",
			`账户集不存在: accountSetNo "999999"；该应用的账户集为 [200126 100001 100002 100003 100004 100005 2000000 100006]` +
				`（tsymock serve --account-sets 或 --app-account-sets 100000000002=... 可为它配置其他账户集）`},
		{"platform-key-sign-hint", signed(t, e.Platform, e.SysID, memberReq, vectorTime), "20019",
			"签名验证失败（tsymock：签名用的是平台私钥（" + keys.Fingerprint(&e.Platform.PublicKey) + "），而不是 sysid " + e.SysID +
				" 注册的商户密钥（" + keys.Fingerprint(&e.Merchant.PublicKey) + "））"},
	}
}

// TestLangWire: a server with Config.Lang zh answers the Chinese detail
// after the spec §7 text, and its log says the same; a server with the
// default answers exactly the bytes tsymock answered before Lang existed
// (testdata/lang, written by the server before it), and so does "en".
func TestLangWire(t *testing.T) {
	signHints := func(c *mock.Config) { c.SignHints = true }
	en := demoEnv(t, signHints)
	explicit := demoEnv(t, signHints, func(c *mock.Config) { c.Lang = mock.LangEnglish })
	zh := demoEnv(t, signHints, func(c *mock.Config) { c.Lang = mock.LangChinese })
	for _, tc := range langCases(t, en) {
		t.Run(tc.name, func(t *testing.T) {
			want, err := os.ReadFile(filepath.Join("testdata", "lang", tc.name+".json"))
			require.NoError(t, err)
			a := postForm(t, en, tc.form)
			assert.Equal(t, tc.code, a.errorCode(t, en))
			assert.Equal(t, string(want), string(a.Body), "the default answers today's English bytes")
			assert.Equal(t, string(want), string(postForm(t, explicit, tc.form).Body), "en is the default")

			z := postForm(t, zh, tc.form)
			assert.Equal(t, tc.code, z.errorCode(t, zh))
			assert.Equal(t, tc.zh, z.str(t, "message"))
			assert.Contains(t, zh.Log.String(), "message="+strconv.Quote(tc.zh), "the log line says it alike")
		})
	}
}

// TestLangConfig: Config.Lang takes en, zh or nothing.
func TestLangConfig(t *testing.T) {
	key, err := demo.PlatformKey()
	require.NoError(t, err)
	_, err = mock.New(mock.Config{PlatformKey: key, Lang: "cn"})
	require.EqualError(t, err, `mock: Config.Lang: lang: "cn" is not a language: want en or zh`)
}

// TestLangPages: a server with Config.Lang zh draws the pages' sentences
// for the tester in Chinese, and an error page's detail too; the default
// keeps them English.
func TestLangPages(t *testing.T) {
	for _, tc := range []struct {
		lang      string
		want, not []string
	}{
		{mock.LangChinese, []string{"仅供测试 · 不涉及真实资金", "timestamp（时间戳）", "比服务器时间", "服务器日志里有更多信息"},
			[]string{"no real money moves", "behind the server time"}},
		{"", []string{"TEST ONLY · no real money moves", "behind the server time", "The server log says more"}, []string{"仅供测试"}},
	} {
		t.Run("lang "+tc.lang, func(t *testing.T) {
			e := newNotifyEnv(t, fastNotify(time.Second), func(c *mock.Config) { c.Lang = tc.lang })
			c := e.orders(t)
			c.realNamed("sia")
			stale, err := e.client(t, client.WithClock(func() time.Time { return e.Clock.Now().Add(-time.Hour) })).PageURL("",
				client.PageSignContract, "MemberService", "signContract",
				client.ContractPageParams{BizUserID: "sia", JumpURL: "http://127.0.0.1:1/jump", BackURL: "http://127.0.0.1:1/notify", Source: client.SourceMobile})
			require.NoError(t, err)
			p := getPage(t, stale)
			errorPage(t, p, "10000")
			for _, s := range tc.want {
				assert.Contains(t, p.Body, s)
			}
			for _, s := range tc.not {
				assert.NotContains(t, p.Body, s)
			}
		})
	}
}
