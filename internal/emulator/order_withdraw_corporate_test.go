package emulator

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCorporateWithdrawal: an enterprise withdraws to its corporate
// account, the accountNo of its setCompanyInfo, with bankCardPro 1 (spec
// §4.2.3 bankCardNo 绑定的银行卡号/账号, bankCardPro 1 企业对公账户; §5.4
// accountNo); before, tsymock refused it with 30045 as an unbound card.
// Another number is 30045, a person's bankCardPro 1 10000, and the
// corporate account is no card for bankCardPro 0.
func TestCorporateWithdrawal(t *testing.T) {
	const corporate = "6228480000000000000" // companyParams' accountNo
	withdrawal := func(bizUserID, cardNo string, pro int) string {
		return fmt.Sprintf(`{"bizOrderNo":"w1","bizUserId":%q,"accountSetNo":"200126","amount":300,"fee":0,`+
			`"validateType":0,"backUrl":"http://127.0.0.1/n","bankCardNo":%q,"bankCardPro":%d,"industryCode":"1910",`+
			`"industryName":"其他","source":1}`, bizUserID, cardNo, pro)
	}
	tests := []struct {
		name, param, code string
	}{
		{"to its corporate account", withdrawal("c", corporate, 1), ""},
		{"to another account", withdrawal("c", "6228480000000000099", 1), "30045"},
		{"the corporate account as a card", withdrawal("c", corporate, 0), "30045"},
		{"a person's bankCardPro 1", withdrawal("buyer", corporate, 1), "10000"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newTest()
			market(t, e)
			mustMember(t, e, "createMember", map[string]any{"bizUserId": "c", "memberType": 2, "source": 2})
			mustMember(t, e, "setCompanyInfo", companyParams("好公司", true))
			ok(t, e, "applicationTransfer", `{"bizTransferNo":"fund-c","sourceAccountSetNo":"100001","targetBizUserId":"c","targetAccountSetNo":"200126","amount":1000}`)
			out := call(t, e, "OrderService", "withdrawApply", tt.param)
			if refused(t, out, tt.code) {
				all, _ := balance(t, e, "c")
				assert.Equal(t, int64(1000), all, "nothing moved")
				return
			}
			require.Equal(t, "success", out.Value["payStatus"])
			all, _ := balance(t, e, "c")
			assert.Equal(t, int64(700), all)
			evs := orderEvents(e, "w1")
			require.Len(t, evs, 1)
			assert.Equal(t, "622848*********0000", evs[0].ReturnValue["acct"], "the account, masked")
		})
	}
}
