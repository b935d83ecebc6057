package client

import (
	"encoding/json"
	"strings"
)

// Well-known ids of the platform (PROTOCOL.md §7).
const (
	// PlatformBizUserID is the platform's own member: a consumeApply
	// ReceiverID or a split receiver that pays the application itself.
	PlatformBizUserID = "#yunBizUserId_B2C#"
	// AccountSetEscrow is the usual test escrow-style (托管) account set.
	AccountSetEscrow = "200126"
	// AccountSetStandard is the usual test standard account set.
	AccountSetStandard = "100001"
)

// PayStatus values of the order answers and of Pay.
const (
	PayStatusSuccess = "success"
	PayStatusPending = "pending"
	PayStatusFail    = "fail"
)

// Order statuses of GetOrderDetail and CloseOrder. They are typed int64
// like the fields they are compared with.
const (
	OrderUnpaid     int64 = 1
	OrderFailed     int64 = 3
	OrderSucceeded  int64 = 4
	OrderRefunded   int64 = 5 // succeeded, then refunded wholly or in part
	OrderClosed     int64 = 6
	OrderInProgress int64 = 99
)

// ValidateType values: how an order is confirmed.
const (
	ValidateNone     int64 = 0 // no confirmation, when sent: a balance payment completes at once
	ValidateSMS      int64 = 1 // confirmed with Pay and the SMS code
	ValidatePassword int64 = 2 // confirmed with the payment password on a page
)

// OrderResponse is the common answer of the calls that create an order
// (DepositApply, ConsumeApply, AgentCollectApply, WithdrawApply). A pending
// deposit, consumption or collection carries TradeNo, and ValidateType 1
// (ValidateSMS) when it waits for Pay with the SMS code (spec §4.2.2; a
// withdrawal's answer has neither, §4.2.3); one completed on a page carries
// PayInfo, where to send the user's browser. PayStatus,
// PayFailMessage and BizUserID are empty unless the order was applied for
// with validateType 0 and is not paid outside (a QR code, JS, wallet or app
// payment), as spec §4.2.2 and §5.2 say: read the outcome from Pay, the
// notification or GetOrderDetail then.
type OrderResponse struct {
	PayStatus      string `json:"payStatus"` // PayStatusSuccess, PayStatusPending, PayStatusFail or ""
	PayFailMessage string `json:"payFailMessage"`
	BizUserID      string `json:"bizUserId"`
	OrderNo        string `json:"orderNo"`
	BizOrderNo     string `json:"bizOrderNo"`
	TradeNo        string `json:"tradeNo"`
	PayInfo        string `json:"payInfo"`
	PayCode        string `json:"payCode"`       // ORDER_VSPPAY: the 6 digits a POS takes
	WeChatAPPInfo  string `json:"weChatAPPInfo"` // WECHATPAY_APP_OPEN: the app's payment parameters, JSON text
	ValidateType   int64  `json:"validateType"`  // ValidateSMS or, when not answered, 0
	ExtendInfo     string `json:"extendInfo"`
}

// PayURLKey is the key of tsymock's payment page in a JSON PayInfo
// (emulator.PayURLKey): the real platform sends no such key.
const PayURLKey = "tsymockPayUrl"

// PayPageURL is where a test completes or fails the order on tsymock's
// payment page: PayInfo when it is a link (gateway, QR code, H5), the link
// under PayURLKey when PayInfo is the JSON text of a WeChat JS or
// mini-program payment or an Alipay 生活号 payment (spec §4.2.2 payInfo:
// 返回 json 字符串), "" without a payInfo.
func (r *OrderResponse) PayPageURL() string {
	if !strings.HasPrefix(r.PayInfo, "{") {
		return r.PayInfo
	}
	var v map[string]any
	if json.Unmarshal([]byte(r.PayInfo), &v) != nil {
		return ""
	}
	s, _ := v[PayURLKey].(string)
	return s
}

// SplitRule is one receiver's share of a consumption or a payout: Amount
// goes to BizUserID, of which Fee goes to the platform.
type SplitRule struct {
	BizUserID     string      `json:"bizUserId"`
	AccountSetNo  string      `json:"accountSetNo,omitempty"`
	Amount        int64       `json:"amount"`
	Fee           int64       `json:"fee"`
	Remark        string      `json:"remark,omitempty"`
	SplitRuleList []SplitRule `json:"splitRuleList,omitempty"`
}

// orderRequest is the param of the calls that name only an order.
type orderRequest struct {
	BizOrderNo string `json:"bizOrderNo"`
}
