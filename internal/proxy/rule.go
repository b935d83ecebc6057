package proxy

import (
	"fmt"
	"strings"
	"time"

	"github.com/tsymock/tsymock/internal/emulator"
	"github.com/tsymock/tsymock/internal/journal"
	"github.com/tsymock/tsymock/internal/soa"
)

// serviceFile is the rules recorded for one service.
type serviceFile struct {
	service string
	rules   map[string]*recordedRule // by ruleKey
	notes   []string                 // calls not recorded, and why
}

// recordedRule is one distinct call: its conditions and the answers it was
// given, in the order they came.
type recordedRule struct {
	method *soa.Method
	conds  []condition
	key    string
	first  *step  // the first call, for the comment
	req    string // the first call's req, masked, for the comment
	steps  []*step
	calls  int
	last   time.Time
}

// with is a copy of the rule that has answered one more call: a repeat of
// its last answer only counts, another answer is a new step.
func (r *recordedRule) with(st *step) *recordedRule {
	c := *r
	c.calls++
	c.last = st.time
	if n := len(r.steps); n == 0 || r.steps[n-1].key != st.key {
		c.steps = append(r.steps[:n:n], st)
	}
	return &c
}

// step is one answer of the upstream, ready to be written.
type step struct {
	time    time.Time
	ok      map[string]any // an OK answer's body, masked and escaped
	code    string
	message string
	key     string // the answer as text, to tell repeats
}

// envelopeCodes answer the envelope (the sysid, the sign), not the call:
// recorded, they would answer every later call with those params whatever
// its signature.
func envelopeCodes() []string { return []string{soa.CodeUnknownApp, soa.CodeBadSignature} }

// newStep is the upstream's answer as a rule writes it.
func (r *Recorder) newStep(rec Recording) (*step, error) {
	st := &step{time: rec.Time}
	if rec.Err != nil {
		for _, c := range envelopeCodes() {
			if rec.Err.Code == c {
				return nil, fmt.Errorf("%s %s concerns the sysid or the sign, not the call", rec.Err.Code, rec.Err.Message)
			}
		}
		if _, known := soa.Message(rec.Err.Code); !known {
			return nil, fmt.Errorf("errorCode %s (%s) is not in tsymock's catalogue (PROTOCOL.md §8), so no rule can answer it", rec.Err.Code, rec.Err.Message)
		}
		// JSON answers are valid UTF-8; a Recording made in Go may not be.
		st.code, st.message = rec.Err.Code, escapeTemplate(journal.MaskNumbers(strings.ToValidUTF8(rec.Err.Message, "\uFFFD")))
		st.key = "error " + st.code + " " + st.message
		return st, nil
	}
	st.ok = r.okBody(rec)
	text, err := soa.MarshalValue(st.ok)
	if err != nil {
		return nil, err
	}
	st.key = "ok " + text
	return st, nil
}

// okBody is an OK answer as a rule writes it. Fields the upstream
// encrypted for the merchant cannot be read here (the merchant's private
// key is not tsymock's); a replay encrypts the rule's text for the
// merchant, so they are written masked: the masked plaintext of the same
// field of the request when tsymock could open it, else stars. Card and
// identity numbers in clear are masked as the journal masks them; "{{" is
// escaped, since rule answers are templates; an ignored param echoed by
// the answer is written as {{param.NAME}}, so that a replay echoes the
// replayed call's.
func (r *Recorder) okBody(rec Recording) map[string]any {
	body := soa.CopyParams(rec.Value)
	_ = soa.WalkEncrypted(body, rec.Method.EncryptedResponse, func(path, _ string) (string, error) {
		return maskedRequestField(rec, leafName(path)), nil
	})
	journal.MaskSensitive(body)
	escaped := escapeStrings(body).(map[string]any)
	r.echoIgnored(escaped, rec.Param)
	return escaped
}

// maskedRequestField is the masked plaintext of the request field named
// name (opened, or sent in clear), or stars.
func maskedRequestField(rec Recording, name string) string {
	for path, plain := range rec.Opened {
		if leafName(path) == name {
			return emulator.MaskNumber(plain)
		}
	}
	if text, ok := rec.Param[name].(string); ok && text != "" && !journal.IsCiphertext(text) {
		return emulator.MaskNumber(text)
	}
	return "********"
}

// echoIgnored writes a top-level answer value that repeats an ignored
// top-level param as a template of that param.
func (r *Recorder) echoIgnored(body, param map[string]any) {
	for name, v := range param {
		text, ok := v.(string)
		if !ok || len(text) < 4 || !r.ignore.Match(name, name) || strings.Contains(text, "{{") {
			continue
		}
		for k, answer := range body {
			if answer == text {
				body[k] = "{{param." + name + "}}"
			}
		}
	}
}

// escapeStrings copies decoded JSON with "{{" in every string written as
// the template that yields it.
func escapeStrings(v any) any {
	switch x := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, item := range x {
			out[k] = escapeStrings(item)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, item := range x {
			out[i] = escapeStrings(item)
		}
		return out
	case string:
		return escapeTemplate(x)
	}
	return v
}

// escapeTemplate writes literal "{{" as {{"{{"}} (docs/scenarios.md).
func escapeTemplate(s string) string { return strings.ReplaceAll(s, "{{", `{{"{{"}}`) }

// leafName is the last key of a path, without its indexes.
func leafName(path string) string {
	path = stripIndexes(path)
	return path[strings.LastIndex(path, ".")+1:]
}

// ruleKey tells distinct calls apart: the method and the conditions.
func ruleKey(m *soa.Method, conds []condition) string {
	var b strings.Builder
	b.WriteString(m.FullName())
	for _, c := range conds {
		b.WriteString("\n" + c.text)
	}
	return b.String()
}
