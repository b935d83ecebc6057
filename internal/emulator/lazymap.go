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
