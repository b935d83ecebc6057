package emulator

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/clock"
	"github.com/tsymock/tsymock/internal/ids"
)

// entCard is the legal person's card that readyEnterprise binds to "ent".
const entCard = "6228480000000000004"

// readyEnterprise is "ent", an approved enterprise (reserveMember) with
// entCard bound, its phone bound and the e-contract signed, and 1000 fen:
// one that withdrawApply's prerequisites (spec §4.2.3 note 1, §4.1.4 note
// 6) let withdraw, --strict too.
func readyEnterprise(t *testing.T, e *Emulator) {
	t.Helper()
	reserveMember(t, e, "ent", entCard)
	for _, s := range []struct {
		method string
		param  map[string]any
	}{
		{"sendVerificationCode", map[string]any{"bizUserId": "ent", "phone": "13800000005", "verificationCodeType": 9}},
		{"bindPhone", map[string]any{"bizUserId": "ent", "phone": "13800000005", "verificationCode": "111111"}},
	} {
		_, serr := memberCall(t, e, "app", s.method, s.param)
		require.Nil(t, serr, "%s: %v", s.method, serr)
	}
	_, serr := e.SignContract("app", "ent", "")
	require.Nil(t, serr)
	ok(t, e, "applicationTransfer", `{"bizTransferNo":"fund-ent","sourceAccountSetNo":"100001","targetBizUserId":"ent",`+
		`"targetAccountSetNo":"200126","amount":1000}`)
}

// entWithdrawal is a withdrawApply of 100 fen of the enterprise "ent" with
// validateType vt: to its corporate account (bankCardPro 1), or to the
// legal person's card entCard (bankCardPro 0).
func entWithdrawal(vt, pro int) string {
	no := reserveCorporate
	if pro == 0 {
		no = entCard
	}
	return fmt.Sprintf(`{"bizOrderNo":"w1","bizUserId":"ent","accountSetNo":"200126","amount":100,"fee":0,`+
		`"validateType":%d,"backUrl":"http://127.0.0.1/n","bankCardNo":%q,"bankCardPro":%d,"industryCode":"1910",`+
		`"industryName":"其他","source":1}`, vt, no, pro)
}

// validatedBy is param with validateType vt in place of 0.
func validatedBy(param string, vt int) string {
	return strings.Replace(param, `"validateType":0`, fmt.Sprintf(`"validateType":%d`, vt), 1)
}

// withSummary is a crossBorderParams param with summary in place of the
// example's, or without one when summary is "".
func withSummary(param, summary string) string {
	with := ""
	if summary != "" {
		with = fmt.Sprintf(`,"summary":%q`, summary)
	}
	return strings.Replace(param, fmt.Sprintf(`,"summary":%q`, remittanceExample), with, 1)
}

// TestEnterpriseWithdrawalByPassword: an enterprise's withdrawal by
// payment password (validateType 2) is noted enterprise-validate-type, and
// refused with --strict with 40028 (交易验证方式错误), leaving no order and the
// money where it was: spec §4.2.3 (lines 5145, 5161) has enterprises
// confirm by pay with the SMS code (企业用户请使用【后台+短信验证码验证】方式), to their
// corporate account or the legal person's card, and an enterprise has no
// payment password (§4.1.17 note 1), so the order could never be paid.
// crossBorderWithdrawApply shares it (§4.2.23 note 3). A person's
// password, an enterprise's SMS code or none are not noted. It was taken
// silently (probe-N finding 6).
func TestEnterpriseWithdrawalByPassword(t *testing.T) {
	xb := func(payer, card string, vt int) string {
		return validatedBy(crossBorderParams(payer, "reserve", "w1", card, 100), vt)
	}
	tests := []struct {
		name, method, param, payer string
		noted                      bool
		payStatus                  string // of the answer when taken ("" while it waits for its confirmation)
	}{
		{"an enterprise to its corporate account by password", "withdrawApply", entWithdrawal(2, 1), "ent", true, ""},
		{"an enterprise to the legal person's card by password", "withdrawApply", entWithdrawal(2, 0), "ent", true, ""},
		{"an enterprise by SMS code", "withdrawApply", entWithdrawal(1, 1), "ent", false, ""},
		{"an enterprise without confirmation", "withdrawApply", entWithdrawal(0, 1), "ent", false, "success"},
		{"a person by password", "withdrawApply", withdrawParams("w1", `,"validateType":2`), "buyer", false, ""},
		{"an enterprise's cross-border withdrawal by password", "crossBorderWithdrawApply", xb("ent", reserveCard, 2), "ent", true, ""},
		{"an enterprise's cross-border withdrawal by SMS code", "crossBorderWithdrawApply", xb("ent", reserveCard, 1), "ent", false, ""},
		{"a person's cross-border withdrawal by password", "crossBorderWithdrawApply", xb("buyer", reserveCard, 2), "buyer", false, ""},
	}
	for _, tt := range tests {
		for _, strict := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s, strict %v", tt.name, strict), func(t *testing.T) {
				e := newTestOrStrict(strict)
				market(t, e)
				signedWithReserve(t, e)
				readyEnterprise(t, e)
				before, _ := balance(t, e, tt.payer)
				out := call(t, e, "OrderService", tt.method, tt.param)
				after, _ := balance(t, e, tt.payer)
				if strict && tt.noted {
					says := []string{"rule " + RuleEnterpriseValidation, "validateType 2", "spec §4.2.3", "企业用户请使用【后台+短信验证码验证】方式"}
					if tt.method == "crossBorderWithdrawApply" {
						says = append(says, "§4.2.23 note 3")
					}
					refused(t, out, "40028", says...)
					for _, o := range e.Orders("app") {
						assert.NotEqual(t, "w1", o.BizOrderNo, "no order made")
					}
					assert.Equal(t, before, after)
					return
				}
				require.Nil(t, out.Err, "%v", out.Err)
				if tt.payStatus == "" {
					assert.NotContains(t, out.Value, "payStatus", "waits for its confirmation")
				} else {
					assert.Equal(t, tt.payStatus, out.Value["payStatus"])
				}
				if !tt.noted {
					assert.Empty(t, out.Portability)
					return
				}
				require.Len(t, out.Portability, 1)
				n := out.Portability[0]
				assert.Equal(t, []string{RuleEnterpriseValidation, "40028"}, []string{n.Rule, n.Code})
				assert.Contains(t, n.Message, tt.method+` of enterprise bizUserId "ent" with validateType 2`)
			})
		}
	}
}

