package client

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/tsymock/tsymock/internal/soa"
)

// Paths of the platform's browser pages (PROTOCOL.md §6).
const (
	PageSignContract        = "/yungateway/member/signContract.html"
	PageSignContractQuery   = "/yungateway/member/signContractQuery.html"
	PageSetPayPwd           = "/yungateway/pwd/setPayPwd.html"
	PageUpdatePayPwd        = "/yungateway/pwd/updatePayPwd.html"
	PageResetPayPwd         = "/yungateway/pwd/resetPayPwd.html"
	PageUpdatePhoneByPayPwd = "/yungateway/pwd/updatePhoneByPayPwd.html"
	PagePayOrder            = "/yungateway/pwd/payOrder.html"
	PageFrontTrans          = "/yungateway/frontTrans.do"
)

// PageURL builds the signed URL of a platform page to send the user's
// browser to: path (one of the Page constants) on baseURL ("" means the
// client's own server), with sysid, sign, timestamp, v and req in the query
// as the page expects them. param is the method's params (a struct, a map
// or JSON text); its sensitive fields (identityNo, ...) are encrypted with
// the platform certificate, as for a call. The timestamp is the client's
// clock: the page must be opened within the platform's window (10 minutes).
func (c *Client) PageURL(baseURL, path, service, method string, param any) (string, error) {
	m, serr := c.methods.LookupPage(path, service, method)
	if serr != nil {
		return "", fmt.Errorf("client: %s", serr.Message)
	}
	if param == nil {
		param = struct{}{}
	}
	doc, err := toObject(param)
	if err != nil {
		return "", fmt.Errorf("client: encode %s.%s: %w", service, method, err)
	}
	if err := soa.WalkEncrypted(doc, m.EncryptedRequestPaths(), c.encryptField); err != nil {
		return "", fmt.Errorf("client: %s.%s: %w", service, method, err)
	}
	req, err := json.Marshal(request{Service: service, Method: method, Param: doc})
	if err != nil {
		return "", fmt.Errorf("client: encode %s.%s: %w", service, method, err)
	}
	values, err := c.Sign(string(req))
	if err != nil {
		return "", err
	}
	if baseURL == "" {
		baseURL = strings.TrimSuffix(c.endpoint, "/service/soa")
	}
	return strings.TrimRight(baseURL, "/") + path + "?" + values.Encode(), nil
}

// ContractPageParams are the params of the e-contract pages
// (MemberService.signContract and signContractQuery; the query has no
// backUrl). signContract requires JumpURL (spec §4.1.4).
type ContractPageParams struct {
	BizUserID string `json:"bizUserId"`
	JumpURL   string `json:"jumpUrl,omitempty"`
	BackURL   string `json:"backUrl,omitempty"`
	Source    int64  `json:"source,omitempty"`
}

// PayPwdPageParams are the params of the MemberPwdService pages (spec
// §4.1.17–§4.1.20). IdentityNo is plain text; PageURL encrypts it. Phone
// (setPayPwd, resetPayPwd) and OldPhone (updatePhoneByPayPwd) are the
// member's bound phone, or NoPhone for a member that never bound one;
// JumpURL is required by setPayPwd.
type PayPwdPageParams struct {
	BizUserID    string `json:"bizUserId"`
	Name         string `json:"name"`
	IdentityType int64  `json:"identityType"`
	IdentityNo   string `json:"identityNo"`
	Phone        string `json:"phone,omitempty"`
	OldPhone     string `json:"oldPhone,omitempty"`
	JumpURL      string `json:"jumpUrl,omitempty"`
	BackURL      string `json:"backUrl"`
}

// NoPhone is the phone the payment-password pages take for a member that
// never bound one (spec §4.1.23 notes 4 and 5).
const NoPhone = "88888888888"

// PayPageParams are the params of the payment pages (OrderService.pay at
// PagePayOrder or PageFrontTrans).
type PayPageParams struct {
	BizUserID  string `json:"bizUserId"`
	BizOrderNo string `json:"bizOrderNo"`
	TradeNo    string `json:"tradeNo,omitempty"`
	JumpURL    string `json:"jumpUrl,omitempty"`
	BackURL    string `json:"backUrl,omitempty"`
	ConsumerIP string `json:"consumerIp"`
	// VerificationCode is the SMS code at PageFrontTrans (spec §4.2.9): of
	// a combined payment with a gateway or wallet H5, which the merchant
	// must send (组合支付含网关支付，必填), or of any other order confirmed by
	// SMS (a card's), which it then pays as the page opens; left out
	// otherwise.
	VerificationCode string `json:"verificationCode,omitempty"`
}
