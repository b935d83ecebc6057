package mock

import (
	"net/http"
	"net/url"
	"path"
	"strings"

	"github.com/gorilla/mux"

	"github.com/tsymock/tsymock/internal/admin"
	"github.com/tsymock/tsymock/internal/emulator"
	"github.com/tsymock/tsymock/internal/pages"
)

// Paths the server answers besides the pages.
const (
	// SOAPath is the RPC endpoint every SDK calls.
	SOAPath = "/service/soa"
	// AdminPrefix is where the admin API and the web page live.
	AdminPrefix = admin.Prefix
	// HealthPath answers whether the server is up, for container health
	// checks, CI wait loops and "tsymock health".
	HealthPath = admin.HealthPath
	// PProfPrefix is where the Go profiler's endpoints are served when
	// Config.PProf is set.
	PProfPrefix = admin.PProfPrefix
)

// Health is the body of GET /__tsymock/health.
type Health = admin.Health

// Handler returns the server's routes, every path in one router:
// /service/soa under every spelling an SDK's server URL produces, the
// reconciliation files, the browser pages, health, the admin API and its
// web page, and the profiler when Config.PProf is set. A path that is not
// in canonical form is redirected with its method kept (307).
func (s *Server) Handler() http.Handler {
	r := mux.NewRouter().SkipClean(true) // the SOA endpoint answers its unclean spellings itself
	r.MatcherFunc(isSOAPath).Handler(s.rpc)
	r.MatcherFunc(notCanonical).HandlerFunc(redirectCanonical)
	r.PathPrefix(emulator.CheckAccountPath).Methods(http.MethodGet, http.MethodHead).HandlerFunc(s.serveCheckAccount)
	for _, p := range pages.Paths() {
		r.Path(p).Handler(s.pageHandler())
	}
	s.admin.Route(r)
	if s.cfg.PProf {
		admin.RoutePProf(r)
	}
	r.NotFoundHandler = http.HandlerFunc(s.notFound)
	return s.withVersion(dispatch{r})
}

// isSOAPath matches /service/soa also under the spellings an SDK's
// configured server URL produces ("http://host:6900/" + "/service/soa", a
// trailing slash), which a redirect would break: a POST body is not re-sent
// by every client.
func isSOAPath(r *http.Request, _ *mux.RouteMatch) bool {
	p := r.URL.Path
	return p == SOAPath || path.Clean(p) == SOAPath
}

// notCanonical matches a path with "//", "." or ".." in it.
func notCanonical(r *http.Request, _ *mux.RouteMatch) bool {
	return cleanPath(r.URL.Path) != r.URL.Path
}

// redirectCanonical sends the client to the canonical path, its query
// kept, as net/http's mux does.
func redirectCanonical(w http.ResponseWriter, r *http.Request) {
	u := url.URL{Path: cleanPath(r.URL.Path), RawQuery: r.URL.RawQuery}
	http.Redirect(w, r, u.String(), http.StatusTemporaryRedirect)
}

// cleanPath is path.Clean that keeps a trailing slash.
func cleanPath(p string) string {
	if p == "" {
		return "/"
	}
	if p[0] != '/' {
		p = "/" + p
	}
	np := path.Clean(p)
	if p[len(p)-1] == '/' && np != "/" {
		np += "/"
	}
	return np
}

// withVersion puts the X-Tsymock-Version header on every answer, a 404
// included.
func (s *Server) withVersion(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header()["X-Tsymock-Version"] = s.version
		next.ServeHTTP(w, r)
	})
}

// serveCheckAccount serves a reconciliation file named by
// getCheckAccountFile: CheckAccountPath + "<sysid>/" + the file's name
// (emulator.CheckAccountName).
func (s *Server) serveCheckAccount(w http.ResponseWriter, r *http.Request) {
	rest := strings.TrimPrefix(r.URL.Path, emulator.CheckAccountPath)
	sysid, name, ok := strings.Cut(rest, "/")
	date, summary, named := emulator.ParseCheckAccountName(sysid, name)
	if _, known := s.apps.Get(sysid); !ok || !named || !known {
		http.NotFound(w, r)
		return
	}
	text, err := s.emu.CheckAccountFile(sysid, date, summary)
	if err != nil {
		http.Error(w, err.Error(), http.StatusNotFound)
		return
	}
	w.Header().Set("Content-Type", "text/plain;charset=UTF-8")
	w.Header().Set("Content-Disposition", "attachment; filename=\""+name+"\"")
	_, _ = w.Write([]byte(text))
}

// pageHandler serves the browser pages: tsymock's own, or with an upstream
// that answers the calls (not compare mode) a redirect to the upstream's,
// since the state they act on is there.
func (s *Server) pageHandler() http.Handler {
	if s.proxy != nil && !s.proxy.Comparing() {
		return s.proxy.Pages()
	}
	return s.pages
}
