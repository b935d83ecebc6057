package emulator

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/clock"
	"github.com/tsymock/tsymock/internal/ids"
	"github.com/tsymock/tsymock/internal/testtool"
)

// idsCall runs a method for sysid and returns its answer.
func idsCall(t testing.TB, e *Emulator, sysid, service, method, param string) map[string]any {
	t.Helper()
	p := map[string]any{}
	dec := json.NewDecoder(strings.NewReader(param))
	dec.UseNumber()
	require.NoError(t, dec.Decode(&p), param)
	v, serr := e.Handle(context.Background(), Request{SysID: sysid, Service: service, Method: method, Param: p})
	require.Nil(t, serr, "%s %s of %s", method, param, sysid)
	return v
}

// idsFlow runs a small job on sysid, part n of it (0, 1, ...: each part
// goes on from the state the one before left), and returns the ids its
// answers handed out: userIds of new members, a transferNo and an orderNo.
func idsFlow(t testing.TB, e *Emulator, sysid string, n int) []string {
	t.Helper()
	payer, payee := fmt.Sprintf("p%d", n), fmt.Sprintf("r%d", n)
	var out []string
	for _, id := range []string{payer, payee} {
		v := idsCall(t, e, sysid, "MemberService", "createMember", fmt.Sprintf(`{"bizUserId":%q,"memberType":3,"source":1}`, id))
		out = append(out, v["userId"].(string))
	}
	idsCall(t, e, sysid, "MemberService", "sendVerificationCode",
		fmt.Sprintf(`{"bizUserId":%q,"phone":"13900000001","verificationCodeType":9}`, payer))
	idsCall(t, e, sysid, "MemberService", "bindPhone",
		fmt.Sprintf(`{"bizUserId":%q,"phone":"13900000001","verificationCode":"111111"}`, payer))
	v := idsCall(t, e, sysid, "OrderService", "applicationTransfer", fmt.Sprintf(
		`{"bizTransferNo":"f-%s","sourceAccountSetNo":"100001","targetBizUserId":%q,"targetAccountSetNo":"200126","amount":500}`,
		payer, payer))
	out = append(out, v["transferNo"].(string))
	v = idsCall(t, e, sysid, "OrderService", "consumeApply", consume(payer, payee, "c-"+payer, 100, 0, ""))
	return append(out, v["orderNo"].(string))
}

func seededAt(seed uint64, l *memLog) *Emulator {
	cfg := Config{Clock: clock.NewManual(time.Date(2026, 11, 28, 4, 0, 0, 0, time.UTC)), IDs: ids.NewSeeded(seed)}
	if l != nil {
		cfg.Recorder = l
	}
	return New(cfg)
}

// TestIDsDependOnTheApplicationAlone: with a seed, an application's ids
// depend on the seed, its sysid and the order of its own calls: not on
// what other applications call before or between, nor on whether the
// state is kept.
func TestIDsDependOnTheApplicationAlone(t *testing.T) {
	alone := seededAt(42, nil)
	want := append(idsFlow(t, alone, "job", 0), idsFlow(t, alone, "job", 1)...)
	tests := []struct {
		name string
		run  func(e *Emulator) []string
		same bool
	}{
		{"again", func(e *Emulator) []string { return append(idsFlow(t, e, "job", 0), idsFlow(t, e, "job", 1)...) }, true},
		{"another application before", func(e *Emulator) []string {
			idsFlow(t, e, "other", 0)
			return append(idsFlow(t, e, "job", 0), idsFlow(t, e, "job", 1)...)
		}, true},
		{"another application between", func(e *Emulator) []string {
			got := idsFlow(t, e, "job", 0)
			idsFlow(t, e, "other", 0)
			idsFlow(t, e, "other", 1)
			return append(got, idsFlow(t, e, "job", 1)...)
		}, true},
		{"another sysid", func(e *Emulator) []string { return append(idsFlow(t, e, "job2", 0), idsFlow(t, e, "job2", 1)...) }, false},
	}
	for _, tt := range tests {
		for _, kept := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s kept %v", tt.name, kept), func(t *testing.T) {
				var l *memLog
				if kept {
					l = &memLog{}
				}
				got := tt.run(seededAt(42, l))
				if tt.same {
					assert.Equal(t, want, got)
					return
				}
				for i := range got {
					assert.NotEqual(t, want[i], got[i])
				}
			})
		}
	}
	assert.NotEqual(t, want, idsFlow(t, seededAt(43, nil), "job", 0)[:4], "another seed")
}

