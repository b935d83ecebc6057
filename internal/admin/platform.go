package admin

import (
	"cmp"
	"errors"
	"net/http"

	"github.com/gorilla/mux"

	"github.com/tsymock/tsymock/internal/apps"
	"github.com/tsymock/tsymock/internal/emulator"
	"github.com/tsymock/tsymock/internal/notify"
	"github.com/tsymock/tsymock/internal/soa"
)

// routePlatform adds what happens on the platform's side without a call
// of the merchant's: a transfer into the reserve fund (spec §4.3.3), a
// payment at a bound terminal, which the platform back-fills (§4.1.22),
// and the back office's decision on an enterprise audit (§4.1.6 note 4).
func (a *API) routePlatform(r *mux.Router) {
	do(r, http.MethodPost, "/reserve-fund-in", a.adminReserveFundIn)
	do(r, http.MethodPost, "/terminal-payment", a.adminTerminalPayment)
	do(r, http.MethodPost, "/company-audit", a.adminCompanyAudit)
}

// ReserveFundRequest is the body of POST /__tsymock/reserve-fund-in.
type ReserveFundRequest struct {
	AccountNo string `json:"accountNo"`
	Amount    int64  `json:"amount"`
	MerID     string `json:"merid"`
	BackURL   string `json:"backUrl"`
}

// TerminalPaymentRequest is the body of POST /__tsymock/terminal-payment,
// named as the back-fill's fields are (spec §4.1.22).
type TerminalPaymentRequest struct {
	Termid         string `json:"termid"`
	OrderType      string `json:"ordertype"` // default depositApply
	Amount         int64  `json:"amount"`
	PayStatus      string `json:"payStatus"` // default success
	PayFailMessage string `json:"payFailMessage"`
	TrxCode        string `json:"payInterfacetrxcode"`
	Srctrxid       string `json:"srctrxid"`
	URL            string `json:"url"`
	OrderBackURL   string `json:"orderBackUrl"`
	POS            bool   `json:"pos"` // a card swiped at a 收银宝 POS, not a 当面付 QR code
	Traceno        string `json:"traceno"`
	Termrefnum     string `json:"termrefnum"`
	ChannelFee     string `json:"channelFee"`
	Acct           string `json:"acct"`
	AcctType       string `json:"accttype"`
}

// adminReserveFundIn books a transfer into ?sysid='s reserve fund and
// answers the NotifyReserveFundIn notification it queued.
func (a *API) adminReserveFundIn(w http.ResponseWriter, r *http.Request) {
	var req ReserveFundRequest
	sysid, ok := platformRequest(w, r, &req)
	if !ok {
		return
	}
	n, err := a.Server.ReserveFundIn(sysid, emulator.ReserveFundTransfer{AccountNo: req.AccountNo, Amount: req.Amount,
		MerID: req.MerID, BackURL: req.BackURL})
	writeNotified(w, n, err)
}

// adminTerminalPayment records a payment at ?sysid='s bound terminal and
// answers the back-fill notification it queued (its fields in form).
func (a *API) adminTerminalPayment(w http.ResponseWriter, r *http.Request) {
	var req TerminalPaymentRequest
	sysid, ok := platformRequest(w, r, &req)
	if !ok {
		return
	}
	n, err := a.Server.TerminalPayment(sysid, emulator.TerminalPayment{Termid: req.Termid,
		OrderType: cmp.Or(req.OrderType, "depositApply"), Amount: req.Amount, PayStatus: cmp.Or(req.PayStatus, "success"),
		PayFailMessage: req.PayFailMessage, TrxCode: req.TrxCode, Srctrxid: req.Srctrxid, URL: req.URL,
		OrderBackURL: req.OrderBackURL, POS: req.POS, Traceno: req.Traceno, Termrefnum: req.Termrefnum,
		ChannelFee: req.ChannelFee, Acct: req.Acct, AcctType: req.AcctType})
	writeNotified(w, n, err)
}

// platformRequest reads ?sysid= and the JSON body.
func platformRequest(w http.ResponseWriter, r *http.Request, body any) (string, bool) {
	sysid := r.URL.Query().Get("sysid")
	if sysid == "" {
		writeError(w, http.StatusBadRequest, "say which application: ?sysid=")
		return "", false
	}
	return sysid, decodeJSON(w, r, body)
}

// writeNotified answers the notification an operation queued (201), or
// why it was refused: 400 with the platform's errorCode, 404 for an
// unknown sysid.
func writeNotified(w http.ResponseWriter, n notify.Notification, err error) {
	var serr *soa.Error
	switch {
	case errors.As(err, &serr):
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "tsymock: " + err.Error(), "errorCode": serr.Code})
	case errors.Is(err, apps.ErrUnknown):
		writeError(w, http.StatusNotFound, "%v", err)
	case err != nil:
		writeError(w, http.StatusBadRequest, "%v", err)
	default:
		writeJSON(w, http.StatusCreated, n)
	}
}
