package emulator

import (
	"strings"
	"time"

	"github.com/tsymock/tsymock/internal/soa"
)

// checkCompanyValues notes what companyBasicInfo sends outside the formats
// and the list spec §5.4 gives its keys, in the table's order: a
// companyName with ASCII brackets (如有括号，用中文格式（）), an expLicense not
// written yyyy-MM-dd, a legalPhone that is not an 11-digit mobile number (all
// param-format) and a parentBankName outside §6.21 (bank-name). The platform
// states the formats and the list but not when it holds a value to them (at
// the call or in its audit), so each is a note, refused with --strict as the
// first such value is. bankCityNo, province and city are not checked: §5.4
// and §6.19 name outside tables for them (the CCB's area codes, a province
// and city list on wenku.baidu.com) and give no format. Both audit modes are
// noted alike, the check coming before the audit. An op answered before
// RulesDec2026b replays without them, as their --strict refusal would change
// its answer.
func (a *app) checkCompanyValues(info params) *soa.Error {
	if a.before(RulesDec2026b) {
		return nil
	}
	for _, check := range []func(params) *soa.Error{a.checkCompanyName, a.checkExpLicense, a.checkLegalPhone,
		a.checkParentBank} {
		if serr := check(info); serr != nil {
			return serr
		}
	}
	return nil
}

// checkCompanyName notes a companyName with ASCII brackets (param-format;
// 10000 with --strict, tsymock's choice: §7 has no code for a name): §5.4
// wants a company's brackets Chinese, the way its licence writes them.
func (a *app) checkCompanyName(info params) *soa.Error {
	name := info.str("companyName")
	if !strings.ContainsAny(name, "()") {
		return nil
	}
	return a.lenient(ruleParamFormat, "10000", "companyBasicInfo.companyName %q: spec §5.4 wants its brackets "+
		"Chinese (如有括号，用中文格式（）), e.g. %q", name, strings.NewReplacer("(", "（", ")", "）").Replace(name))
}

// checkExpLicense notes an expLicense that is not a real day written
// yyyy-MM-dd (param-format; 40044 日期格式有误 with --strict, §7's code for
// a date's format): §5.4 格式：yyyy-MM-dd.
func (a *app) checkExpLicense(info params) *soa.Error {
	exp := info.str("expLicense")
	if exp == "" {
		return nil
	}
	if _, err := time.Parse(time.DateOnly, exp); err == nil {
		return nil
	}
	return a.lenient(ruleParamFormat, "40044", "companyBasicInfo.expLicense %q: spec §5.4 wants the licence's expiry "+
		"as a day written yyyy-MM-dd (格式：yyyy-MM-dd), e.g. 2030-12-31", exp)
}

// checkLegalPhone notes a legalPhone that is not an 11-digit mainland
// mobile number (param-format; 10000 with --strict, the code of a member's
// phone to bind, checkMobile): §5.4 asks the legal person's mobile number
// (法人手机号码), and the one phone format the spec states is 11 digits
// (§6.18: 手机号：11 位).
func (a *app) checkLegalPhone(info params) *soa.Error {
	phone := info.str("legalPhone")
	if phone == "" || isMobile(phone) {
		return nil
	}
	return a.lenient(ruleParamFormat, "10000", "companyBasicInfo.legalPhone %q: not an 11-digit mobile number; spec "+
		"§5.4 asks the legal person's mobile (法人手机号码), and the spec's phones are 11 digits (§6.18: 手机号：11 位)", phone)
}

// checkParentBank notes a parentBankName that is not one of spec §6.21's
// bank names as the list writes it (RuleBankName; 10000 with --strict,
// tsymock's choice: §7 has no code for a bank's name): §5.4 需严格按照银行列
// 表上送. The message names the listed name the value holds or differs
// from by its brackets, when there is one.
func (a *app) checkParentBank(info params) *soa.Error {
	name := info.str("parentBankName")
	if name == "" || soa.IsCorporateBank(name) {
		return nil
	}
	hint := ""
	if listed, ok := nearestCorporateBank(name); ok {
		hint = ", which has " + listed
	}
	return a.lenient(RuleBankName, "10000", "companyBasicInfo.parentBankName %q: spec §5.4 sends the bank's name "+
		"exactly as §6.21 lists it (需严格按照银行列表上送; the branch goes in bankName), and it is not in the list%s",
		name, hint)
}

// nearestCorporateBank is the name of spec §6.21 that name differs from by
// its brackets only (the list writes 大华银行（中国） but 花旗银行(中国)有限公司),
// else the longest one that name holds (中国农业银行 in 中国农业银行杭州分行).
func nearestCorporateBank(name string) (string, bool) {
	swapped := strings.NewReplacer("(", "（", ")", "）", "（", "(", "）", ")").Replace(name)
	if soa.IsCorporateBank(swapped) {
		return swapped, true
	}
	best := ""
	for _, b := range soa.CorporateBanks() {
		if strings.Contains(name, b) && len(b) > len(best) {
			best = b
		}
	}
	return best, best != ""
}
