package admin

import (
	"errors"
	"net/http"

	"github.com/tsymock/tsymock/internal/emulator"
	"github.com/tsymock/tsymock/internal/notify"
	"github.com/tsymock/tsymock/internal/soa"
)

// The decisions of POST /__tsymock/company-audit.
const (
	decisionApprove = "approve"
	decisionReject  = "reject"
)

// CompanyAuditRequest is the body of POST /__tsymock/company-audit: the
// back office's decision on a pending enterprise audit (spec §4.1.6 note
// 4), with the keys of the verifyResult notification it sends (§4.1.7).
type CompanyAuditRequest struct {
	BizUserID  string `json:"bizUserId"`
	Decision   string `json:"decision"`   // approve or reject
	FailReason string `json:"failReason"` // a rejection's (default 企业信息审核不通过)
	Remark     string `json:"remark"`
}

// adminCompanyAudit decides ?sysid='s pending audit of bizUserId and
// answers the verifyResult notification it queued (201); 404 when there
// is no audit to decide, 409 when it was decided already.
func (a *API) adminCompanyAudit(w http.ResponseWriter, r *http.Request) {
	var req CompanyAuditRequest
	sysid, ok := platformRequest(w, r, &req)
	if !ok {
		return
	}
	switch {
	case req.BizUserID == "":
		writeError(w, http.StatusBadRequest, "say whose audit: bizUserId")
		return
	case req.Decision != decisionApprove && req.Decision != decisionReject:
		writeError(w, http.StatusBadRequest, "decision %q: want %q or %q", req.Decision, decisionApprove, decisionReject)
		return
	}
	n, err := a.Server.DecideCompanyAudit(sysid, emulator.AuditDecision{BizUserID: req.BizUserID,
		Approve: req.Decision == decisionApprove, FailReason: req.FailReason, Remark: req.Remark})
	writeDecided(w, n, err)
}

// writeDecided is writeNotified with the refusals of a decision as HTTP
// says them: nothing to decide is 404, decided already 409.
func writeDecided(w http.ResponseWriter, n notify.Notification, err error) {
	var serr *soa.Error
	if errors.As(err, &serr) {
		if status := auditRefusalStatus(serr.Code); status != 0 {
			writeJSON(w, status, map[string]string{"error": "tsymock: " + err.Error(), "errorCode": serr.Code})
			return
		}
	}
	writeNotified(w, n, err)
}

// auditRefusalStatus is the HTTP status of a decision's refusal code, 0
// for one that is the request's fault (400).
func auditRefusalStatus(code string) int {
	switch code {
	case emulator.CodeNoMember, emulator.CodeNotEnterprise, emulator.CodeNoCompany:
		return http.StatusNotFound
	case emulator.CodeAuditDecided:
		return http.StatusConflict
	}
	return 0
}
