package rpc

import (
	"github.com/tsymock/tsymock/internal/lang"
	"github.com/tsymock/tsymock/internal/soa"
)

// msgID names a detail the handler writes itself; its texts are in
// messages (the soa, emulator and diagnose packages have their own).
type msgID int

// The ids of messages.
const (
	msgUnknownApp msgID = iota
	msgSignHint
	msgPlatformKey
	msgAppKey
	msgBadVersion
	msgFieldClosed
	msgLooksClear
	msgCount // the number of ids, not one
)

// messages is the handler's table of details in both languages, by id
// (see lang.Text), in the spec's terms (应用, 签名, 商户私钥 of §3.4;
// 平台私钥 is tsymock's name for the other half of the 通商云公钥, which
// the spec does not name). The diagnosis stands in 【】, for its own
// sentences end in brackets.
func messages() [msgCount]lang.Text {
	return [msgCount]lang.Text{
		msgUnknownApp: {En: "sysid %q is not registered with tsymock (known: %s); register it with --app SYSID=CERT " +
			"or POST /__tsymock/apps, or start with --auto-apps",
			Zh: "sysid %q 的应用未在 tsymock 注册（已注册：%s）；请用 --app SYSID=CERT " +
				"或 POST /__tsymock/apps 注册它，或以 --auto-apps 启动"},
		msgSignHint:    {En: " (tsymock: %s)", Zh: "【tsymock：%s】"},
		msgPlatformKey: {En: "platform private key", Zh: "平台私钥"},
		msgAppKey:      {En: "merchant key of sysid %s", Zh: "sysid %s 的商户私钥"},
		msgBadVersion: {En: `v must be "2.0" (or "1.0"; "2" and "1" are read as them), got %q`,
			Zh: `v 应为 "2.0"（规范 §3.1；也接受 "1.0"，"2"、"1" 按它们处理），收到的是 %q`},
		// The English repeats the field as soa.WalkEncrypted's error and
		// the decryption's each named it (testdata/lang/field-in-clear.json).
		msgFieldClosed: {En: "soa: encrypted field %[1]s: %[1]s: %[2]v%[3]s (encrypt it with the platform certificate, RSA PKCS#1 v1.5, upper-case hex)",
			Zh: "加密字段 %[1]s 无法用平台私钥解密%[3]s（%[2]v）。请用通商云公钥证书按 RSA PKCS#1 v1.5 加密，再转成大写十六进制（规范 §3.5）"},
		msgLooksClear: {En: "; its %d characters look sent in clear: an encrypted field is 256 or 512 hex characters",
			Zh: "：它只有 %d 个字符，像是明文；加密后的字段是 256 或 512 个十六进制字符"},
	}
}

// say is the message id with args in l.
func say(l lang.Lang, id msgID, args ...any) string { return messages()[id].Format(l, args...) }

// detailed is the error for code whose detail is the message id with args.
func detailed(code string, id msgID, args ...any) *soa.Error {
	return soa.Detailed(code, lang.Msg(messages()[id], args...))
}
