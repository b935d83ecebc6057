package admin

import (
	"net/http"
	"net/http/pprof"
	"strings"

	"github.com/gorilla/mux"
)

// PProfPrefix is where the Go profiler's endpoints are served when
// Config.PProf is set.
const PProfPrefix = "/debug/pprof/"

// RoutePProf adds net/http/pprof's endpoints under PProfPrefix to r, for
// loopback clients only: a profile shows request contents and timing, and
// a CPU profile costs the server while it runs. The handlers are mounted
// one by one rather than through http.DefaultServeMux, which this server
// never serves.
func RoutePProf(r *mux.Router) {
	r.Path(strings.TrimSuffix(PProfPrefix, "/")).Handler(http.RedirectHandler(PProfPrefix, http.StatusTemporaryRedirect))
	sub := r.PathPrefix(PProfPrefix).Subrouter()
	sub.Use(loopbackOnly)
	sub.HandleFunc("/cmdline", pprof.Cmdline)
	sub.HandleFunc("/profile", pprof.Profile)
	sub.HandleFunc("/symbol", pprof.Symbol)
	sub.HandleFunc("/trace", pprof.Trace)
	sub.PathPrefix("/").HandlerFunc(pprof.Index) // the index, and the named profiles: heap, goroutine, allocs, mutex, block...
}

// loopbackOnly refuses the profiler to clients other than loopback ones.
func loopbackOnly(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !isLoopback(r.RemoteAddr) {
			http.Error(w, "tsymock: "+strings.TrimSuffix(PProfPrefix, "/")+" answers loopback clients only", http.StatusForbidden)
			return
		}
		next.ServeHTTP(w, r)
	})
}
