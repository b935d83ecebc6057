package mock

import (
	"errors"
	"io"
	"net/http"
	"time"
)

// DefaultBodyTimeout bounds how long a client may take to send its request
// body: a client that never finishes its body is cut off instead of holding
// a connection and a goroutine.
const DefaultBodyTimeout = 10 * time.Second

// limitBodyTime gives the request body a read deadline and lifts it once the
// body is read, so that a scenario's long delay afterwards is not cut short
// by the same deadline.
func (s *Server) limitBodyTime(w http.ResponseWriter, r *http.Request) {
	rc := http.NewResponseController(w)
	if rc.SetReadDeadline(time.Now().Add(s.cfg.BodyTimeout)) != nil {
		return // a writer without deadlines (httptest): nothing to limit
	}
	r.Body = &deadlineBody{ReadCloser: r.Body, rc: *rc}
}

// deadlineBody lifts the read deadline when the body has been read to its
// end. It holds the controller by value, with no closure: one allocation
// per request rather than three.
type deadlineBody struct {
	io.ReadCloser
	rc     http.ResponseController
	lifted bool
}

func (b *deadlineBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	if errors.Is(err, io.EOF) && !b.lifted {
		_ = b.rc.SetReadDeadline(time.Time{})
		b.lifted = true
	}
	return n, err
}
