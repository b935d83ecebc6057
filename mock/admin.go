package mock

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
)

// AdminPrefix is where the admin API and the web page live.
const AdminPrefix = "/__tsymock/"

// maxAdminBody bounds an admin request body (scenario files, certificates).
const maxAdminBody = 4 << 20

// adminHandler routes the admin API and the web page, behind the access
// check. GET /__tsymock/health is not here: it has its own route, open to
// every client (container health checks come from outside).
func (s *Server) adminHandler() http.Handler {
	mux := http.NewServeMux()
	s.routeWeb(mux)
	s.routeJournal(mux)
	s.routeScenarios(mux)
	s.routeState(mux)
	s.routeNotifications(mux)
	mux.HandleFunc(AdminPrefix+"{rest...}", s.adminNotFound)
	return s.adminAccess(mux)
}

// adminNotFound answers an unknown admin path with the list of endpoints.
func (s *Server) adminNotFound(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusNotFound, map[string]any{
		"error":     fmt.Sprintf("tsymock: no admin endpoint %s %s", r.Method, r.URL.Path),
		"endpoints": adminEndpoints(),
		"docs":      "docs/admin.md",
	})
}

// adminEndpoints lists the admin API for the 404 answer.
func adminEndpoints() []string {
	return []string{
		"GET /__tsymock/ (web page)", "GET /__tsymock/health",
		"POST /__tsymock/reset[?sysid=]",
		"GET /__tsymock/journal[?sysid=&service=&method=&errorCode=&outcome=&since=&until=&after=&limit=&param.NAME=]",
		"GET /__tsymock/journal/{id}", "DELETE /__tsymock/journal[?sysid=]",
		"GET /__tsymock/calls[?same filters as the journal]",
		"GET /__tsymock/scenarios[?sysid=]", "POST /__tsymock/scenarios[?sysid=&source=&builtin=]",
		"DELETE /__tsymock/scenarios?id=", "POST /__tsymock/arm[?sysid=]",
		"GET /__tsymock/clock", "POST /__tsymock/clock {\"set\":...} or {\"advance\":...}",
		"GET /__tsymock/apps", "POST /__tsymock/apps {\"sysid\":...,\"cert\":PEM}",
		"GET /__tsymock/state/{sysid}[/members|cards|orders|balances|statement]",
		"GET /__tsymock/notifications[?sysid=]", "GET /__tsymock/notifications/{id}",
		"POST /__tsymock/notifications/{id}/redeliver", "POST /__tsymock/notifications/deliver",
		"DELETE /__tsymock/notifications[?sysid=]",
		"GET /__tsymock/coverage[?sysid=&format=text]",
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
	b, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxAdminBody))
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		writeError(w, http.StatusRequestEntityTooLarge, "the body is larger than %d bytes", maxAdminBody)
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
