package mock

import (
	"bytes"
	"encoding/json"
	"net/http"
	"time"

	"github.com/tsymock/tsymock/internal/soa"
	"github.com/tsymock/tsymock/keys"
)

// routeState adds the state views, the clock and the applications.
func (s *Server) routeState(mux *http.ServeMux) {
	mux.HandleFunc("GET "+AdminPrefix+"state/{sysid}", s.adminState)
	mux.HandleFunc("GET "+AdminPrefix+"state/{sysid}/{view}", s.adminStateView)
	mux.HandleFunc("GET "+AdminPrefix+"clock", s.adminClock)
	mux.HandleFunc("POST "+AdminPrefix+"clock", s.adminMoveClock)
	mux.HandleFunc("GET "+AdminPrefix+"apps", s.adminApps)
	mux.HandleFunc("POST "+AdminPrefix+"apps", s.adminRegisterApp)
}

// adminState answers every view of one application at once.
func (s *Server) adminState(w http.ResponseWriter, r *http.Request) {
	sysid := r.PathValue("sysid")
	writeJSON(w, http.StatusOK, map[string]any{
		"sysid":    sysid,
		"members":  s.emu.Members(sysid),
		"cards":    s.emu.Cards(sysid),
		"orders":   s.emu.Orders(sysid),
		"balances": s.emu.AccountBalances(sysid),
	})
}

// adminStateView answers one view: members, cards (masked), orders,
// balances, or the statement of ?bizUserId= (in ?accountSetNo=, or all).
func (s *Server) adminStateView(w http.ResponseWriter, r *http.Request) {
	sysid := r.PathValue("sysid")
	var v any
	switch view := r.PathValue("view"); view {
	case "members":
		v = s.emu.Members(sysid)
	case "cards":
		v = s.emu.Cards(sysid)
	case "orders":
		v = s.emu.Orders(sysid)
	case "balances":
		v = s.emu.AccountBalances(sysid)
	case "statement":
		owner := r.URL.Query().Get("bizUserId")
		if owner == "" {
			writeError(w, http.StatusBadRequest, "say whose statement: ?bizUserId= (the platform is #yunBizUserId_B2C#)")
			return
		}
		v = s.emu.Statement(sysid, owner, r.URL.Query().Get("accountSetNo"))
	default:
		writeError(w, http.StatusNotFound, "no state view %q: members, cards, orders, balances or statement", view)
		return
	}
	writeJSON(w, http.StatusOK, v)
}

// clockState is the answer of the clock endpoints.
type clockState struct {
	Now   time.Time `json:"now"`
	China string    `json:"china"` // the platform's timestamp format, Asia/Shanghai
	// Unix is Now in seconds, for scripts.
	Unix int64 `json:"unix"`
}

func (s *Server) clockState() clockState {
	now := s.Clock().Now()
	return clockState{Now: now.In(soa.Shanghai()), China: soa.FormatTime(now), Unix: now.Unix()}
}

func (s *Server) adminClock(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, s.clockState())
}

// adminMoveClock sets the clock ({"set": "2026-11-28 12:00:00"} China
// time, or RFC 3339) or advances it ({"advance": "1h30m"}, negative goes
// back).
func (s *Server) adminMoveClock(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Set     string `json:"set"`
		Advance string `json:"advance"`
	}
	if !decodeJSON(w, r, &req) {
		return
	}
	switch {
	case req.Set != "" && req.Advance == "":
		t, err := soa.ParseTime(req.Set)
		if err != nil {
			writeError(w, http.StatusBadRequest, "set: %v", err)
			return
		}
		s.Clock().Set(t)
	case req.Advance != "" && req.Set == "":
		d, err := time.ParseDuration(req.Advance)
		if err != nil {
			writeError(w, http.StatusBadRequest, "advance: %q is not a Go duration such as \"90s\" or \"-1h\"", req.Advance)
			return
		}
		s.Clock().Advance(d)
	default:
		writeError(w, http.StatusBadRequest, `send {"set": "2026-11-28 12:00:00"} or {"advance": "1h"}`)
		return
	}
	writeJSON(w, http.StatusOK, s.clockState())
}

func (s *Server) adminApps(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, s.Apps())
}

// appRequest is the body of POST /__tsymock/apps.
type appRequest struct {
	SysID string `json:"sysid"`
	// Cert is the merchant's certificate (.cer, PEM) or public key PEM.
	Cert        string   `json:"cert"`
	AccountSets []string `json:"accountSets,omitempty"`
}

// adminRegisterApp registers an application: a JSON appRequest, or the
// certificate PEM itself as the body with ?sysid=.
func (s *Server) adminRegisterApp(w http.ResponseWriter, r *http.Request) {
	body, ok := readBody(w, r)
	if !ok {
		return
	}
	req := appRequest{SysID: r.URL.Query().Get("sysid"), Cert: string(body)}
	if trimmed := bytes.TrimSpace(body); len(trimmed) > 0 && trimmed[0] == '{' {
		dec := json.NewDecoder(bytes.NewReader(body))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&req); err != nil {
			writeError(w, http.StatusBadRequest, `the body is not {"sysid":..., "cert":...}: %v`, err)
			return
		}
	}
	pub, err := keys.ParsePublicKey([]byte(req.Cert))
	if err != nil {
		writeError(w, http.StatusBadRequest, "cert: %v", err)
		return
	}
	a := App{SysID: req.SysID, Key: pub, AccountSets: req.AccountSets}
	if err := s.RegisterApp(a); err != nil {
		writeError(w, http.StatusBadRequest, "%v", err)
		return
	}
	writeJSON(w, http.StatusCreated, AppInfo{SysID: a.SysID, Fingerprint: keys.Fingerprint(pub), Origin: OriginAdmin,
		Registered: time.Now()})
}
