package client

import "context"

// SetRealNameRequest real-names a personal member. IdentityNo is plain text:
// the client encrypts it. IsAuth nil leaves the platform's default (true).
type SetRealNameRequest struct {
	BizUserID    string `json:"bizUserId"`
	IsAuth       *bool  `json:"isAuth,omitempty"`
	Name         string `json:"name"`
	IdentityType int    `json:"identityType"`
	IdentityNo   string `json:"identityNo"`
}

// SetRealNameResponse is the answer of SetRealName, IdentityNo decrypted.
type SetRealNameResponse struct {
	BizUserID    string `json:"bizUserId"`
	Name         string `json:"name"`
	IdentityType int    `json:"identityType"`
	IdentityNo   string `json:"identityNo"`
}

// SetRealName calls MemberService.setRealName. An invalid ID card number is
// a *Error with Code "30012"; a member already real-named is "30007".
func (c *Client) SetRealName(ctx context.Context, req SetRealNameRequest) (*SetRealNameResponse, error) {
	return typed[SetRealNameResponse](ctx, c, "MemberService", "setRealName", req)
}

// CompanyBasicInfo is an enterprise's data for SetCompanyInfo. LegalIDs and
// AccountNo are plain text: the client encrypts them.
type CompanyBasicInfo struct {
	CompanyName      string `json:"companyName"`
	CompanyAddress   string `json:"companyAddress,omitempty"`
	AuthType         int    `json:"authType,omitempty"`
	UniCredit        string `json:"uniCredit,omitempty"`
	BusinessLicense  string `json:"businessLicense,omitempty"`
	OrganizationCode string `json:"organizationCode,omitempty"`
	TaxRegister      string `json:"taxRegister,omitempty"`
	ExpLicense       string `json:"expLicense,omitempty"`
	Telephone        string `json:"telephone,omitempty"`
	LegalName        string `json:"legalName"`
	IdentityType     int    `json:"identityType"`
	LegalIDs         string `json:"legalIds"`
	LegalPhone       string `json:"legalPhone"`
	AccountNo        string `json:"accountNo"`
	ParentBankName   string `json:"parentBankName"`
	BankCityNo       string `json:"bankCityNo,omitempty"`
	BankName         string `json:"bankName"`
	UnionBank        string `json:"unionBank"`
	Province         string `json:"province,omitempty"`
	City             string `json:"city,omitempty"`
}

// SetCompanyInfoRequest submits an enterprise member for audit; the outcome
// is also notified to BackURL (MemberService/verifyResult).
type SetCompanyInfoRequest struct {
	BizUserID        string           `json:"bizUserId"`
	BackURL          string           `json:"backUrl,omitempty"`
	IsAuth           bool             `json:"isAuth"`
	CompanyBasicInfo CompanyBasicInfo `json:"companyBasicInfo"`
}

// SetCompanyInfoResponse is the audit: Result AuditApproved or AuditRejected
// (with FailReason). Result is answered to an online audit (IsAuth true)
// only, as spec §4.1.6 says; after a manual one it is 0, and the outcome
// comes by the verifyResult notification and GetMemberInfo.
type SetCompanyInfoResponse struct {
	BizUserID  string `json:"bizUserId"`
	Result     int    `json:"result"`
	FailReason string `json:"failReason"`
	Remark     string `json:"remark"`
}

// SetCompanyInfo calls MemberService.setCompanyInfo.
func (c *Client) SetCompanyInfo(ctx context.Context, req SetCompanyInfoRequest) (*SetCompanyInfoResponse, error) {
	return typed[SetCompanyInfoResponse](ctx, c, "MemberService", "setCompanyInfo", req)
}

// MemberInfo is getMemberInfo's memberInfo: the personal keys (Name,
// UserState, IdentityCardNo, RegisterTime, Source, ...) and the enterprise
// keys (CompanyName, LegalIDs, Status, ...) together; each member fills its
// own. The sensitive fields are decrypted.
type MemberInfo struct {
	UserID            string `json:"userId"`
	Phone             string `json:"phone"`
	IsPhoneChecked    bool   `json:"isPhoneChecked"`
	IsSignContract    bool   `json:"isSignContract"`
	ContractNo        string `json:"contractNo"`
	RegisterTime      string `json:"registerTime"`
	Source            int    `json:"source"`
	Name              string `json:"name"`
	UserState         int    `json:"userState"`
	IdentityCardNo    string `json:"identityCardNo"`
	IsIdentityChecked bool   `json:"isIdentityChecked"`
	IsSetPayPwd       bool   `json:"isSetPayPwd"`
	RealNameTime      string `json:"realNameTime"`
	CompanyName       string `json:"companyName"`
	CompanyAddress    string `json:"companyAddress"`
	LegalName         string `json:"legalName"`
	IdentityType      int    `json:"identityType"`
	LegalIDs          string `json:"legalIds"`
	LegalPhone        string `json:"legalPhone"`
	AccountNo         string `json:"accountNo"`
	ParentBankName    string `json:"parentBankName"`
	UniCredit         string `json:"uniCredit"`
	BusinessLicense   string `json:"businessLicense"`
	Status            int    `json:"status"`
	CheckTime         string `json:"checkTime"`
	FailReason        string `json:"failReason"`
	Remark            string `json:"remark"`
	SignContractTime  string `json:"signContractTime"`
	AcctOrgType       int    `json:"acctOrgType"` // after CreateBankSubAcctNo: 1 华通银行
	SubAcctNo         string `json:"subAcctNo"`
	AuthType          int    `json:"authType"`
	BankName          string `json:"bankName"`
	UnionBank         string `json:"unionBank"`
}

// GetMemberInfoResponse is the answer of GetMemberInfo.
type GetMemberInfoResponse struct {
	BizUserID  string     `json:"bizUserId"`
	MemberType int        `json:"memberType"`
	MemberInfo MemberInfo `json:"memberInfo"`
}

// bizUserRequest is the param of the calls that name only a member.
type bizUserRequest struct {
	BizUserID string `json:"bizUserId"`
}

// GetMemberInfo calls MemberService.getMemberInfo.
func (c *Client) GetMemberInfo(ctx context.Context, bizUserID string) (*GetMemberInfoResponse, error) {
	return typed[GetMemberInfoResponse](ctx, c, "MemberService", "getMemberInfo", bizUserRequest{bizUserID})
}
