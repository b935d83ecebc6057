package pages

import (
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/clock"
)

// TestPageExpiryFollowsTheServerClock: a page's token works for
// pageSessionTTL of the server's clock, however much real time passed: a
// fixed clock keeps it, a moved clock ends it.
func TestPageExpiryFollowsTheServerClock(t *testing.T) {
	for _, tt := range []struct {
		name    string
		advance time.Duration
		ok      bool
	}{
		{"fixed clock", 0, true},
		{"14 minutes later", 14 * time.Minute, true},
		{"at 15 minutes", pageSessionTTL, true},
		{"16 minutes later", 16 * time.Minute, false},
		{"a day later", 24 * time.Hour, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c := clock.NewManual(time.Date(2026, 12, 1, 2, 0, 0, 0, time.UTC))
			ps := newPageStore(c)
			p := &pageSession{path: frontTransPath, size: 10}
			require.NoError(t, ps.put(p))
			p.opened = p.opened.Add(-time.Hour) // real time passed too: it does not count
			c.Advance(tt.advance)
			got, ok := ps.claim(p.token, frontTransPath)
			assert.Equal(t, tt.ok, ok)
			if tt.ok {
				assert.Same(t, p, got.page)
			}
			assert.Zero(t, ps.bytes, "claimed or expired, the page is forgotten")
		})
	}
}

// TestFullStoreForgetsAbandonedPages: a store full of pages that a fixed
// clock never expires forgets those opened pageSessionTTL ago in real
// time before it refuses a new page; pages opened since are kept.
func TestFullStoreForgetsAbandonedPages(t *testing.T) {
	ps := newPageStore(clock.NewManual(time.Date(2026, 12, 1, 2, 0, 0, 0, time.UTC)))
	var first *pageSession
	for i := range maxPageSessions {
		p := &pageSession{path: frontTransPath, sysid: strconv.Itoa(i % 8)} // eight applications fill it
		require.NoError(t, ps.put(p))
		if i == 0 {
			first = p
		}
	}
	assert.Error(t, ps.put(&pageSession{path: frontTransPath, sysid: "8"}), "full, nothing abandoned yet")

	first.opened = first.opened.Add(-pageSessionTTL - time.Second)
	fresh := &pageSession{path: frontTransPath, sysid: "8"}
	require.NoError(t, ps.put(fresh), "the abandoned page made room")
	_, ok := ps.claim(first.token, frontTransPath)
	assert.False(t, ok, "the abandoned page was forgotten")
	_, ok = ps.claim(fresh.token, frontTransPath)
	assert.True(t, ok)
}

// TestOpenSessionsCountsWorkingPages: the gauge counts the pages whose
// buttons still work by the server's clock, not the expired ones the store
// keeps until it is full.
func TestOpenSessionsCountsWorkingPages(t *testing.T) {
	c := clock.NewManual(time.Date(2026, 12, 1, 2, 0, 0, 0, time.UTC))
	h := &Handler{sessions: newPageStore(c)}
	require.NoError(t, h.sessions.put(&pageSession{path: frontTransPath}))
	c.Advance(10 * time.Minute)
	require.NoError(t, h.sessions.put(&pageSession{path: frontTransPath}))
	assert.Equal(t, 2, h.OpenSessions())
	c.Advance(6 * time.Minute)
	assert.Equal(t, 1, h.OpenSessions(), "the first expired")
	assert.Len(t, h.sessions.sessions, 2, "kept until the next sweep")
}

// TestExpiredPagesAreSweptOnceAMinute: an open a minute (of real time)
// after the last sweep forgets the pages expired by the server's clock, so
// that a long-running server does not keep them until its store is full.
func TestExpiredPagesAreSweptOnceAMinute(t *testing.T) {
	c := clock.NewManual(time.Date(2026, 12, 1, 2, 0, 0, 0, time.UTC))
	ps := newPageStore(c)
	require.NoError(t, ps.put(&pageSession{path: frontTransPath}))
	c.Advance(pageSessionTTL + time.Second)
	require.NoError(t, ps.put(&pageSession{path: frontTransPath}))
	assert.Len(t, ps.sessions, 2, "swept less than a minute ago")
	ps.swept = ps.swept.Add(-sweepEvery - time.Second)
	require.NoError(t, ps.put(&pageSession{path: frontTransPath}))
	assert.Len(t, ps.sessions, 2, "the expired page was forgotten, the two working ones kept")
}

// TestOneApplicationCannotFillTheStore: an application that opens pages in
// a loop is refused past maxSysidPages, naming it, while another opens its
// own (probe-Y: one sysid's 10,000 pages refused every other's); a reset of
// it (forget) frees its share and leaves the others' pages working.
func TestOneApplicationCannotFillTheStore(t *testing.T) {
	ps := newPageStore(clock.NewManual(time.Date(2026, 12, 1, 2, 0, 0, 0, time.UTC)))
	for range maxSysidPages {
		require.NoError(t, ps.put(&pageSession{path: frontTransPath, sysid: "busy"}))
	}
	err := ps.put(&pageSession{path: frontTransPath, sysid: "busy"})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "sysid busy has 2500 pages open")
	other := &pageSession{path: frontTransPath, sysid: "quiet"}
	require.NoError(t, ps.put(other), "another application still opens its pages")

	ps.forget("busy")
	require.NoError(t, ps.put(&pageSession{path: frontTransPath, sysid: "busy"}), "its reset freed its share")
	_, ok := ps.claim(other.token, frontTransPath)
	assert.True(t, ok, "the other application's page still works")
	ps.forget("")
	assert.Empty(t, ps.sessions)
	assert.Empty(t, ps.bySysid)
	assert.Zero(t, ps.bytes)
}

// TestEndedTokensAnswerTheSame: a used token's result is kept for its own
// path for pageSessionTTL of the server's clock, and a reset of its sysid
// forgets it.
func TestEndedTokensAnswerTheSame(t *testing.T) {
	c := clock.NewManual(time.Date(2026, 12, 1, 2, 0, 0, 0, time.UTC))
	ps := newPageStore(c)
	ps.end("", pageResult{sysid: "a", path: frontTransPath, location: "http://127.0.0.1/jump?paid-as-opened"})
	_, ok := ps.result("", frontTransPath)
	assert.False(t, ok, "no token, nothing to press again: an empty token posted gets no one's return (review-AA)")
	ps.end("t1", pageResult{sysid: "a", path: frontTransPath, location: "http://127.0.0.1/jump?x"})
	ps.end("t2", pageResult{sysid: "b", path: frontTransPath, location: "http://127.0.0.1/jump?y"})
	res, ok := ps.result("t1", frontTransPath)
	require.True(t, ok)
	assert.Equal(t, "http://127.0.0.1/jump?x", res.location)
	_, ok = ps.result("t1", "/yungateway/other.html")
	assert.False(t, ok, "its own path only")
	ps.forget("a")
	_, ok = ps.result("t1", frontTransPath)
	assert.False(t, ok, "forgotten with its sysid")
	c.Advance(pageSessionTTL + time.Second)
	_, ok = ps.result("t2", frontTransPath)
	assert.False(t, ok, "expired")
}
