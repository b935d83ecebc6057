package mock

import (
	"net/http"
	"strings"

	"github.com/tsymock/tsymock/internal/emulator"
)

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
