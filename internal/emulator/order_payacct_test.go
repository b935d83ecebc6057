package emulator

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/clock"
	"github.com/tsymock/tsymock/internal/ids"
)

// TestPayAcctOnlyForBoundMembers: spec §4.1.23 note 3 asks the acct of a
// WeChat JS, mini-program or Alipay life payment to be one the member
// bound with applyBindAcct; that is for the members of note (1), who pay
// by the accts they bound. A phone-bound member that bound none pays with
// any openid, even with --strict; one that bound some is held to them.
// A strict op of a log before RulesDec2026b replays as it was refused.
func TestPayAcctOnlyForBoundMembers(t *testing.T) {
	wechat := func(no, acct string) string {
		return orderParams("consumeApply", "buyer", no, 100, `{"WECHAT_PUBLIC":{"subAppid":"wx1","acct":"`+acct+`","amount":100}}`, "")
	}
	e := newStrict()
	market(t, e)
	_, serr := do(t, e, "consumeApply", wechat("o1", "o-any"))
	assert.Nil(t, serr, "a member that bound no acct pays with any openid")
	boundAcct(t, e)
	assert.Equal(t, "10000", code(t, e, "consumeApply", wechat("o2", "o-other")), "one that bound some is held to them")
	_, serr = do(t, e, "consumeApply", wechat("o3", "o-bound"))
	assert.Nil(t, serr)

	l := &memLog{}
	old := New(Config{Clock: clock.NewManual(time.Date(2026, 11, 28, 4, 0, 0, 0, time.UTC)), IDs: ids.NewSeeded(1),
		Recorder: l, Strict: true})
	old.answerAs = RulesDec2026
	market(t, old)
	assert.Equal(t, "10000", code(t, old, "consumeApply", wechat("o1", "o-any")), "then every member was held to its bound accts")
	r := l.replayInto(t) // fails on a divergence
	assert.Equal(t, old.AccountBalances("app"), r.AccountBalances("app"))
	require.Len(t, r.Orders("app"), len(old.Orders("app")))
}
