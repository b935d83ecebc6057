package main

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/lang"
	"github.com/tsymock/tsymock/mock"
)

// TestMessagesHaveBothTexts: every id of serve's and call's table has its
// English and Chinese text, with the same verbs.
func TestMessagesHaveBothTexts(t *testing.T) {
	texts := messages()
	assert.NoError(t, lang.CheckTable(texts[:]))
}

// setLocale sets LANG, with LC_ALL and LC_MESSAGES empty (an empty one is
// skipped) and $TSYMOCK_LANG unset, until the test ends.
func setLocale(t *testing.T, langVar string) {
	t.Helper()
	t.Setenv("LC_ALL", "")
	t.Setenv("LC_MESSAGES", "")
	t.Setenv("LANG", langVar)
	t.Setenv(langEnv, "") // restored when the test ends
	require.NoError(t, os.Unsetenv(langEnv))
}

// TestCallLang: tsymock call's own lines and hints follow the locale with
// --lang auto (LANG=zh_CN.UTF-8: Chinese, LANG=C: English), and --lang or
// $TSYMOCK_LANG over it; the server's answer stays in the server's
// language (English by default).
func TestCallLang(t *testing.T) {
	url := startCallServer(t)
	refused := closedPort(t)
	const unknownSysid = `应用不存在: sysid "999" is not registered with tsymock`
	for _, tc := range []struct {
		name, locale, env string
		args              []string
		want, not         []string
	}{
		{name: "a Chinese locale", locale: "zh_CN.UTF-8",
			want: []string{"tsymock call: MemberService.createMember 返回错误 20000：" + unknownSysid,
				"\n  请检查 sysid：服务器上没有应用 999。演示应用是 100000000002"},
			not: []string{"check:", "answered errorCode"}},
		{name: "LANG=C", locale: "C",
			want: []string{"tsymock call: MemberService.createMember answered errorCode 20000 " + unknownSysid,
				"\n  check: the sysid: the server has no application 999."},
			not: []string{"检查"}},
		{name: "--lang en over a Chinese locale", locale: "zh_CN.UTF-8", args: []string{"--lang", "en"},
			want: []string{"  check: the sysid"}, not: []string{"检查"}},
		{name: "$TSYMOCK_LANG over LANG=C", locale: "C", env: "zh",
			want: []string{"  请检查 sysid："}, not: []string{"check:"}},
		{name: "$TSYMOCK_LANG written as a locale", locale: "C", env: "zh_CN.UTF-8",
			want: []string{"  请检查 sysid："}, not: []string{"check:"}},
		{name: "--lang written as a locale", locale: "C", args: []string{"--lang", "ZH-cn"},
			want: []string{"  请检查 sysid："}, not: []string{"check:"}},
		{name: "a GBK locale: English, not mojibake", locale: "zh_CN.GBK",
			want: []string{"answered errorCode 20000", "  check: the sysid"}, not: []string{"检查"}},
		{name: "a bare zh_CN (GB2312): English", locale: "zh_CN",
			want: []string{"  check: the sysid"}, not: []string{"检查"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			setLocale(t, tc.locale)
			if tc.env != "" {
				t.Setenv(langEnv, tc.env)
			}
			var stdout, stderr bytes.Buffer
			args := append([]string{"call", "--url", url, "--sysid", "999"}, tc.args...)
			args = append(args, "MemberService", "createMember", `{"bizUserId":"lang-1","memberType":3,"source":1}`)
			assert.Equal(t, callErrorCode, run(t.Context(), args, &stdout, &stderr))
			for _, s := range tc.want {
				assert.Contains(t, stderr.String(), s)
			}
			for _, s := range tc.not {
				assert.NotContains(t, stderr.String(), s)
			}
		})
	}
	t.Run("no answer, in Chinese", func(t *testing.T) {
		setLocale(t, "zh_CN.UTF-8")
		var stderr bytes.Buffer
		code := run(t.Context(), []string{"call", "--url", refused, "MemberService", "createMember", `{}`}, &bytes.Buffer{}, &stderr)
		assert.Equal(t, callNoAnswer, code)
		assert.Contains(t, stderr.String(), "tsymock call: MemberService.createMember 没有返回：")
		assert.Contains(t, stderr.String(), "\n  请检查 tsymock serve 是否在 "+refused+" 运行：")
	})
	t.Run("a wrong --lang", func(t *testing.T) {
		setLocale(t, "C")
		var stderr bytes.Buffer
		assert.Equal(t, callUsage, run(t.Context(), []string{"call", "--lang", "cn", "MemberService", "createMember", `{}`}, &bytes.Buffer{}, &stderr))
		assert.Equal(t, "tsymock call: --lang must be auto, en or zh (zh_CN.UTF-8, zh-CN and ZH are zh), not \"cn\"\n", stderr.String())
	})
}

