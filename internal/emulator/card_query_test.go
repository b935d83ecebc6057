package emulator

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestQueryBankCardPhone: queryBankCard returns a card's bank-reserved
// phone only when the card was bound by four elements (spec §5.7 phone:
// 仅四要素绑定的银行卡返回): every cardCheck of §6.18 but 1, 通联通账户实名
// 验证(三要素), checks the phone; an enterprise's corporate account, bound
// by its audit, has no phone key either.
func TestQueryBankCardPhone(t *testing.T) {
	e := newTest()
	onboard(t, e, "app", "p", "6228480000000000001") // cardCheck left out: 7, 收银宝快捷
	tests := []struct {
		name, cardNo string
		cardCheck    int64
		phone        bool
	}{
		{"三要素", "6228480000000000019", checkAccountThree, false},
		{"通联通实名付", "6228480000000000027", checkRealNamePay, true},
		{"四要素", "6228480000000000035", checkAccountFour, true},
		{"协议支付签约", "6228480000000000043", checkAgreement, true},
		{"万鉴通四要素", "6228480000000000050", checkWanJianTong, true},
		{"收银宝快捷", "6228480000000000001", checkVspQuick, true},
	}
	for _, tt := range tests {
		if tt.cardNo != "6228480000000000001" {
			bindWith(t, e, "p", tt.cardNo, tt.cardCheck)
		}
	}
	v, serr := memberCall(t, e, "app", "queryBankCard", map[string]any{"bizUserId": "p"})
	require.Nil(t, serr)
	cards := map[string]map[string]any{}
	for _, c := range asList(v["bindCardList"]) {
		cards[asStr(c["bankCardNo"])] = c
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := cards[tt.cardNo]
			require.NotNil(t, c)
			assert.EqualValues(t, tt.cardCheck, c["bindMethod"])
			if !tt.phone {
				assert.NotContains(t, c, "phone")
				return
			}
			assert.Regexp(t, `^1\d{10}$`, c["phone"])
		})
	}
	t.Run("corporate account", func(t *testing.T) {
		reserveMember(t, e, "corp", "6228480000000000063")
		v, serr := memberCall(t, e, "app", "queryBankCard", map[string]any{"bizUserId": "corp"})
		require.Nil(t, serr)
		list := asList(v["bindCardList"])
		require.NotEmpty(t, list)
		assert.Equal(t, bankCardCorporate, list[0]["bankCardPro"])
		assert.NotContains(t, list[0], "phone")
	})
}
