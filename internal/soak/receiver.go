package soak

import (
	"crypto/rsa"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"net/http"
	"net/http/httptest"
	"sync"

	"github.com/tsymock/tsymock/keys"
)

// Receiver is a merchant's backUrl. It checks each notification's
// signature with the platform key and answers 200, but for a share of the
// orders: one order in Refuse (by a hash of its bizOrderNo) is answered
// 500 at every attempt, so that its attempts are used up, and the next
// one in Refuse at its first attempt only.
type Receiver struct {
	URL      string
	Refuse   uint32 // one order in Refuse is refused; 0 refuses none
	srv      *httptest.Server
	platform *rsa.PublicKey

	mu        sync.Mutex
	attempts  map[string]int  // by bizOrderNo
	delivered map[string]bool // answered 200
	others    int             // notifications that are not an order's
	bad       []error         // notifications that do not verify
}

// NewReceiver starts a receiver on a loopback port; platform verifies the
// notifications.
func NewReceiver(platform *rsa.PublicKey, refuse uint32) *Receiver {
	r := &Receiver{Refuse: refuse, platform: platform, attempts: map[string]int{}, delivered: map[string]bool{}}
	r.srv = httptest.NewServer(http.HandlerFunc(r.serve))
	r.URL = r.srv.URL
	return r
}

// Close stops the receiver.
func (r *Receiver) Close() { r.srv.Close() }

// Refuses reports whether bizOrderNo's notification is refused at every
// attempt.
func (r *Receiver) Refuses(bizOrderNo string) bool { return r.class(bizOrderNo) == 1 }

// class is 1 for an order refused always, 2 for one refused once, 0 else.
func (r *Receiver) class(bizOrderNo string) uint32 {
	if r.Refuse == 0 {
		return 0
	}
	h := fnv.New32a()
	_, _ = h.Write([]byte(bizOrderNo))
	switch h.Sum32() % r.Refuse {
	case 0:
		return 1
	case 1:
		return 2
	}
	return 0
}

func (r *Receiver) serve(w http.ResponseWriter, req *http.Request) {
	if err := req.ParseForm(); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	no, err := r.verify(req.PostForm.Get("sysid"), req.PostForm.Get("rps"), req.PostForm.Get("timestamp"), req.PostForm.Get("sign"))
	r.mu.Lock()
	defer r.mu.Unlock()
	switch {
	case err != nil:
		r.bad = append(r.bad, err)
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	case no == "":
		r.others++
		return
	}
	r.attempts[no]++
	c := r.class(no)
	if c == 1 || (c == 2 && r.attempts[no] == 1) {
		http.Error(w, "refused by the soak receiver", http.StatusInternalServerError)
		return
	}
	r.delivered[no] = true
}

// verify checks the sign over sysid + rps + timestamp and returns the
// bizOrderNo of an order's notification ("" for another).
func (r *Receiver) verify(sysid, rps, ts, sign string) (string, error) {
	if err := keys.Verify(r.platform, sysid+rps+ts, sign); err != nil {
		return "", fmt.Errorf("soak: a notification does not verify: %w: %.200s", err, rps)
	}
	var doc struct {
		Service     string `json:"service"`
		Method      string `json:"method"`
		ReturnValue struct {
			BizOrderNo string `json:"bizOrderNo"`
		} `json:"returnValue"`
	}
	if err := json.Unmarshal([]byte(rps), &doc); err != nil {
		return "", fmt.Errorf("soak: a notification's rps: %w", err)
	}
	if doc.Service != "OrderService" || doc.Method != "pay" {
		return "", nil
	}
	return doc.ReturnValue.BizOrderNo, nil
}

// Delivered reports whether bizOrderNo's notification was answered 200.
func (r *Receiver) Delivered(bizOrderNo string) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.delivered[bizOrderNo]
}

// ReceiverStats are the receiver's figures.
type ReceiverStats struct {
	Attempts, Delivered, Refused, Others int
	Bad                                  []error
}

// Stats counts what the receiver saw.
func (r *Receiver) Stats() ReceiverStats {
	r.mu.Lock()
	defer r.mu.Unlock()
	s := ReceiverStats{Delivered: len(r.delivered), Others: r.others, Bad: append([]error(nil), r.bad...)}
	for no, n := range r.attempts {
		s.Attempts += n
		if r.class(no) == 1 {
			s.Refused++
		}
	}
	return s
}
