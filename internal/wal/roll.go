package wal

import (
	"fmt"
)

// rollState is what Roll asked of the flusher and what it answered.
type rollState struct {
	asked uint64 // requests made, numbered from 1
	done  uint64 // the last request served
	end   uint64 // the LSN the last served roll ended its segment at
	err   error  // why the last served roll failed; nil if it did not
}

// Roll writes and fsyncs every record appended so far, ends the segment
// there and starts a new one for the records after. It returns the LSN of
// the ended segment's last record: the record a snapshot taken now covers
// up to. Call it with the writers held off (the state frozen) when taking
// a snapshot's LSN: the snapshot then covers its segments whole, and
// compaction leaves only the records after it to replay. When nothing was
// appended since the segment started, it starts none. A failure to create
// the new segment fails only the roll; one to sync the dir after creating
// it fails the log, as a failed fsync of the log does.
func (l *Log) Roll() (uint64, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if err := l.usable(); err != nil {
		return 0, err
	}
	l.rolls.asked++
	want := l.rolls.asked
	l.work.Signal()
	for l.rolls.done < want && l.err == nil {
		l.synced.Wait()
	}
	if l.rolls.done < want {
		return 0, l.err
	}
	return l.rolls.end, l.rolls.err
}

// doRoll serves the roll requests up to req, in the flusher after it wrote
// the batch before them; false when the log failed.
func (l *Log) doRoll(req uint64) bool {
	end, err := l.roll()
	if err != nil && err == l.Err() {
		return false
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.rolls.done, l.rolls.end, l.rolls.err = req, end, err
	l.synced.Broadcast()
	return true
}

// roll ends the last segment after the durable records and opens the next.
func (l *Log) roll() (uint64, error) {
	l.mu.Lock()
	end, cur := l.durable, l.segs[len(l.segs)-1]
	l.mu.Unlock()
	if end+1 == cur.first {
		return end, nil // the segment is empty: it already starts after end
	}
	s, f, err := createSegment(l.dir, end+1, l.hooks)
	if err != nil {
		err = fmt.Errorf("wal: roll: %w", err)
		if f != nil { // created, but its entry may not be durable
			f.Close()
			l.fail(err)
		}
		return 0, err
	}
	l.hooks.at(crashRollSynced)
	old := l.f
	l.f = l.hooks.file(f)
	l.mu.Lock()
	l.segs = append(l.segs, s)
	l.path, l.offset = s.path, 0
	l.mu.Unlock()
	_ = old.Close() // synced whole already; nothing is lost if closing fails
	return end, nil
}
