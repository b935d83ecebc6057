package scenarios

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Rule is one compiled rule of a scenario file: what it matches and how it
// answers. It is immutable; the Set keeps each rule's use count.
type Rule struct {
	source string
	line   int
	name   string
	when   *when
	steps  []*step
	times  int64 // 0: no limit
	seq    bool  // written as a sequence
}

// ID names the rule as "file:line name" (or "file:line" for a rule without
// a name): what logs and the journal show as the rule that answered.
func (r *Rule) ID() string {
	id := r.source + ":" + strconv.Itoa(r.line)
	if r.name != "" {
		id += " " + r.name
	}
	return id
}

// Source is the file the rule came from.
func (r *Rule) Source() string { return r.source }

// Line is the rule's line in its file.
func (r *Rule) Line() int { return r.line }

// Name is the rule's name, "" when it has none.
func (r *Rule) Name() string { return r.name }

// Times is how many calls the rule answers before it retires (0: no limit).
func (r *Rule) Times() int64 { return r.times }

// step returns the answer for the rule's n-th use (from 0): one step per
// use, the last one repeating.
func (r *Rule) step(n int64) *step {
	if n >= int64(len(r.steps)) {
		return r.steps[len(r.steps)-1]
	}
	return r.steps[n]
}

// forPages reports whether a browser page honours the rule (Request.Page):
// each of its steps answers an error, delays, or lets the call through. A
// page has no answer to replace with an OK body nor an HTTP answer to
// break, and does not run its action before showing a rule's error, so a
// rule that does is left, unclaimed, for /service/soa.
func (r *Rule) forPages() bool {
	for _, st := range r.steps {
		if st.fault != "" || st.kind == OK || st.emulate {
			return false
		}
	}
	return true
}

// ruleKeys are the keys of a rule.
func ruleKeys() []string { return []string{"name", "when", "respond", "sequence", "times"} }

// rule compiles one rule.
func (d *decoder) rule(n *yaml.Node) (*Rule, bool) {
	r := &Rule{source: d.file, line: n.Line}
	good := true
	have := map[string]bool{}
	ok := d.mapping(n, "rule", ruleKeys(), func(key string, _, v *yaml.Node) {
		have[key] = true
		good = d.ruleKey(r, key, v) && good
	})
	if !ok || !good {
		return nil, false
	}
	return r, d.checkRule(n, r, have)
}

// ruleKey reads one key of a rule into r.
func (d *decoder) ruleKey(r *Rule, key string, v *yaml.Node) bool {
	var ok bool
	switch key {
	case "name":
		r.name, ok = d.text(v, "name")
	case "when":
		r.when, ok = d.when(v)
	case "respond":
		var s *step
		s, ok = d.respond(v)
		r.steps = []*step{s}
	case "sequence":
		r.seq = true
		r.steps, ok = d.sequence(v)
	case "times":
		r.times, ok = d.count(v, "times")
	}
	return ok
}

// checkRule checks the keys that must, or must not, go together.
func (d *decoder) checkRule(n *yaml.Node, r *Rule, have map[string]bool) bool {
	switch {
	case !have["when"]:
		d.errorf(n, "rule needs a when (when: {} matches every call)")
	case have["respond"] == have["sequence"]:
		d.errorf(n, "rule needs exactly one of respond and sequence")
	case r.times > 0 && r.times < int64(len(r.steps)):
		d.errorf(n, "times %d retires the rule before its %d steps are used", r.times, len(r.steps))
	case !d.checkBodies(n, r):
		return false
	case r.when.pagesOnly && !r.forPages():
		d.errorf(n, "method %s is a page flow: its pages take a rule's errors and delays only (a browser page "+
			"has no answer for ok to replace, nor an HTTP answer for a fault to break, and does not run its "+
			"action before an error: emulate with error is for /service/soa)", strings.Join(r.when.methods, ", "))
	default:
		return true
	}
	return false
}

// checkBodies refuses an ok body key that misspells one of the answer's
// keys of the methods the rule names (allAmout for queryBalance's
// allAmount): the SDK would read the real key as missing. A key far from
// every answer key is the rule's own and is kept (a field the platform may
// add); a rule that names no method is not checked.
func (d *decoder) checkBodies(n *yaml.Node, r *Rule) bool {
	var known []string
	for _, m := range r.when.found {
		for _, p := range m.Returns {
			known = append(known, p.Name)
		}
	}
	if len(known) == 0 {
		return true
	}
	good := true
	for _, st := range r.steps {
		if st.body == nil {
			continue
		}
		for _, k := range st.body.keys {
			if slices.Contains(known, k) {
				continue
			}
			if best, near := closest(k, known); near {
				d.errorf(&yaml.Node{Line: st.line}, "ok: key %q is not in the answer of %s%s", k,
					strings.Join(r.when.methods, ", "), didYouMean(best))
				good = false
			}
		}
	}
	return good
}

