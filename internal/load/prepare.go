package load

import (
	"context"
	"fmt"
	"runtime"
	"strconv"
	"sync"

	"github.com/tsymock/tsymock/client"
)

// The modes of a load run.
const (
	// ModeCreateMember sends createMember calls with distinct bizUserIds:
	// the whole path, emulator included, and a fresh signature per answer.
	ModeCreateMember = "create-member"
	// ModeCanned sends one queryBalance call over and over, for a server
	// started with --scenarios builtin:balances, whose rule answers it
	// with a fixed body.
	ModeCanned = "canned"
)

// CannedBizUserID is the member whose balance builtin:balances answers.
const CannedBizUserID = "rich"

// CreateMemberReq is the req text of one createMember call.
func CreateMemberReq(bizUserID string) string {
	return `{"service":"MemberService","method":"createMember","param":{"bizUserId":` +
		strconv.Quote(bizUserID) + `,"memberType":3,"source":1}}`
}

// QueryBalanceReq is the req text of the canned call.
func QueryBalanceReq() string {
	return `{"service":"OrderService","method":"queryBalance","param":{"bizUserId":"` +
		CannedBizUserID + `","accountSetNo":"200126"}}`
}

// CreateMemberReqs are n createMember calls with bizUserIds prefix0,
// prefix1, ...: distinct, so each succeeds once, and a new prefix keeps a
// second run against the same server from colliding with the first.
func CreateMemberReqs(prefix string, n int) []string {
	reqs := make([]string, n)
	for i := range reqs {
		reqs[i] = CreateMemberReq(prefix + strconv.Itoa(i))
	}
	return reqs
}

// Prepare signs every req with c, on every core, and returns the complete
// HTTP requests for the server at addr. It is the slow part (a 2048-bit
// RSA sign each), which is why it happens before the timed phase.
func Prepare(ctx context.Context, c *client.Client, addr string, reqs []string) ([][]byte, error) {
	out := make([][]byte, len(reqs))
	errs := make(chan error, 1)
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(reqs) && ctx.Err() == nil; i += workers {
				form, err := c.Sign(reqs[i])
				if err != nil {
					select {
					case errs <- err:
					default:
					}
					return
				}
				out[i] = Request(addr, form.Encode())
			}
		})
	}
	wg.Wait()
	select {
	case err := <-errs:
		return nil, fmt.Errorf("load: sign requests: %w", err)
	default:
	}
	return out, ctx.Err()
}

// Request is the complete HTTP/1.1 POST of a form to /service/soa at addr,
// as the official Java SDK sends it.
func Request(addr, form string) []byte {
	return fmt.Appendf(nil, "POST /service/soa HTTP/1.1\r\nHost: %s\r\nUser-Agent: tsymock-load\r\n"+
		"Content-Type: application/x-www-form-urlencoded;charset=utf-8\r\nContent-Length: %d\r\n\r\n%s",
		addr, len(form), form)
}
