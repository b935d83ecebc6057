// Package journal keeps the calls tsymock answered, for the admin API, the
// web page and Go tests to look at: "was refund called once with amount
// 100?". An Entry is built by whoever answered the call and handed to Add;
// from then on the journal owns it: it masks every card or identity number
// sent in clear, never changes the entry again, and hands out copies only.
//
// The journal is bounded per application, in calls and in bytes, so that a
// busy parallel job cannot push another job's calls out, and in bytes as a
// whole; each entry is bounded too (bound.go): large values are cut and
// marked, and a call whose signature did not verify is kept smaller.
// Filter selects entries; ParseFilter reads one from the admin API's query
// parameters.
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
	limits Limits

	mu    sync.RWMutex
	seq   uint64
	rings map[string]*ring
	other *ring
	bytes int // estimated, all rings together
}

// New returns a journal that keeps size calls per application (DefaultSize
// when size is not positive) within the default byte bounds.
func New(size int) *Journal { return NewLimited(Limits{Entries: size}) }

// NewLimited returns a journal within these limits.
func NewLimited(l Limits) *Journal {
	l = l.withDefaults()
	return &Journal{limits: l, rings: map[string]*ring{}, other: newRing()}
}

// Add masks the entry, cuts it to its bounds, numbers it and keeps it, and
// returns its id; own says whether its sysid is a registered application
// (which gets a ring of its own). The caller must not change e afterwards.
func (j *Journal) Add(e *Entry, own bool) uint64 {
	mask(e)
	size := shrink(e)
	j.mu.Lock()
	defer j.mu.Unlock()
	j.seq++
	e.ID = j.seq
	r := j.other
	if own {
		if r = j.rings[e.SysID]; r == nil {
			r = newRing()
			j.rings[e.SysID] = r
		}
	}
	r.push(e, size)
	j.bytes += size
	for len(r.items) > j.limits.Entries || r.bytes > j.limits.AppBytes {
		j.bytes -= r.pop()
	}
	for j.bytes > j.limits.TotalBytes {
		j.bytes -= j.oldest().pop()
	}
	return e.ID
}

// Bytes is the estimated size of what the journal holds.
func (j *Journal) Bytes() int {
	j.mu.RLock()
	defer j.mu.RUnlock()
	return j.bytes
}

// oldest is the ring whose first entry is the oldest of all; j.mu is held
// and the journal is not empty.
func (j *Journal) oldest() *ring {
	best := j.other
	for _, r := range j.rings {
		if len(best.items) == 0 || len(r.items) > 0 && r.items[0].ID < best.items[0].ID {
			best = r
		}
	}
	return best
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
		j.other = newRing()
		j.bytes = 0
		return
	}
	if r, ok := j.rings[sysid]; ok {
		j.bytes -= r.bytes
		delete(j.rings, sysid)
	}
	j.bytes -= j.other.drop(sysid)
}

// ring is one application's entries, oldest first, with their estimated
// size; the journal drops from its front.
type ring struct {
	items []*Entry
	sizes []int
	bytes int
}

func newRing() *ring { return &ring{} }

func (r *ring) push(e *Entry, size int) {
	r.items = append(r.items, e)
	r.sizes = append(r.sizes, size)
	r.bytes += size
}

// pop forgets the oldest entry and returns its size. The slices are cut
// from the front: append moves the live entries to a new array when it
// needs room, so the dropped ones are not kept.
func (r *ring) pop() int {
	size := r.sizes[0]
	r.items[0] = nil
	r.items, r.sizes = r.items[1:], r.sizes[1:]
	r.bytes -= size
	return size
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
	i, ok := slices.BinarySearchFunc(r.items, id, func(e *Entry, id uint64) int { return cmp.Compare(e.ID, id) })
	if !ok {
		return nil, false
	}
	return r.items[i], true
}

// drop removes sysid's entries, keeping the others in order, and returns
// the size removed.
func (r *ring) drop(sysid string) int {
	removed := 0
	items, sizes := make([]*Entry, 0, len(r.items)), make([]int, 0, len(r.sizes))
	for i, e := range r.items {
		if e.SysID == sysid {
			removed += r.sizes[i]
			continue
		}
		items, sizes = append(items, e), append(sizes, r.sizes[i])
	}
	r.items, r.sizes, r.bytes = items, sizes, r.bytes-removed
	return removed
}

// Len is how many entries the journal holds now, every application's
// together: for metrics, read when asked.
func (j *Journal) Len() int {
	j.mu.RLock()
	defer j.mu.RUnlock()
	n := len(j.other.items)
	for _, r := range j.rings {
		n += len(r.items)
	}
	return n
}
