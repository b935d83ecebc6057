package scenarios

import (
	"slices"
	"sync"
	"sync/atomic"
)

// active is a rule in force with its use counts. A file's rule counts each
// application's calls apart (bySysid), so that parallel CI jobs on their
// own sysids each meet its times and its sequence from the start; a rule
// added at run time counts every call (uses), as an error armed for every
// application answers one call in all.
type active struct {
	rule  *Rule
	id    string
	added bool
	uses  atomic.Int64 // every call it took part in, for listings; an added rule's claims
	// bySysid holds a file's rule's claims per sysid (*atomic.Int64).
	bySysid sync.Map
}

// claim takes one use of the rule for a call of sysid, or reports that it
// has retired (for sysid). Two concurrent calls never get the same use.
func (a *active) claim(sysid string) (int64, bool) {
	counter := &a.uses
	if !a.added {
		counter = a.counterOf(sysid)
	}
	for {
		n := counter.Load()
		if a.rule.times > 0 && n >= a.rule.times {
			return 0, false
		}
		if counter.CompareAndSwap(n, n+1) {
			if counter != &a.uses {
				a.uses.Add(1)
			}
			return n, true
		}
	}
}

// counterOf is sysid's counter of a file's rule: Load first, so that a
// call of a sysid seen before allocates nothing (the canned answer's path).
func (a *active) counterOf(sysid string) *atomic.Int64 {
	if c, ok := a.bySysid.Load(sysid); ok {
		return c.(*atomic.Int64)
	}
	c, _ := a.bySysid.LoadOrStore(sysid, new(atomic.Int64))
	return c.(*atomic.Int64)
}

// reset starts every count again from zero.
func (a *active) reset() {
	a.bySysid.Clear()
	a.uses.Store(0)
}

// resetOf starts a file's rule's count of sysid again from zero.
func (a *active) resetOf(sysid string) {
	if c, ok := a.bySysid.LoadAndDelete(sysid); ok {
		a.uses.Add(-c.(*atomic.Int64).Load())
	}
}

// retired reports whether the rule is used up: an added rule by its
// calls; a file's rule by each application that called it (one that never
// did still meets it from the start).
func (a *active) retired() bool {
	if a.rule.times == 0 {
		return false
	}
	if a.added {
		return a.uses.Load() >= a.rule.times
	}
	used, all := false, true
	a.bySysid.Range(func(_, c any) bool {
		used = true
		all = c.(*atomic.Int64).Load() >= a.rule.times
		return all
	})
	return used && all
}

// retiredFor are the sysids that used up a file's rule, sorted.
func (a *active) retiredFor() []string {
	var out []string
	if a.rule.times == 0 || a.added {
		return nil
	}
	a.bySysid.Range(func(sysid, c any) bool {
		if c.(*atomic.Int64).Load() >= a.rule.times {
			out = append(out, sysid.(string))
		}
		return true
	})
	slices.Sort(out)
	return out
}
