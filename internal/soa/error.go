package soa

import (
	"fmt"
	"strings"

	"github.com/tsymock/tsymock/internal/lang"
)

// Error codes that soa itself produces or that callers name often. Every other code is in the
// table behind Message and Codes.
const (
	CodeInvalidParam  = "10000" // 参数错误: malformed form, req, timestamp, wrong type or value
	CodeMissingParam  = "10001" // 参数不能为空: a required param is absent, null or ""
	CodeBadService    = "10002" // 参数service错误: missing or unknown service
	CodeBadMethod     = "10003" // 参数method错误: missing or unknown method, or a page flow
	CodeTooLong       = "10004" // 参数长度超长: a body, req or text field over its length
	CodeUnknownApp    = "20000" // 应用不存在: unknown sysid
	CodeEncryptFailed = "20016" // 加密失败
	CodeDecryptFailed = "20017" // 解密失败
	CodeBadSignature  = "20019" // 签名验证失败
	CodeUserExists    = "30000" // 所属应用下已经存在此用户
	CodeMemberLocked  = "30022" // 会员已锁定 (spec §4.1.15; §7's text is 用户不可用)
	CodeUnknown       = "9100"  // 未知错误
)

// Error is the one error type on the wire: an errorCode (a string, PROTOCOL.md §3) and the
// message the platform answers with.
type Error struct {
	Code    string
	Message string
	// detail is the message's detail in both languages, for one made
	// with Detailed: In writes it in another. Message is its English.
	detail *lang.Message
	// platform is the message without tsymock's explanation after it, as
	// the platform words it (Platform); "" when Message is that already.
	platform string
}

// Platform is the error as the platform words it: the message without
// the explanation tsymock adds after the platform's text (Errorf,
// Detailed, Explained), for suites that compare a message whole
// (serve --platform-messages). An error whose message is the platform's
// already (NewError, Quoted, a scenario rule's) is returned as it is.
func (e *Error) Platform() *Error {
	if e == nil || e.platform == "" {
		return e
	}
	return &Error{Code: e.Code, Message: e.platform}
}

// Explained returns the error for code whose message is text, the
// platform's words, then ": " and tsymock's explanation (which Platform
// leaves out).
func Explained(code, text, explanation string) *Error {
	return &Error{Code: code, Message: strings.ToValidUTF8(text+": "+explanation, "\uFFFD"), platform: text}
}

// WithSuffix is e with more of tsymock's explanation after its message;
// Platform still leaves all of it out.
func (e *Error) WithSuffix(suffix string) *Error {
	platform := e.platform
	if platform == "" {
		platform = e.Message
	}
	return &Error{Code: e.Code, Message: e.Message + suffix, detail: e.detail, platform: platform}
}

// Error implements error as "soa: <code> <message>".
func (e *Error) Error() string {
	return "soa: " + e.Code + " " + e.Message
}

// Is reports whether target is an *Error with the same code, so that
// errors.Is(err, soa.NewError("30000")) matches any 30000 whatever its message.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t != nil && e != nil && t.Code == e.Code
}

// NewError returns the error for code with the catalogue's message (see Message). A code that
// is not in PROTOCOL.md §8 gets the message of 9100, "未知错误".
func NewError(code string) *Error {
	return &Error{Code: code, Message: catalogueText(code)}
}

// Quoted returns the error for code whose whole message is text: the platform's own words
// where the specification quotes them for a case (e.g. 调用重发短信接口太频繁，请稍后再试！, spec §4.2.25), which a test
// suite written against the real test environment may compare whole. The specification names
// the words, not always the code; the caller chooses the closest.
func Quoted(code, text string) *Error {
	return &Error{Code: code, Message: text}
}

// Errorf returns the error for code whose message is the catalogue text, ": ", then the
// formatted detail, e.g. Errorf("10001", "%s", "bizUserId") is "参数不能为空: bizUserId".
// Invalid UTF-8 in the detail is replaced by U+FFFD so that the message survives JSON encoding
// byte for byte (the signature covers it).
func Errorf(code, format string, args ...any) *Error {
	detail := fmt.Sprintf(format, args...)
	msg := catalogueText(code) + ": " + detail
	return &Error{Code: code, Message: strings.ToValidUTF8(msg, "\uFFFD"), platform: catalogueText(code)}
}

// Detailed returns the error for code whose message is the catalogue text, ": ", then detail in
// English, as Errorf writes it; In writes the detail in another language. The checks a newcomer
// meets first (the timestamp, the sysid, the method, the params) make their errors with it.
// The detail keeps its arguments until In, which may run after the lock that guarded them was
// released (the emulator's errors are written out after the op): pass values nobody changes
// afterwards, such as a copy of a slice of the state, never the slice itself.
func Detailed(code string, detail lang.Message) *Error {
	return &Error{Code: code, Message: detailedText(code, detail, lang.English), detail: &detail, platform: catalogueText(code)}
}

// In is the error with its detail in l: e itself in English, or when it has no detail in two
// languages (made with Errorf, NewError or Quoted); the catalogue text stays the platform's.
func (e *Error) In(l lang.Lang) *Error {
	if e == nil || e.detail == nil || l == lang.English {
		return e
	}
	return &Error{Code: e.Code, Message: detailedText(e.Code, *e.detail, l), detail: e.detail, platform: e.platform}
}

// detailedText is the message of Detailed in l, valid UTF-8 as Errorf's.
func detailedText(code string, detail lang.Message, l lang.Lang) string {
	return strings.ToValidUTF8(catalogueText(code)+": "+detail.In(l), "\uFFFD")
}

// catalogueText is Message with the 9100 fallback for unknown codes.
func catalogueText(code string) string {
	if text, ok := Message(code); ok {
		return text
	}
	text, _ := Message(CodeUnknown)
	return text
}
