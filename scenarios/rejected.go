package scenarios

import (
	"slices"
	"time"
)

// Rejection is a watched file whose latest text was refused: a hot reload
// that did not happen. The rules in force are the file's previous ones
// (Kept), or none when it never loaded.
type Rejection struct {
	Source string    // the file, as Expand names it (File.Source of its rules)
	Time   time.Time // when this text was first refused (wall time)
	Errors Errors    // its problems, as file:line
	Kept   bool      // the file's previous rules stay in force
}

// Rejected lists the watched files whose latest text was refused, in load
// order: a CI step that edits a file can check that its edit was applied.
// The next good text of a file clears its rejection.
func (s *Set) Rejected() []Rejection {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return slices.Clone(s.rejected)
}
