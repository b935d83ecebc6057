package e2e

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/client"
	"github.com/tsymock/tsymock/internal/soa"
)

// specEnv is an orderClient whose server delivers notifications at once to
// the receiver it returns (backUrl rcv.URL+"/notify"), and the card holder
// "buyer" (100000 fen in 200126) with the member "shop". The buyer's cards
// are bound each the way a card method takes it (spec §5.2, §6.18):
// cardABC by cardCheck 7 (QUICKPAY_VSP), cardTLT by 6 (QUICKPAY_TLT),
// cardRNP by 3 (REALNAMEPAY, WITHHOLD_SD).
func specEnv(t *testing.T) (*orderClient, *receiver) {
	t.Helper()
	ne := newNotifyEnv(t, fastNotify(2*time.Second))
	c := ne.orders(t)
	c.cardHolder("buyer")
	c.withCardBy(cardTLT, client.CardCheckAgreement)
	c.withCardBy(cardRNP, client.CardCheckRealNamePay)
	c.give("buyer", 100000)
	c.person("shop")
	return c, newReceiver(t, c.Client, nil)
}

// The buyer's cards of specEnv besides cardABC (none ends 00 to 04, which
// cardCheck 6 simulates failures with).
const (
	cardTLT = "6228480000000000015" // bound by cardCheck 6
	cardRNP = "6228480000000000023" // bound by cardCheck 3
)

// withCardBy binds cardNo to buyer with cardCheck cc (3, 6 or 7).
func (c *orderClient) withCardBy(cardNo string, cc int) {
	c.t.Helper()
	req := applyCard("buyer", cardNo)
	req.CardCheck = cc
	c.withCard(req)
}

// cardFor is the buyer's card of specEnv that pays with a card method.
func cardFor(key string) string {
	switch key {
	case "QUICKPAY_TLT":
		return cardTLT
	case "REALNAMEPAY", "REALNAMEPAY_BATCH", "WITHHOLD_SD":
		return cardRNP
	}
	return cardABC
}

// sendSpec calls service.method ("OrderService.depositApply") with param as an
// SDK would, its encrypted fields (those the catalogue names, e.g.
// payMethod.QUICKPAY_TLT.bankCardNo) encrypted with the platform
// certificate; it answers the signedValue with numbers as json.Number.
func sendSpec(t *testing.T, c *client.Client, call string, param map[string]any) (map[string]any, error) {
	t.Helper()
	service, method, _ := strings.Cut(call, ".")
	m, serr := soa.DefaultCatalogue().Lookup(service, method)
	require.Nil(t, serr)
	require.NoError(t, soa.WalkEncrypted(param, m.EncryptedRequestPaths(), func(_, plain string) (string, error) {
		return c.Encrypt(plain)
	}))
	raw, err := json.Marshal(param)
	require.NoError(t, err)
	return callJSON(t, c, call, string(raw))
}

// orderParam is the param of an order method (depositApply, consumeApply,
// agentCollectApply) of amount, paid by buyer with payMethod, notified to
// backURL. WeChat's APP payment comes with the goodsName it requires (spec
// §4.2.2).
func orderParam(method, no string, amount int64, payMethod map[string]any, backURL string) map[string]any {
	p := map[string]any{"bizOrderNo": no, "amount": amount, "fee": 0, "backUrl": backURL, "payMethod": payMethod,
		"industryCode": "1910", "industryName": "其他", "source": client.SourceMobile}
	if _, ok := payMethod["WECHATPAY_APP_OPEN"]; ok {
		p["goodsName"] = "会员充值"
	}
	switch method {
	case "depositApply":
		p["bizUserId"], p["accountSetNo"] = "buyer", escrowSet
	case "consumeApply":
		p["payerId"], p["recieverId"] = "buyer", "shop"
	case "agentCollectApply":
		p["payerId"], p["tradeCode"] = "buyer", "1001"
		p["recieverList"] = []any{map[string]any{"bizUserId": "shop", "amount": amount}}
	}
	return p
}

// withdrawParam is withdrawApply's param: amount (fee included) of buyer's
// to cardNo, through payMethod when it is not nil, without confirmation
// (validateType 0; without one the platform waits for the SMS code).
func withdrawParam(no, cardNo string, amount, fee int64, backURL string, payMethod map[string]any) map[string]any {
	p := map[string]any{"bizOrderNo": no, "bizUserId": "buyer", "accountSetNo": escrowSet, "amount": amount, "fee": fee,
		"validateType": client.ValidateNone, "backUrl": backURL, "bankCardNo": cardNo, "industryCode": "1910", "industryName": "其他", "source": client.SourceMobile}
	if payMethod != nil {
		p["payMethod"] = payMethod
	}
	return p
}

// body is a payMethod body: key/value pairs, e.g. body("amount", 100).
func body(kv ...any) map[string]any {
	m := map[string]any{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i].(string)] = kv[i+1]
	}
	return m
}

// answerCode is the errorCode and message of an error answer.
func answerCode(t *testing.T, err error) (string, string) {
	t.Helper()
	e := apiError(t, err)
	return e.Code, e.Message
}

// failed asserts a notification of a failed order with code, whose message
// holds what.
func failed(t *testing.T, n *client.Notification, code, what string) {
	t.Helper()
	assert.Equal(t, []string{"error", code}, []string{n.Status, n.ErrorCode}, n.RPS)
	assert.Contains(t, n.Message, what)
}
