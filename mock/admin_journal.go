package mock

import (
	"net/http"
	"strconv"

	"github.com/tsymock/tsymock/internal/coverage"
	"github.com/tsymock/tsymock/internal/journal"
)

// routeJournal adds the journal, call counts, reset and coverage.
func (s *Server) routeJournal(mux *http.ServeMux) {
	mux.HandleFunc("GET "+AdminPrefix+"journal", s.adminJournal)
	mux.HandleFunc("GET "+AdminPrefix+"journal/{id}", s.adminJournalEntry)
	mux.HandleFunc("DELETE "+AdminPrefix+"journal", s.adminJournalClear)
	mux.HandleFunc("GET "+AdminPrefix+"calls", s.adminCalls)
	mux.HandleFunc("POST "+AdminPrefix+"reset", s.adminReset)
	mux.HandleFunc("GET "+AdminPrefix+"coverage", s.adminCoverage)
}

// journalPage is the answer of GET /__tsymock/journal.
type journalPage struct {
	Entries []JournalEntry `json:"entries"`
	// Last is the highest id the journal has given so far: poll with
	// after=Last for what comes next.
	Last uint64 `json:"last"`
}

// defaultJournalLimit bounds a journal listing without a limit.
const defaultJournalLimit = 1000

func (s *Server) adminJournal(w http.ResponseWriter, r *http.Request) {
	f, err := journal.ParseFilter(r.URL.Query())
	if err != nil {
		writeError(w, http.StatusBadRequest, "%v", err)
		return
	}
	if f.Limit == 0 {
		f.Limit = defaultJournalLimit
	}
	writeJSON(w, http.StatusOK, journalPage{Entries: s.Journal(f), Last: s.journal.Last()})
}

func (s *Server) adminJournalEntry(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseUint(r.PathValue("id"), 10, 64)
	if err != nil {
		writeError(w, http.StatusBadRequest, "journal ids are numbers, not %q", r.PathValue("id"))
		return
	}
	e, ok := s.JournalEntry(id)
	if !ok {
		writeError(w, http.StatusNotFound, "the journal does not hold entry %d (reset, or pushed out by newer calls)", id)
		return
	}
	writeJSON(w, http.StatusOK, e)
}

func (s *Server) adminJournalClear(w http.ResponseWriter, r *http.Request) {
	sysid := r.URL.Query().Get("sysid")
	s.journal.Reset(sysid)
	writeJSON(w, http.StatusOK, map[string]string{"cleared": orAll(sysid)})
}

// adminCalls counts the calls that match the journal filter, for
// assertions: GET /__tsymock/calls?method=refund&param.amount=100.
func (s *Server) adminCalls(w http.ResponseWriter, r *http.Request) {
	f, err := journal.ParseFilter(r.URL.Query())
	if err != nil {
		writeError(w, http.StatusBadRequest, "%v", err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]int{"count": s.Calls(f)})
}

func (s *Server) adminReset(w http.ResponseWriter, r *http.Request) {
	sysid := r.URL.Query().Get("sysid")
	if err := s.Reset(sysid); err != nil {
		writeError(w, http.StatusInternalServerError, "%v", err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"reset": orAll(sysid)})
}

// adminCoverage answers the coverage of one application (?sysid=) or all,
// as JSON or, with ?format=text, as the text of "tsymock coverage".
func (s *Server) adminCoverage(w http.ResponseWriter, r *http.Request) {
	var reports []Coverage
	if sysid := r.URL.Query().Get("sysid"); sysid != "" {
		reports = []Coverage{s.Coverage(sysid)}
	} else {
		reports = s.CoverageAll()
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

func orAll(sysid string) string {
	if sysid == "" {
		return "all"
	}
	return sysid
}
