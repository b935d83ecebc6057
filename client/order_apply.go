package client

import "context"

// DepositApplyRequest tops up a member's account from a card or a gateway.
// Amount less Fee reaches the member; Fee goes to the platform.
//
// A zero ValidateType is left out, so the platform's default applies:
// ValidateSMS (spec §4.2.2: 如不填，默认为短信验证码确认), a QuickPay waiting
// for Pay. A deposit is never completed at once by this client.
type DepositApplyRequest struct {
	BizOrderNo          string    `json:"bizOrderNo"`
	BizUserID           string    `json:"bizUserId"`
	AccountSetNo        string    `json:"accountSetNo"`
	Amount              int64     `json:"amount"`
	Fee                 int64     `json:"fee"`
	ValidateType        int64     `json:"validateType,omitempty"`
	FrontURL            string    `json:"frontUrl,omitempty"`
	BackURL             string    `json:"backUrl"`
	OrderExpireDatetime string    `json:"orderExpireDatetime,omitempty"` // yyyy-MM-dd HH:mm:ss, China time
	PayMethod           PayMethod `json:"payMethod"`
	GoodsName           string    `json:"goodsName,omitempty"`
	IndustryCode        string    `json:"industryCode"`
	IndustryName        string    `json:"industryName"`
	Source              int64     `json:"source"`
	Summary             string    `json:"summary,omitempty"`
	ExtendInfo          string    `json:"extendInfo,omitempty"`
}

// DepositApply calls OrderService.depositApply. It is always pending: a
// QuickPay waits for Pay with the SMS code, a Gateway (or scan, H5) waits
// for the page named by PayInfo.
func (c *Client) DepositApply(ctx context.Context, req DepositApplyRequest) (*OrderResponse, error) {
	return typed[OrderResponse](ctx, c, "OrderService", "depositApply", req)
}

// ConsumeApplyRequest has a payer pay a receiver. Fee goes to the platform,
// each SplitRule its share, the receiver the rest.
//
// ValidateType is always sent, so its zero value, ValidateNone, completes
// a Balance or QuickPay payment at once. The platform's default for a
// request that leaves it out is ValidateSMS (spec §4.2.4): SDKs that omit
// it get an order that waits for Pay.
type ConsumeApplyRequest struct {
	PayerID             string      `json:"payerId"`
	ReceiverID          string      `json:"recieverId"` // sic on the wire
	BizOrderNo          string      `json:"bizOrderNo"`
	Amount              int64       `json:"amount"`
	Fee                 int64       `json:"fee"`
	ValidateType        int64       `json:"validateType"`
	SplitRule           []SplitRule `json:"splitRule,omitempty"`
	FrontURL            string      `json:"frontUrl,omitempty"`
	BackURL             string      `json:"backUrl"`
	OrderExpireDatetime string      `json:"orderExpireDatetime,omitempty"`
	PayMethod           PayMethod   `json:"payMethod"`
	GoodsType           int64       `json:"goodsType,omitempty"`
	BizGoodsNo          string      `json:"bizGoodsNo,omitempty"`
	GoodsName           string      `json:"goodsName,omitempty"`
	GoodsDesc           string      `json:"goodsDesc,omitempty"`
	IndustryCode        string      `json:"industryCode"`
	IndustryName        string      `json:"industryName"`
	Source              int64       `json:"source"`
	Summary             string      `json:"summary,omitempty"`
	ExtendInfo          string      `json:"extendInfo,omitempty"`
}

// ConsumeApply calls OrderService.consumeApply. A Balance payment with
// ValidateNone (the zero value) succeeds at once; a payer short of money
// is a *Error with Code "40014".
func (c *Client) ConsumeApply(ctx context.Context, req ConsumeApplyRequest) (*OrderResponse, error) {
	return typed[OrderResponse](ctx, c, "OrderService", "consumeApply", req)
}

