package client

import "context"

// States of GetOrderSplitRuleListDetail (SplitRuleListDetail.State).
const (
	SplitNotDone int64 = 0 // the order is unpaid, failed or closed
	SplitDone    int64 = 1 // the order was paid and every share credited
)

// SplitRuleListDetail is the answer of GetOrderSplitRuleListDetail: the
// split rules a consumption or a payout was made with, as sent. ReceiverID
// is who got the rest (recieverId, sic, on the wire).
type SplitRuleListDetail struct {
	OrderNo             string      `json:"orderNo"`
	BizOrderNo          string      `json:"bizOrderNo"`
	ReceiverID          string      `json:"recieverId"`
	State               int64       `json:"state"` // SplitNotDone or SplitDone
	SplitRuleListDetail []SplitRule `json:"splitRuleListDetail"`
}

// GetOrderSplitRuleListDetail calls OrderService.getOrderSplitRuleListDetail
// for a ConsumeApply, SignalAgentPay or BatchAgentPay order. An unknown
// order is a *Error with Code "40000"; another kind of order "40018".
func (c *Client) GetOrderSplitRuleListDetail(ctx context.Context, bizOrderNo string) (*SplitRuleListDetail, error) {
	return typed[SplitRuleListDetail](ctx, c, "OrderService", "getOrderSplitRuleListDetail", orderRequest{bizOrderNo})
}

// States of a ReceiverInfo.
const (
	ReceiverHeld     int64 = 0 // some of the receiver's share is still held
	ReceiverFinished int64 = 1 // nothing is left to pay out to it (paid out or refunded)
)

// PaymentInformationRequest asks what a collection (an AgentCollectApply's
// BizOrderNo) holds and has paid out. BizUserID narrows the answer to one
// receiver; AccountSetNo and the dates (yyyy-MM-dd, both included) narrow
// the payouts counted.
type PaymentInformationRequest struct {
	BizOrderNo   string `json:"bizOrderNo"`
	BizUserID    string `json:"bizUserId,omitempty"`
	AccountSetNo string `json:"accountSetNo,omitempty"`
	DateStart    string `json:"dateStart,omitempty"`
	DateEnd      string `json:"dateEnd,omitempty"`
}

// ReceiverInfo is one receiver of a collection: its share
// (ManagedCollAmount), what payouts paid it and what is still held for it.
type ReceiverInfo struct {
	ReceiverID        string `json:"receiverId"`
	ReceiverName      string `json:"receiverName"`
	ManagedCollAmount int64  `json:"managedCollAmount"`
	PayAmount         int64  `json:"payAmount"`
	UnPayAmount       int64  `json:"unPayAmount"`
	Status            int64  `json:"status"` // ReceiverHeld or ReceiverFinished
}

// PaymentInformation is the answer of GetPaymentInformationDetail.
// CollOrderNo is the collection's BizOrderNo, CollTime when it was paid.
type PaymentInformation struct {
	CollOrderNo      string         `json:"collOrderNo"`
	CollAmount       int64          `json:"collAmount"`
	PayerID          string         `json:"payerId"`
	PayerName        string         `json:"payerName"`
	CollTime         string         `json:"collTime"`
	PayTotalAmount   int64          `json:"payTotalAmount"`
	UnPayTotalAmount int64          `json:"unPayTotalAmount"`
	ReceiverInfoList []ReceiverInfo `json:"receiverInfoList"`
}

// GetPaymentInformationDetail calls OrderService.getPaymentInformationDetail.
// An order that is not a paid collection is a *Error with Code "40000"
// (unknown), "40018" (not a collection) or "40019" (not paid).
func (c *Client) GetPaymentInformationDetail(ctx context.Context, req PaymentInformationRequest) (*PaymentInformation, error) {
	return typed[PaymentInformation](ctx, c, "OrderService", "getPaymentInformationDetail", req)
}
