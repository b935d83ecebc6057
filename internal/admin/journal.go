package admin

import (
	"net/http"
	"strconv"

	"github.com/gorilla/mux"

	"github.com/tsymock/tsymock/internal/coverage"
	"github.com/tsymock/tsymock/internal/journal"
)

// routeJournal adds the journal, call counts, reset and coverage.
func (a *API) routeJournal(r *mux.Router) {
	get(r, "/journal", a.adminJournal)
	get(r, "/journal/{id}", a.adminJournalEntry)
	do(r, http.MethodDelete, "/journal", a.adminJournalClear)
	get(r, "/calls", a.adminCalls)
	do(r, http.MethodPost, "/reset", a.adminReset)
	get(r, "/coverage", a.adminCoverage)
}

// JournalPage is the answer of GET /__tsymock/journal.
type JournalPage struct {
	Entries []journal.Entry `json:"entries"`
	// Last is the highest id the journal has given so far: poll with
	// after=Last for what comes next.
	Last uint64 `json:"last"`
}

// defaultJournalLimit bounds a journal listing without a limit.
const defaultJournalLimit = 1000

func (a *API) adminJournal(w http.ResponseWriter, r *http.Request) {
	f, err := journal.ParseFilter(r.URL.Query())
	if err != nil {
		writeError(w, http.StatusBadRequest, "%v", err)
		return
	}
	if f.Limit == 0 {
		f.Limit = defaultJournalLimit
	}
	writeJSON(w, http.StatusOK, JournalPage{Entries: a.Server.Journal(f), Last: a.Journal.Last()})
}

func (a *API) adminJournalEntry(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseUint(mux.Vars(r)["id"], 10, 64)
	if err != nil {
		writeError(w, http.StatusBadRequest, "journal ids are numbers, not %q", mux.Vars(r)["id"])
		return
	}
	e, ok := a.Server.JournalEntry(id)
	if !ok {
		writeError(w, http.StatusNotFound, "the journal does not hold entry %d (reset, or pushed out by newer calls)", id)
		return
	}
	writeJSON(w, http.StatusOK, e)
}

func (a *API) adminJournalClear(w http.ResponseWriter, r *http.Request) {
	sysid := r.URL.Query().Get("sysid")
	a.Journal.Reset(sysid)
	writeJSON(w, http.StatusOK, map[string]string{"cleared": orAll(sysid)})
}

// adminCalls counts the calls that match the journal filter, for
// assertions: GET /__tsymock/calls?method=refund&param.amount=100.
func (a *API) adminCalls(w http.ResponseWriter, r *http.Request) {
	f, err := journal.ParseFilter(r.URL.Query())
	if err != nil {
		writeError(w, http.StatusBadRequest, "%v", err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]int{"count": a.Server.Calls(f)})
}

func (a *API) adminReset(w http.ResponseWriter, r *http.Request) {
	sysid := r.URL.Query().Get("sysid")
	if err := a.Server.Reset(sysid); err != nil {
		writeError(w, http.StatusInternalServerError, "%v", err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"reset": orAll(sysid)})
}

// adminCoverage answers the coverage of one application (?sysid=) or all,
// as JSON or, with ?format=text, as the text of "tsymock coverage".
func (a *API) adminCoverage(w http.ResponseWriter, r *http.Request) {
	var reports []coverage.Report
	if sysid := r.URL.Query().Get("sysid"); sysid != "" {
		reports = []coverage.Report{a.Server.Coverage(sysid)}
	} else {
		reports = a.Server.CoverageAll()
	}
	switch r.URL.Query().Get("format") {
	case "", "json":
		writeJSON(w, http.StatusOK, reports)
	case "text":
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		_ = coverage.WriteText(w, reports)
	default:
		writeError(w, http.StatusBadRequest, "format is json or text, not %q", r.URL.Query().Get("format"))
	}
}