// Receiver is one item of an agentCollectApply's recieverList (sic): who
// the collected money is for, and how much of it.
type Receiver struct {
	BizUserID string `json:"bizUserId"`
	Amount    int64  `json:"amount"`
}

// AgentCollectApplyRequest collects money from a payer for receivers; the
// platform holds it until SignalAgentPay or BatchAgentPay pays it out.
//
// ValidateType is always sent, as ConsumeApplyRequest's: its zero value,
// ValidateNone, completes a Balance or QuickPay collection at once (left
// out, the platform's default is ValidateSMS, spec §4.2.5).
type AgentCollectApplyRequest struct {
	BizOrderNo          string     `json:"bizOrderNo"`
	PayerID             string     `json:"payerId"`
	ReceiverList        []Receiver `json:"recieverList"` // sic on the wire
	GoodsType           int64      `json:"goodsType,omitempty"`
	BizGoodsNo          string     `json:"bizGoodsNo,omitempty"`
	TradeCode           string     `json:"tradeCode"`
	Amount              int64      `json:"amount"`
	Fee                 int64      `json:"fee"`
	ValidateType        int64      `json:"validateType"`
	FrontURL            string     `json:"frontUrl,omitempty"`
	BackURL             string     `json:"backUrl"`
	OrderExpireDatetime string     `json:"orderExpireDatetime,omitempty"`
	PayMethod           PayMethod  `json:"payMethod"`
	GoodsName           string     `json:"goodsName,omitempty"`
	GoodsDesc           string     `json:"goodsDesc,omitempty"`
	IndustryCode        string     `json:"industryCode"`
	IndustryName        string     `json:"industryName"`
	Source              int64      `json:"source"`
	Summary             string     `json:"summary,omitempty"`
	ExtendInfo          string     `json:"extendInfo,omitempty"`
}

// AgentCollectApply calls OrderService.agentCollectApply. The fee goes to
// the platform when the collection is paid; the rest waits in escrow.
func (c *Client) AgentCollectApply(ctx context.Context, req AgentCollectApplyRequest) (*OrderResponse, error) {
	return typed[OrderResponse](ctx, c, "OrderService", "agentCollectApply", req)
}

// WithdrawApplyRequest sends money from a member's account to one of its
// bound cards. BankCardNo is plain text: the client encrypts it.
//
// ValidateType is always sent, so its zero value, ValidateNone, completes
// the withdrawal at once. The platform's default for a request that leaves
// it out is ValidateSMS (spec §4.2.3): SDKs that omit it get an order that
// waits for Pay.
type WithdrawApplyRequest struct {
	BizOrderNo          string    `json:"bizOrderNo"`
	BizUserID           string    `json:"bizUserId"`
	AccountSetNo        string    `json:"accountSetNo"`
	Amount              int64     `json:"amount"`
	Fee                 int64     `json:"fee"`
	ValidateType        int64     `json:"validateType"`
	BackURL             string    `json:"backUrl"`
	OrderExpireDatetime string    `json:"orderExpireDatetime,omitempty"`
	PayMethod           PayMethod `json:"payMethod,omitempty"`
	BankCardNo          string    `json:"bankCardNo"`
	BankCardPro         int64     `json:"bankCardPro,omitempty"`
	WithdrawType        string    `json:"withdrawType,omitempty"` // D0 (default), D1, T1customized, D0customized
	IndustryCode        string    `json:"industryCode"`
	IndustryName        string    `json:"industryName"`
	Source              int64     `json:"source"`
	Summary             string    `json:"summary,omitempty"`
	ExtendInfo          string    `json:"extendInfo,omitempty"`
}

// WithdrawApply calls OrderService.withdrawApply. Amount less Fee leaves
// the platform, Fee goes to it: at once with ValidateNone, after Pay with
// ValidateSMS. A card that is not bound to the member is a *Error with Code
// "30045".
func (c *Client) WithdrawApply(ctx context.Context, req WithdrawApplyRequest) (*OrderResponse, error) {
	return typed[OrderResponse](ctx, c, "OrderService", "withdrawApply", req)
}
