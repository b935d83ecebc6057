// Command sdk-go calls tsymock through github.com/hhjpin/allinpay v0.2.1, a
// Go SDK for Tongshangyun from the module proxy, used unchanged. It is the
// runnable form of the Go guide in docs/sdks.md and docs/zh-CN/sdks.md: the
// guide's snippets are excerpts of this file, and a test of the main module
// (internal/doctest) builds it and runs it against a tsymock.
//
//	TZ=Asia/Shanghai ALLINPAY_SERVER_URL=http://127.0.0.1:6900/service/soa ALLINPAY_KEY_DIR=keys/demo go run .
//
// It exits 0 when every call answered as the guide says, 1 otherwise.
package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"
	_ "time/tzdata" // lets TZ=Asia/Shanghai resolve in a scratch or distroless image

	"github.com/hhjpin/allinpay"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "sdk-go:", err)
		os.Exit(1)
	}
}

func run() error {
	serverURL := getenv("ALLINPAY_SERVER_URL", "http://127.0.0.1:6900/service/soa")
	keyDir := getenv("ALLINPAY_KEY_DIR", "/opt/keys")
	pay, err := newPay(serverURL, keyDir)
	if err != nil {
		return fmt.Errorf("configure the SDK: %w", err)
	}
	bizUserID := fmt.Sprintf("sdk-go-%d", time.Now().UnixNano())
	resp, err := pay.RequestAndCheckStatus("MemberService", "createMember", map[string]interface{}{
		"bizUserId": bizUserID, "memberType": 3, "source": 1,
	})
	if err != nil {
		return fmt.Errorf("createMember: %w", err)
	}
	fmt.Println("createMember OK:", resp.SignedValue)
	return balances(pay, bizUserID)
}

// balances asks for the new member's balance in the escrow account set
// tsymock has by default, then in one it does not have (30019).
func balances(pay *allinpay.Pay, bizUserID string) error {
	resp, err := pay.RequestAndCheckStatus("OrderService", "queryBalance", map[string]interface{}{
		"bizUserId": bizUserID, "accountSetNo": "200126",
	})
	if err != nil {
		return fmt.Errorf("queryBalance 200126: %w", err)
	}
	fmt.Println("queryBalance 200126 OK:", resp.SignedValue)
	_, err = pay.RequestAndCheckStatus("OrderService", "queryBalance", map[string]interface{}{
		"bizUserId": bizUserID, "accountSetNo": "400193",
	})
	if err == nil {
		return errors.New("queryBalance 400193: answered OK, want 30019")
	}
	fmt.Println("queryBalance 400193 error:", err)
	return nil
}

// newPay configures the SDK for tsymock's demo application.
func newPay(serverURL, keyDir string) (*allinpay.Pay, error) {
	privateData, err := os.ReadFile(filepath.Join(keyDir, "TEST-ONLY-100000000002.key.pem")) // PKCS#8 PEM
	if err != nil {
		return nil, err
	}
	publicData, err := os.ReadFile(filepath.Join(keyDir, "TEST-ONLY-platform.cer")) // the platform certificate, PEM
	if err != nil {
		return nil, err
	}
	return allinpay.New(&allinpay.Config{
		RequestUrl:  serverURL, // the whole endpoint: http://127.0.0.1:6900/service/soa
		PrivateData: privateData,
		PublicData:  publicData,
		Sysid:       "100000000002",
	})
}

func getenv(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}
