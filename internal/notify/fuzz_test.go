package notify

import (
	"testing"
)

// FuzzReadBackfillAnswer: any answer a merchant sends to a back-fill is
// read without panicking, and one that is accepted names a merchantRet.
func FuzzReadBackfillAnswer(f *testing.F) {
	f.Fuzz(func(t *testing.T, body []byte) {
		a, err := readBackfillAnswer(body)
		if err == nil && a.MerchantRet == "" {
			t.Fatalf("accepted %q without merchantRet", body)
		}
	})
}
