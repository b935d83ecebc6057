package emulator

import (
	"strings"

	"github.com/tsymock/tsymock/internal/soa"
)

// identityIDCard is identityType 1, the resident identity card; the other
// certificate types are accepted as they are.
const identityIDCard = 1

// setRealName records a personal member's verified identity. The platform
// checks the name and number with the police database; tsymock refuses only
// an ID card number that clearly is not one (30012, see checkIDCard): its
// check digit is not checked, so that made-up test numbers work.
// Enterprises are 30006 (they use setCompanyInfo), and a member already
// real-named is 30007, which SDKs treat as done.
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
	if kind == identityIDCard {
		if err := checkIDCard(no, a.now()); err != nil {
			return nil, soa.Errorf("30012", "identityNo: %v", err)
		}
		no = strings.ToUpper(no)
	}
	m.realName, m.name, m.identityType, m.identityNo = true, p.str("name"), kind, no
	m.realNameAt = a.now()
	return map[string]any{"bizUserId": m.bizUserID, "name": m.name, "identityType": kind, "identityNo": no}, nil
}
