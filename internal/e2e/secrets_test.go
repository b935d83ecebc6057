package e2e

import (
	"encoding/base64"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/client"
	"github.com/tsymock/tsymock/internal/emulator"
	"github.com/tsymock/tsymock/mock"
)

// TestNoSecretsInLogsOrJournal drives the methods that carry card and ID
// numbers — in plain text inside the encrypted fields, in error messages
// and in answers — and then searches the server's log and the journal:
// neither may hold a full card or ID number, nor any private key material.
func TestNoSecretsInLogsOrJournal(t *testing.T) {
	c := orders(t)
	c.cardHolder("sec")
	c.give("sec", 10000)
	c.deposited("sec", "sec-d1", 1000, 0)
	_, err := c.WithdrawApply(c.ctx, withdraw("sec", "sec-w1", cardABC, 100, 0))
	require.NoError(t, err)
	_, err = c.WithdrawApply(c.ctx, withdraw("sec", "sec-w2", cardICBC, 100, 0))
	assert.Equal(t, "30045", apiCode(t, err), "an error that names a card")
	_, err = c.GetBankCardBin(c.ctx, cardCCB)
	require.NoError(t, err)
	_, err = c.GetBankCardBin(c.ctx, unknownCard)
	assert.Equal(t, "30049", apiCode(t, err))
	_, err = c.QueryBankCard(c.ctx, client.QueryBankCardRequest{BizUserID: "sec"})
	require.NoError(t, err)
	_, err = c.SetSafeCard(c.ctx, client.CardRequest{BizUserID: "sec", CardNo: cardABC})
	require.NoError(t, err)
	_, err = c.GetMemberInfo(c.ctx, "sec")
	require.NoError(t, err)
	_, err = c.SetRealName(c.ctx, client.SetRealNameRequest{BizUserID: "sec", Name: personName, IdentityType: 1, IdentityNo: otherID})
	assert.Equal(t, "30007", apiCode(t, err))
	c.person("sec2")
	_, err = c.SetRealName(c.ctx, client.SetRealNameRequest{BizUserID: "sec2", Name: personName, IdentityType: 1, IdentityNo: "990101199001011237"})
	assert.Equal(t, "30012", apiCode(t, err), "an ID number of no province")
	c.person("sec4")
	_, err = c.SetRealName(c.ctx, client.SetRealNameRequest{BizUserID: "sec4", Name: personName, IdentityType: 1, IdentityNo: "110101199002300000"})
	require.NoError(t, err, "February 30 passes with a test-identity note (RulesDec2026e), masked in the log and the journal")
	c.person("sec3")
	_, err = c.SetRealName(c.ctx, client.SetRealNameRequest{BizUserID: "sec3", Name: personName, IdentityType: 1, IdentityNo: badCheckDigit})
	require.NoError(t, err, "a wrong check digit passes with a portability note, in the log and the journal")
	// Free text with a card written in groups, in a list: masked as well.
	grouped := cardABC[:4] + " " + cardABC[4:8] + " " + cardABC[8:12] + " " + cardABC[12:16] + " " + cardABC[16:]
	_, err = c.Call(c.ctx, "MemberService", "getMemberInfo", map[string]any{"bizUserId": "sec", "remarks": []string{"card " + grouped}})
	require.NoError(t, err)
	// A bad signature makes the server log its diagnosis.
	bad := signed(t, c.env.Platform, c.env.SysID, createReq("sig"), vectorTime)
	postForm(t, c.env, bad)

	haystack := c.env.Log.String() + journalText(t, c.env)
	for _, secret := range []string{cardABC, cardICBC, cardCCB, unknownCard, personID, otherID, "990101199001011237", "110101199002300000", badCheckDigit, grouped} {
		assert.NotContains(t, haystack, secret, "a full card or ID number")
	}
	for _, key := range [][]byte{c.env.Merchant.D.Bytes(), c.env.Platform.D.Bytes(), c.env.Platform.Primes[0].Bytes()} {
		assert.NotContains(t, haystack, base64.StdEncoding.EncodeToString(key)[:32], "private key material")
	}
	assert.NotContains(t, haystack, "PRIVATE KEY")
	assert.Contains(t, haystack, "signed with the platform private key", "the log was searched, not an empty string")
	assert.Contains(t, haystack, emulator.MaskNumber(unknownCard), "cards appear masked (the 30049 message)")
	assert.Contains(t, haystack, emulator.MaskNumber(badCheckDigit), "ID numbers appear masked (the test-identity note)")
	assertSafeCardEncrypted(t, c.env)
}

// assertSafeCardEncrypted: setSafeCard's answer echoes the card number
// encrypted (spec §4.1.12), and the journal keeps that ciphertext as it
// was answered (it has nothing in clear to mask).
func assertSafeCardEncrypted(t *testing.T, e *env) {
	t.Helper()
	var page struct{ Entries []mock.JournalEntry }
	admin{t: t, base: e.URL}.get("journal?method=setSafeCard&outcome=OK", &page)
	require.Len(t, page.Entries, 1)
	cardNo, _ := page.Entries[0].Answer["cardNo"].(string)
	assert.Regexp(t, `^[0-9A-Fa-f]{256,}$`, cardNo, "the hex of an RSA block")
}

// journalText is the whole journal of the env's application as JSON text.
func journalText(t *testing.T, e *env) string {
	t.Helper()
	resp, err := http.Get(e.URL + "/__tsymock/journal?limit=10000&sysid=" + e.SysID)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, resp.StatusCode, "%s", b)
	require.True(t, strings.Contains(string(b), "withdrawApply"), "the journal holds the calls")
	return string(b)
}
