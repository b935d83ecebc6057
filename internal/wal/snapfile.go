package wal

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"hash"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
)

// A snapshot file is a header (an 8-byte mark and the little-endian LSN it
// covers), the caller's payload, and a trailer (the payload's length as a
// little-endian uint64, then a CRC-32C of everything before it). The name
// repeats the LSN: a file renamed by hand is caught.
const (
	snapMark    = "TSYSNAP1"
	snapHeader  = 16
	snapTrailer = 12
)

// writeSnapshot makes the snapshot of records 1 to lsn durable in dir
// atomically: it writes a temp file, fsyncs it, renames it into place and
// fsyncs the dir. A crash before the rename leaves a temp file that the
// next Open removes; after it, a whole snapshot. It returns the path and
// the file's size.
func writeSnapshot(dir string, lsn uint64, write func(io.Writer) error, h hooks) (string, int64, error) {
	final := filepath.Join(dir, snapshotName(lsn))
	tmp := final + tempExt
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return "", 0, fmt.Errorf("wal: create snapshot: %w", err)
	}
	h.at(crashSnapCreated)
	size, err := fillSnapshot(f, lsn, write, h)
	if err == nil {
		h.at(crashSnapWritten)
		err = syncClose(f)
		f = nil
	}
	if err != nil {
		if f != nil {
			f.Close()
		}
		os.Remove(tmp) // a failed snapshot leaves nothing; Open would remove it anyway
		return "", 0, err
	}
	h.at(crashSnapSynced)
	if err := os.Rename(tmp, final); err != nil {
		os.Remove(tmp)
		return "", 0, fmt.Errorf("wal: publish snapshot: %w", err)
	}
	h.at(crashSnapRenamed)
	if err := syncDir(dir); err != nil {
		return "", 0, err
	}
	h.at(crashSnapPublished)
	return final, size, nil
}

func syncClose(f *os.File) error {
	err := f.Sync()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("wal: sync snapshot: %w", err)
	}
	return nil
}

// fillSnapshot writes the header, the payload and the trailer to f.
func fillSnapshot(f *os.File, lsn uint64, write func(io.Writer) error, h hooks) (int64, error) {
	bw := bufio.NewWriterSize(f, 256<<10)
	sum := crc32.New(castagnoli())
	out := io.MultiWriter(bw, sum)
	var head [snapHeader]byte
	copy(head[:], snapMark)
	binary.LittleEndian.PutUint64(head[8:], lsn)
	cw := &countingWriter{w: out}
	_, err := out.Write(head[:])
	if err == nil {
		err = write(cw)
	}
	if err == nil && h.crash != nil {
		err = bw.Flush() // so that the crash finds the payload in the file
		h.at(crashSnapPayload)
	}
	if err != nil {
		return 0, fmt.Errorf("wal: write snapshot: %w", err)
	}
	var tail [snapTrailer]byte
	binary.LittleEndian.PutUint64(tail[0:8], uint64(cw.n))
	binary.LittleEndian.PutUint32(tail[8:12], sum.Sum32()) // the sum before the trailer
	if _, err := bw.Write(tail[:]); err != nil {
		return 0, fmt.Errorf("wal: write snapshot: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return 0, fmt.Errorf("wal: write snapshot: %w", err)
	}
	return snapHeader + cw.n + snapTrailer, nil
}

type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// readSnapshot checks the snapshot of records 1 to lsn at path and, unless
// restore is nil, hands its payload to restore. The payload is checked as
// it streams, so it is read once; a snapshot that fails its checksum is a
// *DamageError even if restore already failed on its bytes.
func readSnapshot(path string, lsn uint64, restore func(uint64, io.Reader) error) (int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, fmt.Errorf("wal: open snapshot: %w", err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return 0, fmt.Errorf("wal: stat snapshot: %w", err)
	}
	return st.Size(), checkSnapshot(f, st.Size(), path, lsn, restore)
}

func checkSnapshot(r io.ReaderAt, size int64, path string, lsn uint64, restore func(uint64, io.Reader) error) error {
	damaged := func(off int64, what string) error {
		return &DamageError{Path: path, Offset: off, Record: lsn, Snapshot: true, What: what,
			Why: "a snapshot is renamed into place only once written whole, and the log it replaced is gone"}
	}
	if size < snapHeader+snapTrailer {
		return damaged(0, fmt.Sprintf("it is %d bytes, shorter than a snapshot's header and trailer", size))
	}
	var head [snapHeader]byte
	if _, err := r.ReadAt(head[:], 0); err != nil {
		return fmt.Errorf("wal: read snapshot: %w", err)
	}
	if string(head[:8]) != snapMark {
		return damaged(0, "it does not start with the snapshot mark")
	}
	if got := binary.LittleEndian.Uint64(head[8:]); got != lsn {
		return damaged(8, fmt.Sprintf("it says it covers records 1 to %d, but its name says %d", got, lsn))
	}
	sum := crc32.New(castagnoli())
	sum.Write(head[:])
	n := size - snapHeader - snapTrailer
	payload := io.TeeReader(bufio.NewReaderSize(io.NewSectionReader(r, snapHeader, n), 256<<10), sum)
	var restoreErr error
	if restore != nil {
		restoreErr = restore(lsn, payload)
	}
	if _, err := io.Copy(io.Discard, payload); err != nil {
		return fmt.Errorf("wal: read snapshot: %w", err)
	}
	if err := checkTrailer(r, size, n, sum, damaged); err != nil {
		return err
	}
	if restoreErr != nil {
		return fmt.Errorf("wal: restore %s: %w", path, restoreErr)
	}
	return nil
}

func checkTrailer(r io.ReaderAt, size, n int64, sum hash.Hash32, damaged func(int64, string) error) error {
	var tail [snapTrailer]byte
	if _, err := r.ReadAt(tail[:], size-snapTrailer); err != nil {
		return fmt.Errorf("wal: read snapshot: %w", err)
	}
	if got := binary.LittleEndian.Uint64(tail[0:8]); got != uint64(n) {
		return damaged(size-snapTrailer, fmt.Sprintf("its trailer says %d payload bytes, the file holds %d", got, n))
	}
	if binary.LittleEndian.Uint32(tail[8:12]) != sum.Sum32() {
		return damaged(0, "its checksum does not match")
	}
	return nil
}
