package soa

// merchantMethods is MerchantService, PROTOCOL.md §7 and spec §4.3 (the transfer-in notification
// of §4.3.3 is not a method: the emulator's ReserveFundIn makes it).
func merchantMethods() []Method {
	return []Method{
		{Service: MerchantService, Name: "queryMerchantBalance", Doc: "The platform's own balance in an account set.",
			Params:  params(str("accountSetNo").req()),
			Returns: params(integer("allAmount").req(), integer("freezeAmount").req())},
		{Service: MerchantService, Name: "queryReserveFundBalance",
			Doc:    "The reserve fund (通联通头寸, spec §4.3.1); the answer's keys are snake_case.",
			Params: params(str("sysid")),
			Returns: params(str("account_no").req(), str("account_name").req(), integer("balance").req(),
				integer("def_clr").req())},
		{Service: MerchantService, Name: "getCheckAccountFile", Doc: "The URL of a day's reconciliation file.",
			Params:  params(methodDate("date", "yyyyMMdd").req(), integer("fileType").oneOf("1 detail, 2 summary", "1", "2")),
			Returns: params(str("url").req())},
		{Service: MerchantService, Name: "queryBankBalance",
			Doc: "The platform's bank custody account balance (spec §4.3.5).",
			Params: params(integer("acctOrgType").req().oneOf("1 华通银行, 3 上海银行 (金服宝), 4 招商银行 (金服宝)", "1", "3", "4"),
				str("acctNo").req(), str("acctName").req(), methodDate("date", "yyyyMMdd")),
			Returns: params(integer("acctOrgType").req(), str("acctNo").req(), str("acctName").req(),
				integer("balance").req(),
				str("acctStatus").oneOf("00 normal, 01 frozen; acctOrgType 3 and 4 only", "00", "01"))},
	}
}
