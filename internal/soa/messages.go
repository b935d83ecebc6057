package soa

import "github.com/tsymock/tsymock/internal/lang"

// msgID names a detail of soa's errors that a newcomer meets first (the
// timestamp window, the service and method, the params): its texts are in
// messages, English as tsymock always wrote it and Chinese in the spec's
// terms (时间戳, 时间误差 of §3.1, 北京时间), for Error.In.
type msgID int

// The ids of messages.
const (
	msgTimestampFormat msgID = iota
	msgTimestampMissing
	msgTimestampMalformed
	msgLooksUnix
	msgLooksISO
	msgFractional
	msgSpaces
	msgTimestampSkew
	msgBehind
	msgAheadOf
	msgDays
	msgDaysYears
	msgZoneUnknown
	msgZone
	msgZoneSettings
	msgMoved
	msgMovedReal
	msgUnknownService
	msgDidYouMeanService
	msgUnknownMethod
	msgUnknownMethodSuggest
	msgUnknownMethodElsewhere
	msgSic
	msgReqNoName
	msgReqNameType
	msgReqNameEmpty
	msgMustBe
	msgInt
	msgBool
	msgObject
	msgArray
	msgString
	msgOneOf
	msgAtLeast
	msgAtMost
	msgDate
	msgNearMiss
	msgReqNotJSON
	msgReqNotUTF8
	msgParenthesised
	msgValNull
	msgValString
	msgValNumber
	msgValBool
	msgValObject
	msgValArray
	msgCount // the number of ids, not one
)

