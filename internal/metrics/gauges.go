package metrics

import (
	"github.com/prometheus/client_golang/prometheus"

	"github.com/tsymock/tsymock/internal/apps"
	"github.com/tsymock/tsymock/internal/notify"
	"github.com/tsymock/tsymock/internal/wal"
)

// Sources are what the scrape reads, from the parts that hold it: sizes
// and totals are theirs, so nothing is counted twice or goes stale.
type Sources struct {
	Journal  interface{ Len() int }
	Notifier interface{ Stats() notify.Stats }
	Pages    interface{ OpenSessions() int }
	Apps     interface{ Infos() []apps.Info }
	// WAL is the data dir's log; nil without a data dir.
	WAL func() (wal.Stats, bool)
	// Version is the server's version, for tsymock_build_info.
	Version string
}

// gauges is the collector of what is read at scrape time.
type gauges struct {
	src Sources

	journal, sessions, apps                   *prometheus.Desc
	notifications, attempts, pending, kept    *prometheus.Desc
	walBytes, walSegments, walLast, walFailed *prometheus.Desc
	snapLSN, snapBytes, snapTime              *prometheus.Desc
}

func newGauges(src Sources) *gauges {
	d := func(name, help string, labels ...string) *prometheus.Desc {
		return prometheus.NewDesc(name, help, labels, nil)
	}
	return &gauges{src: src,
		journal:       d("tsymock_journal_entries", "Calls and page requests the journal holds now, every application's."),
		sessions:      d("tsymock_page_sessions_open", "Pages opened whose buttons still work (bounded, expiring)."),
		apps:          d("tsymock_apps", "Registered applications by origin (config, admin, auto).", "origin"),
		notifications: d("tsymock_notifications_total", "Notifications by how they ended: delivered, exhausted (failed after their attempts), undeliverable (never sent).", "outcome"),
		attempts:      d("tsymock_notification_attempts_total", "Delivery attempts by result: ok (HTTP 200) or failed.", "result"),
		pending:       d("tsymock_notifications_pending", "Notifications waiting for an attempt now."),
		kept:          d("tsymock_notifications_kept", "Notifications the notifier lists now (bounded; pending ones always kept)."),
		walBytes:      d("tsymock_wal_bytes", "Bytes of the write-ahead log's live segments: what a restart replays after the snapshot."),
		walSegments:   d("tsymock_wal_segments", "Segment files of the write-ahead log."),
		walLast:       d("tsymock_wal_last_lsn", "Number of the last record appended to the write-ahead log since the data dir began."),
		walFailed:     d("tsymock_wal_failed", "1 when the write-ahead log has stopped on an I/O error (changes are refused), else 0."),
		snapLSN:       d("tsymock_wal_snapshot_lsn", "Last record the newest snapshot covers; 0 without a snapshot."),
		snapBytes:     d("tsymock_wal_snapshot_bytes", "Size of the newest snapshot's file; 0 without a snapshot."),
		snapTime:      d("tsymock_wal_last_snapshot_timestamp_seconds", "Unix time the newest snapshot was written; absent without a snapshot."),
	}
}

// Describe sends every description; the log's only with a data dir.
func (g *gauges) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{g.journal, g.sessions, g.apps, g.notifications, g.attempts, g.pending, g.kept} {
		ch <- d
	}
	if g.src.WAL != nil {
		for _, d := range []*prometheus.Desc{g.walBytes, g.walSegments, g.walLast, g.walFailed, g.snapLSN, g.snapBytes, g.snapTime} {
			ch <- d
		}
	}
}

// Collect reads every source once.
func (g *gauges) Collect(ch chan<- prometheus.Metric) {
	gauge := func(d *prometheus.Desc, v float64, labels ...string) {
		ch <- prometheus.MustNewConstMetric(d, prometheus.GaugeValue, v, labels...)
	}
	gauge(g.journal, float64(g.src.Journal.Len()))
	gauge(g.sessions, float64(g.src.Pages.OpenSessions()))
	g.collectApps(gauge)
	g.collectNotifications(ch, gauge)
	if g.src.WAL != nil {
		g.collectWAL(gauge)
	}
}

// collectApps counts the applications by origin, every origin present
// even at 0, so that a series does not vanish.
func (g *gauges) collectApps(gauge func(*prometheus.Desc, float64, ...string)) {
	by := map[string]int{apps.OriginConfig: 0, apps.OriginAdmin: 0, apps.OriginAuto: 0}
	for _, a := range g.src.Apps.Infos() {
		by[a.Origin]++
	}
	for origin, n := range by {
		gauge(g.apps, float64(n), origin)
	}
}

func (g *gauges) collectNotifications(ch chan<- prometheus.Metric, gauge func(*prometheus.Desc, float64, ...string)) {
	s := g.src.Notifier.Stats()
	counter := func(d *prometheus.Desc, v uint64, label string) {
		ch <- prometheus.MustNewConstMetric(d, prometheus.CounterValue, float64(v), label)
	}
	counter(g.notifications, s.Delivered, "delivered")
	counter(g.notifications, s.Exhausted, "exhausted")
	counter(g.notifications, s.Undeliverable, "undeliverable")
	counter(g.attempts, s.Attempts-s.FailedAttempts, "ok")
	counter(g.attempts, s.FailedAttempts, "failed")
	gauge(g.pending, float64(s.Pending))
	gauge(g.kept, float64(s.Kept))
}

func (g *gauges) collectWAL(gauge func(*prometheus.Desc, float64, ...string)) {
	s, ok := g.src.WAL()
	if !ok {
		return
	}
	failed := 0.0
	if s.Err != nil {
		failed = 1
	}
	gauge(g.walBytes, float64(s.Bytes))
	gauge(g.walSegments, float64(s.Segments))
	gauge(g.walLast, float64(s.Last))
	gauge(g.walFailed, failed)
	gauge(g.snapLSN, float64(s.SnapshotLSN))
	gauge(g.snapBytes, float64(s.SnapshotBytes))
	if !s.SnapshotTime.IsZero() {
		gauge(g.snapTime, float64(s.SnapshotTime.UnixNano())/1e9)
	}
}
