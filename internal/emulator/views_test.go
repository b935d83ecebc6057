package emulator

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestViewsOfAnOnboardedMember(t *testing.T) {
	e := newTest()
	onboard(t, e, "app", "alice", "6222021234567890123")
	funded(t, e, 5000, "bob")
	ok(t, e, "freezeMoney", `{"bizUserId":"bob","bizFreezenNo":"F-1","accountSetNo":"200126","amount":1000}`)

	members := e.Members("app")
	require.Len(t, members, 2)
	alice := members[0]
	assert.Equal(t, "alice", alice.BizUserID)
	assert.Equal(t, "110101********803X", alice.IdentityNo)
	assert.Equal(t, 1, alice.Cards)
	assert.Equal(t, "13800000001", alice.Phone)

	cards := e.Cards("app")
	require.Len(t, cards, 1)
	assert.Equal(t, "622202*********0123", cards[0].CardNo)
	assert.True(t, cards[0].SafeCard)

	bob := balanceOf(e.AccountBalances("app"), "bob", "200126")
	assert.Equal(t, BalanceView{Owner: "bob", AccountSet: "200126", All: 5000, Frozen: 1000, Available: 4000}, bob)

	lines := e.Statement("app", "bob", "")
	require.Len(t, lines, 2, "the transfer in and the freeze")
	assert.Equal(t, int64(5000), lines[0].Change)
	assert.Equal(t, int64(0), lines[1].Change)
	assert.Equal(t, int64(1000), lines[1].FrozenThen)

	orders := e.Orders("app")
	assert.Empty(t, orders, "a transfer and a freeze are no orders")
}

func TestViewsNeverLeakNumbersOrCreateApps(t *testing.T) {
	e := newTest()
	onboard(t, e, "app", "alice", "6222021234567890123")
	all, err := json.Marshal([]any{e.Members("app"), e.Cards("app")})
	require.NoError(t, err)
	for _, secret := range []string{"6222021234567890123", "11010119900307803"} {
		assert.NotContains(t, string(all), secret)
	}
	assert.Empty(t, e.Members("nobody"))
	assert.Empty(t, e.Orders("nobody"))
	assert.Equal(t, []string{"app"}, e.StateApps(), "looking at an application does not create it")
}

func TestOrderViews(t *testing.T) {
	e := newTest()
	funded(t, e, 10000, "payer", "shop")
	ok(t, e, "consumeApply", consume("payer", "shop", "C-1", 3000, 100, ""))
	orders := e.Orders("app")
	require.Len(t, orders, 1)
	o := orders[0]
	assert.Equal(t, "C-1", o.BizOrderNo)
	assert.Equal(t, int64(3000), o.Amount)
	assert.Equal(t, "succeeded", o.StatusName)
	assert.False(t, o.PaidAt.IsZero())
}

func TestMaskNumber(t *testing.T) {
	tests := map[string]string{
		"":                    "",
		"1234567890":          "**********",
		"6222021234567890123": "622202*********0123",
	}
	for in, want := range tests {
		assert.Equal(t, want, MaskNumber(in), in)
		if len(in) > 0 {
			assert.False(t, strings.Contains(MaskNumber(in), in), "never the whole number")
		}
	}
}

func balanceOf(list []BalanceView, owner, set string) BalanceView {
	for _, b := range list {
		if b.Owner == owner && b.AccountSet == set {
			return b
		}
	}
	return BalanceView{}
}
