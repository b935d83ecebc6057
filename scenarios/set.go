package scenarios

import (
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tsymock/tsymock/internal/ids"
	"github.com/tsymock/tsymock/internal/soa"
)

// IDs generates the ids templates hand out. *ids.Source is one.
type IDs interface {
	UUID() string
	Number() string
}

// Options configure a Set. Zero values get defaults.
type Options struct {
	// Now is the clock templates read (default time.Now).
	Now func() time.Time
	// IDs generates the ids of the uuid and number template functions
	// (default random).
	IDs IDs
	// IDsOf, when set, gives each sysid's calls their own ids instead of
	// IDs, so that what one application's templates draw never depends
	// on the calls of another (mock: the seeded streams of ids.Streams).
	IDsOf func(sysid string) IDs
	// NoMagic switches the magic values off.
	NoMagic bool
}

// Request is the call a Set decides about: the envelope's names and the
// request's params as decoded JSON (numbers as json.Number).
type Request struct {
	SysID, Service, Method string
	Param                  map[string]any
	// Page is set for a browser page's request: only rules that answer
	// errors or delays take part, others are left for /service/soa
	// (Rule.forPages).
	Page bool
}

// Decision is how a call is to be answered. The zero Decision lets the
// emulator answer at once.
type Decision struct {
	// Rules are the ids of the rules that took part: delay-only rules, then
	// the rule that answered. Empty when no rule matched.
	Rules []string
	// Delay is how long to wait before answering (or before the emulator
	// answers): the delays of every rule that took part, added up.
	Delay time.Duration
	// Kind says who answers: the emulator, or the rule with Body or Err.
	Kind Kind
	// Body is the OK answer: a fresh map the caller may change, or, when
	// JSON is set, the rule's own value, shared by every call, which the
	// caller must copy (soa.CopyParams) before it changes anything in it.
	Body map[string]any
	// JSON is Body's text as soa.MarshalValue writes it, made once when the
	// rule was loaded, for a rule whose answer holds no expression; "" for
	// any other. A caller that changes a copy of Body encodes it itself.
	JSON string
	// Err is the error answer.
	Err *soa.Error
	// Fault, when set, breaks the answer at the HTTP level. One that
	// Answers (BadSignature, SlowBody, ShortBody) breaks the answer of Kind
	// (the emulator's for Emulate).
	Fault Fault
	// Hang bounds a Hang fault; 0 means the server's maximum.
	Hang time.Duration
	// Over is the time a SlowBody fault takes to write the body; 0 means
	// the server's maximum.
	Over time.Duration
	// EmulateFirst, with Kind Fail or a Fault, has the emulator carry out
	// the call first (its state changes and notifications, as usual); then
	// the client gets Err instead of its answer, or the Fault breaks the
	// answer: the platform did the work and the merchant did not hear it.
	EmulateFirst bool
}

// Rule returns the ids of the rules that took part, joined by " + ", or "".
func (d Decision) Rule() string { return strings.Join(d.Rules, " + ") }

// fileEntry is a loaded file with its rules in force.
type fileEntry struct {
	file  *File
	rules []*active
}

// Set is the rules in force: the magic values, rules added at run time and
// the rules of scenario files. It is safe for concurrent use.
//
// Order: the magic values first (the request itself names the answer), then
// rules added at run time, newest first (a test's override beats the files),
// then the files' rules, files in load order and rules in file order. The
// first rule that matches and has not retired answers. A rule whose answer
// is only a delay adds its delay and lets the rules after it, and in the end
// the emulator, answer.
type Set struct {
	now   func() time.Time
	ids   IDs
	idsOf func(sysid string) IDs
	magic atomic.Bool

	mu    sync.RWMutex
	files []*fileEntry
	added []*active
	order []*active // added, then the files' rules: what Decide walks
	adds  int
	// rejected are the watched files whose latest text was refused
	// (Watcher), set with the files in force.
	rejected []Rejection
}

// NewSet returns a set with no rules but the magic values.
func NewSet(opts Options) *Set {
	s := &Set{now: opts.Now, ids: opts.IDs, idsOf: opts.IDsOf}
	if s.now == nil {
		s.now = time.Now
	}
	if s.ids == nil {
		s.ids = ids.NewRandom()
	}
	s.magic.Store(!opts.NoMagic)
	return s
}

// SetMagic switches the magic values on or off.
func (s *Set) SetMagic(on bool) { s.magic.Store(on) }

// MagicOn reports whether the magic values answer.
func (s *Set) MagicOn() bool { return s.magic.Load() }

// Decide finds how to answer req. It counts a use of every rule that takes
// part.
func (s *Set) Decide(req Request) Decision {
	if s.magic.Load() {
		if d, ok := magic(req.Param); ok {
			return d
		}
	}
	var d Decision
	for _, a := range s.snapshot() {
		if !a.rule.when.match(&req) || (req.Page && !a.rule.forPages()) {
			continue
		}
		n, ok := a.claim(req.SysID)
		if !ok {
			continue
		}
		st := a.rule.step(n)
		d.Rules = append(d.Rules, a.id)
		d.Delay += st.delay
		if st.stop {
			var e *env // nil for an answer without expressions: req stays on the stack
			if st.needsEnv() {
				e = s.newEnv(req, n+1)
			}
			s.answer(&d, st, e)
			return d
		}
	}
	return d
}

// newEnv is what the expressions of the call-th use of a rule read.
func (s *Set) newEnv(req Request, call int64) *env {
	return &env{req: &req, now: s.now(), ids: s.idsFor(req.SysID), call: call}
}

