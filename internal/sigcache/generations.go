// Package sigcache spares tsymock the RSA operations a repeated call would
// cost: Signs remembers the signs of recent answer texts, Verdicts the
// requests whose signature verified. PKCS#1 v1.5 is deterministic, so a
// cached result is exactly the one the RSA operation would give. Both are
// bounded (two generations of entries) and safe for concurrent use.
package sigcache

import "sync"

// generations is the bounded map behind both caches (the signs of
// answers, the verified requests). It holds two generations of at most
// size entries each: when the current one is full it becomes the previous
// one and the oldest is dropped, which bounds memory without any
// bookkeeping per entry and keeps the entries in use (a hit in the previous
// generation moves the entry to the current one). It is safe for
// concurrent use.
type generations[K comparable, V any] struct {
	size int
	mu   sync.Mutex
	cur  map[K]V
	prev map[K]V
}

// newGenerations starts with an empty map that grows as entries come: made
// for size entries at once, the two caches of a server were a tenth of the
// memory its start touches, for entries that many runs never have.
func newGenerations[K comparable, V any](size int) *generations[K, V] {
	return &generations[K, V]{size: size, cur: map[K]V{}}
}

// get returns the value kept for k.
func (g *generations[K, V]) get(k K) (V, bool) {
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

// put keeps v for k.
func (g *generations[K, V]) put(k K, v V) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.putLocked(k, v)
}

func (g *generations[K, V]) putLocked(k K, v V) {
	if len(g.cur) >= g.size {
		g.prev, g.cur = g.cur, make(map[K]V, g.size)
	}
	g.cur[k] = v
}

// len is the number of entries kept, both generations together (an entry
// may be counted twice while it moves between them).
func (g *generations[K, V]) len() int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return len(g.cur) + len(g.prev)
}
