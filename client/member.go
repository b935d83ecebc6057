package client

import "context"

// Member types and request sources of createMember.
const (
	MemberEnterprise = 2
	MemberPersonal   = 3
	SourceMobile     = 1
	SourcePC         = 2
)

// Enumerations of the other MemberService calls (PROTOCOL.md §7).
const (
	// VerificationCodeBind and VerificationCodeUnbind are the
	// verificationCodeType of SendVerificationCode.
	VerificationCodeBind   = 9
	VerificationCodeUnbind = 6
	// IdentityIDCard is the identityType of the resident identity card (身份证).
	IdentityIDCard = 1
	// CardDebit and CardCredit are a card's cardType.
	CardDebit  = 1
	CardCredit = 2
	// AuditPending is an enterprise's MemberInfo.Status while its audit
	// waits for the platform's back office (spec §6.8 待审核; tsymock's
	// --company-audit manual).
	AuditPending = 1
	// AuditApproved and AuditRejected are the result of SetCompanyInfo and of
	// the verifyResult notification, and an enterprise's MemberInfo.Status.
	AuditApproved = 2
	AuditRejected = 3
)

// MemberResponse is the answer of the calls that echo only the member.
type MemberResponse struct {
	BizUserID string `json:"bizUserId"`
}

// CreateMemberRequest registers a member.
type CreateMemberRequest struct {
	BizUserID   string         `json:"bizUserId"`
	MemberType  int            `json:"memberType"`
	Source      int            `json:"source"`
	ExtendParam map[string]any `json:"extendParam,omitempty"`
}

// CreateMemberResponse is the platform's answer to createMember.
type CreateMemberResponse struct {
	BizUserID string `json:"bizUserId"`
	UserID    string `json:"userId"`
}

// CreateMember calls MemberService.createMember. A duplicate bizUserId is a
// *Error with Code "30000".
func (c *Client) CreateMember(ctx context.Context, req CreateMemberRequest) (*CreateMemberResponse, error) {
	return typed[CreateMemberResponse](ctx, c, "MemberService", "createMember", req)
}
