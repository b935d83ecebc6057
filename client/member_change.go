package client

import "context"

// VspTermidRequest binds (OperationType "set") or lists ("query") a
// member's VSP (收银宝) terminals, spec §4.1.21.
type VspTermidRequest struct {
	BizUserID     string `json:"bizUserId"`
	OperationType string `json:"operationType"`
	VspMerchantID string `json:"vspMerchantid,omitempty"`
	VspCusID      string `json:"vspCusid"`
	AppID         string `json:"appid"`
	VspTermID     string `json:"vspTermid,omitempty"`
}

// VspTerminal is one item of vspTermidList, spec §5.14.
type VspTerminal struct {
	VspMerchantID string `json:"vspMerchantid"`
	VspCusID      string `json:"vspCusid"`
	VspTermID     string `json:"vspTermid"`
	SetDate       string `json:"setDate"`
}

// VspTermidResponse is the answer of VspTermidService: the member's
// terminals.
type VspTermidResponse struct {
	BizUserID     string        `json:"bizUserId"`
	Result        string        `json:"result"`
	VspTermidList []VspTerminal `json:"vspTermidList"`
}

// VspTermidService calls MemberService.vspTermidService. A terminal bound
// to another member is a *Error with Code "20009".
func (c *Client) VspTermidService(ctx context.Context, req VspTermidRequest) (*VspTermidResponse, error) {
	return typed[VspTermidResponse](ctx, c, "MemberService", "vspTermidService", req)
}

// BankCardChangeBindPhoneRequest starts changing a personal member's bound
// phone to Phone, confirmed by the card's SMS code (spec §4.1.25). CardNo,
// IdentityNo, Validate and CVV2 are plain text: the client encrypts them.
type BankCardChangeBindPhoneRequest struct {
	BizUserID    string `json:"bizUserId"`
	CardNo       string `json:"cardNo"`
	Phone        string `json:"phone"`
	Name         string `json:"name"`
	CardCheck    int    `json:"cardCheck"` // 6 or 7
	IdentityType int    `json:"identityType"`
	IdentityNo   string `json:"identityNo"`
	Validate     string `json:"validate,omitempty"`
	CVV2         string `json:"cvv2,omitempty"`
}

// BankCardChangeBindPhoneResponse carries the TranceNum that
// VerifyBankCardChangeBindPhone confirms.
type BankCardChangeBindPhoneResponse struct {
	BizUserID string `json:"bizUserId"`
	TranceNum string `json:"tranceNum"`
	BankName  string `json:"bankName"`
	BankCode  string `json:"bankCode"`
	CardType  int    `json:"cardType"`
}

// BankCardChangeBindPhone calls MemberService.bankCardChangeBindPhone.
func (c *Client) BankCardChangeBindPhone(ctx context.Context, req BankCardChangeBindPhoneRequest) (*BankCardChangeBindPhoneResponse, error) {
	return typed[BankCardChangeBindPhoneResponse](ctx, c, "MemberService", "bankCardChangeBindPhone", req)
}

// VerifyBankCardChangeBindPhoneRequest confirms a phone change with the SMS
// code (spec §4.1.26).
type VerifyBankCardChangeBindPhoneRequest struct {
	BizUserID        string `json:"bizUserId"`
	TranceNum        string `json:"tranceNum"`
	Phone            string `json:"phone"`
	VerificationCode string `json:"verificationCode"`
	Validate         string `json:"validate,omitempty"`
	CVV2             string `json:"cvv2,omitempty"`
}

// VerifyBankCardChangeBindPhoneResponse is the answer of
// VerifyBankCardChangeBindPhone.
type VerifyBankCardChangeBindPhoneResponse struct {
	BizUserID string `json:"bizUserId"`
	TranceNum string `json:"tranceNum"`
}

// VerifyBankCardChangeBindPhone calls
// MemberService.verifyBankCardChangeBindPhone: the card and the member take
// the new phone.
func (c *Client) VerifyBankCardChangeBindPhone(ctx context.Context, req VerifyBankCardChangeBindPhoneRequest) (*VerifyBankCardChangeBindPhoneResponse, error) {
	return typed[VerifyBankCardChangeBindPhoneResponse](ctx, c, "MemberService", "verifyBankCardChangeBindPhone", req)
}
