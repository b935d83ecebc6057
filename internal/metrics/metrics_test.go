package metrics_test

import (
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/apps"
	"github.com/tsymock/tsymock/internal/journal"
	"github.com/tsymock/tsymock/internal/metrics"
	"github.com/tsymock/tsymock/internal/notify"
	"github.com/tsymock/tsymock/internal/soa"
	"github.com/tsymock/tsymock/internal/wal"
	"github.com/tsymock/tsymock/internal/wiretest"
)

// sources are fixed figures for the scrape-time gauges.
type sources struct{}

func (sources) Len() int          { return 42 }
func (sources) OpenSessions() int { return 3 }
func (sources) Stats() notify.Stats {
	return notify.Stats{Delivered: 5, Attempts: 9, FailedAttempts: 4, Exhausted: 1, Undeliverable: 2, Pending: 1, Kept: 8}
}
func (sources) Infos() []apps.Info {
	return []apps.Info{{SysID: "a", Origin: apps.OriginConfig}, {SysID: "b", Origin: apps.OriginAuto}, {SysID: "c", Origin: apps.OriginAuto}}
}

// scrape asks h for the metrics as Prometheus would, and parses them.
func scrape(t *testing.T, h http.Handler) wiretest.Metrics {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/__tsymock/metrics", nil))
	require.Equal(t, http.StatusOK, rec.Code, "%s", rec.Body)
	assert.Contains(t, rec.Header().Get("Content-Type"), "text/plain")
	return wiretest.ParseMetrics(t, rec.Body)
}

func handler(m *metrics.Metrics, walStats func() (wal.Stats, bool)) http.Handler {
	s := sources{}
	return m.Handler(metrics.Sources{Journal: s, Notifier: s, Pages: s, Apps: s, WAL: walStats, Version: "v9"},
		slog.New(slog.DiscardHandler))
}

func call(service, method, outcome, code string) *journal.Entry {
	e := &journal.Entry{Kind: journal.KindSOA, Service: service, Method: method, Outcome: outcome, ErrorCode: code,
		Signature: journal.SignatureCheck{Verdict: journal.SignatureValid}}
	if outcome == journal.OutcomeFault {
		e.ErrorCode, e.Fault = "", code
	}
	return e
}

// TestLabelsAreBounded: what a client sends can make no new label value
// beyond the catalogue's methods and pages, the specification's codes, the
// faults and the diagnosis' reasons.
func TestLabelsAreBounded(t *testing.T) {
	m := metrics.New(soa.DefaultCatalogue())
	badSign := call("", "", journal.OutcomeError, "20019")
	badSign.Signature = journal.SignatureCheck{Verdict: journal.SignatureInvalid, Reason: "other-key"}
	weirdSign := call("", "", journal.OutcomeError, "20019")
	weirdSign.Signature = journal.SignatureCheck{Verdict: journal.SignatureInvalid, Reason: "made up"}
	for _, e := range []*journal.Entry{
		call("MemberService", "createMember", journal.OutcomeOK, ""),
		call("MemberService", "createMember", journal.OutcomeError, "30000"),
		call("MemberService", "createMember", journal.OutcomeError, "99999"),
		call("MemberService", "createMemberX", journal.OutcomeError, "10003"),
		call("NoService", "x", journal.OutcomeError, "10002"),
		call("OrderService", "refund", journal.OutcomeFault, "http-500"),
		call("OrderService", "refund", journal.OutcomeFault, "made-up-fault"),
		badSign, weirdSign,
		{Kind: journal.KindPage, Page: "/yungateway/pwd/setPayPwd.html", Action: journal.PageOpen, Outcome: journal.OutcomeOK},
		{Kind: journal.KindPage, Page: "/yungateway/nope.html", Action: "dance", Outcome: journal.OutcomeError, ErrorCode: "10000"},
	} {
		m.Record(e, 3*time.Millisecond)
	}
	got := scrape(t, handler(m, nil))
	const req = "tsymock_soa_requests_total"
	for _, tc := range []struct {
		labels []string
		want   float64
	}{
		{[]string{"service", "MemberService", "method", "createMember", "outcome", "OK", "code", ""}, 1},
		{[]string{"service", "MemberService", "method", "createMember", "code", "30000"}, 1},
		{[]string{"service", "MemberService", "method", "createMember", "code", metrics.Other}, 1},
		{[]string{"service", "MemberService", "method", metrics.Unknown, "code", "10003"}, 1},
		{[]string{"service", metrics.Unknown, "method", metrics.Unknown, "code", "10002"}, 1},
		{[]string{"service", "OrderService", "method", "refund", "outcome", "fault", "code", "http-500"}, 1},
		{[]string{"service", "OrderService", "method", "refund", "outcome", "fault", "code", metrics.Other}, 1},
		{[]string{"service", "", "method", "", "code", "20019"}, 2},
	} {
		assert.Equal(t, tc.want, got.Must(t, req, tc.labels...), "%v", tc.labels)
	}
	assert.Equal(t, 8, got.Series(req))
	assert.Equal(t, 3.0, got.Must(t, "tsymock_soa_request_duration_seconds", "service", "MemberService", "method", "createMember"))
	assert.Equal(t, 1.0, got.Must(t, "tsymock_signature_failures_total", "reason", "other-key"))
	assert.Equal(t, 1.0, got.Must(t, "tsymock_signature_failures_total", "reason", metrics.Other))
	assert.Equal(t, 1.0, got.Must(t, "tsymock_page_requests_total", "page", "/yungateway/pwd/setPayPwd.html", "action", "open", "outcome", "OK"))
	assert.Equal(t, 1.0, got.Must(t, "tsymock_page_requests_total", "page", metrics.Other, "action", metrics.Other, "code", "10000"))
}

