package emulator

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestPayerReady: a member makes orders once its phone is bound (spec
// §4.2.1 三 note), and after unbindPhone no longer (§4.1.24); a person may
// bind a payment account instead (§4.1.23 (1)); an enterprise needs its
// approval too (§4.1.6 note 1). Each lack is a member-prerequisite note,
// its code with --strict.
func TestPayerReady(t *testing.T) {
	phone := func(t *testing.T, e *Emulator, id string) {
		mustMember(t, e, "sendVerificationCode", map[string]any{"bizUserId": id, "phone": "13800000009", "verificationCodeType": 9})
		mustMember(t, e, "bindPhone", map[string]any{"bizUserId": id, "phone": "13800000009", "verificationCode": "111111"})
	}
	person := func(t *testing.T, e *Emulator) {
		mustMember(t, e, "createMember", map[string]any{"bizUserId": "c", "memberType": 3, "source": 1})
	}
	company := func(name string) func(t *testing.T, e *Emulator) {
		return func(t *testing.T, e *Emulator) {
			mustMember(t, e, "createMember", map[string]any{"bizUserId": "c", "memberType": 2, "source": 2})
			if name != "" {
				mustMember(t, e, "setCompanyInfo", companyParams(name, true))
			}
		}
	}
	tests := []struct {
		name  string
		setup []func(t *testing.T, e *Emulator)
		code  string // "" when the order is portable
	}{
		{"a person with a bound phone", []func(*testing.T, *Emulator){person, func(t *testing.T, e *Emulator) { phone(t, e, "c") }}, ""},
		{"a person without a phone", []func(*testing.T, *Emulator){person}, "30021"},
		{"a person after unbindPhone", []func(*testing.T, *Emulator){person, func(t *testing.T, e *Emulator) {
			phone(t, e, "c")
			mustMember(t, e, "sendVerificationCode", map[string]any{"bizUserId": "c", "phone": "13800000009", "verificationCodeType": 6})
			mustMember(t, e, "unbindPhone", map[string]any{"bizUserId": "c", "phone": "13800000009", "verificationCode": "111111"})
		}}, "30021"},
		{"a person with a payment account and no phone", []func(*testing.T, *Emulator){person, func(t *testing.T, e *Emulator) {
			mustMember(t, e, "applyBindAcct", map[string]any{"bizUserId": "c", "operationType": "set", "acctType": "weChatPublic", "acct": "o1"})
		}}, ""},
		{"an enterprise without company information", []func(*testing.T, *Emulator){company("")}, "30030"},
		{"an enterprise rejected", []func(*testing.T, *Emulator){company("reject Ltd")}, "30050"},
		{"an enterprise approved without a phone", []func(*testing.T, *Emulator){company("好公司")}, "30021"},
		{"an enterprise approved with a phone", []func(*testing.T, *Emulator){company("好公司"), func(t *testing.T, e *Emulator) { phone(t, e, "c") }}, ""},
	}
	for _, tt := range tests {
		for _, strict := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s strict=%v", tt.name, strict), func(t *testing.T) {
				e := newTest()
				if strict {
					e = newStrict()
				}
				for _, s := range tt.setup {
					s(t, e)
				}
				out := call(t, e, "OrderService", "depositApply", orderParams("depositApply", "c", "d", 100,
					`{"GATEWAY_VSP":{"amount":100,"paytype":"B2C","vspCusid":"c"}}`, `"frontUrl":"http://127.0.0.1/f",`))
				notes := payerNotes(out.Portability)
				switch {
				case tt.code == "":
					require.Nil(t, out.Err)
					assert.Empty(t, notes)
				case strict:
					require.NotNil(t, out.Err)
					assert.Equal(t, tt.code, out.Err.Code)
					assert.Contains(t, out.Err.Message, "rule member-prerequisite")
				default:
					require.Nil(t, out.Err)
					require.Len(t, notes, 1, "%v", out.Portability)
					assert.Equal(t, tt.code, notes[0].Code)
					assert.Contains(t, notes[0].Message, "spec §4.")
				}
			})
		}
	}
}

// TestPlatformOrdersNeedNoPhone: the platform's own deposit is not a
// member's order: no note.
func TestPlatformOrdersNeedNoPhone(t *testing.T) {
	out := call(t, newStrict(), "OrderService", "depositApply", orderParams("depositApply", OwnerPlatform, "d", 100,
		`{"GATEWAY_VSP":{"amount":100,"paytype":"B2C","vspCusid":"c"}}`, `"frontUrl":"http://127.0.0.1/f",`))
	require.Nil(t, out.Err)
	assert.Empty(t, payerNotes(out.Portability))
}

// payerNotes are the member-prerequisite notes of an outcome.
func payerNotes(ps []Portability) []Portability { return notesOf(ps, rulePrerequisite) }

// notesOf are an outcome's notes of rule.
func notesOf(ps []Portability, rule string) []Portability {
	var out []Portability
	for _, p := range ps {
		if p.Rule == rule {
			out = append(out, p)
		}
	}
	return out
}

// mustMember runs a MemberService call of application "app" that must
// succeed.
func mustMember(t *testing.T, e *Emulator, method string, param map[string]any) {
	t.Helper()
	_, serr := memberCall(t, e, "app", method, param)
	require.Nil(t, serr, "%s %v: %v", method, param, serr)
}