// TestLangFromEnv: $TSYMOCK_LANG that lang cannot read is named as
// $TSYMOCK_LANG, not --lang, by serve and call alike; an empty one is
// unset for both (auto), and --lang wins over it (review-W 10).
func TestLangFromEnv(t *testing.T) {
	url := startCallServer(t)
	callArgs := []string{"call", "--url", url, "--sysid", "999", "MemberService", "createMember", `{"bizUserId":"e1","memberType":3,"source":1}`}
	for _, tc := range []struct {
		name, env string
		args      []string
		code      int
		want      string // in stderr
	}{
		{"serve, a wrong one", "cn", []string{"serve", "--banner", "off"}, 2,
			"tsymock serve: $TSYMOCK_LANG must be auto, en or zh (zh_CN.UTF-8, zh-CN and ZH are zh), not \"cn\"\n"},
		{"call, a wrong one", "zh_CN.GBK", callArgs, callUsage,
			"tsymock call: $TSYMOCK_LANG must be auto, en or zh (zh_CN.UTF-8, zh-CN and ZH are zh), not \"zh_CN.GBK\"\n"},
		{"call, an empty one is auto", "", callArgs, callErrorCode, "answered errorCode 20000"},
		{"call, --lang over a wrong one", "cn", append([]string{"call", "--lang", "en"}, callArgs[1:]...), callErrorCode,
			"answered errorCode 20000"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			setLocale(t, "C")
			t.Setenv(langEnv, tc.env)
			var stderr bytes.Buffer
			assert.Equal(t, tc.code, run(t.Context(), tc.args, &bytes.Buffer{}, &stderr))
			assert.Contains(t, stderr.String(), tc.want)
		})
	}
	t.Run("serve, an empty one is auto", func(t *testing.T) {
		setLocale(t, "zh_CN.UTF-8")
		t.Setenv(langEnv, "")
		_, stderr, stop := startServe(t, "--banner", "on")
		stop()
		assert.Contains(t, stderr.String(), "模拟服务已就绪", "the locale's, as with no $TSYMOCK_LANG")
	})
}

