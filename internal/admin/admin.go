// Package admin is tsymock's control plane over HTTP, under /__tsymock/:
// the admin API (journal, call counts, coverage, scenarios, one-shot
// rules, the clock, applications, the emulated state, notifications,
// reset), the metrics, the web page that shows it, the health check, and
// the Go profiler under /debug/pprof/.
//
// Every admin endpoint answers loopback clients, and others only with the
// admin token (access.go); health, the web page's static files and the
// profiler's own loopback check are the exceptions. Each group of
// endpoints is one file with its routes at the top.
package admin

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"

	"github.com/gorilla/mux"

	"github.com/tsymock/tsymock/internal/apps"
	"github.com/tsymock/tsymock/internal/clock"
	"github.com/tsymock/tsymock/internal/coverage"
	"github.com/tsymock/tsymock/internal/emulator"
	"github.com/tsymock/tsymock/internal/journal"
	"github.com/tsymock/tsymock/internal/notify"
	"github.com/tsymock/tsymock/scenarios"
)

// Prefix is where the admin API and the web page live.
const Prefix = "/__tsymock/"

// maxBody bounds an admin request body (scenario files, certificates).
const maxBody = 4 << 20

// Server is what the admin API acts on: the server's Go API (mock.Server
// has these methods), in the internal packages' types.
type Server interface {
	Journal(f journal.Filter) []journal.Entry
	JournalEntry(id uint64) (journal.Entry, bool)
	Calls(f journal.Filter) int
	Reset(sysid string) error
	Coverage(sysid string) coverage.Report
	CoverageAll() []coverage.Report
	Scenarios() *scenarios.Set
	AddScenario(sysid string, f *scenarios.File) ([]string, error)
	Arm(sysid string, f *scenarios.File) ([]string, error)
	Notifications(sysid string) []notify.Notification
	Notification(id string) (notify.Notification, bool)
	RedeliverNotification(ctx context.Context, id string) (notify.Notification, error)
	DeliverPendingNotifications(ctx context.Context) []notify.Notification
	ClearNotifications(sysid string)
	Apps() []apps.Info
	// RegisterApp registers an application at run time (origin admin),
	// keeping it in the data dir when there is one, and reports whether
	// it reset the application's state for new account sets.
	RegisterApp(a apps.App) (stateReset bool, err error)
	// ReserveFundIn and TerminalPayment make the platform's side happen
	// (spec §4.3.3, §4.1.22) and return the notification it queued; an
	// unknown sysid is apps.ErrUnknown, a refusal a *soa.Error.
	ReserveFundIn(sysid string, in emulator.ReserveFundTransfer) (notify.Notification, error)
	TerminalPayment(sysid string, tp emulator.TerminalPayment) (notify.Notification, error)
	// DecideCompanyAudit decides a pending enterprise audit (spec §4.1.6
	// note 4) and returns the verifyResult notification it queued; a
	// member without a pending audit is a *soa.Error (see
	// auditRefusalStatus).
	DecideCompanyAudit(sysid string, d emulator.AuditDecision) (notify.Notification, error)
}

// State is the emulator's read-only views of one application's state.
type State interface {
	Members(sysid string) []emulator.MemberView
	Cards(sysid string) []emulator.CardView
	Orders(sysid string) []emulator.OrderView
	AccountBalances(sysid string) []emulator.BalanceView
	Statement(sysid, owner, set string) []emulator.StatementLine
}

// Config is how the admin API is set up.
type Config struct {
	// Token lets clients other than loopback ones use the admin API; ""
	// refuses them.
	Token string
	// Hosts are the host names, besides IP addresses and localhost, that
	// a request without the token may name in its Host header.
	Hosts []string
	// Version is the server's version, as health reports it.
	Version string
}

// Parts are what the admin API works on.
type Parts struct {
	// Metrics answers GET /__tsymock/metrics; nil leaves it out.
	Metrics http.Handler
	Server  Server
	State   State
	Journal *journal.Journal // its last id, and clearing it alone
	Clock   clock.Settable   // the server's clock, which the API sets and advances
	// Compare is compare mode's summary (compare.go); nil: compare mode off.
	Compare Comparer
	Log     *slog.Logger // refused requests (nil: not logged)
}

// API is the admin API. Create it with New; Route puts it on a router.
type API struct {
	cfg Config
	Parts
}

// New returns the admin API.
func New(cfg Config, parts Parts) *API { return &API{cfg: cfg, Parts: parts} }

