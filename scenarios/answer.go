package scenarios

import (
	"slices"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/tsymock/tsymock/internal/soa"
)

// Kind is what answers a call.
type Kind int

// The kinds of answer.
const (
	// Emulate: no rule answers; the emulator does (after any Delay).
	Emulate Kind = iota
	// OK: a success answer with Decision.Body.
	OK
	// Fail: an error answer with Decision.Err.
	Fail
)

// String names the kind as the file writes it.
func (k Kind) String() string {
	switch k {
	case OK:
		return "ok"
	case Fail:
		return "error"
	}
	return "emulate"
}

// Fault is a broken answer that the mock produces at the HTTP level.
type Fault string

// The faults. BadSignature, SlowBody and ShortBody carry an answer (Fault.Answers):
// the one the rule gives, or else the emulator's.
const (
	BadSignature    Fault = "bad-signature"    // a valid envelope whose sign does not verify
	EmptyBody       Fault = "empty-body"       // HTTP 200, JSON content type, no body
	MalformedJSON   Fault = "malformed-json"   // HTTP 200 with a cut-off JSON body
	SlowBody        Fault = "slow-body"        // the answer's headers at once, its body in pieces over a time
	ShortBody       Fault = "short-body"       // half the answer's body, then the connection closes
	HTTP500         Fault = "http-500"         // HTTP 500 from a gateway in front of the platform
	ConnectionReset Fault = "connection-reset" // the TCP connection is reset, no answer
	Hang            Fault = "hang"             // no answer until the client gives up or a bound passes
)

// Faults lists every fault.
func Faults() []Fault {
	return []Fault{BadSignature, EmptyBody, MalformedJSON, SlowBody, ShortBody, HTTP500, ConnectionReset, Hang}
}

// Answers reports whether the fault breaks an answer (the rule's, or else
// the emulator's) rather than replacing it: a wrong sign, a body written
// slowly or cut short. The others send no answer of the platform's.
func (f Fault) Answers() bool { return f == BadSignature || f == SlowBody || f == ShortBody }

// step is one answer of a rule (a rule with a sequence has several).
type step struct {
	line  int
	delay time.Duration
	kind  Kind
	body  *object
	fixed map[string]any // body's value when it has no expression, shared by every call; else nil
	json  string         // fixed's JSON text (fixedJSON), else ""
	code  string
	msg   *text // nil: the catalogue's message
	fault Fault
	hang  time.Duration // for Hang: the bound the file gives (0: the server's maximum)
	over  time.Duration // for SlowBody: the time its body takes (0: the server's maximum)
	stop  bool          // false for a delay alone, which lets later rules and the emulator answer
	// emulate, with an error or a fault, runs the call through the emulator
	// first: the platform did the work, then its answer was lost.
	emulate bool
}

// needsEnv reports whether answering st evaluates an expression, which
// reads the call (a fixed ok body, an error with the catalogue's message
// read nothing).
func (st *step) needsEnv() bool {
	switch st.kind {
	case OK:
		return st.json == ""
	case Fail:
		return st.msg != nil
	}
	return false
}

// respondKeys are the keys of a respond.
func respondKeys() []string {
	return []string{"ok", "error", "fault", "hang", "slow-body", "delay", "emulate"}
}

// faultKeys are the respond keys that name a fault.
func faultKeys() []string { return []string{"fault", "hang", "slow-body"} }

// respond compiles one answer.
func (d *decoder) respond(n *yaml.Node) (*step, bool) {
	s := &step{line: n.Line}
	var kinds []string
	good := true // every key is read, so that each mistake is reported
	ok := d.mapping(n, "respond", respondKeys(), func(key string, _, v *yaml.Node) {
		if key != "delay" && !slices.Contains(faultKeys(), key) {
			kinds = append(kinds, key)
		}
		if !d.respondKey(s, key, v) {
			good = false
		}
	})
	if !ok || !good {
		return nil, false
	}
	s.emulate = slices.Contains(kinds, "emulate") && (s.kind == Fail || s.fault != "")
	return s, d.checkStep(n, s, kinds)
}

