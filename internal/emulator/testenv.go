package emulator

import "strings"

// The data the specification V2.1.5 documents for Allinpay's test
// environment (§4.1.9, §4.1.10 notes, §6.18). tsymock answers them as the
// test environment does, and reports the calls that would only pass here
// (see Portability and docs/methods.md "Test environment").

// testIdentity is a person the specification names in its test data. Its
// ID number need not be a valid one: the spec's own have impossible birth
// dates and wrong check digits, and the test environment takes them.
type testIdentity struct{ name, identityNo string }

// specIdentities are the test identities of §6.18: cardCheck 5's and 8's.
func specIdentities() []testIdentity {
	return []testIdentity{{"通商云", "310226123456745676"}, {"王小二", "610422198600000000"}}
}

// isSpecIdentity reports whether no is the ID number of a named test
// identity.
func isSpecIdentity(no string) bool {
	for _, id := range specIdentities() {
		if strings.EqualFold(no, id.identityNo) {
			return true
		}
	}
	return false
}

// testCardData is what a cardCheck's simulated bank verifies (§6.18): ""
// where it checks nothing.
type testCardData struct {
	name, cardNo, phone, identityNo, bankCode string
}

// specCardData is the named test data of the cardChecks that have some:
// 3 (only its phone), 5 and 8.
func specCardData(cardCheck int64) (testCardData, bool) {
	switch cardCheck {
	case checkRealNamePay:
		return testCardData{phone: "13616515002"}, true
	case checkAccountFour:
		return testCardData{name: "通商云", cardNo: "6228481234567898346", phone: "18019823456",
			identityNo: "310226123456745676", bankCode: "01030000"}, true
	case checkWanJianTong:
		return testCardData{name: "王小二", cardNo: "6228480402637874214", identityNo: "610422198600000000"}, true
	}
	return testCardData{}, false
}

// mismatch names the first value of the data that the call does not send,
// or "" when it sends them all.
func (d testCardData) mismatch(name, cardNo, phone, identityNo, bankCode string) string {
	for _, f := range []struct{ key, want, got string }{
		{"name", d.name, name}, {"cardNo", d.cardNo, cardNo}, {"phone", d.phone, phone},
		{"identityNo", d.identityNo, identityNo}, {"bankCode", d.bankCode, bankCode},
	} {
		if f.want != "" && !strings.EqualFold(f.want, f.got) {
			return f.key
		}
	}
	return ""
}

// Test-environment cards: 19 digits starting with one of testCardPrefixes
// (§4.1.9, §4.1.10 note 1).
const testCardLen = 19

func testCardPrefixes() []string { return []string{"622848", "622849"} }

// instalmentCards are the test credit cards of spec §5.2's 小通分期
// (InstallmentPayment_H5, lines 12172-12217; their holders, validity and
// CVN2 are in docs/methods.md): the test environment's own data for the
// method, which the 622848/622849 rule of §4.1.9 would not let through.
func instalmentCards() []string {
	return []string{
		"370248192322610", "370248476988912", // 15 digits: American Express
		"3568804670613413", "3568805952321414",
		"4367484351538915", "4367482248519416", "4367482364371517",
		"5187183912607018", "5187185946559119", "5187186653521420",
		"6259983921622221", "6259985385514822", "6259986239281023", "6259983790372424",
	}
}

// isTestCard reports whether the test environment takes cardNo.
func isTestCard(cardNo string) bool {
	if len(cardNo) != testCardLen {
		return false
	}
	for _, p := range testCardPrefixes() {
		if strings.HasPrefix(cardNo, p) {
			return true
		}
	}
	return false
}

// specialPhonePrefixes start the phones the test environment keeps for its
// own use, with which a binding may fail (§4.1.10 note 2).
func specialPhonePrefixes() []string {
	return []string{"151", "152", "153", "181", "182", "183", "188"}
}

// specialPhone returns the special prefix phone starts with, or "".
func specialPhone(phone string) string {
	for _, p := range specialPhonePrefixes() {
		if strings.HasPrefix(phone, p) {
			return p
		}
	}
	return ""
}

// realNamePaySMSCode is the SMS code of a cardCheck 3 binding in the test
// environment (§6.18), five digits where every other code has six.
const realNamePaySMSCode = "11111"

// agreementSMSCode is the SMS code of a cardCheck 6 binding in the test
// environment (§6.18: 短信验证码：111111), whatever code tsymock is
// configured to send.
const agreementSMSCode = "111111"

// NoPhone is what a member that never bound a phone sends as its phone or
// oldPhone to the payment-password pages (§4.1.23 notes 4 and 5).
const NoPhone = "88888888888"

// PlatformPhone is the phone the SMS code of the platform's own orders goes
// to (its withdrawal confirmed by pay, spec §4.2.3, §4.2.8), as resendPaySMS
// answers it (§4.2.25). On the real platform it is the phone the merchant
// registered in its portal, which tsymock does not know: a made-up mobile
// number (tsymock's choice). The code is the configured one, as every
// order's (§4.1.2 note 2: 测试环境下，短信验证码从管理后台中查看).
const PlatformPhone = "13000000000"
