package wal

import (
	"fmt"
	"io"
	"os"
)

// recoverLog replays every good record of f and cuts off whatever follows
// the last one.
func recoverLog(f *os.File, replay func(uint64, []byte) error) (Info, error) {
	info := Info{Path: f.Name()}
	st, err := f.Stat()
	if err != nil {
		return info, fmt.Errorf("wal: stat: %w", err)
	}
	fr := newFrameReader(io.NewSectionReader(f, 0, st.Size()), st.Size())
	for {
		payload, ok, err := fr.next()
		if err != nil {
			return info, err
		}
		if !ok {
			break
		}
		info.Records++
		if replay == nil {
			continue
		}
		if err := replay(info.Records, payload); err != nil {
			return info, fmt.Errorf("wal: replay record %d of %s: %w", info.Records, info.Path, err)
		}
	}
	info.Bytes = fr.end
	info.Truncated = st.Size() - fr.end
	if info.Truncated > 0 {
		return info, truncateTail(f, fr.end)
	}
	return info, nil
}

// truncateTail drops a torn tail and makes the cut durable before anything
// new is appended, so a later crash cannot bring the torn bytes back in
// front of new records.
func truncateTail(f *os.File, size int64) error {
	if err := f.Truncate(size); err != nil {
		return fmt.Errorf("wal: truncate torn tail: %w", err)
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("wal: fsync after truncate: %w", err)
	}
	return nil
}