// TestConcurrentApplicationsGetTheirOwnIDs: 8 jobs on 8 sysids calling at
// once get the same ids, per sysid, in two runs (and the ones a job gets
// alone): what one job draws never depends on when the others call.
func TestConcurrentApplicationsGetTheirOwnIDs(t *testing.T) {
	const jobs = 8
	var sysids []string
	for j := range jobs {
		sysids = append(sysids, fmt.Sprintf("30000000000%d", j))
	}
	run := func() map[string][]string {
		e := seededAt(42, &memLog{})
		return testtool.Parallel(sysids, func(sysid string) []string {
			var got []string
			for n := range 3 {
				got = append(got, idsFlow(t, e, sysid, n)...)
			}
			return got
		})
	}
	first, second := run(), run()
	require.Len(t, first, jobs)
	assert.Equal(t, first, second)
	alone := seededAt(42, nil)
	var want []string
	for n := range 3 {
		want = append(want, idsFlow(t, alone, "300000000005", n)...)
	}
	assert.Equal(t, want, first["300000000005"])
}

// TestResetRestartsTheStream: a reset application draws its stream from
// the start again (docs/admin.md, Reset), so a test that resets first gets
// the same ids every time; the other applications' streams go on. A
// replay of the log does the same.
func TestResetRestartsTheStream(t *testing.T) {
	l := &memLog{}
	e := seededAt(42, l)
	first := idsFlow(t, e, "job", 0)
	other := idsFlow(t, e, "other", 0)
	require.NoError(t, e.Reset("job"))
	assert.Equal(t, first, idsFlow(t, e, "job", 0), "after the reset, the same ids")
	otherNext := idsFlow(t, e, "other", 1)
	assert.NotEqual(t, other, otherNext, "the others' go on")
	require.NoError(t, e.Reset(""))
	assert.Equal(t, other, idsFlow(t, e, "other", 0), "a reset of all restarts every stream")

	r := restart(t, l, 42, "log")
	for _, sysid := range []string{"job", "other"} {
		assert.Equal(t, snapshot(e, sysid), snapshot(r, sysid))
	}
	assert.Equal(t, idsFlow(t, e, "job", 1), idsFlow(t, r, "job", 1), "after the replay, where the stream stood")
}

// restartKinds restart an emulator from its log: every record replayed,
// or a snapshot taken on the way and the records after it.
func restartKinds() []string { return []string{"log", "snapshot"} }

// restart makes a new emulator of seed from l: from its records, or from a
// snapshot of the emulator a replay of the first half of them builds and
// the records after it.
func restart(t *testing.T, l *memLog, seed uint64, kind string) *Emulator {
	t.Helper()
	ops := make([]Op, len(l.ops))
	for i, b := range l.ops {
		ops[i] = decodeOp(t, string(b))
	}
	r := seededAt(seed, nil)
	from := 0
	if kind == "snapshot" {
		half := seededAt(seed, nil)
		from = len(ops) / 2
		for i, op := range ops[:from] {
			require.NoError(t, half.Replay(op, uint64(i+1)))
		}
		s, err := half.Capture(nil)
		require.NoError(t, err)
		var b bytes.Buffer
		require.NoError(t, s.Encode(&b))
		require.NoError(t, r.Restore(&b))
	}
	for i, op := range ops[from:] {
		require.NoError(t, r.Replay(op, uint64(from+i+1)))
	}
	return r
}

