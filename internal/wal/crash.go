package wal

// The steps of a roll, a snapshot, a compaction, an open and a salvage at
// which a crash leaves the data dir in a different state. Tests stop there
// (they copy the dir as a kill -9 would leave it, or kill themselves) and
// check that the dir opens with every acknowledged record.
const (
	crashRollCreated     = "roll: new segment created"
	crashRollSynced      = "roll: new segment's entry synced"
	crashSnapCreated     = "snapshot: temp file created"
	crashSnapPayload     = "snapshot: payload written, no trailer"
	crashSnapWritten     = "snapshot: written, not synced"
	crashSnapSynced      = "snapshot: synced, not renamed"
	crashSnapRenamed     = "snapshot: renamed, dir not synced"
	crashSnapPublished   = "snapshot: published"
	crashCompactSnapshot = "compact: an older snapshot removed"
	crashCompactSegment  = "compact: a covered segment removed"
	crashCompactDone     = "compact: done"
	crashOpenTruncated   = "open: torn end cut"
	crashOpenCleaned     = "open: leftovers removed"
	crashSalvageLinked   = "salvage: damaged files linked aside"
	crashSalvageRemoved  = "salvage: a later segment removed"
	crashSalvageKept     = "salvage: good prefix in place"
)

// crashPoints lists every step above, for tests that visit each.
func crashPoints() []string {
	return []string{crashRollCreated, crashRollSynced, crashSnapCreated, crashSnapPayload, crashSnapWritten,
		crashSnapSynced, crashSnapRenamed, crashSnapPublished, crashCompactSnapshot, crashCompactSegment,
		crashCompactDone, crashOpenTruncated, crashOpenCleaned, crashSalvageLinked, crashSalvageRemoved,
		crashSalvageKept}
}

// hooks are the seams tests use; both are nil in production.
type hooks struct {
	// wrap puts a faulty file between the flusher and each segment.
	wrap func(file) file
	// crash is called at each step named above.
	crash func(point string)
}

func (h hooks) at(point string) {
	if h.crash != nil {
		h.crash(point)
	}
}

func (h hooks) file(f file) file {
	if h.wrap != nil {
		return h.wrap(f)
	}
	return f
}
