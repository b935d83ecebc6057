package pages

import (
	"context"
	"crypto/rand"
	"fmt"
	"strconv"
	"sync"
	"time"

	"github.com/tsymock/tsymock/internal/clock"
	"github.com/tsymock/tsymock/internal/emulator"
	"github.com/tsymock/tsymock/internal/soa"
)

// pageSessionTTL is how long a page's confirm and fail buttons work after
// it was opened, by the server's clock: a test that moves the clock past
// it finds the page expired, and a fixed clock keeps a page as long as it
// keeps the time (the store's bounds aside: see pageStore.put).
const pageSessionTTL = 15 * time.Minute

// maxPageSessions and maxPageBytes bound the open pages kept, in number
// and in estimated bytes; past either new pages are refused until old ones
// expire or are used. A page keeps its decoded params, which a request can
// make large (up to the body limit): the byte bound keeps abandoned pages
// from taking the memory.
const (
	maxPageSessions = 10000
	maxPageBytes    = 64 << 20
	// maxSysidPages bounds one application's open pages, so that a job
	// that opens pages in a loop cannot take the store from the others
	// (docs/admin.md, Isolation).
	maxSysidPages = maxPageSessions / 4
)

// pageSession is an opened page: what its signed parameters said, kept on
// the server behind a token, so that the confirm and fail forms carry only
// the token and never re-signed parameters.
type pageSession struct {
	token   string
	path    string
	sysid   string
	service string
	method  string
	param   map[string]any // decrypted
	// returnURL is where the browser goes back: jumpUrl, or the order's
	// frontUrl; "" shows a result page instead. toJump marks it the
	// jumpUrl sent, whose return has the keys of its table (jumpUrlValue).
	returnURL string
	toJump    bool
	backURL   string
	view      pageView
	// link marks a page opened by an order's payInfo link, which carries
	// no signed params; sms is how frontTrans.do takes the order's SMS
	// code.
	link bool
	sms  emulator.PageSMS
	// payNow marks a frontTrans.do opened with the SMS code of an order
	// that asks the user nothing more: opening it pays the order.
	payNow  bool
	expires time.Time // by the server's clock
	// opened is when the page was opened in real time: a full store
	// forgets the pages abandoned for pageSessionTTL of it.
	opened time.Time
	size   int // estimated bytes held, for maxPageBytes
}

// str returns a parameter as text (numbers as the JSON had them).
func (p *pageSession) str(name string) string {
	switch v := p.param[name].(type) {
	case nil:
		return ""
	case string:
		return v
	default:
		return fmt.Sprint(v)
	}
}

// num returns an integer parameter (the catalogue has checked it), 0 when
// absent.
func (p *pageSession) num(name string) int64 {
	n, _ := strconv.ParseInt(p.str(name), 10, 64)
	return n
}

// sweepEvery is how often, in real time, opening a page also forgets the
// pages expired by then.
const sweepEvery = time.Minute

// pageStore holds the open pages. It is safe for concurrent use.
type pageStore struct {
	clock    clock.Clock // the server's, which page expiry follows
	mu       sync.Mutex
	sessions map[string]*pageSession
	bytes    int
	bySysid  map[string]int // open pages per application
	swept    time.Time      // the wall time of the last sweep of the expired pages
	// ended are the tokens whose button sent the browser back, for
	// pageSessionTTL: a second click answers the same (ended, result).
	ended map[string]pageResult
	// pressing are the tokens whose button is being worked on, for a
	// second press to wait for (claim, finish).
	pressing map[string]*press
}

// press is one press of a page's button, from claim to finish. A second
// press of the token meanwhile (a double click: the browser drops the
// first request and shows what the second gets) waits for done and lands
// where this one did; again and serr say where, set before done closes.
type press struct {
	page *pageSession
	done chan struct{}
	// again marks the page shown again with serr (a wrong code or
	// password, a malformed field), its token valid; serr alone an error
	// page; neither a return to the merchant (pageStore.result).
	again bool
	serr  *soa.Error
}

// wait waits for the press to finish, false if ctx ends first (the
// browser went away).
func (pr *press) wait(ctx context.Context) bool {
	select {
	case <-pr.done:
		return true
	case <-ctx.Done():
		return false
	}
}

// pageResult is how a page's used token ended: where the browser was sent
// back (location), or the result shown on a page without a return
// address (title and rps).
type pageResult struct {
	sysid, path, location, title, rps string
	until                             time.Time // by the server's clock
}

func newPageStore(c clock.Clock) *pageStore {
	if c == nil {
		c = clock.System{}
	}
	return &pageStore{clock: c, sessions: map[string]*pageSession{}, bySysid: map[string]int{}, ended: map[string]pageResult{},
		pressing: map[string]*press{}}
}

// end keeps how the page of token ended, so that a double click, or the
// browser's back button and a resubmit, lands where the first click did
// instead of on an error page (probe-Y). At most maxPageSessions are kept:
// past it the expired go, then any one.
func (ps *pageStore) end(token string, res pageResult) {
	if token == "" {
		return // a page that was never kept (frontTrans.do paid as it opened) has no button to press again
	}
	ps.mu.Lock()
	defer ps.mu.Unlock()
	now := ps.clock.Now()
	if len(ps.ended) >= maxPageSessions {
		for t, old := range ps.ended {
			if now.After(old.until) || len(ps.ended) >= maxPageSessions {
				delete(ps.ended, t)
			}
		}
	}
	res.until = now.Add(pageSessionTTL)
	ps.ended[token] = res
}

