package lang

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFromLocale(t *testing.T) {
	for _, tc := range []struct {
		name string
		env  map[string]string
		want Lang
	}{
		{"nothing set", nil, English},
		{"LANG zh_CN", map[string]string{"LANG": "zh_CN.UTF-8"}, Chinese},
		{"LANG zh_CN.utf8", map[string]string{"LANG": "zh_CN.utf8"}, Chinese},
		{"LANG zh_TW", map[string]string{"LANG": "zh_TW.UTF-8"}, Chinese},
		{"a modifier", map[string]string{"LANG": "zh_CN.UTF-8@pinyin"}, Chinese},
		{"GBK: a terminal that would show mojibake", map[string]string{"LANG": "zh_CN.GBK"}, English},
		{"GB18030", map[string]string{"LANG": "zh_CN.GB18030"}, English},
		{"a bare zh_CN, which glibc reads as GB2312", map[string]string{"LANG": "zh_CN"}, English},
		{"LC_ALL in GBK wins over a UTF-8 LANG", map[string]string{"LC_ALL": "zh_CN.GBK", "LANG": "zh_CN.UTF-8"}, English},
		{"LANG C", map[string]string{"LANG": "C.UTF-8"}, English},
		{"LC_ALL wins over LANG", map[string]string{"LC_ALL": "C", "LANG": "zh_CN.UTF-8"}, English},
		{"LC_MESSAGES wins over LANG", map[string]string{"LC_MESSAGES": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"}, Chinese},
		{"an empty LC_ALL is skipped", map[string]string{"LC_ALL": "", "LANG": "zh_CN.UTF-8"}, Chinese},
		{"en_US", map[string]string{"LANG": "en_US.UTF-8"}, English},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, FromLocale(func(k string) string { return tc.env[k] }))
		})
	}
}

// TestSettings: auto is the locale for people and English for machines;
// en and zh are what they say for both.
func TestSettings(t *testing.T) {
	zhLocale := func(k string) string { return map[string]string{"LANG": "zh_CN.UTF-8"}[k] }
	for _, tc := range []struct {
		setting         string
		people, machine Lang
	}{
		{Auto, Chinese, English},
		{En, English, English},
		{Zh, Chinese, Chinese},
	} {
		people, err := ForPeople(tc.setting, zhLocale)
		require.NoError(t, err)
		machine, err := ForMachines(tc.setting)
		require.NoError(t, err)
		assert.Equal(t, tc.people, people, tc.setting)
		assert.Equal(t, tc.machine, machine, tc.setting)
	}
	for _, bad := range []string{"cn", "zh_CN.GBK", "fr", "chinese"} {
		_, err := ForPeople(bad, zhLocale)
		require.EqualError(t, err, `--lang must be auto, en or zh (zh_CN.UTF-8, zh-CN and ZH are zh), not "`+bad+`"`)
		_, err = ForMachines(bad)
		require.Error(t, err)
	}
	l, err := Parse("")
	require.NoError(t, err)
	assert.Equal(t, English, l, "an unset Config field is English")
	_, err = Parse(Auto)
	require.Error(t, err, "auto is a flag's, resolved before a Config")
	_, err = Parse("zh_CN.GBK")
	require.EqualError(t, err, `lang: "zh_CN.GBK" is not UTF-8: tsymock writes Chinese in UTF-8 only`)
	assert.Equal(t, "zh", Chinese.String())
	assert.Equal(t, "en", English.String())
}

// TestSettingAsWritten: a setting is read as a person or a locale writes
// it, in any case (probe-X A7); an empty one is auto, as an empty LANG is
// unset (review-W 10).
func TestSettingAsWritten(t *testing.T) {
	for want, settings := range map[string][]string{
		Auto: {"", "auto", "AUTO", "Auto"},
		Zh:   {"zh", "ZH", "zh-CN", "zh_CN", "zh_cn", "zh_CN.UTF-8", "zh_CN.utf8", "zh-Hans", "zh_TW.UTF-8"},
		En:   {"en", "EN", "en-US", "en_US", "en_US.UTF-8", "en_GB.ISO-8859-1"},
	} {
		for _, s := range settings {
			got, err := Setting(s)
			require.NoError(t, err, s)
			assert.Equal(t, want, got, s)
		}
	}
	l, err := ForMachines("zh_CN.UTF-8")
	require.NoError(t, err)
	assert.Equal(t, Chinese, l)
	l, err = ForPeople("", func(string) string { return "zh_CN.UTF-8" })
	require.NoError(t, err)
	assert.Equal(t, Chinese, l, "empty is auto: the locale's")
}