// respondKey reads one key of a respond into s.
func (d *decoder) respondKey(s *step, key string, v *yaml.Node) bool {
	var ok bool
	switch key {
	case "ok":
		s.kind, s.stop = OK, true
		if s.body, ok = d.object(v); ok {
			s.fixed, s.json = fixedValue(s.body)
		}
	case "error":
		s.kind, s.stop = Fail, true
		ok = d.errorAnswer(s, v)
	case "emulate":
		s.stop, ok = d.boolean(v, "emulate")
		if ok && !s.stop {
			d.errorf(v, "emulate: false means nothing; leave it out")
			ok = false
		}
	case "fault":
		ok = d.fault(s, v)
	case "hang":
		s.hang, ok = d.duration(v, "hang")
		ok = ok && d.setFault(s, v, Hang)
	case "slow-body":
		s.over, ok = d.duration(v, "slow-body")
		ok = ok && d.setFault(s, v, SlowBody)
	case "delay":
		s.delay, ok = d.duration(v, "delay")
	}
	return ok
}

// fault reads the name of a fault.
func (d *decoder) fault(s *step, v *yaml.Node) bool {
	name, ok := d.text(v, "fault")
	if !ok {
		return false
	}
	if name == "reset" {
		name = string(ConnectionReset)
	}
	if !slices.Contains(Faults(), Fault(name)) {
		d.errorf(v, "unknown fault %q%s", name, hint(name, faultNames()))
		return false
	}
	return d.setFault(s, v, Fault(name))
}

// setFault makes f the step's fault, which a hang or slow-body key names
// too: two different faults cannot be combined.
func (d *decoder) setFault(s *step, v *yaml.Node, f Fault) bool {
	if s.fault != "" && s.fault != f {
		d.errorf(v, "%s and %s cannot be combined: a call breaks one way", s.fault, f)
		return false
	}
	s.fault, s.stop = f, true
	return true
}

// faultNames lists the faults as text.
func faultNames() []string {
	var names []string
	for _, f := range Faults() {
		names = append(names, string(f))
	}
	return names
}

// checkStep rejects answers that contradict themselves. emulate goes with
// error or a fault (run the call, then answer that), not with ok.
func (d *decoder) checkStep(n *yaml.Node, s *step, kinds []string) bool {
	answers := slices.DeleteFunc(slices.Clone(kinds), func(k string) bool { return k == "emulate" })
	switch {
	case len(answers) > 1:
		d.errorf(n, "respond has %s: give only one of ok and error", strings.Join(answers, " and "))
	case s.kind == OK && len(answers) < len(kinds):
		d.errorf(n, "respond has emulate and ok: give one (emulate with error or a fault runs the call "+
			"through the emulator, then answers that error or fault instead)")
	case s.fault != "" && !s.fault.Answers() && len(answers) > 0:
		d.errorf(n, "fault %s sends no answer, so %s means nothing here (only bad-signature, slow-body and "+
			"short-body carry an answer)", s.fault, answers[0])
	case s.fault.Answers() && len(kinds) == 1 && kinds[0] == "emulate":
		d.errorf(n, "fault %s alone carries the emulator's answer already; leave emulate out", s.fault)
	case !s.stop && s.delay == 0:
		d.errorf(n, "respond needs one of ok, error, fault, hang, slow-body, emulate or delay")
	default:
		return true
	}
	return false
}

// errorAnswer reads `error: {code: "30000", message: ...}` or the short
// form `error: 30000`.
func (d *decoder) errorAnswer(s *step, v *yaml.Node) bool {
	if v.Kind == yaml.ScalarNode {
		return d.errorCode(s, v)
	}
	good := true
	ok := d.mapping(v, "error", []string{"code", "message"}, func(key string, _, item *yaml.Node) {
		switch key {
		case "code":
			good = d.errorCode(s, item) && good
		case "message":
			s.msg = d.message(item)
			good = s.msg != nil && good
		}
	})
	if ok && good && s.code == "" {
		d.errorf(v, "error needs a code, e.g. code: \"30000\"")
		return false
	}
	return ok && good
}

// errorCode reads a code of PROTOCOL.md §8.
func (d *decoder) errorCode(s *step, v *yaml.Node) bool {
	code, ok := d.text(v, "error code")
	if !ok {
		return false
	}
	if _, known := soa.Message(code); !known {
		d.errorf(v, "unknown error code %q: it is not in the catalogue (run \"tsymock magic\" to list the codes)", code)
		return false
	}
	s.code = code
	return true
}

// message compiles an error message (which may use templates).
func (d *decoder) message(v *yaml.Node) *text {
	s, ok := d.text(v, "message")
	if !ok {
		return nil
	}
	t, err := parseText(s)
	if err != nil {
		d.errorf(v, "message template: %v", err)
		return nil
	}
	return t
}
