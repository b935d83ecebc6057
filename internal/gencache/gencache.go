// Package gencache is the bounded map behind tsymock's caches of the
// request path (the signs of answers, the verified requests, the decoded
// reqs): two generations of entries, the older dropped when the newer is
// full, so that memory is bounded without any bookkeeping per entry.
package gencache

import "sync"

// Map holds two generations of at most size entries each: when the
// current one is full it becomes the previous one and the oldest is
// dropped, which bounds memory without any bookkeeping per entry and keeps
// the entries in use (a hit in the previous generation moves the entry to
// the current one). It is safe for concurrent use.
type Map[K comparable, V any] struct {
	size int
	mu   sync.Mutex
	cur  map[K]V
	prev map[K]V
}

// New returns an empty map of two generations of at most size entries.
//
// It starts with an empty map that grows as entries come: made for size
// entries at once, the two caches of a server were a tenth of the memory its
// start touches, for entries that many runs never have.
func New[K comparable, V any](size int) *Map[K, V] {
	return &Map[K, V]{size: size, cur: map[K]V{}}
}

// Get returns the value kept for k.
func (g *Map[K, V]) Get(k K) (V, bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if v, ok := g.cur[k]; ok {
		return v, true
	}
	v, ok := g.prev[k]
	if ok {
		g.putLocked(k, v)
	}
	return v, ok
}

// Put keeps v for k.
func (g *Map[K, V]) Put(k K, v V) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.putLocked(k, v)
}

func (g *Map[K, V]) putLocked(k K, v V) {
	if len(g.cur) >= g.size {
		g.prev, g.cur = g.cur, make(map[K]V, g.size)
	}
	g.cur[k] = v
}

// Len is the number of entries kept, both generations together (an entry
// may be counted twice while it moves between them).
func (g *Map[K, V]) Len() int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return len(g.cur) + len(g.prev)
}