func TestMessage(t *testing.T) {
	gap := Text{En: "behind", Zh: "慢"}
	hint := Msg(Text{En: "; in %s", Zh: "；按 %s"}, "UTC")
	skew := Text{En: "timestamp %s is %s %s the server time%s", Zh: "timestamp %[1]s 比服务器时间%[3]s %[2]s%[4]s"}
	m := Msg(skew, "2026-12-06 07:01:55", "8h0m0s", gap, hint)
	assert.Equal(t, "timestamp 2026-12-06 07:01:55 is 8h0m0s behind the server time; in UTC", m.In(English))
	assert.Equal(t, "timestamp 2026-12-06 07:01:55 比服务器时间慢 8h0m0s；按 UTC", m.In(Chinese))
	assert.Equal(t, "plain", Msg(Text{En: "plain", Zh: "简单"}).In(English))
	assert.Equal(t, "100%", Text{En: "100%%", Zh: "百分之百"}.Format(English))
}

func TestCheck(t *testing.T) {
	for _, tc := range []struct {
		name string
		text Text
		ok   bool
	}{
		{"same verbs in order", Text{En: "%s is %d", Zh: "%s 为 %d"}, true},
		{"reordered by index", Text{En: "%s in %s, %d", Zh: "%[2]s 中的 %[1]s，%[3]d"}, true},
		{"a literal percent", Text{En: "100%% of %s", Zh: "%s 的百分之百"}, true},
		{"flags and width", Text{En: "%-10s%+d", Zh: "%-10s%+d"}, true},
		{"no Chinese", Text{En: "x"}, false},
		{"no English", Text{Zh: "x"}, false},
		{"a verb missing", Text{En: "%s is %d", Zh: "%s"}, false},
		{"another verb", Text{En: "%s", Zh: "%d"}, false},
		{"an index past the arguments", Text{En: "%s %s", Zh: "%[1]s %[3]s"}, false},
		{"an argument written twice in one", Text{En: "field %[1]s: %[1]s: %[2]v", Zh: "字段 %s：%v"}, true},
		{"an argument twice with another verb", Text{En: "%[1]s %[1]d", Zh: "%s"}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.text.Check()
			if tc.ok {
				assert.NoError(t, err)
			} else {
				assert.Error(t, err)
			}
		})
	}
}

func TestCheckTable(t *testing.T) {
	require.NoError(t, CheckTable([]Text{{En: "a %s", Zh: "甲 %s"}}))
	err := CheckTable([]Text{{En: "a", Zh: "甲"}, {En: "b %s", Zh: "乙"}, {En: "c"}})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "message id 1: lang: the verbs differ")
	assert.Contains(t, err.Error(), "message id 2: lang: a text without both languages")
	assert.NotContains(t, err.Error(), "message id 0")
}

// TestValuesInChinese: a duration is written in Chinese words and a list
// with the enumeration comma in Chinese, and as Go prints them in English
// (the bytes tsymock always wrote); Words are each language's own.
func TestValuesInChinese(t *testing.T) {
	for _, tc := range []struct {
		d      time.Duration
		en, zh string
	}{
		{8 * time.Hour, "8h0m0s", "8 小时"},
		{10 * time.Minute, "10m0s", "10 分钟"},
		{15 * time.Minute, "15m0s", "15 分钟"},
		{7*time.Hour + 59*time.Minute + 49*time.Second, "7h59m49s", "7 小时 59 分 49 秒"},
		{time.Hour + 30*time.Minute, "1h30m0s", "1 小时 30 分钟"},
		{90 * time.Second, "1m30s", "1 分 30 秒"},
		{1500 * time.Millisecond, "1.5s", "1.5 秒"},
		{0, "0s", "0 秒"},
		{-2 * time.Hour, "-2h0m0s", "-2 小时"},
	} {
		m := Msg(Text{En: "skew %v", Zh: "误差 %s"}, tc.d)
		assert.Equal(t, "skew "+tc.en, m.In(English))
		assert.Equal(t, "误差 "+tc.zh, m.In(Chinese))
	}
	sets := Msg(Text{En: "sets %v", Zh: "账户集为 %v"}, List{"200126", "100001"})
	assert.Equal(t, "sets [200126 100001]", sets.In(English))
	assert.Equal(t, "账户集为 200126、100001", sets.In(Chinese))
	doc := Words("2 enterprise, 100%", "2 企业会员")
	assert.Equal(t, "2 enterprise, 100%", doc.In(English), "no format, no EXTRA")
	assert.Equal(t, "2 企业会员", doc.In(Chinese))
	assert.Equal(t, "8 小时", Value(8*time.Hour).In(Chinese))
}
