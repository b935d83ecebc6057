package emulator

import (
	"github.com/tsymock/tsymock/internal/lang"
	"github.com/tsymock/tsymock/internal/soa"
)

// msgID names a detail of the emulator's errors that a newcomer meets
// first; its texts are in messages (see soa.Detailed). The code an op
// answers is what its log keeps, never the message: a text here changes no
// generation of the rules.
type msgID int

// The ids of messages.
const (
	msgUnknownSet msgID = iota
	msgCount            // the number of ids, not one
)

// messages is the emulator's table of details in both languages, by id.
func messages() [msgCount]lang.Text {
	return [msgCount]lang.Text{
		msgUnknownSet: {En: "accountSetNo %q; this application has %v (tsymock serve --account-sets or " +
			"--app-account-sets %s=... give it others)",
			Zh: "accountSetNo %q；该应用的账户集为 %v（tsymock serve --account-sets 或 " +
				"--app-account-sets %s=... 可为它配置其他账户集）"},
	}
}

// detailed is the error for code whose detail is the message id with args.
func detailed(code string, id msgID, args ...any) *soa.Error {
	return soa.Detailed(code, lang.Msg(messages()[id], args...))
}
