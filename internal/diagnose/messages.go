package diagnose

import "github.com/tsymock/tsymock/internal/lang"

// msgID names a sentence of the diagnosis; its texts are in messages.
type msgID int

// The ids of messages.
const (
	msgMissingSign msgID = iota
	msgSignedWithKnown
	msgUnknownKey
	msgNoSysID
	msgNoTimestamp
	msgNeither
	msgWrongOrder
	msgReserialised
	msgWhitespaceRemoved
	msgKeysSorted
	msgKeysSortedEscaped
	msgPHPEscaped
	msgPHPUnescaped
	msgKeysSortedPHP
	msgIndented
	// What keys.Diagnose finds, in its words (TestKeysWordsKept holds the
	// English to keys' Message).
	msgMalformed
	msgSpaces
	msgKeySize
	msgOtherKey
	msgRawRSA
	msgWrongHash
	msgWrongHashUnknown
	msgSkippedStep
	msgSourceDiffers
	msgOverMD5Base64
	msgOverSource
	msgOverRawMD5
	msgOverHexMD5
	msgOverHexMD5Base64
	msgOverGBK
	msgFixHexMD5Base64
	msgFixGBK
	msgCorruptAt
	msgCount // the number of ids, not one
)

// messages is the diagnosis's table of sentences in both languages, by id
// (see lang.Text), in the spec's terms (§3.4: 签名, 签名源串 for the
// source, 商户私钥; 平台私钥 is tsymock's name for the other half of the
// 通商云公钥). A key's name stands in 「」, so that neither a Latin one
// (sysid 1 的商户私钥) lacks its space nor two brackets meet.
func messages() [msgCount]lang.Text {
	return [msgCount]lang.Text{
		msgMissingSign: {En: "the sign parameter is missing or empty", Zh: "sign（签名）参数缺失或为空"},
		msgSignedWithKnown: {En: "signed with the %s (%s) instead of the merchant key registered for sysid %s (%s)",
			Zh: "签名用的密钥是「%s」（%s），而不是 sysid %s 登记的商户证书（%s）对应的商户私钥"},
		msgUnknownKey: {En: "%s; it is none of the keys tsymock knows (sysid %s is registered with %s)",
			Zh: "%s；这把密钥不是 tsymock 知道的任何一把（sysid %s 登记的商户证书是 %s）"},
		msgNoSysID: {En: "sysid is not in the signed text: sign sysid+req+timestamp",
			Zh: "签名源串中没有 sysid：签名源串应为 sysid + req + timestamp（规范 §3.4）"},
		msgNoTimestamp: {En: "timestamp is not in the signed text: sign sysid+req+timestamp",
			Zh: "签名源串中没有 timestamp：签名源串应为 sysid + req + timestamp（规范 §3.4）"},
		msgNeither: {En: "neither sysid nor timestamp is in the signed text: sign sysid+req+timestamp",
			Zh: "签名源串中既没有 sysid 也没有 timestamp：签名源串应为 sysid + req + timestamp（规范 §3.4）"},
		msgWrongOrder: {En: "signed the parts in the wrong order: sign sysid+req+timestamp",
			Zh: "签名源串的各部分顺序不对：应为 sysid + req + timestamp（规范 §3.4）"},
		msgReserialised: {En: "signed a differently serialised req (%s) than the one sent; sign the exact req string you send",
			Zh: "签名源串里的 req 与发送的 req 序列化方式不同（%s）；请对实际发送的 req 字符串签名"},
		msgWhitespaceRemoved: {En: "whitespace removed", Zh: "去掉了空白"},
		msgKeysSorted:        {En: "keys sorted, as Go encoding/json or fastjson write it", Zh: "键已排序，如 Go encoding/json 或 fastjson 的写法"},
		msgKeysSortedEscaped: {En: "keys sorted with <, >, & escaped as Go encoding/json writes it",
			Zh: "键已排序，且 <、>、& 按 Go encoding/json 的写法转义"},
		msgPHPEscaped: {En: "with / and non-ASCII escaped as PHP json_encode writes it",
			Zh: "/ 和非 ASCII 字符按 PHP json_encode 的写法转义"},
		msgPHPUnescaped: {En: "with / and non-ASCII unescaped (PHP JSON_UNESCAPED_SLASHES|JSON_UNESCAPED_UNICODE) where the sent req escapes them",
			Zh: "/ 和非 ASCII 字符未转义（PHP JSON_UNESCAPED_SLASHES|JSON_UNESCAPED_UNICODE），而发送的 req 转义了它们"},
		msgKeysSortedPHP: {En: "keys sorted, with / and non-ASCII escaped as PHP json_encode writes it",
			Zh: "键已排序，且 / 和非 ASCII 字符按 PHP json_encode 的写法转义"},
		msgIndented:  {En: "indented", Zh: "带缩进"},
		msgMalformed: {En: "sign is not standard padded Base64%s: %v", Zh: "sign 不是标准的（带 = 填充的）Base64%s：%v"},
		msgSpaces: {En: " (it contains spaces, so a '+' was probably not URL-encoded)",
			Zh: "（其中有空格，多半是 sign 里的 '+' 没有做 URL 编码，被解码成了空格）"},
		msgKeySize: {En: "sign is %d bytes but a %d-bit key makes %d-byte signatures (signed with a %d-bit key?)",
			Zh: "sign 有 %d 字节，而 %d 位密钥的签名是 %d 字节（是不是用 %d 位的密钥签的名？）"},
		msgOtherKey: {En: "the sign was made with another private key than the one of certificate %s: check which key file is configured for this sysid",
			Zh: "sign 是用另一个私钥生成的，不是证书 %s 对应的私钥：请检查该 sysid 配置的是哪个密钥文件"},
		msgRawRSA: {En: "the sign holds no DigestInfo (NONEwithRSA?): use SHA1withRSA over Base64(MD5(source))",
			Zh: "sign 中没有 DigestInfo（NONEwithRSA？）：请用 SHA1withRSA 对 Base64(MD5(签名源串)) 签名"},
		msgWrongHash: {En: "signed with %swithRSA over %s: use SHA1withRSA over Base64(MD5(source))",
			Zh: "用 %swithRSA 签了名，签的是：%s；请用 SHA1withRSA 对 Base64(MD5(签名源串)) 签名"},
		msgWrongHashUnknown: {En: "signed with %swithRSA over an unknown text: use SHA1withRSA over Base64(MD5(source))",
			Zh: "用 %swithRSA 对一段未知文本签了名：请用 SHA1withRSA 对 Base64(MD5(签名源串)) 签名"},
		msgSkippedStep: {En: "signed with SHA1withRSA over %s: sign Base64(MD5(source)) as text",
			Zh: "用 SHA1withRSA 签了名，签的是：%s；请对 Base64(MD5(签名源串)) 这段文本签名"},
		msgSourceDiffers: {En: "the right key signed another text: sign exactly the string that is sent " +
			"(for a request sysid+req+timestamp; was req changed after signing or re-serialised? another timestamp or sysid?)",
			Zh: "密钥正确，但签的是另一段文本：请对实际发送的字符串签名" +
				"（请求的签名源串是 sysid + req + timestamp；req 是否在签名后被改动或重新序列化？timestamp 或 sysid 是否不同？）"},
		msgOverMD5Base64: {En: "Base64(MD5(source))", Zh: "Base64(MD5(签名源串))"},
		msgOverSource: {En: "the source itself (the Base64(MD5()) step was skipped)",
			Zh: "签名源串本身（跳过了 Base64(MD5()) 这一步）"},
		msgOverRawMD5: {En: "the raw 16 bytes of MD5(source) (not their Base64 text)",
			Zh: "MD5(签名源串) 的 16 字节原始值（而不是它的 Base64 文本）"},
		msgOverHexMD5: {En: "the hex text of MD5(source) (PHP md5() without binary=true)",
			Zh: "MD5(签名源串) 的十六进制文本（PHP md5() 没有设 binary=true）"},
		msgOverHexMD5Base64: {En: "Base64 of the hex text of MD5(source) (PHP base64_encode(md5($source)))",
			Zh: "MD5(签名源串) 十六进制文本的 Base64（PHP 的 base64_encode(md5($源串))）"},
		msgOverGBK: {En: "Base64(MD5()) of the source encoded in GBK", Zh: "按 GBK 编码的签名源串的 Base64(MD5())"},
		msgFixHexMD5Base64: {En: "signed with SHA1withRSA over %s: Base64 the raw 16 bytes: base64_encode(md5($source, true))",
			Zh: "用 SHA1withRSA 签了名，签的是：%s；PHP 的 md5() 默认返回十六进制文本，请对 16 字节原始值做 Base64：base64_encode(md5($源串, true))"},
		msgFixGBK: {En: "signed with SHA1withRSA over %s: hash the source's UTF-8 bytes (Java: source.getBytes(\"UTF-8\"); spec §2.2)",
			Zh: "用 SHA1withRSA 签了名，签的是：%s（Java 在中文 Windows 上不指定字符集调用 getBytes()）；请按 UTF-8 计算 MD5，如 源串.getBytes(\"UTF-8\")（规范 §2.2）"},
		// encoding/base64's CorruptInputError, word for word in English
		// (TestCorruptAtAsBase64Says).
		msgCorruptAt: {En: "illegal base64 data at input byte %d", Zh: "从偏移 %d 处起无法按 Base64 解码"},
	}
}

// msg is the message id with args.
func msg(id msgID, args ...any) lang.Message { return lang.Msg(messages()[id], args...) }
