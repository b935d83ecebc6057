package wal

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// walked is the log as read from its segments.
type walked struct {
	live     []segment // from the segment holding the record after the snapshot on; sizes are whole records
	covered  []segment // segments the snapshot covers whole, to remove
	last     uint64    // LSN of the last record (the snapshot's when there is none after it)
	replayed uint64
	torn     int64  // bytes of a torn end cut from the last segment
	tornWhat string // what they were
}

// damage is where walk found the log damaged, with what Salvage keeps.
type damage struct {
	err  *DamageError
	seg  int   // index in layout.segments of the damaged segment
	keep int64 // bytes of it before the damage
}

// walk reads the segments after the snapshot of records 1 to snap, calling
// replay (if not nil) for each record after snap, in order. The segments
// must chain: each starts at the LSN after the last of the one before.
// Only the last segment may have a torn end, because a segment is synced
// whole before the next one is created.
func walk(lay layout, snap uint64, replay func(uint64, []byte) error) (walked, *damage, error) {
	w := walked{last: snap}
	base := -1
	for i, s := range lay.segments {
		if s.first <= snap+1 {
			base = i
		}
	}
	if base < 0 {
		if len(lay.segments) > 0 {
			return w, gap(lay.segments, 0, snap), nil
		}
		return w, nil, nil
	}
	w.covered, w.live = lay.segments[:base], lay.segments[base:]
	next := w.live[0].first
	for i := range w.live {
		if w.live[i].first != next {
			return w, gap(lay.segments, base+i, next-1), nil
		}
		count, dmg, err := readSegment(&w, i, snap, replay)
		if dmg != nil {
			dmg.seg += base
		}
		if err != nil || dmg != nil {
			return w, dmg, err
		}
		next += count
	}
	w.last = next - 1
	if w.last < snap {
		s := w.live[len(w.live)-1]
		return w, &damage{seg: len(lay.segments) - 1, err: &DamageError{Path: s.path, Offset: s.size, Record: next,
			What: fmt.Sprintf("the log ends at record %d", w.last),
			Why:  fmt.Sprintf("the snapshot covers records up to %d, which were all synced before it was written", snap)}}, nil
	}
	return w, nil, nil
}

// gap reports that segs[i] does not start where the log before it ends.
func gap(segs []segment, i int, prev uint64) *damage {
	s := segs[i]
	what := fmt.Sprintf("it starts at record %d, but the log before it ends at record %d", s.first, prev)
	if s.first > prev+1 {
		what += fmt.Sprintf(": records %d to %d are missing", prev+1, s.first-1)
	}
	return &damage{seg: i, err: &DamageError{Path: s.path, Record: prev + 1, What: what,
		Why: "segments are created in order and removed only once a snapshot covers them"}}
}

// readSegment reads w.live[i], replaying the records after snap, and cuts
// nothing: it records the size of its whole records, and for the last
// segment how much of a torn end follows them. A damage's seg is i.
func readSegment(w *walked, i int, snap uint64, replay func(uint64, []byte) error) (uint64, *damage, error) {
	s, isLast := &w.live[i], i == len(w.live)-1
	f, err := os.Open(s.path)
	if err != nil {
		return 0, nil, fmt.Errorf("wal: open segment: %w", err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return 0, nil, fmt.Errorf("wal: stat segment: %w", err)
	}
	count, end, err := replaySegment(f, st.Size(), s, snap, replay, &w.replayed)
	if err != nil {
		return 0, nil, err
	}
	s.size = end
	if end == st.Size() {
		return count, nil, nil
	}
	v, err := judgeTail(f, end, st.Size())
	if err != nil {
		return 0, nil, err
	}
	if !isLast && v.torn {
		v.why = fmt.Sprintf("%s follows it, and a segment is synced whole before the next one is created",
			filepath.Base(w.live[i+1].path))
	}
	if isLast && v.torn {
		w.torn, w.tornWhat = st.Size()-end, v.what
		return count, nil, nil
	}
	return count, &damage{seg: i, keep: end, err: &DamageError{Path: s.path, Offset: end,
		Record: s.first + count, What: v.what, Why: v.why}}, nil
}

// replaySegment reads the whole records of one segment and returns how
// many there are and where they end.
func replaySegment(r io.ReaderAt, size int64, s *segment, snap uint64, replay func(uint64, []byte) error,
	replayed *uint64) (uint64, int64, error) {
	fr := newFrameReader(io.NewSectionReader(r, 0, size), size)
	var count uint64
	for {
		payload, ok, err := fr.next()
		if err != nil {
			return 0, 0, err
		}
		if !ok {
			return count, fr.end, nil
		}
		lsn := s.first + count
		count++
		if lsn <= snap {
			continue
		}
		*replayed++
		if replay == nil {
			continue
		}
		if err := replay(lsn, payload); err != nil {
			return 0, 0, fmt.Errorf("wal: replay record %d of %s: %w", lsn, s.path, err)
		}
	}
}