// TestCrossBorderSummary: a cross-border withdrawal's summary is the 易通汇
// remittance request number, FEE and its digits (spec §4.2.23 lines
// 8997-9009: 需上送易通汇平台汇款申请单（FEE+跨境平台汇款申请单号，如 FEE101961）).
// One left out is noted required-param (10001 with --strict), one of
// another form param-format (10000); refused, it leaves no order, the
// money where it was and the bizOrderNo free. Both passed silently
// (probe-N finding 5).
func TestCrossBorderSummary(t *testing.T) {
	tests := []struct {
		name, summary string
		rule, code    string // of the note; "" for none
	}{
		{"the spec's example", remittanceExample, "", ""},
		{"another number", "FEE20261128000001", "", ""},
		{"none", "", ruleRequired, "10001"},
		{"a text", "hello", ruleParamFormat, "10000"},
		{"lower case", "fee101961", ruleParamFormat, "10000"},
		{"FEE alone", "FEE", ruleParamFormat, "10000"},
		{"a letter in the number", "FEE10196A", "", ""},
		{"punctuation in the number", "FEE-101961", ruleParamFormat, "10000"},
		{"the number alone", "101961", ruleParamFormat, "10000"},
	}
	for _, tt := range tests {
		for _, strict := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s, strict %v", tt.name, strict), func(t *testing.T) {
				e := newTestOrStrict(strict)
				market(t, e)
				signedWithReserve(t, e)
				before, _ := balance(t, e, "buyer")
				param := withSummary(crossBorderParams("buyer", "reserve", "x1", reserveCard, 100), tt.summary)
				out := call(t, e, "OrderService", "crossBorderWithdrawApply", param)
				after, _ := balance(t, e, "buyer")
				if strict && tt.rule != "" {
					refused(t, out, tt.code, "rule "+tt.rule, "summary", "spec §4.2.23", "FEE+跨境平台汇款申请单号")
					assert.Empty(t, e.Orders("app"), "no order made")
					assert.Equal(t, before, after)
					ok(t, e, "crossBorderWithdrawApply", crossBorderParams("buyer", "reserve", "x1", reserveCard, 100)) // the number is free
					return
				}
				require.Nil(t, out.Err, "%v", out.Err)
				assert.Equal(t, "success", out.Value["payStatus"])
				assert.Equal(t, before-100, after)
				if tt.rule == "" {
					assert.Empty(t, out.Portability)
					return
				}
				require.Len(t, out.Portability, 1)
				n := out.Portability[0]
				assert.Equal(t, []string{tt.rule, tt.code}, []string{n.Rule, n.Code})
				assert.Contains(t, n.Message, "summary")
				assert.Contains(t, n.Message, "spec §4.2.23")
			})
		}
	}
}

// TestWithdrawalNotesOfAnOlderLog: a --strict log written before
// RulesDec2026c holds what RulesDec2026c notes, answered OK then: an
// enterprise's withdrawal and cross-border withdrawal by password, and
// cross-border withdrawals without a summary or with one that is no
// remittance number. Each replays as it was answered, with no divergence
// and the same state (without its gate, the replay refuses it). An order
// left waiting for its password is closed, so that the views show it alike
// at the replay's clock.
func TestWithdrawalNotesOfAnOlderLog(t *testing.T) {
	xb := func(payer string) string { return crossBorderParams(payer, "reserve", "w1", reserveCard, 100) }
	tests := []struct {
		name, method, param string
		waits               bool // for the password page
	}{
		{"an enterprise's withdrawal by password", "withdrawApply", entWithdrawal(2, 1), true},
		{"an enterprise's cross-border withdrawal by password", "crossBorderWithdrawApply", validatedBy(xb("ent"), 2), true},
		{"a cross-border withdrawal without a summary", "crossBorderWithdrawApply", withSummary(xb("buyer"), ""), false},
		{"a cross-border withdrawal whose summary is a text", "crossBorderWithdrawApply", withSummary(xb("buyer"), "hello"), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := &memLog{}
			old := New(Config{Clock: clock.NewManual(time.Date(2026, 11, 28, 4, 0, 0, 0, time.UTC)), IDs: ids.NewSeeded(1),
				Recorder: l, Strict: true})
			old.answerAs = RulesDec2026b
			market(t, old)
			signedWithReserve(t, old)
			readyEnterprise(t, old)
			ok(t, old, tt.method, tt.param)
			assert.Contains(t, string(l.ops[len(l.ops)-1]), fmt.Sprintf(`"strict":true,"rules":%d`, RulesDec2026b))
			if tt.waits {
				ok(t, old, "closeOrder", `{"bizOrderNo":"w1"}`)
			}

			r := l.replayInto(t) // fails on a divergence
			sameState(t, old, r, "replayed")
			require.Len(t, r.Orders("app"), 1, "the order replayed")
		})
	}
}
