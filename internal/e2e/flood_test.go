package e2e

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/client"
	"github.com/tsymock/tsymock/keys/demo"
	"github.com/tsymock/tsymock/mock"
)

// The flood tests send many requests of one kind and measure the Go heap
// the server holds afterwards (after collections, in this process: not
// the resident size, which the runtime returns to the system when it
// likes). They are not parallel: Go runs every parallel test after the
// sequential ones, so nothing else allocates meanwhile.

// liveHeap is the bytes of live objects on the Go heap, and of the
// goroutines' stacks.
func liveHeap() uint64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc + m.StackInuse
}

// quiet is a server option that discards the log, which the tests'
// buffer would otherwise keep.
func quiet(c *mock.Config) { c.Logger = slog.New(slog.DiscardHandler) }

// heapGrowth runs flood and returns how much the live heap grew, while
// keep (the server) is still in use.
func heapGrowth(t *testing.T, name string, keep any, flood func()) uint64 {
	t.Helper()
	before := liveHeap()
	flood()
	after := liveHeap()
	runtime.KeepAlive(keep)
	growth := uint64(0)
	if after > before {
		growth = after - before
	}
	t.Logf("%s: live heap %.1f MB before, %.1f MB after (%+.1f MB)", name,
		float64(before)/1e6, float64(after)/1e6, float64(growth)/1e6)
	return growth
}

// TestFloodOfUnsignedFields: unsigned requests with thousands of form
// parameters each, or parameters with names of 60 KB, are journaled small.
// Before the journal was bounded in bytes each kept every field (292 such
// requests of 100,000 fields took 2.75 GB); 150 of 5,000 fields grew the
// heap by 88.5 MB before, 0.3 MB after. Long names were kept whole for a
// while (review-BB: about 1 MB of journal a request).
func TestFloodOfUnsignedFields(t *testing.T) {
	many, long := url.Values{"sysid": {"unsigned"}, "req": {"{}"}}, url.Values{"sysid": {"unsigned"}, "req": {"{}"}}
	for i := range 5000 {
		many.Set(fmt.Sprintf("field%05d", i), strings.Repeat("v", 40))
	}
	for i := range 16 {
		long.Set(strings.Repeat(string(rune('a'+i)), 60<<10), "v")
	}
	for _, tc := range []struct {
		name     string
		form     url.Values
		requests int
	}{
		{"unsigned fields", many, 150},
		{"long field names", long, 50},
	} {
		t.Run(tc.name, func(t *testing.T) {
			const ceiling = 4 << 20
			e, srv := demoServer(t, quiet)
			form := tc.form.Encode()
			growth := heapGrowth(t, tc.name, srv, func() {
				for range tc.requests {
					resp, err := http.Post(e.URL+"/service/soa", "application/x-www-form-urlencoded", strings.NewReader(form))
					require.NoError(t, err)
					require.NoError(t, resp.Body.Close())
				}
			})
			require.Len(t, srv.Journal(mock.JournalFilter{}), tc.requests)
			require.Less(t, growth, uint64(ceiling), "the journal keeps unsigned requests small")
		})
	}
}

// TestFloodOfBadPageLinks: page GETs whose query carries 100 KB of signed
// parameters with a bad sign are journaled without keeping their request
// line: an entry's page path and method were pieces of it (review-BB: 109
// KB kept per entry).
func TestFloodOfBadPageLinks(t *testing.T) {
	const requests, ceiling = 200, 8 << 20
	e, srv := demoServer(t, quiet)
	q := url.Values{"sysid": {demo.SysID}, "sign": {"bad"}, "timestamp": {"2026-12-06 10:00:00"}, "v": {"2.0"},
		"req": {`{"service":"MemberService","method":"signContract","param":{"pad":"` + strings.Repeat("p", 100<<10) + `"}}`}}
	link := e.URL + "/yungateway/member/signContract.html?" + q.Encode()
	growth := heapGrowth(t, "bad page links", srv, func() {
		for range requests {
			resp, err := http.Get(link)
			require.NoError(t, err)
			require.NoError(t, resp.Body.Close())
		}
	})
	require.Len(t, srv.Journal(mock.JournalFilter{}), requests)
	require.Less(t, growth, uint64(ceiling), "a page's entry keeps no request line")
}

