package wal

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// memberRecord is record i as tsymock's store writes one: a JSON op.
func memberRecord(i int) string {
	return fmt.Sprintf(`{"op":{"sysid":"100000000002","kind":"call","name":"MemberService.createMember",`+
		`"param":{"bizUserId":"member-%d","memberType":3,"source":1},"tape":{"times":[1767225600%03d]}}}`, i, i%1000)
}

// history is a log of the size the outside probe damaged (9,945 members),
// with each frame's offset.
type history struct {
	payloads []string
	file     []byte
	offsets  []int64 // offsets[i] is where record i+1 starts
}

func newHistory(n int) history {
	var h history
	for i := 1; i <= n; i++ {
		h.offsets = append(h.offsets, int64(len(h.file)))
		h.payloads = append(h.payloads, memberRecord(i))
		h.file = appendFrame(h.file, []byte(h.payloads[i-1]))
	}
	return h
}

// recordAt is the LSN of the frame holding byte off.
func (h history) recordAt(off int64) uint64 {
	i, found := slices.BinarySearch(h.offsets, off)
	if !found {
		i--
	}
	return uint64(i + 1)
}

// damageCase is a log changed after it was written, and where the damage
// must be reported.
type damageCase struct {
	name   string
	file   []byte
	record uint64 // first record that cannot be read
	what   string // part of the report
}

// flipCases flip one bit at the start, at 10 %, in the middle and in the
// last frame of h, each in three bit positions, so that lengths, checksums
// and payloads are all hit.
func flipCases(h history) []damageCase {
	last := h.offsets[len(h.offsets)-1]
	at := map[string]int64{
		"start (length word of record 1)": 0,
		"10 %":                            int64(len(h.file)) / 10,
		"middle":                          int64(len(h.file)) / 2,
		"last frame's length word":        last + 1,
		"last frame's checksum":           last + 5,
		"last frame's payload":            last + headerSize + 20,
	}
	var cases []damageCase
	for name, off := range at {
		for _, bit := range []uint{0, 3, 7} {
			f := slices.Clone(h.file)
			f[off] ^= 1 << bit
			cases = append(cases, damageCase{name: fmt.Sprintf("flip bit %d at %s", bit, name), file: f,
				record: h.recordAt(off)})
		}
	}
	return cases
}

// otherDamage is damage other than a bit flip.
func otherDamage(h history) []damageCase {
	n := uint64(len(h.offsets))
	mid := h.offsets[n/2]
	withZeros := slices.Clone(h.file)
	clear(withZeros[mid : mid+2*sectorSize]) // a lost block mid-file
	return []damageCase{
		{"garbage appended", append(slices.Clone(h.file), "this is not a frame\n"...), n + 1, "over the"},
		{"a record appended with a bad checksum", append(slices.Clone(h.file), corruptFrame("late")...), n + 1,
			"checksum"},
		{"zeroed block mid-file", withZeros, n/2 + 1, "length word is 0"},
		{"length word past the end", append(slices.Clone(h.file), setLen(logBytes("whole"), 6)...), n + 1,
			"but the file ends"},
	}
}

// corruptFrame is payload's frame with a wrong checksum.
func corruptFrame(payload string) []byte {
	f := logBytes(payload)
	f[4] ^= 0xff
	return f
}

// TestDamageIsRefused is the regression test of the outside probe's
// finding: one flipped bit in a 9,945-record log made Open keep the records
// before it, cut the file there (the 8,900 good records after it were
// lost for good) and call it a torn end. Now Open refuses, leaves the file
// byte for byte as it was, and names the file, the byte offset and the
// record. Before the fix each case opened with records missing.
func TestDamageIsRefused(t *testing.T) {
	h := newHistory(9945)
	for _, tc := range append(flipCases(h), otherDamage(h)...) {
		t.Run(tc.name, func(t *testing.T) {
			dir := writeLog(t, tc.file)
			_, _, err := Open(dir, nil)
			var de *DamageError
			require.ErrorAs(t, err, &de)
			require.ErrorIs(t, err, ErrDamaged)
			path := filepath.Join(dir, FileName)
			assert.Equal(t, path, de.Path)
			assert.Equal(t, tc.record, de.Record)
			assert.Equal(t, h.frameStart(tc.record), de.Offset)
			assert.Contains(t, de.What, tc.what)
			assert.Contains(t, err.Error(), fmt.Sprintf("%s is damaged at byte %d (record %d", path, de.Offset, de.Record))
			got, rerr := os.ReadFile(path)
			require.NoError(t, rerr)
			assert.Equal(t, tc.file, got, "a refused log is left as it was")
		})
	}
}