// idsFor is what draws the ids of sysid's templates.
func (s *Set) idsFor(sysid string) IDs {
	if s.idsOf != nil {
		return s.idsOf(sysid)
	}
	return s.ids
}

// snapshot returns the rules to try, in order.
func (s *Set) snapshot() []*active {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.order
}

// answer fills d from the step that answers. A template that fails at run
// time (int of a text, say) answers 9999 naming the rule, so the tester sees
// the mistake instead of a wrong answer.
func (s *Set) answer(d *Decision, st *step, e *env) {
	d.Kind, d.Fault, d.Hang, d.Over, d.EmulateFirst = st.kind, st.fault, st.hang, st.over, st.emulate
	var err error
	switch st.kind {
	case OK:
		if st.json != "" {
			d.Body, d.JSON = st.fixed, st.json
			break
		}
		var body any
		body, err = st.body.eval(e)
		d.Body, _ = body.(map[string]any)
	case Fail:
		d.Err = soa.NewError(st.code)
		if st.msg != nil {
			var msg any
			msg, err = st.msg.eval(e)
			d.Err.Message = textOf(msg)
		}
	}
	if err != nil {
		d.Kind, d.Body, d.JSON, d.Fault, d.EmulateFirst = Fail, nil, "", "", false
		d.Err = soa.Errorf("9999", "tsymock: rule %s: template: %v", d.Rules[len(d.Rules)-1], err)
	}
}

// SetFiles makes these files' rules the file rules in force, in this order.
// A file passed again (the same *File) keeps its rules' use counts; a new
// *File, such as a reloaded one, starts from zero.
func (s *Set) SetFiles(files []*File) { s.setFiles(files, nil) }

// setFiles is SetFiles with the files whose latest text was refused, both
// changed at once, so that a listing never shows one without the other.
func (s *Set) setFiles(files []*File, rejected []Rejection) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.rejected = rejected
	old := map[*File]*fileEntry{}
	for _, e := range s.files {
		old[e.file] = e
	}
	s.files = make([]*fileEntry, 0, len(files))
	for _, f := range files {
		e, ok := old[f]
		if !ok {
			e = &fileEntry{file: f}
			for _, r := range f.Rules {
				e.rules = append(e.rules, &active{rule: r, id: r.ID()})
			}
		}
		s.files = append(s.files, e)
	}
	s.rebuild()
}

// Files returns the files in force, in load order.
func (s *Set) Files() []*File {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]*File, len(s.files))
	for i, e := range s.files {
		out[i] = e.file
	}
	return out
}

// Add puts f's rules in force ahead of every file, and of rules added
// before; it returns their ids, which are unique ("added#3 api:2 name").
func (s *Set) Add(f *File) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.adds++
	fresh := make([]*active, 0, len(f.Rules))
	ids := make([]string, 0, len(f.Rules))
	for _, r := range f.Rules {
		id := fmt.Sprintf("added#%d %s", s.adds, r.ID())
		fresh = append(fresh, &active{rule: r, id: id, added: true})
		ids = append(ids, id)
	}
	s.added = trimAdded(append(fresh, s.added...))
	s.rebuild()
	return ids
}

// MaxAdded bounds the rules added or armed at run time and kept: a suite
// that arms an error per test for months, never resetting, must not make
// the list grow without end. Past it the oldest retired rules are
// forgotten first, then the oldest of all.
const MaxAdded = 1000

// trimAdded keeps at most MaxAdded rules of added (newest first).
func trimAdded(added []*active) []*active {
	for len(added) > MaxAdded {
		i := len(added) - 1
		for j := len(added) - 1; j >= 0; j-- {
			if added[j].retired() {
				i = j
				break
			}
		}
		added = append(added[:i], added[i+1:]...)
	}
	return added
}

// Arm is Add for one-shot rules: a rule without times answers once, then
// retires; a sequence without times plays each of its steps once (a file
// refuses a times below its steps: checkRule).
func (s *Set) Arm(f *File) []string {
	armed := &File{Source: f.Source, Name: f.Name, Description: f.Description}
	for _, r := range f.Rules {
		c := *r
		if c.times == 0 {
			c.times = int64(len(c.steps))
		}
		armed.Rules = append(armed.Rules, &c)
	}
	return s.Add(armed)
}

// Remove takes the rule with this id out of force: an added rule for good,
// a file's rule until its file is reloaded. It reports whether it found it.
func (s *Set) Remove(id string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	found := false
	drop := func(list []*active) []*active {
		out := list[:0:0]
		for _, a := range list {
			if a.id == id {
				found = true
				continue
			}
			out = append(out, a)
		}
		return out
	}
	s.added = drop(s.added)
	for _, e := range s.files {
		e.rules = drop(e.rules)
	}
	s.rebuild()
	return found
}

// Len is the number of rules in force, magic values left out.
func (s *Set) Len() int { return len(s.snapshot()) }

// ResetCounters starts every rule's use count again from zero, so that
// retired rules answer again and sequences start over.
func (s *Set) ResetCounters() {
	for _, a := range s.snapshot() {
		a.reset()
	}
}

// ResetCountersOf starts the files' rules' counts of sysid again from
// zero (a reset of that application alone): its retired rules answer it
// again and its sequences start over; other applications' counts and the
// rules added at run time keep theirs.
func (s *Set) ResetCountersOf(sysid string) {
	for _, a := range s.snapshot() {
		a.resetOf(sysid)
	}
}

// rebuild recomputes the matching order; s.mu is held.
func (s *Set) rebuild() {
	order := make([]*active, 0, len(s.added)+len(s.order))
	order = append(order, s.added...)
	for _, e := range s.files {
		order = append(order, e.rules...)
	}
	s.order = order
}
