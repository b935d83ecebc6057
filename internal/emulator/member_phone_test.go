package emulator

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestMemberPhoneFormat: a phone to bind that is not an 11-digit mobile
// number starting 1 is taken and noted param-format, on sendVerificationCode
// (type 9) and on bindPhone: spec §4.1.2 and §4.1.3 give it no format, but
// the platform sends the code there by SMS (§4.1.2 note 3) and the test
// environment's phones are 11 digits (§6.18). An unbind code goes to the
// bound phone, which was noted when it was bound.
func TestMemberPhoneFormat(t *testing.T) {
	for _, tc := range []struct {
		phone string
		noted bool
	}{
		{"13800000001", false},
		{"19912345678", false},
		{"abc", true},
		{"1380000000", true},     // 10 digits
		{"138000000012", true},   // 12 digits
		{"+8613800000001", true}, // with the country code
		{"23800000001", true},    // not a mobile prefix
		{"138-0000-0001", true},  // written with dashes
		{"１３８００００００01", true},    // full-width digits
	} {
		t.Run(tc.phone, func(t *testing.T) {
			et := newEnvTest(t, false)
			et.ok("createMember", map[string]any{"bizUserId": "p", "memberType": 3, "source": 1})
			want := []string(nil)
			if tc.noted {
				want = []string{ruleParamFormat}
			}
			for _, step := range []struct {
				method string
				param  map[string]any
			}{
				{"sendVerificationCode", map[string]any{"bizUserId": "p", "phone": tc.phone, "verificationCodeType": 9}},
				{"bindPhone", map[string]any{"bizUserId": "p", "phone": tc.phone, "verificationCode": "111111"}},
				{"sendVerificationCode", map[string]any{"bizUserId": "p", "phone": tc.phone, "verificationCodeType": 6}},
				{"unbindPhone", map[string]any{"bizUserId": "p", "phone": tc.phone, "verificationCode": "111111"}},
			} {
				out := et.call(step.method, step.param)
				require.Nil(t, out.Err, step.method)
				if step.method == "sendVerificationCode" && step.param["verificationCodeType"] == 6 || step.method == "unbindPhone" {
					assert.Empty(t, out.Portability, step.method)
					continue
				}
				assert.Equal(t, want, rules(out), step.method)
			}
		})
	}
}
