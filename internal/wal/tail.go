package wal

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
)

// sectorSize is the unit a disk writes whole: a crash (a power cut more
// than a kill) can leave some sectors of a write on disk and not others,
// and the ones not written read back as zeros.
const sectorSize = 512

// minZeroRun is the shortest run of zeros, filling a sector's share of a
// frame, taken as a sector that was not written: shorter runs occur in
// payloads.
const minZeroRun = 8

// verdict is what the bytes after the last good frame of a log are.
type verdict struct {
	torn bool   // the torn end of a crash: dropping it loses nothing acknowledged
	what string // what the bytes are (for the log, or the damage report)
	why  string // for damage: why it is not a torn end
	next int64  // a valid frame found after the bad one; -1 if none
}

// judgeTail decides whether the bytes from end (just past the last good
// frame) to size are a torn end, which Open may drop, or damage, which it
// must refuse. A record is acknowledged only after the fsync that covers
// it, and the next write starts only after that fsync, so a crash can tear
// only the last write: its frames are cut short or (after a power cut)
// hold sectors of zeros, and nothing valid can follow them. Hence the
// rule: a valid frame anywhere after the bad one proves damage; otherwise
// the bytes are a torn end only if they look like one (a cut header, a
// cut record, zeros, a zeroed sector). A whole record with a bad checksum
// and nothing after it, or bytes that are no frame at all, are refused
// too: no crash writes those. Too much to tell apart is refused as well.
func judgeTail(r io.ReaderAt, end, size int64) (verdict, error) {
	rest := size - end
	if rest < headerSize {
		return verdict{torn: true, what: fmt.Sprintf("%d bytes of a cut frame header", rest), next: -1}, nil
	}
	var h [headerSize]byte
	if _, err := r.ReadAt(h[:], end); err != nil {
		return verdict{}, fmt.Errorf("wal: %w", err)
	}
	after, err := scanAfter(r, end, size)
	if errors.Is(err, errUndecided) {
		return verdict{what: describe(h, rest), next: -1,
			why: "the bytes after it hold too many frame look-alikes to rule out valid records among them"}, nil
	}
	if err != nil {
		return verdict{}, err
	}
	if after.next >= 0 {
		return verdict{what: describe(h, rest), next: after.next,
			why: fmt.Sprintf("a valid record follows at byte %d, and a crash can tear only the end of the log", after.next)}, nil
	}
	if after.zeros {
		return verdict{torn: true, what: fmt.Sprintf("%d bytes of zeros (space allocated but never written)", rest), next: -1}, nil
	}
	return judgeLast(r, h, end, rest)
}

// judgeLast judges a bad frame with nothing valid after it.
func judgeLast(r io.ReaderAt, h [headerSize]byte, end, rest int64) (verdict, error) {
	n := int64(binary.LittleEndian.Uint32(h[0:4]))
	v := verdict{what: describe(h, rest), next: -1}
	switch {
	case h == [headerSize]byte{}:
		v.torn, v.what = true, fmt.Sprintf("%d bytes after a zeroed frame header (a write cut short)", rest)
	case n == 0 || n > MaxRecord:
		v.why = "no crash writes an impossible length, so it was changed after it was written"
	case n > rest-headerSize:
		whole, err := checksumMatches(r, end+headerSize, rest-headerSize, h)
		if err != nil {
			return v, err
		}
		if whole {
			v.why = "the bytes that follow are a whole record by its checksum, so it was written whole and its length changed since"
			break
		}
		v.torn, v.what = true, fmt.Sprintf("a record cut short: %d of its %d bytes were written", rest-headerSize, n)
	default:
		zeroed, err := hasZeroedSector(r, end, end+headerSize+n)
		if err != nil {
			return v, err
		}
		if zeroed {
			v.torn, v.what = true, fmt.Sprintf("a record of %d bytes with a zeroed sector (a write cut short)", n)
			break
		}
		v.why = "no crash leaves a whole record whose checksum fails, so it was changed after it was written"
	}
	return v, nil
}

// describe says what is wrong with the frame whose header is h.
func describe(h [headerSize]byte, rest int64) string {
	n := int64(binary.LittleEndian.Uint32(h[0:4]))
	switch {
	case n == 0:
		return "its length word is 0"
	case n > MaxRecord:
		return fmt.Sprintf("its length word says %d bytes, over the %d-byte limit", n, MaxRecord)
	case n > rest-headerSize:
		return fmt.Sprintf("its length word says %d bytes, but the file ends %d bytes later", n, rest-headerSize)
	}
	return fmt.Sprintf("the checksum of its %d bytes does not match", n)
}

// checksumMatches reports whether the n bytes at off have the CRC in h.
func checksumMatches(r io.ReaderAt, off, n int64, h [headerSize]byte) (bool, error) {
	sum := crc32.New(castagnoli())
	if _, err := io.Copy(sum, io.NewSectionReader(r, off, n)); err != nil {
		return false, fmt.Errorf("wal: %w", err)
	}
	return sum.Sum32() == binary.LittleEndian.Uint32(h[4:8]), nil
}

// hasZeroedSector reports whether the frame at [from, to) has a sector's
// share (at least minZeroRun bytes) that is all zeros.
func hasZeroedSector(r io.ReaderAt, from, to int64) (bool, error) {
	b := make([]byte, to-from)
	if _, err := r.ReadAt(b, from); err != nil {
		return false, fmt.Errorf("wal: %w", err)
	}
	for off := from; off < to; {
		next := min((off/sectorSize+1)*sectorSize, to)
		if next-off >= minZeroRun && allZero(b[off-from:next-from]) {
			return true, nil
		}
		off = next
	}
	return false, nil
}
