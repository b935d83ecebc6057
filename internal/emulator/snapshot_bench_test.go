package emulator

import (
	"bytes"
	"fmt"
	"testing"
	"time"
)

// BenchmarkSnapshot measures a snapshot of an application of 1,000 or
// 1,000,000 members, as --preload-members makes them: Capture (the
// freeze-ms metric is how long every application was held at once,
// held-ms how long the application was, until copied), Encode (and the
// size it writes), and Restore into a new emulator. The 1,000,000 case
// takes seconds to set up and is left out with -short.
func BenchmarkSnapshot(b *testing.B) {
	for _, n := range []int{1_000, 1_000_000} {
		b.Run(fmt.Sprintf("members=%d", n), func(b *testing.B) {
			if n > 1_000 && testing.Short() {
				b.Skip("-short: the large state takes seconds to build")
			}
			e := newTest()
			createMembers(b, e, "app", "member-", n)
			var snap bytes.Buffer
			benchEncode(b, e, &snap, 1)
			b.Run("capture", func(b *testing.B) { benchCapture(b, e) })
			b.Run("encode", func(b *testing.B) { benchEncode(b, e, &snap, b.N) })
			b.Run("restore", func(b *testing.B) { benchRestore(b, snap.Bytes(), n) })
		})
	}
}

func benchCapture(b *testing.B, e *Emulator) {
	var frozen, held time.Duration
	n := 0
	for b.Loop() {
		s, err := e.Capture(nil)
		if err != nil {
			b.Fatal(err)
		}
		frozen, held, n = frozen+s.Stats().Frozen, held+s.Stats().Held, n+1
	}
	b.ReportMetric(float64(frozen.Microseconds())/1000/float64(n), "freeze-ms")
	b.ReportMetric(float64(held.Microseconds())/1000/float64(n), "held-ms")
}

// benchEncode encodes a capture of e into out, times times.
func benchEncode(b *testing.B, e *Emulator, out *bytes.Buffer, times int) {
	s, err := e.Capture(nil)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for range times {
		out.Reset()
		if err := s.Encode(out); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(out.Len()), "bytes")
	b.ReportMetric(float64(out.Len())/float64(s.Stats().Members), "bytes/member")
}

func benchRestore(b *testing.B, snap []byte, members int) {
	for b.Loop() {
		r := newTest()
		if err := r.Restore(bytes.NewReader(snap)); err != nil {
			b.Fatal(err)
		}
		if got := len(r.apps["app"].members); got != members {
			b.Fatalf("%d members restored, %d captured", got, members)
		}
	}
}
