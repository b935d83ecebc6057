package emulator

import (
	"maps"

	"github.com/tsymock/tsymock/internal/soa"
)

// userStateValid is a personal member's userState when it may act. A locked
// member never sees its own state: getMemberInfo is 30022 for it.
const userStateValid = 1

// getMemberInfo reflects everything the member has done (spec §4.1.8, §5.5,
// §5.6). The sensitive
// values (identityCardNo, legalIds, accountNo) are answered in plain text
// here; the catalogue lists them as encrypted, so the mock encrypts them for
// the merchant.
func getMemberInfo(a *app, p params) (map[string]any, *soa.Error) {
	m, serr := a.member(p.str("bizUserId"))
	if serr != nil {
		return nil, serr
	}
	info := m.commonInfo()
	if m.memberType == memberEnterprise {
		maps.Copy(info, m.company.memberInfo())
	} else {
		maps.Copy(info, m.personalInfo())
	}
	maps.Copy(info, m.pageInfo())    // isSignContract, contractNo, signContractTime, isSetPayPwd
	maps.Copy(info, m.subAcctInfo()) // acctOrgType, subAcctNo
	return map[string]any{"bizUserId": m.bizUserID, "memberType": m.memberType, "memberInfo": info}, nil
}

// commonInfo are the keys of both shapes, the rows that spec §5.5 and §5.6
// share.
func (m *member) commonInfo() map[string]any {
	v := map[string]any{
		"userId":         m.userID,
		"isPhoneChecked": m.phone != "",
		"isSignContract": false,
	}
	if m.phone != "" {
		v["phone"] = m.phone
	}
	return v
}

// personalInfo is the part of a personal member's memberInfo that an
// enterprise's has not: its real name, and registerTime and source, rows of
// §5.6 only (source 是) that §5.5 does not have.
func (m *member) personalInfo() map[string]any {
	v := map[string]any{
		"registerTime":      soa.FormatTime(m.created),
		"source":            m.source,
		"userState":         userStateValid,
		"isIdentityChecked": m.realName,
		"isSetPayPwd":       false,
	}
	if m.realName {
		v["name"] = m.name
		v["identityCardNo"] = m.identityNo
		v["realNameTime"] = soa.FormatTime(m.realNameAt)
	}
	return v
}
