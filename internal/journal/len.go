package journal

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
