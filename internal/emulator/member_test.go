package emulator

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/soa"
)

// onboard runs a personal member through phone, real name and one card.
func onboard(t *testing.T, e *Emulator, sysid, bizUserID, cardNo string) {
	t.Helper()
	steps := []struct {
		method string
		param  map[string]any
	}{
		{"createMember", map[string]any{"bizUserId": bizUserID, "memberType": "3", "source": 1}},
		{"sendVerificationCode", map[string]any{"bizUserId": bizUserID, "phone": "13800000001", "verificationCodeType": 9}},
		{"bindPhone", map[string]any{"bizUserId": bizUserID, "phone": "13800000001", "verificationCode": "111111"}},
		{"setRealName", map[string]any{"bizUserId": bizUserID, "name": "李四", "identityType": 1, "identityNo": "11010119900307803x"}},
		{"applyBindBankCard", map[string]any{"bizUserId": bizUserID, "cardNo": cardNo, "phone": "13800000002",
			"name": "李四", "identityType": 1, "identityNo": "11010119900307803X", "isSafeCard": "true"}},
	}
	var last map[string]any
	for _, s := range steps {
		var serr *soa.Error
		last, serr = memberCall(t, e, sysid, s.method, s.param)
		require.Nil(t, serr, s.method)
	}
	_, serr := memberCall(t, e, sysid, "bindBankCard", map[string]any{"bizUserId": bizUserID,
		"tranceNum": last["tranceNum"], "phone": "13800000002", "verificationCode": "111111"})
	require.Nil(t, serr)
}

// TestMemberContract pins what the order engineer builds on: a.member and
// the member and bankCard fields.
func TestMemberContract(t *testing.T) {
	e := newTest()
	onboard(t, e, "a", "p1", "6228480000000000001")
	a := e.app("a")
	a.mu.Lock()
	m, serr := a.member("p1")
	require.Nil(t, serr)
	assert.Equal(t, "13800000001", m.phone)
	assert.True(t, m.realName)
	assert.Equal(t, "李四", m.name)
	assert.False(t, m.locked)
	c := m.cards["6228480000000000001"]
	require.NotNil(t, c)
	assert.Equal(t, "6228480000000000001", c.cardNo)
	assert.Equal(t, "13800000002", c.phone)
	assert.Equal(t, "农业银行", c.bankName)
	assert.Equal(t, "01030000", c.bankCode)
	assert.Equal(t, int64(1), c.cardType)
	assert.Equal(t, e.clock.Now().In(soa.Shanghai()), c.bindTime)
	assert.True(t, c.isSafeCard)
	assert.Equal(t, "11010119900307803X", m.identityNo, "stored upper-case")

	_, serr = a.member("nobody")
	assert.Equal(t, "30001", serr.Code)
	m.locked = true
	_, serr = a.member("p1")
	assert.Equal(t, "30022", serr.Code)
	a.mu.Unlock()
}

func TestSMSCodeConfigurable(t *testing.T) {
	e := New(Config{VerificationCode: "424242"})
	_, serr := memberCall(t, e, "a", "createMember", map[string]any{"bizUserId": "u", "memberType": 3, "source": 1})
	require.Nil(t, serr)
	_, serr = memberCall(t, e, "a", "sendVerificationCode", map[string]any{"bizUserId": "u", "phone": "1", "verificationCodeType": 9})
	require.Nil(t, serr)
	_, serr = memberCall(t, e, "a", "bindPhone", map[string]any{"bizUserId": "u", "phone": "1", "verificationCode": "111111"})
	require.NotNil(t, serr)
	assert.Equal(t, "20011", serr.Code)
	_, serr = memberCall(t, e, "a", "bindPhone", map[string]any{"bizUserId": "u", "phone": "1", "verificationCode": "424242"})
	assert.Nil(t, serr)
}
