package e2e

import (
	"net/http"
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
	name   string       // also testdata/lang/NAME.json, the English answer's bytes
	before []url.Values // calls that must answer OK first (a member, an SMS code sent)
	form   url.Values
	// json is a body sent as application/json instead of form: a Java
	// RestTemplate's habit.
	json string
	code string
	zh   string
}

// answer sends the case's calls to e and returns the last one's answer.
func (tc langCase) answer(t *testing.T, e *env) wireAnswer {
	t.Helper()
	for _, f := range tc.before {
		a := postForm(t, e, f)
		require.Equal(t, "OK", a.str(t, "status"), "%s", a.Body)
	}
	if tc.json != "" {
		return send(t, e, http.MethodPost, tc.json, "application/json")
	}
	return postForm(t, e, tc.form)
}

// langCases are the five-minute path's mistakes: a UTC timestamp, an
// unknown sysid, a misspelt method, a wrongly typed param, an account set
// the application lacks, and (with SignHints) a request signed with the
// platform key; then the next most common (probe-X A1): a wrong v, a req
// that is no JSON or no UTF-8 (a GBK form), a JSON body, the platform's
// reserved bizUserId, a date not yyyy-MM-dd, an SMS code never sent or
// wrong, and an encrypted field sent in clear.
func langCases(t *testing.T, e *env) []langCase {
	t.Helper()
	member := func(param string) string {
		return `{"service":"MemberService","method":"createMember","param":` + param + `}`
	}
	call := func(method, param string) url.Values {
		service := "MemberService"
		if method == "queryInExpDetail" {
			service = "OrderService"
		}
		return signed(t, e.Merchant, e.SysID, `{"service":"`+service+`","method":"`+method+`","param":`+param+`}`, vectorTime)
	}
	created := func(id string) url.Values {
		return call("createMember", `{"bizUserId":"`+id+`","memberType":3,"source":1}`)
	}
	badVersion := signed(t, e.Merchant, e.SysID, memberReq, vectorTime)
	badVersion.Set("v", "3.0")
	return []langCase{
		{name: "utc-timestamp", form: signed(t, e.Merchant, e.SysID, memberReq, "2026-11-28 04:00:00"), code: "10000",
			zh: "参数错误: timestamp（时间戳）2026-11-28 04:00:00 比服务器时间 2026-11-28 12:00:00 慢 8 小时（允许的时间误差为 10 分钟）；" +
				"相差接近整数小时：客户端很可能按 UTC 而不是北京时间（UTC+8）生成时间戳；请按 Asia/Shanghai 时区格式化 timestamp" +
				"（PHP 请在 php.ini 设 date.timezone = Asia/Shanghai，PHP 不读 TZ 环境变量；JVM：-Duser.timezone=Asia/Shanghai；其他：TZ=Asia/Shanghai）"},
		{name: "unknown-sysid", form: signed(t, e.Merchant, "1", memberReq, vectorTime), code: "20000",
			zh: `应用不存在: sysid "1" 的应用未在 tsymock 注册（已注册：100000000002）；请用 --app SYSID=CERT 或 POST /__tsymock/apps 注册它，或以 --auto-apps 启动`},
		{name: "unknown-method", form: signed(t, e.Merchant, e.SysID, `{"service":"MemberService","method":"createMemberx","param":{}}`, vectorTime), code: "10003",
			zh: `参数method错误: MemberService 中没有 method "createMemberx"；是不是 "createMember"？`},
		{name: "wrong-type", form: signed(t, e.Merchant, e.SysID, member(`{"bizUserId":"l1","memberType":"x","source":1}`), vectorTime), code: "10000",
			zh: `参数错误: memberType 必须是整数（JSON 整数，或内容为整数的字符串），收到的是字符串 "x"`},
		{name: "unknown-account-set", form: signed(t, e.Merchant, e.SysID,
			`{"service":"MerchantService","method":"queryMerchantBalance","param":{"accountSetNo":"999999"}}`, vectorTime), code: "30019",
			zh: `账户集不存在: accountSetNo "999999"；该应用的账户集为 200126、100001、100002、100003、100004、100005、2000000、100006` +
				`（tsymock serve --account-sets 或 --app-account-sets 100000000002=... 可为它配置其他账户集）`},
		{name: "platform-key-sign-hint", form: signed(t, e.Platform, e.SysID, memberReq, vectorTime), code: "20019",
			zh: "签名验证失败【tsymock：签名用的密钥是「平台私钥」（" + keys.Fingerprint(&e.Platform.PublicKey) + "），而不是 sysid " + e.SysID +
				" 登记的商户证书（" + keys.Fingerprint(&e.Merchant.PublicKey) + "）对应的商户私钥】"},
		{name: "bad-version", form: badVersion, code: "10000",
			zh: `参数错误: v 应为 "2.0"（规范 §3.1；也接受 "1.0"，"2"、"1" 按它们处理），收到的是 "3.0"`},
		{name: "req-not-json", form: signed(t, e.Merchant, e.SysID, "service=MemberService&method=createMember", vectorTime), code: "10000",
			zh: "参数错误: req 不是 JSON 对象（invalid character 's' looking for beginning of value）；" +
				`req 应为 {"service":…,"method":…,"param":{…}} 这样的 JSON 文本（规范 §3.1）`},
		{name: "json-body", json: `{"sysid":"` + e.SysID + `","req":"{}"}`, code: "10000",
			zh: "参数错误: 请求体是 application/json；请把 sysid、sign、timestamp、v、req 以 application/x-www-form-urlencoded 表单发送"},
		{name: "gbk-req", form: call("createMember", "{\"bizUserId\":\"\xd5\xc5\xc8\xfd\",\"memberType\":3,\"source\":1}"), code: "10000",
			zh: "参数错误: req 不是合法的 UTF-8（从偏移 73 处的字节起），多半是按 GBK 编码的；规范 §2.2 要求按 UTF-8 编码后再做 urlencode"},
		{name: "reserved-bizuserid", form: created("#yunBizUserId_B2C#"), code: "10000",
			zh: "参数错误: #yunBizUserId_B2C# 是平台自己的保留会员标识，不能用作会员的 bizUserId（规范 §4.1.1）"},
		{name: "date-format", form: call("queryInExpDetail", `{"bizUserId":"#yunBizUserId_B2C#","dateStart":"20261201",`+
			`"dateEnd":"2026-12-31","startPosition":1,"queryNum":10}`), code: "40044",
			zh: `日期格式有误: dateStart "20261201" 应为 yyyy-MM-dd 格式`},
		{name: "sms-code-not-sent", before: []url.Values{created("lang-sms1")},
			form: call("bindPhone", `{"bizUserId":"lang-sms1","phone":"13800138001","verificationCode":"111111"}`), code: "20011",
			zh: "验证码错误: 还没有向 13800138001 发送这一用途的验证码；请先调用 sendVerificationCode（verificationCodeType 9，绑定手机）"},
		{name: "sms-code-wrong", before: []url.Values{created("lang-sms2"),
			call("sendVerificationCode", `{"bizUserId":"lang-sms2","phone":"13800138002","verificationCodeType":9}`)},
			form: call("bindPhone", `{"bizUserId":"lang-sms2","phone":"13800138002","verificationCode":"123456"}`), code: "20011",
			zh: "验证码错误: 手机号 13800138002 的验证码不对（tsymock 的短信验证码都是 --verification-code 设的值，默认 111111）"},
		{name: "field-in-clear", form: call("setRealName", `{"bizUserId":"lang-clear","name":"张三","identityType":1,`+
			`"identityNo":"110101199003070000"}`), code: "20017",
			zh: "解密失败: 加密字段 identityNo 无法用平台私钥解密：它只有 18 个字符，像是明文；加密后的字段是 256 或 512 个十六进制字符" +
				"（keys: field does not decrypt: 9 bytes of ciphertext are not whole 256-byte blocks of a 2048-bit key (encrypted for another key size?)）。" +
				"请用通商云公钥证书按 RSA PKCS#1 v1.5 加密，再转成大写十六进制（规范 §3.5）"},
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
			a := tc.answer(t, en)
			assert.Equal(t, tc.code, a.errorCode(t, en))
			assert.Equal(t, string(want), string(a.Body), "the default answers today's English bytes")
			assert.Equal(t, string(want), string(tc.answer(t, explicit).Body), "en is the default")

			z := tc.answer(t, zh)
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

// TestLangPageErrors: the errors a payment-password page shows the person
// typing (the two passwords differ, not six digits, a page expired: its
// token is no longer known)
// are Chinese on a zh server, as the page around them; the default's are
// the English tsymock always drew, byte for byte (html/template escaping
// the apostrophes as ever).
func TestLangPageErrors(t *testing.T) {
	for _, tc := range []struct {
		lang                 string
		differ, digits, used string
	}{
		{"", `<p class="error" id="error">10000 参数错误: the two new passwords differ</p>`,
			`<p class="error" id="error">10000 参数错误: password: the payment password is six digits (0-9); a malformed one costs no wrong try</p>`,
			`<span id="message">参数错误: this page has expired or was already used (a page works once, for 15m0s); ` +
				`open it again with freshly signed parameters</span>`},
		{mock.LangChinese, `<p class="error" id="error">10000 参数错误: 两次输入的新支付密码不一致</p>`,
			`<p class="error" id="error">10000 参数错误: password：支付密码为 6 位数字（0-9）；格式不对的不计入输错次数</p>`,
			`<span id="message">参数错误: 页面已过期或已使用过（每个页面只能用一次，有效期 15 分钟）；请用重新签名的参数再次打开</span>`},
	} {
		t.Run("lang "+tc.lang, func(t *testing.T) {
			e := newNotifyEnv(t, fastNotify(time.Second), func(c *mock.Config) { c.Lang = tc.lang })
			c := e.orders(t)
			page := phonedPwdPages(t, c, newReceiver(t, c.Client, nil))(client.PageSetPayPwd, "setPayPwd")
			opened := getPage(t, page)
			differ := postPage(t, pageAt(t, page), url.Values{"token": {opened.token(t)}, "action": {"confirm"},
				"password": {"123456"}, "password2": {"654321"}})
			assert.Contains(t, differ.Body, tc.differ)
			digits := postPage(t, pageAt(t, page), url.Values{"token": {differ.token(t)}, "action": {"confirm"},
				"password": {"12ab"}, "password2": {"12ab"}})
			assert.Contains(t, digits.Body, tc.digits)
			gone := url.Values{"token": {"a-token-long-gone"}, "action": {"confirm"}, "password": {"123456"}, "password2": {"123456"}}
			used := postPage(t, pageAt(t, page), gone)
			errorPage(t, used, "10000")
			assert.Contains(t, used.Body, tc.used)
		})
	}
}

// TestLangReadmesQuoteTheWire: the Chinese detail both READMEs show for a
// UTC timestamp is the one TestLangWire sees a zh server answer.
func TestLangReadmesQuoteTheWire(t *testing.T) {
	utc := langCases(t, demoEnv(t))[0]
	require.Equal(t, "utc-timestamp", utc.name)
	for _, readme := range []string{"README.md", "README.zh-CN.md"} {
		b, err := os.ReadFile(filepath.Join("..", "..", readme))
		require.NoError(t, err)
		assert.Contains(t, string(b), "\n"+utc.zh+"\n", readme)
	}
}
