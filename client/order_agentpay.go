package client

import (
	"context"
	"slices"
)

// CollectPay names a collection (an AgentCollectApply's BizOrderNo) and how
// much of it a payout takes.
type CollectPay struct {
	BizOrderNo string `json:"bizOrderNo"`
	Amount     int64  `json:"amount"`
}

// SignalAgentPayRequest pays held money out to one receiver, BizUserID,
// into AccountSetNo. The CollectPayList amounts add up to Amount; Fee goes
// to the platform, each SplitRuleList item its share.
type SignalAgentPayRequest struct {
	BizOrderNo     string       `json:"bizOrderNo"`
	CollectPayList []CollectPay `json:"collectPayList"`
	BizUserID      string       `json:"bizUserId"`
	AccountSetNo   string       `json:"accountSetNo"`
	BackURL        string       `json:"backUrl"`
	Amount         int64        `json:"amount"`
	Fee            int64        `json:"fee"`
	SplitRuleList  []SplitRule  `json:"splitRuleList,omitempty"`
	GoodsType      int64        `json:"goodsType,omitempty"`
	BizGoodsNo     string       `json:"bizGoodsNo,omitempty"`
	TradeCode      string       `json:"tradeCode"`
	Summary        string       `json:"summary,omitempty"`
	ExtendInfo     string       `json:"extendInfo,omitempty"`
}

// SignalAgentPayResponse is the answer of SignalAgentPay.
type SignalAgentPayResponse struct {
	PayStatus      string `json:"payStatus"`
	PayFailMessage string `json:"payFailMessage"`
	OrderNo        string `json:"orderNo"`
	BizOrderNo     string `json:"bizOrderNo"`
	PayWhereabouts int64  `json:"payWhereabouts"`
	ExtendInfo     string `json:"extendInfo"`
}

// SignalAgentPay calls OrderService.signalAgentPay (the platform's spelling
// of "single"). Asking a collection for more than it still holds for the
// receiver is a *Error with Code "40040".
func (c *Client) SignalAgentPay(ctx context.Context, req SignalAgentPayRequest) (*SignalAgentPayResponse, error) {
	return typed[SignalAgentPayResponse](ctx, c, "OrderService", "signalAgentPay", req)
}

// BatchAgentPayRequest pays out several receivers at once. An item without
// a TradeCode is sent with the batch's, so callers write it once.
type BatchAgentPayRequest struct {
	BizBatchNo   string                  `json:"bizBatchNo"`
	BatchPayList []SignalAgentPayRequest `json:"batchPayList"`
	GoodsType    int64                   `json:"goodsType,omitempty"`
	BizGoodsNo   string                  `json:"bizGoodsNo,omitempty"`
	TradeCode    string                  `json:"tradeCode"`
}

// BatchAgentPayResponse is the answer of BatchAgentPay.
type BatchAgentPayResponse struct {
	BizBatchNo string `json:"bizBatchNo"`
}

// BatchAgentPay calls OrderService.batchAgentPay. The answer only accepts
// the batch: each item succeeds or fails on its own, which GetOrderDetail
// and one notification per item tell.
func (c *Client) BatchAgentPay(ctx context.Context, req BatchAgentPayRequest) (*BatchAgentPayResponse, error) {
	req.BatchPayList = slices.Clone(req.BatchPayList) // the caller's items stay as they were
	for i := range req.BatchPayList {
		if req.BatchPayList[i].TradeCode == "" {
			req.BatchPayList[i].TradeCode = req.TradeCode
		}
	}
	return typed[BatchAgentPayResponse](ctx, c, "OrderService", "batchAgentPay", req)
}
