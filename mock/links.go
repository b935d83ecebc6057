package mock

import (
	"net/http"
	"strings"

	"github.com/tsymock/tsymock/internal/emulator"
)

// linkFields are answer fields the emulator fills with a path on this
// server (a reconciliation file, a payment page); merchants open them as
// they are, so they must be absolute URLs.
func linkFields() []string { return []string{"url", "payInfo"} }

// baseURL is the scheme and host the client used to reach this server, so
// that links work from wherever the merchant's code runs (a container, a
// port-forward) without configuration.
func baseURL(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// absoluteLinks turns the emulator's paths into URLs on this server.
func absoluteLinks(value map[string]any, base string) {
	for _, k := range linkFields() {
		if p, ok := value[k].(string); ok && strings.HasPrefix(p, "/") {
			value[k] = base + p
		}
	}
}

// serveCheckAccount serves a reconciliation file named by
// getCheckAccountFile: CheckAccountPath + "<sysid>/<yyyyMMdd>.txt".
func (s *Server) serveCheckAccount(w http.ResponseWriter, r *http.Request) {
	rest := strings.TrimPrefix(r.URL.Path, emulator.CheckAccountPath)
	sysid, file, ok := strings.Cut(rest, "/")
	date, isTxt := strings.CutSuffix(file, ".txt")
	if _, known := s.apps.Get(sysid); !ok || !isTxt || !known {
		http.NotFound(w, r)
		return
	}
	text, err := s.emu.CheckAccountFile(sysid, date)
	if err != nil {
		http.Error(w, err.Error(), http.StatusNotFound)
		return
	}
	w.Header().Set("Content-Type", "text/plain;charset=UTF-8")
	w.Header().Set("Content-Disposition", "attachment; filename=\""+sysid+"-"+date+".txt\"")
	_, _ = w.Write([]byte(text))
}