// TestRestartDrawsAsAnUninterruptedRun: after a restart, from the log or
// from a snapshot and the log, every application draws the ids an
// uninterrupted run draws: no id twice, none other.
func TestRestartDrawsAsAnUninterruptedRun(t *testing.T) {
	sysids := []string{"a", "b", "c"}
	for _, kind := range restartKinds() {
		t.Run(kind, func(t *testing.T) {
			l := &memLog{}
			e := seededAt(42, l)
			seen := map[string]bool{}
			for n := range 2 {
				for _, sysid := range sysids {
					for _, id := range idsFlow(t, e, sysid, n) {
						seen[sysid+" "+id] = true
					}
				}
			}
			require.NoError(t, e.Reset("c"))
			r := restart(t, l, 42, kind)
			for _, sysid := range sysids {
				assert.Equal(t, snapshot(e, sysid), snapshot(r, sysid), sysid)
				got, want := idsFlow(t, r, sysid, 2), idsFlow(t, e, sysid, 2)
				assert.Equal(t, want, got, sysid)
				if sysid != "c" { // a reset application draws its ids again
					for _, id := range got {
						assert.False(t, seen[sysid+" "+id], "%s drew %s twice", sysid, id)
					}
				}
			}
		})
	}
}

// serial is the serial that ends a number (ids.Source.Number).
func serial(t *testing.T, no string) int {
	t.Helper()
	var n int
	_, err := fmt.Sscanf(no[len(no)-9:], "%d", &n)
	require.NoError(t, err, no)
	return n
}

// TestAnOlderDataDirKeepsItsIDs: a log, or a snapshot, written when every
// application drew from one shared stream (made here as an older version
// made it: StreamsShared, a version 1 snapshot) opens with the state it
// had; the applications then draw from their own streams, and never an id
// the older version handed out: every number's serial is above those of
// the shared stream, and userIds come from other streams.
func TestAnOlderDataDirKeepsItsIDs(t *testing.T) {
	for _, kind := range restartKinds() {
		t.Run(kind, func(t *testing.T) {
			l := &memLog{}
			old := seededAt(42, l)
			old.drawAs = StreamsShared
			handed := map[string]bool{}
			top := 0
			for n := range 2 {
				for _, sysid := range []string{"a", "b"} {
					got := idsFlow(t, old, sysid, n)
					for _, id := range got {
						handed[id] = true
					}
					top = max(top, serial(t, got[2]), serial(t, got[3]))
				}
			}
			assert.Contains(t, string(l.ops[0]), `"tape"`)
			assert.NotContains(t, string(l.ops[0]), `"streams"`, "as an older version wrote it")

			r := seededAt(42, nil)
			if kind == "snapshot" {
				s, err := old.Capture(nil)
				require.NoError(t, err)
				var b bytes.Buffer
				require.NoError(t, s.Encode(&b))
				v1 := strings.Replace(b.String(), `"version":2`, `"version":1`, 1)
				v1 = regexp.MustCompile(`,"ids":\{[^}]*\}`).ReplaceAllString(v1, "")
				require.NoError(t, r.Restore(strings.NewReader(v1)))
			} else {
				for i, b := range l.ops {
					require.NoError(t, r.Replay(decodeOp(t, string(b)), uint64(i+1)))
				}
			}
			for _, sysid := range []string{"a", "b"} {
				assert.Equal(t, snapshot(old, sysid), snapshot(r, sysid), "the state it had")
			}
			for _, sysid := range []string{"a", "b", "new"} {
				got := idsFlow(t, r, sysid, 2)
				for _, id := range got {
					assert.False(t, handed[id], "%s: %s was handed out before", sysid, id)
				}
				assert.Greater(t, serial(t, got[2]), top, sysid)
			}
		})
	}
}

// TestUnseededIDsStayRandom: without a seed two servers' ids differ, and
// one application's numbers never repeat.
func TestUnseededIDsStayRandom(t *testing.T) {
	a, b := New(Config{}), New(Config{})
	x, y := idsFlow(t, a, "job", 0), idsFlow(t, b, "job", 0)
	for i := range x {
		assert.NotEqual(t, x[i], y[i])
	}
	require.NoError(t, a.Reset("job"))
	z := idsFlow(t, a, "job", 0)
	for i := range x {
		assert.NotEqual(t, x[i], z[i], "a reset application's random ids are new too")
	}
}
