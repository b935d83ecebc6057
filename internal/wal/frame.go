package wal

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"sync"
)

// headerSize is the length and CRC words in front of every payload.
const headerSize = 8

// castagnoli is a read-only table; building it once is what crc32 expects.
// It is built when first used: a server without a data dir never needs it.
var castagnoli = sync.OnceValue(func() *crc32.Table { return crc32.MakeTable(crc32.Castagnoli) })

// frameHeader returns the length and CRC words that precede payload.
func frameHeader(payload []byte) [headerSize]byte {
	var h [headerSize]byte
	binary.LittleEndian.PutUint32(h[0:4], uint32(len(payload)))
	binary.LittleEndian.PutUint32(h[4:8], crc32.Checksum(payload, castagnoli()))
	return h
}

// appendFrame appends payload's frame to dst.
func appendFrame(dst, payload []byte) []byte {
	h := frameHeader(payload)
	return append(append(dst, h[:]...), payload...)
}

// frameReader reads frames from the start of a log of known size.
type frameReader struct {
	r    *bufio.Reader
	left int64  // bytes not yet read
	end  int64  // offset just past the last good frame
	buf  []byte // payload buffer, reused between frames
}

func newFrameReader(r io.Reader, size int64) *frameReader {
	return &frameReader{r: bufio.NewReaderSize(r, 64<<10), left: size}
}

// next returns the next payload, valid until the following call. ok is false
// at the end of the log: the clean end, or the first frame that is torn or
// corrupt. err reports a failure to read, which is not the same as a bad frame.
func (fr *frameReader) next() (payload []byte, ok bool, err error) {
	if fr.left < headerSize {
		return nil, false, nil
	}
	var h [headerSize]byte
	if _, err := io.ReadFull(fr.r, h[:]); err != nil {
		return nil, false, readErr(err)
	}
	n := int64(binary.LittleEndian.Uint32(h[0:4]))
	// The length is checked against what is left before allocating, so a
	// damaged length cannot make recovery allocate more than the file holds.
	if n == 0 || n > MaxRecord || n > fr.left-headerSize {
		return nil, false, nil
	}
	if int64(cap(fr.buf)) < n {
		fr.buf = make([]byte, n)
	}
	payload = fr.buf[:n]
	if _, err := io.ReadFull(fr.r, payload); err != nil {
		return nil, false, readErr(err)
	}
	if crc32.Checksum(payload, castagnoli()) != binary.LittleEndian.Uint32(h[4:8]) {
		return nil, false, nil
	}
	fr.left -= headerSize + n
	fr.end += headerSize + n
	return payload, true, nil
}

// readErr reports err unless it only says the file was shorter than its
// stat size claimed, which is a torn tail like any other. A file's read
// error already names the operation and the path.
func readErr(err error) error {
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return nil
	}
	return fmt.Errorf("wal: %w", err)
}
