package wal

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
)

// scanBlock is how much of the bytes after a bad frame is examined at once.
const scanBlock = 1 << 20

// errUndecided stops a scan that spent its checksum budget without
// finding a valid frame: look-alike headers were too many to rule one out.
var errUndecided = errors.New("wal: too many frame look-alikes to check")

// afterBad is what follows a bad frame: a later valid frame, or only zeros.
type afterBad struct {
	next  int64 // offset of the first valid frame after the bad one; -1 if none
	zeros bool  // every byte from the bad frame to the end is zero
}

// scanAfter looks for a valid frame starting anywhere after from, the
// offset of a bad frame, up to size: one is the proof that the bad frame is
// not a torn end, since a crash stops writing at the torn frame. Every byte
// offset is tried, not only the one the bad frame's length points to,
// because the length itself may be what is damaged. A candidate is a header
// with a possible length whose CRC-32C matches; most offsets fail the length
// check at once (in the JSON that tsymock logs, four bytes of text read as a
// length far over MaxRecord), so the scan costs about one read of the tail.
// The checksum work is bounded: past it, errUndecided.
func scanAfter(r io.ReaderAt, from, size int64) (afterBad, error) {
	s := &resync{r: r, size: size, budget: 4*(size-from) + 64<<20}
	res := afterBad{next: -1, zeros: true}
	block := make([]byte, scanBlock+headerSize-1)
	for off := from; off < size; off += scanBlock {
		n := int(min(int64(len(block)), size-off))
		if _, err := r.ReadAt(block[:n], off); err != nil && !errors.Is(err, io.EOF) {
			return res, fmt.Errorf("wal: %w", err)
		}
		b := block[:n]
		res.zeros = res.zeros && allZero(b[:min(n, scanBlock)])
		for i := 0; i+headerSize <= n && i < scanBlock; i++ {
			if off+int64(i) == from {
				continue
			}
			ok, err := s.validAt(b, i, off)
			if err != nil {
				return res, err
			}
			if ok {
				res.next, res.zeros = off+int64(i), false
				return res, nil
			}
		}
	}
	return res, nil
}

// resync checks candidate frames for scanAfter.
type resync struct {
	r      io.ReaderAt
	size   int64
	budget int64  // payload bytes left to checksum
	buf    []byte // payloads that cross the block
}

// validAt reports whether a valid frame starts at b[i], which is at file
// offset off+i.
func (s *resync) validAt(b []byte, i int, off int64) (bool, error) {
	n := int64(binary.LittleEndian.Uint32(b[i:]))
	at := off + int64(i)
	if n == 0 || n > MaxRecord || n > s.size-at-headerSize {
		return false, nil
	}
	if s.budget -= n; s.budget < 0 {
		return false, errUndecided
	}
	want := binary.LittleEndian.Uint32(b[i+4:])
	start := i + headerSize
	if int64(start)+n <= int64(len(b)) {
		return crc32.Checksum(b[start:int64(start)+n], castagnoli()) == want, nil
	}
	if int64(cap(s.buf)) < n {
		s.buf = make([]byte, n)
	}
	p := s.buf[:n]
	if _, err := s.r.ReadAt(p, at+headerSize); err != nil && !errors.Is(err, io.EOF) {
		return false, fmt.Errorf("wal: %w", err)
	}
	return crc32.Checksum(p, castagnoli()) == want, nil
}

func allZero(b []byte) bool {
	for _, c := range b {
		if c != 0 {
			return false
		}
	}
	return true
}
