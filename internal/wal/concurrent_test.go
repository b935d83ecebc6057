package wal

import (
	"fmt"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestConcurrentAppendWait has many writers share the log, as the server's
// handlers do, and checks that every acknowledged record comes back exactly
// once, under the LSN its writer was given.
func TestConcurrentAppendWait(t *testing.T) {
	const writers, each = 100, 20
	dir := t.TempDir()
	l, _, err := Open(dir, nil)
	require.NoError(t, err)

	var mu sync.Mutex
	byLSN := map[uint64]string{}
	var wg sync.WaitGroup
	for w := range writers {
		wg.Go(func() {
			for i := range each {
				p := fmt.Sprintf("writer %d record %d", w, i)
				lsn, err := l.Append([]byte(p))
				if !assert.NoError(t, err) || !assert.NoError(t, l.Wait(lsn)) {
					return
				}
				mu.Lock()
				byLSN[lsn] = p
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	require.NoError(t, l.Close())

	got, info := reopen(t, dir)
	require.Len(t, got, writers*each)
	assert.Equal(t, uint64(writers*each), info.Records)
	for i, r := range got {
		require.Equal(t, uint64(i+1), r.LSN)
		require.Equal(t, byLSN[r.LSN], r.Payload, "LSN %d", r.LSN)
	}
}
