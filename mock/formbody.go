package mock

import (
	"errors"
	"io"
	"net/http"

	"github.com/tsymock/tsymock/internal/soa"
)

// readFormBody reads a request body of at most limit bytes: 10004 when it is
// longer, 10000 when it cannot be read. It reads into one buffer the size
// the client announced in Content-Length, where io.ReadAll would start
// small and grow, and reads at most one byte past limit, as
// http.MaxBytesReader does.
func readFormBody(r *http.Request, limit int64) (string, *soa.Error) {
	buf := make([]byte, 0, bodyBuffer(r.ContentLength, limit))
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)] // grow, as append would
		}
		room := buf[len(buf):cap(buf)]
		if over := limit + 1 - int64(len(buf)); int64(len(room)) > over {
			room = room[:over]
		}
		n, err := r.Body.Read(room)
		buf = buf[:len(buf)+n]
		if int64(len(buf)) > limit {
			return "", soa.Errorf("10004", "the request body is larger than %d bytes", limit)
		}
		if errors.Is(err, io.EOF) {
			return string(buf), nil
		}
		if err != nil {
			return "", soa.Errorf("10000", "the request body could not be read: %v", err)
		}
	}
}

// bodyBuffer is the first buffer for a body: Content-Length and a byte to
// see the end without growing it, or 512 bytes (io.ReadAll's start) when
// the length is unknown or beyond limit.
func bodyBuffer(contentLength, limit int64) int {
	if contentLength < 0 || contentLength > limit {
		return 512
	}
	return int(contentLength) + 1
}
