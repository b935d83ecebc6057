package rpc

import (
	"context"
	"io"
	"net/http"
	"time"
	"unicode/utf8"

	"github.com/tsymock/tsymock/scenarios"
)

// slowPieces is how many pieces a slow-body fault writes its body in: one
// every tenth of the rule's time, so that a client's idle (per-read)
// timeout shorter than a tenth, or its deadline for the whole answer
// shorter than the time, fires during the body.
const slowPieces = 10

// writeBody writes the signed answer's body, as a fault that breaks the
// body asks (slow-body, short-body), and returns what it wrote, for the
// journal. The headers, Content-Length the whole body's, are set.
func (h *Handler) writeBody(w http.ResponseWriter, r *http.Request, ex *exchange, body string) string {
	switch ex.fault {
	case scenarios.SlowBody:
		return h.writeSlowly(r.Context(), w, body, ex.over)
	case scenarios.ShortBody:
		return writeShort(r.Context(), w, body)
	}
	// net/http writes a string as it is, with no copy into a []byte.
	_, _ = io.WriteString(w, body)
	return body
}

// writeSlowly sends the headers at once, then body in slowPieces pieces,
// the last after over (at most MaxDelay; the rule's 0 is MaxDelay). It
// stops when the client gives up, and writes the rest at once when the
// server shuts down.
func (h *Handler) writeSlowly(ctx context.Context, w http.ResponseWriter, body string, over time.Duration) string {
	if over <= 0 || over > h.cfg.MaxDelay {
		over = h.cfg.MaxDelay
	}
	rc := http.NewResponseController(w)
	w.WriteHeader(http.StatusOK)
	if rc.Flush() != nil {
		return ""
	}
	n := min(slowPieces, len(body))
	written := 0
	for i := 1; i <= n; i++ {
		h.wait(ctx, over/time.Duration(n))
		if ctx.Err() != nil {
			break // the client is gone
		}
		end := runeStart(body, len(body)*i/n)
		if end == written {
			continue // the piece falls within one character
		}
		if _, err := io.WriteString(w, body[written:end]); err != nil || rc.Flush() != nil {
			break
		}
		written = end
	}
	return body[:written]
}

// writeShort writes the first half of body, though Content-Length
// announces all of it, and closes the connection: the client reads an
// unexpected end of the body (Go's io.ErrUnexpectedEOF).
func writeShort(ctx context.Context, w http.ResponseWriter, body string) string {
	part := body[:runeStart(body, len(body)/2)]
	_, _ = io.WriteString(w, part)
	// Flushed first: Hijack would drop what the response still buffers.
	if http.NewResponseController(w).Flush() != nil {
		return ""
	}
	if conn := hijack(ctx, w); conn != nil {
		_ = conn.Close()
	}
	return part
}

// runeStart is i, or the start of the character i falls within, so that
// a piece of body ends between characters (the journal keeps valid text).
func runeStart(body string, i int) int {
	for i > 0 && i < len(body) && !utf8.RuneStart(body[i]) {
		i--
	}
	return i
}
