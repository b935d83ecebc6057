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
			"参数错误: timestamp（时间戳）2026-12-06 07:01:55 比服务器时间 2026-12-06 15:01:55 慢 8h0m0s（允许偏差 10m0s）；" +
				"相差整数小时：客户端很可能按 UTC 而不是中国时间/北京时间（UTC+8）生成时间戳；请按 Asia/Shanghai 时区格式化 timestamp" +
				"（PHP：date.timezone，它不读 TZ；JVM：-Duser.timezone；其他：TZ）"},
		{"timestamp ahead, years off", CheckTimestamp("2029-12-06 15:01:55", now, 10*time.Minute),
			"参数错误: timestamp 2029-12-06 15:01:55 is 1096 days (about 3 years) ahead of the server time 2026-12-06 15:01:55 (allowed skew 10m0s)",
			"参数错误: timestamp（时间戳）2029-12-06 15:01:55 比服务器时间 2026-12-06 15:01:55 快 1096 天（约 3 年）（允许偏差 10m0s）"},
		{"Unix timestamp", CheckTimestamp("1796540515", now, 10*time.Minute),
			`参数错误: timestamp "1796540515" is malformed (it looks like a Unix time); expected "yyyy-MM-dd HH:mm:ss" in China time (Asia/Shanghai), server time is 2026-12-06 15:01:55`,
			`参数错误: timestamp（时间戳）"1796540515" 格式错误（看起来是 Unix 时间戳）；应为 "yyyy-MM-dd HH:mm:ss"，中国时间/北京时间（Asia/Shanghai），服务器时间为 2026-12-06 15:01:55`},
		{"clock moved", CheckTimestampMoved("2026-12-06 15:01:55", now.Add(time.Hour), time.Hour, 10*time.Minute),
			"参数错误: timestamp 2026-12-06 15:01:55 is 1h0m0s behind the server time 2026-12-06 16:01:55 (allowed skew 10m0s); " +
				`the server clock was moved 1h0m0s ahead of the real clock with POST /__tsymock/clock, and real SDKs sign with the real clock: POST /__tsymock/clock {"set":"system"} puts it back`,
			"参数错误: timestamp（时间戳）2026-12-06 15:01:55 比服务器时间 2026-12-06 16:01:55 慢 1h0m0s（允许偏差 10m0s）；" +
				`服务器时钟已用 POST /__tsymock/clock 调到比真实时钟快 1h0m0s，而真实的 SDK 按真实时钟签名：POST /__tsymock/clock {"set":"system"} 可将它恢复`},
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
			`参数错误: memberType 必须是 int（JSON 整数，或内容为整数的字符串），实际为 string "x"`},
		{"enum", m.Validate(map[string]any{"bizUserId": "u1", "memberType": 4, "source": 1}),
			`参数错误: memberType must be one of 2|3 (2 enterprise, 3 personal), got number 4`,
			`参数错误: memberType 必须是 2|3 之一 (2 enterprise, 3 personal)，实际为 number 4`},
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
