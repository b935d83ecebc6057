package emulator

// put sets (*m)[k] = v, making the map on first use. Most members never
// get an SMS code, a card, a binding in progress or a sub-account, and five
// empty maps made up front were over a third of a member's memory (about
// 240 of 650 bytes) and five of its heap objects, which every garbage
// collection has to visit. Reading, ranging over and deleting from a nil
// map are fine in Go, so only writes go through here.
func put[K comparable, V any](m *map[K]V, k K, v V) {
	if *m == nil {
		*m = make(map[K]V)
	}
	(*m)[k] = v
}

// putCapped is put that keeps at most limit keys: past it, the entry
// older reports as the oldest is forgotten first. older must order the
// entries totally, so that which one goes does not depend on the map's
// order: a replay of the log must forget the same one.
func putCapped[K comparable, V any](m *map[K]V, k K, v V, limit int, older func(k1 K, v1 V, k2 K, v2 V) bool) {
	if _, ok := (*m)[k]; !ok && len(*m) >= limit {
		var oldK K
		var oldV V
		first := true
		for kk, vv := range *m {
			if first || older(kk, vv, oldK, oldV) {
				oldK, oldV, first = kk, vv, false
			}
		}
		delete(*m, oldK)
	}
	put(m, k, v)
}
