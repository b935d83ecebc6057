package scenarios

import (
	"fmt"
	"time"
)

// Capped describes each rule of files that waits longer than limit, the
// server's --max-delay, which cuts the wait short: a delay, a hang bound or
// a slow body's time of 31 s under the default 30 s answers after 30 s, exactly when a client
// with a 30 s timeout gives up or does not. Serve logs them and validate
// prints them, so that a test of a client's timeout knows.
func Capped(files []*File, limit time.Duration) []string {
	var out []string
	for _, f := range files {
		for _, r := range f.Rules {
			if wait := r.longestWait(); wait > limit {
				out = append(out, fmt.Sprintf("%s: waits %s, above --max-delay %s: the server waits %s "+
					"(raise --max-delay to wait longer)", r.ID(), wait, limit, limit))
			}
		}
	}
	return out
}

// longestWait is the longest single wait of the rule's steps: a delay, a
// hang's own bound or a slow body's time (without one they take the
// server's maximum, which is no surprise). The server caps each wait apart
// and waits them one after the other, so their sum is no capped wait.
func (r *Rule) longestWait() time.Duration {
	var longest time.Duration
	for _, st := range r.steps {
		longest = max(longest, st.delay, st.hang, st.over)
	}
	return longest
}
