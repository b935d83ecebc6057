package client

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"

	"github.com/tsymock/tsymock/keys"
)

// maxNotification bounds the notification body VerifyNotification reads.
const maxNotification = 1 << 20

// Notification is a verified notification: an asynchronous POST to backUrl,
// or the browser's return to jumpUrl/frontUrl after a page (PROTOCOL.md §5
// and §6). Both carry sysid, rps, timestamp, v and sign; rps is decoded
// here.
type Notification struct {
	SysID     string
	Timestamp string // yyyy-MM-dd HH:mm:ss, China time
	// RPS is the exact rps text the sign covers.
	RPS     string
	Service string // e.g. "OrderService"
	Method  string // e.g. "pay"
	// Status is "OK", "error" or "pending"; NotifyReserveFundIn's success
	// is "ok", as spec §4.3.3's table writes it.
	Status string
	// ReturnValue is the rps returnValue object; see Decode, Order.
	ReturnValue json.RawMessage
	ErrorCode   string // with Status "error"
	Message     string // with Status "error"
	// ContractNo is signContract's top-level contractNo (some captures
	// spell it ContractNo; either is read).
	ContractNo string
}

// OK reports whether the notification reports success ("OK", or
// NotifyReserveFundIn's "ok").
func (n *Notification) OK() bool { return n.Status == "OK" || n.Status == "ok" }

// Err returns the notification's error as *Error, or nil unless Status is
// "error".
func (n *Notification) Err() error {
	if n.Status != "error" {
		return nil
	}
	return &Error{Code: n.ErrorCode, Message: n.Message}
}

// Decode unmarshals ReturnValue into v.
func (n *Notification) Decode(v any) error {
	if len(n.ReturnValue) == 0 {
		return errors.New("client: the notification has no returnValue")
	}
	if err := json.Unmarshal(n.ReturnValue, v); err != nil {
		return fmt.Errorf("client: decode %s.%s returnValue: %w", n.Service, n.Method, err)
	}
	return nil
}

// OrderResult is the returnValue of an OrderService/pay notification: the
// outcome of a deposit, consumption, collection, payout, withdrawal or
// refund.
type OrderResult struct {
	OrderNo        string `json:"orderNo"`
	BizOrderNo     string `json:"bizOrderNo"`
	Amount         int64  `json:"amount"`
	BuyerBizUserID string `json:"buyerBizUserId"`
	PayDatetime    string `json:"payDatetime"`
	ExtendInfo     string `json:"extendInfo"`
	OriOrderNo     string `json:"oriOrderNo,omitempty"`    // refunds
	OriBizOrderNo  string `json:"oriBizOrderNo,omitempty"` // refunds
	// Acct is the payer's account: the masked card of a withdrawal or a
	// card payment, a WeChat openid or an Alipay user id sent with the
	// payMethod.
	Acct string `json:"acct,omitempty"`
	// The channel's keys of an order paid through one (spec §4.2.15): its
	// serial (收银宝's trxid), and for 收银宝 its trade type (VSP501 WeChat,
	// VSP511 Alipay, VSP551 UnionPay, ...), sub-merchant, fee and time; a
	// terminal payment's terminal keys.
	PayInterfaceOutTradeNo string `json:"payInterfaceOutTradeNo,omitempty"`
	PayInterfaceTrxCode    string `json:"payInterfacetrxcode,omitempty"`
	CusID                  string `json:"cusid,omitempty"`
	ChannelFee             string `json:"channelFee,omitempty"`     // fen, as text
	ChannelPaytime         string `json:"channelPaytime,omitempty"` // yyyyMMddHHmmss
	AcctType               string `json:"accttype,omitempty"`       // 借贷标志: 00 debit, 02 credit, ...
	TermNo                 string `json:"termno,omitempty"`
	TermRefNum             string `json:"termrefnum,omitempty"`
	TraceNo                string `json:"traceno,omitempty"`
}

// Order decodes the returnValue of an OrderService/pay notification.
func (n *Notification) Order() (*OrderResult, error) {
	if n.Service != "OrderService" || n.Method != "pay" {
		return nil, fmt.Errorf("client: %s.%s is not an order notification", n.Service, n.Method)
	}
	var r OrderResult
	if err := n.Decode(&r); err != nil {
		return nil, err
	}
	return &r, nil
}

// VerifyNotification reads a notification from a merchant's backUrl
// handler (a POST form) or jumpUrl/frontUrl handler (a GET query), checks
// that it is for this client's sysid and that its sign verifies with the
// platform certificate over sysid + rps + timestamp, and decodes the rps. A
// sign that does not verify is an error wrapping ErrBadSignature: answer it
// with anything but 200 and do not trust it. After a nil error, answer 200,
// or the platform tries again.
func (c *Client) VerifyNotification(r *http.Request) (*Notification, error) {
	if r.Body != nil {
		r.Body = http.MaxBytesReader(nil, r.Body, maxNotification)
	}
	if err := r.ParseForm(); err != nil {
		return nil, fmt.Errorf("client: read notification: %w", err)
	}
	return c.VerifyNotificationValues(r.Form)
}

// VerifyNotificationValues is VerifyNotification for parameters already
// parsed (a form body or a query string).
func (c *Client) VerifyNotificationValues(v url.Values) (*Notification, error) {
	n := &Notification{SysID: v.Get("sysid"), Timestamp: v.Get("timestamp"), RPS: v.Get("rps")}
	switch {
	case n.SysID == "" || n.RPS == "" || v.Get("sign") == "":
		return nil, errors.New("client: not a notification: sysid, rps and sign are required")
	case n.SysID != c.sysid:
		return nil, fmt.Errorf("client: notification for sysid %s, this client is %s", n.SysID, c.sysid)
	}
	if err := keys.Verify(c.platform, n.SysID+n.RPS+n.Timestamp, v.Get("sign")); err != nil {
		return nil, fmt.Errorf("%w: notification rps %.100q: %v", ErrBadSignature, n.RPS, err)
	}
	if err := n.decodeRPS(); err != nil {
		return nil, err
	}
	return n, nil
}

// rps is the rps JSON.
type rps struct {
	Service     string          `json:"service"`
	Method      string          `json:"method"`
	Status      string          `json:"status"`
	ReturnValue json.RawMessage `json:"returnValue"`
	ErrorCode   json.RawMessage `json:"errorCode"`
	Message     string          `json:"message"`
	ContractNo  string          `json:"contractNo"`
	ContractNo2 string          `json:"ContractNo"`
}

func (n *Notification) decodeRPS() error {
	var doc rps
	if err := json.Unmarshal([]byte(n.RPS), &doc); err != nil {
		return fmt.Errorf("client: notification rps is not a JSON object: %w", err)
	}
	n.Service, n.Method, n.Status, n.Message = doc.Service, doc.Method, doc.Status, doc.Message
	n.ReturnValue = doc.ReturnValue
	if len(doc.ErrorCode) > 0 {
		n.ErrorCode = code(doc.ErrorCode)
	}
	n.ContractNo = doc.ContractNo
	if n.ContractNo == "" {
		n.ContractNo = doc.ContractNo2
	}
	return nil
}
