package rpc

import (
	"errors"
	"io"
	"net/http"
	"time"
)

// limitBodyTime gives the request body a read deadline (BodyTimeout: a
// client that never finishes its body is cut off instead of holding a
// connection and a goroutine) and lifts it once the body is read, so that
// a scenario's long delay afterwards is not cut short by the same
// deadline.
func (h *Handler) limitBodyTime(w http.ResponseWriter, r *http.Request) {
	rc := http.NewResponseController(w)
	if rc.SetReadDeadline(time.Now().Add(h.cfg.BodyTimeout)) != nil {
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
