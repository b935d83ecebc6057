package emulator

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSetRealNameIDCard: setRealName refuses only what clearly is not an
// ID card number (30012, the reason in the message); a wrong check digit
// or a birth date that is no calendar day pass with a note
// (test-identity), refused with --strict: spec §6.18's own test identities
// have such dates (RulesDec2026e; they were refused).
func TestSetRealNameIDCard(t *testing.T) {
	for _, tc := range []struct {
		name, identityNo string
		identityType     int
		code, detail     string // a refusal, with or without --strict
		noted            string // a note: passes, refused with this detail under --strict
		stored           string
	}{
		{"PROTOCOL.md's vector, whose check digit is wrong", "110101199001011234", 1, "", "", "check digit", "110101199001011234"},
		{"a right check digit", "110101199001011237", 1, "", "", "", "110101199001011237"},
		{"lower-case x stored upper-case", "11010119900307803x", 1, "", "", "", "11010119900307803X"},
		{"17 digits", "11010119900101123", 1, "30012", "identityNo: must be 18 characters, got 17", "", ""},
		{"a letter", "1101011990A1011237", 1, "30012", "identityNo: the first 17 characters must be digits", "", ""},
		{"no such province", "990101199001011237", 1, "30012", "identityNo: the first two digits are not a province code", "", ""},
		{"February 30", "110101199002300000", 1, "", "", "digits 7 to 14 are not a real birth date", "110101199002300000"},
		{"born after today", "110101202612010000", 1, "30012", "identityNo: digits 7 to 14 are a birth date after today", "", ""},
		{"born on 12345674, as a §6.18 test identity", "310226123456745677", 1, "", "", "not a real birth date", "310226123456745677"},
		{"a passport is not checked (but noted identity-type)", "E12345678", 3, "", "", "", "E12345678"},
	} {
		for _, strict := range []bool{false, true} {
			if strict && tc.identityType != 1 {
				continue // identity-type's refusal is in rules_test.go
			}
			t.Run(fmt.Sprintf("%s/strict=%v", tc.name, strict), func(t *testing.T) {
				e := newTestOrStrict(strict)
				_, serr := memberCall(t, e, "a", "createMember", map[string]any{"bizUserId": "p1", "memberType": 3, "source": 1})
				require.Nil(t, serr)
				got, serr := memberCall(t, e, "a", "setRealName", map[string]any{"bizUserId": "p1", "name": "张三",
					"identityType": tc.identityType, "identityNo": tc.identityNo})
				code, detail := tc.code, tc.detail
				if strict && tc.noted != "" {
					code, detail = "30012", tc.noted
				}
				if code != "" {
					require.NotNil(t, serr)
					assert.Equal(t, code, serr.Code)
					assert.Contains(t, serr.Message, "身份证验证失败: ")
					assert.Contains(t, serr.Message, detail)
					assert.NotContains(t, serr.Message, tc.identityNo)
					assert.Equal(t, false, memberInfo(t, e, "p1")["isIdentityChecked"], "nothing changed")
					return
				}
				require.Nil(t, serr)
				assert.Equal(t, tc.stored, got["identityNo"])
				assert.Equal(t, tc.stored, memberInfo(t, e, "p1")["identityCardNo"])
			})
		}
	}
}
