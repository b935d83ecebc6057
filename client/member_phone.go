package client

import "context"

// SendVerificationCodeRequest asks the platform to send an SMS code to bind
// (VerificationCodeBind) or unbind (VerificationCodeUnbind) a phone.
type SendVerificationCodeRequest struct {
	BizUserID            string `json:"bizUserId"`
	Phone                string `json:"phone"`
	VerificationCodeType int    `json:"verificationCodeType"`
}

// PhoneResponse is the answer of SendVerificationCode and BindPhone.
type PhoneResponse struct {
	BizUserID string `json:"bizUserId"`
	Phone     string `json:"phone"`
}

// SendVerificationCode calls MemberService.sendVerificationCode.
func (c *Client) SendVerificationCode(ctx context.Context, req SendVerificationCodeRequest) (*PhoneResponse, error) {
	return typed[PhoneResponse](ctx, c, "MemberService", "sendVerificationCode", req)
}

// PhoneCodeRequest binds or unbinds a phone with the SMS code sent to it.
type PhoneCodeRequest struct {
	BizUserID        string `json:"bizUserId"`
	Phone            string `json:"phone"`
	VerificationCode string `json:"verificationCode"`
}

// BindPhone calls MemberService.bindPhone. A member that already has a phone
// is a *Error with Code "30024"; a wrong code is "20011".
func (c *Client) BindPhone(ctx context.Context, req PhoneCodeRequest) (*PhoneResponse, error) {
	return typed[PhoneResponse](ctx, c, "MemberService", "bindPhone", req)
}

// UnbindPhoneResponse is the answer of UnbindPhone.
type UnbindPhoneResponse struct {
	BizUserID string `json:"bizUserId"`
	Phone     string `json:"phone"`
	Result    string `json:"result"`
}

// UnbindPhone calls MemberService.unbindPhone.
func (c *Client) UnbindPhone(ctx context.Context, req PhoneCodeRequest) (*UnbindPhoneResponse, error) {
	return typed[UnbindPhoneResponse](ctx, c, "MemberService", "unbindPhone", req)
}
