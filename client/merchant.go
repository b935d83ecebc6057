package client

import "context"

// accountSetRequest names an account set.
type accountSetRequest struct {
	AccountSetNo string `json:"accountSetNo"`
}

// MerchantBalanceResponse is the platform's own balance in an account set:
// the fees it earned and what it holds (FreezeAmount: this one is spelled
// right, unlike BalanceResponse's).
type MerchantBalanceResponse struct {
	AllAmount    int64 `json:"allAmount"`
	FreezeAmount int64 `json:"freezeAmount"`
}

// QueryMerchantBalance calls MerchantService.queryMerchantBalance.
func (c *Client) QueryMerchantBalance(ctx context.Context, accountSetNo string) (*MerchantBalanceResponse, error) {
	return typed[MerchantBalanceResponse](ctx, c, "MerchantService", "queryMerchantBalance", accountSetRequest{accountSetNo})
}

// ReserveFundBalanceResponse is the reserve fund; the platform answers it
// in snake_case.
type ReserveFundBalanceResponse struct {
	AccountNo   string `json:"account_no"`
	AccountName string `json:"account_name"`
	Balance     int64  `json:"balance"`
	DefClr      int64  `json:"def_clr"`
}

// QueryReserveFundBalance calls MerchantService.queryReserveFundBalance.
func (c *Client) QueryReserveFundBalance(ctx context.Context) (*ReserveFundBalanceResponse, error) {
	return typed[ReserveFundBalanceResponse](ctx, c, "MerchantService", "queryReserveFundBalance", struct{}{})
}

// GetCheckAccountFileRequest asks for a day's reconciliation file.
type GetCheckAccountFileRequest struct {
	Date     string `json:"date"` // yyyyMMdd
	FileType int64  `json:"fileType,omitempty"`
}

// CheckAccountFileResponse holds where to download the file.
type CheckAccountFileResponse struct {
	URL string `json:"url"`
}

// GetCheckAccountFile calls MerchantService.getCheckAccountFile.
func (c *Client) GetCheckAccountFile(ctx context.Context, req GetCheckAccountFileRequest) (*CheckAccountFileResponse, error) {
	return typed[CheckAccountFileResponse](ctx, c, "MerchantService", "getCheckAccountFile", req)
}
