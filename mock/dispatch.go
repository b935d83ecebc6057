package mock

import (
	"net/http"

	"github.com/gorilla/mux"
)

// dispatch serves each request with the route the router matches for it.
// A route without path variables (the SOA endpoint, the pages, most of
// the admin API) is served with the request as it came: the router's own
// ServeHTTP would copy the request twice to put the route and its empty
// variables in the request's context, which nothing of tsymock reads
// there; on a canned answer those copies were 9 % of the bytes allocated.
// A route with variables (read with mux.Vars), a method that does not
// match and a path that matches nothing go through the router as usual.
type dispatch struct{ router *mux.Router }

func (d dispatch) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	var m mux.RouteMatch
	if d.router.Match(r, &m) && m.MatchErr == nil && len(m.Vars) == 0 {
		m.Handler.ServeHTTP(w, r)
		return
	}
	d.router.ServeHTTP(w, r)
}