// Route adds health, the web page and the admin API to r. The admin paths
// are a subrouter behind the access check, which answers an unknown path
// or method with the list of endpoints.
func (a *API) Route(r *mux.Router) {
	r.Path(HealthPath).Methods(http.MethodGet, http.MethodHead).Handler(a.healthHandler())
	r.Path(strings.TrimSuffix(Prefix, "/")).Handler(http.RedirectHandler(Prefix, http.StatusTemporaryRedirect))
	sub := r.PathPrefix(Prefix).Subrouter()
	sub.Use(a.access)
	a.routeWeb(sub)
	a.routeJournal(sub)
	a.routeMetrics(sub)
	a.routeScenarios(sub)
	a.routeState(sub)
	a.routeNotifications(sub)
	a.routePlatform(sub)
	a.routeCompare(sub)
	notFound := a.access(http.HandlerFunc(a.notFound)) // a subrouter's own middleware skips these
	sub.NotFoundHandler, sub.MethodNotAllowedHandler = notFound, notFound
}

// get is an endpoint's GET route, which answers HEAD too; r is the admin
// subrouter, path is under Prefix ("/journal").
func get(r *mux.Router, path string, h http.HandlerFunc) {
	r.Path(path).Methods(http.MethodGet, http.MethodHead).HandlerFunc(h)
}

// do is an endpoint's route for another method.
func do(r *mux.Router, method, path string, h http.HandlerFunc) {
	r.Path(path).Methods(method).HandlerFunc(h)
}

// notFound answers an unknown admin path with the list of endpoints.
func (a *API) notFound(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusNotFound, map[string]any{
		"error":     fmt.Sprintf("tsymock: no admin endpoint %s %s", r.Method, r.URL.Path),
		"endpoints": endpoints(),
		"docs":      "docs/admin.md",
	})
}

// endpoints lists the admin API for the 404 answer.
func endpoints() []string {
	return []string{
		"GET /__tsymock/ (web page)", "GET /__tsymock/health",
		"GET /__tsymock/metrics (Prometheus text format)",
		"POST /__tsymock/reset[?sysid=]",
		"GET /__tsymock/journal[?sysid=&service=&method=&errorCode=&outcome=&portability=&since=&until=&after=&limit=&param.NAME=]",
		"GET /__tsymock/journal/{id}", "DELETE /__tsymock/journal[?sysid=]",
		"GET /__tsymock/calls[?same filters as the journal]",
		"GET /__tsymock/scenarios[?sysid=]", "POST /__tsymock/scenarios[?sysid=&source=&builtin=]",
		"DELETE /__tsymock/scenarios?id=", "POST /__tsymock/arm[?sysid=]",
		"GET /__tsymock/clock", "POST /__tsymock/clock {\"set\":...}, {\"advance\":...} or {\"set\":\"system\"}",
		"GET /__tsymock/apps", "POST /__tsymock/apps {\"sysid\":...,\"cert\":PEM}",
		"GET /__tsymock/state/{sysid}[/members|cards|orders|balances|statement]",
		"GET /__tsymock/notifications[?sysid=]", "GET /__tsymock/notifications/{id}",
		"POST /__tsymock/notifications/{id}/redeliver", "POST /__tsymock/notifications/deliver",
		"DELETE /__tsymock/notifications[?sysid=]",
		"GET /__tsymock/coverage[?sysid=&format=text]",
		"POST /__tsymock/reserve-fund-in?sysid= {\"accountNo\":...,\"amount\":...,\"backUrl\":...}",
		"POST /__tsymock/terminal-payment?sysid= {\"termid\":...,\"amount\":...,\"url\":...}",
		"POST /__tsymock/company-audit?sysid= {\"bizUserId\":...,\"decision\":\"approve\"|\"reject\",\"failReason\":...,\"remark\":...}",
		"GET /__tsymock/compare[?sysid=]", "DELETE /__tsymock/compare[?sysid=]",
	}
}

// writeJSON writes v as indented JSON with status.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
}

// writeError answers {"error": message}.
func writeError(w http.ResponseWriter, status int, format string, args ...any) {
	writeJSON(w, status, map[string]string{"error": "tsymock: " + fmt.Sprintf(format, args...)})
}

// readBody reads an admin request body, bounded.
func readBody(w http.ResponseWriter, r *http.Request) ([]byte, bool) {
	b, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		writeError(w, http.StatusRequestEntityTooLarge, "the body is larger than %d bytes", maxBody)
		return nil, false
	case err != nil:
		writeError(w, http.StatusBadRequest, "cannot read the body: %v", err)
		return nil, false
	}
	return b, true
}

// decodeJSON reads a JSON object body into v, refusing unknown fields so
// that a typo is an error rather than a silent no-op.
func decodeJSON(w http.ResponseWriter, r *http.Request, v any) bool {
	b, ok := readBody(w, r)
	if !ok {
		return false
	}
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		writeError(w, http.StatusBadRequest, "the body is not the JSON expected: %v", err)
		return false
	}
	return true
}

// orAll names what an operation on sysid ("" for every application) did.
func orAll(sysid string) string {
	if sysid == "" {
		return "all"
	}
	return sysid
}
