// Package ids generates the identifiers the platform hands out: member
// userIds (UUIDs) and numeric order numbers.
//
// With a seed the sequence is deterministic, so a test run that sends the
// same requests gets the same ids every time; without one ids are random.
// A seeded source derives one stream per key (For): the emulator gives
// every application (sysid) its own, so that one application's ids depend
// only on the seed, its sysid and the order of its own draws, never on what
// other applications draw in between.
package ids

import (
	crand "crypto/rand"
	"crypto/sha256"
	"encoding/binary"
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
	seed   uint64
	seeded bool
	pos    Position
}

// Position is where a source stands: how many userIds and numbers were
// drawn from it, and the serial of its last number. Seek puts a source of
// the same seed and key there, so that it goes on as the one it was read
// from.
type Position struct {
	UUIDs   uint64 `json:"uuids"`
	Numbers uint64 `json:"numbers"`
	Seq     uint64 `json:"seq"`
}

// NewRandom returns a source of unpredictable ids.
func NewRandom() *Source { return &Source{random: crand.Reader} }

// NewSeeded returns a source whose ids depend only on seed and on the order
// in which they are asked for. Its own stream is ChaCha8 keyed by seed's 8
// bytes, little-endian, then zeros; For derives others from the same seed.
func NewSeeded(seed uint64) *Source {
	var key [32]byte
	binary.LittleEndian.PutUint64(key[:8], seed)
	return seededSource(seed, key)
}

func seededSource(seed uint64, key [32]byte) *Source {
	return &Source{random: &lockedReader{r: rand.NewChaCha8(key)}, seed: seed, seeded: true}
}

// streamDomain starts what For hashes, so that its keys never meet another
// use of the seed.
const streamDomain = "tsymock ids stream v1\x00"

// For returns a new source with a stream of its own for key (the emulator
// gives each sysid one). A seeded source's is ChaCha8 keyed by
// SHA-256("tsymock ids stream v1" NUL, the seed as 8 bytes little-endian,
// key): its ids depend only on the seed, the key and the order in which
// they are asked for of it. A random source's is random. The new source
// starts at the beginning of its stream, whatever s has drawn.
func (s *Source) For(key string) *Source {
	if !s.seeded {
		return NewRandom()
	}
	h := sha256.New()
	h.Write([]byte(streamDomain))
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], s.seed)
	h.Write(b[:])
	h.Write([]byte(key))
	var k [32]byte
	copy(k[:], h.Sum(nil))
	return seededSource(s.seed, k)
}

// Seeded reports whether the source's ids repeat from run to run.
func (s *Source) Seeded() bool { return s.seeded }

// lockedReader exists because ChaCha8 is not safe for concurrent use; the
// Source's own mutex already serialises reads, the wrapper only adapts types.
type lockedReader struct{ r *rand.ChaCha8 }

func (l *lockedReader) Read(p []byte) (int, error) { return l.r.Read(p) }

// UUID returns a version 4 UUID, as the platform's userId. It reads 16
// bytes of the stream.
func (s *Source) UUID() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.pos.UUIDs++
	u, err := uuid.NewRandomFromReader(s.random)
	if err != nil {
		// Only a failing crypto/rand can get here; the platform would
		// answer a system error, so a panic is not warranted either.
		return fmt.Sprintf("00000000-0000-4000-8000-%012d", s.pos.Seq)
	}
	return u.String()
}

// Number returns a 19-digit numeric id, the shape of the platform's orderNo
// (e.g. 1001642799315046400): "10", 8 digits from 4 bytes of the stream and
// the 9-digit serial. Numbers never repeat within one Source.
func (s *Source) Number() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.pos.Numbers++
	s.pos.Seq++
	var b [4]byte
	_, _ = io.ReadFull(s.random, b[:])
	return fmt.Sprintf("10%08d%09d", binary.BigEndian.Uint32(b[:])%100000000, s.pos.Seq)
}

// SerialAtLeast makes the next number's serial greater than n: numbers
// drawn after it differ from every number of serial n or less, whatever
// stream those came from.
func (s *Source) SerialAtLeast(n uint64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.pos.Seq = max(s.pos.Seq, n)
}

// Position returns where the source stands.
func (s *Source) Position() Position {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.pos
}

// Seek puts a source that has drawn nothing where p says: it reads as
// many bytes of its stream as p's draws took (16 a userId, 4 a number;
// nothing for a random source) and takes p's serial.
func (s *Source) Seek(p Position) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.pos != (Position{}) {
		return fmt.Errorf("ids: seek of a source that has drawn %d userIds and %d numbers", s.pos.UUIDs, s.pos.Numbers)
	}
	if s.seeded {
		n := 16*p.UUIDs + 4*p.Numbers
		if _, err := io.CopyN(io.Discard, s.random, int64(n)); err != nil {
			return fmt.Errorf("ids: seek: %w", err)
		}
	}
	s.pos = p
	return nil
}

// Streams hands out a source per key, made with For from a parent (the
// key behind a prefix) and kept, so that a key's draws go on from one use
// to the next. It is safe for concurrent use.
type Streams struct {
	parent *Source
	prefix string
	mu     sync.Mutex
	of     map[string]*Source
}

// Streams returns the streams of s whose keys start with prefix, which
// keeps them apart from the streams of other uses of s.
func (s *Source) Streams(prefix string) *Streams {
	return &Streams{parent: s, prefix: prefix, of: map[string]*Source{}}
}

// Of returns key's source, made on first use.
func (s *Streams) Of(key string) *Source {
	s.mu.Lock()
	defer s.mu.Unlock()
	src, ok := s.of[key]
	if !ok {
		src = s.parent.For(s.prefix + key)
		s.of[key] = src
	}
	return src
}

// Forget starts key's stream again at its next use; "" forgets every key.
func (s *Streams) Forget(key string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if key == "" {
		clear(s.of)
		return
	}
	delete(s.of, key)
}
