package client

import "context"

// LockMember calls MemberService.lockMember. Every later call for a locked
// member is a *Error with Code "30022", a second LockMember included.
func (c *Client) LockMember(ctx context.Context, bizUserID string) (*MemberResponse, error) {
	return typed[MemberResponse](ctx, c, "MemberService", "lockMember", bizUserRequest{bizUserID})
}

// UnlockMember calls MemberService.unlockMember. A member that is not locked
// is a *Error with Code "9000", which SDKs treat as already done.
func (c *Client) UnlockMember(ctx context.Context, bizUserID string) (*MemberResponse, error) {
	return typed[MemberResponse](ctx, c, "MemberService", "unlockMember", bizUserRequest{bizUserID})
}

// CreateBankSubAcctNoRequest opens a member's bank sub-account.
type CreateBankSubAcctNoRequest struct {
	BizUserID    string `json:"bizUserId"`
	AccountSetNo string `json:"accountSetNo"`
	AcctOrgType  int    `json:"acctOrgType"`
}

// CreateBankSubAcctNoResponse is the answer of CreateBankSubAcctNo.
type CreateBankSubAcctNoResponse struct {
	BizUserID    string `json:"bizUserId"`
	AccountSetNo string `json:"accountSetNo"`
	SubAcctNo    string `json:"subAcctNo"`
}

// CreateBankSubAcctNo calls MemberService.createBankSubAcctNo.
func (c *Client) CreateBankSubAcctNo(ctx context.Context, req CreateBankSubAcctNoRequest) (*CreateBankSubAcctNoResponse, error) {
	return typed[CreateBankSubAcctNoResponse](ctx, c, "MemberService", "createBankSubAcctNo", req)
}

// ApplyBindAcctRequest binds a payment account, e.g. OperationType "set",
// AcctType "weChatMiniProgram", Acct the user's openid.
type ApplyBindAcctRequest struct {
	BizUserID     string `json:"bizUserId"`
	OperationType string `json:"operationType"`
	AcctType      string `json:"acctType"`
	Acct          string `json:"acct"`
}

// ApplyBindAcctResponse is the answer of ApplyBindAcct.
type ApplyBindAcctResponse struct {
	BizUserID string `json:"bizUserId"`
	Result    string `json:"result"`
}

// ApplyBindAcct calls MemberService.applyBindAcct.
func (c *Client) ApplyBindAcct(ctx context.Context, req ApplyBindAcctRequest) (*ApplyBindAcctResponse, error) {
	return typed[ApplyBindAcctResponse](ctx, c, "MemberService", "applyBindAcct", req)
}
