package emulator

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSetRealNameIDCard: setRealName refuses only what clearly is not an ID
// card number (30012, the reason in the message), not a wrong check digit.
func TestSetRealNameIDCard(t *testing.T) {
	for _, tc := range []struct {
		name, identityNo string
		identityType     int
		code, detail     string
		stored           string
	}{
		{"PROTOCOL.md's vector, whose check digit is wrong", "110101199001011234", 1, "", "", "110101199001011234"},
		{"a right check digit", "110101199001011237", 1, "", "", "110101199001011237"},
		{"lower-case x stored upper-case", "11010119900307803x", 1, "", "", "11010119900307803X"},
		{"17 digits", "11010119900101123", 1, "30012", "identityNo: must be 18 characters, got 17", ""},
		{"a letter", "1101011990A1011237", 1, "30012", "identityNo: the first 17 characters must be digits", ""},
		{"no such province", "990101199001011237", 1, "30012", "identityNo: the first two digits are not a province code", ""},
		{"February 30", "110101199002300000", 1, "30012", "identityNo: digits 7 to 14 are not a real birth date", ""},
		{"born after today", "110101202612010000", 1, "30012", "identityNo: digits 7 to 14 are a birth date after today", ""},
		{"a passport is not checked", "E12345678", 3, "", "", "E12345678"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newTest()
			_, serr := memberCall(t, e, "a", "createMember", map[string]any{"bizUserId": "p1", "memberType": 3, "source": 1})
			require.Nil(t, serr)
			got, serr := memberCall(t, e, "a", "setRealName", map[string]any{"bizUserId": "p1", "name": "张三",
				"identityType": tc.identityType, "identityNo": tc.identityNo})
			if tc.code != "" {
				require.NotNil(t, serr)
				assert.Equal(t, tc.code, serr.Code)
				assert.Contains(t, serr.Message, "身份证验证失败: "+tc.detail)
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
