package coverage

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/emulator"
	"github.com/tsymock/tsymock/internal/journal"
	"github.com/tsymock/tsymock/internal/notify"
	"github.com/tsymock/tsymock/internal/soa"
)

func TestWriteTextEmpty(t *testing.T) {
	var b strings.Builder
	require.NoError(t, WriteText(&b, nil))
	assert.Equal(t, "no calls yet\n", b.String())
}

func TestNotificationReport(t *testing.T) {
	got := Notifications([]notify.Notification{
		{Service: "OrderService", Method: "pay", Status: "OK", State: notify.Delivered},
		{Service: "OrderService", Method: "pay", Status: "OK", State: notify.Pending},
		{Service: "OrderService", Method: "pay", Status: "error", State: notify.Failed},
		{Service: "MemberService", Method: "verifyResult", Status: "OK", State: notify.Undeliverable},
	})
	assert.Equal(t, []NotificationReport{
		{Kind: "MemberService.verifyResult OK", Total: 1, Undeliverable: 1},
		{Kind: "OrderService.pay OK", Total: 2, Delivered: 1, Pending: 1},
		{Kind: "OrderService.pay error", Total: 1, Failed: 1},
	}, got)
}

// TestRecord: a journaled call counts under its method, by outcome; a call
// refused before its req was decoded, or of a method the catalogue does not
// know, counts apart.
func TestRecord(t *testing.T) {
	c := New(soa.DefaultCatalogue())
	for _, e := range []journal.Entry{
		{SysID: "A", Service: "OrderService", Method: "refund", Outcome: journal.OutcomeOK},
		{SysID: "A", Service: "OrderService", Method: "refund", Outcome: journal.OutcomeError, ErrorCode: "40014"},
		{SysID: "A", Service: "OrderService", Method: "refund", Outcome: journal.OutcomeFault, ErrorCode: "40014", Fault: "http-500"},
		{SysID: "A", Service: "OrderService", Method: "nonsense", Outcome: journal.OutcomeError, ErrorCode: "10003"},
		{SysID: "A", Outcome: journal.OutcomeError, ErrorCode: "20019"},
		{SysID: "B", Service: "OrderService", Method: "refund", Outcome: journal.OutcomeOK},
	} {
		c.Record(&e)
	}
	rep := c.Report("A")
	assert.Equal(t, 1, rep.Called)
	assert.Equal(t, map[string]int{"OrderService.nonsense": 1}, rep.Unknown)
	var refund MethodReport
	for _, m := range rep.Methods {
		if m.Method == "refund" {
			refund = m
		}
	}
	assert.Equal(t, MethodReport{Service: "OrderService", Method: "refund", Calls: 3, OK: 1,
		ErrorCodes: map[string]int{"40014": 1}, Faults: map[string]int{"http-500": 1}}, refund)
	assert.Equal(t, []string{"A", "B"}, c.SysIDs())
	c.Reset("A")
	assert.Equal(t, []string{"B"}, c.SysIDs())
	assert.Zero(t, c.Report("A").Called)
	assert.Equal(t, []string{"B"}, c.SysIDs(), "a report creates nothing")
}

// TestPortability: the notes of journaled calls are counted by rule, with
// the methods and the first call as the example, the busiest rule first,
// only for calls answered OK (a call refused anyway is no portability
// problem), and the text report lists them under "would fail on the real test
// environment".
func TestPortability(t *testing.T) {
	c := New(soa.DefaultCatalogue())
	card := emulator.Portability{Rule: "test-card-prefix", Code: "30049", Message: "card 622202*********0002: not a test card"}
	id := emulator.Portability{Rule: "test-identity", Code: "30012", Message: "identityNo 110101********1234: wrong check digit"}
	for _, e := range []journal.Entry{
		{ID: 3, SysID: "A", Service: "MemberService", Method: "getBankCardBin", Outcome: journal.OutcomeOK, Portability: []emulator.Portability{card}},
		{ID: 4, SysID: "A", Service: "MemberService", Method: "setRealName", Outcome: journal.OutcomeOK, Portability: []emulator.Portability{id}},
		{ID: 5, SysID: "A", Service: "MemberService", Method: "applyBindBankCard", Outcome: journal.OutcomeOK,
			Portability: []emulator.Portability{card, card}},
		{ID: 6, SysID: "A", Service: "MemberService", Method: "createMember", Outcome: journal.OutcomeOK},
		{ID: 7, SysID: "B", Service: "MemberService", Method: "getBankCardBin", Outcome: journal.OutcomeOK, Portability: []emulator.Portability{card}},
		// noted on the way, then refused: the real environment refuses it too
		{ID: 8, SysID: "A", Service: "MemberService", Method: "applyBindBankCard", Outcome: journal.OutcomeError, ErrorCode: "30045",
			Portability: []emulator.Portability{card}},
	} {
		c.Record(&e)
	}
	rep := c.Report("A")
	require.Len(t, rep.Portability, 2)
	assert.Equal(t, PortabilityReport{Rule: "test-card-prefix", Code: "30049", Doc: docOf(t, "test-card-prefix"), Calls: 2,
		Methods: map[string]int{"MemberService.getBankCardBin": 1, "MemberService.applyBindBankCard": 1},
		Example: PortabilityExample{JournalID: 3, Call: "MemberService.getBankCardBin", Message: card.Message}}, rep.Portability[0])
	assert.Equal(t, "test-identity", rep.Portability[1].Rule)
	assert.Equal(t, 1, rep.Portability[1].Calls)
	assert.Empty(t, c.Report("C").Portability, "an application without calls has none")
	assert.NotNil(t, c.Report("C").Portability, "a list in JSON, never null")

	var b strings.Builder
	require.NoError(t, WriteText(&b, []Report{rep}))
	assert.Contains(t, b.String(), "would fail on the real test environment")
	assert.Contains(t, b.String(), "test-card-prefix (the real test environment answers 30049): 2 calls "+
		"(MemberService.applyBindBankCard×1 MemberService.getBankCardBin×1)")
	assert.Contains(t, b.String(), "e.g. journal #3 MemberService.getBankCardBin: "+card.Message)
	c.Reset("A")
	assert.Empty(t, c.Report("A").Portability)
}

func docOf(t *testing.T, rule string) string {
	t.Helper()
	r, ok := emulator.PortabilityRuleOf(rule)
	require.True(t, ok)
	return r.Doc
}

// TestUnknownNamesAreBounded: calls of invented method names are counted
// by name up to maxUnknown, the rest together.
func TestUnknownNamesAreBounded(t *testing.T) {
	c := New(soa.DefaultCatalogue())
	for i := range 1000 {
		c.Record(&journal.Entry{SysID: "A", Service: "OrderService", Method: fmt.Sprint("invented", i),
			Outcome: journal.OutcomeError, ErrorCode: "10003"})
	}
	rep := c.Report("A")
	assert.Len(t, rep.Unknown, maxUnknown+1)
	assert.Equal(t, 900, rep.Unknown[otherUnknown])
}
