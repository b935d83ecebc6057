package client

import "context"

// CardBinInfo is what the platform knows of a card number's BIN.
type CardBinInfo struct {
	CardBin   string `json:"cardBin"`
	CardType  int    `json:"cardType"` // CardDebit or CardCredit
	BankCode  string `json:"bankCode"`
	BankName  string `json:"bankName"`
	CardName  string `json:"cardName"`
	CardLenth int    `json:"cardLenth"` // sic
	CardState int    `json:"cardState"`
	// CardTypeLabel names CardType: 借记卡 or 信用卡.
	CardTypeLabel string `json:"cardTypeLabel"`
}

// GetBankCardBinResponse is the answer of GetBankCardBin.
type GetBankCardBinResponse struct {
	CardBinInfo CardBinInfo `json:"cardBinInfo"`
}

// cardRequest is the param of the calls that name a card only.
type cardRequest struct {
	CardNo string `json:"cardNo"`
}

// GetBankCardBin calls MemberService.getBankCardBin with a plain card number
// (the client encrypts it). A card number that is not 12–19 digits,
// or starts 000000, is a *Error with Code "30049"; an unknown BIN of the right
// shape is tsymock's test bank.
func (c *Client) GetBankCardBin(ctx context.Context, cardNo string) (*GetBankCardBinResponse, error) {
	return typed[GetBankCardBinResponse](ctx, c, "MemberService", "getBankCardBin", cardRequest{cardNo})
}

// ApplyBindBankCardRequest starts binding a card. CardNo, IdentityNo,
// Validate and CVV2 are plain text: the client encrypts them.
type ApplyBindBankCardRequest struct {
	BizUserID    string `json:"bizUserId"`
	CardNo       string `json:"cardNo"`
	Phone        string `json:"phone,omitempty"`
	Name         string `json:"name"`
	CardCheck    int    `json:"cardCheck,omitempty"`
	IdentityType int    `json:"identityType"`
	IdentityNo   string `json:"identityNo"`
	Validate     string `json:"validate,omitempty"`
	CVV2         string `json:"cvv2,omitempty"`
	IsSafeCard   bool   `json:"isSafeCard,omitempty"`
	UnionBank    string `json:"unionBank,omitempty"`
}

// Binding methods (cardCheck) of spec §6.18.
const (
	CardCheckAccountThree = 1 // 通联通账户实名验证(三要素): binds at once
	CardCheckRealNamePay  = 3 // 通联通实名付: BindBankCard with the code 11111
	CardCheckAccountFour  = 5 // 通联通账户实名验证(四要素): binds at once
	CardCheckAgreement    = 6 // 通联通协议支付签约
	CardCheckVspQuick     = 7 // 收银宝快捷支付签约, the default
	CardCheckWanJianTong  = 8 // 万鉴通四要素: binds at once
)

// ApplyBindBankCardResponse carries the TranceNum that BindBankCard confirms
// (cardCheck 6 and 7; the methods that bind at once answer none).
type ApplyBindBankCardResponse struct {
	BizUserID string `json:"bizUserId"`
	TranceNum string `json:"tranceNum"`
	TransDate string `json:"transDate"`
	BankName  string `json:"bankName"`
	BankCode  string `json:"bankCode"`
	CardType  int    `json:"cardType"`
}

// ApplyBindBankCard calls MemberService.applyBindBankCard. A member not yet
// real-named is a *Error with Code "30008"; a card already bound "30017".
func (c *Client) ApplyBindBankCard(ctx context.Context, req ApplyBindBankCardRequest) (*ApplyBindBankCardResponse, error) {
	return typed[ApplyBindBankCardResponse](ctx, c, "MemberService", "applyBindBankCard", req)
}

// BindBankCardRequest confirms a binding with the SMS code.
type BindBankCardRequest struct {
	BizUserID        string `json:"bizUserId"`
	TranceNum        string `json:"tranceNum"`
	TransDate        string `json:"transDate,omitempty"`
	Phone            string `json:"phone"`
	VerificationCode string `json:"verificationCode"`
	Validate         string `json:"validate,omitempty"`
	CVV2             string `json:"cvv2,omitempty"`
}

// BindBankCardResponse is the answer of BindBankCard.
type BindBankCardResponse struct {
	BizUserID string `json:"bizUserId"`
	TranceNum string `json:"tranceNum"`
	TransDate string `json:"transDate"`
}

// BindBankCard calls MemberService.bindBankCard.
func (c *Client) BindBankCard(ctx context.Context, req BindBankCardRequest) (*BindBankCardResponse, error) {
	return typed[BindBankCardResponse](ctx, c, "MemberService", "bindBankCard", req)
}

// QueryBankCardRequest lists a member's cards, or only CardNo when set.
type QueryBankCardRequest struct {
	BizUserID string `json:"bizUserId"`
	CardNo    string `json:"cardNo,omitempty"`
}

// BoundCard is one item of bindCardList, BankCardNo decrypted.
type BoundCard struct {
	BankCardNo string `json:"bankCardNo"`
	BankName   string `json:"bankName"`
	BindTime   string `json:"bindTime"`
	CardType   int    `json:"cardType"`
	BindState  int    `json:"bindState"`
	// Phone is the bank-reserved phone, "" for a card bound by three
	// elements (cardCheck 1) and a corporate account, which list none
	// (spec §5.7: 仅四要素绑定的银行卡返回).
	Phone      string `json:"phone"`
	IsSafeCard bool   `json:"isSafeCard"`
	// BindMethod is the cardCheck the card was bound with (spec §5.7).
	BindMethod  int    `json:"bindMethod"`
	BankCardPro int    `json:"bankCardPro"` // 0 a personal card, 1 an enterprise's corporate account
	UnionBank   string `json:"unionBank"`
	// BranchBankName and BankCityNo are a corporate account's branch and
	// its region code (spec §5.7).
	BranchBankName string `json:"branchBankName,omitempty"`
	BankCityNo     string `json:"bankCityNo,omitempty"`
}

// QueryBankCardResponse is the answer of QueryBankCard.
type QueryBankCardResponse struct {
	BindCardList []BoundCard `json:"bindCardList"`
}

// QueryBankCard calls MemberService.queryBankCard.
func (c *Client) QueryBankCard(ctx context.Context, req QueryBankCardRequest) (*QueryBankCardResponse, error) {
	return typed[QueryBankCardResponse](ctx, c, "MemberService", "queryBankCard", req)
}

// CardRequest names a member's card, as plain text.
type CardRequest struct {
	BizUserID string `json:"bizUserId"`
	CardNo    string `json:"cardNo"`
}

// CardResponse is the answer of UnbindBankCard and SetSafeCard, CardNo
// decrypted where the platform encrypts it.
type CardResponse struct {
	BizUserID string `json:"bizUserId"`
	CardNo    string `json:"cardNo"`
}

// UnbindBankCard calls MemberService.unbindBankCard.
func (c *Client) UnbindBankCard(ctx context.Context, req CardRequest) (*CardResponse, error) {
	return typed[CardResponse](ctx, c, "MemberService", "unbindBankCard", req)
}

// SetSafeCard calls MemberService.setSafeCard.
func (c *Client) SetSafeCard(ctx context.Context, req CardRequest) (*CardResponse, error) {
	return typed[CardResponse](ctx, c, "MemberService", "setSafeCard", req)
}
