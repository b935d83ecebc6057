package admin

import (
	"errors"
	"net/http"

	"github.com/gorilla/mux"

	"github.com/tsymock/tsymock/internal/notify"
)

// routeNotifications adds the notifications: list, one, redeliver one,
// deliver everything pending now, forget.
func (a *API) routeNotifications(r *mux.Router) {
	get(r, "/notifications", a.adminNotifications)
	get(r, "/notifications/{id}", a.adminNotification)
	do(r, http.MethodPost, "/notifications/{id}/redeliver", a.adminRedeliver)
	do(r, http.MethodPost, "/notifications/deliver", a.adminDeliverPending)
	do(r, http.MethodDelete, "/notifications", a.adminClearNotifications)
}

func (a *API) adminNotifications(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, a.Server.Notifications(r.URL.Query().Get("sysid")))
}

func (a *API) adminNotification(w http.ResponseWriter, r *http.Request) {
	n, ok := a.Server.Notification(mux.Vars(r)["id"])
	if !ok {
		writeError(w, http.StatusNotFound, "no notification %q", mux.Vars(r)["id"])
		return
	}
	writeJSON(w, http.StatusOK, n)
}

// adminRedeliver attempts one notification now and answers it with the
// attempt recorded (the merchant's answer is in its last attempt).
func (a *API) adminRedeliver(w http.ResponseWriter, r *http.Request) {
	n, err := a.Server.RedeliverNotification(r.Context(), mux.Vars(r)["id"])
	switch {
	case errors.Is(err, notify.ErrNotFound):
		writeError(w, http.StatusNotFound, "%v", err)
	case errors.Is(err, notify.ErrUndeliverable), errors.Is(err, notify.ErrBusy):
		writeError(w, http.StatusConflict, "%v", err)
	case err != nil:
		writeError(w, http.StatusServiceUnavailable, "%v", err)
	default:
		writeJSON(w, http.StatusOK, n)
	}
}

// adminDeliverPending attempts every pending notification now and answers
// them once every attempt has finished.
func (a *API) adminDeliverPending(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, a.Server.DeliverPendingNotifications(r.Context()))
}

func (a *API) adminClearNotifications(w http.ResponseWriter, r *http.Request) {
	sysid := r.URL.Query().Get("sysid")
	a.Server.ClearNotifications(sysid)
	writeJSON(w, http.StatusOK, map[string]string{"cleared": orAll(sysid)})
}