// sequence compiles the steps of a sequence. A step is written
// `- respond: {...}` or, for short, `- {...}` with the respond keys.
func (d *decoder) sequence(n *yaml.Node) ([]*step, bool) {
	if n.Kind != yaml.SequenceNode || len(n.Content) == 0 {
		d.errorf(n, "sequence must be a non-empty list of answers, got %s", kindName(n))
		return nil, false
	}
	steps := make([]*step, 0, len(n.Content))
	for _, item := range n.Content {
		if inner, ok := unwrapRespond(item); ok {
			item = inner
		}
		s, ok := d.respond(item)
		if !ok {
			return nil, false
		}
		steps = append(steps, s)
	}
	return steps, true
}

// unwrapRespond returns the answer of a `respond: {...}` sequence step.
func unwrapRespond(n *yaml.Node) (*yaml.Node, bool) {
	if n.Kind == yaml.MappingNode && len(n.Content) == 2 && n.Content[0].Value == "respond" {
		return n.Content[1], true
	}
	return nil, false
}

// When describes what the rule matches, e.g.
// "MemberService.createMember bizUserId regex ^dup-".
func (r *Rule) When() string {
	w := r.when
	var parts []string
	call := strings.Join(w.services, "|") + "." + strings.Join(w.methods, "|")
	switch {
	case len(w.services) > 0 || len(w.methods) > 0:
		parts = append(parts, strings.Trim(call, "."))
	default:
		parts = append(parts, "every call")
	}
	if len(w.sysids) > 0 {
		parts = append(parts, "sysid "+strings.Join(w.sysids, "|"))
	}
	for _, c := range w.conds {
		parts = append(parts, c.desc)
	}
	return strings.Join(parts, ", ")
}

// Answer describes how the rule answers, e.g. "error 30000", "sequence:
// delay 3s; error 9400", with "(times 1)" when it retires.
func (r *Rule) Answer() string {
	descs := make([]string, len(r.steps))
	for i, s := range r.steps {
		descs[i] = s.String()
	}
	out := strings.Join(descs, "; ")
	if r.seq {
		out = "sequence: " + out
	}
	if r.times > 0 {
		out += fmt.Sprintf(" (times %d)", r.times)
	}
	return out
}

// String describes one answer, e.g. "delay 3s, error 9400" or "emulate,
// then fault http-500".
func (s *step) String() string {
	var parts, answer []string
	if s.delay > 0 {
		parts = append(parts, "delay "+s.delay.String())
	}
	switch s.kind {
	case OK:
		answer = append(answer, "ok")
	case Fail:
		answer = append(answer, "error "+s.code)
	}
	if s.fault != "" {
		f := "fault " + string(s.fault)
		if bound := s.hang + s.over; bound > 0 { // one of them: the fault's own time
			f += " " + bound.String()
		}
		answer = append(answer, f)
	}
	switch {
	case s.emulate:
		parts = append(parts, "emulate, then "+strings.Join(answer, ", "))
	case s.stop && len(answer) == 0:
		parts = append(parts, "emulate")
	default:
		parts = append(parts, answer...)
	}
	return strings.Join(parts, ", ")
}

// SysIDs are the applications the rule is limited to (when.sysid); empty
// means every application.
func (r *Rule) SysIDs() []string { return slices.Clone(r.when.sysids) }

// ForSysID returns a copy of f whose rules match only calls of sysid, so
// that a test job can add or arm rules without touching parallel jobs that
// use other sysids. A rule limited to other sysids is an error: it would
// never match.
func (f *File) ForSysID(sysid string) (*File, error) {
	out := &File{Source: f.Source, Name: f.Name, Description: f.Description}
	for _, r := range f.Rules {
		if len(r.when.sysids) > 0 && !slices.Contains(r.when.sysids, sysid) {
			return nil, fmt.Errorf("scenarios: %s: rule is for sysid %v, not %s", r.ID(), r.when.sysids, sysid)
		}
		c := *r
		w := *r.when
		w.sysids = []string{sysid}
		c.when = &w
		out.Rules = append(out.Rules, &c)
	}
	return out, nil
}
