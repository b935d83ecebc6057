package proxy

import (
	"cmp"
	"slices"
	"sync"

	"github.com/tsymock/tsymock/internal/journal"
)

// Summary sums up compare mode per application: how many calls of each
// method were compared, how many differed, and every difference seen (a
// "gap"), counted, with its latest example and the journal entries that
// show it. Unlike the journal it is not bounded by a ring: a gap stays
// listed until its application is reset. It is safe for concurrent use.
type Summary struct {
	mu   sync.Mutex
	apps map[string]map[string]*callStats // sysid → "Service.method" →
}

// callStats are one method's comparisons.
type callStats struct {
	CallReport
	gaps map[gapKey]*Gap
}

// gapKey is a difference without its values: where, and of which kind.
type gapKey struct{ path, kind string }

// CallReport is one method's comparisons.
type CallReport struct {
	Call     string `json:"call"` // Service.method
	Compared int    `json:"compared"`
	Differed int    `json:"differed"`
	// UpstreamErrors are the calls the upstream gave no usable answer to;
	// Skipped those not sent (encrypted for tsymock).
	UpstreamErrors int `json:"upstreamErrors"`
	Skipped        int `json:"skipped"`
}

// Gap is one fidelity gap: a place where the emulator's answers differ
// from the upstream's, in every call of the method that showed it.
type Gap struct {
	Call string `json:"call"`
	// Path is as a journal.Difference names it, with [] for any item of a
	// list.
	Path  string `json:"path"`
	Kind  string `json:"kind"`
	Count int    `json:"count"`
	// Local and Upstream are the values of the latest call that showed it.
	Local    any `json:"local,omitempty"`
	Upstream any `json:"upstream,omitempty"`
	// FirstJournal and LastJournal are the journal ids of the first and
	// latest call that showed it.
	FirstJournal uint64 `json:"firstJournal"`
	LastJournal  uint64 `json:"lastJournal"`
}

// Report is the answer of GET /__tsymock/compare.
type Report struct {
	// Enabled is false when the server does not compare (no --compare).
	Enabled  bool     `json:"enabled"`
	Upstream string   `json:"upstream,omitempty"`
	Ignore   []string `json:"ignore,omitempty"`
	// Compared, Differed, UpstreamErrors and Skipped add up Calls.
	Compared       int          `json:"compared"`
	Differed       int          `json:"differed"`
	UpstreamErrors int          `json:"upstreamErrors"`
	Skipped        int          `json:"skipped"`
	Calls          []CallReport `json:"calls"`
	Gaps           []Gap        `json:"gaps"`
}

// NewSummary returns an empty summary.
func NewSummary() *Summary { return &Summary{apps: map[string]map[string]*callStats{}} }

// Add counts one compared call of sysid, Service.method call, journaled as
// id.
func (s *Summary) Add(sysid, call string, id uint64, info *journal.Upstream) {
	s.mu.Lock()
	defer s.mu.Unlock()
	calls := s.apps[sysid]
	if calls == nil {
		calls = map[string]*callStats{}
		s.apps[sysid] = calls
	}
	st := calls[call]
	if st == nil {
		st = &callStats{CallReport: CallReport{Call: call}, gaps: map[gapKey]*Gap{}}
		calls[call] = st
	}
	switch {
	case info.Skipped != "":
		st.Skipped++
	case info.Outcome == "":
		st.UpstreamErrors++
	default:
		st.Compared++
		st.add(id, info.Differences)
	}
}

// add counts the differences of one call.
func (st *callStats) add(id uint64, diffs []journal.Difference) {
	if len(diffs) > 0 {
		st.Differed++
	}
	for _, d := range diffs {
		k := gapKey{generalIndexes(d.Path), d.Kind}
		g := st.gaps[k]
		if g == nil {
			g = &Gap{Call: st.Call, Path: k.path, Kind: k.kind, FirstJournal: id}
			st.gaps[k] = g
		}
		g.Count++
		g.Local, g.Upstream, g.LastJournal = d.Local, d.Upstream, id
	}
}

// Report sums up sysid's comparisons, or every application's when sysid is
// "": methods and gaps sorted by call, then path and kind.
func (s *Summary) Report(sysid string) Report {
	s.mu.Lock()
	defer s.mu.Unlock()
	byCall := map[string]*callStats{}
	for app, calls := range s.apps {
		if sysid != "" && app != sysid {
			continue
		}
		for name, st := range calls {
			byCall[name] = merge(byCall[name], st)
		}
	}
	r := Report{Enabled: true, Calls: []CallReport{}, Gaps: []Gap{}}
	for _, st := range byCall {
		r.Calls = append(r.Calls, st.CallReport)
		r.Compared, r.Differed = r.Compared+st.Compared, r.Differed+st.Differed
		r.UpstreamErrors, r.Skipped = r.UpstreamErrors+st.UpstreamErrors, r.Skipped+st.Skipped
		for _, g := range st.gaps {
			r.Gaps = append(r.Gaps, *g)
		}
	}
	slices.SortFunc(r.Calls, func(a, b CallReport) int { return cmp.Compare(a.Call, b.Call) })
	slices.SortFunc(r.Gaps, func(a, b Gap) int {
		return cmp.Or(cmp.Compare(a.Call, b.Call), cmp.Compare(a.Path, b.Path), cmp.Compare(a.Kind, b.Kind))
	})
	return r
}

// merge adds one application's stats of a method to the sum (nil: none
// yet), as a copy.
func merge(sum, st *callStats) *callStats {
	if sum == nil {
		sum = &callStats{CallReport: CallReport{Call: st.Call}, gaps: map[gapKey]*Gap{}}
	}
	sum.Compared += st.Compared
	sum.Differed += st.Differed
	sum.UpstreamErrors += st.UpstreamErrors
	sum.Skipped += st.Skipped
	for k, g := range st.gaps {
		have := sum.gaps[k]
		if have == nil {
			c := *g
			sum.gaps[k] = &c
			continue
		}
		have.Count += g.Count
		have.FirstJournal = min(have.FirstJournal, g.FirstJournal)
		if g.LastJournal > have.LastJournal {
			have.Local, have.Upstream, have.LastJournal = g.Local, g.Upstream, g.LastJournal
		}
	}
	return sum
}

// Reset forgets sysid's comparisons, or everything when sysid is "".
func (s *Summary) Reset(sysid string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if sysid == "" {
		clear(s.apps)
		return
	}
	delete(s.apps, sysid)
}
