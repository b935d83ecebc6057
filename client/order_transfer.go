package client

import "context"

// ApplicationTransferRequest pays a member from the platform's own account.
type ApplicationTransferRequest struct {
	BizTransferNo      string `json:"bizTransferNo"`
	SourceAccountSetNo string `json:"sourceAccountSetNo"`
	TargetBizUserID    string `json:"targetBizUserId"`
	TargetAccountSetNo string `json:"targetAccountSetNo"`
	Amount             int64  `json:"amount"`
	ExtendInfo         string `json:"extendInfo,omitempty"`
}

// ApplicationTransferResponse is the answer of ApplicationTransfer.
type ApplicationTransferResponse struct {
	TransferNo    string `json:"transferNo"`
	BizTransferNo string `json:"bizTransferNo"`
	Amount        int64  `json:"amount"`
	ExtendInfo    string `json:"extendInfo"`
}

// ApplicationTransfer calls OrderService.applicationTransfer. A repeated
// BizTransferNo is a *Error with Code "40017".
func (c *Client) ApplicationTransfer(ctx context.Context, req ApplicationTransferRequest) (*ApplicationTransferResponse, error) {
	return typed[ApplicationTransferResponse](ctx, c, "OrderService", "applicationTransfer", req)
}

// FreezeRequest freezes or releases part of a member's balance. The
// BizFreezenNo (sic) of a freeze names it when it is released.
type FreezeRequest struct {
	BizUserID    string `json:"bizUserId"`
	BizFreezenNo string `json:"bizFreezenNo"`
	AccountSetNo string `json:"accountSetNo"`
	Amount       int64  `json:"amount"`
}

// FreezeResponse is the answer of FreezeMoney and UnfreezeMoney.
type FreezeResponse struct {
	BizFreezenNo string `json:"bizFreezenNo"`
	Amount       int64  `json:"amount"`
}

// FreezeMoney calls OrderService.freezeMoney: the amount stays in the
// balance but cannot be spent.
func (c *Client) FreezeMoney(ctx context.Context, req FreezeRequest) (*FreezeResponse, error) {
	return typed[FreezeResponse](ctx, c, "OrderService", "freezeMoney", req)
}

// UnfreezeMoney calls OrderService.unfreezeMoney: all or part of a freeze
// can be spent again. An unknown freeze is a *Error with Code "50004";
// asking more than it holds "50003".
func (c *Client) UnfreezeMoney(ctx context.Context, req FreezeRequest) (*FreezeResponse, error) {
	return typed[FreezeResponse](ctx, c, "OrderService", "unfreezeMoney", req)
}
