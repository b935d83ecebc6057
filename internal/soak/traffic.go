package soak

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/tsymock/tsymock/client"
	"github.com/tsymock/tsymock/keys/demo"
)

// Test data the journeys use (the specification's test values, as the
// e2e tests use them).
const (
	escrowSet  = client.AccountSetEscrow
	personName = "张三"
	personID   = "110101199001011237"
	smsCode    = "111111" // tsymock's default --verification-code
	phone      = "13800000001"
	cardNo     = "6228480000000000001" // 中国农业银行 debit
	consumerIP = "127.0.0.1"
)

// Worker is one merchant system calling tsymock: a sysid, its SDK
// client, and where its notifications and pages return.
type Worker struct {
	// Name starts every bizUserId and bizOrderNo the worker makes: unique
	// across the workers and the lives of a run.
	Name  string
	SysID string
	Acked *Acked
	c     *client.Client
	now   func() time.Time
	back  string // backUrl
	shop  string // the member every payment goes to
}

// NewWorker is a worker calling base as sysid with the demo merchant key,
// stamping its requests with now (the server's clock), notified at back.
func NewWorker(base, sysid, name, back string, now func() time.Time, acked *Acked) (*Worker, error) {
	m, err := demo.Load()
	if err != nil {
		return nil, err
	}
	c, err := client.New(base, sysid, m.MerchantKey, m.PlatformCert, client.WithClock(now))
	if err != nil {
		return nil, err
	}
	return &Worker{Name: name, SysID: sysid, Acked: acked, c: c, now: now, back: back}, nil
}

// Run runs journeys one after another until ctx is done or the server is
// gone, and returns how many it finished.
func (w *Worker) Run(ctx context.Context) int {
	n := 0
	for ctx.Err() == nil {
		if err := w.Journey(ctx, n); errors.Is(err, ErrGone) {
			return n
		}
		n++
	}
	return n
}

// step is one step of a journey, for member id.
type step func(ctx context.Context, id string) error

// Journey is one member's life, through every service: made, real-named,
// a phone and a card bound (MemberService); money deposited from the card,
// a payment, a collection and its payout, a refund, a withdrawal, a
// freeze (OrderService), each order notified; its payment password set
// on the page (MemberPwdService); queries of every kind, the merchant's
// among them (MerchantService); locked and unlocked. It stops at the
// first call that is not answered OK, and returns ErrGone when the server
// is gone.
func (w *Worker) Journey(ctx context.Context, i int) error {
	if w.shop == "" {
		w.shop = w.Name + "-shop"
		if err := w.create(ctx, w.shop); err != nil {
			w.shop = ""
			return err
		}
	}
	id := fmt.Sprintf("%s-%d", w.Name, i)
	for _, s := range []step{w.create, w.realName, w.bindPhone, w.bindCard, w.deposit, w.consume, w.collect,
		w.payout, w.refund, w.withdraw, w.freeze, w.payPassword, w.queries, w.lock} {
		if err := s(ctx, id); err != nil {
			return err
		}
	}
	return nil
}

func (w *Worker) answered(what, id string, err error) error {
	return w.Acked.answered(fmt.Sprintf("%s %s %s", w.SysID, what, id), err)
}

func (w *Worker) create(ctx context.Context, id string) error {
	_, err := w.c.CreateMember(ctx, client.CreateMemberRequest{BizUserID: id, MemberType: client.MemberPersonal,
		Source: client.SourceMobile})
	if err := w.answered("createMember", id, err); err != nil {
		return err
	}
	w.Acked.member(w.SysID, id)
	return nil
}

func (w *Worker) realName(ctx context.Context, id string) error {
	_, err := w.c.SetRealName(ctx, client.SetRealNameRequest{BizUserID: id, Name: personName,
		IdentityType: client.IdentityIDCard, IdentityNo: personID})
	return w.answered("setRealName", id, err)
}

func (w *Worker) bindPhone(ctx context.Context, id string) error {
	_, err := w.c.SendVerificationCode(ctx, client.SendVerificationCodeRequest{BizUserID: id, Phone: phone,
		VerificationCodeType: client.VerificationCodeBind})
	if err := w.answered("sendVerificationCode", id, err); err != nil {
		return err
	}
	_, err = w.c.BindPhone(ctx, client.PhoneCodeRequest{BizUserID: id, Phone: phone, VerificationCode: smsCode})
	return w.answered("bindPhone", id, err)
}

