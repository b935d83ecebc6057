package scenarios

import "strings"

// RuleInfo describes a rule in force, for listings (tsymock validate
// --list, the admin API).
type RuleInfo struct {
	ID     string `json:"id"`     // what answered calls record, e.g. "payment-failures.yaml:12 no money"
	Source string `json:"source"` // the file, "builtin:NAME", or the source given to Add
	Line   int    `json:"line"`
	Name   string `json:"name,omitempty"`
	When   string `json:"when"`   // what it matches
	Answer string `json:"answer"` // how it answers
	Times  int64  `json:"times"`  // uses before it retires (0: no limit)
	Uses   int64  `json:"uses"`   // calls it has taken part in, of every application
	// Retired is true once a rule with times has been used up: a file's
	// rule by every application that called it (it counts each apart).
	Retired bool `json:"retired"`
	// RetiredFor are the applications that used up a file's rule with
	// times; another one still meets it from the start.
	RetiredFor []string `json:"retiredFor,omitempty"`
	// Added is true for rules added at run time (Add, Arm).
	Added bool `json:"added"`
	// SysIDs are the applications the rule is limited to; empty: all.
	SysIDs []string `json:"sysids,omitempty"`
}

// Rules lists the rules in force in the order they are tried, the magic
// values first when they are on.
func (s *Set) Rules() []RuleInfo {
	var out []RuleInfo
	if s.magic.Load() {
		out = append(out, MagicInfo())
	}
	for _, a := range s.snapshot() {
		out = append(out, a.info())
	}
	return out
}

// info describes one rule in force.
func (a *active) info() RuleInfo {
	info := Describe(a.rule)
	info.ID, info.Added = a.id, a.added
	info.Uses = a.uses.Load()
	info.Retired = a.retired()
	info.RetiredFor = a.retiredFor()
	return info
}

// Describe describes a rule that is not (necessarily) in force.
func Describe(r *Rule) RuleInfo {
	return RuleInfo{ID: r.ID(), Source: r.source, Line: r.line, Name: r.name,
		When: r.When(), Answer: r.Answer(), Times: r.times, SysIDs: r.SysIDs()}
}

// MagicInfo describes the magic values as one rule.
func MagicInfo() RuleInfo {
	return RuleInfo{
		ID:     MagicRuleID,
		Source: "builtin",
		Name:   "magic values",
		When:   "every call, " + strings.Join(MagicFields(), "|") + " starts with " + MagicPrefix + "<code>-",
		Answer: "error <code> with the catalogue's message (tsymock magic lists the codes)",
	}
}
