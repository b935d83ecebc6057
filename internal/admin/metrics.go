package admin

import (
	"github.com/gorilla/mux"
)

// routeMetrics adds GET /__tsymock/metrics, the Prometheus scrape, behind
// the access check like every admin endpoint: the metrics name the
// methods and error codes the sandbox's users call.
func (a *API) routeMetrics(r *mux.Router) {
	if a.Metrics != nil {
		get(r, "/metrics", a.Metrics.ServeHTTP)
	}
}
