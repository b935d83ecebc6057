package client

import (
	"context"
	"encoding/json"
	"fmt"
)

// Member types and request sources of createMember.
const (
	MemberEnterprise = 2
	MemberPersonal   = 3
	SourceMobile     = 1
	SourcePC         = 2
)

// CreateMemberRequest registers a member.
type CreateMemberRequest struct {
	BizUserID   string         `json:"bizUserId"`
	MemberType  int            `json:"memberType"`
	Source      int            `json:"source"`
	ExtendParam map[string]any `json:"extendParam,omitempty"`
}

// CreateMemberResponse is the platform's answer to createMember.
type CreateMemberResponse struct {
	BizUserID string `json:"bizUserId"`
	UserID    string `json:"userId"`
}

// CreateMember calls MemberService.createMember. A duplicate bizUserId is a
// *Error with Code "30000".
func (c *Client) CreateMember(ctx context.Context, req CreateMemberRequest) (*CreateMemberResponse, error) {
	var out CreateMemberResponse
	if err := c.call(ctx, "MemberService", "createMember", req, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// call is Call with the answer decoded into out.
func (c *Client) call(ctx context.Context, service, method string, param, out any) error {
	raw, err := c.Call(ctx, service, method, param)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(raw, out); err != nil {
		return fmt.Errorf("client: decode %s.%s answer: %w", service, method, err)
	}
	return nil
}
