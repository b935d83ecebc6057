package e2e

import (
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/client"
)

// The test environment's data of spec §6.18 (cardCheck 3's phone, 5's and
// 8's identities and cards), and cards of the test environment's BINs
// (§4.1.9: 19 digits, 622848 or 622849).
const (
	tsyName    = "通商云"
	tsyID      = "310226123456745676"
	tsyCard    = "6228481234567898346"
	tsyPhone   = "18019823456"
	wxeName    = "王小二"
	wxeID      = "610422198600000000"
	wxeCard    = "6228480402637874214"
	rnpPhone   = "13616515002"
	rnpCode    = "11111"
	testCard   = "6228490000000000005" // ends 05: cardCheck 6 succeeds
	testCredit = "6228490000000000000" // ends 00: cardCheck 6 simulates a credit card
)

// holder creates a personal member real-named as name and id.
func (c *memberClient) holder(bizUserID, name, id string) {
	c.t.Helper()
	c.person(bizUserID)
	_, err := c.SetRealName(c.ctx, client.SetRealNameRequest{BizUserID: bizUserID, Name: name,
		IdentityType: client.IdentityIDCard, IdentityNo: id})
	require.NoError(c.t, err)
}

// cardOf is an applyBindBankCard of cardNo for a holder, with cardCheck
// (0: not sent, the default 7).
func cardOf(bizUserID, name, id, cardNo, phone string, cardCheck int) client.ApplyBindBankCardRequest {
	return client.ApplyBindBankCardRequest{BizUserID: bizUserID, CardNo: cardNo, Phone: phone, Name: name,
		CardCheck: cardCheck, IdentityType: client.IdentityIDCard, IdentityNo: id}
}

// boundCards lists a member's bound cards by number.
func (c *memberClient) boundCards(bizUserID string) map[string]client.BoundCard {
	c.t.Helper()
	got, err := c.QueryBankCard(c.ctx, client.QueryBankCardRequest{BizUserID: bizUserID})
	require.NoError(c.t, err)
	out := map[string]client.BoundCard{}
	for _, card := range got.BindCardList {
		out[card.BankCardNo] = card
	}
	return out
}

// changePhone is a bankCardChangeBindPhone of the real-named person's card.
func changePhone(bizUserID, cardNo, phone string, cardCheck int) client.BankCardChangeBindPhoneRequest {
	return client.BankCardChangeBindPhoneRequest{BizUserID: bizUserID, CardNo: cardNo, Phone: phone, Name: personName,
		CardCheck: cardCheck, IdentityType: client.IdentityIDCard, IdentityNo: personID}
}
