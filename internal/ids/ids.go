// Package ids generates the identifiers the platform hands out: member
// userIds (UUIDs) and numeric order numbers.
//
// With a seed the sequence is deterministic, so a test run that sends the
// same requests gets the same ids every time; without one ids are random.
package ids

import (
	crand "crypto/rand"
	"fmt"
	"io"
	"math/rand/v2"
	"sync"

	"github.com/google/uuid"
)

// Source generates ids. It is safe for concurrent use.
type Source struct {
	mu     sync.Mutex
	random io.Reader
	seq    uint64
}

// NewRandom returns a source of unpredictable ids.
func NewRandom() *Source { return &Source{random: crand.Reader} }

// NewSeeded returns a source whose ids depend only on seed and on the order
// in which they are asked for.
func NewSeeded(seed uint64) *Source {
	return &Source{random: &lockedReader{r: rand.NewChaCha8(seedBytes(seed))}}
}

func seedBytes(seed uint64) [32]byte {
	var b [32]byte
	for i := range 8 {
		b[i] = byte(seed >> (8 * i))
	}
	return b
}

// lockedReader exists because ChaCha8 is not safe for concurrent use; the
// Source's own mutex already serialises reads, the wrapper only adapts types.
type lockedReader struct{ r *rand.ChaCha8 }

func (l *lockedReader) Read(p []byte) (int, error) { return l.r.Read(p) }

// UUID returns a version 4 UUID, as the platform's userId.
func (s *Source) UUID() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	u, err := uuid.NewRandomFromReader(s.random)
	if err != nil {
		// Only a failing crypto/rand can get here; the platform would
		// answer a system error, so a panic is not warranted either.
		return fmt.Sprintf("00000000-0000-4000-8000-%012d", s.seq)
	}
	return u.String()
}

// Number returns a 19-digit numeric id, the shape of the platform's orderNo
// (e.g. 1001642799315046400). Numbers never repeat within one Source.
func (s *Source) Number() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.seq++
	var b [4]byte
	_, _ = io.ReadFull(s.random, b[:])
	r := uint64(b[0])<<16 | uint64(b[1])<<8 | uint64(b[2])
	return fmt.Sprintf("10%08d%09d", r%100000000, s.seq)
}
