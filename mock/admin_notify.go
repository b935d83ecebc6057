package mock

import (
	"errors"
	"net/http"
)

// routeNotifications adds the notifications: list, one, redeliver one,
// deliver everything pending now, forget.
func (s *Server) routeNotifications(mux *http.ServeMux) {
	mux.HandleFunc("GET "+AdminPrefix+"notifications", s.adminNotifications)
	mux.HandleFunc("GET "+AdminPrefix+"notifications/{id}", s.adminNotification)
	mux.HandleFunc("POST "+AdminPrefix+"notifications/{id}/redeliver", s.adminRedeliver)
	mux.HandleFunc("POST "+AdminPrefix+"notifications/deliver", s.adminDeliverPending)
	mux.HandleFunc("DELETE "+AdminPrefix+"notifications", s.adminClearNotifications)
}

func (s *Server) adminNotifications(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, s.Notifications(r.URL.Query().Get("sysid")))
}

func (s *Server) adminNotification(w http.ResponseWriter, r *http.Request) {
	n, ok := s.Notification(r.PathValue("id"))
	if !ok {
		writeError(w, http.StatusNotFound, "no notification %q", r.PathValue("id"))
		return
	}
	writeJSON(w, http.StatusOK, n)
}

// adminRedeliver attempts one notification now and answers it with the
// attempt recorded (the merchant's answer is in its last attempt).
func (s *Server) adminRedeliver(w http.ResponseWriter, r *http.Request) {
	n, err := s.RedeliverNotification(r.Context(), r.PathValue("id"))
	switch {
	case errors.Is(err, ErrNotificationNotFound):
		writeError(w, http.StatusNotFound, "%v", err)
	case errors.Is(err, ErrUndeliverable), errors.Is(err, ErrNotificationBusy):
		writeError(w, http.StatusConflict, "%v", err)
	case err != nil:
		writeError(w, http.StatusServiceUnavailable, "%v", err)
	default:
		writeJSON(w, http.StatusOK, n)
	}
}

// adminDeliverPending attempts every pending notification now and answers
// them once every attempt has finished.
func (s *Server) adminDeliverPending(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, s.DeliverPendingNotifications(r.Context()))
}

func (s *Server) adminClearNotifications(w http.ResponseWriter, r *http.Request) {
	sysid := r.URL.Query().Get("sysid")
	s.ClearNotifications(sysid)
	writeJSON(w, http.StatusOK, map[string]string{"cleared": orAll(sysid)})
}
