package wal

import (
	"errors"
	"fmt"
)

// ErrDamaged is matched (errors.Is) by the *DamageError Open returns for a
// log damaged other than at its torn end.
var ErrDamaged = errors.New("wal: log is damaged")

// DamageError says where a log is damaged and why that is not the torn end
// a crash leaves. Open refuses such a log rather than drop the records
// after the damage, which were acknowledged; Salvage sets it aside.
type DamageError struct {
	Path   string // the damaged file
	Offset int64  // byte offset in Path where the damage starts
	// Record is the LSN of the first record that cannot be read or, for a
	// damaged snapshot, the last LSN the snapshot covers.
	Record   uint64
	Snapshot bool   // Path is a snapshot, not a segment
	What     string // what is wrong at Offset
	Why      string // why it cannot be a crash's torn end
}

// Error names the file, the byte offset, the record and the records
// intact before it, then what is wrong and why it is no torn end.
func (e *DamageError) Error() string {
	if e.Snapshot {
		return fmt.Sprintf("wal: %s is damaged at byte %d (the snapshot of records 1 to %d): %s; %s",
			e.Path, e.Offset, e.Record, e.What, e.Why)
	}
	kept := "the first"
	if e.Record > 1 {
		kept = fmt.Sprintf("records 1 to %d before it are intact", e.Record-1)
	}
	return fmt.Sprintf("wal: %s is damaged at byte %d (record %d; %s): %s; %s",
		e.Path, e.Offset, e.Record, kept, e.What, e.Why)
}

// Is makes errors.Is(err, ErrDamaged) true.
func (e *DamageError) Is(target error) bool { return target == ErrDamaged }
