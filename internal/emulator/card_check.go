package emulator

import (
	"fmt"
	"strings"
	"time"

	"github.com/tsymock/tsymock/internal/soa"
)

// cardCheck values, the binding methods of spec §6.18.
const (
	checkAccountThree = 1  // 通联通账户实名验证(三要素): binds at once, debit cards
	checkITS          = 2  // ITS 快捷: removed in spec 2.1.3
	checkRealNamePay  = 3  // 通联通实名付: bindBankCard with 11111, debit cards
	checkUnlisted     = 4  // not in §6.18
	checkAccountFour  = 5  // 通联通账户实名验证(四要素): binds at once, debit cards
	checkAgreement    = 6  // 通联通协议支付签约: bindBankCard; card endings simulate failures
	checkVspQuick     = 7  // 收银宝快捷支付签约: bindBankCard; the default since 2.1.3
	checkWanJianTong  = 8  // 万鉴通四要素: binds at once, debit and credit cards
	checkBackOffice   = 99 // bound in the back office, not through the API
)

// agreementCodeValidity is how long a cardCheck 6 SMS code can be used in
// the test environment (§6.18: 10 minutes); the other bindings wait
// applyValidity, tsymock's choice.
const agreementCodeValidity = 10 * time.Minute

// cardCheckOf reads cardCheck, 7 when it is not sent (§4.1.10).
func cardCheckOf(p params) int64 {
	if p.str("cardCheck") == "" {
		return checkVspQuick
	}
	return p.num("cardCheck")
}

// checkCardCheck refuses the cardChecks an API call cannot use, 10000
// naming why: 2 was removed in 2.1.3, 4 is not a method of §6.18, and 99 is
// done in the back office (tsymock's choice of code: 参数错误).
func checkCardCheck(cc int64) *soa.Error {
	switch cc {
	case checkITS:
		return soa.Errorf("10000", "cardCheck 2 (ITS 快捷) was removed in spec 2.1.3; use 6 or 7 (the default)")
	case checkUnlisted:
		return soa.Errorf("10000", "cardCheck 4 is not a binding method of spec §6.18 (1, 3, 5, 6, 7, 8)")
	case checkBackOffice:
		return soa.Errorf("10000", "cardCheck 99 is a binding made in the platform's back office (spec §6.18), "+
			"not through applyBindBankCard; use 1, 3, 5, 6, 7 or 8")
	}
	return nil
}

// bindsAtOnce reports whether a cardCheck binds without bindBankCard
// (§4.1.10 step 2, §6.18): 1, 5 and 8.
func bindsAtOnce(cc int64) bool {
	return cc == checkAccountThree || cc == checkAccountFour || cc == checkWanJianTong
}

// debitOnly reports whether a cardCheck refuses credit cards (§6.18).
func debitOnly(cc int64) bool {
	return cc == checkAccountThree || cc == checkRealNamePay || cc == checkAccountFour
}

// answersTranceNum reports whether applyBindBankCard answers a tranceNum
// for the cardCheck, and bindBankCard requires it (§4.1.10, §4.1.11).
func answersTranceNum(cc int64) bool { return cc == checkAgreement || cc == checkVspQuick }

// codeValidity is how long a pending binding of a cardCheck can be
// confirmed.
func codeValidity(cc int64) time.Duration {
	if cc == checkAgreement {
		return agreementCodeValidity
	}
	return applyValidity
}

// simulation is what one cardCheck 6 card ending simulates (§6.18).
type simulation struct {
	code, reason string
}

// agreementSimulation is the outcome cardCheck 6 simulates for a card
// number's last two digits: 01 to 04 fail as named, with the closest code
// of spec §7 (tsymock's choice, as the spec names none); every other
// ending succeeds. 00 (a credit card) is handled by the caller.
func agreementSimulation(cardNo string) (simulation, bool) {
	switch cardNo[len(cardNo)-2:] {
	case "01":
		return simulation{"30014", "手机号不一致"}, true
	case "02":
		return simulation{"30009", "身份证不一致"}, true
	case "03":
		return simulation{"30014", "卡号异常"}, true
	case "04":
		return simulation{"30009", "账号户名不一致"}, true
	}
	return simulation{}, false
}

// simulateAgreement runs the cardCheck 6 simulation for an application and
// returns the card type it stands for: a number ending 00 is a credit card,
// which needs validate or cvv2 (10001).
func simulateAgreement(cardNo string, p params, bin cardBin) (int64, *soa.Error) {
	if sim, ok := agreementSimulation(cardNo); ok {
		return 0, soa.Errorf(sim.code, "%s (the test environment's simulation for cardCheck 6 and a card number ending %s, "+
			"spec §6.18)", sim.reason, cardNo[len(cardNo)-2:])
	}
	credit := bin.cardType == cardCredit || strings.HasSuffix(cardNo, "00")
	if !credit {
		return cardDebit, nil
	}
	if p.str("validate") == "" && p.str("cvv2") == "" {
		return 0, soa.Errorf("10001", "validate or cvv2: card %s is a credit card (with cardCheck 6 a number ending 00 "+
			"stands for one, spec §6.18), which needs at least one of them", cardHint(cardNo))
	}
	return cardCredit, nil
}

// creditNeeds checks what a credit card must come with for the other
// cardChecks: 8 needs nothing (§4.1.10: 万鉴通 binds credit cards without
// them); the others need validate and cvv2 (10001, tsymock's choice, as
// §4.1.25 says for the phone change).
func creditNeeds(cc int64, p params, cardNo string) *soa.Error {
	if cc == checkWanJianTong {
		return nil
	}
	for _, k := range []string{"validate", "cvv2"} {
		if p.str(k) == "" {
			return soa.Errorf("10001", "%s (card %s is a credit card)", k, cardHint(cardNo))
		}
	}
	return nil
}

// cardCheckName is a cardCheck as messages name it.
func cardCheckName(cc int64) string { return fmt.Sprintf("cardCheck %d", cc) }
