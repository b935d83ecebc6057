package emulator

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/clock"
	"github.com/tsymock/tsymock/internal/ids"
)

// reserveCard is the personal card of the legal person that reserveMember
// binds in the tests of the cross-border prerequisites.
const reserveCard = "6228480000000000003"

// reserveOf is reserveMember "reserve" with reserveCard, as a setup.
func reserveOf(t *testing.T, e *Emulator) { reserveMember(t, e, "reserve", reserveCard) }

// withdrawers are the members of TestCrossBorderWithdrawPrerequisites
// besides market's buyer, each with 1000 fen: "bare", a person with
// nothing but its account; "np", real-named with a card and no phone
// (phoneless); "corp", an enterprise that submitted no company.
func withdrawers(t *testing.T, e *Emulator) {
	t.Helper()
	for _, m := range []struct {
		id  string
		typ int
	}{{"bare", 3}, {"corp", 2}} {
		_, serr := memberCall(t, e, "app", "createMember", map[string]any{"bizUserId": m.id, "memberType": m.typ, "source": 2})
		require.Nil(t, serr)
		ok(t, e, "applicationTransfer", fmt.Sprintf(`{"bizTransferNo":"fund-%s","sourceAccountSetNo":"100001",`+
			`"targetBizUserId":%q,"targetAccountSetNo":"200126","amount":1000}`, m.id, m.id))
	}
	phoneless(t, e)
}

// TestCrossBorderWithdrawPrerequisites: crossBorderWithdrawApply holds the
// member to withdrawApply's prerequisites (spec §4.2.23 note 3: 发起跨境提现的
// 前置条件同 4.2.3 提现申请): real-named, or approved for an enterprise
// (§4.2.3 note 1; 30008, 30030 or 30050), its phone bound (note 1; 30021), the
// e-contract signed (§4.1.4 note 6; 30046). Each is noted
// member-prerequisite, as withdrawApply notes it, and refused with
// --strict with the first code, leaving no order and the money where it
// was. They passed without a note even with --strict (probe-J finding 1).
func TestCrossBorderWithdrawPrerequisites(t *testing.T) {
	tests := []struct {
		name, payer string
		signed      bool     // the buyer signed the e-contract
		notes       []string // the codes of the member-prerequisite notes; the first is --strict's refusal
	}{
		{"a person with nothing", "bare", false, []string{"30008", "30021"}},
		{"a person without a phone", "np", false, []string{"30021"}},
		{"a member that has not signed the e-contract", "buyer", false, []string{"30046"}},
		{"an enterprise without company information", "corp", false, []string{"30030", "30021"}},
		{"a member with every prerequisite", "buyer", true, nil},
	}
	for _, tt := range tests {
		for _, strict := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s, strict %v", tt.name, strict), func(t *testing.T) {
				e := newTestOrStrict(strict)
				market(t, e)
				reserveOf(t, e)
				withdrawers(t, e)
				if tt.signed {
					signedBuyer(t, e)
				}
				before, _ := balance(t, e, tt.payer)
				out := call(t, e, "OrderService", "crossBorderWithdrawApply", crossBorderParams(tt.payer, "reserve", "x1", reserveCard, 100))
				after, _ := balance(t, e, tt.payer)
				if strict && len(tt.notes) > 0 {
					refused(t, out, tt.notes[0], "rule "+rulePrerequisite, "§4.2.23 note 3")
					assert.Empty(t, e.Orders("app"), "no order made")
					assert.Equal(t, before, after)
					return
				}
				require.Nil(t, out.Err, "%v", out.Err)
				assert.Equal(t, "success", out.Value["payStatus"])
				assert.Equal(t, before-100, after)
				var codes []string
				for _, n := range out.Portability {
					assert.Equal(t, rulePrerequisite, n.Rule)
					assert.Contains(t, n.Message, "crossBorderWithdrawApply of bizUserId")
					codes = append(codes, n.Code)
				}
				assert.Equal(t, tt.notes, codes)
			})
		}
	}
}

// TestCrossBorderPrerequisitesOfAnOlderLog: a --strict log written before
// RulesDec2026c holds cross-border withdrawals of members lacking
// withdrawApply's prerequisites, answered OK then; it replays as it was
// answered, with no divergence (without the gate, the replay refuses them).
func TestCrossBorderPrerequisitesOfAnOlderLog(t *testing.T) {
	l := &memLog{}
	old := New(Config{Clock: clock.NewManual(time.Date(2026, 11, 28, 4, 0, 0, 0, time.UTC)), IDs: ids.NewSeeded(1),
		Recorder: l, Strict: true})
	old.answerAs = RulesDec2026b
	market(t, old)
	reserveOf(t, old)
	withdrawers(t, old)
	for _, payer := range []string{"bare", "np", "buyer", "corp"} {
		v := ok(t, old, "crossBorderWithdrawApply", crossBorderParams(payer, "reserve", "x-"+payer, reserveCard, 100))
		assert.Equal(t, "success", v["payStatus"], "%s: withdrawn then", payer)
	}
	assert.Contains(t, string(l.ops[len(l.ops)-1]), fmt.Sprintf(`"strict":true,"rules":%d`, RulesDec2026b))

	r := l.replayInto(t) // fails on a divergence
	assert.Equal(t, snapshot(old, "app"), snapshot(r, "app"))
}
