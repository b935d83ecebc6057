package client

import "context"

// PayRequest confirms a pending order with the SMS code sent for it.
type PayRequest struct {
	BizUserID        string `json:"bizUserId"`
	BizOrderNo       string `json:"bizOrderNo"`
	TradeNo          string `json:"tradeNo,omitempty"`
	VerificationCode string `json:"verificationCode"`
	ConsumerIP       string `json:"consumerIp"`
}

// PayResponse is the answer of Pay.
type PayResponse struct {
	PayStatus      string `json:"payStatus"`
	PayFailMessage string `json:"payFailMessage"`
	BizUserID      string `json:"bizUserId"`
	BizOrderNo     string `json:"bizOrderNo"`
}

// Pay calls OrderService.pay. A wrong code is a *Error with Code "20011"
// (the order stays payable); an order that is not waiting for payment is
// "40004"; one past its orderExpireDatetime is "40003".
func (c *Client) Pay(ctx context.Context, req PayRequest) (*PayResponse, error) {
	return typed[PayResponse](ctx, c, "OrderService", "pay", req)
}

// ResendPaySMSResponse names the phone the code went to.
type ResendPaySMSResponse struct {
	BizOrderNo string `json:"bizOrderNo"`
	OrderNo    string `json:"orderNo"`
	Phone      string `json:"phone"`
}

// ResendPaySMS calls OrderService.resendPaySMS: the SMS code of an order
// waiting for Pay is sent again.
func (c *Client) ResendPaySMS(ctx context.Context, bizOrderNo string) (*ResendPaySMSResponse, error) {
	return typed[ResendPaySMSResponse](ctx, c, "OrderService", "resendPaySMS", orderRequest{bizOrderNo})
}

// CloseOrderResponse is the answer of CloseOrder.
type CloseOrderResponse struct {
	CloseResult  int64  `json:"closeResult"`
	OrderStatus  int64  `json:"orderStatus"`
	ErrorMessage string `json:"errorMessage"`
	OrderNo      string `json:"orderNo"`
	BizOrderNo   string `json:"bizOrderNo"`
}

// CloseOrder calls OrderService.closeOrder: an unpaid order can no longer
// be paid. Any other order is a *Error with Code "40019".
func (c *Client) CloseOrder(ctx context.Context, bizOrderNo string) (*CloseOrderResponse, error) {
	return typed[CloseOrderResponse](ctx, c, "OrderService", "closeOrder", orderRequest{bizOrderNo})
}