// TestGaugesReadTheSources: the scrape reads the journal, the notifier,
// the pages, the registry and the log when asked; the log's metrics are
// there only with a data dir, the snapshot's time only with a snapshot.
func TestGaugesReadTheSources(t *testing.T) {
	got := scrape(t, handler(metrics.New(soa.DefaultCatalogue()), nil))
	for _, tc := range []struct {
		name   string
		labels []string
		want   float64
	}{
		{"tsymock_journal_entries", nil, 42},
		{"tsymock_page_sessions_open", nil, 3},
		{"tsymock_apps", []string{"origin", "auto"}, 2},
		{"tsymock_apps", []string{"origin", "admin"}, 0},
		{"tsymock_notifications_total", []string{"outcome", "delivered"}, 5},
		{"tsymock_notifications_total", []string{"outcome", "exhausted"}, 1},
		{"tsymock_notifications_total", []string{"outcome", "undeliverable"}, 2},
		{"tsymock_notification_attempts_total", []string{"result", "ok"}, 5},
		{"tsymock_notification_attempts_total", []string{"result", "failed"}, 4},
		{"tsymock_notifications_pending", nil, 1},
		{"tsymock_notifications_kept", nil, 8},
		{"tsymock_build_info", []string{"version", "v9"}, 1},
	} {
		assert.Equal(t, tc.want, got.Must(t, tc.name, tc.labels...), "%s%v", tc.name, tc.labels)
	}
	assert.NotContains(t, got, "tsymock_wal_bytes", "no data dir")
	assert.Contains(t, got, "process_resident_memory_bytes")
	assert.Contains(t, got, "go_goroutines")

	snap := time.Unix(1_800_000_000, 500_000_000)
	withLog := func(s wal.Stats) wiretest.Metrics {
		return scrape(t, handler(metrics.New(soa.DefaultCatalogue()), func() (wal.Stats, bool) { return s, true }))
	}
	got = withLog(wal.Stats{Bytes: 1000, Segments: 2, Last: 77, SnapshotLSN: 60, SnapshotBytes: 500, SnapshotTime: snap})
	for name, want := range map[string]float64{"tsymock_wal_bytes": 1000, "tsymock_wal_segments": 2, "tsymock_wal_last_lsn": 77,
		"tsymock_wal_snapshot_lsn": 60, "tsymock_wal_snapshot_bytes": 500, "tsymock_wal_failed": 0,
		"tsymock_wal_last_snapshot_timestamp_seconds": 1_800_000_000.5} {
		assert.Equal(t, want, got.Must(t, name), name)
	}
	got = withLog(wal.Stats{Bytes: 10, Segments: 1, Last: 1, Err: errors.New("disk full")})
	assert.Equal(t, 1.0, got.Must(t, "tsymock_wal_failed"))
	assert.NotContains(t, got, "tsymock_wal_last_snapshot_timestamp_seconds", "no snapshot yet")
}

// TestRecordAllocatesNothing: counting a call whose series exists is a
// map lookup and two atomic adds, no allocation (the canned path's budget).
func TestRecordAllocatesNothing(t *testing.T) {
	m := metrics.New(soa.DefaultCatalogue())
	e := call("OrderService", "queryBalance", journal.OutcomeOK, "")
	m.Record(e, time.Millisecond)
	assert.Zero(t, testing.AllocsPerRun(1000, func() { m.Record(e, time.Millisecond) }))
	var none *metrics.Metrics
	assert.NotPanics(t, func() { none.Record(e, time.Millisecond) }, "nil counts nothing")
}

func BenchmarkRecord(b *testing.B) {
	m := metrics.New(soa.DefaultCatalogue())
	e := call("OrderService", "queryBalance", journal.OutcomeOK, "")
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			m.Record(e, time.Millisecond)
		}
	})
}

// BenchmarkNew is what the metrics cost a server's start: the counters
// and the bounded label sets; the registry waits for the first scrape.
func BenchmarkNew(b *testing.B) {
	cat := soa.DefaultCatalogue()
	b.ReportAllocs()
	for b.Loop() {
		_ = metrics.New(cat)
	}
}

// BenchmarkFirstScrape is what the first scrape adds: the registry with
// the Go runtime's and the process's collectors.
func BenchmarkFirstScrape(b *testing.B) {
	cat := soa.DefaultCatalogue()
	req := httptest.NewRequest(http.MethodGet, "/__tsymock/metrics", nil)
	b.ReportAllocs()
	for b.Loop() {
		handler(metrics.New(cat), nil).ServeHTTP(httptest.NewRecorder(), req)
	}
}
