package admin

import (
	"bytes"
	"encoding/json"
	"net/http"
	"time"

	"github.com/gorilla/mux"

	"github.com/tsymock/tsymock/internal/apps"
	"github.com/tsymock/tsymock/internal/clock"
	"github.com/tsymock/tsymock/internal/soa"
	"github.com/tsymock/tsymock/keys"
)

// routeState adds the state views, the clock and the applications.
func (a *API) routeState(r *mux.Router) {
	get(r, "/state/{sysid}", a.adminState)
	get(r, "/state/{sysid}/{view}", a.adminStateView)
	get(r, "/clock", a.adminClock)
	do(r, http.MethodPost, "/clock", a.adminMoveClock)
	get(r, "/apps", a.adminApps)
	do(r, http.MethodPost, "/apps", a.adminRegisterApp)
}

// adminState answers every view of one application at once.
func (a *API) adminState(w http.ResponseWriter, r *http.Request) {
	sysid := mux.Vars(r)["sysid"]
	writeJSON(w, http.StatusOK, map[string]any{
		"sysid":    sysid,
		"members":  a.State.Members(sysid),
		"cards":    a.State.Cards(sysid),
		"orders":   a.State.Orders(sysid),
		"balances": a.State.AccountBalances(sysid),
	})
}

// adminStateView answers one view: members, cards (masked), orders,
// balances, or the statement of ?bizUserId= (in ?accountSetNo=, or all).
func (a *API) adminStateView(w http.ResponseWriter, r *http.Request) {
	sysid := mux.Vars(r)["sysid"]
	var v any
	switch view := mux.Vars(r)["view"]; view {
	case "members":
		v = a.State.Members(sysid)
	case "cards":
		v = a.State.Cards(sysid)
	case "orders":
		v = a.State.Orders(sysid)
	case "balances":
		v = a.State.AccountBalances(sysid)
	case "statement":
		owner := r.URL.Query().Get("bizUserId")
		if owner == "" {
			writeError(w, http.StatusBadRequest, "say whose statement: ?bizUserId= (the platform is #yunBizUserId_B2C#)")
			return
		}
		v = a.State.Statement(sysid, owner, r.URL.Query().Get("accountSetNo"))
	default:
		writeError(w, http.StatusNotFound, "no state view %q: members, cards, orders, balances or statement", view)
		return
	}
	writeJSON(w, http.StatusOK, v)
}

// systemClock is the "set" that puts the clock back on the system clock.
const systemClock = "system"

// ClockState is the answer of the clock endpoints.
type ClockState struct {
	Now   time.Time `json:"now"`
	China string    `json:"china"` // the platform's timestamp format, Asia/Shanghai
	// Unix is Now in seconds, for scripts.
	Unix int64 `json:"unix"`
	// Moved is how far the clock was moved from the system clock ("36h0m0s", negative
	// behind), absent when it runs on the system clock or is a fixed --clock: real SDKs
	// sign with the system clock, and fail 10000 once it is moved past --skew.
	Moved string `json:"moved,omitempty"`
}

func (a *API) clockState() ClockState {
	now := a.Clock.Now()
	st := ClockState{Now: now.In(soa.Shanghai()), China: soa.FormatTime(now), Unix: now.Unix()}
	if moved := clock.Moved(a.Clock); moved != 0 {
		st.Moved = moved.String()
	}
	return st
}

func (a *API) adminClock(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, a.clockState())
}

// adminMoveClock sets the clock ({"set": "2026-11-28 12:00:00"} China
// time, or RFC 3339), advances it ({"advance": "1h30m"}, negative goes
// back), or puts it back on the system clock ({"set": "system"}), which
// real SDKs sign with.
func (a *API) adminMoveClock(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Set     string `json:"set"`
		Advance string `json:"advance"`
	}
	if !decodeJSON(w, r, &req) {
		return
	}
	switch {
	case req.Set == systemClock && req.Advance == "":
		r, ok := a.Clock.(interface{ Reset() })
		if !ok {
			writeError(w, http.StatusConflict, "this server's clock is fixed (serve --clock, mocktest.WithClockAt): "+
				"it has no system clock to go back to; set a time instead")
			return
		}
		r.Reset()
	case req.Set != "" && req.Advance == "":
		t, err := soa.ParseTime(req.Set)
		if err != nil {
			writeError(w, http.StatusBadRequest, "set: %v", err)
			return
		}
		a.Clock.Set(t)
	case req.Advance != "" && req.Set == "":
		d, err := time.ParseDuration(req.Advance)
		if err != nil {
			writeError(w, http.StatusBadRequest, "advance: %q is not a Go duration such as \"90s\" or \"-1h\"", req.Advance)
			return
		}
		a.Clock.Advance(d)
	default:
		writeError(w, http.StatusBadRequest, `send {"set": "2026-11-28 12:00:00"}, {"advance": "1h"} or {"set": "system"}`)
		return
	}
	writeJSON(w, http.StatusOK, a.clockState())
}

func (a *API) adminApps(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, a.Server.Apps())
}

// AppRequest is the body of POST /__tsymock/apps.
type AppRequest struct {
	SysID string `json:"sysid"`
	// Cert is the merchant's certificate (.cer, PEM) or public key PEM.
	Cert        string   `json:"cert"`
	AccountSets []string `json:"accountSets,omitempty"`
	// CompanyAudit is the application's audit mode, auto or manual; ""
	// keeps the one it has (the server's, --company-audit, when new).
	CompanyAudit string `json:"companyAudit,omitempty"`
}

// adminRegisterApp registers an application: a JSON AppRequest, or the
// certificate PEM itself as the body with ?sysid=.
func (a *API) adminRegisterApp(w http.ResponseWriter, r *http.Request) {
	body, ok := readBody(w, r)
	if !ok {
		return
	}
	req := AppRequest{SysID: r.URL.Query().Get("sysid"), Cert: string(body)}
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
	app := apps.App{SysID: req.SysID, Key: pub, AccountSets: req.AccountSets, CompanyAudit: req.CompanyAudit}
	reset, err := a.Server.RegisterApp(app)
	if err != nil {
		writeError(w, http.StatusBadRequest, "%v", err)
		return
	}
	ans := registered{Info: apps.Info{SysID: app.SysID, Fingerprint: keys.Fingerprint(pub), Origin: apps.OriginAdmin,
		Registered: time.Now(), AccountSets: req.AccountSets}, StateReset: reset}
	for _, info := range a.Server.Apps() { // as registered, with the sets it has
		if info.SysID == app.SysID {
			ans.Info = info
		}
	}
	if reset {
		ans.Note = "the application had a state with other account sets: it was reset (members, orders, balances, " +
			"journal, coverage, run-time rules, notifications), as POST /__tsymock/reset?sysid= does, so that the new sets take effect"
	}
	writeJSON(w, http.StatusCreated, ans)
}

// registered is the answer of POST /__tsymock/apps: the application, and
// whether registering it reset its state.
type registered struct {
	apps.Info
	StateReset bool   `json:"stateReset"`
	Note       string `json:"note,omitempty"`
}