// TestBannerLang: serve's banner follows the locale with --lang auto, and
// says how to have the wire's details in Chinese too; with --lang zh it
// is Chinese whatever the locale, and says nothing of it; LANG=C keeps it
// English (TestWriteBanner).
func TestBannerLang(t *testing.T) {
	for _, tc := range []struct {
		name, locale string
		args         []string
		want, not    []string
	}{
		{name: "a Chinese locale", locale: "zh_CN.UTF-8",
			want: []string{"：通商云 API v2.0 模拟服务已就绪。密钥仅供测试；不会连接通联（Allinpay）的任何系统。\n",
				"\n  基础地址  http://127.0.0.1:", "\n  sysid     100000000002", "演示应用：商户私钥 TEST-ONLY-100000000002.pfx，密码 123456",
				"\n  密钥      内置，仅供测试  ", "`tsymock demo-keys --out DIR` 写出演示应用的密钥", "\n  停止      按 Ctrl+C\n",
				"stdout 上的 JSON 行供脚本读取；--banner off 可隐藏这几行。\n",
				"：--lang zh（或 TSYMOCK_LANG=zh）把新手最先遇到的错误（时间戳、签名、应用、v、req、service/method、参数、账户集、" +
					"短信验证码、加密字段）的说明和页面上的提示、错误改为中文，其余说明仍是英文。\n"},
			not: []string{"is ready", "web page"}},
		{name: "--lang zh", locale: "C", args: []string{"--lang", "zh"},
			want: []string{"模拟服务已就绪", "\n  网页      http://127.0.0.1:"},
			not:  []string{"is ready", "改为中文"}},
		{name: "--lang en over a Chinese locale", locale: "zh_CN.UTF-8", args: []string{"--lang", "en"},
			want: []string{"mock is ready", "--banner off hides these lines"},
			not:  []string{"就绪"}},
		{name: "a GBK locale: English, not mojibake", locale: "zh_CN.GBK",
			want: []string{"mock is ready"}, not: []string{"就绪"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			setLocale(t, tc.locale)
			_, stderr, stop := startServe(t, append([]string{"--banner", "on"}, tc.args...)...)
			stop()
			for _, s := range tc.want {
				assert.Contains(t, stderr.String(), s)
			}
			for _, s := range tc.not {
				assert.NotContains(t, stderr.String(), s)
			}
		})
	}
}

// TestServeLang: --lang sets the server's language (mock.Config.Lang) only
// when it names one: auto is English there, whatever the locale, so that
// the wire's bytes do not depend on the machine.
func TestServeLang(t *testing.T) {
	setLocale(t, "zh_CN.UTF-8")
	for setting, want := range map[string]string{"auto": mock.LangEnglish, "en": mock.LangEnglish, "zh": mock.LangChinese} {
		cfg, err := serverConfig(parsedServeFlags(t, "--lang", setting), nil)
		require.NoError(t, err)
		assert.Equal(t, want, cfg.Lang, setting)
	}
	cfg, err := serverConfig(parsedServeFlags(t, "--lang", "zh"), nil)
	require.NoError(t, err)
	assert.Equal(t, "内置的演示商户私钥，sysid 100000000002", cfg.KnownKeys[0].Name, "the diagnosis names it in Chinese")
	cfg, err = serverConfig(parsedServeFlags(t, "--lang", "zh_CN.UTF-8"), nil)
	require.NoError(t, err)
	assert.Equal(t, mock.LangChinese, cfg.Lang, "a locale's name is its language")
	_, err = serverConfig(parsedServeFlags(t, "--lang", "cn"), nil)
	require.EqualError(t, err, `--lang must be auto, en or zh (zh_CN.UTF-8, zh-CN and ZH are zh), not "cn"`)

	var stderr bytes.Buffer
	assert.Equal(t, 2, run(t.Context(), []string{"serve", "--lang", "cn"}, &bytes.Buffer{}, &stderr))
	assert.True(t, strings.HasPrefix(stderr.String(), "tsymock serve: --lang must be auto, en or zh"), stderr.String())
}

// TestChineseCheckLines: in Chinese a check line is its hint alone, which
// says what to check itself (请检查密钥：…) or that nothing needs it
// (不用检查…), so that no line reads 检查：密钥： (probe-X B13).
func TestChineseCheckLines(t *testing.T) {
	texts := messages()
	assert.Equal(t, "  %s\n", texts[msgCheck].Zh)
	for _, id := range []msgID{msgHint20019, msgHintClock, msgHint20017NoEncrypt, msgHint20017, msgHint20000, msgHint30019,
		msgHintFault, msgHintCert, msgHintRefused, msgHintTimeout, msgHintURL, msgRuleAnswered} {
		zh := texts[id].Zh
		assert.True(t, strings.HasPrefix(zh, "请检查") || strings.HasPrefix(zh, "不用检查"), zh)
	}
}
