package mock

import (
	"net/http"
	"net/http/pprof"
	"strings"
)

// PProfPrefix is where the Go profiler's endpoints are served when
// Config.PProf is set.
const PProfPrefix = "/debug/pprof/"

// pprofHandler serves net/http/pprof's endpoints, to loopback clients only:
// a profile shows request contents and timing, and a CPU profile costs the
// server while it runs. The handlers are mounted one by one rather than
// through http.DefaultServeMux, which this server never serves.
func pprofHandler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc(PProfPrefix, pprof.Index) // named profiles: heap, goroutine, allocs, mutex, block...
	mux.HandleFunc(PProfPrefix+"cmdline", pprof.Cmdline)
	mux.HandleFunc(PProfPrefix+"profile", pprof.Profile)
	mux.HandleFunc(PProfPrefix+"symbol", pprof.Symbol)
	mux.HandleFunc(PProfPrefix+"trace", pprof.Trace)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !isLoopback(r.RemoteAddr) {
			http.Error(w, "tsymock: "+strings.TrimSuffix(PProfPrefix, "/")+" answers loopback clients only", http.StatusForbidden)
			return
		}
		mux.ServeHTTP(w, r)
	})
}
