package wal

import (
	"sync/atomic"
	"testing"
)

// countingFile counts fsyncs, to show how many records each one covers.
type countingFile struct {
	file
	syncs atomic.Int64
}

func (c *countingFile) Sync() error {
	c.syncs.Add(1)
	return c.file.Sync()
}

// openCounting opens a log in a fresh directory with its fsyncs counted.
func openCounting(b *testing.B) (*Log, *countingFile) {
	b.Helper()
	var c countingFile
	l, _, err := openWith(b.TempDir(), Options{}, hooks{wrap: func(f file) file {
		c.file = f
		return &c
	}})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { l.Close() })
	return l, &c
}

func reportPerFsync(b *testing.B, c *countingFile) {
	b.ReportMetric(float64(b.N)/float64(max(c.syncs.Load(), 1)), "records/fsync")
}

// BenchmarkAppendWait is the server's write path under load: many handlers
// each appending a state change and waiting for it to be durable. Group
// commit shows as records/fsync well above 1.
func BenchmarkAppendWait(b *testing.B) {
	l, c := openCounting(b)
	payload := make([]byte, 200)
	b.SetParallelism(32) // handlers block on I/O, so there are many per CPU
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			lsn, err := l.Append(payload)
			if err == nil {
				err = l.Wait(lsn)
			}
			if err != nil {
				b.Error(err)
				return
			}
		}
	})
	b.StopTimer()
	reportPerFsync(b, c)
}

// BenchmarkAppendWaitSerial is one writer at a time: the cost of one fsync
// per record, which group commit exists to share.
func BenchmarkAppendWaitSerial(b *testing.B) {
	l, c := openCounting(b)
	payload := make([]byte, 200)
	b.ResetTimer()
	for range b.N {
		lsn, err := l.Append(payload)
		if err == nil {
			err = l.Wait(lsn)
		}
		if err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	reportPerFsync(b, c)
}

// BenchmarkOpen is a restart: open a data dir whose history is 1,000 or
// 1,000,000 records, with a snapshot covering all but the last 100 (as
// compaction leaves it), and without one for comparison. With a snapshot
// the open time does not grow with the history.
func BenchmarkOpen(b *testing.B) {
	for _, bc := range []struct {
		name     string
		history  int
		snapshot bool
	}{
		{"history=1000/snapshot", 1_000, true},
		{"history=1000000/snapshot", 1_000_000, true},
		{"history=1000000/no-snapshot", 1_000_000, false},
	} {
		b.Run(bc.name, func(b *testing.B) {
			dir := compactedHistory(b, bc.history, 100)
			if !bc.snapshot {
				dir = b.TempDir()
				l, _, err := Open(dir, nil)
				if err != nil {
					b.Fatal(err)
				}
				appendMany(b, l, bc.history+100)
				if err := l.Close(); err != nil {
					b.Fatal(err)
				}
			}
			for b.Loop() {
				l, _, err := OpenWith(dir, discardAll())
				if err != nil {
					b.Fatal(err)
				}
				if err := l.Close(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
