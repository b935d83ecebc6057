package emulator

import (
	"strings"

	"github.com/tsymock/tsymock/internal/soa"
)

// checkCompanyConditions notes what the table of spec §5.4 requires of
// companyBasicInfo in a case, which its 必填 column (否) cannot say and the
// catalogue therefore does not check: the certificates of the authType
// (三证, 1 and the default: businessLicense, organizationCode and
// taxRegister; 一证, 2: uniCredit), and province and city sent together.
// The call passes with a required-param note, or fails with --strict, as
// the real environment refuses it (10001).
func (a *app) checkCompanyConditions(info params) *soa.Error {
	authType := authTypeOf(info)
	if missing := absent(info, certificatesOf(authType)...); len(missing) > 0 {
		return a.lenient(ruleRequired, "10001", "companyBasicInfo.%s: spec §5.4 requires it for authType %d (%s)",
			strings.Join(missing, ", "), authType, authTypeName(authType))
	}
	if missing := absent(info, "province", "city"); len(missing) == 1 {
		return a.lenient(ruleRequired, "10001", "companyBasicInfo.%s: spec §5.4 takes the bank's province and city together",
			missing[0])
	}
	return nil
}

// authTypeOf is companyBasicInfo's authType, 三证 when it is left out.
func authTypeOf(info params) int64 {
	if info.str("authType") == "" {
		return authThreeCertificates
	}
	return info.num("authType")
}

// certificatesOf are the certificate keys an authType requires.
func certificatesOf(authType int64) []string {
	switch authType {
	case authThreeCertificates:
		return []string{"businessLicense", "organizationCode", "taxRegister"}
	case authOneCertificate:
		return []string{"uniCredit"}
	}
	return nil
}

// authTypeName is the spec's name of an authType.
func authTypeName(authType int64) string {
	if authType == authOneCertificate {
		return "一证: the unified social credit code"
	}
	return "三证, the default: business licence, organisation code and tax registration"
}

// absent are the keys of p that are missing or empty.
func absent(p params, keys ...string) []string {
	var out []string
	for _, k := range keys {
		if p.str(k) == "" {
			out = append(out, k)
		}
	}
	return out
}
