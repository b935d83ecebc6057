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
	msgCount // the number of ids, not one
)

// messages is the handler's table of details in both languages, by id
// (see lang.Text), in the spec's terms (应用, 签名, 平台私钥, 商户密钥).
func messages() [msgCount]lang.Text {
	return [msgCount]lang.Text{
		msgUnknownApp: {En: "sysid %q is not registered with tsymock (known: %s); register it with --app SYSID=CERT " +
			"or POST /__tsymock/apps, or start with --auto-apps",
			Zh: "sysid %q 的应用未在 tsymock 注册（已注册：%s）；请用 --app SYSID=CERT " +
				"或 POST /__tsymock/apps 注册它，或以 --auto-apps 启动"},
		msgSignHint:    {En: " (tsymock: %s)", Zh: "（tsymock：%s）"},
		msgPlatformKey: {En: "platform private key", Zh: "平台私钥"},
		msgAppKey:      {En: "merchant key of sysid %s", Zh: "sysid %s 的商户密钥"},
	}
}

// say is the message id with args in l.
func say(l lang.Lang, id msgID, args ...any) string { return messages()[id].Format(l, args...) }

// detailed is the error for code whose detail is the message id with args.
func detailed(code string, id msgID, args ...any) *soa.Error {
	return soa.Detailed(code, lang.Msg(messages()[id], args...))
}
