package client

import "context"

// RefundItem says who gives back how much of a refunded consumption.
type RefundItem struct {
	BizUserID    string `json:"bizUserId"`
	AccountSetNo string `json:"accountSetNo,omitempty"`
	Amount       int64  `json:"amount"`
}

// RefundRequest refunds a succeeded order, OriBizOrderNo, to its payer
// BizUserID, wholly or in part.
type RefundRequest struct {
	BizOrderNo    string       `json:"bizOrderNo"`
	OriBizOrderNo string       `json:"oriBizOrderNo"`
	BizUserID     string       `json:"bizUserId"`
	RefundType    string       `json:"refundType,omitempty"`
	RefundList    []RefundItem `json:"refundList,omitempty"`
	BackURL       string       `json:"backUrl,omitempty"`
	Amount        int64        `json:"amount"`
	CouponAmount  int64        `json:"couponAmount,omitempty"`
	FeeAmount     int64        `json:"feeAmount,omitempty"`
	ExtendInfo    string       `json:"extendInfo,omitempty"`
}

// RefundResponse is the answer of Refund.
type RefundResponse struct {
	PayStatus      string `json:"payStatus"`
	PayFailMessage string `json:"payFailMessage"`
	OrderNo        string `json:"orderNo"`
	BizOrderNo     string `json:"bizOrderNo"`
	Amount         int64  `json:"amount"`
	CouponAmount   int64  `json:"couponAmount"`
	FeeAmount      int64  `json:"feeAmount"`
	ExtendInfo     string `json:"extendInfo"`
}

// Refund calls OrderService.refund; the original order's status becomes
// OrderRefunded. An original that has not succeeded is a *Error with Code
// "40041"; one paid by another member "40022".
func (c *Client) Refund(ctx context.Context, req RefundRequest) (*RefundResponse, error) {
	return typed[RefundResponse](ctx, c, "OrderService", "refund", req)
}
