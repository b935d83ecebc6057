package admin

import (
	"net/http"

	"github.com/gorilla/mux"

	"github.com/tsymock/tsymock/internal/proxy"
)

// Comparer is compare mode's summary (serve --upstream --compare): a nil
// *proxy.Proxy reports compare mode off.
type Comparer interface {
	Report(sysid string) proxy.Report
	ResetCompare(sysid string)
}

// routeCompare adds the summary of compare mode: where the emulator's
// answers differ from the upstream's.
func (a *API) routeCompare(r *mux.Router) {
	get(r, "/compare", a.adminCompare)
	do(r, http.MethodDelete, "/compare", a.adminClearCompare)
}

// adminCompare answers the summary, of ?sysid= or of every application.
func (a *API) adminCompare(w http.ResponseWriter, r *http.Request) {
	if a.Compare == nil {
		writeJSON(w, http.StatusOK, (*proxy.Proxy)(nil).Report(""))
		return
	}
	writeJSON(w, http.StatusOK, a.Compare.Report(r.URL.Query().Get("sysid")))
}

// adminClearCompare forgets the summary, of ?sysid= or of everything.
func (a *API) adminClearCompare(w http.ResponseWriter, r *http.Request) {
	sysid := r.URL.Query().Get("sysid")
	if a.Compare != nil {
		a.Compare.ResetCompare(sysid)
	}
	writeJSON(w, http.StatusOK, map[string]string{"cleared": orAll(sysid)})
}