// result is how the page of a used token posted to path ended, if it did
// within pageSessionTTL.
func (ps *pageStore) result(token, path string) (pageResult, bool) {
	if token == "" {
		return pageResult{}, false
	}
	ps.mu.Lock()
	defer ps.mu.Unlock()
	res, ok := ps.ended[token]
	return res, ok && res.path == path && !ps.clock.Now().After(res.until)
}

// add keeps p under its token. Callers hold ps.mu.
func (ps *pageStore) add(p *pageSession) {
	ps.sessions[p.token] = p
	ps.bytes += p.size
	ps.bySysid[p.sysid]++
}

// drop forgets the page of token. Callers hold ps.mu.
func (ps *pageStore) drop(token string, p *pageSession) {
	delete(ps.sessions, token)
	ps.bytes -= p.size
	if ps.bySysid[p.sysid]--; ps.bySysid[p.sysid] <= 0 {
		delete(ps.bySysid, p.sysid)
	}
}

// forget drops the open pages of sysid, every page when sysid is "": a
// reset forgets them with the state they showed, so that a page opened
// before it cannot act on an order made after it under the same number.
func (ps *pageStore) forget(sysid string) {
	ps.mu.Lock()
	defer ps.mu.Unlock()
	for token, p := range ps.sessions {
		if sysid == "" || p.sysid == sysid {
			ps.drop(token, p)
		}
	}
	for token, res := range ps.ended {
		if sysid == "" || res.sysid == sysid {
			delete(ps.ended, token)
		}
	}
}

// put keeps an opened page and gives it a fresh token. The expired pages
// are forgotten once a minute of real time (claim refuses an expired page
// by itself, so between sweeps an open costs O(1) while the store has
// room), so that a long-running sandbox does not keep thousands of dead
// pages; a store full of pages (maxPageSessions, maxPageBytes) first
// forgets the expired ones, then those abandoned for pageSessionTTL of
// real time, which a fixed or stopped server clock would otherwise keep
// for ever.
func (ps *pageStore) put(p *pageSession) error {
	ps.mu.Lock()
	defer ps.mu.Unlock()
	if time.Since(ps.swept) > sweepEvery {
		ps.sweep(false)
	}
	for _, abandoned := range []bool{false, true} {
		if ps.full(p) || ps.bySysid[p.sysid] >= maxSysidPages {
			ps.sweep(abandoned)
		}
	}
	if ps.bySysid[p.sysid] >= maxSysidPages {
		return fmt.Errorf("sysid %s has %d pages open, the most one application may (the others keep theirs); try again when "+
			"some have expired (after %v) or been used, or reset it", p.sysid, maxSysidPages, pageSessionTTL)
	}
	if ps.full(p) {
		return fmt.Errorf("more than %d pages (or %d MiB of their parameters) are open; try again when some have expired (after %v) or been used",
			maxPageSessions, maxPageBytes>>20, pageSessionTTL)
	}
	p.token = rand.Text()
	p.expires, p.opened = ps.clock.Now().Add(pageSessionTTL), time.Now()
	ps.add(p)
	return nil
}

// claim takes the page of a token posted to path for one press of its
// button, which the caller finishes: a token works once (two clicks cannot
// pay twice). ok is false for an unknown, expired or foreign token; then a
// press is returned when the token's page is being pressed already, for
// the second press to wait for.
func (ps *pageStore) claim(token, path string) (*press, bool) {
	ps.mu.Lock()
	defer ps.mu.Unlock()
	p, ok := ps.sessions[token]
	if !ok || p.path != path {
		if pr := ps.pressing[token]; pr != nil && pr.page.path == path {
			return pr, false
		}
		return nil, false
	}
	ps.drop(token, p)
	if ps.clock.Now().After(p.expires) {
		return nil, false
	}
	pr := &press{page: p, done: make(chan struct{})}
	ps.pressing[token] = pr
	return pr, true
}

// finish ends a press of token's page, its outcome set (the page restored
// or its result kept first): the presses waiting for it go on.
func (ps *pageStore) finish(token string, pr *press) {
	ps.mu.Lock()
	if ps.pressing[token] == pr {
		delete(ps.pressing, token)
	}
	ps.mu.Unlock()
	close(pr.done)
}

// full reports whether keeping p would pass the store's bounds. Callers
// hold ps.mu.
func (ps *pageStore) full(p *pageSession) bool {
	return len(ps.sessions) >= maxPageSessions || ps.bytes+p.size > maxPageBytes
}

// restore puts a claimed page back, for another try after a wrong code or
// password.
func (ps *pageStore) restore(p *pageSession) {
	ps.mu.Lock()
	defer ps.mu.Unlock()
	ps.add(p)
}

// sweep forgets the pages expired by the server's clock and, when
// abandoned is set, those opened pageSessionTTL ago in real time too.
// Callers hold ps.mu.
func (ps *pageStore) sweep(abandoned bool) {
	now, wall := ps.clock.Now(), time.Now()
	ps.swept = wall
	for token, p := range ps.sessions {
		if now.After(p.expires) || (abandoned && wall.Sub(p.opened) > pageSessionTTL) {
			ps.drop(token, p)
		}
	}
}

// OpenSessions is how many opened pages still work now (not expired by the
// server's clock): for metrics, read when asked. Expired pages wait for
// the next sweep (pageStore.put), so it counts them out here.
func (h *Handler) OpenSessions() int {
	h.sessions.mu.Lock()
	defer h.sessions.mu.Unlock()
	now, n := h.sessions.clock.Now(), 0
	for _, p := range h.sessions.sessions {
		if !now.After(p.expires) {
			n++
		}
	}
	return n
}

// Forget drops the open pages of sysid (every page when sysid is ""), as
// a reset of it does: their buttons answer that the page expired.
func (h *Handler) Forget(sysid string) { h.sessions.forget(sysid) }
