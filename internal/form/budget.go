package form

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"unsafe"

	"github.com/tsymock/tsymock/internal/soa"
)

// Budget bounds the bytes of request bodies held at once, across every
// request being answered: a body takes its bytes as they arrive (never
// what Content-Length announces) and holds them until its request is
// answered. A body that would pass the budget is refused at once, so that
// many slow or large bodies together cannot take the memory. It is safe
// for concurrent use; a nil *Budget bounds nothing.
type Budget struct {
	size int64
	used atomic.Int64
}

// NewBudget returns a budget of size bytes.
func NewBudget(size int64) *Budget { return &Budget{size: size} }

// Used is the bytes held now.
func (b *Budget) Used() int64 {
	if b == nil {
		return 0
	}
	return b.used.Load()
}

// Hold is what one request holds of a budget. Release gives it back; the
// zero Hold holds nothing.
type Hold struct {
	b *Budget
	n int64
}

// take holds n more bytes, if the budget has them.
func (h *Hold) take(n int64) bool {
	if h.b == nil {
		return true
	}
	if h.b.used.Add(n) > h.b.size {
		h.b.used.Add(-n)
		return false
	}
	h.n += n
	return true
}

// give returns n of the bytes held.
func (h *Hold) give(n int64) {
	if h.b != nil {
		h.b.used.Add(-n)
		h.n -= n
	}
}

// Release gives back everything held. It may be called more than once.
func (h *Hold) Release() { h.give(h.n) }

// Sizes of the pieces a body is read in: a first small one (most calls fit
// in it), then larger ones, each taken from the budget as it is needed.
const (
	firstChunk = 4 << 10
	chunkSize  = 32 << 10
)

// errBudget is a body refused because the budget is spent.
var errBudget = errors.New("form: the budget of request bodies is spent")

// errTruncated is a body that ended before its announced length.
var errTruncated = errors.New("the request body was cut short")

// readChunks reads r to its end in pieces taken from h, then joins them
// into one string, which h goes on holding, and gives the pieces' room
// back. A body that announces its length (0 < announced < firstChunk) is
// read in one piece of that length and one byte more, which reads its
// end: the usual call then costs neither a piece of firstChunk bytes
// cleared for nothing nor a second read.
func readChunks(r io.Reader, announced int64, h *Hold) (string, error) {
	var chunks [][]byte
	total, size := 0, firstChunk
	if announced > 0 && announced < firstChunk {
		size = int(announced) + 1
	}
	for {
		if !h.take(int64(size)) {
			h.Release()
			return "", errBudget
		}
		buf := make([]byte, size)
		n, err := fill(r, buf)
		chunks, total = append(chunks, buf[:n]), total+n
		switch {
		case errors.Is(err, io.EOF):
			return join(chunks, total, h), nil
		case errors.Is(err, io.ErrUnexpectedEOF):
			h.Release()
			return "", fmt.Errorf("%w: the client stopped after %d of the %d bytes its Content-Length announced", errTruncated, total, announced)
		case err != nil:
			h.Release()
			return "", err
		}
		size = chunkSize
	}
}

// fill reads into buf until it is full or r ends. Unlike io.ReadFull it
// keeps the reader's own errors apart from its end: io.EOF is the end of
// the body, while io.ErrUnexpectedEOF is net/http saying that the
// connection closed before the bytes Content-Length announced, a body cut
// short that must not pass for a whole one.
func fill(r io.Reader, buf []byte) (int, error) {
	n := 0
	for n < len(buf) {
		m, err := r.Read(buf[n:])
		n += m
		if err != nil {
			return n, err
		}
	}
	return n, nil
}

// join makes one string of the chunks, and gives back the room the
// chunks held beyond it. A body read in one piece that it (nearly) fills,
// as one whose length was announced is, becomes the string without a
// copy: the piece was made for this body, and nothing writes to it again
// (the copy was 7 % of the bytes a canned answer allocates).
func join(chunks [][]byte, total int, h *Hold) string {
	if len(chunks) == 1 && total == 0 {
		h.Release()
		return ""
	}
	if c := chunks[0]; len(chunks) == 1 && 4*len(c) >= 3*cap(c) {
		h.give(h.n - int64(total))
		return unsafe.String(unsafe.SliceData(c), len(c))
	}
	var sb strings.Builder
	sb.Grow(total)
	for _, c := range chunks {
		sb.Write(c)
	}
	h.give(h.n - int64(total))
	return sb.String()
}

// ReadHeld is Read with the body's bytes held from b (nil: no budget)
// until the returned Hold is released, when the request is answered. A
// body refused for the budget is 9999, saying so.
func ReadHeld(w http.ResponseWriter, r *http.Request, limit int64, b *Budget) (*Hold, url.Values, *soa.Error) {
	h := &Hold{b: b}
	values, serr := read(w, r, limit, h)
	return h, values, serr
}

// ReadParamsHeld is ParamsFrom of ReadHeld's values. A POST with no query
// string, the usual call, is parsed straight into Params (ParseParams),
// with no url.Values made on the way.
func ReadParamsHeld(w http.ResponseWriter, r *http.Request, limit int64, b *Budget) (*Hold, Params, *soa.Error) {
	if r.Method != http.MethodPost || r.URL.RawQuery != "" {
		h, values, serr := ReadHeld(w, r, limit, b)
		if serr != nil {
			return h, Params{}, serr
		}
		return h, ParamsFrom(values), nil
	}
	h := &Hold{b: b}
	body, serr := readBody(w, r, limit, h)
	if serr != nil {
		return h, Params{}, serr
	}
	p, call, err := ParseParams(body)
	if err != nil {
		return h, Params{}, formError("request body", err)
	}
	return h, p, checkContentType(r, call)
}
