package scenarios

import "fmt"

// Shadowed describes each rule of files that can never answer because an
// earlier rule (in the order serve tries them) matches the same calls and
// always answers them: the same when, no times to retire it, and no step
// that only delays and lets later rules answer. Validate refuses them: a
// rule that never matches is what it exists to catch (probe-Z 13).
func Shadowed(files []*File) []*Error {
	var out []*Error
	seen := map[string]*Rule{} // a rule's when, to the first rule that always answers it
	for _, f := range files {
		for _, r := range f.Rules {
			key := r.When()
			if first, ok := seen[key]; ok {
				out = append(out, &Error{File: r.source, Line: r.line, Msg: fmt.Sprintf(
					"this rule never answers: %s matches the same calls (%s) and answers every one of them "+
						"(give it times, change one when, or remove one)", first.ID(), key)})
				continue
			}
			if r.alwaysAnswers() {
				seen[key] = r
			}
		}
	}
	return out
}

// alwaysAnswers reports whether the rule answers every call it matches,
// for good: no times, and each step stops the search for a rule.
func (r *Rule) alwaysAnswers() bool {
	if r.times > 0 {
		return false
	}
	for _, st := range r.steps {
		if !st.stop {
			return false
		}
	}
	return true
}
