package journal

import (
	"slices"

	"github.com/tsymock/tsymock/internal/soa"
)

// Upstream is what became of a call tsymock sent on to a real environment
// (serve --upstream, docs/record.md): its answer there, the file it was
// recorded in, and in compare mode how that answer differs from the
// emulator's.
type Upstream struct {
	URL  string `json:"url"`
	Mode string `json:"mode"` // passthrough, resign or compare
	// HTTPStatus is the upstream's, 0 when no answer came.
	HTTPStatus int     `json:"httpStatus,omitempty"`
	Duration   string  `json:"duration,omitempty"`
	DurationMS float64 `json:"durationMs,omitempty"`
	// Outcome, ErrorCode and Message are the upstream's answer.
	Outcome   string `json:"outcome,omitempty"`
	ErrorCode string `json:"errorCode,omitempty"`
	Message   string `json:"message,omitempty"`
	// Signature is how the answer's sign fared against the upstream's
	// certificate: valid, invalid, or unchecked without one.
	Signature string `json:"signature,omitempty"`
	// Error says why no usable answer came (down, too slow, not an
	// envelope); Skipped why the call was not sent at all.
	Error   string `json:"error,omitempty"`
	Skipped string `json:"skipped,omitempty"`
	// Recorded is the file the answer was recorded in.
	Recorded string `json:"recorded,omitempty"`
	// Differences are compare mode's: where the emulator's answer and the
	// upstream's differ.
	Differences []Difference `json:"differences,omitempty"`
}

// Difference is one place where the emulator's answer and the upstream's
// differ. Path is "status", "errorCode", "message" or
// "signedValue.<path into the answer>".
type Difference struct {
	Path string `json:"path"`
	// Kind is value, type (a number against a string, say), length (of a
	// list), missing-local (the emulator's answer lacks it) or
	// missing-upstream.
	Kind     string `json:"kind"`
	Local    any    `json:"local,omitempty"`
	Upstream any    `json:"upstream,omitempty"`
}

// clone copies u, so that a caller cannot change the journal's.
func (u *Upstream) clone() *Upstream {
	if u == nil {
		return nil
	}
	c := *u
	c.Differences = slices.Clone(u.Differences)
	for i, d := range c.Differences {
		c.Differences[i].Local, c.Differences[i].Upstream = copyValue(d.Local), copyValue(d.Upstream)
	}
	return &c
}

// copyValue copies decoded JSON.
func copyValue(v any) any { return soa.CopyParams(map[string]any{"v": v})["v"] }
