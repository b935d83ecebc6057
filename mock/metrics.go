package mock

import (
	"net/http"

	"github.com/tsymock/tsymock/internal/metrics"
)

// MetricsPath is where the server's metrics are scraped, in the
// Prometheus text format, behind the admin API's access rule.
const MetricsPath = AdminPrefix + "metrics"

// metricsHandler answers MetricsPath: the counters the calls and pages
// update, and what the journal, the notifier, the pages, the registry and
// the data dir hold, read when scraped.
func (s *Server) metricsHandler() http.Handler {
	src := metrics.Sources{Journal: s.journal, Notifier: s.notify, Pages: s.pages, Apps: s.apps, Version: s.cfg.Version}
	if s.store != nil {
		src.WAL = s.store.Stats
	}
	return s.metrics.Handler(src, s.log)
}