func (w *Worker) bindCard(ctx context.Context, id string) error {
	ap, err := w.c.ApplyBindBankCard(ctx, client.ApplyBindBankCardRequest{BizUserID: id, CardNo: cardNo, Phone: phone,
		Name: personName, IdentityType: client.IdentityIDCard, IdentityNo: personID})
	if err := w.answered("applyBindBankCard", id, err); err != nil {
		return err
	}
	_, err = w.c.BindBankCard(ctx, client.BindBankCardRequest{BizUserID: id, TranceNum: ap.TranceNum,
		TransDate: ap.TransDate, Phone: phone, VerificationCode: smsCode})
	return w.answered("bindBankCard", id, err)
}

// order records an order answered OK, notified to the receiver.
func (w *Worker) order(what, no string, err error) error {
	if err := w.answered(what, no, err); err != nil {
		return err
	}
	w.Acked.order(w.SysID, no, true)
	return nil
}

func (w *Worker) deposit(ctx context.Context, id string) error {
	no := "d-" + id
	_, err := w.c.DepositApply(ctx, client.DepositApplyRequest{BizOrderNo: no, BizUserID: id, AccountSetNo: escrowSet,
		Amount: 20000, ValidateType: client.ValidateSMS, BackURL: w.back, PayMethod: client.QuickPay(cardNo, 20000),
		IndustryCode: "1910", IndustryName: "其他", Source: client.SourceMobile})
	if err := w.answered("depositApply", no, err); err != nil {
		return err
	}
	_, err = w.c.Pay(ctx, client.PayRequest{BizUserID: id, BizOrderNo: no, VerificationCode: smsCode, ConsumerIP: consumerIP})
	return w.order("pay", no, err)
}

func (w *Worker) consume(ctx context.Context, id string) error {
	_, err := w.c.ConsumeApply(ctx, client.ConsumeApplyRequest{PayerID: id, ReceiverID: w.shop, BizOrderNo: "c-" + id,
		Amount: 3000, BackURL: w.back, PayMethod: client.Balance(escrowSet, 3000), IndustryCode: "1910",
		IndustryName: "其他", Source: client.SourceMobile})
	return w.order("consumeApply", "c-"+id, err)
}

func (w *Worker) collect(ctx context.Context, id string) error {
	_, err := w.c.AgentCollectApply(ctx, client.AgentCollectApplyRequest{BizOrderNo: "k-" + id, PayerID: id,
		ReceiverList: []client.Receiver{{BizUserID: w.shop, Amount: 4000}}, TradeCode: "3001", Amount: 4000,
		BackURL: w.back, PayMethod: client.Balance(escrowSet, 4000), IndustryCode: "1910", IndustryName: "其他",
		Source: client.SourceMobile})
	return w.order("agentCollectApply", "k-"+id, err)
}

func (w *Worker) payout(ctx context.Context, id string) error {
	_, err := w.c.SignalAgentPay(ctx, client.SignalAgentPayRequest{BizOrderNo: "p-" + id, BizUserID: w.shop,
		AccountSetNo: escrowSet, CollectPayList: []client.CollectPay{{BizOrderNo: "k-" + id, Amount: 4000}},
		BackURL: w.back, Amount: 4000, TradeCode: "4001"})
	return w.order("signalAgentPay", "p-"+id, err)
}

func (w *Worker) refund(ctx context.Context, id string) error {
	_, err := w.c.Refund(ctx, client.RefundRequest{BizOrderNo: "r-" + id, OriBizOrderNo: "c-" + id, BizUserID: id,
		Amount: 1000, BackURL: w.back})
	return w.order("refund", "r-"+id, err)
}

func (w *Worker) withdraw(ctx context.Context, id string) error {
	_, err := w.c.WithdrawApply(ctx, client.WithdrawApplyRequest{BizOrderNo: "w-" + id, BizUserID: id,
		AccountSetNo: escrowSet, Amount: 1000, BackURL: w.back, BankCardNo: cardNo, WithdrawType: "D0",
		IndustryCode: "1910", IndustryName: "其他", Source: client.SourceMobile})
	return w.order("withdrawApply", "w-"+id, err)
}

