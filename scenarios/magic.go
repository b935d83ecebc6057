package scenarios

import (
	"strings"

	"github.com/tsymock/tsymock/internal/soa"
)

// MagicPrefix starts a magic value: "err-<code>-anything".
const MagicPrefix = "err-"

// MagicRuleID is the rule id a magic value answers with, followed by the
// param and code, e.g. "magic bizOrderNo=err-40014-".
const MagicRuleID = "magic"

// MagicFields are the top-level params whose value can be magic: the ids a
// merchant makes up itself, so that an unmodified SDK can send them.
func MagicFields() []string {
	return []string{"bizUserId", "bizOrderNo", "bizTransferNo", "bizFreezenNo", "bizBatchNo"}
}

// MagicValue is one error code reachable by a magic value.
type MagicValue struct {
	Code    string
	Message string
	Example string // e.g. "err-40014-order1"
}

// Magic lists a magic value for every error code of PROTOCOL.md §8.
func Magic() []MagicValue {
	codes := soa.Codes()
	out := make([]MagicValue, 0, len(codes))
	for _, code := range codes {
		msg, _ := soa.Message(code)
		out = append(out, MagicValue{Code: code, Message: msg, Example: MagicPrefix + code + "-1"})
	}
	return out
}

// magic answers a call whose magic field starts with err-<code>- with that
// code and its catalogue message. A code the catalogue does not know is not
// magic: the call goes on as usual.
func magic(param map[string]any) (Decision, bool) {
	for _, field := range MagicFields() {
		s, ok := param[field].(string)
		if !ok {
			continue
		}
		code, ok := magicCode(s)
		if !ok {
			continue
		}
		return Decision{
			Rules: []string{MagicRuleID + " " + field + "=" + MagicPrefix + code + "-"},
			Kind:  Fail,
			Err:   soa.NewError(code),
		}, true
	}
	return Decision{}, false
}

// magicCode reads the code of "err-<code>-...".
func magicCode(s string) (string, bool) {
	rest, ok := strings.CutPrefix(s, MagicPrefix)
	if !ok {
		return "", false
	}
	code, _, ok := strings.Cut(rest, "-")
	if !ok {
		return "", false
	}
	_, known := soa.Message(code)
	return code, known
}
