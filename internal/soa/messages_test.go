package soa

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/lang"
)

// TestMessagesHaveBothTexts: every id of soa's table has its English and
// Chinese text, with the same verbs for the same arguments.
func TestMessagesHaveBothTexts(t *testing.T) {
	texts := messages()
	assert.NoError(t, lang.CheckTable(texts[:]))
}

// TestErrorIn: a detailed error is English as Errorf writes it, and
// Chinese In(lang.Chinese), the §7 text first either way; an error without
// a detail in two languages stays as it is.
func TestErrorIn(t *testing.T) {
	c := DefaultCatalogue()
	now := time.Date(2026, 12, 6, 15, 1, 55, 0, Shanghai())
	m, serr := c.Lookup("MemberService", "createMember")
	require.Nil(t, serr)
	_, unknownMethod := c.Lookup("MemberService", "createMemberx")
	_, elsewhere := c.Lookup("MemberService", "getOrderDetail")
	_, unknownService := c.Lookup("MemberServic", "createMember")
	sendCode, serr := c.Lookup("MemberService", "sendVerificationCode")
	require.Nil(t, serr)
	_, notJSON := DecodeReq("service=MemberService")
	_, notUTF8 := DecodeReq("{\"param\":{\"name\":\"\xd5\xc5\"}}")
	for _, tc := range []struct {
		name   string
		err    *Error
		en, zh string
	}{
		{"UTC timestamp", CheckTimestamp("2026-12-06 07:01:55", now, 10*time.Minute),
			"参数错误: timestamp 2026-12-06 07:01:55 is 8h0m0s behind the server time 2026-12-06 15:01:55 (allowed skew 10m0s); " +
				"the gap is a whole number of hours: the client probably formats its clock in UTC instead of China time (UTC+8); " +
				"format the timestamp in Asia/Shanghai (PHP: date.timezone, which ignores TZ; JVM: -Duser.timezone; others: TZ)",
			"参数错误: timestamp（时间戳）2026-12-06 07:01:55 比服务器时间 2026-12-06 15:01:55 慢 8 小时（允许的时间误差为 10 分钟）；" +
				"相差接近整数小时：客户端很可能按 UTC 而不是北京时间（UTC+8）生成时间戳；请按 Asia/Shanghai 时区格式化 timestamp" +
				"（PHP 请在 php.ini 设 date.timezone = Asia/Shanghai，PHP 不读 TZ 环境变量；JVM：-Duser.timezone=Asia/Shanghai；其他：TZ=Asia/Shanghai）"},
		{"a gap of nearly whole hours, in words", CheckTimestamp("2026-12-06 07:02:06", now, 10*time.Minute),
			"参数错误: timestamp 2026-12-06 07:02:06 is 7h59m49s behind the server time 2026-12-06 15:01:55 (allowed skew 10m0s); " +
				"the gap is a whole number of hours: the client probably formats its clock in UTC instead of China time (UTC+8); " +
				"format the timestamp in Asia/Shanghai (PHP: date.timezone, which ignores TZ; JVM: -Duser.timezone; others: TZ)",
			"参数错误: timestamp（时间戳）2026-12-06 07:02:06 比服务器时间 2026-12-06 15:01:55 慢 7 小时 59 分 49 秒（允许的时间误差为 10 分钟）；" +
				"相差接近整数小时：客户端很可能按 UTC 而不是北京时间（UTC+8）生成时间戳；请按 Asia/Shanghai 时区格式化 timestamp" +
				"（PHP 请在 php.ini 设 date.timezone = Asia/Shanghai，PHP 不读 TZ 环境变量；JVM：-Duser.timezone=Asia/Shanghai；其他：TZ=Asia/Shanghai）"},
		{"timestamp ahead, years off", CheckTimestamp("2029-12-06 15:01:55", now, 10*time.Minute),
			"参数错误: timestamp 2029-12-06 15:01:55 is 1096 days (about 3 years) ahead of the server time 2026-12-06 15:01:55 (allowed skew 10m0s)",
			"参数错误: timestamp（时间戳）2029-12-06 15:01:55 比服务器时间 2026-12-06 15:01:55 快 1096 天（约 3 年）（允许的时间误差为 10 分钟）"},
		{"Unix timestamp", CheckTimestamp("1796540515", now, 10*time.Minute),
			`参数错误: timestamp "1796540515" is malformed (it looks like a Unix time); expected "yyyy-MM-dd HH:mm:ss" in China time (Asia/Shanghai), server time is 2026-12-06 15:01:55`,
			`参数错误: timestamp（时间戳）"1796540515" 格式错误（看起来是 Unix 时间戳）；应为 "yyyy-MM-dd HH:mm:ss"，北京时间（Asia/Shanghai），服务器时间为 2026-12-06 15:01:55`},
		{"clock moved", CheckTimestampMoved("2026-12-06 15:01:55", now.Add(time.Hour), time.Hour, 10*time.Minute),
			"参数错误: timestamp 2026-12-06 15:01:55 is 1h0m0s behind the server time 2026-12-06 16:01:55 (allowed skew 10m0s); " +
				`the server clock was moved 1h0m0s ahead of the real clock with POST /__tsymock/clock, and real SDKs sign with the real clock: POST /__tsymock/clock {"set":"system"} puts it back`,
			"参数错误: timestamp（时间戳）2026-12-06 15:01:55 比服务器时间 2026-12-06 16:01:55 慢 1 小时（允许的时间误差为 10 分钟）；" +
				`服务器时钟已用 POST /__tsymock/clock 调到比真实时钟快 1 小时，而真实的 SDK 按真实时钟签名：POST /__tsymock/clock {"set":"system"} 可将它恢复`},
		{"unknown method", unknownMethod,
			`参数method错误: unknown method "createMemberx" in MemberService; did you mean "createMember"?`,
			`参数method错误: MemberService 中没有 method "createMemberx"；是不是 "createMember"？`},
		{"a method of another service", elsewhere,
			`参数method错误: unknown method "getOrderDetail" in MemberService; "getOrderDetail" belongs to OrderService`,
			`参数method错误: MemberService 中没有 method "getOrderDetail"；"getOrderDetail" 属于 OrderService`},
		{"unknown service", unknownService,
			`参数service错误: unknown service "MemberServic"; known services: MemberPwdService, MemberService, MerchantService, OrderService; did you mean "MemberService"?`,
			`参数service错误: 未知的 service "MemberServic"；已有的 service：MemberPwdService, MemberService, MerchantService, OrderService；是不是 "MemberService"？`},
		{"wrong type", m.Validate(map[string]any{"bizUserId": "u1", "memberType": "x", "source": 1}),
			`参数错误: memberType must be int (a JSON integer or a string holding one), got string "x"`,
			`参数错误: memberType 必须是整数（JSON 整数，或内容为整数的字符串），收到的是字符串 "x"`},
		{"enum", m.Validate(map[string]any{"bizUserId": "u1", "memberType": 4, "source": 1}),
			`参数错误: memberType must be one of 2|3 (2 enterprise, 3 personal), got number 4`,
			`参数错误: memberType 取值应为 2|3 之一（2 企业会员，3 个人会员），收到的是数字 4`},
		{"a verificationCodeType", sendCode.Validate(map[string]any{"bizUserId": "u1", "phone": "13800138001", "verificationCodeType": 1}),
			`参数错误: verificationCodeType must be one of 9|6 (9 bind phone, 6 unbind phone), got number 1`,
			`参数错误: verificationCodeType 取值应为 9|6 之一（9 绑定手机，6 解绑手机），收到的是数字 1`},
		{"an object for a string", m.Validate(map[string]any{"bizUserId": map[string]any{}, "memberType": 3, "source": 1}),
			`参数错误: bizUserId must be string (a JSON string; a number is accepted), got object`,
			`参数错误: bizUserId 必须是字符串（JSON 字符串；也接受数字），收到的是对象`},
		{"a near miss", m.Validate(map[string]any{"bizUserID": "u1", "memberType": 3, "source": 1}),
			`参数不能为空: bizUserId (the request has "bizUserID"; the platform spells it "bizUserId")`,
			`参数不能为空: bizUserId（请求中有 "bizUserID"；平台的拼写是 "bizUserId"）`},
		{"missing: the same in both", m.Validate(map[string]any{"memberType": 3, "source": 1}),
			"参数不能为空: bizUserId", "参数不能为空: bizUserId"},
		{"req no JSON", notJSON,
			"参数错误: req is not a JSON object: invalid character 's' looking for beginning of value",
			"参数错误: req 不是 JSON 对象（invalid character 's' looking for beginning of value）；" +
				`req 应为 {"service":…,"method":…,"param":{…}} 这样的 JSON 文本（规范 §3.1）`},
		{"req in GBK", notUTF8,
			"参数错误: req is not valid UTF-8 (first bad byte at offset 18); send UTF-8, URL-encoded",
			"参数错误: req 不是合法的 UTF-8（从偏移 18 处的字节起），多半是按 GBK 编码的；规范 §2.2 要求按 UTF-8 编码后再做 urlencode"},
		{"no detail in two languages", Errorf("10000", "v must be %q", "2.0"), `参数错误: v must be "2.0"`, `参数错误: v must be "2.0"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			require.NotNil(t, tc.err)
			assert.Equal(t, tc.en, tc.err.Message)
			assert.Same(t, tc.err, tc.err.In(lang.English), "English is the error itself")
			zh := tc.err.In(lang.Chinese)
			assert.Equal(t, tc.zh, zh.Message)
			assert.Equal(t, tc.err.Code, zh.Code)
			assert.ErrorIs(t, zh, tc.err)
		})
	}
	assert.Nil(t, (*Error)(nil).In(lang.Chinese))
}

// TestEnumWordsAreDocs: every enum that has its Chinese words is an enum
// doc of the catalogue, so that a reworded doc cannot lose its Chinese
// unnoticed.
func TestEnumWordsAreDocs(t *testing.T) {
	docs := map[string]bool{}
	var walk func([]Param)
	walk = func(ps []Param) {
		for _, p := range ps {
			if len(p.Enum) > 0 {
				docs[p.Doc] = true
			}
			walk(p.Fields)
		}
	}
	for _, m := range DefaultMethods() {
		walk(m.Params)
	}
	for doc := range enumWords() {
		assert.True(t, docs[doc], "%q is no enum's doc", doc)
	}
}
