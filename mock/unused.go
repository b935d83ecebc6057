package mock

import (
	"net"
	"net/http"
	"sync"
	"sync/atomic"
)

// unusedConns are the connections that have not sent a request yet. An
// HTTP client's pool keeps such a spare connection (Go's transport parks
// one it dialed while another came free; a Java pool opens ahead), and
// net/http's Shutdown counts one idle only after 5 s (golang/go#22682):
// a Ctrl-C, or a test's shutdown, waited that long for nothing. Shutdown
// closes them at once.
type unusedConns struct {
	mu    sync.Mutex
	conns map[net.Conn]struct{}
	n     atomic.Int64 // len(conns), read without the lock
}

// track is the http.Server's ConnState hook: a new connection is unused
// until its first request begins. A request on a kept-alive connection
// (none unused, the load of a client pool) takes no lock.
func (u *unusedConns) track(c net.Conn, st http.ConnState) {
	switch {
	case st == http.StateIdle:
		return // it was used: it left the map when it became active
	case st != http.StateNew && u.n.Load() == 0:
		return
	}
	u.mu.Lock()
	defer u.mu.Unlock()
	if st != http.StateNew {
		delete(u.conns, c)
		u.n.Store(int64(len(u.conns)))
		return
	}
	if u.conns == nil {
		u.conns = map[net.Conn]struct{}{}
	}
	u.conns[c] = struct{}{}
	u.n.Store(int64(len(u.conns)))
}

// closeAll closes the connections still unused; Shutdown has closed the
// listeners, so no request will come on them that a moment later would
// not be refused anyway.
func (u *unusedConns) closeAll() {
	u.mu.Lock()
	defer u.mu.Unlock()
	for c := range u.conns {
		_ = c.Close()
		delete(u.conns, c)
	}
	u.n.Store(0)
}