// frameStart is where record lsn starts (just past the end for the record
// after the last).
func (h history) frameStart(lsn uint64) int64 {
	if int(lsn) > len(h.offsets) {
		return int64(len(h.file))
	}
	return h.offsets[lsn-1]
}

// TestSalvageKeepsWhatIsProvablyGood: on each damaged log, Salvage sets the
// file aside unchanged and keeps exactly the records before the damage; the
// log opens and goes on from there.
func TestSalvageKeepsWhatIsProvablyGood(t *testing.T) {
	h := newHistory(9945)
	for _, tc := range append(flipCases(h), otherDamage(h)...) {
		t.Run(tc.name, func(t *testing.T) {
			dir := writeLog(t, tc.file)
			info, err := Salvage(dir)
			require.NoError(t, err)
			require.NotNil(t, info.Damage)
			assert.Equal(t, tc.record, info.Damage.Record)
			assert.Equal(t, tc.record-1, info.Kept)
			require.Len(t, info.SetAside, 1)
			assert.Contains(t, info.SetAside[0], filepath.Join(dir, FileName+".damaged-"))
			aside, err := os.ReadFile(info.SetAside[0])
			require.NoError(t, err)
			assert.Equal(t, tc.file, aside, "the damaged file is set aside as it was")

			var got []record
			l, oinfo, err := Open(dir, collector(&got))
			require.NoError(t, err)
			assert.Equal(t, records(1, h.payloads[:tc.record-1]...), got)
			assert.Zero(t, oinfo.Truncated)
			lsn, err := l.Append([]byte("after salvage"))
			require.NoError(t, err)
			assert.Equal(t, tc.record, lsn)
			require.NoError(t, l.Close())
		})
	}
}

func TestSalvageLeavesAWholeLogAlone(t *testing.T) {
	h := newHistory(50)
	for _, tc := range []struct {
		name string
		file []byte
	}{
		{"whole", h.file},
		{"torn end", h.file[:len(h.file)-3]},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := writeLog(t, tc.file)
			info, err := Salvage(dir)
			require.NoError(t, err)
			assert.Equal(t, SalvageInfo{}, info)
			got, err := os.ReadFile(filepath.Join(dir, FileName))
			require.NoError(t, err)
			assert.Equal(t, tc.file, got, "Salvage leaves a torn end to Open")
			entries, err := os.ReadDir(dir)
			require.NoError(t, err)
			assert.Len(t, entries, 2, "the log and the lock, nothing set aside")
		})
	}
}

// TestDamageReportNamesEverything pins the message an operator reads.
func TestDamageReportNamesEverything(t *testing.T) {
	h := newHistory(10)
	f := slices.Clone(h.file)
	f[h.offsets[4]+headerSize+3] ^= 1
	dir := writeLog(t, f)
	_, _, err := Open(dir, nil)
	path := filepath.Join(dir, FileName)
	assert.EqualError(t, err, fmt.Sprintf("wal: %s is damaged at byte %d (record 5; records 1 to 4 before it are intact): "+
		"the checksum of its %d bytes does not match; a valid record follows at byte %d, and a crash can tear only the end of the log",
		path, h.offsets[4], h.offsets[5]-h.offsets[4]-headerSize, h.offsets[5]))
	assert.True(t, errors.Is(err, ErrDamaged))
}
