package emulator

import (
	"fmt"
	"strings"

	"github.com/tsymock/tsymock/internal/soa"
)

// identityIDCard is identityType 1, the resident identity card; the other
// certificate types are accepted as they are.
const identityIDCard = 1

// setRealName records a personal member's verified identity (spec §4.1.5).
// The platform checks the name and number with the police database; tsymock
// refuses only an ID card number that clearly is not one (30012, see
// checkIDCard), and takes the named test identities of spec §6.18 whatever
// their digits. A wrong check digit and a certificate other than the ID card
// pass with a Portability note. Enterprises are 30006 (they use
// setCompanyInfo), and a member already real-named is 30007, which SDKs
// treat as done.
func setRealName(a *app, p params) (map[string]any, *soa.Error) {
	m, serr := a.member(p.str("bizUserId"))
	if serr != nil {
		return nil, serr
	}
	if m.memberType != memberPersonal {
		return nil, soa.Errorf("30006", "setRealName is for personal members (memberType 3); enterprises use setCompanyInfo")
	}
	if m.realName {
		return nil, soa.Errorf("30007", "bizUserId %q was real-named on %s", m.bizUserID, soa.FormatTime(m.realNameAt))
	}
	kind, no := p.num("identityType"), p.str("identityNo")
	if serr := a.checkIdentity(kind, no); serr != nil {
		return nil, serr
	}
	if kind == identityIDCard {
		no = strings.ToUpper(no)
	}
	m.realName, m.name, m.identityType, m.identityNo = true, p.str("name"), kind, no
	m.realNameAt = a.now()
	return map[string]any{"bizUserId": m.bizUserID, "name": m.name, "identityType": kind, "identityNo": no}, nil
}

// IdentityTypeNote is the identity-type note of a payment-password page
// opened with a certificate other than the ID card, ok false for the ID
// card (1): spec §4.1.17 to §4.1.20 (section names the page's) say of
// identityType 目前只支持身份证, as §4.1.5 does, whose setRealName notes the
// same type. The pages note it themselves (an opened page is no op).
func IdentityTypeNote(section string, kind int64) (Portability, bool) {
	if kind == identityIDCard {
		return Portability{}, false
	}
	return Portability{Rule: ruleIdentityType, Code: "20012", Message: fmt.Sprintf("identityType %d: spec %s "+
		"supports only 1 (身份证: 目前只支持身份证)", kind, section)}, true
}

// checkIdentity checks a certificate a member is real-named with.
func (a *app) checkIdentity(kind int64, no string) *soa.Error {
	if kind != identityIDCard {
		return a.lenient(ruleIdentityType, "20012", "identityType %d: spec §4.1.5 supports only 1 (身份证)", kind)
	}
	if isSpecIdentity(no) {
		return nil
	}
	if err := checkIDCard(no, a.now()); err != nil {
		if a.before(RulesDec2026e) || !notReal(err) {
			return soa.Errorf("30012", "identityNo: %v", err)
		}
		return a.lenient(ruleTestIdentity, "30012", "identityNo %s: %v, and it is not a test identity of spec §6.18 "+
			"(whose own numbers have such birth dates: the test environment takes them)", MaskNumber(no), err)
	}
	if !idCheckDigitOK(no) {
		return a.lenient(ruleTestIdentity, "30012", "identityNo %s: its check digit is not the one GB 11643 gives its "+
			"first 17 digits (%c), and it is not a test identity of spec §6.18", MaskNumber(no), idCheckChar(no))
	}
	return nil
}
