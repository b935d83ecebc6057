package store

import "github.com/tsymock/tsymock/internal/wal"

// Stats is the write-ahead log's figures now (wal.Log.Stats), for
// metrics; ok is false before Open.
func (st *Store) Stats() (s wal.Stats, ok bool) {
	if st == nil || st.log == nil {
		return wal.Stats{}, false
	}
	return st.log.Stats(), true
}
