package client

// PayMethod is the payMethod param of an order: one method name and its
// body, e.g. {"QUICKPAY_VSP":{"amount":100,"bankCardNo":"..."}}. Build it
// with Balance, QuickPay, Gateway or PayWith, or as a map for a body with
// more keys. A bankCardNo in any body is plain text: the client encrypts it.
type PayMethod map[string]any

// BalanceItem is one account set a BALANCE payment takes money from.
type BalanceItem struct {
	AccountSetNo string `json:"accountSetNo"`
	Amount       int64  `json:"amount"`
}

// CardPayment is the body of a QUICKPAY_* method: a bound card.
type CardPayment struct {
	BankCardNo string `json:"bankCardNo"`
	Amount     int64  `json:"amount"`
}

// Balance pays from the payer's balance in accountSetNo. With ValidateNone,
// the zero ValidateType the request structs send, it completes at once; a
// request that leaves validateType out waits for Pay with the SMS code
// (the platform's default, spec §4.2.4, §4.2.5).
func Balance(accountSetNo string, amount int64) PayMethod {
	return PayMethod{"BALANCE": []BalanceItem{{AccountSetNo: accountSetNo, Amount: amount}}}
}

// QuickPay pays from a card bound to the payer (QUICKPAY_VSP). Sent with
// validateType 0 it is paid at once (spec §5.2); with ValidateSMS, or left
// out, it is pending until Pay confirms it with the SMS code. DepositApply
// leaves a zero ValidateType out (so it waits for Pay); ConsumeApply and
// AgentCollectApply always send it, so set ValidateSMS there to wait.
func QuickPay(bankCardNo string, amount int64) PayMethod {
	return PayMethod{"QUICKPAY_VSP": CardPayment{BankCardNo: bankCardNo, Amount: amount}}
}

// Gateway pays on the bank's page (GATEWAY_VSP, personal online banking:
// paytype B2C); the order is pending and its answer's PayInfo says where to
// send the user.
func Gateway(amount int64) PayMethod {
	return PayMethod{"GATEWAY_VSP": map[string]any{"amount": amount, "paytype": "B2C"}}
}

// PayWith is a method whose body holds only the amount, such as
// "QQ_WALLET", "ALLINPAY_WALLET_H5" or "MOBILEAPPPAY_VSP". Methods whose
// body has more keys (spec §5.2), such as SCAN_WEIXIN's limitPay, are
// written as a PayMethod map.
func PayWith(name string, amount int64) PayMethod {
	return PayMethod{name: map[string]int64{"amount": amount}}
}
