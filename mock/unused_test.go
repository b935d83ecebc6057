package mock

import (
	"io"
	"net"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestUnusedConns: Shutdown's closeAll closes a connection that never sent
// a request and leaves one that did; a kept-alive connection's requests
// find nothing to track.
func TestUnusedConns(t *testing.T) {
	var u unusedConns
	spare, spareRemote := net.Pipe()
	used, usedRemote := net.Pipe()
	defer spareRemote.Close()
	defer usedRemote.Close()
	u.track(spare, http.StateNew)
	u.track(used, http.StateNew)
	u.track(used, http.StateActive)
	u.track(used, http.StateIdle)
	assert.EqualValues(t, 1, u.n.Load())
	u.closeAll()
	_, err := spare.Write([]byte("x"))
	assert.ErrorIs(t, err, io.ErrClosedPipe, "the spare one is closed")
	go func() { _, _ = usedRemote.Read(make([]byte, 1)) }()
	_, err = used.Write([]byte("x"))
	assert.NoError(t, err, "the used one is left to net/http")
	assert.Zero(t, u.n.Load())
	u.track(used, http.StateActive) // a later request on it: no lock, nothing to do
	assert.Zero(t, u.n.Load())
}