func (w *Worker) freeze(ctx context.Context, id string) error {
	req := client.FreezeRequest{BizUserID: id, BizFreezenNo: "f-" + id, AccountSetNo: escrowSet, Amount: 500}
	_, err := w.c.FreezeMoney(ctx, req)
	if err := w.answered("freezeMoney", id, err); err != nil {
		return err
	}
	_, err = w.c.UnfreezeMoney(ctx, req)
	return w.answered("unfreezeMoney", id, err)
}

func (w *Worker) lock(ctx context.Context, id string) error {
	_, err := w.c.LockMember(ctx, id)
	if err := w.answered("lockMember", id, err); err != nil {
		return err
	}
	_, err = w.c.UnlockMember(ctx, id)
	return w.answered("unlockMember", id, err)
}

// queries asks what the journey made, as a merchant's back office does:
// every answer must be OK.
func (w *Worker) queries(ctx context.Context, id string) error {
	calls := []func() error{
		func() error { _, err := w.c.GetMemberInfo(ctx, id); return err },
		func() error { _, err := w.c.QueryBalance(ctx, id, escrowSet); return err },
		func() error { _, err := w.c.GetOrderDetail(ctx, "c-"+id); return err },
		func() error { _, err := w.c.QueryBankCard(ctx, client.QueryBankCardRequest{BizUserID: id}); return err },
		func() error {
			now := w.now()
			_, err := w.c.QueryInExpDetail(ctx, client.QueryInExpDetailRequest{BizUserID: id, AccountSetNo: escrowSet,
				DateStart: now.AddDate(0, 0, -1).Format(time.DateOnly), DateEnd: now.Format(time.DateOnly),
				StartPosition: 1, QueryNum: 10})
			return err
		},
		func() error { _, err := w.c.QueryMerchantBalance(ctx, escrowSet); return err },
		func() error { _, err := w.c.QueryReserveFundBalance(ctx); return err },
	}
	for _, call := range calls {
		if err := w.answered("query", id, call()); err != nil {
			return err
		}
	}
	return nil
}

// tokenPattern finds a page's hidden token.
var tokenPattern = regexp.MustCompile(`name="token" value="([^"]+)"`)

// payPassword sets the member's payment password on the setPayPwd page
// (MemberPwdService, spec §4.1.23), as a browser does: it opens the page
// and presses confirm; the page returns to jumpUrl (a 303).
func (w *Worker) payPassword(ctx context.Context, id string) error {
	page, err := w.c.PageURL("", client.PageSetPayPwd, "MemberPwdService", "setPayPwd", client.PayPwdPageParams{
		BizUserID: id, Name: personName, IdentityType: client.IdentityIDCard, IdentityNo: personID, Phone: phone,
		JumpURL: w.back + "/jump", BackURL: w.back})
	if err != nil {
		return w.answered("setPayPwd page", id, err)
	}
	browser := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	status, body, err := visit(ctx, browser, http.MethodGet, page, nil)
	m := tokenPattern.FindStringSubmatch(body)
	switch {
	case err != nil:
		return ErrGone
	case status != http.StatusOK || m == nil:
		return w.answered("setPayPwd page", id, fmt.Errorf("%w: open: HTTP %d: %.300s", errPage, status, body))
	}
	u, _ := url.Parse(page)
	u.RawQuery = ""
	status, body, err = visit(ctx, browser, http.MethodPost, u.String(), url.Values{"token": {m[1]}, "action": {"confirm"},
		"password": {"123456"}, "password2": {"123456"}})
	switch {
	case err != nil:
		return ErrGone
	case status != http.StatusSeeOther:
		return w.answered("setPayPwd page", id, fmt.Errorf("%w: confirm: HTTP %d: %.300s", errPage, status, body))
	}
	w.Acked.page()
	return nil
}

// errPage is a page that did not answer as a browser expects.
var errPage = errors.New("soak: a page answered wrongly")

// visit is a browser's request: its status and body, or err when there
// was no answer.
func visit(ctx context.Context, browser *http.Client, method, u string, form url.Values) (int, string, error) {
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequestWithContext(ctx, method, u, body)
	if err != nil {
		return 0, "", err
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	resp, err := browser.Do(req)
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	return resp.StatusCode, string(b), err
}
