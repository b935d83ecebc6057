package metrics

import (
	"log/slog"
	"net/http"
	"runtime"
	"sync"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// scrape is the registry and its handler, made on the first scrape.
type scrape struct {
	once    sync.Once
	handler http.Handler
}

// Handler answers a scrape in the Prometheus text format (or what the
// scraper asks for: promhttp negotiates it). The registry is made on the
// first scrape, with the counters, the scrape-time gauges of src, the Go
// runtime's and the process's collectors (memory, goroutines, open files)
// and tsymock_build_info.
func (m *Metrics) Handler(src Sources, log *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		m.scrape.once.Do(func() { m.scrape.handler = m.newHandler(src, log) })
		m.scrape.handler.ServeHTTP(w, r)
	})
}

func (m *Metrics) newHandler(src Sources, log *slog.Logger) http.Handler {
	reg := prometheus.NewRegistry()
	build := prometheus.NewGauge(prometheus.GaugeOpts{Name: "tsymock_build_info",
		Help:        "Always 1; its labels name the server's version and the Go release that built it.",
		ConstLabels: prometheus.Labels{"version": src.Version, "goversion": runtime.Version()}})
	build.Set(1)
	reg.MustRegister(m.requests, m.latency, m.pages, m.sigFails, newGauges(src), build,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return promhttp.HandlerFor(reg, promhttp.HandlerOpts{
		ErrorLog:      slog.NewLogLogger(log.Handler(), slog.LevelWarn),
		ErrorHandling: promhttp.ContinueOnError, // a failing collector costs its own metrics, not the scrape
	})
}
