package mock

import (
	"fmt"
	"io"
	"net"
	"sync"
	"sync/atomic"
	"time"
)

// limitConns bounds the connections open at once (Config.MaxConns): each
// holds buffers and a goroutine, so that thousands of idle or slow clients
// could otherwise take the memory. One past the bound is told so, with
// HTTP 503, and closed at once, rather than left waiting in the listen
// queue with no answer.
func (s *Server) limitConns(ln net.Listener) net.Listener {
	if s.cfg.MaxConns < 0 {
		return ln
	}
	return &connLimit{Listener: ln, slots: make(chan struct{}, s.cfg.MaxConns), refusers: make(chan struct{}, maxRefusers), s: s}
}

// maxRefusers bounds the connections being refused at once (each for at
// most refuseTime); past it one is closed with no answer.
const (
	maxRefusers = 64
	refuseTime  = time.Second
)

// connLimit is a listener that holds a slot for each open connection.
type connLimit struct {
	net.Listener
	slots    chan struct{}
	refusers chan struct{}
	s        *Server
	lastLog  atomic.Int64 // unix seconds of the last warning: one a second at most
}

// Accept returns the next connection that gets a slot, refusing the
// others.
func (l *connLimit) Accept() (net.Conn, error) {
	for {
		c, err := l.Listener.Accept()
		if err != nil {
			return nil, err
		}
		select {
		case l.slots <- struct{}{}:
			return &slotConn{Conn: c, free: sync.OnceFunc(func() { <-l.slots })}, nil
		default:
			l.refuse(c)
		}
	}
}

// refuse answers a connection past the bound and closes it, in a
// goroutine of its own: the answer is written, the sending side closed,
// and what the client sent read and dropped for a moment, so that the
// close does not reset the connection before the client reads the answer.
func (l *connLimit) refuse(c net.Conn) {
	if now := time.Now().Unix(); l.lastLog.Swap(now) != now {
		l.s.log.Warn("connections refused: too many open", "remote", c.RemoteAddr().String(), "max", cap(l.slots))
	}
	select {
	case l.refusers <- struct{}{}:
	default:
		_ = c.Close()
		return
	}
	go func() {
		defer func() { <-l.refusers }()
		defer c.Close()
		_ = c.SetDeadline(time.Now().Add(refuseTime))
		body := fmt.Sprintf("tsymock: %d connections are open, the most it serves at once (--max-conns); try again shortly\n", cap(l.slots))
		_, err := fmt.Fprintf(c, "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n"+
			"Content-Length: %d\r\nRetry-After: 1\r\nConnection: close\r\n\r\n%s", len(body), body)
		if tc, ok := c.(interface{ CloseWrite() error }); ok && err == nil {
			_ = tc.CloseWrite()
			_, _ = io.Copy(io.Discard, io.LimitReader(c, 64<<10))
		}
	}()
}

// slotConn gives its slot back when closed.
type slotConn struct {
	net.Conn
	free func()
}

func (c *slotConn) Close() error {
	c.free()
	return c.Conn.Close()
}

// SetLinger passes SO_LINGER to the TCP connection, so that a scenario's
// connection-reset fault still resets (RST) through the slot; a
// connection of another kind is closed as it is.
func (c *slotConn) SetLinger(sec int) error {
	if l, ok := c.Conn.(interface{ SetLinger(sec int) error }); ok {
		return l.SetLinger(sec)
	}
	return nil
}
