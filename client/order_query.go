package client

import "context"

// balanceRequest names a member's account set.
type balanceRequest struct {
	BizUserID    string `json:"bizUserId"`
	AccountSetNo string `json:"accountSetNo"`
}

// BalanceResponse is a member's balance: AllAmount includes the frozen
// FreezenAmount (sic), so what can be spent is their difference.
type BalanceResponse struct {
	AllAmount     int64 `json:"allAmount"`
	FreezenAmount int64 `json:"freezenAmount"`
}

// QueryBalance calls OrderService.queryBalance. An account set the
// application does not have is a *Error with Code "30019".
func (c *Client) QueryBalance(ctx context.Context, bizUserID, accountSetNo string) (*BalanceResponse, error) {
	return typed[BalanceResponse](ctx, c, "OrderService", "queryBalance", balanceRequest{bizUserID, accountSetNo})
}

// OrderDetail is an order's state. OriOrderNo and OriBizOrderNo name the
// original order of a refund.
type OrderDetail struct {
	OrderNo        string `json:"orderNo"`
	BizOrderNo     string `json:"bizOrderNo"`
	OrderStatus    int64  `json:"orderStatus"` // OrderUnpaid, OrderSucceeded, ...
	ErrorMessage   string `json:"errorMessage"`
	Amount         int64  `json:"amount"`
	PayDatetime    string `json:"payDatetime"`
	BuyerBizUserID string `json:"buyerBizUserId"`
	ExtendInfo     string `json:"extendInfo"`
	OriOrderNo     string `json:"oriOrderNo"`
	OriBizOrderNo  string `json:"oriBizOrderNo"`
	// RefundWhereabouts is where a refund went: RefundToBalance or
	// RefundToChannel (every refund has it); PayWhereabouts a payout's,
	// PayToBalance.
	RefundWhereabouts int64 `json:"refundWhereabouts"`
	PayWhereabouts    int64 `json:"payWhereabouts"`
	// Acct is the payer's account: the masked card of a card payment or a
	// withdrawal, a WeChat openid, an Alipay user id.
	Acct string `json:"acct"`
	// The 收银宝 keys of an order paid at a VSP terminal (a POS or 当面付
	// payment): what the channel reported; of an order paid through another
	// channel the serial, and for 收银宝 cusid, channelFee, channelPaytime
	// and the trade type (VSP501 WeChat, VSP511 Alipay, VSP551 UnionPay).
	AcctType               string `json:"accttype"` // a swiped card's 借贷标志: 00 debit, 02 credit, ...
	TermNo                 string `json:"termno"`
	CusID                  string `json:"cusid"`
	PayInterfaceOutTradeNo string `json:"payInterfaceOutTradeNo"` // 收银宝's trxid
	TermRefNum             string `json:"termrefnum"`
	ChannelFee             string `json:"channelFee"`     // fen, as text
	ChannelPaytime         string `json:"channelPaytime"` // yyyyMMddHHmmss
	PayInterfaceTrxCode    string `json:"payInterfacetrxcode"`
	TraceNo                string `json:"traceno"`
}

// Where a refund or a payout went (spec §4.2.19 refundWhereabouts,
// payWhereabouts).
const (
	RefundToBalance int64 = 1 // to the payer's balance
	RefundToChannel int64 = 2 // back to the card, WeChat, Alipay... paid with
	PayToBalance    int64 = 1 // a payout to the receiver's balance
)

// GetOrderDetail calls OrderService.getOrderDetail. An unknown order is a
// *Error with Code "40000".
func (c *Client) GetOrderDetail(ctx context.Context, bizOrderNo string) (*OrderDetail, error) {
	return typed[OrderDetail](ctx, c, "OrderService", "getOrderDetail", orderRequest{bizOrderNo})
}

// QueryInExpDetailRequest asks for a page of a member's statement: the
// lines from DateStart to DateEnd (yyyy-MM-dd, both included), QueryNum
// of them from the 1-based StartPosition.
type QueryInExpDetailRequest struct {
	BizUserID     string `json:"bizUserId"`
	AccountSetNo  string `json:"accountSetNo,omitempty"`
	DateStart     string `json:"dateStart"`
	DateEnd       string `json:"dateEnd"`
	StartPosition int64  `json:"startPosition"`
	QueryNum      int64  `json:"queryNum"`
}

// InExpLine is one statement line (newest first in an answer): the balance before (OriAmount) and
// after (CurAmount) a change (ChgAmount). The amounts include the frozen
// part, so a freeze is a line with ChgAmount 0 and a new CurFreezenAmount.
type InExpLine struct {
	TradeNo          string `json:"tradeNo"`
	BizOrderNo       string `json:"bizOrderNo"`
	AccountSetName   string `json:"accountSetName"`
	ChangeTime       string `json:"changeTime"`
	CurAmount        int64  `json:"curAmount"`
	OriAmount        int64  `json:"oriAmount"`
	ChgAmount        int64  `json:"chgAmount"`
	CurFreezenAmount int64  `json:"curFreezenAmount"`
	ExtendInfo       string `json:"extendInfo"` // the extendInfo of the order or transfer that made the line
	// Type is what the line is (充值, 消费, 无验证代收, 代付, 提现, 退款, 平台转账,
	// 冻结, ...): a key the real test environment answers beside §5.12's.
	Type string `json:"type"`
}

// InExpDetailResponse is one page of a statement; TotalNum counts every
// line in the dates, not only this page's.
type InExpDetailResponse struct {
	BizUserID   string      `json:"bizUserId"`
	TotalNum    int64       `json:"totalNum"`
	ExtendInfo  string      `json:"extendInfo"`
	InExpDetail []InExpLine `json:"inExpDetail"`
}

// QueryInExpDetail calls OrderService.queryInExpDetail.
func (c *Client) QueryInExpDetail(ctx context.Context, req QueryInExpDetailRequest) (*InExpDetailResponse, error) {
	return typed[InExpDetailResponse](ctx, c, "OrderService", "queryInExpDetail", req)
}