// messages is soa's table of details in both languages, by id (see
// lang.Text: the same verbs in both; Chinese may name an argument, %[2]s).
// It is made by a function so that no package variable can be changed.
func messages() [msgCount]lang.Text {
	return [msgCount]lang.Text{
		msgTimestampFormat: {En: `"yyyy-MM-dd HH:mm:ss" in China time (Asia/Shanghai)`,
			Zh: `"yyyy-MM-dd HH:mm:ss"，北京时间（Asia/Shanghai）`},
		msgTimestampMissing: {En: "timestamp missing; expected %s, server time is %s",
			Zh: "缺少 timestamp（时间戳）；应为 %s，服务器时间为 %s"},
		msgTimestampMalformed: {En: "timestamp %s is malformed%s; expected %s, server time is %s",
			Zh: "timestamp（时间戳）%s 格式错误%s；应为 %s，服务器时间为 %s"},
		msgLooksUnix:  {En: " (it looks like a Unix time)", Zh: "（看起来是 Unix 时间戳）"},
		msgLooksISO:   {En: " (it looks like ISO 8601 / RFC 3339)", Zh: "（看起来是 ISO 8601 / RFC 3339 格式）"},
		msgFractional: {En: " (it has fractional seconds)", Zh: "（带有小数秒）"},
		msgSpaces:     {En: " (it has spaces around it)", Zh: "（前后有空格）"},
		msgTimestampSkew: {En: "timestamp %s is %s %s the server time %s (allowed skew %v)%s",
			Zh: "timestamp（时间戳）%[1]s 比服务器时间 %[4]s %[3]s %[2]s（允许的时间误差为 %[5]v）%[6]s"},
		msgBehind:    {En: "behind", Zh: "慢"},
		msgAheadOf:   {En: "ahead of", Zh: "快"},
		msgDays:      {En: "%d days", Zh: "%d 天"},
		msgDaysYears: {En: "%d days (about %d years)", Zh: "%d 天（约 %d 年）"},
		msgZoneUnknown: {En: "; the gap is a whole number of hours: check the client's date and time zone",
			Zh: "；相差接近整数小时：请检查客户端的日期和时区"},
		msgZone: {En: "; the gap is a whole number of hours: the client probably formats its clock in %s " +
			"instead of China time (UTC+8); format the timestamp in Asia/Shanghai%s",
			Zh: "；相差接近整数小时：客户端很可能按 %s 而不是北京时间（UTC+8）生成时间戳；" +
				"请按 Asia/Shanghai 时区格式化 timestamp%s"},
		msgZoneSettings: {En: " (PHP: date.timezone, which ignores TZ; JVM: -Duser.timezone; others: TZ)",
			Zh: "（PHP 请在 php.ini 设 date.timezone = Asia/Shanghai，PHP 不读 TZ 环境变量；" +
				"JVM：-Duser.timezone=Asia/Shanghai；其他：TZ=Asia/Shanghai）"},
		msgMoved: {En: "; the server clock was moved %s %s the real clock with POST /__tsymock/clock, and real SDKs " +
			"sign with the real clock: POST /__tsymock/clock {\"set\":\"system\"} puts it back%s",
			Zh: "；服务器时钟已用 POST /__tsymock/clock 调到比真实时钟%[2]s %[1]s，而真实的 SDK 按真实时钟签名：" +
				"POST /__tsymock/clock {\"set\":\"system\"} 可将它恢复%[3]s"},
		msgMovedReal: {En: "; against the real clock the timestamp is %s off%s",
			Zh: "；与真实时钟相比，时间戳相差 %s%s"},
		msgUnknownService: {En: "unknown service %s; known services: %s%s",
			Zh: "未知的 service %s；已有的 service：%s%s"},
		msgDidYouMeanService: {En: "; did you mean %s?", Zh: "；是不是 %s？"},
		msgUnknownMethod:     {En: "unknown method %s in %s", Zh: "%[2]s 中没有 method %[1]s"},
		msgUnknownMethodSuggest: {En: "unknown method %s in %s; did you mean %s%s?",
			Zh: "%[2]s 中没有 method %[1]s；是不是 %[3]s%[4]s？"},
		msgUnknownMethodElsewhere: {En: "unknown method %s in %s; %s belongs to %s",
			Zh: "%[2]s 中没有 method %[1]s；%[3]s 属于 %[4]s"},
		msgSic:          {En: " (sic)", Zh: "（平台原文如此拼写）"},
		msgReqNoName:    {En: "req has no %q; send a non-empty string such as %q", Zh: "req 中没有 %q；请发送非空字符串，例如 %q"},
		msgReqNameType:  {En: "req %q must be a string such as %q, got %s", Zh: "req 的 %q 必须是字符串，例如 %q，收到的是%s"},
		msgReqNameEmpty: {En: "req %q is empty; send a name such as %q", Zh: "req 的 %q 为空；请发送名称，例如 %q"},
		msgMustBe:       {En: "%s must be %s, got %s", Zh: "%s 必须是%s，收到的是%s"},
		msgInt:          {En: "int (a JSON integer or a string holding one)", Zh: "整数（JSON 整数，或内容为整数的字符串）"},
		msgBool: {En: `bool (true or false; 1, 0, "true", "false", "Y" and "N" are read as fastjson does)`,
			Zh: `布尔值（true 或 false；1、0、"true"、"false"、"Y"、"N" 按 fastjson 的规则读取）`},
		msgObject:   {En: "object (a JSON object {...})", Zh: "对象（JSON 对象 {...}）"},
		msgArray:    {En: "array (a JSON array [...])", Zh: "数组（JSON 数组 [...]）"},
		msgString:   {En: "string (a JSON string; a number is accepted)", Zh: "字符串（JSON 字符串；也接受数字）"},
		msgOneOf:    {En: "%s must be one of %s%s, got %s", Zh: "%s 取值应为 %s 之一%s，收到的是%s"},
		msgAtLeast:  {En: "%s must be at least %d, got %d", Zh: "%s 不能小于 %d，收到的是 %d"},
		msgAtMost:   {En: "%s must be at most %d, got %d", Zh: "%s 不能大于 %d，收到的是 %d"},
		msgDate:     {En: "%s must be a date %q, got %s", Zh: "%s 必须是 %q 格式的日期，收到的是%s"},
		msgNearMiss: {En: "%s (the request has %s; the platform spells it %q)", Zh: "%s（请求中有 %s；平台的拼写是 %q）"},
		msgReqNotJSON: {En: "req is not a JSON object: %v",
			Zh: `req 不是 JSON 对象（%v）；req 应为 {"service":…,"method":…,"param":{…}} 这样的 JSON 文本（规范 §3.1）`},
		msgReqNotUTF8: {En: "req is not valid UTF-8 (first bad byte at offset %d); send UTF-8, URL-encoded",
			Zh: "req 不是合法的 UTF-8（从偏移 %d 处的字节起），多半是按 GBK 编码的；规范 §2.2 要求按 UTF-8 编码后再做 urlencode"},
		msgParenthesised: {En: " (%s)", Zh: "（%s）"},
		// A received value (described): its JSON type, then the value; the
		// Chinese opens with a Chinese word, which "收到的是" takes with no
		// space between.
		msgValNull:   {En: "null", Zh: "空值 null"},
		msgValString: {En: "string %s", Zh: "字符串 %s"},
		msgValNumber: {En: "number %s", Zh: "数字 %s"},
		msgValBool:   {En: "bool %s", Zh: "布尔值 %s"},
		msgValObject: {En: "object", Zh: "对象"},
		msgValArray:  {En: "array", Zh: "数组"},
	}
}

// enumWords are the Chinese of the enum docs (Param.Doc) that a
// newcomer's first calls meet, in the spec's dictionary terms (§6.1 会员类型,
// §6.5 访问终端类型, §6.6 验证码类型, §6.16 交易验证方式); an enum
// without one keeps its English doc inside a Chinese sentence.
// TestEnumWordsAreDocs holds each key to a Doc of the catalogue.
func enumWords() map[string]string {
	return map[string]string{
		"2 enterprise, 3 personal":               "2 企业会员，3 个人会员",
		"1 mobile, 2 PC":                         "1 Mobile，2 PC",
		"9 bind phone, 6 unbind phone":           "9 绑定手机，6 解绑手机",
		"0 none, 1 SMS code, 2 payment password": "0 无验证，1 短信验证码，2 支付密码",
	}
}

// msg is the message id with args.
func msg(id msgID, args ...any) lang.Message { return lang.Msg(messages()[id], args...) }

// detailed is the error for code whose detail is the message id with args.
func detailed(code string, id msgID, args ...any) *Error { return Detailed(code, msg(id, args...)) }
