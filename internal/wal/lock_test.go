package wal

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSecondOpenFails(t *testing.T) {
	dir := t.TempDir()
	l, _, err := Open(dir, nil)
	require.NoError(t, err)

	// The lock belongs to the open file, not to the process, so a second
	// Open in this process stands in for a second tsymock.
	_, _, err = Open(dir, nil)
	require.ErrorIs(t, err, ErrInUse)
	assert.EqualError(t, err, fmt.Sprintf("wal: data dir %s is in use by another tsymock", dir))

	require.NoError(t, l.Close())
	l, _, err = Open(dir, nil)
	require.NoError(t, err, "Close releases the lock")
	require.NoError(t, l.Close())
}
