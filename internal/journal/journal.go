// Package journal keeps the calls tsymock answered, for the admin API, the
// web page and Go tests to look at: "was refund called once with amount
// 100?". An Entry is built by whoever answered the call and handed to Add;
// from then on the journal owns it: it masks every card or identity number
// sent in clear, never changes the entry again, and hands out copies only.
//
// The journal is bounded per application (New's size), so that a busy
// parallel job cannot push another job's calls out. Filter selects entries;
// ParseFilter reads one from the admin API's query parameters.
package journal

import (
	"cmp"
	"slices"
	"sync"
)

// DefaultSize is how many calls the journal keeps per application.
const DefaultSize = 10000

// Journal keeps the last calls, a bounded ring per registered application;
// calls without a registered sysid share one more ring. It is safe for
// concurrent use.
type Journal struct {
	size int

	mu    sync.RWMutex
	seq   uint64
	rings map[string]*ring
	other *ring
}

// New returns a journal that keeps size calls per application (DefaultSize
// when size is not positive).
func New(size int) *Journal {
	if size <= 0 {
		size = DefaultSize
	}
	return &Journal{size: size, rings: map[string]*ring{}, other: newRing(size)}
}

// Add masks the entry, numbers it and keeps it, and returns its id; own
// says whether its sysid is a registered application (which gets a ring of
// its own). The caller must not change e afterwards.
func (j *Journal) Add(e *Entry, own bool) uint64 {
	mask(e)
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

// Find returns copies of the entries that match f, oldest first: the
// newest f.Limit of them when f.Limit is set.
func (j *Journal) Find(f Filter) []Entry {
	found := j.find(f)
	out := make([]Entry, len(found))
	for i, e := range found {
		out[i] = e.clone()
	}
	return out
}

// Count is the number of entries that match f, whatever f.Limit says.
func (j *Journal) Count(f Filter) int {
	f.Limit = 0
	return len(j.find(f))
}

// find returns the entries that match f, oldest first: the newest f.Limit
// of them when f.Limit is set.
func (j *Journal) find(f Filter) []*Entry {
	j.mu.RLock()
	var out []*Entry
	for _, r := range j.candidates(f.SysID) {
		out = r.appendMatching(out, f)
	}
	j.mu.RUnlock()
	slices.SortFunc(out, func(a, b *Entry) int { return cmp.Compare(a.ID, b.ID) })
	if f.Limit > 0 && len(out) > f.Limit {
		out = out[len(out)-f.Limit:]
	}
	return out
}

// candidates are the rings that may hold sysid's calls; j.mu is held.
func (j *Journal) candidates(sysid string) []*ring {
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

// Last is the highest id given so far: a poller asks for what comes after
// it.
func (j *Journal) Last() uint64 {
	j.mu.RLock()
	defer j.mu.RUnlock()
	return j.seq
}

// Get returns a copy of the entry with this id, if the journal still holds
// it.
func (j *Journal) Get(id uint64) (Entry, bool) {
	j.mu.RLock()
	defer j.mu.RUnlock()
	for _, r := range j.candidates("") {
		if e, ok := r.get(id); ok {
			return e.clone(), true
		}
	}
	return Entry{}, false
}

// Reset forgets sysid's calls, or every call when sysid is "".
func (j *Journal) Reset(sysid string) {
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
	items []*Entry
	head  int // where the next entry goes once the ring is full
	size  int
}

func newRing(size int) *ring { return &ring{size: size} }

func (r *ring) push(e *Entry) {
	if len(r.items) < r.size {
		r.items = append(r.items, e)
		return
	}
	r.items[r.head] = e
	r.head = (r.head + 1) % r.size
}

func (r *ring) appendMatching(out []*Entry, f Filter) []*Entry {
	for _, e := range r.items {
		if f.match(e) {
			out = append(out, e)
		}
	}
	return out
}

func (r *ring) get(id uint64) (*Entry, bool) {
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
	kept := make([]*Entry, 0, len(r.items))
	for i := range r.items {
		e := r.items[(r.head+i)%len(r.items)]
		if e.SysID != sysid {
			kept = append(kept, e)
		}
	}
	r.items, r.head = kept, 0
}
