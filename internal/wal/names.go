package wal

import (
	"cmp"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// The files of a data dir. A log is a chain of segments, each named by the
// LSN of its first record; a snapshot is named by the last LSN it covers.
// The first segment of a log that started empty keeps the name the log had
// before it was split in segments, so data dirs written by earlier versions
// open unchanged.
const (
	// FileName is the first segment, which starts at LSN 1.
	FileName = "tsymock.wal"
	// LockName is the file whose flock keeps a second process out. It is
	// apart from the segments because those are created and removed.
	LockName = "tsymock.lock"

	namePrefix   = "tsymock-"
	segmentExt   = ".wal"
	snapshotExt  = ".snap"
	tempExt      = ".tmp"
	lsnDigits    = 20 // a uint64 in decimal
	setAsideMark = ".damaged-"
)

// segmentName is the file of the segment whose first record is first.
func segmentName(first uint64) string {
	if first == 1 {
		return FileName
	}
	return fmt.Sprintf("%s%0*d%s", namePrefix, lsnDigits, first, segmentExt)
}

// snapshotName is the file of the snapshot that covers records 1 to lsn.
func snapshotName(lsn uint64) string {
	return fmt.Sprintf("%s%0*d%s", namePrefix, lsnDigits, lsn, snapshotExt)
}

// parseName reads a segment or snapshot name. A name counts only in the
// exact form this package writes, so that no other file (a copy, a file set
// aside, an editor's backup) is ever taken for part of the log.
func parseName(name string) (lsn uint64, ext string, ok bool) {
	if name == FileName {
		return 1, segmentExt, true
	}
	for _, ext := range []string{segmentExt, snapshotExt} {
		digits, found := strings.CutSuffix(name, ext)
		if !found {
			continue
		}
		digits, found = strings.CutPrefix(digits, namePrefix)
		n, err := strconv.ParseUint(digits, 10, 64)
		if !found || err != nil || len(digits) != lsnDigits || n == 0 {
			return 0, "", false
		}
		if ext == segmentExt && n == 1 {
			return 0, "", false // segment 1 is always FileName
		}
		return n, ext, true
	}
	return 0, "", false
}

// segment is one file of the log.
type segment struct {
	first uint64 // LSN of its first record
	path  string
	size  int64 // bytes of whole records, once read
}

// layout is what a data dir holds.
type layout struct {
	snapshots []uint64  // LSNs, ascending
	segments  []segment // by first LSN, ascending
	temps     []string  // paths of unfinished files a crash left
}

// readLayout lists the log's files in dir; other files are left alone.
func readLayout(dir string) (layout, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return layout{}, fmt.Errorf("wal: read data dir: %w", err)
	}
	var lay layout
	for _, e := range entries {
		name := e.Name()
		if base, ok := strings.CutSuffix(name, tempExt); ok {
			if _, _, ours := parseName(base); ours {
				lay.temps = append(lay.temps, filepath.Join(dir, name))
			}
			continue
		}
		lsn, ext, ok := parseName(name)
		switch {
		case !ok:
		case ext == snapshotExt:
			lay.snapshots = append(lay.snapshots, lsn)
		default:
			lay.segments = append(lay.segments, segment{first: lsn, path: filepath.Join(dir, name)})
		}
	}
	slices.Sort(lay.snapshots)
	slices.SortFunc(lay.segments, func(a, b segment) int { return cmp.Compare(a.first, b.first) })
	return lay, nil
}
