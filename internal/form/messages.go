package form

import (
	"github.com/tsymock/tsymock/internal/lang"
	"github.com/tsymock/tsymock/internal/soa"
)

// msgID names a detail of the form reader's errors that a newcomer meets;
// its texts are in messages (see soa.Detailed).
type msgID int

// The ids of messages.
const (
	msgNotAForm msgID = iota
	msgCount          // the number of ids, not one
)

// messages is the form reader's table of details in both languages, by id
// (see lang.Text). It is made by a function, cheaply and only on an error,
// so that no package variable can be changed.
func messages() [msgCount]lang.Text {
	return [msgCount]lang.Text{
		msgNotAForm: {En: "the POST body is %s; send sysid, sign, timestamp, v and req as application/x-www-form-urlencoded",
			Zh: "请求体是 %s；请把 sysid、sign、timestamp、v、req 以 application/x-www-form-urlencoded 表单发送"},
	}
}

// detailed is the error for code whose detail is the message id with args.
func detailed(code string, id msgID, args ...any) *soa.Error {
	return soa.Detailed(code, lang.Msg(messages()[id], args...))
}