// TestFloodOfSlowBodies: 4,000 connections each announce a body of 1 MiB,
// send 64 KiB of it and stall. A body takes memory as its bytes arrive and
// within the budget of bodies, and the connections past MaxConns are
// refused: the server holds a bounded amount, not what the clients
// announce or send.
func TestFloodOfSlowBodies(t *testing.T) {
	const conns, sent, ceiling = 4000, 64 << 10, 160 << 20
	e, srv := demoServer(t, quiet)
	addr := strings.TrimPrefix(e.URL, "http://")
	head := "POST /service/soa HTTP/1.1\r\nHost: " + addr + "\r\nContent-Type: application/x-www-form-urlencoded\r\n" +
		"Content-Length: 1048576\r\n\r\nsysid=" + e.SysID + "&req="
	chunk := []byte(head + strings.Repeat("a", sent))
	var open []net.Conn
	defer func() {
		for _, c := range open {
			_ = c.Close()
		}
	}()
	growth := heapGrowth(t, "slow bodies", srv, func() {
		for range conns {
			c, err := net.Dial("tcp", addr)
			require.NoError(t, err)
			open = append(open, c)
			_ = c.SetWriteDeadline(time.Now().Add(time.Second))
			_, _ = c.Write(chunk) // a refused one may be closed already
		}
		time.Sleep(2 * time.Second) // the server reads what was sent
	})
	require.Less(t, growth, uint64(ceiling), "the server holds a bounded amount of slow bodies")
	for _, c := range open {
		_ = c.Close()
	}
	open = nil
	// Each attempt has a timeout and a member of its own, so that a slow
	// one is told apart from a server that stopped serving. Bodies cut
	// short are answered 10000 at once (before, each was run as a whole
	// call of 64 KiB, and the first call after the flood waited up to
	// seconds behind them).
	c := e.client(t, client.WithHTTPClient(&http.Client{Timeout: 5 * time.Second}))
	start := time.Now()
	err := createMember(t, c, "after-the-flood-0")
	for i := 1; err != nil && time.Since(start) < 30*time.Second; i++ {
		t.Logf("%v after the clients closed: %v", time.Since(start).Round(time.Millisecond), err)
		time.Sleep(100 * time.Millisecond)
		err = createMember(t, c, fmt.Sprintf("after-the-flood-%d", i))
	}
	require.NoError(t, err, "the server goes on serving")
	t.Logf("served %v after the clients closed", time.Since(start).Round(time.Millisecond))
}

// TestFloodOfMembers: members are the users' own state, kept as long as
// the server (or its data dir) lives, and not bounded in number: a mock
// that refused a member the platform would create would fail a correct
// test. Each is bounded in size (every text field is, soa.MaxText) and
// costs little: 50,000 members stay under 1 KiB each on the heap.
func TestFloodOfMembers(t *testing.T) {
	const members, perMember = 50000, 1 << 10
	e, srv := demoServer(t, quiet)
	growth := heapGrowth(t, "members", srv, func() {
		require.NoError(t, srv.PreloadMembers(context.Background(), e.SysID, "flood-member-", members))
	})
	t.Logf("members: %.0f bytes each", float64(growth)/members)
	require.Less(t, growth, uint64(members*perMember))
}

// TestFloodOfSysids: requests from distinct sysids cost a bounded amount:
// unknown ones only their small journal entries; with --auto-apps at most
// AutoAppsMax are registered, and the next is answered 20000 saying so.
func TestFloodOfSysids(t *testing.T) {
	const unknown, auto, max, ceiling = 5000, 300, 100, 24 << 20
	e, srv := demoServer(t, quiet, func(c *mock.Config) { c.AutoApps, c.AutoAppsMax = true, max })
	growth := heapGrowth(t, "sysids", srv, func() {
		for i := range unknown {
			a := postForm(t, e, url.Values{"sysid": {fmt.Sprintf("stranger-%d", i)}, "req": {"{}"}})
			require.Equal(t, "20000", a.errorCode(t, e))
		}
		for i := range auto {
			a := postForm(t, e, signed(t, e.Merchant, fmt.Sprintf("auto-%d", i), createMemberReq("u"), vectorTime))
			if i < max {
				require.Equal(t, "OK", a.str(t, "status"), "%s", a.Body)
				continue
			}
			require.Equal(t, "20000", a.errorCode(t, e))
			require.Contains(t, a.str(t, "message"), "--auto-apps-max")
		}
	})
	assert.Len(t, srv.Apps(), max+1, "the demo app and the bound's worth")
	require.Less(t, growth, uint64(ceiling))
}

// createMemberReq is a createMember req for bizUserID.
func createMemberReq(bizUserID string) string {
	return `{"service":"MemberService","method":"createMember","param":{"bizUserId":"` + bizUserID + `","memberType":3,"source":1}}`
}

// TestFloodOfAbandonedPages: pages opened and never used are bounded in
// number and in bytes: 1,500 opens of a page whose signed parameters carry
// 80 KB each are kept within 64 MiB of them, the rest refused with a page
// saying so.
func TestFloodOfAbandonedPages(t *testing.T) {
	const opens, ceiling = 1500, 128 << 20
	ne := newNotifyEnv(t, quiet)
	c := ne.orders(t)
	c.realNamed("pager")
	param := map[string]any{"bizUserId": "pager", "jumpUrl": "http://127.0.0.1:9/jump", "backUrl": "http://127.0.0.1:9/notify", "source": 1}
	for i := range 40 {
		param[fmt.Sprintf("pad%02d", i)] = strings.Repeat("p", 2000)
	}
	u := mustPageURL(t, c, client.PageSignContract, "MemberService", "signContract", param)
	refused := 0
	growth := heapGrowth(t, "abandoned pages", ne.srv, func() {
		for range opens {
			p := getPage(t, u)
			if p.Status != http.StatusOK || !strings.Contains(p.Body, `name="token"`) {
				refused++
				require.Contains(t, p.Body, "pages (or 64 MiB of their parameters) are open")
			}
		}
	})
	t.Logf("abandoned pages: %d of %d refused", refused, opens)
	require.Positive(t, refused)
	require.Less(t, growth, uint64(ceiling))
}
