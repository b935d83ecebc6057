package mock

import (
	"cmp"
	"slices"
	"sync"
)

// DefaultJournalSize is how many calls the journal keeps per application.
const DefaultJournalSize = 10000

// journal keeps the last calls on /service/soa, a bounded ring per
// registered application, so that a busy parallel job cannot push another
// job's calls out; calls without a registered sysid share one more ring.
// It is safe for concurrent use.
type journal struct {
	size int

	mu    sync.RWMutex
	seq   uint64
	rings map[string]*ring
	other *ring
}

func newJournal(size int) *journal {
	if size <= 0 {
		size = DefaultJournalSize
	}
	return &journal{size: size, rings: map[string]*ring{}, other: newRing(size)}
}

// add numbers the entry and keeps it; own says whether its sysid is a
// registered application.
func (j *journal) add(e *JournalEntry, own bool) uint64 {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.seq++
	e.ID = j.seq
	r := j.other
	if own {
		if r = j.rings[e.SysID]; r == nil {
			r = newRing(j.size)
			j.rings[e.SysID] = r
		}
	}
	r.push(e)
	return e.ID
}

// find returns the entries that match f, oldest first: the newest f.Limit
// of them when f.Limit is set.
func (j *journal) find(f JournalFilter) []*JournalEntry {
	j.mu.RLock()
	var out []*JournalEntry
	for _, r := range j.candidates(f.SysID) {
		out = r.appendMatching(out, f)
	}
	j.mu.RUnlock()
	slices.SortFunc(out, func(a, b *JournalEntry) int { return cmp.Compare(a.ID, b.ID) })
	if f.Limit > 0 && len(out) > f.Limit {
		out = out[len(out)-f.Limit:]
	}
	return out
}

// candidates are the rings that may hold sysid's calls; j.mu is held.
func (j *journal) candidates(sysid string) []*ring {
	if sysid != "" {
		if r, ok := j.rings[sysid]; ok {
			return []*ring{r, j.other}
		}
		return []*ring{j.other}
	}
	out := []*ring{j.other}
	for _, r := range j.rings {
		out = append(out, r)
	}
	return out
}

// last is the highest id given so far.
func (j *journal) last() uint64 {
	j.mu.RLock()
	defer j.mu.RUnlock()
	return j.seq
}

// get returns the entry with this id, if the journal still holds it.
func (j *journal) get(id uint64) (*JournalEntry, bool) {
	j.mu.RLock()
	defer j.mu.RUnlock()
	for _, r := range j.candidates("") {
		if e, ok := r.get(id); ok {
			return e, true
		}
	}
	return nil, false
}

// reset forgets sysid's calls, or every call when sysid is "".
func (j *journal) reset(sysid string) {
	j.mu.Lock()
	defer j.mu.Unlock()
	if sysid == "" {
		j.rings = map[string]*ring{}
		j.other = newRing(j.size)
		return
	}
	delete(j.rings, sysid)
	j.other.drop(sysid)
}

// ring is a bounded list of entries: when full, a new entry replaces the
// oldest.
type ring struct {
	items []*JournalEntry
	head  int // where the next entry goes once the ring is full
	size  int
}

func newRing(size int) *ring { return &ring{size: size} }

func (r *ring) push(e *JournalEntry) {
	if len(r.items) < r.size {
		r.items = append(r.items, e)
		return
	}
	r.items[r.head] = e
	r.head = (r.head + 1) % r.size
}

func (r *ring) appendMatching(out []*JournalEntry, f JournalFilter) []*JournalEntry {
	for _, e := range r.items {
		if f.match(e) {
			out = append(out, e)
		}
	}
	return out
}

func (r *ring) get(id uint64) (*JournalEntry, bool) {
	for _, e := range r.items {
		if e.ID == id {
			return e, true
		}
	}
	return nil, false
}

// drop removes sysid's entries, keeping the others in order.
func (r *ring) drop(sysid string) {
	if len(r.items) == 0 {
		return
	}
	kept := make([]*JournalEntry, 0, len(r.items))
	for i := range r.items {
		e := r.items[(r.head+i)%len(r.items)]
		if e.SysID != sysid {
			kept = append(kept, e)
		}
	}
	r.items, r.head = kept, 0
}
