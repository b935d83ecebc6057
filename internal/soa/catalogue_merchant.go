package soa

// merchantMethods is MerchantService, PROTOCOL.md §7.
func merchantMethods() []Method {
	return []Method{
		{Service: MerchantService, Name: "queryMerchantBalance", Doc: "The platform's own balance in an account set.",
			Params:  params(str("accountSetNo").req()),
			Returns: params(integer("allAmount"), integer("freezeAmount"))},
		{Service: MerchantService, Name: "queryReserveFundBalance",
			Doc:    "The reserve fund; the answer's keys are snake_case.",
			Params: params(),
			Returns: params(str("account_no"), str("account_name"), integer("balance"),
				integer("def_clr"))},
		{Service: MerchantService, Name: "getCheckAccountFile", Doc: "The URL of a day's reconciliation file.",
			Params:  params(methodDate("date", "yyyyMMdd").req(), integer("fileType")),
			Returns: params(str("url"))},
	}
}
