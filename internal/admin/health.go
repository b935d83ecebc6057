package admin

import (
	"encoding/json"
	"net/http"
	"time"

	"github.com/gorilla/mux"
)

// HealthPath answers whether the server is up, for container health checks,
// CI wait loops and "tsymock health".
const HealthPath = "/__tsymock/health"

// Health is the body of GET /__tsymock/health.
type Health struct {
	// Status is "ok" while the server answers.
	Status string `json:"status"`
	// Version is the server's version, as in the X-Tsymock-Version header.
	Version string `json:"version"`
	// Uptime is how long the server has been up, as a Go duration ("1m2.5s").
	Uptime string `json:"uptime"`
	// UptimeSeconds is Uptime as a number, for scripts.
	UptimeSeconds float64 `json:"uptimeSeconds"`
	// Apps are the sysids of the registered applications, sorted.
	Apps []string `json:"apps"`
}

// healthHandler answers HealthPath. Uptime counts from when the handler is
// built (in New) on the process's monotonic clock, not the injected Clock:
// that clock is the emulated platform's time, which tests may freeze or move.
func (a *API) healthHandler() http.Handler {
	started := time.Now()
	return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		up := time.Since(started)
		h := Health{
			Status:        "ok",
			Version:       a.cfg.Version,
			Uptime:        up.Round(time.Millisecond).String(),
			UptimeSeconds: up.Seconds(),
			Apps:          a.sysIDs(),
		}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "no-store")
		_ = json.NewEncoder(w).Encode(h)
	})
}

// sysIDs lists the registered applications, sorted.
func (a *API) sysIDs() []string {
	infos := a.Server.Apps()
	ids := make([]string, 0, len(infos))
	for _, info := range infos {
		ids = append(ids, info.SysID)
	}
	return ids
}

// routeMetrics adds GET /__tsymock/metrics, the Prometheus scrape, behind
// the access check like every admin endpoint: the metrics name the
// methods and error codes the sandbox's users call.
func (a *API) routeMetrics(r *mux.Router) {
	if a.Metrics != nil {
		get(r, "/metrics", a.Metrics.ServeHTTP)
	}
}
